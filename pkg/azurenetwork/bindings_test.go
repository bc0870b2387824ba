package network_test

import (
	"sync"
	"testing"

	gen "github.com/pulumi/pulumi-azure-native-sdk/network/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/encoding/prototext"
	"google.golang.org/protobuf/proto"

	network "github.com/azure-mlops/pulumi-azure-mlops/pkg/azurenetwork"
)

type recorder struct {
	mu       sync.Mutex
	requests map[string]*pulumirpc.RegisterResourceRequest
}

func (r *recorder) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.requests[args.TypeToken+"::"+args.Name] = args.RegisterRPC
	outs := args.Inputs.Copy()
	outs["name"] = resource.NewStringProperty(args.Name + "-physical")
	return "/id/" + args.Name, outs, nil
}

func (r *recorder) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	return args.Args, nil
}

func record(t *testing.T, program pulumi.RunFunc) map[string]*pulumirpc.RegisterResourceRequest {
	t.Helper()
	r := &recorder{requests: map[string]*pulumirpc.RegisterResourceRequest{}}
	require.NoError(t, pulumi.RunErr(program, pulumi.WithMocks("p", "s", r)))
	return r.requests
}

var tags = pulumi.StringMap{"environment": pulumi.String("dev")}

// The generated SDK's way: the seven resources as the components create them.
func generated(ctx *pulumi.Context) error {
	vnet, err := gen.NewVirtualNetwork(ctx, "vnet", &gen.VirtualNetworkArgs{
		VirtualNetworkName: pulumi.String("vnet-x"), ResourceGroupName: pulumi.String("rg"), Location: pulumi.String("westeurope"),
		AddressSpace: &gen.AddressSpaceArgs{AddressPrefixes: pulumi.StringArray{pulumi.String("10.0.0.0/22")}}, Tags: tags,
	})
	if err != nil {
		return err
	}
	nsg, err := gen.NewNetworkSecurityGroup(ctx, "nsg", &gen.NetworkSecurityGroupArgs{
		NetworkSecurityGroupName: pulumi.String("nsg-x"), ResourceGroupName: pulumi.String("rg"), Location: pulumi.String("westeurope"),
		SecurityRules: gen.SecurityRuleTypeArray{gen.SecurityRuleTypeArgs{
			Name: pulumi.String("r"), Priority: pulumi.Int(100), Direction: pulumi.String("Inbound"), Access: pulumi.String("Allow"),
			Protocol: pulumi.String("Tcp"), SourceAddressPrefix: pulumi.String("VirtualNetwork"), SourcePortRange: pulumi.String("*"),
			DestinationAddressPrefix: pulumi.String("10.0.0.0/24"), DestinationPortRange: pulumi.String("443"), Description: pulumi.String("d"),
		}}, Tags: tags,
	})
	if err != nil {
		return err
	}
	for _, policies := range []pulumi.StringPtrInput{nil, pulumi.String("Enabled")} {
		name := "snet-default"
		if policies != nil {
			name = "snet-enabled"
		}
		if _, err := gen.NewSubnet(ctx, name, &gen.SubnetArgs{
			SubnetName: pulumi.String(name), VirtualNetworkName: vnet.Name, ResourceGroupName: pulumi.String("rg"),
			AddressPrefix: pulumi.String("10.0.0.0/24"), NetworkSecurityGroup: &gen.NetworkSecurityGroupTypeArgs{Id: nsg.ID()},
			PrivateEndpointNetworkPolicies: policies,
		}); err != nil {
			return err
		}
	}
	pe, err := gen.NewPrivateEndpoint(ctx, "pe", &gen.PrivateEndpointArgs{
		PrivateEndpointName: pulumi.String("pe-x"), ResourceGroupName: pulumi.String("rg"), Location: pulumi.String("westeurope"),
		Subnet: &gen.SubnetTypeArgs{Id: vnet.ID().ToStringOutput()}, CustomNetworkInterfaceName: pulumi.String("nic-x"),
		PrivateLinkServiceConnections: gen.PrivateLinkServiceConnectionArray{gen.PrivateLinkServiceConnectionArgs{
			Name: pulumi.String("c"), PrivateLinkServiceId: nsg.ID().ToStringOutput(), GroupIds: pulumi.StringArray{pulumi.String("blob")},
		}}, Tags: tags,
	})
	if err != nil {
		return err
	}
	zone, err := gen.NewPrivateZone(ctx, "zone", &gen.PrivateZoneArgs{
		PrivateZoneName: pulumi.String("privatelink.blob.core.windows.net"), ResourceGroupName: pulumi.String("rg"),
		Location: pulumi.String("global"), Tags: tags,
	})
	if err != nil {
		return err
	}
	if _, err := gen.NewPrivateDnsZoneGroup(ctx, "zg", &gen.PrivateDnsZoneGroupArgs{
		PrivateDnsZoneGroupName: pulumi.String("default"), PrivateEndpointName: pe.Name, ResourceGroupName: pulumi.String("rg"),
		PrivateDnsZoneConfigs: gen.PrivateDnsZoneConfigArray{gen.PrivateDnsZoneConfigArgs{
			Name: pulumi.String("z"), PrivateDnsZoneId: zone.ID().ToStringOutput(),
		}},
	}); err != nil {
		return err
	}
	_, err = gen.NewVirtualNetworkLink(ctx, "link", &gen.VirtualNetworkLinkArgs{
		VirtualNetworkLinkName: pulumi.String("link-0"), PrivateZoneName: zone.Name, ResourceGroupName: pulumi.String("rg"),
		Location: pulumi.String("global"), VirtualNetwork: &gen.SubResourceArgs{Id: vnet.ID().ToStringOutput()},
		RegistrationEnabled: pulumi.Bool(false), Tags: tags,
	})
	return err
}

