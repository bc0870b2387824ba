package components

import (
	"sort"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/azureml"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/plan"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/privatelink"
)

const (
	peSubnet = "/subscriptions/" + testSub + "/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets/snet-pe"
	hubVNet  = "/subscriptions/" + testSub + "/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub"
)

func zoneID(z string) string {
	return "/subscriptions/" + testSub + "/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/" + z
}

// endpointGroups returns "<target name>|<group>" for each private endpoint, sorted.
func endpointGroups(t *testing.T, rs []plan.Resource) []string {
	t.Helper()
	byID := map[string]string{}
	for _, r := range rs {
		if r.ID != "" {
			byID[r.ID] = r.Name
		}
	}
	var out []string
	for _, pe := range plan.Filter(rs, "azure-native:network:PrivateEndpoint") {
		target := pe.Input("privateLinkServiceConnections[0].privateLinkServiceId").(string)
		name, ok := byID[target]
		require.True(t, ok, "endpoint %s targets %s, which is not a resource of this program", pe.Name, target)
		groups := pe.Input("privateLinkServiceConnections[0].groupIds").([]any)
		require.Len(t, groups, 1)
		out = append(out, name+"|"+groups[0].(string))
	}
	sort.Strings(out)
	return out
}

func zoneGroupZones(rs []plan.Resource) map[string][]string {
	out := map[string][]string{}
	for _, zg := range plan.Filter(rs, "azure-native:network:PrivateDnsZoneGroup") {
		var ids []string
		for _, c := range zg.Input("privateDnsZoneConfigs").([]any) {
			ids = append(ids, c.(map[string]any)["privateDnsZoneId"].(string))
		}
		sort.Strings(ids)
		out[zg.Name] = ids
	}
	return out
}

