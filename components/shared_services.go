package components

import (
	"errors"
	"fmt"
	"slices"

	"github.com/pulumi/pulumi-azure-native-sdk/insights/v2"
	"github.com/pulumi/pulumi-azure-native-sdk/keyvault/v2"
	"github.com/pulumi/pulumi-azure-native-sdk/operationalinsights/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/diagnostics"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/naming"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/privatelink"
)

// SharedServicesToken is the component's type token.
const SharedServicesToken = "azure-mlops:index:SharedServices"

// Defaults of SharedServicesArgs.
const (
	DefaultLogRetentionDays              = 30
	DefaultKeyVaultSku                   = "standard"
	DefaultKeyVaultSoftDeleteRetention   = 90
	logAnalyticsSku                      = "PerGB2018"
	minLogRetentionDays, maxLogRetention = 30, 730
)

// SharedServicesArgs are the inputs of SharedServices.
type SharedServicesArgs struct {
	// Resource group the shared services are created in.
	ResourceGroupName pulumi.StringInput `pulumi:"resourceGroupName"`
	// Azure region, e.g. "westeurope".
	Location pulumi.StringInput `pulumi:"location"`
	// Workload name used in resource names, e.g. "mlops" (2-16 lowercase letters, digits, hyphens).
	Workload string `pulumi:"workload"`
	// Environment name used in resource names, e.g. "dev" (1-8 lowercase letters and digits).
	Environment string `pulumi:"environment"`
	// Extra stable input for the unique suffix of globally unique names (defaults to the
	// resource group name when it is known, so the same workload in two resource groups does
	// not collide).
	NamingSeed string `pulumi:"namingSeed,optional"`
	// Entra tenant of the Key Vault; defaults to the tenant of the deploying identity.
	TenantId pulumi.StringInput `pulumi:"tenantId,optional"`
	// Log Analytics retention in days (30-730). Default 30.
	LogRetentionDays int `pulumi:"logRetentionDays,optional"`
	// Key Vault SKU: "standard" (default) or "premium" (HSM-backed keys).
	KeyVaultSku string `pulumi:"keyVaultSku,optional"`
	// Days a deleted vault stays recoverable (7-90). Default 90. Purge protection is always on.
	KeyVaultSoftDeleteRetentionDays int `pulumi:"keyVaultSoftDeleteRetentionDays,optional"`
	// Use this existing Key Vault instead of creating one (its owner keeps its network rules
	// and diagnostics).
	ExistingKeyVaultId pulumi.StringInput `pulumi:"existingKeyVaultId,optional"`
	// Use this existing workspace-based Application Insights component instead of creating one.
	ExistingAppInsightsId pulumi.StringInput `pulumi:"existingAppInsightsId,optional"`
	// Use this existing (central) Log Analytics workspace instead of creating one.
	ExistingLogAnalyticsWorkspaceId pulumi.StringInput `pulumi:"existingLogAnalyticsWorkspaceId,optional"`
	// Create the environment's private network here: VNet, endpoint subnet, NSGs and private
	// DNS zones, shared by the workspaces (resource group, location, names and tags are
	// inherited). The Key Vault's endpoint goes into it.
	Network *PrivateNetworkArgs `pulumi:"network,optional"`
	// Or place the Key Vault's private endpoint in an existing subnet, with this DNS.
	PrivateEndpoints *privatelink.Args `pulumi:"privateEndpoints,optional"`
	// Put Log Analytics and Application Insights behind an Azure Monitor Private Link Scope
	// (created here with its private endpoint in the network, or an existing one in the hub)
	// and disable their public ingestion and query.
	MonitorPrivateLinkScope *MonitorPrivateLinkScopeArgs `pulumi:"monitorPrivateLinkScope,optional"`
	// The Azure ML registry shared across environments for promoting models, components and
	// environments: created here (public access off, private endpoint, diagnostics) or an
	// existing one referenced by id; Access says whether this environment's workspaces publish
	// to it or only consume from it (WorkspaceMlRegistry).
	MlRegistry *MLRegistryArgs `pulumi:"mlRegistry,optional"`
	// Protect stateful resources (Key Vault, Log Analytics) from deletion. Use in production.
	Protect bool `pulumi:"protect,optional"`
	// Tags added to every resource.
	Tags map[string]string `pulumi:"tags,optional"`
}

