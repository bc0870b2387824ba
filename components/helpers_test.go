package components

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
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

// badCase is one invalid argument set: mutate a valid one, expect an error containing want.
type badCase[A any] struct {
	name   string
	mutate func(a *A)
	want   string
}

// assertBadInput runs each case and checks the error names the field and nothing was
// registered.
func assertBadInput[A any](t *testing.T, valid func() *A, build func(ctx *pulumi.Context, a *A) error, cases []badCase[A]) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := valid()
			c.mutate(args)
			rs, err := runErr(func(ctx *pulumi.Context) error { return build(ctx, args) })
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.want)
			assert.Empty(t, rs, "nothing may be registered on bad input")
		})
	}
}