func TestWorkspaceEndpointsPerDNSMode(t *testing.T) {
	wantEndpoints := []string{"fraud-cr|registry", "fraud-mlw|amlworkspace", "fraud-st|blob", "fraud-st|file"}
	allZones := []string{"privatelink.api.azureml.ms", "privatelink.azurecr.io", "privatelink.blob.core.windows.net",
		"privatelink.file.core.windows.net", "privatelink.notebooks.azure.net"}

	t.Run("Create", func(t *testing.T) {
		args := workspaceArgs()
		args.PrivateEndpoints = &privatelink.Args{SubnetId: pulumi.String(peSubnet), LinkVirtualNetworkIds: []pulumi.StringInput{pulumi.String(hubVNet)}}
		rs, _ := runWorkspace(t, args)
		assert.Equal(t, wantEndpoints, endpointGroups(t, rs))
		var zones []string
		zoneIDs := map[string]string{}
		for _, z := range plan.Filter(rs, "azure-native:network:PrivateZone") {
			zones = append(zones, z.Input("privateZoneName").(string))
			zoneIDs[z.Input("privateZoneName").(string)] = z.ID
			assert.Equal(t, "global", z.Input("location"))
		}
		sort.Strings(zones)
		assert.Equal(t, allZones, zones)
		// Each zone is linked to the spoke VNet (of the subnet) and the hub.
		links := map[string][]string{}
		for _, l := range plan.Filter(rs, "azure-native:network:VirtualNetworkLink") {
			links[l.Input("privateZoneName").(string)] = append(links[l.Input("privateZoneName").(string)], l.Input("virtualNetwork.id").(string))
			assert.Equal(t, false, l.Input("registrationEnabled"))
		}
		for _, z := range allZones {
			assert.ElementsMatch(t, []string{strings.TrimSuffix(peSubnet, "/subnets/snet-pe"), hubVNet}, links[z], z)
		}
		zg := zoneGroupZones(rs)
		assert.Equal(t, []string{zoneIDs["privatelink.api.azureml.ms"], zoneIDs["privatelink.notebooks.azure.net"]}, zg["fraud-pe-mlw-amlworkspace-dns"])
		assert.Equal(t, []string{zoneIDs["privatelink.blob.core.windows.net"]}, zg["fraud-pe-st-blob-dns"])
		assert.Equal(t, []string{zoneIDs["privatelink.azurecr.io"]}, zg["fraud-pe-cr-registry-dns"])
		for _, pe := range plan.Filter(rs, "azure-native:network:PrivateEndpoint") {
			assert.Equal(t, peSubnet, pe.Input("subnet.id"))
		}
	})

	t.Run("Existing", func(t *testing.T) {
		args := workspaceArgs()
		ids := pulumi.StringMap{}
		for _, z := range allZones {
			ids[z] = pulumi.String(zoneID(z))
		}
		args.PrivateEndpoints = &privatelink.Args{SubnetId: pulumi.String(peSubnet), DnsMode: privatelink.DNSExisting.Ptr(), PrivateDnsZoneIds: ids}
		rs, _ := runWorkspace(t, args)
		assert.Equal(t, wantEndpoints, endpointGroups(t, rs))
		assert.Empty(t, plan.Filter(rs, "azure-native:network:PrivateZone"), "existing zones are not created")
		assert.Empty(t, plan.Filter(rs, "azure-native:network:VirtualNetworkLink"))
		zg := zoneGroupZones(rs)
		assert.Len(t, zg, 4)
		assert.Equal(t, []string{zoneID("privatelink.api.azureml.ms"), zoneID("privatelink.notebooks.azure.net")}, zg["fraud-pe-mlw-amlworkspace-dns"])
		assert.Equal(t, []string{zoneID("privatelink.file.core.windows.net")}, zg["fraud-pe-st-file-dns"])
	})

	t.Run("PolicyManaged", func(t *testing.T) {
		args := workspaceArgs()
		args.PrivateEndpoints = &privatelink.Args{SubnetId: pulumi.String(peSubnet), DnsMode: privatelink.DNSPolicyManaged.Ptr()}
		rs, _ := runWorkspace(t, args)
		assert.Equal(t, wantEndpoints, endpointGroups(t, rs))
		assert.Empty(t, plan.Filter(rs, "azure-native:network:PrivateDnsZoneGroup"), "Azure Policy writes the records")
		assert.Empty(t, plan.Filter(rs, "azure-native:network:PrivateZone"))
		// Compute waits for every endpoint, so it does not start before the records exist.
		for _, c := range plan.Filter(rs, azureml.ComputeToken) {
			for _, pe := range plan.Filter(rs, "azure-native:network:PrivateEndpoint") {
				assert.Contains(t, c.Dependencies, pe.URN, "%s must wait for %s", c.Name, pe.Name)
			}
		}
	})

	t.Run("optional storage services", func(t *testing.T) {
		args := workspaceArgs()
		args.StorageQueueEndpoint, args.StorageTableEndpoint = true, true
		args.PrivateEndpoints = &privatelink.Args{SubnetId: pulumi.String(peSubnet), DnsMode: privatelink.DNSPolicyManaged.Ptr()}
		rs, _ := runWorkspace(t, args)
		assert.Equal(t, []string{"fraud-cr|registry", "fraud-mlw|amlworkspace", "fraud-st|blob", "fraud-st|file",
			"fraud-st|queue", "fraud-st|table"}, endpointGroups(t, rs))
		assert.Equal(t, false, must(t, rs, "", "fraud-st").Input("isHnsEnabled"), "Azure ML does not support HNS on the default storage")
	})

	t.Run("sovereign cloud zones", func(t *testing.T) {
		args := workspaceArgs()
		args.PrivateEndpoints = &privatelink.Args{SubnetId: pulumi.String(peSubnet), Cloud: privatelink.AzureUSGovernment.Ptr()}
		rs, _ := runWorkspace(t, args)
		var zones []string
		for _, z := range plan.Filter(rs, "azure-native:network:PrivateZone") {
			zones = append(zones, z.Input("privateZoneName").(string))
		}
		sort.Strings(zones)
		assert.Equal(t, []string{"privatelink.api.ml.azure.us", "privatelink.azurecr.us", "privatelink.blob.core.usgovcloudapi.net",
			"privatelink.file.core.usgovcloudapi.net", "privatelink.notebooks.usgovcloudapi.net"}, zones)
	})
}

