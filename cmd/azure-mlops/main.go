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
	"strings"

	"github.com/azure-mlops/pulumi-azure-mlops/components"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/azpolicy"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/plan"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/policy"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/profile"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/provider"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/version"
)

// Exit codes (PLAN_FORMAT.md).
const (
	exitOK        = 0
	exitMandatory = 1
	exitInvalid   = 2
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

const usage = `azure-mlops — the Azure ML platform, evaluated offline

Usage:
  azure-mlops plan --stack <env> [--format tree|json|mermaid] [--dir <project dir>]
  azure-mlops diff <env> <env> [--dir <project dir>]
  azure-mlops diff <base-plan.json> <head-plan.json>   two saved plans (CI: main vs pull request)
  azure-mlops stacks [--dir <project dir>]
  azure-mlops policies                       the policy pack's rules
  azure-mlops schema                         the provider schema (as committed in schema.json)
  azure-mlops sdk --language <l> [--out sdk] [--schema schema.json] [--version v]
  azure-mlops policy-config --stack <env>    policy parameters for pulumi preview --policy-pack-config
  azure-mlops version

plan exits 0 when the plan was produced, no mandatory policy is violated and Azure Policy
denies nothing; 1 on a mandatory violation or an Azure Policy denial (the plan is still
printed); 2 on invalid configuration or a program error.
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
		fs := flag.NewFlagSet("stacks", flag.ContinueOnError)
		fs.SetOutput(stderr)
		dir := fs.String("dir", "", "project directory (default: nearest Pulumi.yaml upward)")
		if err := fs.Parse(args[1:]); err != nil {
			return exitInvalid
		}
		d, err := projectDir(*dir)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return exitInvalid
		}
		fmt.Fprintln(stdout, strings.Join(profile.Stacks(d), "\n"))
		return exitOK
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
	fmt.Fprintf(stderr, "unknown command %q\n\n%s", args[0], usage)
	return exitInvalid
}

func cmdPlan(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("plan", flag.ContinueOnError)
	fs.SetOutput(stderr)
	stack := fs.String("stack", "", "stack (environment) to plan, e.g. dev")
	format := fs.String("format", "tree", "output: tree, json or mermaid")
	dir := fs.String("dir", "", "project directory (default: nearest Pulumi.yaml upward)")
	if err := fs.Parse(args); err != nil {
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
	d, err := projectDir(*dir)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitInvalid
	}
	doc, err := Plan(d, *stack)
	if err != nil {
		fmt.Fprintf(stderr, "plan of stack %q failed:\n%v\n", *stack, err)
		return exitInvalid
	}
	switch *format {
	case "json":
		b, err := doc.JSON()
		if err != nil {
			fmt.Fprintln(stderr, err)
			return exitInvalid
		}
		_, _ = stdout.Write(b)
	case "mermaid":
		fmt.Fprint(stdout, doc.Mermaid())
	default:
		fmt.Fprint(stdout, doc.Tree())
	}
	if doc.HasMandatoryViolation() {
		fmt.Fprintln(stderr, "plan: mandatory policy violations or Azure Policy denials (see policy.violations and azurePolicy.verdicts)")
		return exitMandatory
	}
	return exitOK
}

func cmdDiff(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("diff", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("dir", "", "project directory (default: nearest Pulumi.yaml upward)")
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
		fmt.Fprintln(stderr, "diff: two stacks are required, e.g. azure-mlops diff dev prod")
		return exitInvalid
	}
	if isPlanFile(stacks[0]) && isPlanFile(stacks[1]) {
		return diffPlanFiles(stacks[0], stacks[1], stdout, stderr)
	}
	d, err := projectDir(*dir)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitInvalid
	}
	var docs [2]*plan.Document
	for i, s := range stacks {
		if docs[i], err = Plan(d, s); err != nil {
			fmt.Fprintf(stderr, "plan of stack %q failed:\n%v\n", s, err)
			return exitInvalid
		}
	}
	fmt.Fprint(stdout, plan.Diff(docs[0], docs[1]).Text())
	return exitOK
}

// evaluatePolicies fills doc.Policy with the policy pack's findings for the environment.
// Tests replace it to exercise the exit codes.
var evaluatePolicies = func(doc *plan.Document, env *profile.Environment) error {
	pack, err := policy.Load()
	if err != nil {
		return err
	}
	return pack.Apply(context.Background(), doc, policy.Config(env.Guardrails()))
}

// environment resolves a stack's configuration (the same way the program does).
func environment(files *profile.StackFiles) (*profile.Environment, error) {
	raw, err := profile.Decode(files.Namespaced())
	if err != nil {
		return nil, err
	}
	return profile.Resolve(files.Stack, raw)
}

// Plan evaluates the platform program for one stack of the project in dir.
func Plan(dir, stack string) (*plan.Document, error) {
	files, err := profile.LoadStackFiles(dir, stack)
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
	}, components.PlatformFromConfig)
	if err != nil {
		return nil, err
	}
	env, err := environment(files)
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

// projectDir returns dir, or the nearest directory upward from the working directory that
// holds a Pulumi.yaml.
func projectDir(dir string) (string, error) {
	if dir != "" {
		if _, err := os.Stat(filepath.Join(dir, "Pulumi.yaml")); err != nil {
			return "", fmt.Errorf("no Pulumi.yaml in %s", dir)
		}
		return dir, nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "Pulumi.yaml")); err == nil {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", errors.New("no Pulumi.yaml here or in any parent directory (use --dir)")
		}
	}
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
	fs := flag.NewFlagSet("policy-config", flag.ContinueOnError)
	fs.SetOutput(stderr)
	stack := fs.String("stack", "", "stack (environment)")
	dir := fs.String("dir", "", "project directory (default: nearest Pulumi.yaml upward)")
	if err := fs.Parse(args); err != nil || *stack == "" {
		fmt.Fprintln(stderr, "policy-config: --stack is required")
		return exitInvalid
	}
	d, err := projectDir(*dir)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitInvalid
	}
	files, err := profile.LoadStackFiles(d, *stack)
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
	fs := flag.NewFlagSet("sdk", flag.ContinueOnError)
	fs.SetOutput(stderr)
	lang := fs.String("language", "", "nodejs, python or go")
	out := fs.String("out", "sdk", "output directory (the SDK goes to <out>/<language>)")
	schemaPath := fs.String("schema", "schema.json", "schema to generate from")
	ver := fs.String("version", version.Version, "package version stamped into the SDK")
	if err := fs.Parse(args); err != nil || *lang == "" {
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
