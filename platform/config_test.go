package platform

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const testNetwork = `{"addressSpace":"10.60.0.0/22","privateEndpointSubnetPrefix":"10.60.0.0/24"}`

const twoProjects = `[{"name":"fraud","computeClusters":[{"name":"cpu","maxNodes":4}]},{"name":"churn","isolationMode":"AllowOnlyApprovedOutbound","storageSku":"Standard_ZRS"}]`

func TestProfileMergePrecedence(t *testing.T) {
	raw, err := Decode(map[string]string{
		"location":         "westeurope",
		"logRetentionDays": "90", // explicit config beats the profile
		"storageSku":       "Standard_GRS",
		"network":          testNetwork,
		"projects":         twoProjects,
	})
	require.NoError(t, err)
	env, err := Resolve("dev", raw)
	require.NoError(t, err)

	assert.Equal(t, "dev", env.Profile.Name)
	assert.Equal(t, "dev", env.Environment)
	assert.Equal(t, "mlops", env.Workload)
	assert.Equal(t, "rg-mlops-dev", env.ResourceGroupName)
	assert.Equal(t, 90, env.LogRetentionDays, "explicit config overrides the profile")
	assert.False(t, env.Protect, "profile default")
	require.Len(t, env.Projects, 2)
	// project 0: profile isolation default, stack-level storage sku.
	assert.Equal(t, "AllowInternetOutbound", string(*env.Projects[0].IsolationMode))
	assert.Equal(t, "Standard_GRS", env.Projects[0].StorageSku)
	// project 1: its own overrides beat both.
	assert.Equal(t, "AllowOnlyApprovedOutbound", string(*env.Projects[1].IsolationMode))
	assert.Equal(t, "Standard_ZRS", env.Projects[1].StorageSku)
}

func TestProdProfileDefaults(t *testing.T) {
	raw, err := Decode(map[string]string{"location": "westeurope", "network": testNetwork, "projects": `[{"name":"fraud"}]`})
	require.NoError(t, err)
	env, err := Resolve("prod", raw)
	require.NoError(t, err)
	assert.True(t, env.Protect)
	assert.True(t, env.ZoneRedundancy)
	assert.Equal(t, 365, env.LogRetentionDays)
	assert.Equal(t, "premium", env.KeyVaultSku)
	assert.Equal(t, "AllowOnlyApprovedOutbound", string(*env.Projects[0].IsolationMode))
	assert.True(t, env.Projects[0].HighBusinessImpact)
	assert.Equal(t, "Standard_GZRS", env.Projects[0].StorageSku)
	assert.True(t, env.Projects[0].ProvisionManagedNetwork)
	assert.Equal(t, "10.60.0.0/24", env.Network.PrivateEndpointSubnetPrefix)

	// An explicit profile key decides, not the stack name.
	raw.Profile = "dev"
	env, err = Resolve("sandbox", raw)
	require.NoError(t, err)
	assert.Equal(t, "dev", env.Profile.Name)
	assert.Equal(t, "sandbox", env.Environment)
}

