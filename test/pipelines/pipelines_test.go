// Package pipelines checks the delivery pipelines offline: which jobs and stages run for a
// given event and branch (prod must be unreachable from any ref but main), and the structure
// the README and the bootstrap rely on (environments, identities, scripts).
//
// GitHub workflows are also linted by actionlint (make ci-lint). Azure DevOps has no official
// offline validator for pipeline YAML (the service expands templates and validates on the
// server, e.g. the "Run pipeline" preview API), so the structure is checked here.
package pipelines

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"
)

const root = "../.."

var stacks = []string{"dev", "test", "prod"}

func load(t *testing.T, path string, subst map[string]string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, path))
	require.NoError(t, err)
	s := string(b)
	for k, v := range subst {
		s = strings.ReplaceAll(s, k, v)
	}
	var m map[string]any
	require.NoError(t, yaml.Unmarshal([]byte(s), &m), path)
	return m
}

func mapOf(v any) map[string]any { m, _ := v.(map[string]any); return m }

func listOf(v any) []any {
	switch x := v.(type) {
	case []any:
		return x
	case nil:
		return nil
	default:
		return []any{x}
	}
}

func strs(v any) []string {
	var out []string
	for _, x := range listOf(v) {
		out = append(out, fmt.Sprint(x))
	}
	return out
}

// ---------------------------------------------------------------------------------------------
// GitHub Actions
// ---------------------------------------------------------------------------------------------

// ghEvent is what triggers a run: the event and the ref GitHub evaluates it on.
type ghEvent struct {
	name string // pull_request, push, schedule, workflow_dispatch
	ref  string // github.ref
	base string // pull_request: the target branch
}

// ghRun is one job that would run: its workflow job id, environment and Pulumi action.
type ghRun struct{ job, environment, action string }

func (r ghRun) String() string { return r.job + "@" + r.environment + ":" + r.action }

// ghTriggered says whether the workflow's `on:` starts a run for e.
func ghTriggered(t *testing.T, wf map[string]any, e ghEvent) bool {
	on := mapOf(wf["on"])
	cfg, ok := on[e.name]
	if !ok {
		return false
	}
	branches := strs(mapOf(cfg)["branches"])
	if len(branches) == 0 {
		return true
	}
	branch := strings.TrimPrefix(e.ref, "refs/heads/")
	if e.name == "pull_request" {
		branch = e.base
	}
	for _, b := range branches {
		if strings.ContainsAny(b, "*?[!") {
			t.Fatalf("branch pattern %q: extend the test's matcher", b)
		}
		if b == branch {
			return true
		}
	}
	return false
}

// ghIf evaluates the `if:` expressions these workflows use. Anything else fails the test, so
// a new condition cannot be silently assumed true.
func ghIf(t *testing.T, expr string, e ghEvent, needsOK bool) bool {
	expr = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(expr), "${{"), "}}"))
	if expr == "" {
		return needsOK
	}
	switch expr {
	case "failure()":
		// The reachability question is about the success path.
		return false
	case "always()":
		return true
	case "github.event.pull_request.head.repo.full_name == github.repository":
		return needsOK && e.name == "pull_request" // a same-repository pull request
	}
	if m := regexp.MustCompile(`^github\.ref == '([^']+)'$`).FindStringSubmatch(expr); m != nil {
		return needsOK && e.ref == m[1]
	}
	t.Fatalf("if: %q is not understood by this test; extend ghIf", expr)
	return false
}

