package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/plan"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/policy"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/profile"
	"github.com/azure-mlops/pulumi-azure-mlops/platform"
)

var update = flag.Bool("update", false, "rewrite golden files and generated docs")

const repoRoot = "../.."

func runCLI(args ...string) (stdout, stderr string, code int) {
	var o, e bytes.Buffer
	code = run(args, &o, &e)
	return o.String(), e.String(), code
}

func TestEveryStackPlans(t *testing.T) {
	stacks := profile.Stacks(repoRoot)
	require.ElementsMatch(t, []string{"dev", "test", "prod"}, stacks)
	for _, s := range stacks {
		t.Run(s, func(t *testing.T) {
			out, errOut, code := runCLI("plan", "--stack", s, "--dir", repoRoot)
			require.Equal(t, 0, code, errOut)
			assert.Contains(t, out, "Summary: ")
			assert.Contains(t, out, "Critical path: ")
		})
	}
}

// The streamed JSON of every stack is exactly json.MarshalIndent of its plan (the format the
// contract has always had).
func TestStreamedJSONOfEveryStack(t *testing.T) {
	for _, s := range profile.Stacks(repoRoot) {
		doc, err := Plan(repoRoot, s)
		require.NoError(t, err)
		want, err := json.MarshalIndent(doc, "", "  ")
		require.NoError(t, err)
		got, err := doc.JSON()
		require.NoError(t, err)
		require.Equal(t, string(append(want, '\n')), string(got), s)
	}
}

// Every private endpoint's DNS zone group names an existing zone for each of its entries in
// every stack: an entry without a zone id leaves the endpoint's name resolving publicly (prod's
// Azure Monitor endpoint once had four such entries).
func TestEveryZoneGroupEntryHasAZone(t *testing.T) {
	for _, s := range profile.Stacks(repoRoot) {
		doc, err := Plan(repoRoot, s)
		require.NoError(t, err)
		zones := map[string]bool{}
		for _, r := range doc.Resources {
			if r.Type == "azure-native:network:PrivateZone" {
				zones[r.ID] = true
			}
		}
		groups := 0
		for _, r := range doc.Resources {
			if r.Type != "azure-native:network:PrivateDnsZoneGroup" {
				continue
			}
			groups++
			configs, _ := r.Inputs["privateDnsZoneConfigs"].([]any)
			require.NotEmpty(t, configs, "%s: %s", s, r.Name)
			for _, c := range configs {
				c := c.(map[string]any)
				id, _ := c["privateDnsZoneId"].(string)
				assert.True(t, zones[id], "%s: %s entry %v has no zone of this stack (%q)", s, r.Name, c["name"], id)
			}
		}
		assert.Positive(t, groups, s)
	}
}

// ARM ids: resource-group resources, their children and extension resources, and the few
// subscription-level ones (policy definitions).
var armIDPattern = regexp.MustCompile(`^/subscriptions/[0-9a-f-]{36}((/resourceGroups/[^/]+)(/providers/[A-Za-z.]+/[A-Za-z]+/[^/]+)*|(/providers/[A-Za-z.]+/[A-Za-z]+/[^/]+)+)(/[A-Za-z]+/[^/]+)*$`)

