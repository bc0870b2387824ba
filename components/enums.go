package components

import "github.com/pulumi/pulumi-go-provider/infer"

// Values lists the isolation modes for the provider schema.
func (IsolationMode) Values() []infer.EnumValue[IsolationMode] {
	return []infer.EnumValue[IsolationMode]{
		{Name: "Disabled", Value: IsolationDisabled, Description: "No managed network: compute needs your own subnet (computeSubnetId)."},
		{Name: "AllowInternetOutbound", Value: IsolationAllowInternetOutbound, Description: "Managed network; outbound internet allowed. For development."},
		{Name: "AllowOnlyApprovedOutbound", Value: IsolationAllowOnlyApprovedOutbound, Description: "Managed network; outbound only to approved destinations (outbound rules). The default."},
	}
}

// Values lists the outbound rule types for the provider schema.
func (OutboundRuleType) Values() []infer.EnumValue[OutboundRuleType] {
	return []infer.EnumValue[OutboundRuleType]{
		{Name: "FQDN", Value: OutboundFQDN, Description: "Allow one FQDN (brings the managed Azure Firewall, billed to you)."},
		{Name: "PrivateEndpoint", Value: OutboundPrivateEndpoint, Description: "A managed private endpoint to an Azure resource."},
		{Name: "ServiceTag", Value: OutboundServiceTag, Description: "Allow or deny an Azure service tag on protocols and ports."},
	}
}
