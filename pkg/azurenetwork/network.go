// Package network carries typed Go bindings for the seven azure-native network resources this
// package creates — VirtualNetwork, Subnet, NetworkSecurityGroup, PrivateEndpoint,
// PrivateDnsZoneGroup, PrivateZone, VirtualNetworkLink — with the API of the generated SDK
// (github.com/pulumi/pulumi-azure-native-sdk/network/v2), so the imports can be swapped back.
//
// Why: the generated network package holds every Azure network resource (368 files, 8.8 MB of
// Go) and was a third of the compile time of a cold build of the offline CLI, its longest single
// step. These bindings register the same tokens (azure-native:network:<Resource>), with the same
// provider version and the same input defaults as the generated New<Resource> functions, so the
// engine and the provider see the same inputs: bindings_test.go registers every resource through
// both packages under mocks and requires identical registrations.
//
// One deliberate difference: no type aliases. The generated SDK gives each resource an alias per
// API-version token it was ever published under (37 for PrivateEndpoint), so that state written
// by azure-native v1's versioned tokens keeps its URNs. This package has only ever registered the
// unversioned tokens, so those aliases can never match a resource of its state; yet the Pulumi Go
// SDK turns every alias into a URN output (goroutines, allocations) on every registration: they
// were 30 % of the CPU of planning a 200-project platform. See BenchmarkPlanScale.
package network

import (
	"reflect"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/azurelean"
)

// ProviderVersion is the azure-native version the generated SDK these bindings mirror pins.
const ProviderVersion = azurelean.ProviderVersion

// register registers a resource the way the generated SDK does (provider version first, then the
// caller's options), without its type aliases (see the package comment).
func register(ctx *pulumi.Context, token, name string, args pulumi.Input, res pulumi.CustomResource, opts []pulumi.ResourceOption) error {
	return azurelean.RegisterInto(ctx, token, name, args, res, opts...)
}

// ---------------------------------------------------------------------------------------------
// Nested input types (wire names as in the generated SDK's pulumiTypes*.go)
// ---------------------------------------------------------------------------------------------

// AddressSpace is the address space of a virtual network.
type AddressSpace struct {
	AddressPrefixes []string `pulumi:"addressPrefixes"`
}

// AddressSpaceArgs is the input form of AddressSpace.
type AddressSpaceArgs struct {
	AddressPrefixes pulumi.StringArrayInput `pulumi:"addressPrefixes"`
}

// ElementType implements pulumi.Input.
func (AddressSpaceArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*AddressSpace)(nil)).Elem()
}

// SecurityRuleType is one rule of a network security group.
type SecurityRuleType struct {
	Access                   string  `pulumi:"access"`
	Description              *string `pulumi:"description"`
	DestinationAddressPrefix *string `pulumi:"destinationAddressPrefix"`
	DestinationPortRange     *string `pulumi:"destinationPortRange"`
	Direction                string  `pulumi:"direction"`
	Name                     *string `pulumi:"name"`
	Priority                 int     `pulumi:"priority"`
	Protocol                 string  `pulumi:"protocol"`
	SourceAddressPrefix      *string `pulumi:"sourceAddressPrefix"`
	SourcePortRange          *string `pulumi:"sourcePortRange"`
}

// SecurityRuleTypeArgs is the input form of SecurityRuleType.
type SecurityRuleTypeArgs struct {
	// "Allow" or "Deny".
	Access                   pulumi.StringInput    `pulumi:"access"`
	Description              pulumi.StringPtrInput `pulumi:"description"`
	DestinationAddressPrefix pulumi.StringPtrInput `pulumi:"destinationAddressPrefix"`
	DestinationPortRange     pulumi.StringPtrInput `pulumi:"destinationPortRange"`
	// "Inbound" or "Outbound".
	Direction           pulumi.StringInput    `pulumi:"direction"`
	Name                pulumi.StringPtrInput `pulumi:"name"`
	Priority            pulumi.IntInput       `pulumi:"priority"`
	Protocol            pulumi.StringInput    `pulumi:"protocol"`
	SourceAddressPrefix pulumi.StringPtrInput `pulumi:"sourceAddressPrefix"`
	SourcePortRange     pulumi.StringPtrInput `pulumi:"sourcePortRange"`
}

