//go:build e2e

// Package e2e drives the real Pulumi engine offline: the Pulumi CLI and the YAML language host
// built from source (test/e2e/tools.sh), a test double of the azure-native provider
// (test/fakeazure) installed as azure-native 2.92.3 into a per-run PULUMI_HOME, and this
// package's provider built from cmd/pulumi-resource-azure-mlops. Run it with `make e2e`.
package e2e

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/events"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/azure-mlops/pulumi-azure-mlops/platform"
)

var (
	repoRoot   string // the repository
	pulumiRoot string // holds bin/pulumi
	binDir     string // pulumi-resource-azure-mlops, pulumi-resource-azure-native (the double), azure-mlops
	pulumiHome string // per run: the double is the only azure-native plugin
	pathEnv    string
	figures    = &figureLog{perStack: map[string]int{}}
)

type figureLog struct {
	mu        sync.Mutex
	scenarios []string
	perStack  map[string]int
}

func (f *figureLog) scenario(t *testing.T) {
	start := time.Now()
	t.Cleanup(func() {
		f.mu.Lock()
		defer f.mu.Unlock()
		state := "ok"
		if t.Failed() {
			state = "FAILED"
		}
		f.scenarios = append(f.scenarios, fmt.Sprintf("%s %s %.1fs", t.Name(), state, time.Since(start).Seconds()))
	})
}

func TestMain(m *testing.M) {
	code, err := setup()
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e setup:", err)
		os.Exit(2)
	}
	if code == 0 {
		code = m.Run()
	}
	passed, failed := 0, 0
	for _, s := range figures.scenarios {
		if strings.Contains(s, "FAILED") {
			failed++
		} else {
			passed++
		}
	}
	var stacks []string
	for _, k := range slices.Sorted(maps.Keys(figures.perStack)) {
		stacks = append(stacks, fmt.Sprintf("%s=%d", k, figures.perStack[k]))
	}
	fmt.Printf("e2e figures: %d scenarios passed, %d failed; resources per stack: %s; wall: %s\n",
		passed, failed, strings.Join(stacks, " "), strings.Join(figures.scenarios, ", "))
	_ = os.RemoveAll(pulumiHome)
	_ = os.RemoveAll(binDir)
	os.Exit(code)
}

func setup() (int, error) {
	wd, err := os.Getwd()
	if err != nil {
		return 0, err
	}
	repoRoot = filepath.Clean(filepath.Join(wd, "..", ".."))
	pulumiRoot = os.Getenv("E2E_PULUMI_ROOT")
	yamlBin := os.Getenv("E2E_YAML_BIN")
	if pulumiRoot == "" || yamlBin == "" {
		return 0, fmt.Errorf("E2E_PULUMI_ROOT and E2E_YAML_BIN are not set: run `make e2e` (it builds the CLI and the YAML host with test/e2e/tools.sh)")
	}
	if binDir, err = os.MkdirTemp("", "e2e-bin-"); err != nil {
		return 0, err
	}
	if pulumiHome, err = os.MkdirTemp("", "e2e-pulumi-home-"); err != nil {
		return 0, err
	}
	for bin, pkg := range map[string]string{
		"pulumi-resource-azure-mlops":  "./cmd/pulumi-resource-azure-mlops",
		"pulumi-resource-azure-native": "./test/fakeazure",
		"azure-mlops":                  "./cmd/azure-mlops",
		// Started by the CLI for `runtime: opa` policy packs; found on PATH (analyzer/).
		"analyzer/pulumi-analyzer-policy-opa": "./test/opaanalyzer",
	} {
		cmd := exec.Command("go", "build", "-o", filepath.Join(binDir, bin), pkg)
		cmd.Dir = repoRoot
		if out, err := cmd.CombinedOutput(); err != nil {
			return 0, fmt.Errorf("go build %s: %v\n%s", pkg, err, out)
		}
	}
	pathEnv = strings.Join([]string{yamlBin, filepath.Join(binDir, "analyzer"), filepath.Join(pulumiRoot, "bin"), os.Getenv("PATH")},
		string(os.PathListSeparator))
	// The engine must find exactly the version the program asks for, from this PULUMI_HOME.
	install := exec.Command(filepath.Join(pulumiRoot, "bin", "pulumi"), "plugin", "install", "resource", "azure-native", "2.92.3",
		"--file", filepath.Join(binDir, "pulumi-resource-azure-native"))
	install.Env = append(os.Environ(), "PULUMI_HOME="+pulumiHome, "PULUMI_SKIP_UPDATE_CHECK=true")
	out, err := install.CombinedOutput()
	if err != nil {
		return 0, fmt.Errorf("installing the azure-native double: %v\n%s", err, out)
	}
	return 0, nil
}

// env is one test's backend, fake log and environment.
type env struct {
	t     *testing.T
	state string
	log   string
	vars  map[string]string
}

