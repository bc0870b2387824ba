package components

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/require"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/plan"
)

const (
	testSub = "aaaaaaaa-0000-0000-0000-000000000001"
	testRG  = "rg-mlops-dev"
)

// run executes program under the shared recorder and fails the test on error.
func run(t *testing.T, program pulumi.RunFunc) []plan.Resource {
	t.Helper()
	rec, err := plan.Run(plan.Options{Stack: "dev", SubscriptionID: testSub}, program)
	require.NoError(t, err)
	return rec.Resources()
}

// runErr executes program and returns its error with what was registered.
func runErr(program pulumi.RunFunc) ([]plan.Resource, error) {
	rec, err := plan.Run(plan.Options{Stack: "dev", SubscriptionID: testSub}, program)
	return rec.Resources(), err
}

func must(t *testing.T, rs []plan.Resource, typ, name string) plan.Resource {
	t.Helper()
	r, ok := plan.Find(rs, typ, name)
	require.Truef(t, ok, "no %s named %s among %d resources", typ, name, len(rs))
	return r
}

// await resolves an output inside a program run.
func await[T any](o pulumi.Output) T {
	ch := make(chan T, 1)
	o.ApplyT(func(v T) T { ch <- v; return v })
	return <-ch
}

func armID(provider, name string) string {
	return "/subscriptions/" + testSub + "/resourceGroups/" + testRG + "/providers/" + provider + "/" + name
}
