package profile

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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
	var cfg struct {
		Projects []struct {
			Name            string `json:"name"`
			ComputeClusters []struct {
				Name     string `pulumi:"name"`
				MaxNodes int    `pulumi:"maxNodes"`
			} `json:"computeClusters"`
		} `json:"projects"`
	}
	_, errs := Decode(map[string]string{"projects": ns["projects"]}, &cfg)
	require.Empty(t, errs)
	assert.Equal(t, 2, cfg.Projects[0].ComputeClusters[0].MaxNodes)
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
	// A key Pulumi.yaml does not declare is the program's to type or refuse (platform.Decode).
	write("Pulumi.typo.yaml", "config:\n"+required+"  azure-mlops:locaton: westeurope\n")
	f, err = LoadStackFiles(dir, "typo")
	require.NoError(t, err)
	assert.Equal(t, "westeurope", f.Namespaced()["locaton"])
	_, err = LoadStackFiles(dir, "missing")
	assert.ErrorContains(t, err, "stacks here: bad, dev, nokeys, typo")
}
