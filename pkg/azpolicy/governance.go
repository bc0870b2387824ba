package azpolicy

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/azure-mlops/pulumi-azure-mlops/components"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/plan"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/profile"
)

// GovernanceAssignments plans the Governance component alone for an environment's guardrails
// (the arguments the platform derives from them, components.GovernanceArgsFor) at scope, and
// returns the assignments it makes: the definitions and parameter values exactly as
// Governance sends them. It serves resources planned without Governance (test fixtures, a
// single component) that should meet the environment's policies.
func GovernanceAssignments(workload, environment string, g profile.Guardrails, scope string, registries []string) ([]*Assignment, error) {
	var regs pulumi.StringArrayInput
	if registries != nil {
		regs = pulumi.ToStringArray(registries)
	}
	doc, err := plan.Evaluate(plan.Options{Project: "azure-mlops", Stack: environment}, func(ctx *pulumi.Context) (pulumi.Map, error) {
		_, err := components.NewGovernance(ctx, "governance",
			components.GovernanceArgsFor(workload, environment, g, pulumi.String(scope), pulumi.String("westeurope"), regs))
		return pulumi.Map{}, err
	})
	if err != nil {
		return nil, fmt.Errorf("planning Governance: %w", err)
	}
	return AssignmentsOf(doc)
}