// SharedServices is the Log Analytics workspace, Application Insights and Key Vault shared by
// the ML workspaces of one environment.
type SharedServices struct {
	pulumi.ResourceState

	// ARM id of the Key Vault.
	KeyVaultId pulumi.StringOutput `pulumi:"keyVaultId"`
	// Name of the Key Vault.
	KeyVaultName pulumi.StringOutput `pulumi:"keyVaultName"`
	// URI of the Key Vault, e.g. https://kv-mlops-dev-x7k2.vault.azure.net/.
	KeyVaultUri pulumi.StringOutput `pulumi:"keyVaultUri"`
	// ARM id of the Application Insights component.
	AppInsightsId pulumi.StringOutput `pulumi:"appInsightsId"`
	// Connection string of the Application Insights component (secret).
	AppInsightsConnectionString pulumi.StringOutput `pulumi:"appInsightsConnectionString"`
	// ARM id of the Log Analytics workspace every resource sends diagnostics to.
	LogAnalyticsWorkspaceId pulumi.StringOutput `pulumi:"logAnalyticsWorkspaceId"`
	// Workspace (customer) id of the Log Analytics workspace, used by agents and queries.
	LogAnalyticsCustomerId pulumi.StringOutput `pulumi:"logAnalyticsCustomerId"`
	// ARM id of the environment's VNet (empty without network).
	VirtualNetworkId pulumi.StringOutput `pulumi:"virtualNetworkId"`
	// Subnet for the workspaces' private endpoints (empty without network or privateEndpoints).
	PrivateEndpointSubnetId pulumi.StringOutput `pulumi:"privateEndpointSubnetId"`
	// Client subnet for VMs and build agents (empty unless network.clientSubnetPrefix is set).
	ClientSubnetId pulumi.StringOutput `pulumi:"clientSubnetId"`
	// Private DNS zone ids by zone name for the workspaces' endpoints.
	PrivateDnsZoneIds pulumi.StringMapOutput `pulumi:"privateDnsZoneIds"`
	// DNS mode the workspaces' endpoints use with this network: Existing or PolicyManaged.
	PrivateEndpointDnsMode pulumi.StringOutput `pulumi:"privateEndpointDnsMode"`
	// ARM id of the Azure Monitor Private Link Scope the monitoring resources are in (empty without one).
	MonitorPrivateLinkScopeId pulumi.StringOutput `pulumi:"monitorPrivateLinkScopeId"`
	// ARM id of the shared Azure ML registry (created here or given; empty without mlRegistry).
	MlRegistryId pulumi.StringOutput `pulumi:"mlRegistryId"`

	endpointArgs     *privatelink.Args
	mlRegistryAccess string
}

// WorkspacePrivateEndpoints returns the private-endpoint arguments for an MLOpsWorkspace that
// uses this environment's network and DNS zones (nil when SharedServices has no network and
// no privateEndpoints).
func (c *SharedServices) WorkspacePrivateEndpoints() *privatelink.Args {
	if c.endpointArgs == nil {
		return nil
	}
	cp := *c.endpointArgs
	return &cp
}

type sharedServicesPlan struct {
	args             SharedServicesArgs
	network          *networkPlan
	lawName, appName string
	kvName           string
	retention        int
	kvSku            string
	kvRetention      int
	monitor          *monitorScopePlan
	mlRegistry       *mlRegistryPlan
}