// ElementType implements pulumi.Input.
func (SecurityRuleTypeArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*SecurityRuleType)(nil)).Elem()
}

// SecurityRuleTypeArray is a list of security rules.
type SecurityRuleTypeArray []SecurityRuleTypeArgs

// ElementType implements pulumi.Input.
func (SecurityRuleTypeArray) ElementType() reflect.Type {
	return reflect.TypeOf((*[]SecurityRuleType)(nil)).Elem()
}

// NetworkSecurityGroupType references a network security group (a subnet's).
type NetworkSecurityGroupType struct {
	Id *string `pulumi:"id"`
}

// NetworkSecurityGroupTypeArgs is the input form of NetworkSecurityGroupType.
type NetworkSecurityGroupTypeArgs struct {
	Id pulumi.StringPtrInput `pulumi:"id"`
}

// ElementType implements pulumi.Input.
func (NetworkSecurityGroupTypeArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*NetworkSecurityGroupType)(nil)).Elem()
}

// SubnetType references a subnet (a private endpoint's).
type SubnetType struct {
	Id                                *string `pulumi:"id"`
	PrivateEndpointNetworkPolicies    *string `pulumi:"privateEndpointNetworkPolicies"`
	PrivateLinkServiceNetworkPolicies *string `pulumi:"privateLinkServiceNetworkPolicies"`
}

// SubnetTypeArgs is the input form of SubnetType.
type SubnetTypeArgs struct {
	Id                                pulumi.StringPtrInput `pulumi:"id"`
	PrivateEndpointNetworkPolicies    pulumi.StringPtrInput `pulumi:"privateEndpointNetworkPolicies"`
	PrivateLinkServiceNetworkPolicies pulumi.StringPtrInput `pulumi:"privateLinkServiceNetworkPolicies"`
}

// ElementType implements pulumi.Input.
func (SubnetTypeArgs) ElementType() reflect.Type { return reflect.TypeOf((*SubnetType)(nil)).Elem() }

// defaults is the generated SubnetType.Defaults: the policies Azure assumes when unset.
func (a SubnetTypeArgs) defaults() *SubnetTypeArgs {
	if a.PrivateEndpointNetworkPolicies == nil {
		a.PrivateEndpointNetworkPolicies = pulumi.StringPtr("Disabled")
	}
	if a.PrivateLinkServiceNetworkPolicies == nil {
		a.PrivateLinkServiceNetworkPolicies = pulumi.StringPtr("Enabled")
	}
	return &a
}

// SubResource references another resource by id.
type SubResource struct {
	Id *string `pulumi:"id"`
}

// SubResourceArgs is the input form of SubResource.
type SubResourceArgs struct {
	Id pulumi.StringPtrInput `pulumi:"id"`
}

// ElementType implements pulumi.Input.
func (SubResourceArgs) ElementType() reflect.Type { return reflect.TypeOf((*SubResource)(nil)).Elem() }

// PrivateLinkServiceConnection is a private endpoint's connection to its target.
type PrivateLinkServiceConnection struct {
	GroupIds             []string `pulumi:"groupIds"`
	Name                 *string  `pulumi:"name"`
	PrivateLinkServiceId *string  `pulumi:"privateLinkServiceId"`
}

// PrivateLinkServiceConnectionArgs is the input form of PrivateLinkServiceConnection.
type PrivateLinkServiceConnectionArgs struct {
	GroupIds             pulumi.StringArrayInput `pulumi:"groupIds"`
	Name                 pulumi.StringPtrInput   `pulumi:"name"`
	PrivateLinkServiceId pulumi.StringPtrInput   `pulumi:"privateLinkServiceId"`
}

// ElementType implements pulumi.Input.
func (PrivateLinkServiceConnectionArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*PrivateLinkServiceConnection)(nil)).Elem()
}

// PrivateLinkServiceConnectionArray is a list of connections.
type PrivateLinkServiceConnectionArray []PrivateLinkServiceConnectionArgs

// ElementType implements pulumi.Input.
func (PrivateLinkServiceConnectionArray) ElementType() reflect.Type {
	return reflect.TypeOf((*[]PrivateLinkServiceConnection)(nil)).Elem()
}

