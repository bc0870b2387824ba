// Command azure-mlops evaluates the platform offline: `azure-mlops plan --stack dev` runs the
// same program `pulumi up -s dev` runs, in-process under a mock monitor, with the stack's real
// configuration, and shows what would be created. No Azure account, Pulumi CLI or network.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/azpolicy"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/plan"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/policy"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/profile"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/suggest"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/version"
	"github.com/azure-mlops/pulumi-azure-mlops/platform"
	"github.com/azure-mlops/pulumi-azure-mlops/provider"
)

// Exit codes (docs/plan-format.md).
const (
	exitOK        = 0
	exitMandatory = 1
	exitInvalid   = 2
)

func main() {
	tuneGC()
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// tuneGC sets the collector for a short-lived process that builds one large plan: collect
// when the heap has grown 4x (not 2x), under a soft limit of 200 MiB of Go memory. At 200
// projects the limit is what bounds the process (its peak RSS is the limit plus ~57 MiB of
// mapped binary): 255-265 MiB instead of 295 MiB with the defaults, for the same time within
// the noise, 1.4 s (BenchmarkPlanScale). The limit is soft: a larger plan makes the collector
// run more often, never fail. GOGC or GOMEMLIMIT in the environment win.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(200 << 20)
	}
}

const usage = `azure-mlops — the Azure ML platform, evaluated offline

Usage:
  azure-mlops plan --stack <env> [--format tree|json|mermaid] [--dir <project dir>]
  azure-mlops diff <env> <env> [--dir <project dir>]
  azure-mlops diff <base-plan.json> <head-plan.json>   two saved plans (CI: main vs pull request)
  azure-mlops stacks [--dir <project dir>]
  azure-mlops policies                       the policy pack's rules
  azure-mlops schema                         the provider schema (as committed in schema.json)
  azure-mlops sdk --language <l> [--out sdk] [--schema schema.json] [--version v]
  azure-mlops policy-config --stack <env> [--dir <project dir>]
                                             policy parameters for pulumi preview --policy-pack-config
  azure-mlops version

--dir is the directory holding Pulumi.yaml and the Pulumi.<env>.yaml stack files. Without it,
the nearest Pulumi.yaml from the working directory upward is used (and named on stderr when it
is not in the working directory).

plan exits 0 when the plan was produced, no mandatory policy is violated and Azure Policy
denies nothing; 1 on a mandatory violation or an Azure Policy denial (the plan is still
printed); 2 on invalid configuration, bad usage or a program error.
`

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitInvalid
	}
	switch args[0] {
	case "plan":
		return cmdPlan(args[1:], stdout, stderr)
	case "diff":
		return cmdDiff(args[1:], stdout, stderr)
	case "stacks":
		fs := newFlags("stacks", stderr)
		dir := fs.String("dir", "", dirUsage)
		if !parse(fs, args[1:]) {
			return exitInvalid
		}
		p, err := findProject(*dir, stderr)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return exitInvalid
		}
		stacks := profile.Stacks(p.dir)
		if len(stacks) == 0 {
			fmt.Fprintf(stderr, "stacks: none: %s has no stack file Pulumi.<stack>.yaml\n%s\n", p.dir, p.where())
			return exitOK
		}
		fmt.Fprintln(stdout, strings.Join(stacks, "\n"))
		return exitOK
	}
	// The commands below take no arguments.
	if len(args) > 1 {
		switch args[0] {
		case "schema", "policies", "version", "--version", "help", "-h", "--help":
			fmt.Fprintf(stderr, "%s: takes no arguments (got %s)\n", args[0], strings.Join(args[1:], " "))
			return exitInvalid
		}
	}
	switch args[0] {
	case "schema":
		b, err := provider.SchemaJSON(context.Background())
		if err != nil {
			fmt.Fprintln(stderr, err)
			return exitInvalid
		}
		_, _ = stdout.Write(b)
		return exitOK
	case "sdk":
		return cmdSDK(args[1:], stdout, stderr)
	case "policies":
		return cmdPolicies(stdout, stderr)
	case "policy-config":
		return cmdPolicyConfig(args[1:], stdout, stderr)
	case "version", "--version":
		fmt.Fprintln(stdout, version.Version)
		return exitOK
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "unknown command %q%s\n\n%s", args[0], suggest.Hint(args[0], commands), usage)
	return exitInvalid
}

