package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The README's main command is ./azure-mlops, a script that builds the CLI on first use and
// runs it: the exit status must be the CLI's own (0 planned, 1 mandatory violation, 2 invalid
// configuration), which `go run` and make cannot pass through.
func TestWrapperPassesExitCodesThrough(t *testing.T) {
	if testing.Short() {
		t.Skip("links the CLI (seconds with a warm build cache)")
	}
	root, err := filepath.Abs(repoRoot)
	require.NoError(t, err)
	bin := filepath.Join(t.TempDir(), "bin", "azure-mlops")
	run := func(args ...string) (stdout, stderr string, code int) {
		t.Helper()
		cmd := exec.Command(filepath.Join(root, "azure-mlops"), args...)
		cmd.Env = append(os.Environ(), "AZURE_MLOPS_BIN="+bin)
		var o, e bytes.Buffer
		cmd.Stdout, cmd.Stderr = &o, &e
		err := cmd.Run()
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return o.String(), e.String(), exit.ExitCode()
		}
		require.NoError(t, err)
		return o.String(), e.String(), 0
	}

	// First use: builds, says so on stderr, stdout carries only the plan.
	out, errOut, code := run("plan", "--stack", "test", "--format", "json", "--dir", root)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, errOut, "azure-mlops: compiling "+bin+" (first build takes about ")
	var doc map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &doc), "stdout is the JSON document alone")
	require.FileExists(t, bin)

	// Built: no build line.
	_, errOut, code = run("plan", "--stack", "dev", "--dir", root)
	assert.Equal(t, 0, code, errOut)
	assert.Empty(t, errOut)

	// 1: a stack that violates mandatory rules.
	body, err := os.ReadFile("testdata/Pulumi.refused.yaml")
	require.NoError(t, err)
	dir := writeProject(t, "refused", string(body))
	out, errOut, code = run("plan", "--stack", "refused", "--dir", dir)
	assert.Equal(t, 1, code, errOut)
	assert.Contains(t, out, "MANDATORY  deny_compute_vm_size  on vision-gpu [Compute]")
	assert.True(t, strings.HasSuffix(out, "(exit 1); 5 advisory findings\n"), "the tree's last line names the exit status")

	// 2: invalid configuration, and bad usage.
	dir = writeProject(t, "dev", "config:\n  azure-mlops:location: westeurope\n  azure-mlops:network:\n    addressSpace: 10.60.0.0/22\n"+
		"    privateEndpointSubnetPrefix: 10.60.0.0/24\n  azure-mlops:projects:\n    - name: fraud\n      computeClusters:\n"+
		"        - name: cpu\n          minNodes: 3\n          maxNodes: 2\n")
	out, errOut, code = run("plan", "--stack", "dev", "--dir", dir)
	assert.Equal(t, 2, code, errOut)
	assert.Empty(t, out)
	assert.Contains(t, errOut, "projects[0].computeClusters[0].maxNodes: must be ≥ minNodes (2 < 3)")
	_, _, code = run("plan", "--stack", "dev", "extra", "--dir", root)
	assert.Equal(t, 2, code)

	// A binary older than the sources is rebuilt.
	old := time.Now().Add(-24 * 365 * time.Hour)
	require.NoError(t, os.Chtimes(bin, old, old))
	_, errOut, code = run("version")
	assert.Equal(t, 0, code, errOut)
	assert.Contains(t, errOut, "azure-mlops: rebuilding "+bin+" (sources changed")
}

// make plan goes through the wrapper; ENV is a synonym of STACK, and the two disagreeing
// fail instead of planning dev.
func TestMakePlanStack(t *testing.T) {
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("no make")
	}
	makeN := func(args ...string) (string, error) {
		cmd := exec.Command("make", append([]string{"-s", "-n", "-C", repoRoot, "plan"}, args...)...)
		cmd.Env = append(os.Environ(), "ENV=/etc/shrc") // the shell's ENV must not count
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{nil, "./azure-mlops plan --stack dev ||"},
		{[]string{"STACK=prod"}, "./azure-mlops plan --stack prod ||"},
		{[]string{"ENV=prod"}, "./azure-mlops plan --stack prod ||"},
		{[]string{"ENV=test", "STACK=test"}, "./azure-mlops plan --stack test ||"},
	} {
		out, err := makeN(c.args...)
		require.NoError(t, err, out)
		assert.Contains(t, out, c.want, c.args)
	}
	out, err := makeN("ENV=prod", "STACK=dev")
	assert.Error(t, err)
	assert.Contains(t, out, "ENV=prod and STACK=dev disagree")
}

// The wrapper rebuilds when a source changes: it watches every top-level directory of this
// module the CLI is built from (a package missing there meant a stale binary after a pull).
func TestWrapperWatchesEverySourceOfTheCLI(t *testing.T) {
	script, err := os.ReadFile(filepath.Join(repoRoot, "azure-mlops"))
	require.NoError(t, err)
	watched := map[string]bool{}
	for _, m := range regexp.MustCompile(`"\$root/([^"]+)"`).FindAllStringSubmatch(string(script), -1) {
		watched[m[1]] = true
	}
	out, err := exec.Command("go", "list", "-deps", "-f", "{{.Dir}}", ".").Output()
	require.NoError(t, err)
	for _, dir := range strings.Fields(string(out)) {
		root, _ := filepath.Abs(repoRoot)
		rel, err := filepath.Rel(root, dir)
		if err != nil || strings.HasPrefix(rel, "..") {
			continue // not this module
		}
		top := strings.SplitN(filepath.ToSlash(rel), "/", 2)[0]
		assert.True(t, watched[top], "the wrapper does not watch %s/ (package %s)", top, rel)
	}
}