// PrivateDnsZoneConfig is one zone of a private DNS zone group.
type PrivateDnsZoneConfig struct {
	Name             *string `pulumi:"name"`
	PrivateDnsZoneId *string `pulumi:"privateDnsZoneId"`
}

// PrivateDnsZoneConfigArgs is the input form of PrivateDnsZoneConfig.
type PrivateDnsZoneConfigArgs struct {
	Name             pulumi.StringPtrInput `pulumi:"name"`
	PrivateDnsZoneId pulumi.StringPtrInput `pulumi:"privateDnsZoneId"`
}

// ElementType implements pulumi.Input.
func (PrivateDnsZoneConfigArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*PrivateDnsZoneConfig)(nil)).Elem()
}

// PrivateDnsZoneConfigArray is a list of zone configs.
type PrivateDnsZoneConfigArray []PrivateDnsZoneConfigArgs

// ElementType implements pulumi.Input.
func (PrivateDnsZoneConfigArray) ElementType() reflect.Type {
	return reflect.TypeOf((*[]PrivateDnsZoneConfig)(nil)).Elem()
}

// ---------------------------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------------------------

// VirtualNetwork is azure-native:network:VirtualNetwork.
type VirtualNetwork struct {
	pulumi.CustomResourceState

	Name     pulumi.StringOutput    `pulumi:"name"`
	Location pulumi.StringPtrOutput `pulumi:"location"`
	Tags     pulumi.StringMapOutput `pulumi:"tags"`
}

type virtualNetworkArgs struct {
	AddressSpace         *AddressSpace     `pulumi:"addressSpace"`
	EnableDdosProtection *bool             `pulumi:"enableDdosProtection"`
	EnableVmProtection   *bool             `pulumi:"enableVmProtection"`
	Location             *string           `pulumi:"location"`
	ResourceGroupName    string            `pulumi:"resourceGroupName"`
	Tags                 map[string]string `pulumi:"tags"`
	VirtualNetworkName   *string           `pulumi:"virtualNetworkName"`
}

// VirtualNetworkArgs are the inputs of a VirtualNetwork.
type VirtualNetworkArgs struct {
	AddressSpace         *AddressSpaceArgs
	EnableDdosProtection pulumi.BoolPtrInput
	EnableVmProtection   pulumi.BoolPtrInput
	Location             pulumi.StringPtrInput
	ResourceGroupName    pulumi.StringInput
	Tags                 pulumi.StringMapInput
	VirtualNetworkName   pulumi.StringPtrInput
}

// ElementType implements pulumi.Input.
func (VirtualNetworkArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*virtualNetworkArgs)(nil)).Elem()
}

// NewVirtualNetwork registers a virtual network (defaults as the generated SDK: no DDoS or VM
// protection).
func NewVirtualNetwork(ctx *pulumi.Context, name string, args *VirtualNetworkArgs, opts ...pulumi.ResourceOption) (*VirtualNetwork, error) {
	if args == nil {
		return nil, azurelean.ErrMissingArgs
	}
	if err := azurelean.CheckRequired(azurelean.Arg("ResourceGroupName", args.ResourceGroupName)); err != nil {
		return nil, err
	}
	if args.EnableDdosProtection == nil {
		args.EnableDdosProtection = pulumi.BoolPtr(false)
	}
	if args.EnableVmProtection == nil {
		args.EnableVmProtection = pulumi.BoolPtr(false)
	}
	var res VirtualNetwork
	if err := register(ctx, "azure-native:network:VirtualNetwork", name, args, &res, opts); err != nil {
		return nil, err
	}
	return &res, nil
}

// NetworkSecurityGroup is azure-native:network:NetworkSecurityGroup.
type NetworkSecurityGroup struct {
	pulumi.CustomResourceState

	Name pulumi.StringOutput    `pulumi:"name"`
	Tags pulumi.StringMapOutput `pulumi:"tags"`
}

type networkSecurityGroupArgs struct {
	Location                 *string            `pulumi:"location"`
	NetworkSecurityGroupName *string            `pulumi:"networkSecurityGroupName"`
	ResourceGroupName        string             `pulumi:"resourceGroupName"`
	SecurityRules            []SecurityRuleType `pulumi:"securityRules"`
	Tags                     map[string]string  `pulumi:"tags"`
}