// The same through the bindings.
func bindings(ctx *pulumi.Context) error {
	vnet, err := network.NewVirtualNetwork(ctx, "vnet", &network.VirtualNetworkArgs{
		VirtualNetworkName: pulumi.String("vnet-x"), ResourceGroupName: pulumi.String("rg"), Location: pulumi.String("westeurope"),
		AddressSpace: &network.AddressSpaceArgs{AddressPrefixes: pulumi.StringArray{pulumi.String("10.0.0.0/22")}}, Tags: tags,
	})
	if err != nil {
		return err
	}
	nsg, err := network.NewNetworkSecurityGroup(ctx, "nsg", &network.NetworkSecurityGroupArgs{
		NetworkSecurityGroupName: pulumi.String("nsg-x"), ResourceGroupName: pulumi.String("rg"), Location: pulumi.String("westeurope"),
		SecurityRules: network.SecurityRuleTypeArray{network.SecurityRuleTypeArgs{
			Name: pulumi.String("r"), Priority: pulumi.Int(100), Direction: pulumi.String("Inbound"), Access: pulumi.String("Allow"),
			Protocol: pulumi.String("Tcp"), SourceAddressPrefix: pulumi.String("VirtualNetwork"), SourcePortRange: pulumi.String("*"),
			DestinationAddressPrefix: pulumi.String("10.0.0.0/24"), DestinationPortRange: pulumi.String("443"), Description: pulumi.String("d"),
		}}, Tags: tags,
	})
	if err != nil {
		return err
	}
	for _, policies := range []pulumi.StringPtrInput{nil, pulumi.String("Enabled")} {
		name := "snet-default"
		if policies != nil {
			name = "snet-enabled"
		}
		if _, err := network.NewSubnet(ctx, name, &network.SubnetArgs{
			SubnetName: pulumi.String(name), VirtualNetworkName: vnet.Name, ResourceGroupName: pulumi.String("rg"),
			AddressPrefix: pulumi.String("10.0.0.0/24"), NetworkSecurityGroup: &network.NetworkSecurityGroupTypeArgs{Id: nsg.ID()},
			PrivateEndpointNetworkPolicies: policies,
		}); err != nil {
			return err
		}
	}
	pe, err := network.NewPrivateEndpoint(ctx, "pe", &network.PrivateEndpointArgs{
		PrivateEndpointName: pulumi.String("pe-x"), ResourceGroupName: pulumi.String("rg"), Location: pulumi.String("westeurope"),
		Subnet: &network.SubnetTypeArgs{Id: vnet.ID().ToStringOutput()}, CustomNetworkInterfaceName: pulumi.String("nic-x"),
		PrivateLinkServiceConnections: network.PrivateLinkServiceConnectionArray{network.PrivateLinkServiceConnectionArgs{
			Name: pulumi.String("c"), PrivateLinkServiceId: nsg.ID().ToStringOutput(), GroupIds: pulumi.StringArray{pulumi.String("blob")},
		}}, Tags: tags,
	})
	if err != nil {
		return err
	}
	zone, err := network.NewPrivateZone(ctx, "zone", &network.PrivateZoneArgs{
		PrivateZoneName: pulumi.String("privatelink.blob.core.windows.net"), ResourceGroupName: pulumi.String("rg"),
		Location: pulumi.String("global"), Tags: tags,
	})
	if err != nil {
		return err
	}
	if _, err := network.NewPrivateDnsZoneGroup(ctx, "zg", &network.PrivateDnsZoneGroupArgs{
		PrivateDnsZoneGroupName: pulumi.String("default"), PrivateEndpointName: pe.Name, ResourceGroupName: pulumi.String("rg"),
		PrivateDnsZoneConfigs: network.PrivateDnsZoneConfigArray{network.PrivateDnsZoneConfigArgs{
			Name: pulumi.String("z"), PrivateDnsZoneId: zone.ID().ToStringOutput(),
		}},
	}); err != nil {
		return err
	}
	_, err = network.NewVirtualNetworkLink(ctx, "link", &network.VirtualNetworkLinkArgs{
		VirtualNetworkLinkName: pulumi.String("link-0"), PrivateZoneName: zone.Name, ResourceGroupName: pulumi.String("rg"),
		Location: pulumi.String("global"), VirtualNetwork: &network.SubResourceArgs{Id: vnet.ID().ToStringOutput()},
		RegistrationEnabled: pulumi.Bool(false), Tags: tags,
	})
	return err
}

