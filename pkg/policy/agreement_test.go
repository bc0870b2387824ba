package policy

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/azpolicy"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/plan"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/profile"
	"github.com/azure-mlops/pulumi-azure-mlops/platform"
)

// Rules whose `mirrors` annotation names a deployed definition without mirroring it, and why.
// Every other rule that names one must reach the same verdict as Azure on every resource.
var notMirrors = map[string]string{
	"deny_compute_subnet": "checks the compute's subnet against allowedSubnetIds; Deny-MachineLearning-Compute-SubnetId only " +
		"requires some subnet, and Governance exempts managed-network computes from it",
	"stack_deny_compute_network": "the managed-network equivalent of Deny-MachineLearning-Compute-SubnetId, by its own annotation",
}

var (
	guidPattern = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)
	alzPattern  = regexp.MustCompile(`Deny-MachineLearning-[A-Za-z-]*[A-Za-z]`)
)

// mirrorsAssignment says whether rule r claims to mirror a's definition: a built-in by its
// GUID, a landing-zone definition by its ALZ name (recognised by its rule, whatever
// Governance names it).
func mirrorsAssignment(r Rule, a *azpolicy.Assignment) bool {
	if a.Definition == nil {
		return false
	}
	if _, builtin := azpolicy.BuiltinSources[a.Definition.Name]; builtin {
		for _, g := range guidPattern.FindAllString(r.Mirrors, -1) {
			if g == a.Definition.Name {
				return true
			}
		}
		return false
	}
	lz := a.Definition.LandingZoneName()
	for _, n := range alzPattern.FindAllString(r.Mirrors, -1) {
		if lz != "" && n == lz {
			return true
		}
	}
	return false
}

// regoFindings: a rule's messages about resource res. Stack rules report on the stack; their
// messages start with the resource's name.
func regoFindings(rule Rule, vs []plan.Violation, res plan.DocResource) []string {
	var out []string
	for _, v := range vs {
		if v.Policy != rule.ID {
			continue
		}
		if v.URN == res.URN || (rule.Stack && (strings.HasPrefix(v.Message, res.Name+":") || strings.HasPrefix(v.Message, res.Name+" ("))) {
			out = append(out, v.Message)
		}
	}
	return out
}

