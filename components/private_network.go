package components

import (
	"errors"
	"fmt"
	"net/netip"

	network "github.com/azure-mlops/pulumi-azure-mlops/pkg/azurenetwork"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/diagnostics"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/naming"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/privatelink"
)

// PrivateNetworkToken is the component's type token.
const PrivateNetworkToken = "azure-mlops:index:PrivateNetwork"

// DefaultPrivateLinkGroups are the private link groups the platform's resources use: the
// workspace, blob and file storage, Key Vault and the registry.
var DefaultPrivateLinkGroups = []string{privatelink.GroupWorkspace, privatelink.GroupBlob, privatelink.GroupFile,
	privatelink.GroupVault, privatelink.GroupRegistry}

// PrivateNetworkArgs describe the network private endpoints live in: a VNet created here
// (address space, endpoint subnet, optional client subnet, NSGs) or an existing subnet, and
// the private DNS zones for the endpoints.
type PrivateNetworkArgs struct {
	// Resource group (inherited from SharedServices when embedded there).
	ResourceGroupName pulumi.StringInput `pulumi:"resourceGroupName,optional"`
	// Azure region (inherited from SharedServices when embedded there).
	Location pulumi.StringInput `pulumi:"location,optional"`
	// Workload name used in resource names (inherited when embedded).
	Workload string `pulumi:"workload,optional"`
	// Environment name used in resource names (inherited when embedded).
	Environment string `pulumi:"environment,optional"`
	// Address space of a new VNet, e.g. "10.60.0.0/22".
	AddressSpace string `pulumi:"addressSpace,optional"`
	// Prefix of the private-endpoint subnet, inside AddressSpace, e.g. "10.60.0.0/24".
	PrivateEndpointSubnetPrefix string `pulumi:"privateEndpointSubnetPrefix,optional"`
	// Prefix of an optional subnet for clients (data scientists' VMs, build agents).
	ClientSubnetPrefix string `pulumi:"clientSubnetPrefix,optional"`
	// Use this existing subnet for private endpoints instead of creating a VNet.
	ExistingPrivateEndpointSubnetId pulumi.StringInput `pulumi:"existingPrivateEndpointSubnetId,optional"`
	// Who manages the endpoints' DNS: Create (default: the zones are created here and linked to
	// the VNet), Existing (zone ids given) or PolicyManaged (Azure Policy writes the records).
	DnsMode *privatelink.DNSMode `pulumi:"dnsMode,optional"`
	// DNS mode Existing: zone ids by zone name.
	PrivateDnsZoneIds pulumi.StringMapInput `pulumi:"privateDnsZoneIds,optional"`
	// DNS mode Create: further VNets (e.g. a hub) to link the zones to.
	LinkVirtualNetworkIds []pulumi.StringInput `pulumi:"linkVirtualNetworkIds,optional"`
	// Azure cloud whose zone names apply. Default AzureCloud.
	Cloud *privatelink.Cloud `pulumi:"cloud,optional"`
	// Private link groups to create zones for. Default: amlworkspace, blob, file, vault, registry.
	PrivateLinkGroups []string `pulumi:"privateLinkGroups,optional"`
	// Log Analytics workspace for the VNet's and NSGs' diagnostics (set when embedded in
	// SharedServices).
	LogAnalyticsWorkspaceId pulumi.StringInput `pulumi:"logAnalyticsWorkspaceId,optional"`
	// Tags added to every resource.
	Tags map[string]string `pulumi:"tags,optional"`
}

// PrivateNetwork is the network the platform's private endpoints live in, with its DNS.
type PrivateNetwork struct {
	pulumi.ResourceState

	// ARM id of the VNet (empty when an existing subnet is used).
	VirtualNetworkId pulumi.StringOutput `pulumi:"virtualNetworkId"`
	// ARM id of the private-endpoint subnet.
	PrivateEndpointSubnetId pulumi.StringOutput `pulumi:"privateEndpointSubnetId"`
	// ARM id of the client subnet (empty unless clientSubnetPrefix is set).
	ClientSubnetId pulumi.StringOutput `pulumi:"clientSubnetId"`
	// Private DNS zone ids by zone name (empty with DNS mode PolicyManaged).
	PrivateDnsZoneIds pulumi.StringMapOutput `pulumi:"privateDnsZoneIds"`
	// The DNS mode the endpoints of consumers should use: Existing, or PolicyManaged.
	ConsumerDnsMode pulumi.StringOutput `pulumi:"consumerDnsMode"`
}