// The engine receives the same registration from the bindings as from the generated SDK:
// token, inputs (defaults included), property dependencies and provider version. The one
// difference is intended: the generated SDK registers type aliases, the bindings none (see the
// package comment).
func TestBindingsRegisterAsTheGeneratedSDK(t *testing.T) {
	want, got := record(t, generated), record(t, bindings)
	require.Len(t, want, 8)
	require.Len(t, got, len(want))
	for key, w := range want {
		g, ok := got[key]
		require.True(t, ok, key)
		require.NotNil(t, w)
		assert.NotEmpty(t, w.GetAliases(), "%s: the generated SDK registers aliases", key)
		assert.Empty(t, g.GetAliases(), "%s: the bindings register no type aliases", key)
		w.Aliases = nil
		assert.Equal(t, "2.92.3", g.GetVersion(), key)
		// Where in the source the call was made is all that may differ.
		w.SourcePosition, g.SourcePosition, w.StackTrace, g.StackTrace = nil, nil, nil, nil
		if !proto.Equal(w, g) {
			assert.Equal(t, prototext.Format(w), prototext.Format(g), key)
		}
	}
}

func TestRequiredArguments(t *testing.T) {
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		_, err := network.NewSubnet(ctx, "s", &network.SubnetArgs{ResourceGroupName: pulumi.String("rg")})
		return err
	}, pulumi.WithMocks("p", "s", &recorder{requests: map[string]*pulumirpc.RegisterResourceRequest{}}))
	assert.ErrorContains(t, err, "invalid value for required argument 'VirtualNetworkName'")
}