// ghJobs renders which jobs of a workflow run for e, expanding matrices and reusable
// workflows, in dependency order.
func ghJobs(t *testing.T, file string, e ghEvent) []ghRun {
	wf := load(t, ".github/workflows/"+file, nil)
	if !ghTriggered(t, wf, e) {
		return nil
	}
	jobs := mapOf(wf["jobs"])
	ran := map[string]bool{}
	done := map[string]bool{}
	var out []ghRun
	var visit func(id string) bool
	visit = func(id string) bool {
		if done[id] {
			return ran[id]
		}
		job := mapOf(jobs[id])
		require.NotNil(t, job, "%s: job %q", file, id)
		needsOK := true
		for _, n := range strs(job["needs"]) {
			needsOK = visit(n) && needsOK
		}
		cond, _ := job["if"].(string)
		run := ghIf(t, cond, e, needsOK)
		done[id], ran[id] = true, run
		if !run {
			return false
		}
		variants := []map[string]string{{}}
		if m := mapOf(mapOf(job["strategy"])["matrix"]); m != nil {
			variants = nil
			for _, v := range strs(m["stack"]) {
				variants = append(variants, map[string]string{"${{ matrix.stack }}": v})
			}
		}
		for _, v := range variants {
			sub := func(s string) string {
				for k, x := range v {
					s = strings.ReplaceAll(s, k, x)
				}
				return s
			}
			r := ghRun{job: id}
			if uses, _ := job["uses"].(string); uses != "" {
				require.Equal(t, "./.github/workflows/pulumi-stack.yml", uses, "%s: %s", file, id)
				with := mapOf(job["with"])
				r.environment = sub(fmt.Sprint(with["environment"]))
				r.action = sub(fmt.Sprint(with["action"]))
				assert.Equal(t, "write", mapOf(job["permissions"])["id-token"], "%s: %s needs id-token: write for OIDC", file, id)
			} else if env, ok := job["environment"]; ok {
				r.environment = sub(fmt.Sprint(env))
			}
			out = append(out, r)
		}
		return true
	}
	ids := make([]string, 0, len(jobs))
	for id := range jobs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		visit(id)
	}
	return out
}

func ghAll(t *testing.T, e ghEvent) []string {
	var out []string
	for _, f := range []string{"pr.yml", "deploy.yml", "drift.yml"} {
		for _, r := range ghJobs(t, f, e) {
			out = append(out, f+"/"+r.String())
		}
	}
	sort.Strings(out)
	return out
}

func TestGitHubWhatRunsForEachEvent(t *testing.T) {
	pr := ghEvent{name: "pull_request", ref: "refs/pull/7/merge", base: "main"}
	assert.Equal(t, []string{
		"pr.yml/plan@:", "pr.yml/preview@dev-preview:preview", "pr.yml/preview@prod-preview:preview",
		"pr.yml/preview@test-preview:preview", "pr.yml/test@:",
	}, ghAll(t, pr))

	merge := ghEvent{name: "push", ref: "refs/heads/main"}
	assert.Equal(t, []string{
		"deploy.yml/dev@dev:up", "deploy.yml/gate@:", "deploy.yml/prod@prod:up", "deploy.yml/test@test:up",
	}, ghAll(t, merge))

	assert.Equal(t, []string{
		"drift.yml/drift@dev-preview:drift", "drift.yml/drift@prod-preview:drift", "drift.yml/drift@test-preview:drift",
	}, ghAll(t, ghEvent{name: "schedule", ref: "refs/heads/main"}))
}

// The roll-out order: prod needs test needs dev needs the gate.
func TestGitHubStagesAreChained(t *testing.T) {
	jobs := mapOf(load(t, ".github/workflows/deploy.yml", nil)["jobs"])
	assert.Equal(t, []string{"gate"}, strs(mapOf(jobs["dev"])["needs"]))
	assert.Equal(t, []string{"dev"}, strs(mapOf(jobs["test"])["needs"]))
	assert.Equal(t, []string{"test"}, strs(mapOf(jobs["prod"])["needs"]))
	// The gate fails on a mandatory violation: plan.sh's exit status is the job's.
	steps := listOf(mapOf(jobs["gate"])["steps"])
	var runs []string
	for _, s := range steps {
		if r, ok := mapOf(s)["run"].(string); ok {
			runs = append(runs, r)
		}
	}
	joined := strings.Join(runs, "\n")
	assert.Contains(t, joined, ".ci/delivery/plan.sh out || rc=$?")
	assert.Contains(t, joined, `exit "$rc"`)
	assert.Contains(t, joined, "go test ./...")
}

// prod (and every deploying environment) is unreachable from any ref but main, whatever the
// event.
func TestGitHubProdUnreachableFromNonMainRefs(t *testing.T) {
	refs := []string{"refs/heads/feature/x", "refs/heads/release", "refs/tags/v1.0.0", "refs/pull/7/merge", "refs/heads/main-old"}
	for _, ref := range refs {
		for _, ev := range []string{"push", "workflow_dispatch", "schedule", "pull_request"} {
			e := ghEvent{name: ev, ref: ref, base: "main"}
			for _, f := range []string{"pr.yml", "deploy.yml", "drift.yml"} {
				for _, r := range ghJobs(t, f, e) {
					assert.NotEqual(t, "up", r.action, "%s %s: %s/%s deploys", ev, ref, f, r)
					assert.True(t, r.environment == "" || strings.HasSuffix(r.environment, "-preview"),
						"%s %s: %s/%s runs in environment %q", ev, ref, f, r, r.environment)
				}
			}
		}
	}
	// And from main by hand (workflow_dispatch) it does deploy: the test above can fail.
	got := ghJobs(t, "deploy.yml", ghEvent{name: "workflow_dispatch", ref: "refs/heads/main"})
	assert.Contains(t, fmt.Sprint(got), "prod@prod:up")
}