func (a *SharedServicesArgs) plan() (*sharedServicesPlan, error) {
	const f = "sharedServices"
	var errs []error
	add := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	add(requireInput(f+".resourceGroupName", a.ResourceGroupName))
	add(requireInput(f+".location", a.Location))
	add(checkLocation(f+".location", a.Location))
	p := &sharedServicesPlan{args: *a, retention: a.LogRetentionDays, kvSku: a.KeyVaultSku, kvRetention: a.KeyVaultSoftDeleteRetentionDays}
	if p.retention == 0 {
		p.retention = DefaultLogRetentionDays
	}
	if p.retention < minLogRetentionDays || p.retention > maxLogRetention {
		add(fmt.Errorf("%s.logRetentionDays: %d is outside %d-%d", f, p.retention, minLogRetentionDays, maxLogRetention))
	}
	if p.kvSku == "" {
		p.kvSku = DefaultKeyVaultSku
	}
	add(oneOf(f+".keyVaultSku", p.kvSku, "standard", "premium"))
	if p.kvRetention == 0 {
		p.kvRetention = DefaultKeyVaultSoftDeleteRetention
	}
	if p.kvRetention < 7 || p.kvRetention > 90 {
		add(fmt.Errorf("%s.keyVaultSoftDeleteRetentionDays: %d is outside 7-90", f, p.kvRetention))
	}
	add(checkARMID(f+".existingKeyVaultId", a.ExistingKeyVaultId, "Microsoft.KeyVault/vaults"))
	add(checkARMID(f+".existingAppInsightsId", a.ExistingAppInsightsId, "Microsoft.Insights/components"))
	add(checkARMID(f+".existingLogAnalyticsWorkspaceId", a.ExistingLogAnalyticsWorkspaceId, "Microsoft.OperationalInsights/workspaces"))
	add(checkTags(f+".tags", a.Tags))
	switch {
	case a.Network != nil && a.PrivateEndpoints != nil:
		add(fmt.Errorf("%s.network: set network (create the environment's network) or privateEndpoints (use an existing subnet), not both", f))
	case a.Network != nil:
		na := a.networkArgs()
		// The environment's DNS needs the zones of every endpoint SharedServices itself puts
		// in this network (the scope's, the registry's), whatever groups were asked for:
		// an endpoint whose zone is missing would resolve to the public address.
		groups := na.PrivateLinkGroups
		if len(groups) == 0 {
			groups = DefaultPrivateLinkGroups
		}
		groups = append([]string(nil), groups...)
		if a.MonitorPrivateLinkScope != nil && a.MonitorPrivateLinkScope.ExistingScopeId == nil && !slices.Contains(groups, privatelink.GroupAzureMonitor) {
			groups = append(groups, privatelink.GroupAzureMonitor)
		}
		if a.MlRegistry != nil && (a.MlRegistry.PrivateEndpoint == nil || *a.MlRegistry.PrivateEndpoint) && !slices.Contains(groups, privatelink.GroupMLRegistry) {
			groups = append(groups, privatelink.GroupMLRegistry)
		}
		na.PrivateLinkGroups = groups
		// Validation needs an id; the workspace created here is valid by construction.
		na.LogAnalyticsWorkspaceId = pulumi.String("placeholder")
		np, err := na.plan(f + ".network")
		add(err)
		p.network = np
	case a.PrivateEndpoints != nil:
		groups := []string{privatelink.GroupVault}
		if a.MonitorPrivateLinkScope != nil && a.MonitorPrivateLinkScope.ExistingScopeId == nil {
			groups = append(groups, privatelink.GroupAzureMonitor)
		}
		if a.MlRegistry != nil && (a.MlRegistry.PrivateEndpoint == nil || *a.MlRegistry.PrivateEndpoint) {
			groups = append(groups, privatelink.GroupMLRegistry)
		}
		add(a.PrivateEndpoints.Validate(f+".privateEndpoints", groups))
	}
	mp, err := planMonitorScope(f+".monitorPrivateLinkScope", a.MonitorPrivateLinkScope, a.Network != nil || a.PrivateEndpoints != nil, a.Workload, a.Environment)
	add(err)
	p.monitor = mp
	rp, err := planMLRegistry(f+".mlRegistry", a.MlRegistry, a.Network != nil || a.PrivateEndpoints != nil, a.Workload, a.Location)
	add(err)
	p.mlRegistry = rp

	seed := a.NamingSeed
	if seed == "" {
		seed, _ = knownString(a.ResourceGroupName)
	}
	n, err := naming.New(f+".workload", a.Workload, f+".environment", a.Environment, seed)
	if err != nil {
		add(err)
	} else {
		var e error
		p.lawName, e = n.Name(f+".workload", naming.LogAnalyticsWorkspace)
		add(e)
		p.appName, e = n.Name(f+".workload", naming.AppInsights)
		add(e)
		p.kvName, e = n.Name(f+".workload", naming.KeyVault)
		add(e)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return p, nil
}

// networkArgs returns the embedded network's arguments with inherited settings filled in.
func (a *SharedServicesArgs) networkArgs() PrivateNetworkArgs {
	na := *a.Network
	if na.ResourceGroupName == nil {
		na.ResourceGroupName = a.ResourceGroupName
	}
	if na.Location == nil {
		na.Location = a.Location
	}
	if na.Workload == "" {
		na.Workload = a.Workload
	}
	if na.Environment == "" {
		na.Environment = a.Environment
	}
	if na.Tags == nil {
		na.Tags = a.Tags
	}
	return na
}

// NewSharedServices validates args and creates the shared services. On invalid input it
// returns an error naming the field and registers nothing.
func NewSharedServices(ctx *pulumi.Context, name string, args *SharedServicesArgs, opts ...pulumi.ResourceOption) (*SharedServices, error) {
	return construct(ctx, SharedServicesToken, "sharedServices", name, args, (*SharedServicesArgs).plan, &SharedServices{},
		func(c *SharedServices, p *sharedServicesPlan) error { return c.build(ctx, name, p) }, opts)
}

func (c *SharedServices) build(ctx *pulumi.Context, name string, p *sharedServicesPlan) error {
	a := p.args
	tags := tagsFor(a.Tags, a.Workload, a.Environment, "shared-services")
	stateful := childOpts(c, pulumi.Protect(a.Protect))
	monitorAccess := "Enabled"
	if p.monitor != nil {
		monitorAccess = "Disabled"
	}

	// Log Analytics: the central sink of every diagnostic setting of the platform.
	if a.ExistingLogAnalyticsWorkspaceId != nil {
		c.LogAnalyticsWorkspaceId = a.ExistingLogAnalyticsWorkspaceId.ToStringOutput()
		rg, wsName := idParts(a.ExistingLogAnalyticsWorkspaceId)
		c.LogAnalyticsCustomerId = operationalinsights.LookupWorkspaceOutput(ctx, operationalinsights.LookupWorkspaceOutputArgs{
			ResourceGroupName: rg, WorkspaceName: wsName,
		}, pulumi.Parent(c)).CustomerId()
	} else {
		law, err := operationalinsights.NewWorkspace(ctx, name+"-law", &operationalinsights.WorkspaceArgs{
			WorkspaceName:     pulumi.String(p.lawName),
			ResourceGroupName: a.ResourceGroupName,
			Location:          a.Location,
			Sku:               &operationalinsights.WorkspaceSkuArgs{Name: pulumi.String(logAnalyticsSku)},
			RetentionInDays:   pulumi.Int(p.retention),
			Features: &operationalinsights.WorkspaceFeaturesArgs{
				// Entra ID only: no shared-key ingestion or query.
				DisableLocalAuth: pulumi.Bool(true),
				// Readers of a resource see that resource's logs, not the whole workspace.
				EnableLogAccessUsingOnlyResourcePermissions: pulumi.Bool(true),
			},
			// Private ingestion and query need an Azure Monitor Private Link Scope; without one,
			// "Disabled" would cut off the portal and agents. Diagnostic settings use the Azure
			// backbone either way. learn.microsoft.com/azure/azure-monitor/logs/private-link-configure#configure-access-to-your-resources
			PublicNetworkAccessForIngestion: pulumi.String(monitorAccess),
			PublicNetworkAccessForQuery:     pulumi.String(monitorAccess),
			Tags:                            tags,
		}, stateful...)
		if err != nil {
			return err
		}
		c.LogAnalyticsWorkspaceId = law.ID().ToStringOutput()
		c.LogAnalyticsCustomerId = law.CustomerId
	}

	// Application Insights, workspace-based: its data lives in the Log Analytics workspace.
	if a.ExistingAppInsightsId != nil {
		c.AppInsightsId = a.ExistingAppInsightsId.ToStringOutput()
		rg, compName := idParts(a.ExistingAppInsightsId)
		c.AppInsightsConnectionString = pulumi.ToSecret(insights.LookupComponentOutput(ctx, insights.LookupComponentOutputArgs{
			ResourceGroupName: rg, ResourceName: compName,
		}, pulumi.Parent(c)).ConnectionString()).(pulumi.StringOutput)
	} else {
		appi, err := insights.NewComponent(ctx, name+"-appi", &insights.ComponentArgs{
			ResourceName:        pulumi.String(p.appName),
			ResourceGroupName:   a.ResourceGroupName,
			Location:            a.Location,
			Kind:                pulumi.String("web"),
			ApplicationType:     pulumi.String("web"),
			IngestionMode:       pulumi.String("LogAnalytics"),
			WorkspaceResourceId: c.LogAnalyticsWorkspaceId,
			// Telemetry must be sent with Entra ID tokens; the instrumentation key alone is not enough.
			DisableLocalAuth:                pulumi.Bool(true),
			PublicNetworkAccessForIngestion: pulumi.String(monitorAccess),
			PublicNetworkAccessForQuery:     pulumi.String(monitorAccess),
			Tags:                            tags,
			// The connection string and instrumentation key are credentials of the component:
			// encrypted in state, never shown in plain text.
		}, childOpts(c, pulumi.AdditionalSecretOutputs([]string{"connectionString", "instrumentationKey"}))...)
		if err != nil {
			return err
		}
		c.AppInsightsId = appi.ID().ToStringOutput()
		c.AppInsightsConnectionString = pulumi.ToSecret(appi.ConnectionString).(pulumi.StringOutput)
	}

	// The environment's private network, diagnosed into the workspace above.
	c.VirtualNetworkId = pulumi.String("").ToStringOutput()
	c.PrivateEndpointSubnetId = pulumi.String("").ToStringOutput()
	c.ClientSubnetId = pulumi.String("").ToStringOutput()
	c.PrivateDnsZoneIds = pulumi.StringMap{}.ToStringMapOutput()
	c.PrivateEndpointDnsMode = pulumi.String("").ToStringOutput()
	if p.network != nil {
		p.network.args.LogAnalyticsWorkspaceId = c.LogAnalyticsWorkspaceId
		net, err := buildNetwork(ctx, c, name, p.network, tags)
		if err != nil {
			return err
		}
		c.VirtualNetworkId, c.PrivateEndpointSubnetId, c.ClientSubnetId = net.vnetID, net.peSubnetID, net.clientSubnetID
		c.PrivateDnsZoneIds = net.zoneIDs.ToStringMapOutput()
		c.PrivateEndpointDnsMode = pulumi.String(string(net.consumerMode)).ToStringOutput()
		c.endpointArgs = net.endpointArgs(p.network.args.Cloud)
	} else if pe := a.PrivateEndpoints; pe != nil {
		c.PrivateEndpointSubnetId = pe.SubnetId.ToStringOutput()
		if pe.PrivateDnsZoneIds != nil {
			c.PrivateDnsZoneIds = pe.PrivateDnsZoneIds.ToStringMapOutput()
		}
		c.PrivateEndpointDnsMode = pulumi.String(string(pe.Mode())).ToStringOutput()
		if pe.Mode() != privatelink.DNSCreate {
			// Workspaces can share the same subnet and zones; with Create each would make its
			// own zones, which cannot be linked twice to one VNet.
			c.endpointArgs = pe
		}
	}

	// Key Vault: RBAC only, purge-protected, reachable only through private endpoints.
	if a.ExistingKeyVaultId != nil {
		c.KeyVaultId = a.ExistingKeyVaultId.ToStringOutput()
		rg, vaultName := idParts(a.ExistingKeyVaultId)
		c.KeyVaultName = vaultName
		c.KeyVaultUri = keyvault.LookupVaultOutput(ctx, keyvault.LookupVaultOutputArgs{
			ResourceGroupName: rg, VaultName: vaultName,
		}, pulumi.Parent(c)).Properties().VaultUri()
	} else {
		kv, err := newKeyVault(ctx, c, name+"-kv", vaultSpec{name: p.kvName, sku: p.kvSku, softDeleteDays: p.kvRetention,
			resourceGroupName: a.ResourceGroupName, location: a.Location, tenantID: a.TenantId, tags: tags}, stateful...)
		if err != nil {
			return err
		}
		c.KeyVaultId = kv.ID().ToStringOutput()
		c.KeyVaultName = kv.Name
		c.KeyVaultUri = kv.Properties.VaultUri()
		if _, err := diagnostics.Enable(ctx, c, name+"-kv-diag", c.KeyVaultId, c.LogAnalyticsWorkspaceId, diagnostics.LogsAndMetrics); err != nil {
			return err
		}
		kvEndpoint := a.PrivateEndpoints
		if c.endpointArgs != nil && p.network != nil {
			kvEndpoint = c.endpointArgs
		}
		if kvEndpoint != nil {
			if _, err := privatelink.Deploy(ctx, c, name, kvEndpoint,
				privatelink.Common{ResourceGroupName: a.ResourceGroupName, Location: a.Location, Tags: tags},
				[]privatelink.Target{{Key: "kv", ID: c.KeyVaultId, PhysicalName: p.kvName, GroupIDs: []string{privatelink.GroupVault}}}); err != nil {
				return err
			}
		}
	}

	c.MonitorPrivateLinkScopeId = pulumi.String("").ToStringOutput()
	if p.monitor != nil {
		endpoints := a.PrivateEndpoints
		if p.network != nil {
			endpoints = c.endpointArgs
		}
		if err := c.buildMonitorScope(ctx, name, p, endpoints, tags); err != nil {
			return err
		}
	}

	c.MlRegistryId = pulumi.String("").ToStringOutput()
	if p.mlRegistry != nil {
		endpoints := a.PrivateEndpoints
		if p.network != nil {
			endpoints = c.endpointArgs
		}
		if err := c.buildMLRegistry(ctx, name, p, endpoints, tags); err != nil {
			return err
		}
	}

	return ctx.RegisterResourceOutputs(c, pulumi.Map{
		"mlRegistryId":                c.MlRegistryId,
		"monitorPrivateLinkScopeId":   c.MonitorPrivateLinkScopeId,
		"keyVaultId":                  c.KeyVaultId,
		"keyVaultName":                c.KeyVaultName,
		"keyVaultUri":                 c.KeyVaultUri,
		"appInsightsId":               c.AppInsightsId,
		"appInsightsConnectionString": c.AppInsightsConnectionString,
		"logAnalyticsWorkspaceId":     c.LogAnalyticsWorkspaceId,
		"logAnalyticsCustomerId":      c.LogAnalyticsCustomerId,
		"virtualNetworkId":            c.VirtualNetworkId,
		"privateEndpointSubnetId":     c.PrivateEndpointSubnetId,
		"clientSubnetId":              c.ClientSubnetId,
		"privateDnsZoneIds":           c.PrivateDnsZoneIds,
		"privateEndpointDnsMode":      c.PrivateEndpointDnsMode,
	})
}
