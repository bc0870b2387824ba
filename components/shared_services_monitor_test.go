package components

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/plan"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/privatelink"
)

const (
	amplsToken       = "azure-native:insights:PrivateLinkScope"
	scopedResToken   = "azure-native:insights:PrivateLinkScopedResource"
	lawToken         = "azure-native:operationalinsights:Workspace"
	appiToken        = "azure-native:insights:Component"
	privateZoneToken = "azure-native:network:PrivateZone"
)

func sharedWithNetwork() *SharedServicesArgs {
	a := sharedArgs()
	a.Network = &PrivateNetworkArgs{AddressSpace: "10.60.0.0/22", PrivateEndpointSubnetPrefix: "10.60.0.0/24"}
	return a
}

// Without a scope the monitoring endpoints stay public (the advisory rule reports it).
func TestMonitorScopeAbsentKeepsPublicAccess(t *testing.T) {
	rs, _ := runShared(t, sharedWithNetwork())
	assert.Equal(t, "Enabled", must(t, rs, lawToken, "shared-law").Input("publicNetworkAccessForIngestion"))
	assert.Empty(t, byType(rs, amplsToken))
	assert.Empty(t, byType(rs, scopedResToken))
}

func TestMonitorScopeCreated(t *testing.T) {
	args := sharedWithNetwork()
	args.MonitorPrivateLinkScope = &MonitorPrivateLinkScopeArgs{}
	rs, out := runShared(t, args)
	scope := must(t, rs, amplsToken, "shared-ampls")
	assert.Equal(t, "ampls-mlops-dev", scope.Input("scopeName"))
	assert.Equal(t, "global", scope.Input("location"))
	assert.Equal(t, "PrivateOnly", scope.Input("accessModeSettings.ingestionAccessMode"))
	assert.Equal(t, "PrivateOnly", scope.Input("accessModeSettings.queryAccessMode"))

	law := must(t, rs, lawToken, "shared-law")
	appi := must(t, rs, appiToken, "shared-appi")
	for _, r := range []plan.Resource{law, appi} {
		assert.Equal(t, "Disabled", r.Input("publicNetworkAccessForIngestion"), r.Name)
		assert.Equal(t, "Disabled", r.Input("publicNetworkAccessForQuery"), r.Name)
	}
	// Wiring by id: each scoped resource links its resource's id into the created scope.
	for _, c := range []struct {
		name, id string
		target   plan.Resource
	}{{"shared-ampls-law", out.lawID, law}, {"shared-ampls-appi", out.appiID, appi}} {
		sr := must(t, rs, scopedResToken, c.name)
		assert.Equal(t, c.id, sr.Input("linkedResourceId"), c.name)
		assert.Equal(t, []string{c.target.URN}, sr.PropertyDependencies["linkedResourceId"], c.name)
		assert.Equal(t, []string{scope.URN}, sr.PropertyDependencies["scopeName"], c.name)
		assert.Equal(t, "ampls-mlops-dev", sr.Input("scopeName"))
		assert.Equal(t, testRG, sr.Input("resourceGroupName"))
	}
	// The scope's private endpoint, group azuremonitor, with the five monitor zones.
	pe := must(t, rs, "azure-native:network:PrivateEndpoint", "shared-pe-ampls-azuremonitor")
	assert.Equal(t, scope.ID, pe.Input("privateLinkServiceConnections[0].privateLinkServiceId"))
	assert.Equal(t, []any{"azuremonitor"}, pe.Input("privateLinkServiceConnections[0].groupIds"))
	zones := map[string]bool{}
	for _, z := range byType(rs, privateZoneToken) {
		zones[z.Input("privateZoneName").(string)] = true
	}
	want, err := privatelink.ZonesFor(privatelink.AzureCloud, privatelink.GroupAzureMonitor)
	require.NoError(t, err)
	for _, z := range want {
		assert.True(t, zones[z], "zone %s", z)
	}
	zg := must(t, rs, "azure-native:network:PrivateDnsZoneGroup", "shared-pe-ampls-azuremonitor-dns")
	assert.Len(t, zg.Input("privateDnsZoneConfigs"), len(want))
}