func ruleSummary(rs []plan.Resource) []string {
	var out []string
	for _, r := range plan.Filter(rs, azureml.ManagedNetworkSettingsRuleToken) {
		dest := r.Input("properties.destination")
		if m, ok := dest.(map[string]any); ok {
			dest = m["serviceTag"]
			if dest == nil {
				dest = m["subresourceTarget"]
			}
		}
		out = append(out, r.Input("ruleName").(string)+"|"+r.Input("properties.type").(string)+"|"+dest.(string))
	}
	sort.Strings(out)
	return out
}

func TestOutboundRulesPerIsolationMode(t *testing.T) {
	dataLake := armID("Microsoft.Storage/storageAccounts", "stdatalake")
	userRules := []OutboundRuleArgs{
		{Name: "datalake", Type: OutboundPrivateEndpoint, ServiceResourceId: pulumi.String(dataLake), SubresourceTarget: "dfs", SparkEnabled: true},
	}
	t.Run("AllowOnlyApprovedOutbound adds the package defaults and a firewall", func(t *testing.T) {
		args := workspaceArgs()
		args.OutboundRules = append(userRules, OutboundRuleArgs{Name: "monitor", Type: OutboundServiceTag, ServiceTag: "AzureMonitor"})
		args.FirewallSku = "Basic"
		rs, _ := runWorkspace(t, args)
		assert.Equal(t, []string{"anaconda-com|FQDN|*.anaconda.com", "anaconda-org|FQDN|*.anaconda.org", "anaconda|FQDN|anaconda.com",
			"datalake|PrivateEndpoint|dfs", "monitor|ServiceTag|AzureMonitor",
			"pypi|FQDN|pypi.org", "pythonhosted|FQDN|*.pythonhosted.org", "pytorch-org|FQDN|*.pytorch.org", "pytorch|FQDN|pytorch.org",
			"tensorflow|FQDN|*.tensorflow.org"}, ruleSummary(rs))
		ws := must(t, rs, azureml.WorkspaceToken, "fraud-mlw")
		assert.Equal(t, "Basic", ws.Input("managedNetwork.firewallSku"))
		assert.Nil(t, ws.Input("managedNetwork.outboundRules"), "rules are separate resources, never inline")
		pe := must(t, rs, azureml.ManagedNetworkSettingsRuleToken, "fraud-rule-datalake")
		assert.Equal(t, dataLake, pe.Input("properties.destination.serviceResourceId"))
		assert.Equal(t, true, pe.Input("properties.destination.sparkEnabled"))
		tag := must(t, rs, azureml.ManagedNetworkSettingsRuleToken, "fraud-rule-monitor")
		assert.Equal(t, "TCP", tag.Input("properties.destination.protocol"))
		assert.Equal(t, "443", tag.Input("properties.destination.portRanges"))
		assert.Equal(t, "Allow", tag.Input("properties.destination.action"))
		assert.Equal(t, "AzureMonitor", tag.Input("properties.destination.serviceTag"))
		// Rules are created one after another (the workspace serializes network changes).
		rules := plan.Filter(rs, azureml.ManagedNetworkSettingsRuleToken)
		chained := 0
		for _, r := range rules {
			assert.Equal(t, ws.Input("workspaceName"), r.Input("workspaceName"))
			for _, o := range rules {
				if o.URN != r.URN && contains(r.Dependencies, o.URN) {
					chained++
				}
			}
		}
		assert.GreaterOrEqual(t, chained, len(rules)-1)
	})
	t.Run("a user rule replaces a default of the same name; defaults can be turned off", func(t *testing.T) {
		args := workspaceArgs()
		args.OutboundRules = []OutboundRuleArgs{{Name: "pypi", Type: OutboundFQDN, Destination: "pypi.internal.example.com"}}
		rs, _ := runWorkspace(t, args)
		assert.Contains(t, ruleSummary(rs), "pypi|FQDN|pypi.internal.example.com")
		assert.NotContains(t, ruleSummary(rs), "pypi|FQDN|pypi.org")
		args = workspaceArgs()
		args.DisableDefaultOutboundRules = true
		rs, _ = runWorkspace(t, args)
		assert.Empty(t, ruleSummary(rs))
		assert.Nil(t, must(t, rs, azureml.WorkspaceToken, "fraud-mlw").Input("managedNetwork.firewallSku"), "no FQDN rule, no firewall")
	})
	t.Run("AllowInternetOutbound: only private endpoint rules, no defaults", func(t *testing.T) {
		args := workspaceArgs()
		args.IsolationMode = IsolationAllowInternetOutbound.Ptr()
		args.OutboundRules = userRules
		rs, _ := runWorkspace(t, args)
		assert.Equal(t, []string{"datalake|PrivateEndpoint|dfs"}, ruleSummary(rs))
	})
	t.Run("Disabled: no rules", func(t *testing.T) {
		args := workspaceArgs()
		args.IsolationMode = IsolationDisabled.Ptr()
		args.ComputeSubnetId = pulumi.String(peSubnet)
		rs, _ := runWorkspace(t, args)
		assert.Empty(t, ruleSummary(rs))
	})
	t.Run("provision now and spark", func(t *testing.T) {
		args := workspaceArgs()
		args.ProvisionManagedNetwork, args.SparkReady = true, true
		rs, _ := runWorkspace(t, args)
		ws := must(t, rs, azureml.WorkspaceToken, "fraud-mlw")
		assert.Equal(t, true, ws.Input("provisionNetworkNow"))
		assert.Equal(t, true, ws.Input("managedNetwork.status.sparkReady"))
	})
}

