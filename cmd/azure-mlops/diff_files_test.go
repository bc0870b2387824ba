package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// CI saves main's plan and the pull request's and diffs the files.
func TestDiffOfSavedPlans(t *testing.T) {
	dir := t.TempDir()
	save := func(stack string) string {
		var out, errb bytes.Buffer
		require.Equal(t, exitOK, run([]string{"plan", "--stack", stack, "--format", "json", "--dir", "../.."}, &out, &errb), errb.String())
		f := filepath.Join(dir, stack+".json")
		require.NoError(t, os.WriteFile(f, out.Bytes(), 0o600))
		return f
	}
	dev, prod := save("dev"), save("prod")
	var files, stacks, errb bytes.Buffer
	require.Equal(t, exitOK, run([]string{"diff", dev, prod}, &files, &errb), errb.String())
	require.Equal(t, exitOK, run([]string{"diff", "dev", "prod", "--dir", "../.."}, &stacks, &errb), errb.String())
	assert.NotEmpty(t, files.String())
	assert.Equal(t, stacks.String(), files.String(), "a saved plan diffs like the stack it came from")

	bad := filepath.Join(dir, "bad.json")
	require.NoError(t, os.WriteFile(bad, []byte("{}"), 0o600))
	assert.Equal(t, exitInvalid, run([]string{"diff", bad, prod}, &files, &errb))
}
