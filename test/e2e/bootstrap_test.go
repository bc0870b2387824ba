//go:build e2e

package e2e

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/azure-mlops/pulumi-azure-mlops/components"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/plan"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/profile"
)

// Delivery: the bootstrap program (bootstrap/Pulumi.yaml, stack delivery) through the real
// engine against the azure-native double: preview and up create what its offline plan plans
// (by type, with the same inputs), a second up changes nothing, the protected state account,
// vault, keys and containers refuse deletion.
func TestBootstrapProgram(t *testing.T) {
	figures.scenario(t)
	ctx := context.Background()
	e := newEnv(t)
	src := filepath.Join(repoRoot, "bootstrap")
	work := copyProject(t, src, "delivery")
	files, err := profile.LoadStackFiles(src, "delivery")
	require.NoError(t, err)
	doc, err := plan.Evaluate(plan.Options{Project: files.Project, Stack: "delivery", Config: files.Config,
		SubscriptionID: files.Get(components.BootstrapProject + ":subscriptionId")}, components.BootstrapProgram)
	require.NoError(t, err)

	s := e.inlineStack(ctx, work, components.BootstrapProject, "delivery",
		func(ctx *pulumi.Context) error {
			outs, err := components.BootstrapProgram(ctx)
			for k, v := range outs {
				ctx.Export(k, v)
			}
			return err
		})
	prev, err := s.Preview(ctx)
	require.NoError(t, err, "preview")
	assert.Equal(t, doc.Summary.Resources+1, prev.ChangeSummary["create"], "preview creates what the plan plans")

	e.resetLog()
	_, err = s.Up(ctx)
	require.NoError(t, err, "up")
	assert.Equal(t, doc.Summary.ByType, e.export(ctx, s).byType(), "resources by type: engine vs offline plan")
	planned := map[string]map[string]any{}
	for _, r := range doc.Resources {
		if r.Custom {
			planned[r.URN] = r.Inputs
		}
	}
	var conditions int
	for _, c := range e.calls() {
		if c.Method != "Create" {
			continue
		}
		want, ok := planned[c.URN]
		if assert.True(t, ok, "created but not planned: %s", c.URN) {
			assert.True(t, jsonEqual(want, c.Inputs), "inputs of %s differ:\nplan:   %s\nengine: %s", c.URN, js(want), js(c.Inputs))
		}
		if cond, _ := c.Inputs["condition"].(string); strings.Contains(cond, "ForAnyOfAnyValues:GuidEquals") {
			conditions++
		}
	}
	// One per environment on its resource group, and one per data landing zone scope of the
	// delivery stack (2 dev, 1 test, 2 prod).
	assert.Equal(t, 3+5, conditions, "one ABAC-constrained role assignment administrator per environment and data scope reached the provider")

	_, err = s.Up(ctx, optup.ExpectNoChanges())
	require.NoError(t, err, "a second up must change nothing")
	_, err = s.Preview(ctx, optpreview.ExpectNoChanges())
	require.NoError(t, err)

	_, err = s.Destroy(ctx)
	require.Error(t, err, "the state backend and keys are protected")
	assert.Contains(t, err.Error(), "protect")
	e.mustCLI(work, "state", "unprotect", "--all", "--yes", "--stack", "delivery")
	_, err = s.Destroy(ctx, optdestroy.Remove())
	require.NoError(t, err, "destroy")
}
