package platform

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/plan"
)

const testOperations = `{"alertEmails":["ml@contoso.com"],"monthlyBudget":2000,"budgetStartDate":"2026-12-01","projectBudgets":[{"project":"fraud","amount":900}]}`

// The profile decides paging, locks, the workbook and the registry replica (the location's
// Azure pair in prod); config overrides each.
func TestOperationsFromProfile(t *testing.T) {
	raw, err := Decode(map[string]string{"location": "westeurope", "network": testNetwork, "projects": `[{"name":"fraud"}]`,
		"operations": testOperations})
	require.NoError(t, err)
	env, err := Resolve("prod", raw)
	require.NoError(t, err)
	o := env.Operations
	require.NotNil(t, o)
	assert.True(t, o.Paging)
	assert.True(t, o.Locks)
	assert.True(t, o.Workbook)
	assert.Equal(t, "northeurope", o.RegistryReplicaLocation, "westeurope's Azure pair")
	assert.Equal(t, 2000.0, o.MonthlyBudget)

	env, err = Resolve("dev", raw)
	require.NoError(t, err)
	o = env.Operations
	assert.False(t, o.Paging)
	assert.False(t, o.Locks)
	assert.True(t, o.Workbook)
	assert.Empty(t, o.RegistryReplicaLocation)

	raw, err = Decode(map[string]string{"location": "westeurope", "network": testNetwork, "projects": `[{"name":"fraud"}]`,
		"operations": `{"alertEmails":["ml@contoso.com"],"monthlyBudget":2000,"budgetStartDate":"2026-12-01","locks":false,"registryReplicaLocation":"swedencentral"}`})
	require.NoError(t, err)
	env, err = Resolve("prod", raw)
	require.NoError(t, err)
	assert.False(t, env.Operations.Locks, "config beats the profile")
	assert.Equal(t, "swedencentral", env.Operations.RegistryReplicaLocation)

	// A prod location without an Azure pair needs the replica region spelled out.
	raw, err = Decode(map[string]string{"location": "italynorth", "network": testNetwork, "projects": `[{"name":"fraud"}]`,
		"operations": testOperations})
	require.NoError(t, err)
	_, err = Resolve("prod", raw)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "operations.registryReplicaLocation: required by the profile")

	raw, err = Decode(map[string]string{"location": "westeurope", "network": testNetwork, "projects": `[{"name":"fraud"}]`})
	require.NoError(t, err)
	env, err = Resolve("prod", raw)
	require.NoError(t, err)
	assert.Nil(t, env.Operations, "no operations key, no budgets (the policy pack warns)")
}

// The platform wires Operations to what it watches: the resource group (budgets), the
// central workspace (log alerts, workbook), every project's workspace, storage, vault and
// registry (metric alerts, locks, replicas).
func TestPlatformOperationsWiring(t *testing.T) {
	cfg := map[string]string{
		"azure-mlops:location":   "westeurope",
		"azure-mlops:network":    testNetwork,
		"azure-mlops:projects":   `[{"name":"fraud","computeClusters":[{"name":"cpu","maxNodes":2}]}]`,
		"azure-mlops:operations": testOperations,
	}
	rec, err := plan.Run(plan.Options{Project: "azure-mlops", Stack: "prod", Config: cfg}, PlatformProgram)
	require.NoError(t, err)
	rs := rec.Resources()
	find := func(typ, name string) plan.Resource {
		r, ok := plan.Find(rs, typ, name)
		require.True(t, ok, "%s %s", typ, name)
		return r
	}
	rg := find("azure-native:resources:ResourceGroup", "rg")
	b := find("azure-native:consumption:Budget", "operations-budget-env")
	assert.Equal(t, rg.ID, b.Input("scope"))
	law := find("azure-native:operationalinsights:Workspace", "shared-law")
	assert.Equal(t, []any{law.ID}, find("azure-native:insights:ScheduledQueryRule", "operations-log-failed-jobs").Input("scopes"))
	assert.Equal(t, law.ID, find("azure-native:insights:Workbook", "operations-workbook").Input("sourceId"))
	ws := find("azure-native:machinelearningservices/v20241001preview:Workspace", "fraud-mlw")
	assert.Equal(t, []any{ws.ID}, find("azure-native:insights:MetricAlert", "operations-fraud-mlw-failed-runs").Input("scopes"))
	cr := find("azure-native:containerregistry/v20231101preview:Registry", "fraud-cr")
	rep := find("azure-native:containerregistry/v20231101preview:Replication", "operations-cr-fraud-replica")
	assert.Equal(t, cr.Input("registryName"), rep.Input("registryName"))
	assert.Equal(t, "northeurope", rep.Input("location"))
	assert.Equal(t, rg.Input("resourceGroupName"), rep.Input("resourceGroupName"))
	assert.Equal(t, "Enabled", cr.Input("zoneRedundancy"))
	assert.Equal(t, "Enabled", rep.Input("zoneRedundancy"), "prod replicas are zone-redundant like their registries")
	var locked []string
	for _, r := range plan.Filter(rs, "azure-native:authorization:ManagementLockByScope") {
		locked = append(locked, r.Input("scope").(string))
	}
	// Locked: every stateful resource (Log Analytics, the shared vault, the project's storage,
	// vault and registry); never the resource group or the workspace.
	kv := find("azure-native:keyvault:Vault", "shared-kv")
	st := find("azure-native:storage:StorageAccount", "fraud-st")
	pkv := find("azure-native:keyvault:Vault", "fraud-kv")
	assert.ElementsMatch(t, []string{law.ID, kv.ID, st.ID, pkv.ID, cr.ID}, locked)
	assert.NotContains(t, locked, ws.ID)
	assert.NotContains(t, locked, rg.ID)
}