func TestPlanJSONFollowsTheContract(t *testing.T) {
	out, errOut, code := runCLI("plan", "--stack", "dev", "--format", "json", "--dir", repoRoot)
	require.Equal(t, 0, code, errOut)
	again, _, _ := runCLI("plan", "--stack", "dev", "--format", "json", "--dir", repoRoot)
	assert.Equal(t, out, again, "two runs must be byte-identical")

	// Exactly one JSON document on stdout.
	dec := json.NewDecoder(strings.NewReader(out))
	var doc map[string]any
	require.NoError(t, dec.Decode(&doc))
	assert.False(t, dec.More(), "nothing but the document on stdout")

	assert.Equal(t, float64(1), doc["formatVersion"])
	assert.Equal(t, "azure-mlops", doc["project"])
	assert.Equal(t, "dev", doc["stack"])
	require.IsType(t, map[string]any{}, doc["outputs"])
	require.IsType(t, map[string]any{}, doc["policy"])
	require.IsType(t, []any{}, doc["policy"].(map[string]any)["violations"])
	summary := doc["summary"].(map[string]any)
	resources := doc["resources"].([]any)
	assert.Equal(t, float64(len(resources)), summary["resources"])
	byType := summary["byType"].(map[string]any)
	total := 0.0
	for _, n := range byType {
		total += n.(float64)
	}
	assert.Equal(t, float64(len(resources)), total)

	seen := map[string]bool{}
	ids := map[string]string{}
	for _, x := range resources {
		r := x.(map[string]any)
		for _, k := range []string{"urn", "type", "name", "custom", "parent", "provider", "protect", "inputs", "dependencies", "propertyDependencies"} {
			assert.Contains(t, r, k, "resource %v lacks %s", r["name"], k)
		}
		urn := r["urn"].(string)
		assert.True(t, strings.HasPrefix(urn, "urn:pulumi:dev::azure-mlops::"), urn)
		assert.True(t, strings.HasSuffix(urn, "::"+r["name"].(string)), urn)
		if p := r["parent"].(string); p != "" {
			assert.True(t, seen[p], "parent of %s must come before it", r["name"])
		}
		for _, d := range r["dependencies"].([]any) {
			assert.True(t, seen[d.(string)], "dependency %s of %s must come before it", d, r["name"])
		}
		if r["custom"].(bool) {
			id, _ := r["id"].(string)
			assert.Regexp(t, armIDPattern, id, r["name"])
			assert.Equal(t, "azure-native@2.92.3", r["provider"], r["name"])
			ids[r["name"].(string)] = id
		} else {
			assert.NotContains(t, r, "id")
		}
		seen[urn] = true
	}
	// Cross-references can be checked by id.
	var kvID string
	for _, x := range resources {
		r := x.(map[string]any)
		if r["name"] == "shared-kv" {
			kvID = r["id"].(string)
		}
	}
	for _, x := range resources {
		r := x.(map[string]any)
		if strings.HasSuffix(r["name"].(string), "-mlw") {
			// Each workspace has its own vault (its secrets reachable by its own identities only).
			assert.Equal(t, ids[strings.TrimSuffix(r["name"].(string), "-mlw")+"-kv"], r["inputs"].(map[string]any)["keyVault"])
			assert.NotEqual(t, kvID, r["inputs"].(map[string]any)["keyVault"])
			assert.Equal(t, ids[strings.TrimSuffix(r["name"].(string), "-mlw")+"-st"], r["inputs"].(map[string]any)["storageAccount"])
		}
	}
	assert.Equal(t, "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-mlops-dev/providers/Microsoft.KeyVault/vaults/"+
		kvID[strings.LastIndex(kvID, "/")+1:], kvID, "subscription defaults to the all-zero GUID")

	// azurePolicy (docs/plan-format.md): one entry per planned policy assignment, verdicts
	// naming resource, assignment, definition, effect, result and action.
	az := doc["azurePolicy"].(map[string]any)
	assert.Equal(t, true, az["evaluated"])
	assignments := map[string]map[string]any{}
	for _, x := range az["assignments"].([]any) {
		a := x.(map[string]any)
		for _, k := range []string{"name", "urn", "definition", "definitionId", "definitionSource", "mode", "scope", "effect", "enforcementMode", "status", "resources", "compliant", "nonCompliant", "errors", "exempt"} {
			assert.Contains(t, a, k, "assignment %v lacks %s", a["name"], k)
		}
		assignments[a["name"].(string)] = a
	}
	for _, x := range resources {
		r := x.(map[string]any)
		if r["type"] == "azure-native:authorization:PolicyAssignment" {
			name := r["inputs"].(map[string]any)["policyAssignmentName"].(string)
			require.Contains(t, assignments, name, "assignment %s has no Azure Policy entry", name)
			assert.Contains(t, []any{"evaluated", "not-applicable"}, assignments[name]["status"], name)
		}
	}
	verdicts := az["verdicts"].([]any)
	require.NotEmpty(t, verdicts)
	for _, x := range verdicts {
		v := x.(map[string]any)
		for _, k := range []string{"urn", "resource", "assignment", "definition", "effect", "result", "action", "reason"} {
			assert.Contains(t, v, k)
		}
		assert.Contains(t, assignments, v["assignment"])
	}
}