func TestBadConfig(t *testing.T) {
	cases := []struct {
		name   string
		stack  string
		values map[string]string
		want   string
	}{
		{"unknown key", "dev", map[string]string{"locaton": "x"}, "locaton: unknown configuration key (known: profile, environment, workload, location,"},
		{"a field the platform sets", "dev", map[string]string{"projects": `[{"name":"a","location":"westeurope"}]`}, "projects[0].location: unknown field (known: access, computeClusters,"},
		{"the project's field is name", "dev", map[string]string{"projects": `[{"project":"a"}]`}, "projects[0].project: unknown field"},
		{"network field the platform sets", "dev", map[string]string{"network": `{"tags":{}}`}, "network.tags: unknown field (known: addressSpace,"},
		{"input of the wrong type", "dev", map[string]string{"network": `{"existingPrivateEndpointSubnetId":3,"privateDnsZoneIds":[]}`}, "network.privateDnsZoneIds: must be a map, not a list"},
		{"wrong type", "dev", map[string]string{"logRetentionDays": "thirty"}, `logRetentionDays: must be a whole number, not "thirty"`},
		{"bool type", "dev", map[string]string{"protect": "yes"}, `protect: must be true or false`},
		{"nested type with index path", "dev", map[string]string{"projects": `[{"name":"a"},{"name":"b","computeClusters":[{"name":"c","maxNodes":"many"}]}]`},
			`projects[1].computeClusters[0].maxNodes: must be a whole number, not "many"`},
		{"unknown nested field", "dev", map[string]string{"projects": `[{"name":"a","computeClusters":[{"name":"c","maxNodez":2}]}]`},
			"projects[0].computeClusters[0].maxNodez: unknown field"},
		{"projects not a list", "dev", map[string]string{"projects": `{"name":"a"}`}, "projects: must be a list, not an object"},
		{"missing location", "dev", map[string]string{"projects": `[{"name":"a"}]`}, "location: required"},
		{"no projects", "dev", map[string]string{"location": "westeurope"}, "projects: at least one project"},
		{"no network", "dev", map[string]string{"location": "westeurope", "projects": `[{"name":"a"}]`}, "network: required"},
		{"unknown network field", "dev", map[string]string{"network": `{"adressSpace":"10.0.0.0/16"}`}, "network.adressSpace: unknown field"},
		{"outbound rule type", "dev", map[string]string{"projects": `[{"name":"a","outboundRules":[{"name":"r","type":{"fqdn":true}}]}]`}, "projects[0].outboundRules[0].type: must be a string, not an object"},
		{"duplicate project", "dev", map[string]string{"location": "w", "projects": `[{"name":"a"},{"name":"a"}]`}, `projects[1].name: "a" is already used`},
		{"unknown profile", "staging", map[string]string{"location": "w", "projects": `[{"name":"a"}]`}, `profile (defaults to the stack name): unknown profile "staging"`},
		{"prod forbids internet outbound", "prod", map[string]string{"location": "w", "projects": `[{"name":"a","isolationMode":"AllowInternetOutbound"}]`},
			"projects[0].isolationMode: AllowInternetOutbound is not allowed by the prod profile"},
		{"stack-level isolation in prod", "prod", map[string]string{"location": "w", "isolationMode": "AllowInternetOutbound", "projects": `[{"name":"a"}]`},
			"isolationMode: AllowInternetOutbound is not allowed by the prod profile"},
		{"dev node limit", "dev", map[string]string{"location": "w", "projects": `[{"name":"a","computeClusters":[{"name":"c","maxNodes":50}]}]`},
			"projects[0].computeClusters[0].maxNodes: 50 exceeds the dev profile's limit of 8"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			raw, err := Decode(c.values)
			if err == nil {
				_, err = Resolve(c.stack, raw)
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.want)
		})
	}
}

// Config decodes into the component types: plain values land in pulumi inputs, and a
// bool the user wrote false is told apart from one left to the profile.
func TestDecodeIntoComponentTypes(t *testing.T) {
	raw, err := Decode(map[string]string{
		"location": "westeurope",
		"network": `{"existingPrivateEndpointSubnetId":"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pe",` +
			`"privateDnsZoneIds":{"privatelink.api.azureml.ms":"/z"},"linkVirtualNetworkIds":["/v1"],"dnsMode":"Existing"}`,
		"projects": `[{"name":"fraud","highBusinessImpact":false,"computeClusters":[{"name":"cpu","maxNodes":2,"description":"nightly retraining"}],"outboundRules":[{"name":"r","type":"PrivateEndpoint","serviceResourceId":"/x"}]},{"name":"churn"}]`,
	})
	require.NoError(t, err)
	assert.Equal(t, pulumi.String("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pe"), raw.Network.ExistingPrivateEndpointSubnetId)
	assert.Equal(t, pulumi.StringMap{"privatelink.api.azureml.ms": pulumi.String("/z")}, raw.Network.PrivateDnsZoneIds)
	assert.Equal(t, []pulumi.StringInput{pulumi.String("/v1")}, raw.Network.LinkVirtualNetworkIds)
	assert.Equal(t, "fraud", raw.Projects[0].Project)
	assert.Equal(t, "nightly retraining", raw.Projects[0].ComputeClusters[0].Description, "a new cluster field is config without another edit")
	assert.Equal(t, pulumi.String("/x"), raw.Projects[0].OutboundRules[0].ServiceResourceId)
	env, err := Resolve("prod", raw)
	require.NoError(t, err)
	assert.False(t, env.Projects[0].HighBusinessImpact, "written false beats the prod profile")
	assert.True(t, env.Projects[1].HighBusinessImpact, "unwritten: the prod profile")
}

