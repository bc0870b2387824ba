package profile

import (
	"os"
	"path/filepath"
	"testing"

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
	assert.Equal(t, "AllowInternetOutbound", env.Projects[0].IsolationMode)
	assert.Equal(t, "Standard_GRS", env.Projects[0].StorageSku)
	// project 1: its own overrides beat both.
	assert.Equal(t, "AllowOnlyApprovedOutbound", env.Projects[1].IsolationMode)
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
	assert.Equal(t, "AllowOnlyApprovedOutbound", env.Projects[0].IsolationMode)
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
		{"unknown key", "dev", map[string]string{"locaton": "x"}, "locaton: unknown configuration key"},
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

func TestLoadStackFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600))
	}
	write("Pulumi.yaml", `name: azure-mlops
runtime: go
config:
  location:
    type: string
  workload:
    type: string
    default: mlops
  logRetentionDays:
    type: integer
    default: 30
  projects:
    type: array
    items:
      type: object
`)
	write("Pulumi.dev.yaml", `config:
  azure-native:subscriptionId: 12345678-0000-0000-0000-000000000000
  azure-mlops:location: westeurope
  azure-mlops:logRetentionDays: 45
  azure-mlops:projects:
    - name: fraud
      computeClusters:
        - name: cpu
          maxNodes: 2
`)
	f, err := LoadStackFiles(dir, "dev")
	require.NoError(t, err)
	assert.Equal(t, "azure-mlops", f.Project)
	assert.Equal(t, "12345678-0000-0000-0000-000000000000", f.Get("azure-native:subscriptionId"))
	ns := f.Namespaced()
	assert.Equal(t, "mlops", ns["workload"], "project default applied")
	assert.Equal(t, "45", ns["logRetentionDays"])
	raw, err := Decode(ns)
	require.NoError(t, err)
	assert.Equal(t, 2, raw.Projects[0].ComputeClusters[0].MaxNodes)
	assert.Equal(t, []string{"dev"}, Stacks(dir))

	// Like the Pulumi CLI: a key declared without a default is required.
	write("Pulumi.nokeys.yaml", "config:\n  azure-mlops:location: westeurope\n")
	_, err = LoadStackFiles(dir, "nokeys")
	assert.ErrorContains(t, err, "missing configuration value")
	assert.ErrorContains(t, err, "'projects'")
	assert.ErrorContains(t, err, "the Pulumi CLI refuses this stack")

	const required = "  azure-mlops:location: westeurope\n  azure-mlops:projects: []\n"
	write("Pulumi.bad.yaml", "config:\n"+required+"  azure-mlops:logRetentionDays: lots\n")
	_, err = LoadStackFiles(dir, "bad")
	assert.ErrorContains(t, err, "configuration key 'logRetentionDays' must be of type 'integer'")
	write("Pulumi.typo.yaml", "config:\n"+required+"  azure-mlops:locaton: westeurope\n")
	_, err = LoadStackFiles(dir, "typo")
	assert.ErrorContains(t, err, "locaton: unknown configuration key (not declared in Pulumi.yaml)")
	_, err = LoadStackFiles(dir, "missing")
	assert.ErrorContains(t, err, "stacks here: bad, dev, nokeys, typo")
}