var commands = []string{"diff", "help", "plan", "policies", "policy-config", "schema", "sdk", "stacks", "version"}

const dirUsage = "project directory: where Pulumi.yaml and Pulumi.<stack>.yaml are (default: the nearest Pulumi.yaml upward)"

func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// parse parses flags and refuses leftover arguments: a word the command does not take is a
// mistake (a stack without --stack, a flag after a stray word), never silently ignored.
func parse(fs *flag.FlagSet, args []string) bool {
	if err := fs.Parse(args); err != nil {
		return false
	}
	if fs.NArg() > 0 {
		hint := ""
		if fs.Lookup("stack") != nil && !strings.HasPrefix(fs.Arg(0), "-") && fs.Lookup("stack").Value.String() == "" {
			hint = fmt.Sprintf(" (the stack is a flag: azure-mlops %s --stack %s)", fs.Name(), fs.Arg(0))
		}
		fmt.Fprintf(fs.Output(), "%s: unexpected argument %q%s\n", fs.Name(), fs.Arg(0), hint)
		return false
	}
	return true
}

func cmdPlan(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("plan", stderr)
	stack := fs.String("stack", "", "stack (environment) to plan, e.g. dev")
	format := fs.String("format", "tree", "output: tree, json or mermaid")
	dir := fs.String("dir", "", dirUsage)
	if !parse(fs, args) {
		return exitInvalid
	}
	if *stack == "" {
		fmt.Fprintln(stderr, "plan: --stack is required (e.g. --stack dev)")
		return exitInvalid
	}
	if *format != "tree" && *format != "json" && *format != "mermaid" {
		fmt.Fprintf(stderr, "plan: --format must be tree, json or mermaid (not %q)\n", *format)
		return exitInvalid
	}
	p, err := findProject(*dir, stderr)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitInvalid
	}
	if err := p.hasStack(*stack); err != nil {
		fmt.Fprintf(stderr, "plan: %v\n", err)
		return exitInvalid
	}
	doc, err := Plan(p.dir, *stack)
	if err != nil {
		fmt.Fprintf(stderr, "plan of stack %q failed:\n%v\n", *stack, err)
		return exitInvalid
	}
	switch *format {
	case "json":
		if err := doc.WriteJSON(stdout); err != nil {
			fmt.Fprintln(stderr, err)
			return exitInvalid
		}
	case "mermaid":
		fmt.Fprint(stdout, doc.Mermaid())
	default:
		fmt.Fprint(stdout, doc.Tree())
	}
	if doc.HasMandatoryViolation() {
		where := "listed under \"Policy findings\" above"
		switch *format {
		case "json":
			where = "policy.violations with enforcement mandatory, azurePolicy.verdicts with action deny"
		case "mermaid":
			where = "run with --format tree to list them"
		}
		fmt.Fprintf(stderr, "plan: %s (%s)\n", strings.TrimPrefix(doc.ResultLine(), "Result: "), where)
		return exitMandatory
	}
	return exitOK
}