func writeProject(t *testing.T, stack, body string) string {
	t.Helper()
	dir := t.TempDir()
	proj, err := os.ReadFile(filepath.Join(repoRoot, "Pulumi.yaml"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi.yaml"), proj, 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi."+stack+".yaml"), []byte(body), 0o600))
	return dir
}

func TestExitCodes(t *testing.T) {
	t.Run("0 on success", func(t *testing.T) {
		_, _, code := runCLI("plan", "--stack", "test", "--format", "json", "--dir", repoRoot)
		assert.Equal(t, 0, code)
	})
	t.Run("2 on invalid config, naming the key, nothing on stdout", func(t *testing.T) {
		dir := writeProject(t, "dev", `config:
  azure-mlops:location: westeurope
  azure-mlops:network:
    addressSpace: 10.60.0.0/22
    privateEndpointSubnetPrefix: 10.60.0.0/24
  azure-mlops:projects:
    - name: fraud
    - name: churn
      computeClusters:
        - name: cpu
          minNodes: 3
          maxNodes: 2
`)
		out, errOut, code := runCLI("plan", "--stack", "dev", "--format", "json", "--dir", dir)
		assert.Equal(t, 2, code)
		assert.Empty(t, out)
		assert.Contains(t, errOut, "projects[1].computeClusters[0].maxNodes: must be ≥ minNodes (2 < 3)")
	})
	t.Run("2 on a name too long for Azure, naming the key", func(t *testing.T) {
		dir := writeProject(t, "dev", "config:\n  azure-mlops:location: westeurope\n  azure-mlops:network:\n    addressSpace: 10.60.0.0/22\n"+
			"    privateEndpointSubnetPrefix: 10.70.0.0/24\n  azure-mlops:projects:\n    - name: frauddetection16\n")
		out, errOut, code := runCLI("plan", "--stack", "dev", "--dir", dir)
		assert.Equal(t, 2, code)
		assert.Empty(t, out)
		assert.Contains(t, errOut, "projects[0].name: the storage account name")
		assert.Contains(t, errOut, "network.privateEndpointSubnetPrefix: 10.70.0.0/24 is not inside addressSpace 10.60.0.0/22")
	})
	t.Run("2 on an unknown stack", func(t *testing.T) {
		out, errOut, code := runCLI("plan", "--stack", "staging", "--dir", repoRoot)
		assert.Equal(t, 2, code)
		assert.Empty(t, out)
		assert.Contains(t, errOut, "stacks here: dev, prod, test")
	})
	t.Run("2 on bad usage", func(t *testing.T) {
		_, _, code := runCLI("plan", "--dir", repoRoot)
		assert.Equal(t, 2, code)
		_, _, code = runCLI("plan", "--stack", "dev", "--format", "yaml", "--dir", repoRoot)
		assert.Equal(t, 2, code)
	})
	t.Run("1 on a mandatory violation, plan still printed", func(t *testing.T) {
		saved := evaluatePolicies
		defer func() { evaluatePolicies = saved }()
		evaluatePolicies = func(d *plan.Document, env *platform.Environment) error {
			if err := saved(d, env); err != nil { // the pack's own (advisory) findings, then one mandatory
				return err
			}
			d.Policy.Violations = append(d.Policy.Violations, plan.Violation{Policy: "test-rule", Enforcement: "mandatory", URN: d.Resources[0].URN, Message: "fix it"})
			return nil
		}
		out, errOut, code := runCLI("plan", "--stack", "dev", "--format", "json", "--dir", repoRoot)
		assert.Equal(t, 1, code)
		assert.Contains(t, out, `"test-rule"`)
		assert.Contains(t, errOut, "policy.violations with enforcement mandatory")
		// The tree lists it first, and its last line gives the exit status.
		out, _, code = runCLI("plan", "--stack", "dev", "--dir", repoRoot)
		assert.Equal(t, 1, code)
		findings := out[strings.Index(out, "Policy findings: "):]
		assert.True(t, strings.HasPrefix(findings, "Policy findings: 1 mandatory, 6 advisory (mandatory ones stop `pulumi up`)\n"+
			"  MANDATORY  test-rule  on rg [ResourceGroup]\n             fix it\n  advisory   "), findings)
		assert.True(t, strings.HasSuffix(out, "Result: REFUSED: 1 mandatory violation, 0 Azure Policy denials (exit 1); 6 advisory findings\n"), out)
	})
	t.Run("1 on an Azure Policy denial, plan still printed", func(t *testing.T) {
		// The Rego pack off: the exit code comes from the Azure Policy verdict alone.
		saved := evaluatePolicies
		defer func() { evaluatePolicies = saved }()
		evaluatePolicies = func(*plan.Document, *platform.Environment) error { return nil }
		// Idle 15 minutes against a 10-minute limit, under effect Deny.
		dir := writeProject(t, "dev", `config:
  azure-mlops:location: westeurope
  azure-mlops:network:
    addressSpace: 10.60.0.0/22
    privateEndpointSubnetPrefix: 10.60.0.0/24
  azure-mlops:policy:
    effect: Deny
    maxNodeIdleMinutes: 10
  azure-mlops:projects:
    - name: fraud
      computeClusters:
        - name: cpu
          maxNodes: 2
`)
		out, errOut, code := runCLI("plan", "--stack", "dev", "--dir", dir)
		assert.Equal(t, 1, code, errOut)
		assert.Contains(t, errOut, "plan: REFUSED: 0 mandatory violations, 1 Azure Policy denial (exit 1)")
		assert.Contains(t, errOut, `listed under "Policy findings" above`)
		assert.Contains(t, out, "DENY       Azure Policy mlops-dev-ml-cluster-scale  on fraud-cpu [Compute]\n")
		assert.Contains(t, out, "non-compliant → deny: ")
		assert.Contains(t, out, `scaleSettings.nodeIdleTimeBeforeScaleDown) = "PT900S"`)
		assert.Contains(t, out, `= 900; greater 600 → true`)
	})
}