// NetworkSecurityGroupArgs are the inputs of a NetworkSecurityGroup.
type NetworkSecurityGroupArgs struct {
	Location                 pulumi.StringPtrInput
	NetworkSecurityGroupName pulumi.StringPtrInput
	ResourceGroupName        pulumi.StringInput
	SecurityRules            SecurityRuleTypeArray
	Tags                     pulumi.StringMapInput
}

// ElementType implements pulumi.Input.
func (NetworkSecurityGroupArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*networkSecurityGroupArgs)(nil)).Elem()
}

// NewNetworkSecurityGroup registers a network security group.
func NewNetworkSecurityGroup(ctx *pulumi.Context, name string, args *NetworkSecurityGroupArgs, opts ...pulumi.ResourceOption) (*NetworkSecurityGroup, error) {
	if args == nil {
		return nil, azurelean.ErrMissingArgs
	}
	if err := azurelean.CheckRequired(azurelean.Arg("ResourceGroupName", args.ResourceGroupName)); err != nil {
		return nil, err
	}
	var res NetworkSecurityGroup
	if err := register(ctx, "azure-native:network:NetworkSecurityGroup", name, args, &res, opts); err != nil {
		return nil, err
	}
	return &res, nil
}

// Subnet is azure-native:network:Subnet.
type Subnet struct {
	pulumi.CustomResourceState

	Name          pulumi.StringPtrOutput `pulumi:"name"`
	AddressPrefix pulumi.StringPtrOutput `pulumi:"addressPrefix"`
}

type subnetArgs struct {
	AddressPrefix                     *string                   `pulumi:"addressPrefix"`
	NetworkSecurityGroup              *NetworkSecurityGroupType `pulumi:"networkSecurityGroup"`
	PrivateEndpointNetworkPolicies    *string                   `pulumi:"privateEndpointNetworkPolicies"`
	PrivateLinkServiceNetworkPolicies *string                   `pulumi:"privateLinkServiceNetworkPolicies"`
	ResourceGroupName                 string                    `pulumi:"resourceGroupName"`
	SubnetName                        *string                   `pulumi:"subnetName"`
	VirtualNetworkName                string                    `pulumi:"virtualNetworkName"`
}

// SubnetArgs are the inputs of a Subnet.
type SubnetArgs struct {
	AddressPrefix        pulumi.StringPtrInput
	NetworkSecurityGroup *NetworkSecurityGroupTypeArgs
	// "Enabled" applies NSGs and route tables to the subnet's private endpoints.
	PrivateEndpointNetworkPolicies    pulumi.StringPtrInput
	PrivateLinkServiceNetworkPolicies pulumi.StringPtrInput
	ResourceGroupName                 pulumi.StringInput
	SubnetName                        pulumi.StringPtrInput
	VirtualNetworkName                pulumi.StringInput
}

// ElementType implements pulumi.Input.
func (SubnetArgs) ElementType() reflect.Type { return reflect.TypeOf((*subnetArgs)(nil)).Elem() }

// NewSubnet registers a subnet (defaults as the generated SDK: endpoint network policies
// Disabled, private link service network policies Enabled).
func NewSubnet(ctx *pulumi.Context, name string, args *SubnetArgs, opts ...pulumi.ResourceOption) (*Subnet, error) {
	if args == nil {
		return nil, azurelean.ErrMissingArgs
	}
	if err := azurelean.CheckRequired(azurelean.Arg("ResourceGroupName", args.ResourceGroupName), azurelean.Arg("VirtualNetworkName", args.VirtualNetworkName)); err != nil {
		return nil, err
	}
	if args.PrivateEndpointNetworkPolicies == nil {
		args.PrivateEndpointNetworkPolicies = pulumi.StringPtr("Disabled")
	}
	if args.PrivateLinkServiceNetworkPolicies == nil {
		args.PrivateLinkServiceNetworkPolicies = pulumi.StringPtr("Enabled")
	}
	var res Subnet
	if err := register(ctx, "azure-native:network:Subnet", name, args, &res, opts); err != nil {
		return nil, err
	}
	return &res, nil
}