func contains(s []string, v string) bool {
	for _, e := range s {
		if e == v {
			return true
		}
	}
	return false
}

func TestNetworkingBadInput(t *testing.T) {
	fqdn := OutboundRuleArgs{Name: "pypi2", Type: OutboundFQDN, Destination: "pypi.org"}
	cases := []badCase[MLOpsWorkspaceArgs]{
		{"FQDN rule with internet outbound", func(a *MLOpsWorkspaceArgs) {
			a.IsolationMode = IsolationAllowInternetOutbound.Ptr()
			a.OutboundRules = []OutboundRuleArgs{fqdn}
		}, "mlopsWorkspace.outboundRules[0].type: FQDN rules apply only with isolationMode AllowOnlyApprovedOutbound"},
		{"rules without managed network", func(a *MLOpsWorkspaceArgs) {
			a.IsolationMode = IsolationDisabled.Ptr()
			a.ComputeSubnetId = pulumi.String(peSubnet)
			a.OutboundRules = []OutboundRuleArgs{fqdn}
		}, "mlopsWorkspace.outboundRules: isolationMode is Disabled"},
		{"duplicate rule names", func(a *MLOpsWorkspaceArgs) { a.OutboundRules = []OutboundRuleArgs{fqdn, fqdn} }, `mlopsWorkspace.outboundRules[1].name: "pypi2" is already used by outboundRules[0]`},
		{"bad fqdn", func(a *MLOpsWorkspaceArgs) {
			a.OutboundRules = []OutboundRuleArgs{{Name: "bad", Type: OutboundFQDN, Destination: "https://pypi.org/simple"}}
		}, "mlopsWorkspace.outboundRules[0].destination"},
		{"unknown rule type", func(a *MLOpsWorkspaceArgs) { a.OutboundRules = []OutboundRuleArgs{{Name: "x12", Type: "Internet"}} }, `mlopsWorkspace.outboundRules[0].type: unknown value "Internet"`},
		{"private endpoint rule without target", func(a *MLOpsWorkspaceArgs) {
			a.OutboundRules = []OutboundRuleArgs{{Name: "lake", Type: OutboundPrivateEndpoint, SubresourceTarget: "dfs"}}
		}, "mlopsWorkspace.outboundRules[0].serviceResourceId: required"},
		{"bad port range", func(a *MLOpsWorkspaceArgs) {
			a.OutboundRules = []OutboundRuleArgs{{Name: "tag", Type: OutboundServiceTag, ServiceTag: "AzureMonitor", PortRanges: "443-80"}}
		}, "mlopsWorkspace.outboundRules[0].portRanges"},
		{"bad address prefix", func(a *MLOpsWorkspaceArgs) {
			a.OutboundRules = []OutboundRuleArgs{{Name: "tag", Type: OutboundServiceTag, ServiceTag: "AzureMonitor", AddressPrefixes: []string{"10.0.0.0/33"}}}
		}, "mlopsWorkspace.outboundRules[0].addressPrefixes[0]"},
		{"field of another rule type", func(a *MLOpsWorkspaceArgs) {
			a.OutboundRules = []OutboundRuleArgs{{Name: "mixed", Type: OutboundFQDN, Destination: "pypi.org", ServiceTag: "Storage"}}
		}, "mlopsWorkspace.outboundRules[0].serviceTag: does not apply to a FQDN rule"},
		{"firewall without approved outbound", func(a *MLOpsWorkspaceArgs) {
			a.IsolationMode = IsolationAllowInternetOutbound.Ptr()
			a.FirewallSku = "Standard"
		}, "mlopsWorkspace.firewallSku"},
		{"unknown firewall sku", func(a *MLOpsWorkspaceArgs) { a.FirewallSku = "Premium" }, `mlopsWorkspace.firewallSku: unknown value "Premium"`},
		{"provision without managed network", func(a *MLOpsWorkspaceArgs) {
			a.IsolationMode = IsolationDisabled.Ptr()
			a.ComputeSubnetId = pulumi.String(peSubnet)
			a.ProvisionManagedNetwork = true
		}, "mlopsWorkspace.provisionManagedNetwork"},
		{"dns mode without the ids it needs", func(a *MLOpsWorkspaceArgs) {
			a.PrivateEndpoints = &privatelink.Args{SubnetId: pulumi.String(peSubnet), DnsMode: privatelink.DNSExisting.Ptr()}
		}, "mlopsWorkspace.privateEndpoints.privateDnsZoneIds: required with dnsMode Existing"},
		{"endpoint subnet malformed", func(a *MLOpsWorkspaceArgs) {
			a.PrivateEndpoints = &privatelink.Args{SubnetId: pulumi.String("snet-pe")}
		}, "mlopsWorkspace.privateEndpoints.subnetId"},
	}
	assertBadInput(t, workspaceArgs, func(ctx *pulumi.Context, a *MLOpsWorkspaceArgs) error {
		_, err := NewMLOpsWorkspace(ctx, "fraud", a)
		return err
	}, cases)
}