func TestDiffShowsEnvironmentDifferences(t *testing.T) {
	out, errOut, code := runCLI("diff", "dev", "prod", "--dir", repoRoot)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "managedNetwork.isolationMode: AllowInternetOutbound → AllowOnlyApprovedOutbound")
	assert.Contains(t, out, "retentionInDays: 30 → 365")
	assert.Contains(t, out, "+ fraud-gpu")
	assert.NotContains(t, out, "tags.environment", "environment names are normalized")
	_, _, code = runCLI("diff", "dev", "--dir", repoRoot)
	assert.Equal(t, 2, code)
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o600))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run: go test ./cmd/azure-mlops -update")
	assert.Equal(t, string(want), got, "%s is stale; run: go test ./cmd/azure-mlops -update", path)
}

func TestGoldenTreeAndDiagram(t *testing.T) {
	body, err := os.ReadFile("testdata/Pulumi.golden.yaml")
	require.NoError(t, err)
	dir := writeProject(t, "golden", string(body))
	tree, errOut, code := runCLI("plan", "--stack", "golden", "--dir", dir)
	require.Equal(t, 0, code, errOut)
	golden(t, "testdata/golden.tree.txt", tree)
	mmd, _, _ := runCLI("plan", "--stack", "golden", "--format", "mermaid", "--dir", dir)
	golden(t, "testdata/golden.mermaid.txt", mmd)

	// Every policy finding, mandatory first, with rule, resource, message and fix; the last
	// line gives the exit status.
	body, err = os.ReadFile("testdata/Pulumi.refused.yaml")
	require.NoError(t, err)
	dir = writeProject(t, "refused", string(body))
	tree, errOut, code = runCLI("plan", "--stack", "refused", "--dir", dir)
	require.Equal(t, 1, code, errOut)
	golden(t, "testdata/golden.refused.tree.txt", tree)
}

