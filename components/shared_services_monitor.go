package components

import (
	"errors"
	"fmt"

	"github.com/pulumi/pulumi-azure-native-sdk/insights/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/privatelink"
)

// Access modes of an Azure Monitor Private Link Scope: PrivateOnly lets networks connected to
// the scope reach only the resources in it; Open lets them reach any Azure Monitor resource.
// learn.microsoft.com/azure/azure-monitor/logs/private-link-design#control-how-private-links-apply-to-your-networks
const (
	AccessModePrivateOnly = "PrivateOnly"
	AccessModeOpen        = "Open"
)

// MonitorPrivateLinkScopeArgs put the Log Analytics workspace and Application Insights
// behind an Azure Monitor Private Link Scope (AMPLS), so that monitoring data is ingested and
// queried through a private endpoint only; their public ingestion and query are then
// disabled. learn.microsoft.com/azure/azure-monitor/logs/private-link-security
type MonitorPrivateLinkScopeArgs struct {
	// Add the workspace and component to this existing scope (typically the hub's, whose
	// private endpoint and DNS serve every spoke) instead of creating one. An AMPLS changes
	// the DNS of every network that uses it, so one scope per DNS is Microsoft's advice
	// (private-link-design#plan-by-network-topology).
	ExistingScopeId pulumi.StringInput `pulumi:"existingScopeId,optional"`
	// Ingestion access mode of a created scope: PrivateOnly (default) or Open.
	IngestionAccessMode string `pulumi:"ingestionAccessMode,optional"`
	// Query access mode of a created scope: PrivateOnly (default) or Open.
	QueryAccessMode string `pulumi:"queryAccessMode,optional"`
}

type monitorScopePlan struct {
	args                 MonitorPrivateLinkScopeArgs
	create               bool
	name                 string
	ingestion, queryMode string
}

func planMonitorScope(f string, a *MonitorPrivateLinkScopeArgs, hasEndpoints bool, workload, env string) (*monitorScopePlan, error) {
	if a == nil {
		return nil, nil
	}
	p := &monitorScopePlan{args: *a, create: a.ExistingScopeId == nil, ingestion: a.IngestionAccessMode, queryMode: a.QueryAccessMode,
		name: fmt.Sprintf("ampls-%s-%s", workload, env)}
	var errs []error
	if p.ingestion == "" {
		p.ingestion = AccessModePrivateOnly
	}
	if p.queryMode == "" {
		p.queryMode = AccessModePrivateOnly
	}
	if err := checkARMID(f+".existingScopeId", a.ExistingScopeId, "Microsoft.Insights/privateLinkScopes"); err != nil {
		errs = append(errs, err)
	}
	if p.create {
		if err := oneOf(f+".ingestionAccessMode", p.ingestion, AccessModePrivateOnly, AccessModeOpen); err != nil {
			errs = append(errs, err)
		}
		if err := oneOf(f+".queryAccessMode", p.queryMode, AccessModePrivateOnly, AccessModeOpen); err != nil {
			errs = append(errs, err)
		}
		if !hasEndpoints {
			errs = append(errs, fmt.Errorf("%s: a created scope needs a private endpoint: set network or privateEndpoints (or give existingScopeId)", f))
		}
	} else if a.IngestionAccessMode != "" || a.QueryAccessMode != "" {
		errs = append(errs, fmt.Errorf("%s.ingestionAccessMode: access modes belong to the existing scope's owner; set them only when the scope is created here", f))
	}
	return p, errors.Join(errs...)
}

// buildMonitorScope creates (or uses) the scope, adds the workspace and component to it and,
// for a created scope, its private endpoint (group azuremonitor) in the environment's network.
func (c *SharedServices) buildMonitorScope(ctx *pulumi.Context, name string, p *sharedServicesPlan, endpoints *privatelink.Args, tags pulumi.StringMap) error {
	m, a := p.monitor, p.args
	var scopeID pulumi.StringOutput
	var scopeRG, scopeName pulumi.StringOutput
	if m.create {
		scope, err := insights.NewPrivateLinkScope(ctx, name+"-ampls", &insights.PrivateLinkScopeArgs{
			ScopeName:         pulumi.String(m.name),
			ResourceGroupName: a.ResourceGroupName,
			// AMPLS is a global resource. learn.microsoft.com/azure/azure-monitor/logs/private-link-configure
			Location: pulumi.String("global"),
			AccessModeSettings: &insights.AccessModeSettingsArgs{
				IngestionAccessMode: pulumi.String(m.ingestion),
				QueryAccessMode:     pulumi.String(m.queryMode),
			},
			Tags: tags,
		}, pulumi.Parent(c))
		if err != nil {
			return err
		}
		scopeID = scope.ID().ToStringOutput()
		scopeRG, scopeName = a.ResourceGroupName.ToStringOutput(), scope.Name
	} else {
		scopeID = m.args.ExistingScopeId.ToStringOutput()
		scopeRG, scopeName = idParts(m.args.ExistingScopeId)
	}
	c.MonitorPrivateLinkScopeId = scopeID
	// Scoped resources are children of the scope, in its resource group.
	for _, r := range []struct {
		key string
		id  pulumi.StringOutput
	}{{"law", c.LogAnalyticsWorkspaceId}, {"appi", c.AppInsightsId}} {
		if _, err := insights.NewPrivateLinkScopedResource(ctx, name+"-ampls-"+r.key, &insights.PrivateLinkScopedResourceArgs{
			Name:              pulumi.String(fmt.Sprintf("%s-%s", m.name, r.key)),
			ScopeName:         scopeName,
			ResourceGroupName: scopeRG,
			LinkedResourceId:  r.id,
		}, pulumi.Parent(c)); err != nil {
			return err
		}
	}
	if !m.create {
		return nil
	}
	_, err := privatelink.Deploy(ctx, c, name, endpoints,
		privatelink.Common{ResourceGroupName: a.ResourceGroupName, Location: a.Location, Tags: tags},
		[]privatelink.Target{{Key: "ampls", ID: scopeID, PhysicalName: m.name, GroupIDs: []string{privatelink.GroupAzureMonitor}}})
	return err
}
