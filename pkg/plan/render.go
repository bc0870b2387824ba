package plan

import (
	"fmt"
	"sort"
	"strings"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/rbac"
)

// setting is one security-relevant input shown in the tree.
type setting struct{ path, label string }

// shown lists, per resource type, the settings a reviewer of a plan wants to see.
var shown = map[string][]setting{
	"azure-native:resources:ResourceGroup":       {{"location", "location"}},
	"azure-native:operationalinsights:Workspace": {{"retentionInDays", "retention days"}, {"features.disableLocalAuth", "local auth disabled"}},
	"azure-native:insights:Component":            {{"ingestionMode", "ingestion"}, {"disableLocalAuth", "local auth disabled"}},
	"azure-native:keyvault:Vault": {{"properties.publicNetworkAccess", "public access"}, {"properties.enableRbacAuthorization", "RBAC"},
		{"properties.enablePurgeProtection", "purge protection"}, {"properties.networkAcls.defaultAction", "network default"}},
	"azure-native:storage:StorageAccount": {{"publicNetworkAccess", "public access"}, {"allowSharedKeyAccess", "shared key"},
		{"allowBlobPublicAccess", "blob public access"}, {"minimumTlsVersion", "TLS"}, {"sku.name", "sku"}},
	"azure-native:containerregistry:Registry": {{"publicNetworkAccess", "public access"}, {"adminUserEnabled", "admin user"},
		{"anonymousPullEnabled", "anonymous pull"}, {"sku.name", "sku"}},
	"azure-native:managedidentity:UserAssignedIdentity": {},
	"azure-native:machinelearningservices:Workspace": {{"publicNetworkAccess", "public access"}, {"managedNetwork.isolationMode", "isolation"},
		{"systemDatastoresAuthMode", "datastore auth"}, {"identity.type", "identity"}, {"hbiWorkspace", "HBI"}},
	"azure-native:machinelearningservices:Compute": {{"properties.properties.vmSize", "vm"},
		{"properties.properties.scaleSettings.minNodeCount", "min"}, {"properties.properties.scaleSettings.maxNodeCount", "max"},
		{"properties.properties.enableNodePublicIp", "node public IP"}, {"properties.properties.remoteLoginPortPublicAccess", "SSH"},
		{"properties.disableLocalAuth", "local auth disabled"}},
	"azure-native:network:PrivateEndpoint":      {{"privateLinkServiceConnections[0].groupIds", "groups"}},
	"azure-native:network:PrivateDnsZoneGroup":  {{"privateDnsZoneConfigs[0].name", "zone"}, {"privateDnsZoneConfigs[1].name", "zone"}},
	"azure-native:network:VirtualNetwork":       {{"addressSpace.addressPrefixes", "address space"}},
	"azure-native:network:Subnet":               {{"addressPrefix", "prefix"}, {"privateEndpointNetworkPolicies", "endpoint network policies"}},
	"azure-native:network:NetworkSecurityGroup": {{"securityRules[0].name", "rule"}, {"securityRules[1].name", "rule"}},
	"azure-native:network:VirtualNetworkLink":   {{"registrationEnabled", "auto-registration"}},
	"azure-native:machinelearningservices:ManagedNetworkSettingsRule": {{"properties.type", "type"},
		{"properties.destination", "destination"}, {"properties.destination.serviceTag", "tag"},
		{"properties.destination.portRanges", "ports"}, {"properties.destination.subresourceTarget", "target"}},
}

// physicalName is the Azure name of a resource (last segment of its id).
func physicalName(r DocResource) string {
	if r.ID == "" {
		return ""
	}
	return r.ID[strings.LastIndex(r.ID, "/")+1:]
}

