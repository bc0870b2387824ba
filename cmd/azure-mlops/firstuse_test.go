package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// What a platform engineer meets first (issue 13): the tree, the diagram, the diff and the
// command line, over the shipped stacks and the golden ones.

var (
	mermaidNode  = regexp.MustCompile(`^\s+(\w+)(\["|\(\["|\[\(")`)
	mermaidGraph = regexp.MustCompile(`^\s*subgraph (\w+)\[`)
	mermaidEdge  = regexp.MustCompile(`^\s+(\w+) (?:-->|-\. diagnostics \.->) (\w+)$`)
)

// Every resource is its own node: Mermaid merges nodes that share an id, which made a
// PolicyDefinition and its PolicyAssignment one node with an edge to itself.
func TestMermaidNodesAreDistinct(t *testing.T) {
	diagrams := map[string]string{}
	for _, s := range []string{"dev", "test", "prod"} {
		out, errOut, code := runCLI("plan", "--stack", s, "--format", "mermaid", "--dir", repoRoot)
		require.Equal(t, 0, code, errOut)
		diagrams[s] = out
	}
	b, err := os.ReadFile("testdata/golden.mermaid.txt")
	require.NoError(t, err)
	diagrams["golden"] = string(b)
	for name, d := range diagrams {
		t.Run(name, func(t *testing.T) {
			defined := map[string]int{}
			var edges [][2]string
			for _, line := range strings.Split(d, "\n") {
				if m := mermaidGraph.FindStringSubmatch(line); m != nil {
					defined[m[1]]++
				} else if m := mermaidNode.FindStringSubmatch(line); m != nil {
					defined[m[1]]++
				} else if m := mermaidEdge.FindStringSubmatch(line); m != nil {
					edges = append(edges, [2]string{m[1], m[2]})
				}
			}
			require.NotEmpty(t, defined)
			require.NotEmpty(t, edges)
			for id, n := range defined {
				assert.Equal(t, 1, n, "node id %s defined %d times", id, n)
			}
			for _, e := range edges {
				assert.NotEqual(t, e[0], e[1], "self-loop on %s", e[0])
				assert.Contains(t, defined, e[0])
				assert.Contains(t, defined, e[1])
			}
		})
	}
	assert.Contains(t, diagrams["golden"], `governance_roles(["1 role assignment"])`)
	assert.Contains(t, diagrams["golden"], `["ML Workspace<br/>mlw-vision-golden"]`)
	assert.Contains(t, diagrams["golden"], `["Log Analytics<br/>log-mlops-golden"]`)
	assert.Contains(t, diagrams["golden"], "governance_managed_network_computes --> governance_ml_compute_subnet\n",
		"the exemption points at the assignment it exempts from")
}

func TestTreeReadsRight(t *testing.T) {
	b, err := os.ReadFile("testdata/golden.tree.txt")
	require.NoError(t, err)
	tree := string(b)
	prod, errOut, code := runCLI("plan", "--stack", "prod", "--dir", repoRoot)
	require.Equal(t, 0, code, errOut)
	for name, out := range map[string]string{"golden": tree, "prod": prod} {
		assert.NotContains(t, out, "map[", "%s: an object printed as a Go map", name)
		assert.NotContains(t, out, "[Workspace]", "%s: Log Analytics and ML workspaces told apart", name)
		assert.Contains(t, out, "[ML Workspace]", name)
		assert.Contains(t, out, "[Log Analytics]", name)
		assert.NotContains(t, out, "longest chain", "%s: the chain length is said once", name)
		assert.NotContains(t, out, "see policy.violations", name)
	}
	assert.Contains(t, tree, "vision-rule-monitor [ManagedNetworkSettingsRule] monitor  — type=ServiceTag · tag=AzureMonitor · protocol=TCP · ports=443 · action=Allow\n")
	assert.Contains(t, tree, "vision-rule-datalake [ManagedNetworkSettingsRule] datalake  — type=PrivateEndpoint · resource=stdatalake · target=dfs")
	assert.Contains(t, prod, "fraud-rule-monitor [ManagedNetworkSettingsRule] monitor  — type=ServiceTag · tag=AzureMonitor")
	assert.Regexp(t, `\nCritical path: \d+ hops, ≈[\d.]+ min: rg → `, tree)
	assert.True(t, strings.HasSuffix(tree, "Result: planned, no mandatory violation, no Azure Policy denial (exit 0); 5 advisory findings\n"))
}