func networkArgsForTest() *PrivateNetworkArgs {
	return &PrivateNetworkArgs{
		ResourceGroupName:           pulumi.String(testRG),
		Location:                    pulumi.String("westeurope"),
		Workload:                    "mlops",
		Environment:                 "dev",
		AddressSpace:                "10.60.0.0/22",
		PrivateEndpointSubnetPrefix: "10.60.0.0/24",
		ClientSubnetPrefix:          "10.60.1.0/24",
	}
}

func TestPrivateNetworkBadInput(t *testing.T) {
	cases := []badCase[PrivateNetworkArgs]{
		{"malformed CIDR", func(a *PrivateNetworkArgs) { a.AddressSpace = "10.60.0/22" }, `privateNetwork.addressSpace: "10.60.0/22" is not a CIDR prefix`},
		{"host bits set", func(a *PrivateNetworkArgs) { a.PrivateEndpointSubnetPrefix = "10.60.0.5/24" }, "privateNetwork.privateEndpointSubnetPrefix: \"10.60.0.5/24\" has host bits set; the network is 10.60.0.0/24"},
		{"subnet outside vnet", func(a *PrivateNetworkArgs) { a.ClientSubnetPrefix = "10.61.0.0/24" }, "privateNetwork.clientSubnetPrefix: 10.61.0.0/24 is not inside addressSpace 10.60.0.0/22"},
		{"subnet larger than vnet", func(a *PrivateNetworkArgs) { a.PrivateEndpointSubnetPrefix = "10.60.0.0/21" }, "is not inside addressSpace"},
		{"overlapping subnets", func(a *PrivateNetworkArgs) { a.ClientSubnetPrefix = "10.60.0.128/25" }, "privateNetwork.clientSubnetPrefix: 10.60.0.128/25 overlaps privateNetwork.privateEndpointSubnetPrefix"},
		{"subnet too small", func(a *PrivateNetworkArgs) { a.ClientSubnetPrefix = "10.60.1.0/30" }, "smaller than /29"},
		{"missing address space", func(a *PrivateNetworkArgs) { a.AddressSpace = "" }, "privateNetwork.addressSpace: required"},
		{"existing subnet and address space", func(a *PrivateNetworkArgs) {
			a.ExistingPrivateEndpointSubnetId = pulumi.String(peSubnet)
		}, "privateNetwork.existingPrivateEndpointSubnetId: an existing subnet is used"},
		{"existing dns without ids", func(a *PrivateNetworkArgs) { a.DnsMode = privatelink.DNSExisting.Ptr() }, "privateNetwork.privateDnsZoneIds: required with dnsMode Existing"},
		{"unknown dns mode", func(a *PrivateNetworkArgs) { a.DnsMode = privatelink.DNSMode("Magic").Ptr() }, `privateNetwork.dnsMode: unknown value "Magic"`},
		{"ipv6", func(a *PrivateNetworkArgs) { a.AddressSpace = "fd00::/48" }, "must be an IPv4 prefix"},
	}
	assertBadInput(t, networkArgsForTest, func(ctx *pulumi.Context, a *PrivateNetworkArgs) error {
		_, err := NewPrivateNetwork(ctx, "net", a)
		return err
	}, cases)
}