func cmdDiff(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("diff", stderr)
	dir := fs.String("dir", "", dirUsage)
	// Accept flags before or after the two stacks.
	var stacks []string
	rest := args
	for len(rest) > 0 {
		if err := fs.Parse(rest); err != nil {
			return exitInvalid
		}
		rest = fs.Args()
		if len(rest) > 0 {
			stacks = append(stacks, rest[0])
			rest = rest[1:]
		}
	}
	if len(stacks) != 2 {
		fmt.Fprintf(stderr, "diff: two stacks are required, e.g. azure-mlops diff dev prod (got %d: %s)\n", len(stacks), strings.Join(stacks, " "))
		return exitInvalid
	}
	if isPlanFile(stacks[0]) && isPlanFile(stacks[1]) {
		return diffPlanFiles(stacks[0], stacks[1], stdout, stderr)
	}
	p, err := findProject(*dir, stderr)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitInvalid
	}
	var docs [2]*plan.Document
	for i, s := range stacks {
		if err := p.hasStack(s); err != nil {
			fmt.Fprintf(stderr, "diff: %v\n", err)
			return exitInvalid
		}
		if docs[i], err = Plan(p.dir, s); err != nil {
			fmt.Fprintf(stderr, "plan of stack %q failed:\n%v\n", s, err)
			return exitInvalid
		}
	}
	fmt.Fprint(stdout, plan.Diff(docs[0], docs[1]).Text())
	return exitOK
}

// evaluatePolicies fills doc.Policy with the policy pack's findings for the environment.
// Tests replace it to exercise the exit codes.
var evaluatePolicies = func(doc *plan.Document, env *platform.Environment) error {
	pack, err := policy.Load()
	if err != nil {
		return err
	}
	if err := pack.Apply(context.Background(), doc, policy.Config(env.Guardrails())); err != nil {
		return err
	}
	// Each finding carries its rule's fix, so the tree and the JSON say how to comply.
	for i, v := range doc.Policy.Violations {
		if r, ok := pack.Rule(v.Policy); ok {
			doc.Policy.Violations[i].Fix = r.Fix
		}
	}
	return nil
}

// environment resolves a stack's configuration (the same way the program does).
func environment(files *profile.StackFiles) (*platform.Environment, error) {
	raw, err := platform.Decode(files.Namespaced())
	if err != nil {
		return nil, err
	}
	return platform.Resolve(files.Stack, raw)
}

// Plan evaluates the platform program for one stack of the project in dir.
func Plan(dir, stack string) (*plan.Document, error) {
	files, err := profile.LoadStackFiles(dir, stack)
	if err != nil {
		return nil, err
	}
	// Every key of the stack file, decoded before the program runs: the program reads only the
	// keys it knows, so a misspelled one is refused here (under the engine, the program
	// refuses it from PULUMI_CONFIG).
	env, err := environment(files)
	if err != nil {
		return nil, err
	}
	doc, err := plan.Evaluate(plan.Options{
		Project:          files.Project,
		Stack:            stack,
		SubscriptionID:   files.Get("azure-native:subscriptionId"),
		TenantID:         files.Get("azure-native:tenantId"),
		Config:           files.Config,
		ConfigSecretKeys: files.SecretKeys,
	}, platform.PlatformFromConfig)
	if err != nil {
		return nil, err
	}
	if err := evaluatePolicies(doc, env); err != nil {
		return nil, fmt.Errorf("policy evaluation: %w", err)
	}
	// The Azure Policy assignments the plan itself makes (Governance), evaluated over the
	// plan as Azure would evaluate the deployment.
	if err := azpolicy.Apply(doc); err != nil {
		return nil, fmt.Errorf("azure policy evaluation: %w", err)
	}
	return doc, nil
}

// project is the Pulumi project a command works on.
type project struct {
	dir, name string
	// found: by searching upward from the working directory, not given with --dir.
	found bool
}

// findProject returns the project in dir, or the one whose Pulumi.yaml is nearest upward from
// the working directory; a project found outside the working directory is named on stderr,
// so planning a different project than the user meant is never silent.
func findProject(dir string, stderr io.Writer) (project, error) {
	if dir != "" {
		if _, err := os.Stat(filepath.Join(dir, "Pulumi.yaml")); err != nil {
			return project{}, fmt.Errorf("no Pulumi.yaml in --dir %s (give the directory that holds Pulumi.yaml and the Pulumi.<stack>.yaml files)", dir)
		}
		return project{dir: dir, name: projectName(dir)}, nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return project{}, err
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "Pulumi.yaml")); err == nil {
			p := project{dir: d, name: projectName(d), found: true}
			if d != wd {
				fmt.Fprintf(stderr, "azure-mlops: project %q in %s (the nearest Pulumi.yaml upward; --dir <project dir> to choose another)\n", p.name, d)
			}
			return p, nil
		}
		if filepath.Dir(d) == d {
			return project{}, errors.New("no Pulumi.yaml here or in any parent directory: run from the project (the repository root) or pass --dir <project dir>")
		}
	}
}