// disagreements compares, for every rule that mirrors an assignment and every resource that
// assignment evaluates, the Rego verdict with Azure's, and explains each difference.
func disagreements(t *testing.T, p *Pack, doc *plan.Document, cfg map[string]map[string]any, as []*azpolicy.Assignment) []string {
	t.Helper()
	violations, err := p.Evaluate(context.Background(), doc, cfg)
	require.NoError(t, err)
	report := azpolicy.EvaluateWith(doc, as)
	byURN := map[string]plan.DocResource{}
	for _, r := range doc.Resources {
		byURN[r.URN] = r
	}
	var out []string
	for _, rule := range p.Rules {
		if _, skip := notMirrors[rule.ID]; skip {
			continue
		}
		for _, a := range as {
			if !mirrorsAssignment(rule, a) {
				continue
			}
			for _, v := range report.Verdicts {
				if v.Assignment != a.Name || v.Result == azpolicy.Indefinite {
					continue
				}
				azureFails := v.Result == azpolicy.NonCompliant || v.Result == azpolicy.Errored
				rego := regoFindings(rule, violations, byURN[v.URN])
				if azureFails != (len(rego) > 0) {
					out = append(out, fmt.Sprintf("%s: Rego %s says %s; Azure Policy %s (%s) says %s, action %s: %s",
						byURN[v.URN].Name, rule.ID, verdictWord(len(rego) > 0, strings.Join(rego, "; ")),
						a.Name, v.Definition, v.Result, v.Action, v.Reason))
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

func verdictWord(fails bool, msg string) string {
	if fails {
		return "deny (" + msg + ")"
	}
	return "pass"
}

// agreementGuardrails: one environment's guardrails, given both to the Rego pack (Config) and
// to Governance (whose assignments are planned from them).
func agreementGuardrails() profile.Guardrails {
	return profile.Guardrails{Effect: "Deny", RequireHbi: true, MaxNodeCount: 8, MaxNodeIdleSeconds: 900,
		AllowedVmSizes: []string{"Standard_DS3_v2", "Standard_DS4_v2"}}
}

// TestRegoAgreesWithAzurePolicyOnFixtures: every pass and fail fixture of the pack, evaluated
// by the Rego rules and by the definitions Governance deploys for the same guardrails.
func TestRegoAgreesWithAzurePolicyOnFixtures(t *testing.T) {
	p, err := Load()
	require.NoError(t, err)
	g := agreementGuardrails()
	as, err := azpolicy.GovernanceAssignments("mlops", "t", g, strings.TrimSuffix(sub, "/providers/"), []string{"cr.azurecr.io"})
	require.NoError(t, err)
	compared := 0
	for _, a := range as {
		for _, r := range p.Rules {
			if mirrorsAssignment(r, a) {
				compared++
			}
		}
	}
	require.GreaterOrEqual(t, compared, 8, "the rules that mirror deployed definitions")
	ids := make([]string, 0)
	fx := fixtures()
	for id := range fx {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		for kind, rs := range map[string][]plan.DocResource{"pass": fx[id].pass, "fail": fx[id].fail} {
			doc := &plan.Document{Project: "p", Stack: "t", Resources: rs, Outputs: fx[id].outputs}
			for _, d := range disagreements(t, p, doc, Config(g), as) {
				t.Errorf("fixture %s (%s): %s", id, kind, d)
			}
		}
	}
}

// TestRegoAgreesWithAzurePolicyOnStacks: every resource of every stack, under the stack's own
// guardrails and the assignments its plan makes.
func TestRegoAgreesWithAzurePolicyOnStacks(t *testing.T) {
	p, err := Load()
	require.NoError(t, err)
	root := filepath.Join("..", "..")
	for _, stack := range profile.Stacks(root) {
		t.Run(stack, func(t *testing.T) {
			files, err := profile.LoadStackFiles(root, stack)
			require.NoError(t, err)
			doc, err := plan.Evaluate(plan.Options{Project: files.Project, Stack: stack, SubscriptionID: files.Get("azure-native:subscriptionId"),
				TenantID: files.Get("azure-native:tenantId"), Config: files.Config, ConfigSecretKeys: files.SecretKeys}, platform.PlatformFromConfig)
			require.NoError(t, err)
			raw, err := platform.Decode(files.Namespaced())
			require.NoError(t, err)
			env, err := platform.Resolve(stack, raw)
			require.NoError(t, err)
			as, err := azpolicy.AssignmentsOf(doc)
			require.NoError(t, err)
			require.NotEmpty(t, as)
			for _, d := range disagreements(t, p, doc, Config(env.Guardrails()), as) {
				t.Error(d)
			}
		})
	}
}

// TestDisagreementIsReported: the comparison fails, with both explanations, when the two
// sides differ — here the Rego pack gets a larger node limit than Governance assigns.
func TestDisagreementIsReported(t *testing.T) {
	p, err := Load()
	require.NoError(t, err)
	g := agreementGuardrails()
	as, err := azpolicy.GovernanceAssignments("mlops", "t", g, strings.TrimSuffix(sub, "/providers/"), nil)
	require.NoError(t, err)
	big := with(compute, "properties.properties.scaleSettings.maxNodeCount", 20)
	loose := g
	loose.MaxNodeCount = 100
	got := disagreements(t, p, &plan.Document{Resources: one(big)}, Config(loose), as)
	require.Len(t, got, 1)
	assert.Contains(t, got[0], "Rego deny_compute_scale says pass")
	assert.Contains(t, got[0], "says non-compliant, action deny")
	assert.Contains(t, got[0], "scaleSettings.maxNodeCount) = 20; greater 8 → true")

	// And the case, as the mirror was: Rego passing PT15M while Azure fails int('').
	minutes := with(compute, "properties.properties.scaleSettings.nodeIdleTimeBeforeScaleDown", "PT15M")
	report := azpolicy.EvaluateWith(&plan.Document{Resources: one(minutes)}, as)
	var scale []plan.AzureVerdict
	scaleNames := map[string]bool{}
	for _, a := range as {
		if a.LandingZoneName() == "Deny-MachineLearning-ComputeCluster-Scale" {
			scaleNames[a.Name] = true
		}
	}
	for _, v := range report.Verdicts {
		if scaleNames[v.Assignment] {
			scale = append(scale, v)
		}
	}
	require.Len(t, scale, 1)
	assert.Equal(t, azpolicy.Errored, scale[0].Result)
	assert.Empty(t, disagreements(t, p, &plan.Document{Resources: one(minutes)}, Config(g), as),
		"the mirror denies PT15M too, since it parses idle time as the ALZ expression does")
}