func lookupPlain(m map[string]any, path string) (any, bool) {
	var cur any = m
	for _, seg := range strings.Split(path, ".") {
		key, idx := seg, -1
		if i := strings.Index(seg, "["); i >= 0 {
			key = seg[:i]
			fmt.Sscanf(seg[i:], "[%d]", &idx)
		}
		obj, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		if cur, ok = obj[key]; !ok {
			return nil, false
		}
		if idx >= 0 {
			arr, ok := cur.([]any)
			if !ok || idx >= len(arr) {
				return nil, false
			}
			cur = arr[idx]
		}
	}
	return cur, true
}

func formatValue(v any) string {
	switch x := v.(type) {
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = formatValue(e)
		}
		return strings.Join(parts, ",")
	case float64:
		return fmt.Sprintf("%g", x)
	}
	return fmt.Sprint(v)
}

// describe is the one-line summary of a resource's security-relevant settings.
func describe(r DocResource) string {
	typ := Unversioned(r.Type)
	var parts []string
	switch typ {
	case "azure-native:authorization:RoleAssignment":
		role := rbac.NameOf(fmt.Sprint(r.Inputs["roleDefinitionId"]))
		scope := fmt.Sprint(r.Inputs["scope"])
		return fmt.Sprintf("%s on %s", role, scope[strings.LastIndex(scope, "/")+1:])
	case "azure-native:insights:DiagnosticSetting":
		target := fmt.Sprint(r.Inputs["resourceUri"])
		ws := fmt.Sprint(r.Inputs["workspaceId"])
		t := strings.SplitN(target, "/providers/", 2)
		if len(t) == 2 {
			target = t[1][strings.Index(t[1], "/")+1:]
			target = target[strings.Index(target, "/")+1:]
		}
		return fmt.Sprintf("%s → %s", target, ws[strings.LastIndex(ws, "/")+1:])
	}
	for _, s := range shown[typ] {
		if v, ok := lookupPlain(r.Inputs, s.path); ok {
			parts = append(parts, fmt.Sprintf("%s=%s", s.label, formatValue(v)))
		}
	}
	if r.Protect {
		parts = append(parts, "protected")
	}
	return strings.Join(parts, " · ")
}

// shortType is the type without provider and module ("Vault", "Workspace").
func shortType(t string) string {
	return t[strings.LastIndex(t, ":")+1:]
}

// Tree renders the plan as an indented tree with each resource's security-relevant settings.
func (d *Document) Tree() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Plan of stack %q (project %s): what `pulumi up` would create\n\n", d.Stack, d.Project)
	children := map[string][]DocResource{}
	var roots []DocResource
	for _, r := range d.Resources {
		if r.Parent == "" {
			roots = append(roots, r)
		} else {
			children[r.Parent] = append(children[r.Parent], r)
		}
	}
	var walk func(r DocResource, prefix string, last bool, root bool)
	walk = func(r DocResource, prefix string, last bool, root bool) {
		branch, next := "├─ ", "│  "
		if last {
			branch, next = "└─ ", "   "
		}
		if root {
			branch, next = "", ""
		}
		label := fmt.Sprintf("%s [%s]", r.Name, shortType(r.Type))
		if !r.Custom {
			label = fmt.Sprintf("%s (%s)", r.Name, shortType(r.Type))
		}
		if n := physicalName(r); n != "" && !diagramHidden[Unversioned(r.Type)] {
			label += " " + n
		}
		if desc := describe(r); desc != "" {
			label += "  — " + desc
		}
		b.WriteString(prefix + branch + label + "\n")
		kids := children[r.URN]
		for i, k := range kids {
			walk(k, prefix+next, i == len(kids)-1, false)
		}
	}
	for _, r := range roots {
		walk(r, "", true, true)
	}
	b.WriteString("\n")
	b.WriteString(d.AzurePolicyTree())
	b.WriteString(d.SummaryLine())
	return b.String()
}

