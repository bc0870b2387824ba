package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/plan"
)

// The example runs offline under the same recorder as the offline plan.
func TestExampleRunsUnderMocks(t *testing.T) {
	rec, err := plan.Run(plan.Options{Project: "azure-mlops-example-go", Stack: "dev"}, program)
	require.NoError(t, err)
	rs := rec.Resources()
	for _, typ := range []string{
		"azure-native:resources:ResourceGroup", "azure-mlops:index:SharedServices", "azure-mlops:index:MLOpsWorkspace",
		"azure-native:keyvault:Vault", "azure-native:machinelearningservices:Workspace", "azure-native:machinelearningservices:Compute",
	} {
		assert.NotEmpty(t, plan.Filter(rs, typ), typ)
	}
	ws, ok := plan.Find(rs, "", "fraud-mlw")
	require.True(t, ok)
	kv, _ := plan.Find(rs, "", "shared-kv")
	assert.Equal(t, kv.ID, ws.Input("keyVault"))
	assert.Equal(t, "rg-mlops-example", ws.Input("resourceGroupName"))

	// People and data: the datastore in the workspace, the instance personal and private, the
	// data scientists' group granted the AzureML Data Scientist role on the workspace.
	ds, ok := plan.Find(rs, "azure-native:machinelearningservices:Datastore", "fraud-ds-fraud_transactions")
	require.True(t, ok)
	assert.Equal(t, ws.Input("workspaceName"), ds.Input("workspaceName"))
	assert.Equal(t, "None", ds.Input("datastoreProperties.credentials.credentialsType"))
	ci, ok := plan.Find(rs, "azure-native:machinelearningservices:Compute", "fraud-ci-fraud-alice")
	require.True(t, ok)
	assert.Equal(t, false, ci.Input("properties.properties.enableNodePublicIp"))
	assert.Equal(t, "Disabled", ci.Input("properties.properties.sshSettings.sshPublicAccess"))
	ra, ok := plan.Find(rs, "azure-native:authorization:RoleAssignment", "fraud-datascientists-3f2a8c1e-5b7d-4e90-a1c4-7d2e9b6f0a13-workspace-azureml-data-scientist")
	require.True(t, ok)
	assert.Equal(t, "Group", ra.Input("principalType"))
	assert.Equal(t, ws.ID, ra.Input("scope"))
	// The shared registry, reached from the workspace's managed network by its id.
	reg, ok := plan.Find(rs, "azure-native:machinelearningservices:Registry", "shared-mlr")
	require.True(t, ok)
	assert.Equal(t, "Disabled", reg.Input("registryProperties.publicNetworkAccess"))
	rule, ok := plan.Find(rs, "", "fraud-rule-mlregistry")
	require.True(t, ok)
	assert.Equal(t, reg.ID, rule.Input("properties.destination.serviceResourceId"))
	rg, _ := plan.Find(rs, "azure-native:resources:ResourceGroup", "rg")
	b, ok := plan.Find(rs, "azure-native:consumption:Budget", "operations-budget-fraud")
	require.True(t, ok)
	assert.Equal(t, rg.ID, b.Input("scope"), "the project's budget covers the resource group")
	alert, ok := plan.Find(rs, "azure-native:insights:MetricAlert", "operations-fraud-mlw-failed-runs")
	require.True(t, ok)
	assert.Equal(t, []any{ws.ID}, alert.Input("scopes"))
}