// docs/architecture.md carries the generated dev and prod diagrams.
func TestDocsDiagramsAreCurrent(t *testing.T) {
	var b strings.Builder
	b.WriteString("<!-- generated by `make docs` (go test ./cmd/azure-mlops -run TestDocsDiagramsAreCurrent -update); do not edit -->\n")
	b.WriteString("# Architecture of the dev and prod stacks\n\n")
	b.WriteString("Generated from `Pulumi.dev.yaml` and `Pulumi.prod.yaml` by the offline plan (`azure-mlops plan --format mermaid`).\n")
	b.WriteString("Components are boxes; arrows point from a resource to what it uses; dotted arrows are diagnostic settings.\n")
	for _, s := range []string{"dev", "prod"} {
		doc, err := Plan(repoRoot, s)
		require.NoError(t, err)
		fmt.Fprintf(&b, "\n## %s\n\n%s\n\n```mermaid\n%s```\n", s, strings.TrimSpace(doc.SummaryLine()), doc.Mermaid())
	}
	golden(t, filepath.Join(repoRoot, "docs", "architecture.md"), b.String())
}

func BenchmarkPlanStack(b *testing.B) {
	for _, s := range []string{"dev", "test", "prod"} {
		b.Run(s, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := Plan(repoRoot, s); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// Plan cost against the number of projects: it should grow linearly.
func BenchmarkPlanProjects(b *testing.B) {
	for _, n := range []int{1, 50} {
		var projects []map[string]any
		for i := 0; i < n; i++ {
			projects = append(projects, map[string]any{"name": fmt.Sprintf("proj%02d", i),
				"computeClusters": []map[string]any{{"name": "cpu", "maxNodes": 4}}})
		}
		pj, _ := json.Marshal(projects)
		cfg := map[string]string{"azure-mlops:location": "westeurope", "azure-mlops:projects": string(pj),
			"azure-mlops:network": `{"addressSpace":"10.60.0.0/22","privateEndpointSubnetPrefix":"10.60.0.0/24"}`}
		b.Run(fmt.Sprintf("projects=%d", n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := plan.Evaluate(plan.Options{Project: "azure-mlops", Stack: "dev", Config: cfg}, platform.PlatformFromConfig); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// acceptedAdvisories: why each advisory finding of the shipped stacks is accepted. A new
// advisory finding fails TestStacksPassMandatoryPolicies until its reason is written here
// (and so appears in docs/policies.md).
var acceptedAdvisories = map[string]string{
	"warn_ml_workspace_customer_managed_key": "Microsoft-managed keys are the platform's default: a customer-managed key adds a key vault key, " +
		"its rotation and a Cosmos DB/AI Search footprint Microsoft manages in your subscription. Set customerManagedKey " +
		"on the projects whose data regulation requires it.",
	"warn_monitoring_public_access": "In dev and test, Log Analytics and Application Insights keep public ingestion and query: " +
		"an Azure Monitor Private Link Scope changes the DNS of every network that uses it, so it is a hub decision " +
		"(set monitorPrivateLinkScope, with the hub's existingScopeId where there is one). Local (key) authentication is " +
		"disabled on both, so only Entra ID callers with a role get in. Prod has a scope and no such finding (not accepted there).",
}

// notAcceptedIn: advisories a stack must not have at all, whatever acceptedAdvisories says.
var notAcceptedIn = map[string][]string{"prod": {"warn_monitoring_public_access"}}

func TestStacksPassMandatoryPolicies(t *testing.T) {
	for _, s := range []string{"dev", "test", "prod"} {
		doc, err := Plan(repoRoot, s)
		require.NoError(t, err)
		require.True(t, doc.Policy.Evaluated, s)
		for _, v := range doc.Policy.Violations {
			assert.NotEqual(t, "mandatory", v.Enforcement, "%s: %s %s", s, v.Policy, v.Message)
			_, ok := acceptedAdvisories[v.Policy]
			assert.True(t, ok, "%s: advisory %s has no documented reason", s, v.Policy)
			assert.NotContains(t, notAcceptedIn[s], v.Policy, "%s: %s %s", s, v.Policy, v.Message)
		}
		// Azure Policy: every assignment Governance makes is evaluated (or, for the data-plane
		// registry setting, says why not), and nothing is denied, failed or left unevaluated.
		require.True(t, doc.AzurePolicy.Evaluated, s)
		require.NotEmpty(t, doc.AzurePolicy.Assignments, s)
		for _, a := range doc.AzurePolicy.Assignments {
			if strings.HasSuffix(a.Name, "-ml-allowed-registries") {
				assert.Equal(t, "not-applicable", a.Status, s)
				continue
			}
			assert.Equal(t, "evaluated", a.Status, "%s: %s %s", s, a.Name, a.Note)
			assert.Positive(t, a.Resources, "%s: %s covers no resource", s, a.Name)
			assert.Zero(t, a.Errors+a.Unevaluated, "%s: %s", s, a.Name)
			verdicts := 0
			for _, v := range doc.AzurePolicy.Verdicts {
				if v.Assignment == a.Name {
					verdicts++
				}
			}
			assert.Positive(t, verdicts, "%s: %s has no verdict on the resources it targets", s, a.Name)
		}
		assert.Empty(t, doc.AzurePolicyDenials(), s)
	}
}

func TestPolicyDocsAreCurrent(t *testing.T) {
	pack, err := policy.Load()
	require.NoError(t, err)
	var b strings.Builder
	b.WriteString("<!-- generated by `make docs`; do not edit -->\n# Policies\n\n")
	b.WriteString("The pack in [`policies/`](../policies) (Rego, `runtime: opa`) runs offline in every `azure-mlops plan` and, with the " +
		"Pulumi CLI, as `pulumi preview --policy-pack ./policies --policy-pack-config <(azure-mlops policy-config --stack <env>)`. " +
		"`deny_*` rules are mandatory (the plan exits 1), `warn_*` advisory; `stack_*` rules see the whole stack.\n\n")
	b.WriteString("| rule | enforcement | checks | mirrors | fix |\n|---|---|---|---|---|\n")
	for _, r := range pack.Rules {
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s |\n", r.ID, r.Enforcement, r.Title, r.Mirrors, r.Fix)
	}
	doc, err := Plan(repoRoot, "dev")
	require.NoError(t, err)
	b.WriteString("\n## Advisory findings in dev, and why they are accepted\n\n")
	seen := map[string]bool{}
	for _, v := range doc.Policy.Violations {
		if !seen[v.Policy] {
			seen[v.Policy] = true
			fmt.Fprintf(&b, "### `%s`\n\n%s\n\nFindings:\n", v.Policy, acceptedAdvisories[v.Policy])
			for _, w := range doc.Policy.Violations {
				if w.Policy == v.Policy {
					fmt.Fprintf(&b, "- %s\n", w.Message)
				}
			}
			b.WriteString("\n")
		}
	}
	golden(t, filepath.Join(repoRoot, "docs", "policies.md"), b.String())
}