// Each profile's data lifecycle reaches every project; a project that sets one key keeps the
// profile's others.
func TestDataLifecycleFromProfile(t *testing.T) {
	for _, c := range []struct {
		stack                         string
		softDelete, deleteRuns, snaps int
		versioning                    bool
		previousVersions              int
	}{
		{"dev", 7, 90, 90, false, 0},
		{"test", 30, 180, 180, false, 0},
		{"prod", 90, 365, 365, true, 90},
	} {
		t.Run(c.stack, func(t *testing.T) {
			raw, err := Decode(map[string]string{"location": "westeurope", "network": testNetwork, "projects": `[{"name":"fraud"}]`})
			require.NoError(t, err)
			env, err := Resolve(c.stack, raw)
			require.NoError(t, err)
			l := env.Projects[0].DataLifecycle
			require.NotNil(t, l)
			assert.Equal(t, c.softDelete, l.BlobSoftDeleteDays)
			assert.Equal(t, c.softDelete, l.ContainerSoftDeleteDays)
			assert.Equal(t, c.versioning, l.Versioning)
			assert.Equal(t, 30, l.RunArtifactsCoolAfterDays)
			assert.Equal(t, c.deleteRuns, l.RunArtifactsDeleteAfterDays)
			assert.Equal(t, c.snaps, l.SnapshotsDeleteAfterDays)
			assert.Equal(t, c.previousVersions, l.PreviousVersionsDeleteAfterDays)
		})
	}

	raw, err := Decode(map[string]string{"location": "westeurope", "network": testNetwork,
		"projects": `[{"name":"fraud","dataLifecycle":{"snapshotsDeleteAfterDays":0,"runArtifactsDeleteAfterDays":730}},{"name":"churn","dataLifecycle":{"versioning":false}}]`})
	require.NoError(t, err)
	env, err := Resolve("prod", raw)
	require.NoError(t, err)
	l := env.Projects[0].DataLifecycle
	assert.Equal(t, 0, l.SnapshotsDeleteAfterDays, "an explicit 0 (never) beats the profile")
	assert.Equal(t, 730, l.RunArtifactsDeleteAfterDays)
	assert.Equal(t, 90, l.BlobSoftDeleteDays, "unset keys keep the profile's")
	assert.True(t, l.Versioning)
	l = env.Projects[1].DataLifecycle
	assert.False(t, l.Versioning)
	assert.Zero(t, l.PreviousVersionsDeleteAfterDays, "no version rule once versioning is off")
}

// Prod gets an Azure Monitor Private Link Scope from its profile; dev none; config may name
// the hub's scope instead.
func TestMonitorPrivateLinkScopeFromProfile(t *testing.T) {
	raw, err := Decode(map[string]string{"location": "westeurope", "network": testNetwork, "projects": `[{"name":"fraud"}]`})
	require.NoError(t, err)
	env, err := Resolve("prod", raw)
	require.NoError(t, err)
	require.NotNil(t, env.MonitorPrivateLinkScope)
	assert.Nil(t, env.MonitorPrivateLinkScope.ExistingScopeId, "prod creates its own scope")
	env, err = Resolve("dev", raw)
	require.NoError(t, err)
	assert.Nil(t, env.MonitorPrivateLinkScope)

	hub := "/subscriptions/s/resourceGroups/rg-hub/providers/Microsoft.Insights/privateLinkScopes/ampls-hub"
	raw, err = Decode(map[string]string{"location": "westeurope", "network": testNetwork, "projects": `[{"name":"fraud"}]`,
		"monitorPrivateLinkScope": `{"existingScopeId":"` + hub + `"}`})
	require.NoError(t, err)
	env, err = Resolve("dev", raw)
	require.NoError(t, err)
	require.NotNil(t, env.MonitorPrivateLinkScope)
	assert.Equal(t, pulumi.String(hub), env.MonitorPrivateLinkScope.ExistingScopeId)
}

