package components

import (
	"fmt"
	"net/netip"
	"regexp"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/azureml"
)

// OutboundRuleType is the kind of a managed-network outbound rule.
type OutboundRuleType string

// Outbound rule types.
const (
	// Allow one FQDN. Under AllowOnlyApprovedOutbound, Azure creates a managed Azure Firewall
	// for FQDN rules (firewallSku Standard by default; Basic is cheaper), billed to you.
	OutboundFQDN OutboundRuleType = "FQDN"
	// A managed private endpoint from the managed network to an Azure resource.
	OutboundPrivateEndpoint OutboundRuleType = "PrivateEndpoint"
	// Allow (or deny) an Azure service tag on given protocols and ports.
	OutboundServiceTag OutboundRuleType = "ServiceTag"
)

// OutboundRuleTypes lists the types.
var OutboundRuleTypes = []string{string(OutboundFQDN), string(OutboundPrivateEndpoint), string(OutboundServiceTag)}

// FirewallSkus of the managed Azure Firewall that FQDN rules bring.
var FirewallSkus = []string{"Standard", "Basic"}

// OutboundRuleArgs is one user-defined outbound rule of the managed network. Type decides
// which fields apply.
type OutboundRuleArgs struct {
	// Rule name (3-64 letters, digits, hyphens, underscores), unique in the workspace.
	Name string `pulumi:"name"`
	// FQDN, PrivateEndpoint or ServiceTag.
	Type OutboundRuleType `pulumi:"type"`
	// FQDN: the destination, e.g. "pypi.org" or "*.anaconda.org".
	Destination string `pulumi:"destination,optional"`
	// PrivateEndpoint: ARM id of the target resource.
	ServiceResourceId pulumi.StringInput `pulumi:"serviceResourceId,optional"`
	// PrivateEndpoint: the target's private link group (e.g. "blob", "vault").
	SubresourceTarget string `pulumi:"subresourceTarget,optional"`
	// PrivateEndpoint: also usable from serverless Spark.
	SparkEnabled bool `pulumi:"sparkEnabled,optional"`
	// ServiceTag: the tag, e.g. "AzureMonitor" or "DataFactory.WestEurope".
	ServiceTag string `pulumi:"serviceTag,optional"`
	// ServiceTag: TCP, UDP, ICMP or * (default TCP).
	Protocol string `pulumi:"protocol,optional"`
	// ServiceTag: ports, e.g. "443", "80,443" or "8080-8090" (default 443).
	PortRanges string `pulumi:"portRanges,optional"`
	// ServiceTag: Allow (default) or Deny.
	Action string `pulumi:"action,optional"`
	// ServiceTag: allow these CIDR prefixes instead of a service tag. Azure ignores the
	// service tag when prefixes are given (they replace it, they do not narrow it), so set
	// serviceTag or addressPrefixes, not both.
	AddressPrefixes []string `pulumi:"addressPrefixes,optional"`
}

// DefaultOutboundRules are added under AllowOnlyApprovedOutbound unless
// DisableDefaultOutboundRules is set: the hosts Microsoft recommends for public machine
// learning packages (azure-ai-docs articles/machine-learning/includes/recommended-network-outbound.md,
// used by how-to-managed-network "Scenario: Access public machine learning packages"): conda's
// defaults channel, conda repo data, PyPI and its file host, PyTorch and TensorFlow. (Azure
// adds its own Required rules for Azure ML, its storage, vault, registry and the Microsoft
// Container Registry.) They are FQDN rules, so they bring the managed firewall.
var DefaultOutboundRules = []OutboundRuleArgs{
	{Name: "anaconda", Type: OutboundFQDN, Destination: "anaconda.com"},
	{Name: "anaconda-com", Type: OutboundFQDN, Destination: "*.anaconda.com"},
	{Name: "anaconda-org", Type: OutboundFQDN, Destination: "*.anaconda.org"},
	{Name: "pypi", Type: OutboundFQDN, Destination: "pypi.org"},
	{Name: "pythonhosted", Type: OutboundFQDN, Destination: "*.pythonhosted.org"},
	{Name: "pytorch", Type: OutboundFQDN, Destination: "pytorch.org"},
	{Name: "pytorch-org", Type: OutboundFQDN, Destination: "*.pytorch.org"},
	{Name: "tensorflow", Type: OutboundFQDN, Destination: "*.tensorflow.org"},
}