// AzurePolicyTree lists the plan's Azure Policy assignments with their counts and every
// verdict that is not plainly compliant, with what decided it.
func (d *Document) AzurePolicyTree() string {
	if !d.AzurePolicy.Evaluated {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Azure Policy: %d assignments, evaluated as Azure would evaluate this plan\n", len(d.AzurePolicy.Assignments))
	byAssignment := map[string][]AzureVerdict{}
	for _, v := range d.AzurePolicy.Verdicts {
		if v.Result != "compliant" {
			byAssignment[v.Assignment] = append(byAssignment[v.Assignment], v)
		}
	}
	names := map[string]string{}
	for _, r := range d.Resources {
		names[r.URN] = r.Name
	}
	for i, a := range d.AzurePolicy.Assignments {
		branch, next := "├─ ", "│  "
		if i == len(d.AzurePolicy.Assignments)-1 {
			branch, next = "└─ ", "   "
		}
		effect := a.Effect
		if effect == "" {
			effect = "-"
		}
		line := fmt.Sprintf("%s%s [%s] %s", branch, a.Name, effect, a.Status)
		if a.Status == "evaluated" {
			line += fmt.Sprintf(": %d resources, %d compliant, %d non-compliant, %d errors, %d exempt", a.Resources, a.Compliant, a.NonCompliant, a.Errors, a.Exempt)
			if a.Unevaluated > 0 {
				line += fmt.Sprintf(", %d unevaluated", a.Unevaluated)
			}
		} else if a.Note != "" {
			line += ": " + a.Note
		}
		b.WriteString(line + "\n")
		for _, v := range byAssignment[a.Name] {
			if v.Result == "exempt" {
				continue
			}
			fmt.Fprintf(&b, "%s   %s %s → %s: %s\n", next, names[v.URN], v.Result, v.Action, v.Reason)
		}
	}
	b.WriteString("\n")
	return b.String()
}

// SummaryLine is the plan's one-line summary (and its critical path).
func (d *Document) SummaryLine() string {
	var names []string
	byURN := map[string]DocResource{}
	for _, r := range d.Resources {
		byURN[r.URN] = r
	}
	for _, u := range d.CriticalPath.Resources {
		names = append(names, byURN[u].Name)
	}
	policy := "policy: not evaluated"
	if d.Policy.Evaluated {
		mandatory, advisory := 0, 0
		for _, v := range d.Policy.Violations {
			if v.Enforcement == "mandatory" {
				mandatory++
			} else {
				advisory++
			}
		}
		policy = fmt.Sprintf("policy: %d mandatory, %d advisory violations", mandatory, advisory)
	}
	if d.AzurePolicy.Evaluated {
		audits := 0
		for _, v := range d.AzurePolicy.Verdicts {
			if v.Action == "audit" {
				audits++
			}
		}
		policy += fmt.Sprintf(" · azure policy: %d denials, %d audits", len(d.AzurePolicyDenials()), audits)
	}
	return fmt.Sprintf("Summary: %d resources (%d components, %d Azure resources) · %s\nCritical path: %d hops, ≈%.1f min (longest chain %d hops): %s\n",
		d.Summary.Resources, d.Summary.Components, d.Summary.Custom, policy,
		d.CriticalPath.Hops, d.CriticalPath.Minutes, d.CriticalPath.LongestChainHops, strings.Join(names, " → "))
}

// mermaidID makes a node id from a logical name.
func mermaidID(name string) string {
	return strings.NewReplacer("-", "_", ".", "_", ":", "_", "/", "_").Replace(name)
}

// diagramHidden are types summarized instead of drawn.
var diagramHidden = map[string]bool{
	"azure-native:authorization:RoleAssignment": true,
	"azure-native:insights:DiagnosticSetting":   true,
	"azure-native:network:PrivateDnsZoneGroup":  true,
	"azure-native:network:VirtualNetworkLink":   true,
	"azure-native:network:PrivateZone":          true,
}

// Mermaid renders an architecture diagram (components as subgraphs, Azure resources as
// nodes, dependencies as edges, diagnostics as dotted edges to the Log Analytics workspace).
func (d *Document) Mermaid() string {
	var b strings.Builder
	b.WriteString("flowchart LR\n")
	children := map[string][]DocResource{}
	byURN := map[string]DocResource{}
	idOf := map[string]string{} // resource id -> URN
	for _, r := range d.Resources {
		byURN[r.URN] = r
		children[r.Parent] = append(children[r.Parent], r)
		if r.ID != "" {
			idOf[r.ID] = r.URN
		}
	}
	var node func(r DocResource, indent string)
	node = func(r DocResource, indent string) {
		if !r.Custom {
			fmt.Fprintf(&b, "%ssubgraph %s[\"%s: %s\"]\n", indent, mermaidID(r.Name), shortType(r.Type), r.Name)
			roles, zones, links := 0, 0, 0
			for _, c := range children[r.URN] {
				switch Unversioned(c.Type) {
				case "azure-native:authorization:RoleAssignment":
					roles++
				case "azure-native:network:PrivateZone":
					zones++
				case "azure-native:network:VirtualNetworkLink":
					links++
				}
				node(c, indent+"  ")
			}
			if roles > 0 {
				fmt.Fprintf(&b, "%s  %s_roles([\"%d role assignments\"])\n", indent, mermaidID(r.Name), roles)
			}
			if zones > 0 {
				fmt.Fprintf(&b, "%s  %s_dns[(\"%d private DNS zones<br/>%d VNet links\")]\n", indent, mermaidID(r.Name), zones, links)
			}
			fmt.Fprintf(&b, "%send\n", indent)
			return
		}
		if diagramHidden[Unversioned(r.Type)] {
			return
		}
		label := shortType(r.Type)
		if n := physicalName(r); n != "" {
			label += "<br/>" + n
		}
		fmt.Fprintf(&b, "%s%s[\"%s\"]\n", indent, mermaidID(r.Name), label)
	}
	for _, r := range children[""] {
		node(r, "  ")
	}
	edges := map[string]bool{}
	var lines []string
	for _, r := range d.Resources {
		if !r.Custom {
			continue
		}
		typ := Unversioned(r.Type)
		if typ == "azure-native:insights:DiagnosticSetting" {
			target := idOf[fmt.Sprint(r.Inputs["resourceUri"])]
			if target == "" { // a sub-service (blobServices/default): draw from its resource,
				// the longest id it extends (the resource group's id is a prefix too).
				// Shorten the uri a segment at a time: a lookup per segment, not a scan of
				// every id per setting.
				uri := fmt.Sprint(r.Inputs["resourceUri"])
				for i := strings.LastIndex(uri, "/"); i > 0 && target == ""; i = strings.LastIndex(uri, "/") {
					uri = uri[:i]
					target = idOf[uri]
				}
			}
			law := idOf[fmt.Sprint(r.Inputs["workspaceId"])]
			if target != "" && law != "" {
				e := fmt.Sprintf("  %s -. diagnostics .-> %s", mermaidID(byURN[target].Name), mermaidID(byURN[law].Name))
				if !edges[e] {
					edges[e] = true
					lines = append(lines, e)
				}
			}
			continue
		}
		if diagramHidden[typ] {
			continue
		}
		for _, deps := range r.PropertyDependencies {
			for _, dep := range deps {
				dr, ok := byURN[dep]
				// Every resource sits in the resource group; an edge to it says nothing.
				if !ok || !dr.Custom || diagramHidden[Unversioned(dr.Type)] || dep == r.URN ||
					Unversioned(dr.Type) == "azure-native:resources:ResourceGroup" {
					continue
				}
				e := fmt.Sprintf("  %s --> %s", mermaidID(r.Name), mermaidID(dr.Name))
				if !edges[e] {
					edges[e] = true
					lines = append(lines, e)
				}
			}
		}
	}
	sort.Strings(lines)
	for _, l := range lines {
		b.WriteString(l + "\n")
	}
	return b.String()
}