func TestSharedServicesNetworkFeedsWorkspaceEndpoints(t *testing.T) {
	rs := run(t, func(ctx *pulumi.Context) error {
		sa := sharedArgs()
		sa.Network = &PrivateNetworkArgs{AddressSpace: "10.60.0.0/22", PrivateEndpointSubnetPrefix: "10.60.0.0/24", ClientSubnetPrefix: "10.60.1.0/24",
			LinkVirtualNetworkIds: []pulumi.StringInput{pulumi.String(hubVNet)}}
		s, err := NewSharedServices(ctx, "shared", sa)
		if err != nil {
			return err
		}
		wa := workspaceArgs()
		wa.KeyVaultId, wa.AppInsightsId, wa.LogAnalyticsWorkspaceId = s.KeyVaultId, s.AppInsightsId, s.LogAnalyticsWorkspaceId
		wa.PrivateEndpoints = s.WorkspacePrivateEndpoints()
		_, err = NewMLOpsWorkspace(ctx, "fraud", wa)
		return err
	})
	vnet := must(t, rs, "azure-native:network:VirtualNetwork", "shared-vnet")
	snet := must(t, rs, "azure-native:network:Subnet", "shared-snet-pe")
	clients := must(t, rs, "azure-native:network:Subnet", "shared-snet-clients")
	nsg := must(t, rs, "azure-native:network:NetworkSecurityGroup", "shared-nsg-pe")
	law := must(t, rs, "azure-native:operationalinsights:Workspace", "shared-law")
	kv := must(t, rs, "azure-native:keyvault:Vault", "shared-kv")

	assert.Equal(t, []any{"10.60.0.0/22"}, vnet.Input("addressSpace.addressPrefixes"))
	assert.Equal(t, "10.60.0.0/24", snet.Input("addressPrefix"))
	assert.Equal(t, "Enabled", snet.Input("privateEndpointNetworkPolicies"), "the NSG applies to the endpoints")
	assert.Equal(t, nsg.ID, snet.Input("networkSecurityGroup.id"))
	assert.Contains(t, clients.Dependencies, snet.URN, "subnets of one VNet are created one at a time")
	assert.Equal(t, "allow-https-from-vnet", nsg.Input("securityRules[0].name"))
	assert.Equal(t, "443", nsg.Input("securityRules[0].destinationPortRange"))
	assert.Equal(t, "Deny", nsg.Input("securityRules[1].access"))

	// The network's diagnostics go to the shared Log Analytics workspace.
	diag := map[string]string{}
	for _, d := range plan.Filter(rs, "azure-native:insights:DiagnosticSetting") {
		diag[d.Input("resourceUri").(string)] = d.Input("workspaceId").(string)
	}
	for _, target := range []string{vnet.ID, nsg.ID, must(t, rs, "", "shared-nsg-clients").ID} {
		assert.Equal(t, law.ID, diag[target], "diagnostics of %s", target)
	}

	// One set of zones for the environment, linked to its VNet and the hub.
	zones := map[string]string{}
	for _, z := range plan.Filter(rs, "azure-native:network:PrivateZone") {
		zones[z.Input("privateZoneName").(string)] = z.ID
		assert.Equal(t, must(t, rs, SharedServicesToken, "shared").URN, z.Parent, "zones belong to SharedServices")
	}
	assert.Len(t, zones, 6)
	assert.Len(t, plan.Filter(rs, "azure-native:network:VirtualNetworkLink"), 12)

	// Endpoints: the vault from SharedServices, the rest from the workspace, all in the subnet.
	assert.Equal(t, []string{"fraud-cr|registry", "fraud-mlw|amlworkspace", "fraud-st|blob", "fraud-st|file", "shared-kv|vault"}, endpointGroups(t, rs))
	for _, pe := range plan.Filter(rs, "azure-native:network:PrivateEndpoint") {
		assert.Equal(t, snet.ID, pe.Input("subnet.id"), pe.Name)
	}
	zg := zoneGroupZones(rs)
	assert.Equal(t, []string{zones["privatelink.vaultcore.azure.net"]}, zg["shared-pe-kv-vault-dns"])
	assert.Equal(t, []string{zones["privatelink.blob.core.windows.net"]}, zg["fraud-pe-st-blob-dns"])
	blobZG := must(t, rs, "", "fraud-pe-st-blob-dns")
	assert.Contains(t, blobZG.Dependencies, must(t, rs, "", "shared-zone-privatelink.blob.core.windows.net").URN)
	assert.NotContains(t, blobZG.Dependencies, must(t, rs, "", "shared-zone-privatelink.azurecr.io").URN, "each zone group waits only for its own zones")
	assert.Equal(t, kv.ID, must(t, rs, "", "shared-pe-kv-vault").Input("privateLinkServiceConnections[0].privateLinkServiceId"))
}