// The shared ML registry this stack creates is locked in prod with the rest; a registry the
// stack only references is its owner's to lock.
func TestPlatformLocksTheMlRegistryItCreates(t *testing.T) {
	cfg := map[string]string{
		"azure-mlops:location":   "westeurope",
		"azure-mlops:network":    testNetwork,
		"azure-mlops:projects":   `[{"name":"fraud","computeClusters":[{"name":"cpu","maxNodes":2}]}]`,
		"azure-mlops:mlRegistry": `{}`,
		"azure-mlops:operations": testOperations,
	}
	rec, err := plan.Run(plan.Options{Project: "azure-mlops", Stack: "prod", Config: cfg}, PlatformProgram)
	require.NoError(t, err)
	rs := rec.Resources()
	var mlr []plan.Resource
	for _, r := range rs {
		if strings.HasPrefix(r.Type, "azure-native:machinelearningservices") && strings.HasSuffix(r.Type, ":Registry") {
			mlr = append(mlr, r)
		}
	}
	require.Len(t, mlr, 1)
	var locked []string
	for _, r := range plan.Filter(rs, "azure-native:authorization:ManagementLockByScope") {
		locked = append(locked, r.Input("scope").(string))
	}
	assert.Contains(t, locked, mlr[0].ID)

	cfg["azure-mlops:mlRegistry"] = `{"existingRegistryId":"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub/providers/Microsoft.MachineLearningServices/registries/mlr-hub"}`
	rec, err = plan.Run(plan.Options{Project: "azure-mlops", Stack: "prod", Config: cfg}, PlatformProgram)
	require.NoError(t, err)
	for _, r := range plan.Filter(rec.Resources(), "azure-native:authorization:ManagementLockByScope") {
		assert.NotContains(t, r.Input("scope"), "registries/mlr-hub", "a referenced registry is not locked here")
	}
}

// Bad operations input is reported at its config key path, before anything is registered.
func TestOperationsBadInputAtKeyPath(t *testing.T) {
	base := map[string]string{
		"azure-mlops:location": "westeurope",
		"azure-mlops:network":  testNetwork,
		"azure-mlops:projects": `[{"name":"fraud","computeClusters":[{"name":"cpu","maxNodes":2}]}]`,
	}
	for _, c := range []struct{ name, stack, value, want string }{
		{"zero budget", "dev", `{"alertEmails":["a@contoso.com"],"monthlyBudget":0,"budgetStartDate":"2026-12-01"}`, "operations.monthlyBudget: must be > 0"},
		{"mid-month start", "dev", `{"alertEmails":["a@contoso.com"],"monthlyBudget":10,"budgetStartDate":"2026-12-15"}`, "operations.budgetStartDate"},
		{"threshold 2000", "dev", `{"alertEmails":["a@contoso.com"],"monthlyBudget":10,"budgetStartDate":"2026-12-01","budgetThresholds":[{"percent":2000,"type":"Actual"}]}`,
			"operations.budgetThresholds[0].percent: 2000 is outside 1-1000"},
		{"unknown project", "dev", `{"alertEmails":["a@contoso.com"],"monthlyBudget":10,"budgetStartDate":"2026-12-01","projectBudgets":[{"project":"churn","amount":5}]}`,
			`operations.projectBudgets[0].project: "churn" is not a project`},
		{"webhook in dev", "dev", `{"alertEmails":["a@contoso.com"],"monthlyBudget":10,"budgetStartDate":"2026-12-01","alertWebhooks":["https://x.example"]}`,
			"operations.alertWebhooks: webhooks page on-call"},
		{"budget as text", "dev", `{"alertEmails":["a@contoso.com"],"monthlyBudget":"lots","budgetStartDate":"2026-12-01"}`, `operations.monthlyBudget: must be a number`},
		{"platform field", "dev", `{"alertEmails":["a@contoso.com"],"monthlyBudget":10,"budgetStartDate":"2026-12-01","resourceGroupId":"x"}`, "operations.resourceGroupId"},
	} {
		t.Run(c.name, func(t *testing.T) {
			cfg := map[string]string{"azure-mlops:operations": c.value}
			for k, v := range base {
				cfg[k] = v
			}
			rec, err := plan.Run(plan.Options{Project: "azure-mlops", Stack: c.stack, Config: cfg}, PlatformProgram)
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.want)
			assert.Empty(t, rec.Resources())
			assert.False(t, strings.Contains(err.Error(), "operations.operations."), err.Error())
		})
	}
}
