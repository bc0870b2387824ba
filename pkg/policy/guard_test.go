package policy

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/plan"
)

func TestTypeGuardsAreRead(t *testing.T) {
	p, err := Load()
	require.NoError(t, err)
	want := map[string][]string{
		"deny_storage_min_tls":          {"azure-native:storage:StorageAccount"},
		"deny_compute_scale":            {"azure-native:machinelearningservices:Compute"}, // via aml_compute
		"warn_monitoring_public_access": {"azure-native:insights:Component", "azure-native:operationalinsights:Workspace"},
		"stack_deny_diagnostics":        nil, // stack rules see the stack, not a resource
	}
	for id, types := range want {
		r, ok := p.Rule(id)
		require.True(t, ok, id)
		assert.Equal(t, types, r.Types, id)
	}
	guarded := 0
	for _, r := range p.Rules {
		if r.Types != nil {
			guarded++
		}
	}
	assert.Greater(t, guarded, 35, "nearly every resource rule starts with a type guard")
}

// Asking each resource only its type's rules must find exactly what asking every rule finds:
// over every fixture, pass and fail, with and without configuration.
func TestTypeGuardsLoseNothing(t *testing.T) {
	p, err := Load()
	require.NoError(t, err)
	full := *p
	full.Rules = append([]Rule(nil), p.Rules...)
	for i := range full.Rules {
		full.Rules[i].Types = nil
	}
	ctx := context.Background()
	n := 0
	for id, f := range fixtures() {
		for _, rs := range [][]plan.DocResource{f.pass, f.fail} {
			doc := &plan.Document{Project: "p", Stack: "t", Resources: rs, Outputs: f.outputs}
			fast, err := p.Evaluate(ctx, doc, f.config)
			require.NoError(t, err)
			slow, err := full.Evaluate(ctx, doc, f.config)
			require.NoError(t, err)
			assert.Equal(t, slow, fast, id)
			n += len(slow)
		}
	}
	assert.Greater(t, n, 40, "the fixtures violate rules, so the comparison compares something")
}
