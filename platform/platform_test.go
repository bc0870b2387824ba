package platform

import (
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
