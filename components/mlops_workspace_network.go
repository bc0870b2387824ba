package components

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/azureml"
	network "github.com/azure-mlops/pulumi-azure-mlops/pkg/azurenetwork"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/privatelink"
)

// newOutboundRules creates the managed network's outbound rules, one after another; it
// returns the last one, after which later rules (the datastores') are chained.
func (c *MLOpsWorkspace) newOutboundRules(ctx *pulumi.Context, name string, p *workspacePlan, ws *azureml.Workspace) (pulumi.Resource, error) {
	_, last, err := c.newRuleChain(ctx, name, p, ws, p.rules, nil, nil)
	return last, err
}

// newRuleChain creates rules one after another, the first after previous (and deps).
func (c *MLOpsWorkspace) newRuleChain(ctx *pulumi.Context, name string, p *workspacePlan, ws *azureml.Workspace,
	rules []OutboundRuleArgs, deps []pulumi.Resource, previous pulumi.Resource,
) ([]pulumi.Resource, pulumi.Resource, error) {
	a := p.args
	// The workspace serializes changes to its managed network; rules created in parallel fail
	// with conflicts, so each waits for the previous one.
	var created []pulumi.Resource
	for _, r := range rules {
		d := append([]pulumi.Resource{}, deps...)
		if previous != nil {
			d = append(d, previous)
		}
		opts := childOpts(c)
		if len(d) > 0 {
			opts = append(opts, pulumi.DependsOn(d))
		}
		rule, err := azureml.NewManagedNetworkSettingsRule(ctx, name+"-rule-"+r.Name, &azureml.ManagedNetworkSettingsRuleArgs{
			RuleName:          pulumi.String(r.Name),
			WorkspaceName:     ws.Name,
			ResourceGroupName: a.ResourceGroupName,
			Properties:        ruleProperties(r),
		}, opts...)
		if err != nil {
			return nil, nil, err
		}
		created = append(created, rule)
		previous = rule
	}
	return created, previous, nil
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

// newEndpoints creates the private endpoints from the client network to the workspace, its
// storage, registry and own vault (none without privateEndpoints).
func (c *MLOpsWorkspace) newEndpoints(ctx *pulumi.Context, name string, p *workspacePlan, tags pulumi.StringMap,
	workspaceID, storageID, registryID, vaultID pulumi.StringInput,
) ([]pulumi.Resource, map[string]*network.PrivateEndpoint, error) {
	a := p.args
	var endpoints []pulumi.Resource
	var deployedEndpoints map[string]*network.PrivateEndpoint
	if a.PrivateEndpoints != nil {
		targets := []privatelink.Target{
			{Key: "mlw", ID: workspaceID, PhysicalName: p.wsName, GroupIDs: []string{privatelink.GroupWorkspace}},
			{Key: "st", ID: storageID, PhysicalName: p.stName, GroupIDs: p.storageGroups},
			{Key: "cr", ID: registryID, PhysicalName: p.crName, GroupIDs: []string{privatelink.GroupRegistry}},
		}
		if p.ownVault {
			targets = append(targets, privatelink.Target{Key: "kv", ID: vaultID, PhysicalName: p.kvName, GroupIDs: []string{privatelink.GroupVault}})
		}
		deployed, err := privatelink.Deploy(ctx, c, name, a.PrivateEndpoints,
			privatelink.Common{ResourceGroupName: a.ResourceGroupName, Location: a.Location, Tags: tags}, targets)
		if err != nil {
			return nil, nil, err
		}
		endpoints = deployed.Resources()
		deployedEndpoints = deployed.Endpoints
	} else {
		_ = ctx.Log.Warn("no privateEndpoints: workspace, storage and registry have public access disabled, "+
			"so only the managed network reaches them", &pulumi.LogArgs{Resource: c})
	}
	return endpoints, deployedEndpoints, nil
}
