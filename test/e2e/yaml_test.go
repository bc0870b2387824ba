//go:build e2e

package e2e

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/azure-mlops/pulumi-azure-mlops/components"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/privatelink"
)

// yamlProgram copies a YAML program and points its `packages:` entry at the folder holding the
// built pulumi-resource-azure-mlops. Offline, that is how the entry resolves: a source
// directory (runtime go) would need the Go language host, which cannot be had here, while a
// folder with the built binary is loaded directly (as is the binary on PATH).
func yamlProgram(t *testing.T, src, placeholder string) string {
	t.Helper()
	dir := t.TempDir()
	b, err := os.ReadFile(filepath.Join(src, "Pulumi.yaml"))
	require.NoError(t, err)
	text := strings.Replace(string(b), placeholder, binDir, 1)
	require.NotEqual(t, string(b), text, "the packages entry %q must be in %s", placeholder, src)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi.yaml"), []byte(text), 0o644))
	return dir
}

// runYAML is scenario 2's life cycle through the CLI and the YAML language host: stack init,
// preview, up, up --expect-no-changes, stack output. It returns the exported state and the
// stack outputs; the caller destroys.
func runYAML(t *testing.T, e *env, dir, stack string) (deployment, map[string]any) {
	t.Helper()
	e.mustCLI(dir, "stack", "init", stack, "--non-interactive")
	e.mustCLI(dir, "preview", "--non-interactive", "--stack", stack)
	e.mustCLI(dir, "up", "--yes", "--non-interactive", "--skip-preview", "--stack", stack)
	e.mustCLI(dir, "up", "--yes", "--non-interactive", "--expect-no-changes", "--stack", stack)
	var outs map[string]any
	require.NoError(t, json.Unmarshal([]byte(e.mustCLI(dir, "stack", "output", "--json", "--stack", stack)), &outs))
	var exported struct {
		Deployment deployment `json:"deployment"`
	}
	require.NoError(t, json.Unmarshal([]byte(e.mustCLI(dir, "stack", "export", "--stack", stack)), &exported))
	return exported.Deployment, outs
}

// Scenario 2: examples/yaml through the CLI, the YAML host and the built provider.
func TestYAMLExample(t *testing.T) {
	figures.scenario(t)
	e := newEnv(t)
	dir := yamlProgram(t, filepath.Join(repoRoot, "examples", "yaml"), "../../cmd/pulumi-resource-azure-mlops")
	state, outs := runYAML(t, e, dir, "dev")
	byType := state.byType()
	assert.Equal(t, 1, byType["azure-mlops:index:SharedServices"])
	assert.Equal(t, 1, byType["azure-mlops:index:MLOpsWorkspace"])
	assert.Equal(t, 1, byType["azure-native:machinelearningservices/v20241001preview:Workspace"])
	assert.Contains(t, outs["workspaceId"], "/providers/Microsoft.MachineLearningServices/workspaces/")
	// Operations from YAML without a resource group id: the budgets' scope is the group of that
	// name in the subscription the engine reports.
	assert.Equal(t, 1, byType["azure-mlops:index:Operations"])
	assert.Contains(t, outs["actionGroupId"], "/providers/Microsoft.Insights/actionGroups/ag-mlops-dev")
	budgets := 0
	for _, r := range state.managed() {
		if r.Type == "azure-native:consumption:Budget" {
			budgets++
			assert.Regexp(t, `^/subscriptions/[0-9a-f-]{36}/resourceGroups/rg-mlops-example$`, r.Inputs["scope"], r.URN)
		}
	}
	assert.Equal(t, 2, budgets, "the environment's and fraud's budgets")
	// Every child of the components went through the azure-native double's conformance check.
	checked := map[string]bool{}
	for _, c := range e.calls() {
		if c.Method == "Check" {
			checked[c.URN] = true
		}
	}
	for _, r := range state.managed() {
		if r.Custom {
			assert.True(t, checked[r.URN], "not checked by azure-native: %s", r.URN)
		}
	}
	e.mustCLI(dir, "destroy", "--yes", "--non-interactive", "--stack", "dev")
}