// Team access: in prod people read data only (the profile's access.readOnlyData) unless the
// project says otherwise; dev leaves write on. Compute instances: dev allows them, prod refuses
// them unless allowComputeInstances is set.
func TestPeopleProfileDefaults(t *testing.T) {
	project := func(extra string) string {
		return `[{"name":"a","computeClusters":[{"name":"c","maxNodes":2}],"access":{"mlEngineers":["3f2a8c1e-5b7d-4e90-a1c4-7d2e9b6f0a13"]` + extra + `}}]`
	}
	resolve := func(stack string, values map[string]string) (*Environment, error) {
		values["network"] = `{"addressSpace":"10.60.0.0/22","privateEndpointSubnetPrefix":"10.60.0.0/24"}`
		raw, err := Decode(values)
		require.NoError(t, err)
		return Resolve(stack, raw)
	}
	for _, c := range []struct {
		stack, extra string
		want         bool
	}{{"dev", "", false}, {"test", "", false}, {"prod", "", true}, {"prod", `,"readOnlyData":false`, false}} {
		env, err := resolve(c.stack, map[string]string{"location": "westeurope", "projects": project(c.extra)})
		require.NoError(t, err)
		assert.Equal(t, c.want, env.Projects[0].Access.ReadOnlyData, "%s %s", c.stack, c.extra)
	}
	ci := `[{"name":"fraud","computeClusters":[{"name":"cpu","maxNodes":2}],"access":{"dataScientists":["3f2a8c1e-5b7d-4e90-a1c4-7d2e9b6f0a13"]},` +
		`"computeInstances":[{"name":"fraud-alice","userObjectId":"0a6f3e2d-9c1b-4b7a-8d5e-6f4c3b2a1e90"}]}]`
	// The platform passes the resolved setting to each workspace, which refuses its instances
	// itself (one rule, in the component).
	env, err := resolve("prod", map[string]string{"location": "westeurope", "projects": ci})
	require.NoError(t, err)
	require.NotNil(t, env.Projects[0].AllowComputeInstances)
	assert.False(t, *env.Projects[0].AllowComputeInstances)
	err = validatePlatform(env)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "projects[0].computeInstances: the prod environment refuses compute instances")
	// An environment named otherwise with the prod profile is refused too.
	env, err = resolve("weu", map[string]string{"location": "westeurope", "projects": ci, "profile": "prod"})
	require.NoError(t, err)
	assert.Contains(t, validatePlatform(env).Error(), "projects[0].computeInstances: the weu environment refuses compute instances")
	env, err = resolve("prod", map[string]string{"location": "westeurope", "projects": ci, "allowComputeInstances": "true"})
	require.NoError(t, err)
	assert.True(t, *env.Projects[0].AllowComputeInstances)
	assert.NoError(t, validatePlatform(env))
	assert.False(t, env.Guardrails().ComputeInstancesRefused)
	env, err = resolve("dev", map[string]string{"location": "westeurope", "projects": ci})
	require.NoError(t, err)
	assert.True(t, *env.Projects[0].AllowComputeInstances)
	assert.NoError(t, validatePlatform(env))
	assert.False(t, env.Guardrails().ComputeInstancesRefused)
	env, err = resolve("prod", map[string]string{"location": "westeurope", "projects": `[{"name":"a","computeClusters":[{"name":"c","maxNodes":2}]}]`})
	require.NoError(t, err)
	assert.True(t, env.Guardrails().ComputeInstancesRefused, "prod's policy pack refuses compute instances")
}

// mlRegistry's access comes from the profile (dev and test publish, prod consumes) unless the
// stack says otherwise; without the key there is no registry.
func TestMlRegistryAccessFromProfile(t *testing.T) {
	hub := "/subscriptions/s/resourceGroups/rg-mlops-prod/providers/Microsoft.MachineLearningServices/registries/mlr-mlops"
	for _, c := range []struct{ stack, value, want string }{
		{"dev", `{"existingRegistryId":"` + hub + `"}`, "Publish"},
		{"test", `{"existingRegistryId":"` + hub + `"}`, "Publish"},
		{"prod", `{}`, "Consume"},
		{"dev", `{"existingRegistryId":"` + hub + `","access":"Consume"}`, "Consume"},
	} {
		raw, err := Decode(map[string]string{"location": "westeurope", "network": testNetwork, "projects": `[{"name":"fraud"}]`, "mlRegistry": c.value})
		require.NoError(t, err)
		env, err := Resolve(c.stack, raw)
		require.NoError(t, err)
		require.NotNil(t, env.MlRegistry, c.stack)
		assert.Equal(t, c.want, env.MlRegistry.Access, "%s %s", c.stack, c.value)
	}
	raw, err := Decode(map[string]string{"location": "westeurope", "network": testNetwork, "projects": `[{"name":"fraud"}]`})
	require.NoError(t, err)
	env, err := Resolve("prod", raw)
	require.NoError(t, err)
	assert.Nil(t, env.MlRegistry)
}
