//go:build e2e

package e2e

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"
)

// editStack rewrites work/Pulumi.<stack>.yaml with edit applied to its config map.
func editStack(t *testing.T, work, stack string, edit func(cfg map[string]any)) func() {
	t.Helper()
	path := filepath.Join(work, "Pulumi."+stack+".yaml")
	orig, err := os.ReadFile(path)
	require.NoError(t, err)
	var doc map[string]any
	require.NoError(t, yaml.Unmarshal(orig, &doc))
	edit(doc["config"].(map[string]any))
	b, err := yaml.Marshal(doc)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, b, 0o644))
	return func() { require.NoError(t, os.WriteFile(path, orig, 0o644)) }
}

func previewOps(t *testing.T, ctx context.Context, s auto.Stack) map[apitype.OpType][]string {
	t.Helper()
	rec := newOps()
	_, err := s.Preview(ctx, optpreview.EventStreams(rec.ch))
	require.NoError(t, err)
	return changed(rec.result())
}

func projects(cfg map[string]any) []any { return cfg["azure-mlops:projects"].([]any) }

// ofProject reports whether a resource name belongs to project p: its own resources, and
// Operations' alerts, budget, locks and replica for it (operations-[budget-|lock-]<p>-...).
func ofProject(name, p string) bool {
	n := strings.TrimPrefix(name, "operations-")
	if n != name {
		n = strings.TrimPrefix(strings.TrimPrefix(n, "budget-"), "lock-")
		n = strings.TrimPrefix(n, "cr-")
	}
	return strings.HasPrefix(n, p)
}

// names returns the last URN segments.
func names(urns []string) []string {
	out := make([]string, len(urns))
	for i, u := range urns {
		out[i] = u[strings.LastIndex(u, "::")+2:]
	}
	return out
}

// Scenario 4: one change per class of config, and what the engine plans for it.
func TestChangeBehaviour(t *testing.T) {
	ctx, _, work, s := platformStack(t, "dev")
	_, err := s.Up(ctx)
	require.NoError(t, err)

	t.Run("tag: in-place updates only", func(t *testing.T) {
		defer editStack(t, work, "dev", func(cfg map[string]any) {
			cfg["azure-mlops:tags"].(map[string]any)["owner"] = "ml-platform-team"
		})()
		ops := previewOps(t, ctx, s)
		assert.NotEmpty(t, ops[apitype.OpUpdate])
		for op := range ops {
			assert.Equal(t, apitype.OpUpdate, op, "a tag change must not %s: %v", op, names(ops[op]))
		}
	})
	t.Run("compute maxNodes: one compute updated", func(t *testing.T) {
		defer editStack(t, work, "dev", func(cfg map[string]any) {
			projects(cfg)[0].(map[string]any)["computeClusters"].([]any)[0].(map[string]any)["maxNodes"] = 3
		})()
		ops := previewOps(t, ctx, s)
		assert.Equal(t, []string{"fraud-cpu"}, names(ops[apitype.OpUpdate]))
		assert.Len(t, ops, 1, "only updates: %v", ops)
	})
	t.Run("project added: creates, and the registry allow-list policy follows", func(t *testing.T) {
		defer editStack(t, work, "dev", func(cfg map[string]any) {
			cfg["azure-mlops:projects"] = append(projects(cfg), map[string]any{"name": "vision",
				"computeClusters": []any{map[string]any{"name": "cpu", "maxNodes": 2}}})
		})()
		ops := previewOps(t, ctx, s)
		require.NotEmpty(t, ops[apitype.OpCreate])
		assert.Contains(t, names(ops[apitype.OpCreate]), "vision")
		for _, n := range names(ops[apitype.OpCreate]) {
			assert.True(t, ofProject(n, "vision"), "only the new project's resources are created: %s", n)
		}
		assert.Empty(t, ops[apitype.OpDelete])
		assert.Empty(t, ops[apitype.OpReplace])
		for _, u := range ops[apitype.OpUpdate] {
			assert.Contains(t, u, "Governance", "only governance (the registry allow-list) updates: %s", u)
		}
	})
	t.Run("project removed: deletes", func(t *testing.T) {
		defer editStack(t, work, "dev", func(cfg map[string]any) {
			cfg["azure-mlops:projects"] = projects(cfg)[:1]
			// The project's budget goes with it (a budget for an unknown project is refused).
			o := cfg["azure-mlops:operations"].(map[string]any)
			o["projectBudgets"] = o["projectBudgets"].([]any)[:1]
		})()
		ops := previewOps(t, ctx, s)
		require.NotEmpty(t, ops[apitype.OpDelete])
		assert.Contains(t, names(ops[apitype.OpDelete]), "operations-budget-churn")
		for _, n := range names(ops[apitype.OpDelete]) {
			assert.True(t, ofProject(n, "churn"), "only churn's resources are deleted: %s", n)
		}
		assert.Empty(t, ops[apitype.OpCreate])
		assert.Empty(t, ops[apitype.OpReplace])
	})
	t.Run("isolation mode: create-only in Azure, the workspaces are replaced", func(t *testing.T) {
		defer editStack(t, work, "dev", func(cfg map[string]any) {
			cfg["azure-mlops:isolationMode"] = "AllowOnlyApprovedOutbound"
		})()
		ops := previewOps(t, ctx, s)
		assert.Contains(t, names(ops[apitype.OpReplace]), "fraud-mlw")
		assert.Contains(t, names(ops[apitype.OpReplace]), "churn-mlw")
		assert.Empty(t, ops[apitype.OpDelete])
		for _, n := range names(ops[apitype.OpCreate]) {
			assert.Contains(t, n, "-rule-", "only outbound rules are created: %s", n)
		}
	})
	t.Run("high business impact: create-only, the workspace is replaced", func(t *testing.T) {
		defer editStack(t, work, "dev", func(cfg map[string]any) {
			cfg["azure-mlops:highBusinessImpact"] = true
		})()
		ops := previewOps(t, ctx, s)
		assert.Contains(t, names(ops[apitype.OpReplace]), "fraud-mlw")
		assert.Contains(t, names(ops[apitype.OpReplace]), "churn-mlw")
	})
	_, err = s.Up(ctx, optup.ExpectNoChanges())
	require.NoError(t, err, "every edit was undone")
}

