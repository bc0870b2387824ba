package components

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/azureml"
)

// newOutboundRules creates the managed network's outbound rules, one after another.
func (c *MLOpsWorkspace) newOutboundRules(ctx *pulumi.Context, name string, p *workspacePlan, ws *azureml.Workspace) error {
	a := p.args
	// The workspace serializes changes to its managed network; rules created in parallel fail
	// with conflicts, so each waits for the previous one.
	var previous pulumi.Resource
	for _, r := range p.rules {
		opts := childOpts(c)
		if previous != nil {
			opts = append(opts, pulumi.DependsOn([]pulumi.Resource{previous}))
		}
		rule, err := azureml.NewManagedNetworkSettingsRule(ctx, name+"-rule-"+r.Name, &azureml.ManagedNetworkSettingsRuleArgs{
			RuleName:          pulumi.String(r.Name),
			WorkspaceName:     ws.Name,
			ResourceGroupName: a.ResourceGroupName,
			Properties:        ruleProperties(r),
		}, opts...)
		if err != nil {
			return err
		}
		previous = rule
	}
	return nil
}

// managedNetwork is the workspace's managed network settings.
func managedNetwork(p *workspacePlan) *azureml.ManagedNetworkSettingsArgs {
	mn := &azureml.ManagedNetworkSettingsArgs{IsolationMode: pulumi.String(string(p.isolation))}
	if p.firewallSku != "" {
		mn.FirewallSku = pulumi.String(p.firewallSku)
	}
	if p.args.SparkReady {
		mn.Status = &azureml.ManagedNetworkProvisionStatusArgs{SparkReady: pulumi.Bool(true)}
	}
	return mn
}
