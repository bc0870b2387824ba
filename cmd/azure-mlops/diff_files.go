package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/plan"
)

// isPlanFile says a diff argument is a saved plan (`plan --format json > x.json`) rather than
// a stack name: CI compares the base branch's plan with the pull request's, two builds of the
// program that one process cannot evaluate side by side.
func isPlanFile(arg string) bool { return strings.HasSuffix(arg, ".json") }

// diffPlanFiles prints how the plan in file b differs from the plan in file a.
func diffPlanFiles(a, b string, stdout, stderr io.Writer) int {
	var docs [2]*plan.Document
	for i, f := range []string{a, b} {
		raw, err := os.ReadFile(f)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return exitInvalid
		}
		docs[i] = &plan.Document{}
		if err := json.Unmarshal(raw, docs[i]); err != nil {
			fmt.Fprintf(stderr, "%s: not a plan document (azure-mlops plan --format json): %v\n", f, err)
			return exitInvalid
		}
		if docs[i].FormatVersion != plan.FormatVersion {
			fmt.Fprintf(stderr, "%s: formatVersion %d, expected %d\n", f, docs[i].FormatVersion, plan.FormatVersion)
			return exitInvalid
		}
	}
	fmt.Fprint(stdout, plan.Diff(docs[0], docs[1]).Text())
	return exitOK
}