// The refused golden: mandatory findings (Rego and Azure Policy) before advisory ones, each
// Rego finding with its fix.
func TestFindingsMandatoryFirst(t *testing.T) {
	b, err := os.ReadFile("testdata/golden.refused.tree.txt")
	require.NoError(t, err)
	out := string(b)
	i := strings.Index(out, "Policy findings: ")
	require.Positive(t, i)
	var levels []string
	for _, line := range strings.Split(out[i:], "\n")[1:] {
		if line == "" {
			break
		}
		if f := strings.Fields(line); !strings.HasPrefix(line, "      ") {
			levels = append(levels, f[0])
		}
	}
	assert.Equal(t, []string{"MANDATORY", "MANDATORY", "DENY", "DENY", "advisory", "advisory", "advisory", "advisory", "advisory"}, levels)
	assert.Contains(t, out, "  MANDATORY  deny_compute_vm_size  on vision-gpu [Compute]\n"+
		"             vision-gpu: VM size Standard_NC4as_T4_v3 is not allowed here\n"+
		"             fix: choose a VM size from the environment's allowedVmSizes\n")
	assert.True(t, strings.HasSuffix(out, "Result: REFUSED: 2 mandatory violations, 2 Azure Policy denials (exit 1); 5 advisory findings\n"))
}

func TestCommandLineHygiene(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"plan", "--stack", "dev", "extra", "--dir", repoRoot}, `plan: unexpected argument "extra"`},
		{[]string{"plan", "--dir", repoRoot, "dev"}, `plan: unexpected argument "dev" (the stack is a flag: azure-mlops plan --stack dev)`},
		{[]string{"stacks", "--dir", repoRoot, "dev"}, `stacks: unexpected argument "dev"`},
		{[]string{"policy-config", "--stack", "dev", "--dir", repoRoot, "x"}, `policy-config: unexpected argument "x"`},
		{[]string{"schema", "x"}, "schema: takes no arguments (got x)"},
		{[]string{"version", "x"}, "version: takes no arguments"},
		{[]string{"diff", "dev", "prod", "test", "--dir", repoRoot}, "diff: two stacks are required, e.g. azure-mlops diff dev prod (got 3: dev prod test)"},
		{[]string{"plna"}, `unknown command "plna"; did you mean plan?`},
		{[]string{"plan", "--stack", "prd", "--dir", repoRoot}, "(stacks here: dev, prod, test; did you mean prod?)"},
		{[]string{"diff", "dev", "prdo", "--dir", repoRoot}, "did you mean prod?"},
		{[]string{"policy-config", "--stack", "tset", "--dir", repoRoot}, "did you mean test?"},
		{[]string{"plan", "--stack", "dev", "--dir", t.TempDir()}, "no Pulumi.yaml in --dir"},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			out, errOut, code := runCLI(c.args...)
			assert.Equal(t, 2, code)
			assert.Empty(t, out)
			assert.Contains(t, errOut, c.want)
		})
	}
	// A top-level key with a typo.
	dir := writeProject(t, "dev", "config:\n  azure-mlops:location: westeurope\n  azure-mlops:netwrok: {}\n"+
		"  azure-mlops:network:\n    addressSpace: 10.60.0.0/22\n    privateEndpointSubnetPrefix: 10.60.0.0/24\n  azure-mlops:projects:\n    - name: fraud\n")
	_, errOut, code := runCLI("plan", "--stack", "dev", "--dir", dir)
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "netwrok: unknown configuration key (known: profile,")
	assert.Contains(t, errOut, "; did you mean network?")
}

// Run from a directory below another project (examples/go has its own Pulumi.yaml and no
// stacks), the CLI says which project it found and how to point elsewhere; a project found
// above the working directory is named.
func TestProjectDiscoveryIsNamed(t *testing.T) {
	root, err := filepath.Abs(repoRoot)
	require.NoError(t, err)
	t.Chdir(filepath.Join(root, "examples", "go"))
	out, errOut, code := runCLI("plan", "--stack", "dev")
	assert.Equal(t, 2, code)
	assert.Empty(t, out)
	assert.Contains(t, errOut, `stack "dev": no Pulumi.dev.yaml in `+filepath.Join(root, "examples", "go")+" (no stack file Pulumi.<stack>.yaml there at all)")
	assert.Contains(t, errOut, `Project "azure-mlops-example-go" (`+filepath.Join(root, "examples", "go", "Pulumi.yaml")+") is the nearest Pulumi.yaml upward")
	assert.Contains(t, errOut, "pass --dir <directory with Pulumi.yaml and Pulumi.<stack>.yaml>")
	out, errOut, code = runCLI("stacks")
	assert.Equal(t, 0, code)
	assert.Empty(t, out)
	assert.Contains(t, errOut, "stacks: none: "+filepath.Join(root, "examples", "go")+" has no stack file")

	t.Chdir(filepath.Join(root, "cmd"))
	out, errOut, code = runCLI("stacks")
	assert.Equal(t, 0, code)
	assert.Equal(t, "dev\nprod\ntest\n", out)
	assert.Equal(t, `azure-mlops: project "azure-mlops" in `+root+" (the nearest Pulumi.yaml upward; --dir <project dir> to choose another)\n", errOut)
}