type networkPlan struct {
	args     PrivateNetworkArgs
	create   bool
	vnetName string
	groups   []string
	zones    []string
}

// problems collects validation errors.
type problems []error

func (p *problems) add(err error) {
	if err != nil {
		*p = append(*p, err)
	}
}

func (p problems) err() error { return errors.Join(p...) }

func parsePrefix(field, v string) (netip.Prefix, error) {
	pfx, err := netip.ParsePrefix(v)
	if err != nil {
		return netip.Prefix{}, fmt.Errorf("%s: %q is not a CIDR prefix (e.g. 10.60.0.0/24)", field, v)
	}
	if pfx.Masked() != pfx {
		return netip.Prefix{}, fmt.Errorf("%s: %q has host bits set; the network is %s", field, v, pfx.Masked())
	}
	if !pfx.Addr().Is4() {
		return netip.Prefix{}, fmt.Errorf("%s: %q must be an IPv4 prefix", field, v)
	}
	return pfx, nil
}

func (a *PrivateNetworkArgs) plan(f string) (*networkPlan, error) {
	var errs problems
	errs.add(requireInput(f+".resourceGroupName", a.ResourceGroupName))
	errs.add(requireInput(f+".location", a.Location))
	errs.add(checkTags(f+".tags", a.Tags))
	p := &networkPlan{args: *a, create: a.ExistingPrivateEndpointSubnetId == nil}

	n, err := naming.New(f+".workload", a.Workload, f+".environment", a.Environment)
	errs.add(err)
	if err == nil {
		p.vnetName, err = n.Name(f+".workload", naming.VirtualNetwork)
		errs.add(err)
	}

	if p.create {
		if a.AddressSpace == "" {
			errs.add(fmt.Errorf("%s.addressSpace: required to create the network (or set existingPrivateEndpointSubnetId)", f))
		}
		if a.PrivateEndpointSubnetPrefix == "" {
			errs.add(fmt.Errorf("%s.privateEndpointSubnetPrefix: required to create the network", f))
		}
		if a.AddressSpace != "" && a.PrivateEndpointSubnetPrefix != "" {
			space, e1 := parsePrefix(f+".addressSpace", a.AddressSpace)
			errs.add(e1)
			type sub struct {
				field string
				pfx   netip.Prefix
			}
			var subs []sub
			for _, s := range []struct{ field, v string }{
				{f + ".privateEndpointSubnetPrefix", a.PrivateEndpointSubnetPrefix},
				{f + ".clientSubnetPrefix", a.ClientSubnetPrefix},
			} {
				if s.v == "" {
					continue
				}
				pfx, e := parsePrefix(s.field, s.v)
				errs.add(e)
				if e != nil {
					continue
				}
				// Azure reserves five addresses per subnet; /29 is the smallest subnet it allows.
				if pfx.Bits() > 29 {
					errs.add(fmt.Errorf("%s: %s is smaller than /29, the smallest subnet Azure allows", s.field, s.v))
				}
				if e1 == nil && (!space.Contains(pfx.Addr()) || pfx.Bits() < space.Bits()) {
					errs.add(fmt.Errorf("%s: %s is not inside addressSpace %s", s.field, s.v, a.AddressSpace))
				}
				for _, o := range subs {
					if o.pfx.Overlaps(pfx) {
						errs.add(fmt.Errorf("%s: %s overlaps %s (%s)", s.field, s.v, o.field, o.pfx))
					}
				}
				subs = append(subs, sub{s.field, pfx})
			}
		}
	} else {
		if a.AddressSpace != "" || a.PrivateEndpointSubnetPrefix != "" || a.ClientSubnetPrefix != "" {
			errs.add(fmt.Errorf("%s.existingPrivateEndpointSubnetId: an existing subnet is used, so addressSpace, privateEndpointSubnetPrefix and clientSubnetPrefix must not be set", f))
		}
	}

	p.groups = a.PrivateLinkGroups
	if len(p.groups) == 0 {
		p.groups = DefaultPrivateLinkGroups
	}
	subnet := a.ExistingPrivateEndpointSubnetId
	if subnet == nil {
		// Validation of the endpoint settings needs a subnet; the one created here is valid.
		subnet = pulumi.String("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s")
	}
	pl := privatelink.Args{SubnetId: subnet, DnsMode: a.DnsMode, PrivateDnsZoneIds: a.PrivateDnsZoneIds,
		LinkVirtualNetworkIds: a.LinkVirtualNetworkIds, Cloud: a.Cloud}
	errs.add(pl.Validate(f, p.groups))
	if len(errs) == 0 {
		p.zones, _ = privatelink.ZonesForGroups(pl.CloudOrDefault(), p.groups)
	}
	if len(errs) > 0 {
		return nil, errs.err()
	}
	return p, nil
}

