package privatelink

import (
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	network "github.com/azure-mlops/pulumi-azure-mlops/pkg/azurenetwork"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// DNSMode says who manages the private DNS records of the endpoints.
type DNSMode string

// DNS modes.
const (
	// Create the private DNS zones and link them to the endpoints' VNet (and any others given).
	// For a standalone deployment; several deployments sharing a VNet share one set of zones
	// (use the PrivateNetwork component, then Existing).
	DNSCreate DNSMode = "Create"
	// Use existing zones (hub-spoke: zones live in a central connectivity subscription).
	DNSExisting DNSMode = "Existing"
	// Create endpoints without DNS zone groups: Azure Policy (DeployIfNotExists) writes the
	// records, as in Cloud Adoption Framework landing zones.
	DNSPolicyManaged DNSMode = "PolicyManaged"
)

// DNSModes lists the modes.
var DNSModes = []string{string(DNSCreate), string(DNSExisting), string(DNSPolicyManaged)}

// Args configure the private endpoints of a component. Every component takes this same type.
type Args struct {
	// Subnet the endpoints are placed in (typically the PrivateNetwork's endpoint subnet).
	SubnetId pulumi.StringInput `pulumi:"subnetId"`
	// Who manages the DNS records: Create (default), Existing or PolicyManaged.
	DnsMode *DNSMode `pulumi:"dnsMode,optional"`
	// DNS mode Existing: private DNS zone ids by zone name, e.g.
	// {"privatelink.blob.core.windows.net": "/subscriptions/.../privateDnsZones/privatelink.blob.core.windows.net"}.
	PrivateDnsZoneIds pulumi.StringMapInput `pulumi:"privateDnsZoneIds,optional"`
	// DNS mode Create: further VNets to link the zones to (the subnet's VNet is always linked),
	// e.g. the hub VNet of data scientists' VMs and build agents.
	LinkVirtualNetworkIds []pulumi.StringInput `pulumi:"linkVirtualNetworkIds,optional"`
	// Azure cloud whose zone names apply: AzureCloud (default), AzureUSGovernment, AzureChinaCloud.
	Cloud *Cloud `pulumi:"cloud,optional"`
}

// Mode returns the DNS mode with its default.
func (a *Args) Mode() DNSMode {
	if a.DnsMode == nil || *a.DnsMode == "" {
		return DNSCreate
	}
	return *a.DnsMode
}

// Ptr returns a pointer to m, for optional arguments.
func (m DNSMode) Ptr() *DNSMode { return &m }

// Ptr returns a pointer to c, for optional arguments.
func (c Cloud) Ptr() *Cloud { return &c }

// CloudOrDefault returns the cloud with its default.
func (a *Args) CloudOrDefault() Cloud {
	if a.Cloud == nil || *a.Cloud == "" {
		return AzureCloud
	}
	return *a.Cloud
}

var (
	subnetIDPattern = regexp.MustCompile(`(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\.Network/virtualNetworks/[^/]+/subnets/[^/]+$`)
	zoneIDPattern   = regexp.MustCompile(`(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\.Network/privateDnsZones/([^/]+)$`)
	vnetIDPattern   = regexp.MustCompile(`(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\.Network/virtualNetworks/[^/]+$`)
)

func known(in pulumi.StringInput) (string, bool) {
	if s, ok := in.(pulumi.String); ok {
		return string(s), true
	}
	return "", false
}

// Validate checks the arguments for endpoints of groupIDs. field is the path used in errors.
func (a *Args) Validate(field string, groupIDs []string) error {
	var errs []error
	if a.SubnetId == nil {
		errs = append(errs, fmt.Errorf("%s.subnetId: required", field))
	} else if v, ok := known(a.SubnetId); ok && !subnetIDPattern.MatchString(v) {
		errs = append(errs, fmt.Errorf("%s.subnetId: %q is not a subnet id (/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>)", field, v))
	}
	cloud := a.CloudOrDefault()
	if _, ok := zones[cloud]; !ok {
		errs = append(errs, fmt.Errorf("%s.cloud: unknown value %q (allowed: %s)", field, cloud, strings.Join(Clouds, ", ")))
		return errors.Join(errs...)
	}
	needed, err := ZonesForGroups(cloud, groupIDs)
	if err != nil {
		errs = append(errs, fmt.Errorf("%s: %w", field, err))
	}
	switch a.Mode() {
	case DNSCreate:
		if a.PrivateDnsZoneIds != nil {
			errs = append(errs, fmt.Errorf("%s.privateDnsZoneIds: only used with dnsMode Existing (dnsMode is Create, which creates the zones)", field))
		}
		for i, v := range a.LinkVirtualNetworkIds {
			if s, ok := known(v); ok && !vnetIDPattern.MatchString(s) {
				errs = append(errs, fmt.Errorf("%s.linkVirtualNetworkIds[%d]: %q is not a virtual network id", field, i, s))
			}
		}
	case DNSExisting:
		if a.PrivateDnsZoneIds == nil {
			errs = append(errs, fmt.Errorf("%s.privateDnsZoneIds: required with dnsMode Existing (zone ids for %s)", field, strings.Join(needed, ", ")))
		} else if m, ok := a.PrivateDnsZoneIds.(pulumi.StringMap); ok {
			for _, z := range needed {
				in, has := m[z]
				if !has {
					errs = append(errs, fmt.Errorf("%s.privateDnsZoneIds: no id for zone %q (dnsMode Existing needs %s)", field, z, strings.Join(needed, ", ")))
					continue
				}
				if v, ok := known(in); ok {
					mm := zoneIDPattern.FindStringSubmatch(v)
					if mm == nil {
						errs = append(errs, fmt.Errorf("%s.privateDnsZoneIds[%s]: %q is not a private DNS zone id", field, z, v))
					} else if !strings.EqualFold(mm[1], z) {
						errs = append(errs, fmt.Errorf("%s.privateDnsZoneIds[%s]: the id names zone %q", field, z, mm[1]))
					}
				}
			}
		}
		if len(a.LinkVirtualNetworkIds) > 0 {
			errs = append(errs, fmt.Errorf("%s.linkVirtualNetworkIds: only used with dnsMode Create (existing zones keep their own links)", field))
		}
	case DNSPolicyManaged:
		if a.PrivateDnsZoneIds != nil || len(a.LinkVirtualNetworkIds) > 0 {
			errs = append(errs, fmt.Errorf("%s.dnsMode: PolicyManaged leaves DNS to Azure Policy; privateDnsZoneIds and linkVirtualNetworkIds must not be set", field))
		}
	default:
		errs = append(errs, fmt.Errorf("%s.dnsMode: unknown value %q (allowed: %s)", field, a.Mode(), strings.Join(DNSModes, ", ")))
	}
	return errors.Join(errs...)
}

// Common are the settings every endpoint of a component shares.
type Common struct {
	ResourceGroupName pulumi.StringInput
	Location          pulumi.StringInput
	Tags              pulumi.StringMapInput
}

// Target is a resource to reach privately.
type Target struct {
	// Key names the target in logical names ("st", "kv", "mlw").
	Key string
	// ID is the target's ARM id (the endpoint's privateLinkServiceId).
	ID pulumi.StringInput
	// PhysicalName of the target, for the endpoint's name.
	PhysicalName string
	// GroupIDs to create one endpoint each for.
	GroupIDs []string
}

// Deployed are the resources made for a component's targets.
type Deployed struct {
	// Endpoints by "<key>-<group>".
	Endpoints map[string]*network.PrivateEndpoint
	// ZoneGroups by "<key>-<group>" (none with DNS mode PolicyManaged).
	ZoneGroups map[string]*network.PrivateDnsZoneGroup
	// Zones created (DNS mode Create), by zone name.
	Zones map[string]*network.PrivateZone
}

// Resources returns every endpoint and zone group, in a stable order, for DependsOn.
func (d *Deployed) Resources() []pulumi.Resource {
	var out []pulumi.Resource
	for _, k := range slices.Sorted(maps.Keys(d.Endpoints)) {
		out = append(out, d.Endpoints[k])
		if zg, ok := d.ZoneGroups[k]; ok {
			out = append(out, zg)
		}
	}
	return out
}

// Deploy creates the endpoints (and, per DNS mode, zones and zone groups) for targets.
// Validate must have passed.
func Deploy(ctx *pulumi.Context, parent pulumi.Resource, prefix string, a *Args, c Common, targets []Target) (*Deployed, error) {
	cloud := a.CloudOrDefault()
	var groups []string
	for _, t := range targets {
		groups = append(groups, t.GroupIDs...)
	}
	needed, err := ZonesForGroups(cloud, groups)
	if err != nil {
		return nil, err
	}
	d := &Deployed{Endpoints: map[string]*network.PrivateEndpoint{}, ZoneGroups: map[string]*network.PrivateDnsZoneGroup{}}
	zoneIDs := map[string]pulumi.StringInput{}
	switch a.Mode() {
	case DNSCreate:
		vnets := append([]pulumi.StringInput{VNetOf(a.SubnetId)}, a.LinkVirtualNetworkIds...)
		created, ids, err := NewZones(ctx, parent, prefix, c.ResourceGroupName, needed, vnets, c.Tags)
		if err != nil {
			return nil, err
		}
		d.Zones, zoneIDs = created, ids
	case DNSExisting:
		if known, ok := a.PrivateDnsZoneIds.(pulumi.StringMap); ok {
			// Known keys: each zone group depends on its own zones only.
			for _, z := range needed {
				id, ok := known[z]
				if !ok {
					// An entry without a zone id would leave the endpoint's name resolving
					// publicly; the network that passes these ids must create every zone.
					return nil, fmt.Errorf("privateDnsZoneIds: no id for zone %q (needed by groups %v)", z, groups)
				}
				zoneIDs[z] = id
			}
			break
		}
		m := a.PrivateDnsZoneIds.ToStringMapOutput()
		for _, z := range needed {
			zone := z
			zoneIDs[z] = m.ApplyT(func(ids map[string]string) (string, error) {
				id, ok := ids[zone]
				if !ok {
					return "", fmt.Errorf("privateDnsZoneIds: no id for zone %q", zone)
				}
				return id, nil
			}).(pulumi.StringOutput)
		}
	}
	for _, t := range targets {
		for _, g := range t.GroupIDs {
			key := t.Key + "-" + g
			var zids map[string]pulumi.StringInput
			if a.Mode() != DNSPolicyManaged {
				zs, _ := ZonesFor(cloud, g)
				zids = map[string]pulumi.StringInput{}
				for _, z := range zs {
					zids[z] = zoneIDs[z]
				}
			}
			pe, zg, err := NewEndpoint(ctx, parent, prefix+"-pe-"+key, EndpointArgs{
				Common: c, SubnetID: a.SubnetId, TargetID: t.ID, Name: fmt.Sprintf("pe-%s-%s", t.PhysicalName, g), GroupID: g, ZoneIDs: zids,
			})
			if err != nil {
				return nil, err
			}
			d.Endpoints[key] = pe
			if zg != nil {
				d.ZoneGroups[key] = zg
			}
		}
	}
	return d, nil
}

// EndpointArgs describe one private endpoint.
type EndpointArgs struct {
	Common
	SubnetID pulumi.StringInput
	TargetID pulumi.StringInput
	// Name is the endpoint's physical name.
	Name    string
	GroupID string
	// ZoneIDs by zone name; nil creates no DNS zone group (policy-managed DNS).
	ZoneIDs map[string]pulumi.StringInput
}

// NewEndpoint creates a private endpoint to one group id of a target and, unless ZoneIDs is
// nil, its DNS zone group.
func NewEndpoint(ctx *pulumi.Context, parent pulumi.Resource, logicalName string, a EndpointArgs) (*network.PrivateEndpoint, *network.PrivateDnsZoneGroup, error) {
	pe, err := network.NewPrivateEndpoint(ctx, logicalName, &network.PrivateEndpointArgs{
		PrivateEndpointName:        pulumi.String(a.Name),
		ResourceGroupName:          a.ResourceGroupName,
		Location:                   a.Location,
		Subnet:                     &network.SubnetTypeArgs{Id: a.SubnetID},
		CustomNetworkInterfaceName: pulumi.String("nic-" + a.Name),
		PrivateLinkServiceConnections: network.PrivateLinkServiceConnectionArray{
			network.PrivateLinkServiceConnectionArgs{
				Name:                 pulumi.String(a.Name),
				PrivateLinkServiceId: a.TargetID,
				GroupIds:             pulumi.StringArray{pulumi.String(a.GroupID)},
			},
		},
		Tags: a.Tags,
	}, pulumi.Parent(parent))
	if err != nil {
		return nil, nil, err
	}
	if a.ZoneIDs == nil {
		return pe, nil, nil
	}
	var configs network.PrivateDnsZoneConfigArray
	for _, z := range slices.Sorted(maps.Keys(a.ZoneIDs)) {
		configs = append(configs, network.PrivateDnsZoneConfigArgs{
			Name:             pulumi.String(strings.ReplaceAll(z, ".", "-")),
			PrivateDnsZoneId: a.ZoneIDs[z],
		})
	}
	zg, err := network.NewPrivateDnsZoneGroup(ctx, logicalName+"-dns", &network.PrivateDnsZoneGroupArgs{
		PrivateDnsZoneGroupName: pulumi.String("default"),
		PrivateEndpointName:     pe.Name,
		ResourceGroupName:       a.ResourceGroupName,
		PrivateDnsZoneConfigs:   configs,
	}, pulumi.Parent(parent))
	if err != nil {
		return nil, nil, err
	}
	return pe, zg, nil
}

// NewZones creates private DNS zones and links each to every VNet in vnets. It returns the
// zones and their ids by name.
func NewZones(ctx *pulumi.Context, parent pulumi.Resource, prefix string, rg pulumi.StringInput, names []string,
	vnets []pulumi.StringInput, tags pulumi.StringMapInput,
) (map[string]*network.PrivateZone, map[string]pulumi.StringInput, error) {
	created := map[string]*network.PrivateZone{}
	ids := map[string]pulumi.StringInput{}
	for _, z := range names {
		zone, err := network.NewPrivateZone(ctx, prefix+"-zone-"+z, &network.PrivateZoneArgs{
			PrivateZoneName:   pulumi.String(z),
			ResourceGroupName: rg,
			Location:          pulumi.String("global"),
			Tags:              tags,
		}, pulumi.Parent(parent))
		if err != nil {
			return nil, nil, err
		}
		created[z] = zone
		ids[z] = zone.ID().ToStringOutput()
		for i, v := range vnets {
			if _, err := network.NewVirtualNetworkLink(ctx, fmt.Sprintf("%s-link-%d-%s", prefix, i, z), &network.VirtualNetworkLinkArgs{
				VirtualNetworkLinkName: pulumi.String(fmt.Sprintf("link-%d", i)),
				PrivateZoneName:        zone.Name,
				ResourceGroupName:      rg,
				Location:               pulumi.String("global"),
				VirtualNetwork:         &network.SubResourceArgs{Id: v},
				// Endpoint records come from zone groups; VMs must not register here.
				RegistrationEnabled: pulumi.Bool(false),
				Tags:                tags,
			}, pulumi.Parent(parent)); err != nil {
				return nil, nil, err
			}
		}
	}
	return created, ids, nil
}

// VNetOf returns the virtual network id of a subnet id.
func VNetOf(subnetID pulumi.StringInput) pulumi.StringOutput {
	return subnetID.ToStringOutput().ApplyT(func(s string) string {
		if i := strings.Index(strings.ToLower(s), "/subnets/"); i >= 0 {
			return s[:i]
		}
		return s
	}).(pulumi.StringOutput)
}