func TestSharedServicesNetworkOrEndpointsNotBoth(t *testing.T) {
	sa := sharedArgs()
	sa.Network = &PrivateNetworkArgs{AddressSpace: "10.60.0.0/22", PrivateEndpointSubnetPrefix: "10.60.0.0/24"}
	sa.PrivateEndpoints = &privatelink.Args{SubnetId: pulumi.String(peSubnet)}
	rs, err := runErr(func(ctx *pulumi.Context) error {
		_, err := NewSharedServices(ctx, "shared", sa)
		return err
	})
	assert.ErrorContains(t, err, "sharedServices.network: set network")
	assert.Empty(t, rs)
}

func TestPrivateNetworkStandalone(t *testing.T) {
	var zoneIDs map[string]string
	var peSubnetID string
	rs := run(t, func(ctx *pulumi.Context) error {
		n, err := NewPrivateNetwork(ctx, "net", networkArgsForTest())
		if err != nil {
			return err
		}
		zoneIDs = await[map[string]string](n.PrivateDnsZoneIds)
		peSubnetID = await[string](n.PrivateEndpointSubnetId)
		return nil
	})
	assert.Len(t, zoneIDs, 6)
	assert.Equal(t, must(t, rs, "", "net-snet-pe").ID, peSubnetID)
	for _, r := range rs {
		if r.Type != PrivateNetworkToken {
			assert.Equal(t, must(t, rs, PrivateNetworkToken, "net").URN, r.Parent)
		}
	}
	assert.Empty(t, plan.Filter(rs, "azure-native:insights:DiagnosticSetting"), "no workspace given, no diagnostics")
}