// NewPrivateNetwork validates args and creates the network. On invalid input it returns an
// error naming the field and registers nothing.
func NewPrivateNetwork(ctx *pulumi.Context, name string, args *PrivateNetworkArgs, opts ...pulumi.ResourceOption) (*PrivateNetwork, error) {
	plan := func(a *PrivateNetworkArgs) (*networkPlan, error) { return a.plan("privateNetwork") }
	return construct(ctx, PrivateNetworkToken, "privateNetwork", name, args, plan, &PrivateNetwork{},
		func(c *PrivateNetwork, p *networkPlan) error { return c.build(ctx, name, p) }, opts)
}

func (c *PrivateNetwork) build(ctx *pulumi.Context, name string, p *networkPlan) error {
	tags := tagsFor(p.args.Tags, p.args.Workload, p.args.Environment, "private-network")
	out, err := buildNetwork(ctx, c, name, p, tags)
	if err != nil {
		return err
	}
	c.VirtualNetworkId, c.PrivateEndpointSubnetId, c.ClientSubnetId = out.vnetID, out.peSubnetID, out.clientSubnetID
	c.PrivateDnsZoneIds, c.ConsumerDnsMode = out.zoneIDs.ToStringMapOutput(), pulumi.String(string(out.consumerMode)).ToStringOutput()
	return ctx.RegisterResourceOutputs(c, pulumi.Map{
		"virtualNetworkId":        c.VirtualNetworkId,
		"privateEndpointSubnetId": c.PrivateEndpointSubnetId,
		"clientSubnetId":          c.ClientSubnetId,
		"privateDnsZoneIds":       c.PrivateDnsZoneIds,
		"consumerDnsMode":         c.ConsumerDnsMode,
	})
}

type networkOutputs struct {
	vnetID, peSubnetID, clientSubnetID pulumi.StringOutput
	// zoneIDs by zone name. For zones created here it is a pulumi.StringMap holding each
	// zone's id separately, so consumers depend on exactly the zones they use.
	zoneIDs      pulumi.StringMapInput
	consumerMode privatelink.DNSMode
	// resources consumers' endpoints must wait for (subnet, zones, links)
	ready []pulumi.Resource
}

// endpointArgs are the private-endpoint arguments consumers of this network use.
func (o *networkOutputs) endpointArgs(cloud *privatelink.Cloud) *privatelink.Args {
	a := &privatelink.Args{SubnetId: o.peSubnetID, DnsMode: o.consumerMode.Ptr(), Cloud: cloud}
	if o.consumerMode == privatelink.DNSExisting {
		a.PrivateDnsZoneIds = o.zoneIDs
	}
	return a
}

