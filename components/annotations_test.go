package components

import (
	"flag"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/annotate"
)

var update = flag.Bool("update", false, "rewrite generated files")

// Every type the provider schema shows is described from its Go doc comments.
func TestAnnotationsAreCurrent(t *testing.T) {
	got, err := annotate.Generate(".", []annotate.Type{
		{Name: "SharedServices", DocFile: "shared_services.md"}, {Name: "SharedServicesArgs"},
		{Name: "MLOpsWorkspace", DocFile: "mlops_workspace.md"}, {Name: "MLOpsWorkspaceArgs"},
		// Schema type names without Go's Args suffix: every SDK adds its own.
		{Name: "ComputeClusterArgs", Token: "ComputeCluster"}, {Name: "CustomerManagedKeyArgs", Token: "CustomerManagedKey"},
		{Name: "DataLifecycleArgs", Token: "DataLifecycle"}, {Name: "MonitorPrivateLinkScopeArgs", Token: "MonitorPrivateLinkScope"},
		{Name: "OutboundRuleArgs", Token: "OutboundRule"},
		{Name: "TeamAccessArgs", Token: "TeamAccess"}, {Name: "DatastoreArgs", Token: "Datastore"},
		{Name: "ComputeInstanceArgs", Token: "ComputeInstance"},
		{Name: "MLRegistryArgs", Token: "MlRegistry"}, {Name: "WorkspaceMlRegistryArgs", Token: "WorkspaceMlRegistry"},
		{Name: "PrivateNetwork", DocFile: "private_network.md"}, {Name: "PrivateNetworkArgs", Token: "NetworkSettings"},
		{Name: "Governance", DocFile: "governance.md"}, {Name: "GovernanceArgs"},
		{Name: "IsolationMode"}, {Name: "OutboundRuleType"},
		{Name: "Bootstrap", DocFile: "bootstrap.md"}, {Name: "BootstrapArgs"},
		{Name: "BootstrapEnvironmentArgs", Token: "BootstrapEnvironment"}, {Name: "AzureDevOpsFederationArgs", Token: "AzureDevOpsFederation"},
		{Name: "Operations", DocFile: "operations.md"}, {Name: "OperationsArgs"},
		{Name: "BudgetThresholdArgs", Token: "BudgetThreshold"}, {Name: "ProjectBudgetArgs", Token: "ProjectBudget"},
		{Name: "MonitoredWorkspaceArgs", Token: "MonitoredWorkspace"},
	})
	require.NoError(t, err)
	if *update {
		require.NoError(t, os.WriteFile("zz_annotations.go", got, 0o600))
		return
	}
	want, err := os.ReadFile("zz_annotations.go")
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got), "zz_annotations.go is stale: go test ./components -run TestAnnotations -update")
}