// Scenarios 2 and 3: all four components from YAML through Construct, then the same program
// through the Go constructors: identical URNs, parents, inputs and component outputs.
func TestAllComponentsYAMLAndParity(t *testing.T) {
	figures.scenario(t)
	e := newEnv(t)
	dir := yamlProgram(t, filepath.Join(repoRoot, "test", "e2e", "testdata", "all"), "PROVIDER_DIR")
	viaYAML, outs := runYAML(t, e, dir, "e2e")
	byType := viaYAML.byType()
	for _, c := range []string{"PrivateNetwork", "SharedServices", "MLOpsWorkspace", "Governance", "Operations"} {
		assert.Equal(t, 1, byType["azure-mlops:index:"+c], c)
	}
	assert.Equal(t, "[secret]", outs["appInsightsConnectionString"])
	assert.NotEmpty(t, outs["policyAssignmentIds"])
	// The shared Azure ML registry went through Construct and the azure-native double.
	assert.Equal(t, 1, byType["azure-native:machinelearningservices/v20241001:Registry"])
	assert.Contains(t, outs["mlRegistryId"], "/providers/Microsoft.MachineLearningServices/registries/mlr-mlops")
	assert.Contains(t, outs["actionGroupId"], "/providers/Microsoft.Insights/actionGroups/ag-mlops-e2e")
	assert.Equal(t, 2, byType["azure-native:consumption:Budget"], "the environment's and the project's budgets")
	assert.Equal(t, 4, byType["azure-native:authorization:ManagementLockByScope"], "LAW, shared vault, storage, registry")
	e.mustCLI(dir, "destroy", "--yes", "--non-interactive", "--stack", "e2e")

	ctx := context.Background()
	g := newEnv(t)
	work := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(work, "Pulumi.yaml"), []byte("name: azure-mlops-e2e\nruntime: go\n"), 0o644))
	s := g.inlineStack(ctx, work, "azure-mlops-e2e", "e2e", allComponentsGo)
	_, err := s.Up(ctx)
	require.NoError(t, err)
	viaGo := g.export(ctx, s)

	index := func(d deployment) map[string]stateResource {
		out := map[string]stateResource{}
		for _, r := range d.managed() {
			out[r.URN] = r
		}
		return out
	}
	y, gg := index(viaYAML), index(viaGo)
	assert.Equal(t, slices.Sorted(mapsKeys(y)), slices.Sorted(mapsKeys(gg)), "URNs: YAML (Construct) vs Go")
	for urn, a := range y {
		b, ok := gg[urn]
		if !ok {
			continue
		}
		assert.Equal(t, a.Parent, b.Parent, "parent of %s", urn)
		if a.Custom {
			assert.True(t, jsonEqual(a.Inputs, b.Inputs), "inputs of %s:\nYAML: %s\nGo:   %s", urn, js(a.Inputs), js(b.Inputs))
		} else {
			assert.True(t, jsonEqual(a.Outputs, b.Outputs), "outputs of component %s:\nYAML: %s\nGo:   %s", urn, js(a.Outputs), js(b.Outputs))
		}
	}
	_, err = s.Destroy(ctx)
	require.NoError(t, err)
}

func mapsKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// allComponentsGo is testdata/all/Pulumi.yaml written with the Go constructors.
func allComponentsGo(ctx *pulumi.Context) error {
	rg, loc := pulumi.String("rg-mlops-e2e"), pulumi.String("westeurope")
	network, err := components.NewPrivateNetwork(ctx, "network", &components.PrivateNetworkArgs{
		ResourceGroupName: rg, Location: loc, Workload: "mlops", Environment: "e2e",
		AddressSpace: "10.70.0.0/22", PrivateEndpointSubnetPrefix: "10.70.0.0/24", ClientSubnetPrefix: "10.70.1.0/24",
		PrivateLinkGroups: []string{"amlworkspace", "blob", "file", "registry", "vault"},
	})
	if err != nil {
		return err
	}
	endpoints := func() *privatelink.Args {
		return &privatelink.Args{SubnetId: network.PrivateEndpointSubnetId, DnsMode: privatelink.DNSExisting.Ptr(),
			PrivateDnsZoneIds: network.PrivateDnsZoneIds}
	}
	shared, err := components.NewSharedServices(ctx, "shared", &components.SharedServicesArgs{
		ResourceGroupName: rg, Location: loc, Workload: "mlops", Environment: "e2e", PrivateEndpoints: endpoints(),
		MlRegistry: &components.MLRegistryArgs{StorageAccountType: "Standard_ZRS", ReplicationLocations: []string{"northeurope"}},
	})
	if err != nil {
		return err
	}
	fraud, err := components.NewMLOpsWorkspace(ctx, "fraud", &components.MLOpsWorkspaceArgs{
		ResourceGroupName: rg, Location: loc, Project: "fraud", Environment: "e2e",
		KeyVaultId: shared.KeyVaultId, AppInsightsId: shared.AppInsightsId, LogAnalyticsWorkspaceId: shared.LogAnalyticsWorkspaceId,
		IsolationMode:     components.IsolationAllowOnlyApprovedOutbound.Ptr(),
		PrivateEndpoints:  endpoints(),
		ComputeClusters:   []components.ComputeClusterArgs{{Name: "cpu", VmSize: "Standard_DS3_v2", MaxNodes: 2}},
		ImageBuildCompute: "cpu",
		MlRegistry:        &components.WorkspaceMlRegistryArgs{RegistryId: shared.MlRegistryId, Access: components.RegistryAccessPublish},
	})
	if err != nil {
		return err
	}
	gov, err := components.NewGovernance(ctx, "governance", &components.GovernanceArgs{
		Scope: pulumi.String("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-mlops-e2e"), Location: loc,
		Workload: "mlops", Environment: "e2e", Effect: "Audit", AllowedVmSizes: []string{"Standard_DS3_v2"},
		AllowedRegistries: pulumi.StringArray{fraud.ContainerRegistryLoginServer}, MlRegistries: true,
	})
	if err != nil {
		return err
	}
	ops, err := components.NewOperations(ctx, "operations", &components.OperationsArgs{
		ResourceGroupName: rg, ResourceGroupId: pulumi.String("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-mlops-e2e"),
		Location: "westeurope", Workload: "mlops", Environment: "e2e",
		LogAnalyticsWorkspaceId: shared.LogAnalyticsWorkspaceId, SharedKeyVaultId: shared.KeyVaultId,
		AlertEmails:   []string{"ml-platform@contoso.com"},
		AlertWebhooks: []string{"https://events.pagerduty.com/integration/00000000000000000000000000000000/enqueue"},
		Paging:        true, MonthlyBudget: 1000, BudgetStartDate: "2026-12-01",
		BudgetThresholds: []components.BudgetThresholdArgs{{Percent: 80, Type: "Actual"}, {Percent: 110, Type: "Forecasted"}},
		ProjectBudgets:   []components.ProjectBudgetArgs{{Project: "fraud", Amount: 600}},
		Workspaces: []components.MonitoredWorkspaceArgs{{Project: "fraud", WorkspaceId: fraud.WorkspaceId,
			StorageAccountId: fraud.StorageAccountId, ContainerRegistryId: fraud.ContainerRegistryId,
			ContainerRegistryName: fraud.ContainerRegistryName}},
		Workbook: true, Locks: true, RegistryReplicaLocation: "northeurope",
	})
	if err != nil {
		return err
	}
	ctx.Export("actionGroupId", ops.ActionGroupId)
	ctx.Export("workspaceId", fraud.WorkspaceId)
	ctx.Export("keyVaultUri", shared.KeyVaultUri)
	ctx.Export("appInsightsConnectionString", shared.AppInsightsConnectionString)
	ctx.Export("policyAssignmentIds", gov.PolicyAssignmentIds)
	ctx.Export("mlRegistryId", shared.MlRegistryId)
	return nil
}

// Scenario 8: the schema the built provider serves is the committed schema.json (modulo its
// version, which the build injects).
func TestPackageGetSchema(t *testing.T) {
	figures.scenario(t)
	e := newEnv(t)
	out := e.mustCLI(t.TempDir(), "package", "get-schema", filepath.Join(binDir, "pulumi-resource-azure-mlops"))
	var served, committed map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &served))
	b, err := os.ReadFile(filepath.Join(repoRoot, "schema.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &committed))
	delete(served, "version")
	delete(committed, "version")
	assert.True(t, jsonEqual(committed, served), "pulumi package get-schema differs from schema.json")
}