// buildNetwork creates the network of p under parent (a PrivateNetwork or SharedServices).
func buildNetwork(ctx *pulumi.Context, parent pulumi.Resource, name string, p *networkPlan, tags pulumi.StringMap) (*networkOutputs, error) {
	a := p.args
	out := &networkOutputs{
		vnetID:         pulumi.String("").ToStringOutput(),
		clientSubnetID: pulumi.String("").ToStringOutput(),
	}
	law := a.LogAnalyticsWorkspaceId
	diag := func(suffix string, target pulumi.StringInput, profile diagnostics.Profile) error {
		if law == nil {
			return nil
		}
		_, err := diagnostics.Enable(ctx, parent, name+"-"+suffix, target, law, profile)
		return err
	}
	var linkVNets []pulumi.StringInput
	if p.create {
		vnet, err := network.NewVirtualNetwork(ctx, name+"-vnet", &network.VirtualNetworkArgs{
			VirtualNetworkName: pulumi.String(p.vnetName),
			ResourceGroupName:  a.ResourceGroupName,
			Location:           a.Location,
			AddressSpace:       &network.AddressSpaceArgs{AddressPrefixes: pulumi.StringArray{pulumi.String(a.AddressSpace)}},
			Tags:               tags,
		}, pulumi.Parent(parent))
		if err != nil {
			return nil, err
		}
		out.vnetID = vnet.ID().ToStringOutput()
		if err := diag("vnet-diag", out.vnetID, diagnostics.LogsAndMetrics); err != nil {
			return nil, err
		}
		peSubnet, err := newSubnet(ctx, parent, name, "pe", a, vnet, a.PrivateEndpointSubnetPrefix, endpointSubnetRules(a.PrivateEndpointSubnetPrefix), tags, diag, nil)
		if err != nil {
			return nil, err
		}
		out.peSubnetID = peSubnet.ID().ToStringOutput()
		out.ready = append(out.ready, peSubnet)
		if a.ClientSubnetPrefix != "" {
			// Azure rejects concurrent subnet operations on one VNet (AnotherOperationInProgress).
			clients, err := newSubnet(ctx, parent, name, "clients", a, vnet, a.ClientSubnetPrefix, clientSubnetRules(), tags, diag, peSubnet)
			if err != nil {
				return nil, err
			}
			out.clientSubnetID = clients.ID().ToStringOutput()
			// Clients reach the endpoints over 443 only (the endpoint subnet's NSG).
			out.ready = append(out.ready, clients)
		}
		linkVNets = append(linkVNets, out.vnetID)
	} else {
		out.peSubnetID = a.ExistingPrivateEndpointSubnetId.ToStringOutput()
		out.vnetID = privatelink.VNetOf(a.ExistingPrivateEndpointSubnetId)
		linkVNets = append(linkVNets, out.vnetID)
	}

	switch (&privatelink.Args{DnsMode: a.DnsMode}).Mode() {
	case privatelink.DNSCreate:
		linkVNets = append(linkVNets, a.LinkVirtualNetworkIds...)
		zones, ids, err := privatelink.NewZones(ctx, parent, name, a.ResourceGroupName, p.zones, linkVNets, tags)
		if err != nil {
			return nil, err
		}
		m := pulumi.StringMap{}
		for _, z := range p.zones {
			m[z] = ids[z]
			out.ready = append(out.ready, zones[z])
		}
		out.zoneIDs = m
		out.consumerMode = privatelink.DNSExisting
	case privatelink.DNSExisting:
		out.zoneIDs = a.PrivateDnsZoneIds
		out.consumerMode = privatelink.DNSExisting
	case privatelink.DNSPolicyManaged:
		out.zoneIDs = pulumi.StringMap{}
		out.consumerMode = privatelink.DNSPolicyManaged
	}
	return out, nil
}