// PrivateEndpoint is azure-native:network:PrivateEndpoint.
type PrivateEndpoint struct {
	pulumi.CustomResourceState

	Name pulumi.StringOutput    `pulumi:"name"`
	Tags pulumi.StringMapOutput `pulumi:"tags"`
}

type privateEndpointArgs struct {
	CustomNetworkInterfaceName    *string                        `pulumi:"customNetworkInterfaceName"`
	Location                      *string                        `pulumi:"location"`
	PrivateEndpointName           *string                        `pulumi:"privateEndpointName"`
	PrivateLinkServiceConnections []PrivateLinkServiceConnection `pulumi:"privateLinkServiceConnections"`
	ResourceGroupName             string                         `pulumi:"resourceGroupName"`
	Subnet                        *SubnetType                    `pulumi:"subnet"`
	Tags                          map[string]string              `pulumi:"tags"`
}

// PrivateEndpointArgs are the inputs of a PrivateEndpoint.
type PrivateEndpointArgs struct {
	CustomNetworkInterfaceName    pulumi.StringPtrInput
	Location                      pulumi.StringPtrInput
	PrivateEndpointName           pulumi.StringPtrInput
	PrivateLinkServiceConnections PrivateLinkServiceConnectionArray
	ResourceGroupName             pulumi.StringInput
	Subnet                        *SubnetTypeArgs
	Tags                          pulumi.StringMapInput
}

// ElementType implements pulumi.Input.
func (PrivateEndpointArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*privateEndpointArgs)(nil)).Elem()
}

// NewPrivateEndpoint registers a private endpoint (the subnet reference gets the generated
// SDK's defaults).
func NewPrivateEndpoint(ctx *pulumi.Context, name string, args *PrivateEndpointArgs, opts ...pulumi.ResourceOption) (*PrivateEndpoint, error) {
	if args == nil {
		return nil, azurelean.ErrMissingArgs
	}
	if err := azurelean.CheckRequired(azurelean.Arg("ResourceGroupName", args.ResourceGroupName)); err != nil {
		return nil, err
	}
	if args.Subnet != nil {
		args.Subnet = args.Subnet.defaults()
	}
	var res PrivateEndpoint
	if err := register(ctx, "azure-native:network:PrivateEndpoint", name, args, &res, opts); err != nil {
		return nil, err
	}
	return &res, nil
}

// PrivateDnsZoneGroup is azure-native:network:PrivateDnsZoneGroup.
type PrivateDnsZoneGroup struct {
	pulumi.CustomResourceState

	Name pulumi.StringPtrOutput `pulumi:"name"`
}

type privateDnsZoneGroupArgs struct {
	PrivateDnsZoneConfigs   []PrivateDnsZoneConfig `pulumi:"privateDnsZoneConfigs"`
	PrivateDnsZoneGroupName *string                `pulumi:"privateDnsZoneGroupName"`
	PrivateEndpointName     string                 `pulumi:"privateEndpointName"`
	ResourceGroupName       string                 `pulumi:"resourceGroupName"`
}

// PrivateDnsZoneGroupArgs are the inputs of a PrivateDnsZoneGroup.
type PrivateDnsZoneGroupArgs struct {
	PrivateDnsZoneConfigs   PrivateDnsZoneConfigArray
	PrivateDnsZoneGroupName pulumi.StringPtrInput
	PrivateEndpointName     pulumi.StringInput
	ResourceGroupName       pulumi.StringInput
}

// ElementType implements pulumi.Input.
func (PrivateDnsZoneGroupArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*privateDnsZoneGroupArgs)(nil)).Elem()
}

// NewPrivateDnsZoneGroup registers a private endpoint's DNS zone group.
func NewPrivateDnsZoneGroup(ctx *pulumi.Context, name string, args *PrivateDnsZoneGroupArgs, opts ...pulumi.ResourceOption) (*PrivateDnsZoneGroup, error) {
	if args == nil {
		return nil, azurelean.ErrMissingArgs
	}
	if err := azurelean.CheckRequired(azurelean.Arg("PrivateEndpointName", args.PrivateEndpointName), azurelean.Arg("ResourceGroupName", args.ResourceGroupName)); err != nil {
		return nil, err
	}
	var res PrivateDnsZoneGroup
	if err := register(ctx, "azure-native:network:PrivateDnsZoneGroup", name, args, &res, opts); err != nil {
		return nil, err
	}
	return &res, nil
}