// The reusable job logs in with OIDC (client id, tenant, subscription; no secret), pins the
// Pulumi CLI, takes Go from go.mod with its cache, and calls the shared script.
func TestGitHubPulumiJobIsPinnedAndSecretless(t *testing.T) {
	wf := load(t, ".github/workflows/pulumi-stack.yml", nil)
	job := mapOf(mapOf(wf["jobs"])["pulumi"])
	assert.Equal(t, "${{ inputs.environment }}", job["environment"])
	uses := map[string]map[string]any{}
	var runs []string
	for _, s := range listOf(job["steps"]) {
		step := mapOf(s)
		if u, ok := step["uses"].(string); ok {
			uses[strings.Split(u, "@")[0]] = mapOf(step["with"])
		}
		if r, ok := step["run"].(string); ok {
			runs = append(runs, r)
		}
	}
	assert.Equal(t, "3.250.0", uses["pulumi/actions"]["pulumi-version"])
	assert.Equal(t, "go.mod", uses["actions/setup-go"]["go-version-file"])
	assert.Equal(t, true, uses["actions/setup-go"]["cache"])
	login := uses["azure/login"]
	require.NotNil(t, login)
	assert.Equal(t, "${{ vars.AZURE_CLIENT_ID }}", login["client-id"])
	assert.NotContains(t, login, "creds")
	assert.NotContains(t, login, "client-secret")
	assert.Contains(t, strings.Join(runs, "\n"), `.ci/delivery/pulumi.sh "$STACK" "$ACTION"`)

	// No workflow reads a stored secret.
	files, _ := filepath.Glob(filepath.Join(root, ".github/workflows/*.yml"))
	require.NotEmpty(t, files)
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		assert.NotRegexp(t, `secrets\.`, string(b), f)
	}
}

// The Go version CI installs is go.mod's (setup-go reads the file; this checks it has one).
func TestGoModNamesGoVersion(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(root, "go.mod"))
	require.NoError(t, err)
	assert.Regexp(t, `(?m)^go \d+\.\d+`, string(b))
}

// ---------------------------------------------------------------------------------------------
// Azure DevOps
// ---------------------------------------------------------------------------------------------

type adoStage struct {
	name      string
	dependsOn []string
	condition string
	jobs      []map[string]any
}

// adoExpand loads a pipeline file and expands `- template:` entries (stages and jobs) with
// their parameters, as the server would for these simple templates.
func adoExpand(t *testing.T, path string, params map[string]string) map[string]any {
	subst := map[string]string{}
	for k, v := range params {
		subst["${{ parameters."+k+" }}"] = v
	}
	m := load(t, path, subst)
	dir := filepath.Dir(path)
	expandList := func(key string, in []any) []any {
		var out []any
		for _, x := range in {
			item := mapOf(x)
			tpl, ok := item["template"].(string)
			if !ok {
				out = append(out, x)
				continue
			}
			p := map[string]string{}
			for k, v := range mapOf(item["parameters"]) {
				p[k] = fmt.Sprint(v)
			}
			sub := adoExpand(t, filepath.Join(dir, tpl), p)
			// Each declared parameter must be given (or the server refuses the run).
			for _, decl := range listOf(sub["parameters"]) {
				name := fmt.Sprint(mapOf(decl)["name"])
				_, given := p[name]
				assert.True(t, given, "%s: parameter %s of %s not given", path, name, tpl)
			}
			out = append(out, listOf(sub[key])...)
		}
		return out
	}
	if s, ok := m["stages"]; ok {
		stages := expandList("stages", listOf(s))
		for _, st := range stages {
			stage := mapOf(st)
			stage["jobs"] = expandList("jobs", listOf(stage["jobs"]))
		}
		m["stages"] = stages
	}
	if j, ok := m["jobs"]; ok {
		m["jobs"] = expandList("jobs", listOf(j))
	}
	return m
}