func TestMonitorScopeOpenModes(t *testing.T) {
	args := sharedWithNetwork()
	args.MonitorPrivateLinkScope = &MonitorPrivateLinkScopeArgs{IngestionAccessMode: "Open", QueryAccessMode: "Open"}
	rs, _ := runShared(t, args)
	scope := must(t, rs, amplsToken, "shared-ampls")
	assert.Equal(t, "Open", scope.Input("accessModeSettings.ingestionAccessMode"))
	assert.Equal(t, "Open", scope.Input("accessModeSettings.queryAccessMode"))
}

// The hub's scope: only the scoped resources, in the hub's resource group; no scope, no
// endpoint, no monitor zones here.
func TestMonitorScopeExisting(t *testing.T) {
	hub := "/subscriptions/" + testSub + "/resourceGroups/rg-hub/providers/Microsoft.Insights/privateLinkScopes/ampls-hub"
	args := sharedWithNetwork()
	args.MonitorPrivateLinkScope = &MonitorPrivateLinkScopeArgs{ExistingScopeId: pulumi.String(hub)}
	rs, out := runShared(t, args)
	assert.Empty(t, byType(rs, amplsToken))
	sr := must(t, rs, scopedResToken, "shared-ampls-law")
	assert.Equal(t, "ampls-hub", sr.Input("scopeName"))
	assert.Equal(t, "rg-hub", sr.Input("resourceGroupName"))
	assert.Equal(t, out.lawID, sr.Input("linkedResourceId"))
	_, ok := plan.Find(rs, "azure-native:network:PrivateEndpoint", "shared-pe-ampls-azuremonitor")
	assert.False(t, ok)
	for _, z := range byType(rs, privateZoneToken) {
		assert.NotEqual(t, "privatelink.monitor.azure.com", z.Input("privateZoneName"))
	}
	assert.Equal(t, "Disabled", must(t, rs, lawToken, "shared-law").Input("publicNetworkAccessForQuery"))
}

func TestMonitorScopeBadInput(t *testing.T) {
	withScope := func(m MonitorPrivateLinkScopeArgs) func(a *SharedServicesArgs) {
		return func(a *SharedServicesArgs) {
			a.Network = &PrivateNetworkArgs{AddressSpace: "10.60.0.0/22", PrivateEndpointSubnetPrefix: "10.60.0.0/24"}
			a.MonitorPrivateLinkScope = &m
		}
	}
	assertBadInput(t, sharedArgs, func(ctx *pulumi.Context, a *SharedServicesArgs) error {
		_, err := NewSharedServices(ctx, "shared", a)
		return err
	}, []badCase[SharedServicesArgs]{
		{"malformed existing scope id", withScope(MonitorPrivateLinkScopeArgs{ExistingScopeId: pulumi.String("ampls-hub")}),
			`sharedServices.monitorPrivateLinkScope.existingScopeId: "ampls-hub" is not an Azure resource id`},
		{"existing id of another type", withScope(MonitorPrivateLinkScopeArgs{ExistingScopeId: pulumi.String(sharedLAW)}),
			"sharedServices.monitorPrivateLinkScope.existingScopeId"},
		{"unknown access mode", withScope(MonitorPrivateLinkScopeArgs{QueryAccessMode: "Private"}),
			`sharedServices.monitorPrivateLinkScope.queryAccessMode: unknown value "Private"`},
		{"access mode on an existing scope", withScope(MonitorPrivateLinkScopeArgs{
			ExistingScopeId: pulumi.String("/subscriptions/" + testSub + "/resourceGroups/rg-hub/providers/Microsoft.Insights/privateLinkScopes/a"), IngestionAccessMode: "Open"}),
			"sharedServices.monitorPrivateLinkScope.ingestionAccessMode: access modes belong to the existing scope's owner"},
		{"created scope without a network", func(a *SharedServicesArgs) { a.MonitorPrivateLinkScope = &MonitorPrivateLinkScopeArgs{} },
			"sharedServices.monitorPrivateLinkScope: a created scope needs a private endpoint"},
	})
}

func byType(rs []plan.Resource, typ string) []plan.Resource {
	var out []plan.Resource
	for _, r := range rs {
		if r.Type == typ {
			out = append(out, r)
		}
	}
	return out
}
