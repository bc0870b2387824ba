//go:build e2e

package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Scenario 1: the platform program exactly as a user runs it, per environment: stack init,
// preview, up, a second up that must change nothing, stack output, destroy. What the engine
// created must equal the offline plan (`azure-mlops plan --format json`): resources by type,
// the inputs the azure-native provider received, and the stack outputs.
func TestPlatformStacks(t *testing.T) {
	for _, stack := range []string{"dev", "test", "prod"} {
		t.Run(stack, func(t *testing.T) {
			ctx, e, work, s := platformStack(t, stack)
			prev, err := s.Preview(ctx)
			require.NoError(t, err, "preview")
			doc := offlinePlan(t, stack)
			// +1: the stack itself.
			assert.Equal(t, doc.Summary.Resources+1, prev.ChangeSummary["create"], "preview creates what the plan plans")

			e.resetLog()
			_, err = s.Up(ctx)
			require.NoError(t, err, "up")
			state := e.export(ctx, s)
			assert.Equal(t, doc.Summary.ByType, state.byType(), "resources by type: engine vs offline plan")
			figures.mu.Lock()
			figures.perStack[stack] = len(state.managed())
			figures.mu.Unlock()

			// The inputs the provider received are the plan's inputs, resource by resource, and
			// each custom resource was created exactly once.
			planned := map[string]map[string]any{}
			for _, r := range doc.Resources {
				if r.Custom {
					planned[r.URN] = r.Inputs
				}
			}
			created := map[string]int{}
			for _, c := range e.calls() {
				if c.Method != "Create" {
					continue
				}
				created[c.URN]++
				want, ok := planned[c.URN]
				if !assert.True(t, ok, "created but not planned: %s", c.URN) {
					continue
				}
				// The plan document shows a secret input as "[secret]"; the provider gets its value.
				got := redactLike(want, c.Inputs)
				assert.True(t, jsonEqual(want, got), "inputs of %s differ:\nplan:   %s\nengine: %s", c.URN, js(want), js(got))
			}
			assert.Len(t, created, len(planned), "every planned custom resource created")
			for urn, n := range created {
				assert.Equal(t, 1, n, "created once: %s", urn)
			}

			outs, err := s.Outputs(ctx)
			require.NoError(t, err)
			got := map[string]any{}
			for k, v := range outs {
				got[k] = v.Value
				if v.Secret {
					got[k] = "[secret]"
				}
			}
			assert.True(t, jsonEqual(doc.Outputs, got), "stack outputs: engine vs plan:\nplan:   %s\nengine: %s", js(doc.Outputs), js(got))

			_, err = s.Up(ctx, optup.ExpectNoChanges())
			require.NoError(t, err, "a second up must change nothing")
			_, err = s.Preview(ctx, optpreview.ExpectNoChanges())
			require.NoError(t, err)

			// What the user sees.
			out := e.mustCLI(work, "stack", "output", "--json", "--stack", stack)
			var shown map[string]any
			require.NoError(t, json.Unmarshal([]byte(out), &shown))
			assert.Equal(t, "[secret]", shown["appInsightsConnectionString"])
			assert.Equal(t, doc.Outputs["keyVaultId"], shown["keyVaultId"])

			if stack == "prod" {
				// Protected stateful resources refuse deletion with a clear message.
				_, err = s.Destroy(ctx)
				require.Error(t, err, "prod's protected resources must refuse destroy")
				assert.Contains(t, err.Error(), "protect")
				e.mustCLI(work, "state", "unprotect", "--all", "--yes", "--stack", stack)
			}
			_, err = s.Destroy(ctx, optdestroy.Remove())
			require.NoError(t, err, "destroy")
		})
	}
}

// Scenario 5: the App Insights connection string is a secret in state and in `stack output`
// (plain only with --show-secrets), and never in plain text in the state file or in what the
// azure-native provider was sent.
func TestSecrets(t *testing.T) {
	ctx, e, work, s := platformStack(t, "dev")
	_, err := s.Up(ctx)
	require.NoError(t, err)

	out := e.mustCLI(work, "stack", "output", "appInsightsConnectionString", "--stack", "dev")
	assert.Equal(t, "[secret]", strings.TrimSpace(out))
	plain := strings.TrimSpace(e.mustCLI(work, "stack", "output", "appInsightsConnectionString", "--show-secrets", "--stack", "dev"))
	require.True(t, strings.HasPrefix(plain, "InstrumentationKey="), "the secret's value: %q", plain)

	var files []string
	require.NoError(t, filepath.Walk(e.state, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			files = append(files, p)
		}
		return err
	}))
	require.NotEmpty(t, files)
	for _, f := range append(files, e.log) {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		assert.NotContains(t, string(b), plain, "connection string in plain text in %s", f)
		assert.NotContains(t, string(b), "InstrumentationKey=", "instrumentation key in plain text in %s", f)
	}
}

func js(v any) string {
	b, _ := json.Marshal(v)
	if len(b) > 2000 {
		return fmt.Sprintf("%s…", b[:2000])
	}
	return string(b)
}

// redactLike returns got with "[secret]" wherever want (a plan document's inputs) has it.
func redactLike(want, got any) any {
	if w, ok := want.(string); ok && w == "[secret]" {
		return "[secret]"
	}
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return got
		}
		out := make(map[string]any, len(g))
		for k, v := range g {
			out[k] = redactLike(w[k], v)
		}
		return out
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return got
		}
		out := make([]any, len(g))
		for i := range g {
			out[i] = redactLike(w[i], g[i])
		}
		return out
	}
	return got
}