func adoStages(t *testing.T) (map[string]any, []adoStage) {
	p := adoExpand(t, "azure-pipelines/azure-pipelines.yml", nil)
	var out []adoStage
	for i, s := range listOf(p["stages"]) {
		m := mapOf(s)
		st := adoStage{name: fmt.Sprint(m["stage"])}
		if d, ok := m["dependsOn"]; ok {
			st.dependsOn = strs(d)
			if st.dependsOn == nil {
				st.dependsOn = []string{}
			}
		} else if i > 0 {
			// Default: the previous stage.
			st.dependsOn = []string{out[i-1].name}
		}
		st.condition, _ = m["condition"].(string)
		for _, j := range listOf(m["jobs"]) {
			st.jobs = append(st.jobs, mapOf(j))
		}
		out = append(out, st)
	}
	return p, out
}

// adoEval evaluates the condition language subset these stages use: and, or, not, eq, ne,
// in, succeeded(), succeededOrFailed(), always(), 'strings' and variables['Name'].
func adoEval(t *testing.T, expr string, vars map[string]string, depsOK bool) bool {
	p := &adoParser{t: t, s: strings.TrimSpace(expr), vars: vars, depsOK: depsOK}
	v := p.value()
	p.skip()
	require.Equal(t, len(p.s), p.i, "trailing input in %q", expr)
	return v == "True"
}

type adoParser struct {
	t      *testing.T
	s      string
	i      int
	vars   map[string]string
	depsOK bool
}

func (p *adoParser) skip() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\n') {
		p.i++
	}
}

func (p *adoParser) value() string {
	p.skip()
	if p.s[p.i] == '\'' {
		j := strings.IndexByte(p.s[p.i+1:], '\'')
		v := p.s[p.i+1 : p.i+1+j]
		p.i += j + 2
		return v
	}
	if strings.HasPrefix(p.s[p.i:], "variables['") {
		j := strings.Index(p.s[p.i:], "']")
		name := p.s[p.i+len("variables['") : p.i+j]
		p.i += j + 2
		v, ok := p.vars[name]
		require.True(p.t, ok, "condition reads variable %s the test does not set", name)
		return v
	}
	j := strings.IndexByte(p.s[p.i:], '(')
	require.Positive(p.t, j, "expected a function at %q", p.s[p.i:])
	fn := p.s[p.i : p.i+j]
	p.i += j + 1
	var args []string
	for {
		p.skip()
		if p.s[p.i] == ')' {
			p.i++
			break
		}
		args = append(args, p.value())
		p.skip()
		if p.s[p.i] == ',' {
			p.i++
		}
	}
	b := func(x bool) string {
		if x {
			return "True"
		}
		return "False"
	}
	switch strings.ToLower(fn) {
	case "and":
		for _, a := range args {
			if a != "True" {
				return "False"
			}
		}
		return "True"
	case "or":
		for _, a := range args {
			if a == "True" {
				return "True"
			}
		}
		return "False"
	case "not":
		return b(args[0] != "True")
	case "eq":
		return b(strings.EqualFold(args[0], args[1]))
	case "ne":
		return b(!strings.EqualFold(args[0], args[1]))
	case "in":
		for _, a := range args[1:] {
			if strings.EqualFold(args[0], a) {
				return "True"
			}
		}
		return "False"
	case "succeeded":
		return b(p.depsOK)
	case "succeededorfailed", "always":
		return "True"
	}
	p.t.Fatalf("function %s is not understood by this test; extend adoParser", fn)
	return ""
}

// adoTriggered says whether the pipeline runs for a reason and branch at all.
func adoTriggered(p map[string]any, reason, branch string) bool {
	includes := func(v any) bool {
		for _, b := range strs(mapOf(mapOf(v)["branches"])["include"]) {
			if "refs/heads/"+b == branch || b == branch {
				return true
			}
		}
		return false
	}
	switch reason {
	case "IndividualCI", "BatchedCI":
		return includes(p["trigger"])
	case "PullRequest":
		return true // the pr: filter is on the target branch; the source is any branch
	case "Schedule":
		for _, s := range listOf(p["schedules"]) {
			if includes(s) {
				return true
			}
		}
		return false
	case "Manual":
		return true // anyone may queue any branch: the stage conditions must hold the line
	}
	return false
}

func adoRun(t *testing.T, reason, branch string) []string {
	p, stages := adoStages(t)
	if !adoTriggered(p, reason, branch) {
		return nil
	}
	vars := map[string]string{"Build.Reason": reason, "Build.SourceBranch": branch}
	ran := map[string]bool{}
	var out []string
	for _, s := range stages {
		ok := true
		for _, d := range s.dependsOn {
			ok = ok && ran[d]
		}
		cond := s.condition
		if cond == "" {
			cond = "succeeded()"
		}
		if adoEval(t, cond, vars, ok) {
			ran[s.name] = true
			out = append(out, s.name)
		}
	}
	return out
}