// HuggingFaceOutboundHosts are the FQDN rules Microsoft lists for using Hugging Face models
// (azure-ai-docs how-to-managed-network, "Scenario: Use HuggingFace models"), plus the hub
// itself (huggingface.co).
var HuggingFaceOutboundHosts = []string{"docker.io", "*.docker.io", "*.docker.com", "production.cloudflare.docker.com",
	"cdn.auth0.com", "cdn-lfs.huggingface.co", "huggingface.co"}

var (
	ruleNamePattern   = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9_-]{2,63}$`)
	fqdnPattern       = regexp.MustCompile(`^(\*\.)?([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$`)
	serviceTagPattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)?$`)
	portRangePattern  = regexp.MustCompile(`^(\d{1,5})(-(\d{1,5}))?$`)
	subresourcePatt   = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9_]*$`)
)

// resolveOutboundRules merges defaults and user rules (a user rule with a default's name
// replaces it) and validates them against the isolation mode.
func resolveOutboundRules(f string, isolation IsolationMode, user []OutboundRuleArgs, disableDefaults bool) ([]OutboundRuleArgs, error) {
	var errs problems
	if isolation == IsolationDisabled && len(user) > 0 {
		errs.add(fmt.Errorf("%s.outboundRules: isolationMode is Disabled (no managed network), so outbound rules cannot apply", f))
		return nil, errs.err()
	}
	seen := map[string]int{}
	for i, r := range user {
		rf := fmt.Sprintf("%s.outboundRules[%d]", f, i)
		key := strings.ToLower(r.Name)
		if j, dup := seen[key]; dup {
			errs.add(fmt.Errorf("%s.name: %q is already used by outboundRules[%d]", rf, r.Name, j))
		}
		seen[key] = i
		errs.add(validateOutboundRule(rf, isolation, r))
	}
	var out []OutboundRuleArgs
	if isolation == IsolationAllowOnlyApprovedOutbound && !disableDefaults {
		for _, d := range DefaultOutboundRules {
			if _, overridden := seen[strings.ToLower(d.Name)]; !overridden {
				out = append(out, d)
			}
		}
	}
	out = append(out, user...)
	return out, errs.err()
}

func validateOutboundRule(rf string, isolation IsolationMode, r OutboundRuleArgs) error {
	var errs problems
	if !ruleNamePattern.MatchString(r.Name) {
		errs.add(fmt.Errorf("%s.name: %q must be 3-64 letters, digits, hyphens or underscores, starting with a letter or digit", rf, r.Name))
	}
	onlyFor := func(field string, set bool) {
		if set {
			errs.add(fmt.Errorf("%s.%s: does not apply to a %s rule", rf, field, r.Type))
		}
	}
	switch r.Type {
	case OutboundFQDN:
		if isolation != IsolationAllowOnlyApprovedOutbound {
			errs.add(fmt.Errorf("%s.type: FQDN rules apply only with isolationMode AllowOnlyApprovedOutbound (it is %s, which already allows the internet)", rf, isolation))
		}
		if !fqdnPattern.MatchString(r.Destination) {
			errs.add(fmt.Errorf("%s.destination: %q is not a host name (e.g. pypi.org or *.anaconda.org)", rf, r.Destination))
		}
		onlyFor("serviceResourceId", r.ServiceResourceId != nil)
		onlyFor("serviceTag", r.ServiceTag != "")
		onlyFor("addressPrefixes", len(r.AddressPrefixes) > 0)
	case OutboundPrivateEndpoint:
		if r.ServiceResourceId == nil {
			errs.add(fmt.Errorf("%s.serviceResourceId: required for a PrivateEndpoint rule", rf))
		} else if v, ok := knownString(r.ServiceResourceId); ok && !armIDPattern.MatchString(v) {
			errs.add(fmt.Errorf("%s.serviceResourceId: %q is not an Azure resource id", rf, v))
		}
		if !subresourcePatt.MatchString(r.SubresourceTarget) {
			errs.add(fmt.Errorf("%s.subresourceTarget: required, the target's private link group (e.g. blob, vault, amlworkspace)", rf))
		}
		onlyFor("destination", r.Destination != "")
		onlyFor("serviceTag", r.ServiceTag != "")
	case OutboundServiceTag:
		if isolation != IsolationAllowOnlyApprovedOutbound {
			errs.add(fmt.Errorf("%s.type: ServiceTag rules apply only with isolationMode AllowOnlyApprovedOutbound (it is %s)", rf, isolation))
		}
		// Azure ignores serviceTag when addressPrefixes are given (ServiceTagDestination in
		// @pulumi/azure-native machinelearningservices v20241001preview: "if provided, the
		// ServiceTag property will be ignored").
		switch {
		case r.ServiceTag != "" && len(r.AddressPrefixes) > 0:
			errs.add(fmt.Errorf("%s.addressPrefixes: Azure ignores serviceTag %q when addressPrefixes are given (prefixes replace the tag, "+
				"they do not restrict it); set one of them", rf, r.ServiceTag))
		case r.ServiceTag == "" && len(r.AddressPrefixes) == 0:
			errs.add(fmt.Errorf("%s.serviceTag: required (or addressPrefixes) for a ServiceTag rule", rf))
		case r.ServiceTag != "" && !serviceTagPattern.MatchString(r.ServiceTag):
			errs.add(fmt.Errorf("%s.serviceTag: %q is not a service tag (e.g. AzureMonitor or Storage.WestEurope)", rf, r.ServiceTag))
		}
		if r.Protocol != "" {
			errs.add(oneOf(rf+".protocol", r.Protocol, "TCP", "UDP", "ICMP", "*"))
		}
		if r.Action != "" {
			errs.add(oneOf(rf+".action", r.Action, "Allow", "Deny"))
		}
		if r.PortRanges != "" {
			errs.add(checkPortRanges(rf+".portRanges", r.PortRanges))
		}
		for i, cidr := range r.AddressPrefixes {
			if _, err := netip.ParsePrefix(cidr); err != nil {
				errs.add(fmt.Errorf("%s.addressPrefixes[%d]: %q is not a CIDR prefix", rf, i, cidr))
			}
		}
		onlyFor("destination", r.Destination != "")
		onlyFor("serviceResourceId", r.ServiceResourceId != nil)
	default:
		errs.add(oneOf(rf+".type", string(r.Type), OutboundRuleTypes...))
	}
	return errs.err()
}

func checkPortRanges(field, v string) error {
	if v == "*" {
		return nil
	}
	for _, part := range strings.Split(v, ",") {
		m := portRangePattern.FindStringSubmatch(strings.TrimSpace(part))
		if m == nil {
			return fmt.Errorf("%s: %q is not a port list (e.g. 443, 80,443 or 8080-8090)", field, v)
		}
		lo, _ := strconv.Atoi(m[1])
		hi := lo
		if m[3] != "" {
			hi, _ = strconv.Atoi(m[3])
		}
		if lo < 1 || hi > 65535 || hi < lo {
			return fmt.Errorf("%s: %q is outside 1-65535 or reversed", field, part)
		}
	}
	return nil
}

// ruleProperties converts a validated rule to the azure-native union type.
func ruleProperties(r OutboundRuleArgs) azureml.OutboundRuleInput {
	switch r.Type {
	case OutboundFQDN:
		return &azureml.FqdnOutboundRuleArgs{Type: pulumi.String("FQDN"), Destination: pulumi.String(r.Destination)}
	case OutboundPrivateEndpoint:
		return &azureml.PrivateEndpointOutboundRuleArgs{Type: pulumi.String("PrivateEndpoint"),
			Destination: &azureml.PrivateEndpointDestinationArgs{
				ServiceResourceId: r.ServiceResourceId,
				SubresourceTarget: pulumi.String(r.SubresourceTarget),
				SparkEnabled:      pulumi.Bool(r.SparkEnabled),
			}}
	default:
		d := &azureml.ServiceTagDestinationArgs{
			Protocol:   pulumi.String(orDefault(r.Protocol, "TCP")),
			PortRanges: pulumi.String(orDefault(r.PortRanges, "443")),
			Action:     pulumi.String(orDefault(r.Action, "Allow")),
		}
		if len(r.AddressPrefixes) > 0 {
			d.AddressPrefixes = pulumi.ToStringArray(r.AddressPrefixes)
		} else {
			d.ServiceTag = pulumi.String(r.ServiceTag)
		}
		return &azureml.ServiceTagOutboundRuleArgs{Type: pulumi.String("ServiceTag"), Destination: d}
	}
}

func orDefault(v, d string) string {
	if v == "" {
		return d
	}
	return v
}