func TestDiffPutsSecurityFirst(t *testing.T) {
	out, errOut, code := runCLI("diff", "dev", "prod", "--dir", repoRoot)
	require.Equal(t, 0, code, errOut)
	sec := strings.Index(out, "\nSecurity-relevant settings")
	only := strings.Index(out, "\nOnly in prod:")
	other := strings.Index(out, "\nOther settings, dev → prod:")
	tags := strings.Index(out, "\nTags only, dev → prod:")
	require.True(t, sec > 0 && only > sec && other > only && tags > other, out)
	security, rest := out[sec:only], out[only:]
	for _, s := range []string{
		"managedNetwork.isolationMode: AllowInternetOutbound → AllowOnlyApprovedOutbound",
		"hbiWorkspace: false → true", "(protect): false → true", "parameters.effect.value: Audit → Deny",
	} {
		assert.Contains(t, security, s)
		assert.NotContains(t, rest, s)
	}
	// Within a resource, security settings first; its tags on one line.
	assert.Contains(t, security, "  fraud-mlw [ML Workspace]\n      (protect): false → true\n      hbiWorkspace: false → true\n"+
		"      managedNetwork.isolationMode: AllowInternetOutbound → AllowOnlyApprovedOutbound\n      friendlyName: (unset) → Fraud detection\n")
	// A definition and an assignment of the same name are different resources.
	assert.Contains(t, security, "  governance-ml-aks [PolicyAssignment]\n")
	// Prod's monitoring is private (Azure Monitor Private Link Scope): a security change.
	assert.Contains(t, security, "  shared-appi [App Insights]\n      publicNetworkAccessForIngestion: Enabled → Disabled\n"+
		"      publicNetworkAccessForQuery: Enabled → Disabled\n      tags: criticality (unset) → high\n")
	assert.Contains(t, out[tags:], "  shared-nsg-clients [NetworkSecurityGroup]  tags: criticality (unset) → high\n")
	assert.NotContains(t, out, "tags.")
	assert.Regexp(t, `\d+ resources differ: \d+ in security-relevant settings, \d+ in other settings, \d+ in tags only\n`, out)
}

// The README is what a new user reads first: its main command, Go version and first-build
// figure agree with the script and go.mod, every file it links exists, and the JSON contract
// it and the code point to is in the repository.
func TestReadmeFirstUse(t *testing.T) {
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(repoRoot, name))
		require.NoError(t, err)
		return string(b)
	}
	readme, script, gomod := read("README.md"), read("azure-mlops"), read("go.mod")

	goVersion := regexp.MustCompile(`(?m)^go (\S+)$`).FindStringSubmatch(gomod)
	require.NotNil(t, goVersion)
	has := func(s string) bool { return strings.Contains(readme, s) } // (assert.Contains would print the README)
	assert.True(t, has("**Go "+goVersion[1]+"** or later"), goVersion[1])
	firstBuild := regexp.MustCompile(`first_build="([^"]+)"`).FindStringSubmatch(script)
	require.NotNil(t, firstBuild)
	assert.True(t, has(firstBuild[1]), "the script's estimate %q is the README's measured figure", firstBuild[1])
	assert.True(t, has("\n./azure-mlops plan --stack dev "), "the main command")
	assert.False(t, has("go run ./cmd/azure-mlops"), "go run loses the exit status")

	for _, m := range regexp.MustCompile(`\]\(([^)#:]+)(#[^)]*)?\)`).FindAllStringSubmatch(readme, -1) {
		_, err := os.Stat(filepath.Join(repoRoot, m[1]))
		assert.NoError(t, err, "README links %s", m[1])
	}
	require.NoError(t, filepath.WalkDir(repoRoot, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") && path != repoRoot || d.Name() == "node_modules" || d.Name() == "sdk" || d.Name() == "bin") {
			return filepath.SkipDir
		}
		if d.IsDir() || !(strings.HasSuffix(path, ".go") || strings.HasSuffix(path, ".md")) || strings.HasSuffix(path, "firstuse_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		require.NoError(t, err)
		assert.NotContains(t, string(b), "PLAN_FORMAT", "%s: the contract is docs/plan-format.md", path)
		return nil
	}))
}
