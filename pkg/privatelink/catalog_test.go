package privatelink

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Expected values are Microsoft's published private DNS zone table.
func TestCatalogMatchesMicrosoftsTable(t *testing.T) {
	cases := []struct {
		cloud Cloud
		group string
		want  []string
	}{
		{AzureCloud, GroupWorkspace, []string{"privatelink.api.azureml.ms", "privatelink.notebooks.azure.net"}},
		{AzureCloud, GroupBlob, []string{"privatelink.blob.core.windows.net"}},
		{AzureCloud, GroupFile, []string{"privatelink.file.core.windows.net"}},
		{AzureCloud, GroupQueue, []string{"privatelink.queue.core.windows.net"}},
		{AzureCloud, GroupTable, []string{"privatelink.table.core.windows.net"}},
		{AzureCloud, GroupDfs, []string{"privatelink.dfs.core.windows.net"}},
		{AzureCloud, GroupVault, []string{"privatelink.vaultcore.azure.net"}},
		{AzureCloud, GroupRegistry, []string{"privatelink.azurecr.io"}},
		{AzureUSGovernment, GroupWorkspace, []string{"privatelink.api.ml.azure.us", "privatelink.notebooks.usgovcloudapi.net"}},
		{AzureUSGovernment, GroupBlob, []string{"privatelink.blob.core.usgovcloudapi.net"}},
		{AzureUSGovernment, GroupDfs, []string{"privatelink.dfs.core.usgovcloudapi.net"}},
		{AzureUSGovernment, GroupVault, []string{"privatelink.vaultcore.usgovcloudapi.net"}},
		{AzureUSGovernment, GroupRegistry, []string{"privatelink.azurecr.us"}},
		{AzureChinaCloud, GroupWorkspace, []string{"privatelink.api.ml.azure.cn", "privatelink.notebooks.chinacloudapi.cn"}},
		{AzureChinaCloud, GroupFile, []string{"privatelink.file.core.chinacloudapi.cn"}},
		{AzureChinaCloud, GroupVault, []string{"privatelink.vaultcore.azure.cn"}},
		{AzureChinaCloud, GroupRegistry, []string{"privatelink.azurecr.cn"}},
		{AzureCloud, GroupAzureMonitor, []string{"privatelink.monitor.azure.com", "privatelink.oms.opinsights.azure.com",
			"privatelink.ods.opinsights.azure.com", "privatelink.agentsvc.azure-automation.net", "privatelink.blob.core.windows.net"}},
		{AzureUSGovernment, GroupAzureMonitor, []string{"privatelink.monitor.azure.us",
			"privatelink.oms.opinsights.azure.us", "privatelink.ods.opinsights.azure.us", "privatelink.agentsvc.azure-automation.us",
			"privatelink.blob.core.usgovcloudapi.net"}},
		{AzureChinaCloud, GroupAzureMonitor, []string{"privatelink.monitor.azure.cn", "privatelink.oms.opinsights.azure.cn",
			"privatelink.ods.opinsights.azure.cn", "privatelink.agentsvc.azure-automation.cn", "privatelink.blob.core.chinacloudapi.cn"}},
	}
	for _, c := range cases {
		got, err := ZonesFor(c.cloud, c.group)
		require.NoError(t, err)
		assert.Equal(t, c.want, got, "%s %s", c.cloud, c.group)
	}
	// Every cloud covers every group.
	for cloud := range zones {
		for _, g := range []string{GroupWorkspace, GroupBlob, GroupFile, GroupQueue, GroupTable, GroupDfs, GroupVault, GroupRegistry, GroupAzureMonitor} {
			_, err := ZonesFor(cloud, g)
			assert.NoError(t, err, "%s %s", cloud, g)
		}
	}
	// One endpoint's DNS zone group holds at most 5 zones
	// (learn.microsoft.com/azure/private-link/private-endpoint-dns-integration).
	for cloud, byGroup := range zones {
		for g, z := range byGroup {
			assert.LessOrEqual(t, len(z), 5, "%s %s", cloud, g)
		}
	}
	_, err := ZonesFor("AzureGermanCloud", GroupBlob)
	assert.ErrorContains(t, err, `unknown Azure cloud "AzureGermanCloud"`)
	assert.Equal(t, []string{"blob", "file", "queue", "table", "dfs"}, GroupsFor("Microsoft.Storage/storageAccounts"))
	assert.Equal(t, []string{"amlworkspace"}, GroupsFor("microsoft.machinelearningservices/workspaces"))
}

func TestValidate(t *testing.T) {
	subnet := pulumi.String("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/pe")
	zone := func(z string) pulumi.String {
		return pulumi.String("/subscriptions/s/resourceGroups/dns/providers/Microsoft.Network/privateDnsZones/" + z)
	}
	cases := []struct {
		name string
		args Args
		want string
	}{
		{"missing subnet", Args{}, "pe.subnetId: required"},
		{"subnet is a vnet", Args{SubnetId: pulumi.String("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v")}, "pe.subnetId"},
		{"unknown mode", Args{SubnetId: subnet, DnsMode: DNSMode("Auto").Ptr()}, `pe.dnsMode: unknown value "Auto"`},
		{"unknown cloud", Args{SubnetId: subnet, Cloud: Cloud("Moon").Ptr()}, `pe.cloud: unknown value "Moon"`},
		{"existing without ids", Args{SubnetId: subnet, DnsMode: DNSExisting.Ptr()}, "pe.privateDnsZoneIds: required with dnsMode Existing"},
		{"existing missing a zone", Args{SubnetId: subnet, DnsMode: DNSExisting.Ptr(), PrivateDnsZoneIds: pulumi.StringMap{
			"privatelink.blob.core.windows.net": zone("privatelink.blob.core.windows.net")}}, `no id for zone "privatelink.file.core.windows.net"`},
		{"existing id of another zone", Args{SubnetId: subnet, DnsMode: DNSExisting.Ptr(), PrivateDnsZoneIds: pulumi.StringMap{
			"privatelink.blob.core.windows.net": zone("privatelink.file.core.windows.net"),
			"privatelink.file.core.windows.net": zone("privatelink.file.core.windows.net")}}, `the id names zone "privatelink.file.core.windows.net"`},
		{"create with ids", Args{SubnetId: subnet, PrivateDnsZoneIds: pulumi.StringMap{}}, "pe.privateDnsZoneIds: only used with dnsMode Existing"},
		{"create with a bad link", Args{SubnetId: subnet, LinkVirtualNetworkIds: []pulumi.StringInput{pulumi.String("hub")}}, "pe.linkVirtualNetworkIds[0]"},
		{"policy with ids", Args{SubnetId: subnet, DnsMode: DNSPolicyManaged.Ptr(), PrivateDnsZoneIds: pulumi.StringMap{}}, "pe.dnsMode: PolicyManaged leaves DNS to Azure Policy"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.args.Validate("pe", []string{GroupBlob, GroupFile})
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.want)
		})
	}
	ok := Args{SubnetId: subnet, DnsMode: DNSExisting.Ptr(), PrivateDnsZoneIds: pulumi.StringMap{
		"privatelink.blob.core.windows.net": zone("privatelink.blob.core.windows.net"),
		"privatelink.file.core.windows.net": zone("privatelink.file.core.windows.net")}}
	assert.NoError(t, ok.Validate("pe", []string{GroupBlob, GroupFile}))
}
