package privatelink

import "github.com/pulumi/pulumi-go-provider/infer"

// Values lists the DNS modes for the provider schema.
func (DNSMode) Values() []infer.EnumValue[DNSMode] {
	return []infer.EnumValue[DNSMode]{
		{Name: "Create", Value: DNSCreate, Description: "Create the private DNS zones and link them to the endpoints' VNet."},
		{Name: "Existing", Value: DNSExisting, Description: "Use existing private DNS zones (privateDnsZoneIds)."},
		{Name: "PolicyManaged", Value: DNSPolicyManaged, Description: "No DNS zone groups: Azure Policy writes the records."},
	}
}

// Values lists the Azure clouds for the provider schema.
func (Cloud) Values() []infer.EnumValue[Cloud] {
	return []infer.EnumValue[Cloud]{
		{Name: "AzureCloud", Value: AzureCloud, Description: "Azure public cloud."},
		{Name: "AzureUSGovernment", Value: AzureUSGovernment, Description: "Azure US Government."},
		{Name: "AzureChinaCloud", Value: AzureChinaCloud, Description: "Azure operated by 21Vianet (China)."},
	}
}