func projectName(dir string) string {
	proj, err := workspace.LoadProject(filepath.Join(dir, "Pulumi.yaml"))
	if err != nil {
		return "?"
	}
	return proj.Name.String()
}

// where says which project this is and how to choose another.
func (p project) where() string {
	if p.found {
		return fmt.Sprintf("Project %q (%s) is the nearest Pulumi.yaml upward from the working directory; "+
			"pass --dir <directory with Pulumi.yaml and Pulumi.<stack>.yaml> to use another project.", p.name, filepath.Join(p.dir, "Pulumi.yaml"))
	}
	return fmt.Sprintf("Project %q in --dir %s.", p.name, p.dir)
}

// hasStack refuses a stack without a stack file, saying which stacks exist (or why none
// does), suggesting the nearest name and naming the project.
func (p project) hasStack(stack string) error {
	if slices.Contains(profile.Stacks(p.dir), stack) {
		return nil
	}
	return fmt.Errorf("stack %q: no Pulumi.%s.yaml in %s (%s)\n%s", stack, stack, p.dir, profile.StacksHere(p.dir, stack), p.where())
}

func cmdPolicies(stdout, stderr io.Writer) int {
	pack, err := policy.Load()
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitInvalid
	}
	for _, r := range pack.Rules {
		scope := "resource"
		if r.Stack {
			scope = "stack"
		}
		fmt.Fprintf(stdout, "%s (%s, %s)\n    %s\n    mirrors: %s\n    fix: %s\n", r.ID, r.Enforcement, scope, r.Title, r.Mirrors, r.Fix)
	}
	return exitOK
}

func cmdPolicyConfig(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("policy-config", stderr)
	stack := fs.String("stack", "", "stack (environment)")
	dir := fs.String("dir", "", dirUsage)
	if !parse(fs, args) {
		return exitInvalid
	}
	if *stack == "" {
		fmt.Fprintln(stderr, "policy-config: --stack is required")
		return exitInvalid
	}
	p, err := findProject(*dir, stderr)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitInvalid
	}
	if err := p.hasStack(*stack); err != nil {
		fmt.Fprintf(stderr, "policy-config: %v\n", err)
		return exitInvalid
	}
	files, err := profile.LoadStackFiles(p.dir, *stack)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitInvalid
	}
	env, err := environment(files)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitInvalid
	}
	b, _ := json.MarshalIndent(policy.Config(env.Guardrails()), "", "  ")
	fmt.Fprintln(stdout, string(b))
	return exitOK
}

func cmdSDK(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("sdk", stderr)
	lang := fs.String("language", "", "nodejs, python or go")
	out := fs.String("out", "sdk", "output directory (the SDK goes to <out>/<language>)")
	schemaPath := fs.String("schema", "schema.json", "schema to generate from")
	ver := fs.String("version", version.Version, "package version stamped into the SDK")
	if !parse(fs, args) {
		return exitInvalid
	}
	if *lang == "" {
		fmt.Fprintln(stderr, "sdk: --language is required (nodejs, python or go)")
		return exitInvalid
	}
	b, err := os.ReadFile(*schemaPath)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitInvalid
	}
	files, err := provider.GenerateSDK(b, *lang, *ver, *out)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitInvalid
	}
	fmt.Fprintf(stdout, "%s SDK: %d files in %s\n", *lang, len(files), filepath.Join(*out, *lang))
	return exitOK
}