func newEnv(t *testing.T) *env {
	t.Helper()
	dir := t.TempDir()
	e := &env{t: t, state: filepath.Join(dir, "state"), log: filepath.Join(dir, "fakeazure.log")}
	if err := os.MkdirAll(e.state, 0o755); err != nil {
		t.Fatal(err)
	}
	e.vars = map[string]string{
		"PULUMI_BACKEND_URL":       "file://" + e.state,
		"PULUMI_CONFIG_PASSPHRASE": "e2e-not-a-secret",
		"PULUMI_HOME":              pulumiHome,
		"PULUMI_SKIP_UPDATE_CHECK": "true",
		// Nothing may be downloaded: the double is the only azure-native there is.
		"PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
		"PULUMI_SKIP_CONFIRMATIONS":                   "true",
		"FAKEAZURE_LOG":                               e.log,
		"PATH":                                        pathEnv,
	}
	return e
}

// cli runs the Pulumi CLI in dir.
func (e *env) cli(dir string, extra map[string]string, args ...string) (string, string, error) {
	cmd := exec.Command(filepath.Join(pulumiRoot, "bin", "pulumi"), args...)
	cmd.Dir = dir
	cmd.Env = os.Environ()
	for k, v := range e.vars {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	for k, v := range extra {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	return stdout.String(), stderr.String(), err
}

func (e *env) mustCLI(dir string, args ...string) string {
	e.t.Helper()
	out, errOut, err := e.cli(dir, nil, args...)
	if err != nil {
		e.t.Fatalf("pulumi %s: %v\n%s\n%s", strings.Join(args, " "), err, out, errOut)
	}
	return out
}

// fakeCall is one line of the double's log.
type fakeCall struct {
	Method string         `json:"method"`
	URN    string         `json:"urn"`
	Type   string         `json:"type"`
	Inputs map[string]any `json:"inputs"`
}

func (e *env) calls() []fakeCall {
	e.t.Helper()
	f, err := os.Open(e.log)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		e.t.Fatal(err)
	}
	defer f.Close()
	var out []fakeCall
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		var c fakeCall
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			e.t.Fatal(err)
		}
		out = append(out, c)
	}
	return out
}

func (e *env) resetLog() { _ = os.Remove(e.log) }

