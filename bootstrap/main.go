// Command bootstrap is the delivery foundation's Pulumi program (bootstrap/Pulumi.yaml): run
// once per subscription, by a person, before any pipeline. `go run ./bootstrap --plan
// [--stack delivery]` evaluates it offline under the same mocks as `azure-mlops plan` and
// prints the plan JSON (docs/plan-format.md).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/azure-mlops/pulumi-azure-mlops/components"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/plan"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/policy"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/profile"
)

func main() {
	planFlag := flag.Bool("plan", false, "evaluate offline and print the plan JSON instead of running under the Pulumi engine")
	stack := flag.String("stack", "delivery", "stack whose Pulumi.<stack>.yaml --plan reads")
	flag.Parse()
	if *planFlag {
		os.Exit(planOffline(dir(), *stack, os.Stdout))
	}
	pulumi.Run(func(ctx *pulumi.Context) error {
		outs, err := components.BootstrapProgram(ctx)
		if err != nil {
			return err
		}
		for k, v := range outs {
			ctx.Export(k, v)
		}
		return nil
	})
}

// project is the name in bootstrap/Pulumi.yaml (the config namespace).
const project = components.BootstrapProject

// dir is this program's directory: "." when run from it, else bootstrap/ of the repository.
func dir() string {
	if b, err := os.ReadFile("Pulumi.yaml"); err == nil && strings.Contains(string(b), "name: "+project+"\n") {
		return "."
	}
	return "bootstrap"
}

func planOffline(dir, stack string, stdout io.Writer) int {
	files, err := profile.LoadStackFiles(dir, stack)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	doc, err := plan.Evaluate(plan.Options{Project: files.Project, Stack: stack, Config: files.Config,
		SubscriptionID: files.Get(project + ":subscriptionId")}, components.BootstrapProgram)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	// The platform's policy pack applies to the delivery resources too (storage without
	// shared keys, vault with purge protection...): a mandatory violation exits 1, as
	// `azure-mlops plan` does.
	pack, err := policy.Load()
	if err == nil {
		err = pack.Apply(context.Background(), doc, nil)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	b, err := doc.JSON()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	_, _ = stdout.Write(b)
	if doc.HasMandatoryViolation() {
		return 1
	}
	return 0
}