// PrivateZone is azure-native:network:PrivateZone (a private DNS zone).
type PrivateZone struct {
	pulumi.CustomResourceState

	Name pulumi.StringOutput    `pulumi:"name"`
	Tags pulumi.StringMapOutput `pulumi:"tags"`
}

type privateZoneArgs struct {
	Location          *string           `pulumi:"location"`
	PrivateZoneName   *string           `pulumi:"privateZoneName"`
	ResourceGroupName string            `pulumi:"resourceGroupName"`
	Tags              map[string]string `pulumi:"tags"`
}

// PrivateZoneArgs are the inputs of a PrivateZone.
type PrivateZoneArgs struct {
	Location          pulumi.StringPtrInput
	PrivateZoneName   pulumi.StringPtrInput
	ResourceGroupName pulumi.StringInput
	Tags              pulumi.StringMapInput
}

// ElementType implements pulumi.Input.
func (PrivateZoneArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*privateZoneArgs)(nil)).Elem()
}

// NewPrivateZone registers a private DNS zone.
func NewPrivateZone(ctx *pulumi.Context, name string, args *PrivateZoneArgs, opts ...pulumi.ResourceOption) (*PrivateZone, error) {
	if args == nil {
		return nil, azurelean.ErrMissingArgs
	}
	if err := azurelean.CheckRequired(azurelean.Arg("ResourceGroupName", args.ResourceGroupName)); err != nil {
		return nil, err
	}
	var res PrivateZone
	if err := register(ctx, "azure-native:network:PrivateZone", name, args, &res, opts); err != nil {
		return nil, err
	}
	return &res, nil
}

// VirtualNetworkLink is azure-native:network:VirtualNetworkLink (a private DNS zone's link).
type VirtualNetworkLink struct {
	pulumi.CustomResourceState

	Name pulumi.StringOutput    `pulumi:"name"`
	Tags pulumi.StringMapOutput `pulumi:"tags"`
}

type virtualNetworkLinkArgs struct {
	Location               *string           `pulumi:"location"`
	PrivateZoneName        string            `pulumi:"privateZoneName"`
	RegistrationEnabled    *bool             `pulumi:"registrationEnabled"`
	ResourceGroupName      string            `pulumi:"resourceGroupName"`
	Tags                   map[string]string `pulumi:"tags"`
	VirtualNetwork         *SubResource      `pulumi:"virtualNetwork"`
	VirtualNetworkLinkName *string           `pulumi:"virtualNetworkLinkName"`
}

// VirtualNetworkLinkArgs are the inputs of a VirtualNetworkLink.
type VirtualNetworkLinkArgs struct {
	Location               pulumi.StringPtrInput
	PrivateZoneName        pulumi.StringInput
	RegistrationEnabled    pulumi.BoolPtrInput
	ResourceGroupName      pulumi.StringInput
	Tags                   pulumi.StringMapInput
	VirtualNetwork         *SubResourceArgs
	VirtualNetworkLinkName pulumi.StringPtrInput
}

// ElementType implements pulumi.Input.
func (VirtualNetworkLinkArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*virtualNetworkLinkArgs)(nil)).Elem()
}

// NewVirtualNetworkLink links a private DNS zone to a virtual network.
func NewVirtualNetworkLink(ctx *pulumi.Context, name string, args *VirtualNetworkLinkArgs, opts ...pulumi.ResourceOption) (*VirtualNetworkLink, error) {
	if args == nil {
		return nil, azurelean.ErrMissingArgs
	}
	if err := azurelean.CheckRequired(azurelean.Arg("PrivateZoneName", args.PrivateZoneName), azurelean.Arg("ResourceGroupName", args.ResourceGroupName)); err != nil {
		return nil, err
	}
	var res VirtualNetworkLink
	if err := register(ctx, "azure-native:network:VirtualNetworkLink", name, args, &res, opts); err != nil {
		return nil, err
	}
	return &res, nil
}