// copyProject copies Pulumi.yaml and the given stack files of src into a new directory (stack
// init writes an encryption salt into Pulumi.<stack>.yaml; the repository stays untouched).
func copyProject(t *testing.T, src string, stacks ...string) string {
	t.Helper()
	dst := t.TempDir()
	for _, f := range append([]string{"Pulumi.yaml"}, prefixAll("Pulumi.", suffixAll(stacks, ".yaml"))...) {
		b, err := os.ReadFile(filepath.Join(src, f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The CLI checks that the project's `main` exists, although an inline program runs instead.
	if main := filepath.Join(src, "cmd", "platform", "main.go"); fileExists(main) {
		b, err := os.ReadFile(main)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Join(dst, "cmd", "platform"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, "cmd", "platform", "main.go"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

func prefixAll(p string, s []string) []string {
	out := make([]string, len(s))
	for i, x := range s {
		out[i] = p + x
	}
	return out
}

func suffixAll(s []string, sfx string) []string {
	out := make([]string, len(s))
	for i, x := range s {
		out[i] = x + sfx
	}
	return out
}

// inlineStack is a Go program run by the real engine through the Automation API (no Go
// language host needed), with workDir's Pulumi.yaml and Pulumi.<stack>.yaml.
func (e *env) inlineStack(ctx context.Context, workDir, project, stack string, program pulumi.RunFunc) auto.Stack {
	e.t.Helper()
	cmd, err := auto.NewPulumiCommand(&auto.PulumiCommandOptions{Root: pulumiRoot, SkipVersionCheck: true})
	if err != nil {
		e.t.Fatal(err)
	}
	s, err := auto.UpsertStackInlineSource(ctx, stack, project, program,
		auto.WorkDir(workDir), auto.Pulumi(cmd), auto.PulumiHome(pulumiHome), auto.EnvVars(e.vars))
	if err != nil {
		e.t.Fatal(err)
	}
	return s
}

// platformStack is the platform program (the repository's Pulumi.yaml and
// Pulumi.<stack>.yaml, copied) as a stack of a fresh backend; a scenario of its own.
func platformStack(t *testing.T, stack string) (context.Context, *env, string, auto.Stack) {
	t.Helper()
	figures.scenario(t)
	ctx := context.Background()
	e := newEnv(t)
	work := copyProject(t, repoRoot, stack)
	return ctx, e, work, e.inlineStack(ctx, work, "azure-mlops", stack, platform.PlatformProgram)
}

// opsRecorder collects the engine's step events of one operation: URN -> operation.
type opsRecorder struct {
	ch   chan events.EngineEvent
	mu   sync.Mutex
	ops  map[string]apitype.OpType
	diag []string
	done chan struct{}
}

func newOps() *opsRecorder {
	r := &opsRecorder{ch: make(chan events.EngineEvent), ops: map[string]apitype.OpType{}, done: make(chan struct{})}
	go func() {
		defer close(r.done)
		for ev := range r.ch {
			r.mu.Lock()
			if ev.ResourcePreEvent != nil {
				m := ev.ResourcePreEvent.Metadata
				// A replacement is reported as several steps (create-replacement, replace,
				// delete-replaced) of one URN: record it as a replace.
				switch m.Op {
				case apitype.OpCreateReplacement, apitype.OpDeleteReplaced, apitype.OpReplace:
					r.ops[m.URN] = apitype.OpReplace
				default:
					if r.ops[m.URN] != apitype.OpReplace {
						r.ops[m.URN] = m.Op
					}
				}
			}
			if ev.DiagnosticEvent != nil {
				r.diag = append(r.diag, ev.DiagnosticEvent.Message)
			}
			r.mu.Unlock()
		}
	}()
	return r
}

// result waits briefly for the stream to close (at v3.250.0 it may never close when a command
// fails before the engine starts) and returns the operations by URN.
func (r *opsRecorder) result() map[string]apitype.OpType {
	select {
	case <-r.done:
	case <-time.After(3 * time.Second):
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return maps.Clone(r.ops)
}

// changed returns the URNs whose operation is not "same", by operation.
func changed(ops map[string]apitype.OpType) map[apitype.OpType][]string {
	out := map[apitype.OpType][]string{}
	for urn, op := range ops {
		if op == apitype.OpSame || strings.Contains(urn, "pulumi:pulumi:Stack") {
			continue
		}
		out[op] = append(out[op], urn)
	}
	for _, v := range out {
		slices.Sort(v)
	}
	return out
}

// deployment is a stack's exported state.
type deployment struct {
	Resources []stateResource `json:"resources"`
}

type stateResource struct {
	URN     string         `json:"urn"`
	Type    string         `json:"type"`
	Custom  bool           `json:"custom"`
	Parent  string         `json:"parent"`
	Protect bool           `json:"protect"`
	Inputs  map[string]any `json:"inputs"`
	Outputs map[string]any `json:"outputs"`
}

func (e *env) export(ctx context.Context, s auto.Stack) deployment {
	e.t.Helper()
	u, err := s.Export(ctx)
	if err != nil {
		e.t.Fatal(err)
	}
	var d deployment
	if err := json.Unmarshal(u.Deployment, &d); err != nil {
		e.t.Fatal(err)
	}
	return d
}

// managed are the resources a program created (not the stack, not the default providers).
func (d deployment) managed() []stateResource {
	var out []stateResource
	for _, r := range d.Resources {
		if r.Type == "pulumi:pulumi:Stack" || strings.HasPrefix(r.Type, "pulumi:providers:") {
			continue
		}
		out = append(out, r)
	}
	return out
}

func (d deployment) byType() map[string]int {
	out := map[string]int{}
	for _, r := range d.managed() {
		out[r.Type]++
	}
	return out
}

// planDoc is what `azure-mlops plan --format json` prints (docs/plan-format.md).
type planDoc struct {
	Resources []struct {
		URN    string         `json:"urn"`
		Type   string         `json:"type"`
		Custom bool           `json:"custom"`
		Parent string         `json:"parent"`
		Inputs map[string]any `json:"inputs"`
		ID     string         `json:"id"`
	} `json:"resources"`
	Outputs map[string]any `json:"outputs"`
	Policy  struct {
		Violations []struct {
			Policy      string `json:"policy"`
			Enforcement string `json:"enforcement"`
			URN         string `json:"urn"`
		} `json:"violations"`
	} `json:"policy"`
	Summary struct {
		Resources int            `json:"resources"`
		ByType    map[string]int `json:"byType"`
	} `json:"summary"`
}

// offlinePlan runs the README's main command for a stack of the repository.
func offlinePlan(t *testing.T, stack string) planDoc {
	t.Helper()
	cmd := exec.Command(filepath.Join(binDir, "azure-mlops"), "plan", "--stack", stack, "--format", "json")
	cmd.Dir = repoRoot
	out, err := cmd.Output()
	if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() != 1 {
		t.Fatalf("azure-mlops plan --stack %s: %v\n%s", stack, err, ee.Stderr)
	}
	var d planDoc
	if err := json.Unmarshal(out, &d); err != nil {
		t.Fatal(err)
	}
	return d
}

// secretSig marks a secret value in Pulumi's state (apitype.SecretSig).
const secretSig = "4dabf18193072939515e22adb298388d"

// redact replaces secret values in state (encrypted or, when exported with secrets shown,
// plaintext) by "[secret]", so two states compare by shape and not by ciphertext.
func redact(v any) any {
	switch x := v.(type) {
	case map[string]any:
		if _, ok := x[secretSig]; ok {
			return "[secret]"
		}
		out := map[string]any{}
		for k, e := range x {
			out[k] = redact(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = redact(e)
		}
		return out
	}
	return v
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(redact(a))
	y, _ := json.Marshal(redact(b))
	return bytes.Equal(x, y)
}
