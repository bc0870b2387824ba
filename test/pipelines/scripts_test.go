package pipelines

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeCLI writes an azure-mlops stand-in whose `plan` prints doc and exits with code.
func fakeCLI(t *testing.T, doc string, code int) string {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "plan.json"), []byte(doc), 0o600))
	script := "#!/bin/sh\ncase \"$1\" in\n  stacks) echo dev ;;\n  plan) cat '" + filepath.Join(dir, "plan.json") + "'; exit " +
		string(rune('0'+code)) + " ;;\nesac\n"
	bin := filepath.Join(dir, "azure-mlops")
	require.NoError(t, os.WriteFile(bin, []byte(script), 0o700))
	return bin
}

// The deployment gate: plan.sh exits with the worst plan status and lists the mandatory
// violations in the summary the pipelines publish.
func TestPlanScriptGatesOnMandatoryViolations(t *testing.T) {
	if _, err := exec.LookPath("jq"); err != nil {
		t.Skip("jq is not installed (GitHub and Azure DevOps hosted Ubuntu images have it)")
	}
	for _, c := range []struct {
		name string
		doc  string
		code int
		want string
	}{
		{"clean", `{"summary":{"resources":3},"policy":{"violations":[{"policy":"x","enforcement":"advisory","message":"m"}]},"azurePolicy":{"verdicts":[]}}`, 0, "| dev | 3 | 0 | 1 | 0 | 0 |"},
		{"mandatory", `{"summary":{"resources":3},"policy":{"violations":[{"policy":"storage-public-network-access","enforcement":"mandatory","message":"st is public"}]},"azurePolicy":{"verdicts":[]}}`, 1, "- **storage-public-network-access**: st is public"},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := t.TempDir()
			cmd := exec.Command(filepath.Join(root, ".ci/delivery/plan.sh"), out)
			cmd.Env = append(os.Environ(), "AZURE_MLOPS="+fakeCLI(t, c.doc, c.code))
			err := cmd.Run()
			code := 0
			if ee, ok := err.(*exec.ExitError); ok {
				code = ee.ExitCode()
			} else {
				require.NoError(t, err)
			}
			assert.Equal(t, c.code, code)
			summary, err := os.ReadFile(filepath.Join(out, "plan-summary.md"))
			require.NoError(t, err)
			assert.Contains(t, string(summary), c.want)
			assert.True(t, strings.HasPrefix(string(summary), "### Offline plan"))
		})
	}
}