// Scenario 4, prod: protected stateful resources refuse deletion with a clear message.
func TestProtectedResourcesRefuseDeletion(t *testing.T) {
	ctx, _, work, s := platformStack(t, "prod")
	_, err := s.Up(ctx)
	require.NoError(t, err)
	editStack(t, work, "prod", func(cfg map[string]any) { cfg["azure-mlops:projects"] = projects(cfg)[:1] })
	_, err = s.Up(ctx)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "protect")
	assert.Contains(t, err.Error(), "churn")
}

// Scenario 6: Azure fails one resource's creation. `pulumi up` reports it, its dependents are
// not created, independent resources are; a second up without the failure converges with no
// duplicates.
func TestFailureAndRecovery(t *testing.T) {
	ctx, e, _, s := platformStack(t, "dev")
	s.Workspace().SetEnvVar("FAKEAZURE_FAIL_CREATE", "fraud-mlw")
	_, err := s.Up(ctx)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "fraud-mlw")
	assert.Contains(t, err.Error(), "FAKEAZURE_FAIL_CREATE")

	created := map[string]bool{}
	for _, r := range e.export(ctx, s).managed() {
		created[r.URN] = true
	}
	inState := func(name string) bool {
		for urn := range created {
			if strings.HasSuffix(urn, "::"+name) {
				return true
			}
		}
		return false
	}
	assert.False(t, inState("fraud-mlw"), "the failed workspace is not in state")
	assert.False(t, inState("fraud-cpu"), "its compute (a dependent) was not created")
	assert.True(t, inState("fraud-st"), "the workspace's storage (created before it) is in state")

	s.Workspace().UnsetEnvVar("FAKEAZURE_FAIL_CREATE")
	e.resetLog()
	_, err = s.Up(ctx)
	require.NoError(t, err, "a second up converges")
	doc := offlinePlan(t, "dev")
	assert.Equal(t, doc.Summary.ByType, e.export(ctx, s).byType(), "no duplicates, nothing missing")
	for _, c := range e.calls() {
		if c.Method == "Create" {
			assert.False(t, created[c.URN], "created twice: %s", c.URN)
		}
	}
	_, err = s.Up(ctx, optup.ExpectNoChanges())
	require.NoError(t, err)
}