func newSubnet(ctx *pulumi.Context, parent pulumi.Resource, name, key string, a PrivateNetworkArgs, vnet *network.VirtualNetwork,
	prefix string, rules network.SecurityRuleTypeArray, tags pulumi.StringMap, diag func(string, pulumi.StringInput, diagnostics.Profile) error,
	after pulumi.Resource,
) (*network.Subnet, error) {
	nsgName := fmt.Sprintf("nsg-%s-%s-%s", key, a.Workload, a.Environment)
	nsg, err := network.NewNetworkSecurityGroup(ctx, name+"-nsg-"+key, &network.NetworkSecurityGroupArgs{
		NetworkSecurityGroupName: pulumi.String(nsgName),
		ResourceGroupName:        a.ResourceGroupName,
		Location:                 a.Location,
		SecurityRules:            rules,
		Tags:                     tags,
	}, pulumi.Parent(parent))
	if err != nil {
		return nil, err
	}
	if err := diag("nsg-"+key+"-diag", nsg.ID().ToStringOutput(), diagnostics.LogsOnly); err != nil {
		return nil, err
	}
	sub := &network.SubnetArgs{
		SubnetName:           pulumi.String("snet-" + key),
		VirtualNetworkName:   vnet.Name,
		ResourceGroupName:    a.ResourceGroupName,
		AddressPrefix:        pulumi.String(prefix),
		NetworkSecurityGroup: &network.NetworkSecurityGroupTypeArgs{Id: nsg.ID()},
	}
	if key == "pe" {
		// Apply the NSG (and route tables) to the private endpoints themselves.
		sub.PrivateEndpointNetworkPolicies = pulumi.String("Enabled")
	}
	opts := []pulumi.ResourceOption{pulumi.Parent(parent)}
	if after != nil {
		opts = append(opts, pulumi.DependsOn([]pulumi.Resource{after}))
	}
	return network.NewSubnet(ctx, name+"-snet-"+key, sub, opts...)
}

// endpointSubnetRules: endpoints accept HTTPS from inside the VNet (and peered/hub networks,
// which the VirtualNetwork tag covers), nothing else.
func endpointSubnetRules(prefix string) network.SecurityRuleTypeArray {
	return network.SecurityRuleTypeArray{
		network.SecurityRuleTypeArgs{
			Name: pulumi.String("allow-https-from-vnet"), Priority: pulumi.Int(100), Direction: pulumi.String("Inbound"),
			Access: pulumi.String("Allow"), Protocol: pulumi.String("Tcp"),
			SourceAddressPrefix: pulumi.String("VirtualNetwork"), SourcePortRange: pulumi.String("*"),
			DestinationAddressPrefix: pulumi.String(prefix), DestinationPortRange: pulumi.String("443"),
			Description: pulumi.String("Clients reach the workspace, storage, Key Vault and registry endpoints over HTTPS."),
		},
		network.SecurityRuleTypeArgs{
			Name: pulumi.String("deny-all-inbound"), Priority: pulumi.Int(4096), Direction: pulumi.String("Inbound"),
			Access: pulumi.String("Deny"), Protocol: pulumi.String("*"),
			SourceAddressPrefix: pulumi.String("*"), SourcePortRange: pulumi.String("*"),
			DestinationAddressPrefix: pulumi.String("*"), DestinationPortRange: pulumi.String("*"),
			Description: pulumi.String("Nothing else reaches the endpoints."),
		},
	}
}

// clientSubnetRules: no inbound from the internet (Bastion or VPN bring people in).
func clientSubnetRules() network.SecurityRuleTypeArray {
	return network.SecurityRuleTypeArray{
		network.SecurityRuleTypeArgs{
			Name: pulumi.String("deny-internet-inbound"), Priority: pulumi.Int(4096), Direction: pulumi.String("Inbound"),
			Access: pulumi.String("Deny"), Protocol: pulumi.String("*"),
			SourceAddressPrefix: pulumi.String("Internet"), SourcePortRange: pulumi.String("*"),
			DestinationAddressPrefix: pulumi.String("*"), DestinationPortRange: pulumi.String("*"),
			Description: pulumi.String("Clients are reached through Bastion or VPN, never from the internet."),
		},
	}
}