func TestAzureDevOpsWhatRunsForEachReasonAndBranch(t *testing.T) {
	for _, c := range []struct {
		reason, branch string
		want           []string
	}{
		{"IndividualCI", "refs/heads/main", []string{"Validate", "Deploy_dev", "Deploy_test", "Deploy_prod"}},
		{"Manual", "refs/heads/main", []string{"Validate", "Deploy_dev", "Deploy_test", "Deploy_prod"}},
		{"PullRequest", "refs/pull/7/merge", []string{"Validate"}},
		{"Manual", "refs/heads/feature/x", []string{"Validate"}},
		{"IndividualCI", "refs/heads/feature/x", nil},
		{"Schedule", "refs/heads/main", []string{"Drift"}},
	} {
		assert.Equal(t, c.want, adoRun(t, c.reason, c.branch), "%s %s", c.reason, c.branch)
	}
}

func TestAzureDevOpsProdUnreachableFromNonMainRefs(t *testing.T) {
	for _, branch := range []string{"refs/heads/feature/x", "refs/heads/release", "refs/tags/v1.0.0", "refs/pull/7/merge", "refs/heads/main-old"} {
		for _, reason := range []string{"IndividualCI", "BatchedCI", "PullRequest", "Manual", "Schedule"} {
			for _, s := range adoRun(t, reason, branch) {
				assert.False(t, strings.HasPrefix(s, "Deploy_"), "%s %s reaches %s", reason, branch, s)
			}
		}
	}
}

// The structure the README and the bootstrap rely on: stages chained dev -> test -> prod
// after Validate; each a deployment job on environment azure-mlops-<stack> (where approvals
// and checks live), logged in through service connection azure-mlops-<stack>, running the
// shared script; Validate runs the tests and the plan gate; pinned Pulumi CLI.
func TestAzureDevOpsStructure(t *testing.T) {
	p, stages := adoStages(t)
	byName := map[string]adoStage{}
	var names []string
	for _, s := range stages {
		byName[s.name] = s
		names = append(names, s.name)
	}
	assert.Equal(t, []string{"Validate", "Deploy_dev", "Deploy_test", "Deploy_prod", "Drift"}, names)
	prev := "Validate"
	for _, stack := range stacks {
		s := byName["Deploy_"+stack]
		assert.Equal(t, []string{prev}, s.dependsOn, stack)
		prev = s.name
		require.Len(t, s.jobs, 1)
		job := s.jobs[0]
		assert.Equal(t, "up", job["deployment"], "%s: a deployment job (environments' approvals apply to deployment jobs)", stack)
		assert.Equal(t, "azure-mlops-"+stack, job["environment"])
		steps := listOf(mapOf(mapOf(mapOf(job["strategy"])["runOnce"])["deploy"])["steps"])
		var sawGate, sawUp bool
		for _, x := range steps {
			step := mapOf(x)
			if step["script"] == ".ci/delivery/plan.sh out" {
				sawGate = true
			}
			if step["task"] == "AzureCLI@2" {
				in := mapOf(step["inputs"])
				assert.Equal(t, "azure-mlops-"+stack, in["azureSubscription"])
				assert.Equal(t, ".ci/delivery/pulumi.sh", in["scriptPath"])
				assert.Equal(t, stack+" up", in["arguments"])
				sawUp = sawGate // the gate comes first
			}
		}
		assert.True(t, sawGate && sawUp, "%s: plan gate, then pulumi up", stack)
	}
	var validate []string
	for _, x := range listOf(byName["Validate"].jobs[0]["steps"]) {
		if s, ok := mapOf(x)["script"].(string); ok {
			validate = append(validate, s)
		}
	}
	assert.Contains(t, validate, "go test ./...")
	assert.Contains(t, validate, ".ci/delivery/plan.sh out")
	var pinned string
	for _, v := range listOf(p["variables"]) {
		if mapOf(v)["name"] == "PULUMI_VERSION" {
			pinned = fmt.Sprint(mapOf(v)["value"])
		}
	}
	assert.Equal(t, "3.250.0", pinned)
	assert.Len(t, byName["Drift"].jobs, len(stacks))
}
