package platform

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/plan"
)

// TestPlatformRefusesUnknownNamespaceFromTheEngine: under `pulumi up` the engine hands the
// program its whole configuration in PULUMI_CONFIG; a key under a misspelled namespace is
// refused before anything is registered.
func TestPlatformRefusesUnknownNamespaceFromTheEngine(t *testing.T) {
	t.Setenv("PULUMI_CONFIG", `{"azure-mlops:location":"westeurope","azure-mlop:policy":"{}"}`)
	rec, err := plan.Run(plan.Options{Project: "azure-mlops", Stack: "dev", Config: map[string]string{"azure-mlops:location": "westeurope"}}, PlatformProgram)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `azure-mlop:policy: unknown configuration namespace "azure-mlop"`)
	assert.Empty(t, rec.Resources())
}

// Under the engine a misspelled key of the project's own namespace is refused too: the
// program reads every key in PULUMI_CONFIG, not only the ones it knows.
func TestPlatformRefusesMisspelledKeyFromTheEngine(t *testing.T) {
	t.Setenv("PULUMI_CONFIG", `{"azure-mlops:location":"westeurope","azure-mlops:netwrok":"{}"}`)
	rec, err := plan.Run(plan.Options{Project: "azure-mlops", Stack: "dev",
		Config: map[string]string{"azure-mlops:location": "westeurope", "azure-mlops:netwrok": "{}"}}, PlatformProgram)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "netwrok: unknown configuration key")
	assert.Contains(t, err.Error(), "did you mean network?")
	assert.Empty(t, rec.Resources())
}

// TestInheritedMistakeIsReportedOnce: a stack-level setting every project inherits is wrong
// once, so it is reported once, at the stack-level key; a project's own mistake at the
// project's key path, never at the component's field path.
func TestInheritedMistakeIsReportedOnce(t *testing.T) {
	base := map[string]string{
		"azure-mlops:location": "westeurope",
		"azure-mlops:network":  `{"addressSpace":"10.60.0.0/22","privateEndpointSubnetPrefix":"10.60.0.0/24"}`,
		"azure-mlops:projects": `[{"name":"fraud","computeClusters":[{"name":"cpu","maxNodes":2}]},{"name":"churn","computeClusters":[{"name":"cpu","maxNodes":2}]}]`,
	}
	for _, c := range []struct {
		name, stack, key, value, want string
	}{
		{"stack storage sku", "dev", "storageSku", "Premium_XYZ", `storageSku: unknown value "Premium_XYZ"`},
		{"stack isolation in prod", "prod", "isolationMode", "AllowInternetOutbound", "isolationMode: AllowInternetOutbound is not allowed by the prod profile"},
		{"a project's cluster", "dev", "projects", `[{"name":"fraud","computeClusters":[{"name":"cpu","minNodes":3,"maxNodes":2}]}]`,
			"projects[0].computeClusters[0].maxNodes: must be ≥ minNodes"},
		{"a malformed hub scope", "dev", "monitorPrivateLinkScope", `{"existingScopeId":"ampls-hub"}`,
			`monitorPrivateLinkScope.existingScopeId: "ampls-hub" is not an Azure resource id`},
		{"a malformed registry id", "dev", "mlRegistry", `{"existingRegistryId":"mlr-mlops"}`,
			`mlRegistry.existingRegistryId: "mlr-mlops" is not an Azure resource id`},
		{"an unknown registry access, once for every project", "dev", "mlRegistry", `{"access":"Write"}`,
			`mlRegistry.access: unknown value "Write"`},
		{"a registry name too long", "prod", "mlRegistry", `{"name":"mlr-a-registry-name-that-is-far-too-long"}`,
			"mlRegistry.name: Microsoft.MachineLearningServices/registries name"},
		{"a project's soft delete", "dev", "projects", `[{"name":"fraud","computeClusters":[{"name":"cpu","maxNodes":2}],"dataLifecycle":{"blobSoftDeleteDays":400}}]`,
			"projects[0].dataLifecycle.blobSoftDeleteDays: 400 is outside 1-365"},
		{"a project's version rule in dev", "dev", "projects", `[{"name":"fraud","computeClusters":[{"name":"cpu","maxNodes":2}],"dataLifecycle":{"previousVersionsDeleteAfterDays":30}}]`,
			"projects[0].dataLifecycle.previousVersionsDeleteAfterDays: needs versioning: true"},
	} {
		t.Run(c.name, func(t *testing.T) {
			cfg := map[string]string{}
			for k, v := range base {
				cfg[k] = v
			}
			cfg["azure-mlops:"+c.key] = c.value
			rec, err := plan.Run(plan.Options{Project: "azure-mlops", Stack: c.stack, Config: cfg}, PlatformProgram)
			require.Error(t, err)
			assert.Empty(t, rec.Resources())
			lines := 0
			for _, l := range strings.Split(err.Error(), "\n") {
				if strings.Contains(l, ": ") && !strings.HasSuffix(l, "configuration errors:") {
					lines++
					assert.Contains(t, l, c.want)
				}
			}
			assert.Equal(t, 1, lines, err.Error())
			assert.NotContains(t, err.Error(), "mlopsWorkspace.")
		})
	}
}
