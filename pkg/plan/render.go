package plan

import (
	"fmt"
	"sort"
	"strconv"
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
	"azure-native:machinelearningservices:Registry": {{"registryProperties.publicNetworkAccess", "public access"}, {"identity.type", "identity"},
		{"registryProperties.regionDetails[0].location", "region"}, {"registryProperties.regionDetails[1].location", "replica"},
		{"registryProperties.regionDetails[0].storageAccountDetails[0].systemCreatedStorageAccount.storageAccountType", "storage"}},
	"azure-native:machinelearningservices:Compute": {{"properties.properties.vmSize", "vm"},
		{"properties.properties.scaleSettings.minNodeCount", "min"}, {"properties.properties.scaleSettings.maxNodeCount", "max"},
		{"properties.properties.enableNodePublicIp", "node public IP"}, {"properties.properties.remoteLoginPortPublicAccess", "SSH"},
		{"properties.disableLocalAuth", "local auth disabled"},
		// compute instances
		{"properties.properties.personalComputeInstanceSettings.assignedUser.objectId", "user"},
		{"properties.properties.sshSettings.sshPublicAccess", "SSH"},
		{"properties.properties.idleTimeBeforeShutdown", "idle shutdown"}},
	"azure-native:machinelearningservices:Datastore": {{"datastoreProperties.datastoreType", "type"},
		{"datastoreProperties.accountName", "account"}, {"datastoreProperties.containerName", "container"},
		{"datastoreProperties.filesystem", "filesystem"}, {"datastoreProperties.credentials.credentialsType", "credentials"},
		{"datastoreProperties.serviceDataAccessAuthIdentity", "studio identity"}},
	"azure-native:network:PrivateEndpoint":      {{"privateLinkServiceConnections[0].groupIds", "groups"}},
	"azure-native:network:PrivateDnsZoneGroup":  {{"privateDnsZoneConfigs[0].name", "zone"}, {"privateDnsZoneConfigs[1].name", "zone"}},
	"azure-native:network:VirtualNetwork":       {{"addressSpace.addressPrefixes", "address space"}},
	"azure-native:network:Subnet":               {{"addressPrefix", "prefix"}, {"privateEndpointNetworkPolicies", "endpoint network policies"}},
	"azure-native:network:NetworkSecurityGroup": {{"securityRules[0].name", "rule"}, {"securityRules[1].name", "rule"}},
	"azure-native:network:VirtualNetworkLink":   {{"registrationEnabled", "auto-registration"}},
	// Operations: what an operator is told, when, and what cannot be deleted.
	"azure-native:insights:ActionGroup": {{"emailReceivers[0].emailAddress", "email"}, {"emailReceivers[1].emailAddress", "email"},
		{"webhookReceivers[0].name", "webhook"}},
	"azure-native:consumption:Budget": {{"amount", "amount"}, {"timeGrain", "grain"}, {"filter.tags.values", "workload"},
		{"timePeriod.startDate", "from"}},
	"azure-native:insights:MetricAlert": {{"criteria.allOf[0].metricName", "metric"}, {"criteria.allOf[0].operator", "op"},
		{"criteria.allOf[0].threshold", "threshold"}, {"severity", "severity"}},
	"azure-native:insights:ScheduledQueryRule":         {{"severity", "severity"}, {"evaluationFrequency", "every"}},
	"azure-native:authorization:ManagementLockByScope": {{"level", "level"}},
	"azure-native:containerregistry:Replication":       {{"location", "location"}},

	// destination is a string for FQDN rules and an object for the others (describe skips
	// objects; their fields are listed one by one).
	"azure-native:machinelearningservices:ManagedNetworkSettingsRule": {{"properties.type", "type"},
		{"properties.destination", "destination"},
		{"properties.destination.serviceTag", "tag"}, {"properties.destination.protocol", "protocol"},
		{"properties.destination.portRanges", "ports"}, {"properties.destination.addressPrefixes", "prefixes"},
		{"properties.destination.action", "action"},
		{"properties.destination.serviceResourceId", "resource"},
		{"properties.destination.subresourceTarget", "target"}, {"properties.destination.sparkEnabled", "spark"}},
}

// kinds names the resource types whose type name alone is ambiguous or cryptic in a plan:
// two different Azure services are both a "Workspace".
var kinds = map[string]string{
	"azure-native:operationalinsights:Workspace":     "Log Analytics",
	"azure-native:machinelearningservices:Workspace": "ML Workspace",
	"azure-native:insights:Component":                "App Insights",
}

// Kind is how the plan names a resource's type for people: the type name ("Vault",
// "PrivateEndpoint"), or the service where the type name is ambiguous ("ML Workspace",
// "Log Analytics").
func Kind(t string) string {
	if k, ok := kinds[Unversioned(t)]; ok {
		return k
	}
	return shortType(t)
}

// physicalName is the Azure name of a resource (last segment of its id).
func physicalName(r DocResource) string {
	if r.ID == "" {
		return ""
	}
	return r.ID[strings.LastIndex(r.ID, "/")+1:]
}

// shownSteps are the paths of shown, parsed once.
var shownSteps = func() map[string][][]pathStep {
	out := make(map[string][][]pathStep, len(shown))
	for typ, settings := range shown {
		for _, s := range settings {
			steps, ok := parsePath(s.path)
			if !ok {
				panic("plan: malformed shown path " + s.path)
			}
			out[typ] = append(out[typ], steps)
		}
	}
	return out
}()

func lookupPlain(m map[string]any, steps []pathStep) (any, bool) {
	var cur any = m
	for _, st := range steps {
		obj, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		if cur, ok = obj[st.key]; !ok {
			return nil, false
		}
		if st.idx >= 0 {
			arr, ok := cur.([]any)
			if !ok || st.idx >= len(arr) {
				return nil, false
			}
			cur = arr[st.idx]
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
		return strconv.FormatFloat(x, 'g', -1, 64)
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
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
		s := fmt.Sprintf("%s on %s", role, scope[strings.LastIndex(scope, "/")+1:])
		if pt := fmt.Sprint(r.Inputs["principalType"]); pt == "Group" {
			s += " · to group " + fmt.Sprint(r.Inputs["principalId"])
		}
		return s
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
	for i, s := range shown[typ] {
		v, ok := lookupPlain(r.Inputs, shownSteps[typ][i])
		if _, isObject := v.(map[string]any); !ok || isObject {
			continue
		}
		val := formatValue(v)
		if strings.HasPrefix(val, "/subscriptions/") { // an ARM id: the target's name says enough
			val = val[strings.LastIndex(val, "/")+1:]
		}
		parts = append(parts, s.label+"="+val)
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
	children := make(map[string][]*DocResource, len(d.Resources)/4)
	var roots []*DocResource
	for i := range d.Resources {
		r := &d.Resources[i]
		if r.Parent == "" {
			roots = append(roots, r)
		} else {
			children[r.Parent] = append(children[r.Parent], r)
		}
	}
	var walk func(r *DocResource, prefix string, last bool, root bool)
	walk = func(r *DocResource, prefix string, last bool, root bool) {
		branch, next := "├─ ", "│  "
		if last {
			branch, next = "└─ ", "   "
		}
		if root {
			branch, next = "", ""
		}
		b.WriteString(prefix)
		b.WriteString(branch)
		b.WriteString(r.Name)
		if r.Custom {
			b.WriteString(" [" + Kind(r.Type) + "]")
		} else {
			b.WriteString(" (" + shortType(r.Type) + ")")
		}
		if n := physicalName(*r); n != "" && !diagramHidden[Unversioned(r.Type)] {
			b.WriteString(" " + n)
		}
		if desc := describe(*r); desc != "" {
			b.WriteString("  — " + desc)
		}
		b.WriteString("\n")
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
	b.WriteString(d.Findings())
	b.WriteString(d.SummaryLine())
	b.WriteString(d.ResultLine() + "\n")
	return b.String()
}

// Findings lists every policy finding, mandatory first: each Rego violation with its rule,
// resource, message and fix, and each Azure Policy verdict that is not plainly compliant with
// its assignment, resource and the reason Azure would give.
func (d *Document) Findings() string {
	if !d.Policy.Evaluated && !d.AzurePolicy.Evaluated {
		return ""
	}
	byURN := map[string]DocResource{}
	for _, r := range d.Resources {
		byURN[r.URN] = r
	}
	on := func(urn string) string {
		if urn == "" {
			return "the stack"
		}
		if r, ok := byURN[urn]; ok {
			return fmt.Sprintf("%s [%s]", r.Name, Kind(r.Type))
		}
		return urn
	}
	type finding struct {
		mandatory bool
		head      string
		lines     []string
	}
	var fs []finding
	for _, v := range d.Policy.Violations {
		f := finding{mandatory: v.Enforcement == "mandatory", lines: []string{v.Message}}
		level := "advisory"
		if f.mandatory {
			level = "MANDATORY"
		}
		f.head = fmt.Sprintf("%-9s  %s  on %s", level, v.Policy, on(v.URN))
		if v.Fix != "" {
			f.lines = append(f.lines, "fix: "+v.Fix)
		}
		fs = append(fs, f)
	}
	for _, v := range d.AzurePolicy.Verdicts {
		if v.Result == "compliant" || v.Result == "exempt" {
			continue
		}
		level := strings.Fields(v.Action + " -")[0] // "modify: ..." → "modify:"
		level = strings.TrimSuffix(level, ":")
		if v.Denies() {
			level = "DENY"
		}
		fs = append(fs, finding{mandatory: v.Denies(),
			head:  fmt.Sprintf("%-9s  Azure Policy %s  on %s", level, v.Assignment, on(v.URN)),
			lines: []string{fmt.Sprintf("%s → %s: %s", v.Result, v.Action, v.Reason)}})
	}
	if len(fs) == 0 {
		return "Policy findings: none\n\n"
	}
	// Mandatory first; otherwise in the order found (rule, then resource order).
	sort.SliceStable(fs, func(i, j int) bool { return fs[i].mandatory && !fs[j].mandatory })
	mandatory := 0
	for _, f := range fs {
		if f.mandatory {
			mandatory++
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Policy findings: %d mandatory, %d advisory (mandatory ones stop `pulumi up`)\n", mandatory, len(fs)-mandatory)
	for _, f := range fs {
		fmt.Fprintf(&b, "  %s\n", f.head)
		for _, l := range f.lines {
			fmt.Fprintf(&b, "             %s\n", l)
		}
	}
	b.WriteString("\n")
	return b.String()
}

// ResultLine is the plan's verdict, the last line of the tree; it names the exit status the
// CLI returns for this plan (0 planned, 1 mandatory violation or Azure Policy denial).
func (d *Document) ResultLine() string {
	mandatory, advisory := 0, 0
	for _, v := range d.Policy.Violations {
		if v.Enforcement == "mandatory" {
			mandatory++
		} else {
			advisory++
		}
	}
	denials := len(d.AzurePolicyDenials())
	for _, v := range d.AzurePolicy.Verdicts {
		if v.Result != "compliant" && v.Result != "exempt" && !v.Denies() {
			advisory++
		}
	}
	if !d.Policy.Evaluated && !d.AzurePolicy.Evaluated {
		return "Result: planned, policies not evaluated (exit 0)"
	}
	if d.HasMandatoryViolation() {
		return fmt.Sprintf("Result: REFUSED: %s, %s (exit 1); %s",
			plural(mandatory, "mandatory violation", "mandatory violations"), plural(denials, "Azure Policy denial", "Azure Policy denials"),
			plural(advisory, "advisory finding", "advisory findings"))
	}
	return fmt.Sprintf("Result: planned, no mandatory violation, no Azure Policy denial (exit 0); %s",
		plural(advisory, "advisory finding", "advisory findings"))
}

// AzurePolicyTree lists the plan's Azure Policy assignments with their counts (Findings lists
// the verdicts that are not plainly compliant, with what decided them).
func (d *Document) AzurePolicyTree() string {
	if !d.AzurePolicy.Evaluated {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Azure Policy: %d assignments, evaluated as Azure would evaluate this plan\n", len(d.AzurePolicy.Assignments))
	for i, a := range d.AzurePolicy.Assignments {
		branch := "├─ "
		if i == len(d.AzurePolicy.Assignments)-1 {
			branch = "└─ "
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
		policy = fmt.Sprintf("policy violations: %d mandatory, %d advisory", mandatory, advisory)
	}
	if d.AzurePolicy.Evaluated {
		audits := 0
		for _, v := range d.AzurePolicy.Verdicts {
			if v.Action == "audit" {
				audits++
			}
		}
		policy += fmt.Sprintf(" · azure policy: %s, %s", plural(len(d.AzurePolicyDenials()), "denial", "denials"), plural(audits, "audit", "audits"))
	}
	// The longest chain by count is worth a mention only when it is not the critical path.
	longest := ""
	if d.CriticalPath.LongestChainHops > d.CriticalPath.Hops {
		longest = fmt.Sprintf(" (a quicker chain has %d hops)", d.CriticalPath.LongestChainHops)
	}
	return fmt.Sprintf("Summary: %d resources (%d components, %d Azure resources) · %s\nCritical path: %d hops, ≈%.1f min%s: %s\n",
		d.Summary.Resources, d.Summary.Components, d.Summary.Custom, policy,
		d.CriticalPath.Hops, d.CriticalPath.Minutes, longest, strings.Join(names, " → "))
}

// mermaidEscape turns a logical name into a node id.
var mermaidEscape = strings.NewReplacer("-", "_", ".", "_", ":", "_", "/", "_", " ", "_")

// mermaidID makes a node id from a logical name.
func mermaidID(name string) string { return mermaidEscape.Replace(name) }

// mermaidIDs gives every resource a node id of its own (ids[i] is rs[i]'s). Logical names are
// unique per type only (Governance names a PolicyDefinition and its PolicyAssignment alike),
// and Mermaid merges nodes that share an id, so a second resource of the same name gets its
// type appended. The synthetic nodes (a component's role and DNS summaries) are reserved the
// same way, so no resource can take their id either.
func mermaidIDs(rs []DocResource) (ids []string, unique func(base string) string) {
	used := make(map[string]bool, len(rs))
	unique = func(base string) string {
		id := base
		for n := 2; used[id]; n++ {
			id = fmt.Sprintf("%s_%d", base, n)
		}
		used[id] = true
		return id
	}
	ids = make([]string, len(rs))
	for i, r := range rs {
		base := mermaidID(r.Name)
		if used[base] {
			base += "_" + shortType(r.Type)
		}
		ids[i] = unique(base)
	}
	return ids, unique
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
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
	// Resources by index: one map of URNs, every other lookup a slice.
	rs := d.Resources
	index := make(map[string]int, len(rs))
	for i := range rs {
		index[rs[i].URN] = i
	}
	children := make(map[string][]int, len(rs)/4)
	idOf := make(map[string]int, len(rs)) // resource id -> index
	nodeID, reserve := mermaidIDs(rs)
	for i := range rs {
		children[rs[i].Parent] = append(children[rs[i].Parent], i)
		if rs[i].ID != "" {
			idOf[rs[i].ID] = i
		}
	}
	var node func(i int, indent string)
	node = func(i int, indent string) {
		r := &rs[i]
		if !r.Custom {
			fmt.Fprintf(&b, "%ssubgraph %s[\"%s: %s\"]\n", indent, nodeID[i], shortType(r.Type), r.Name)
			roles, zones, links := 0, 0, 0
			for _, c := range children[r.URN] {
				switch Unversioned(rs[c].Type) {
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
				fmt.Fprintf(&b, "%s  %s([\"%s\"])\n", indent, reserve(nodeID[i]+"_roles"), plural(roles, "role assignment", "role assignments"))
			}
			if zones > 0 {
				fmt.Fprintf(&b, "%s  %s[(\"%s<br/>%s\")]\n", indent, reserve(nodeID[i]+"_dns"),
					plural(zones, "private DNS zone", "private DNS zones"), plural(links, "VNet link", "VNet links"))
			}
			fmt.Fprintf(&b, "%send\n", indent)
			return
		}
		if diagramHidden[Unversioned(r.Type)] {
			return
		}
		label := Kind(r.Type)
		if n := physicalName(*r); n != "" {
			label += "<br/>" + n
		}
		b.WriteString(indent + nodeID[i] + "[\"" + label + "\"]\n")
	}
	for _, i := range children[""] {
		node(i, "  ")
	}
	type edge struct {
		from, to    int
		diagnostics bool
	}
	edges := make(map[edge]bool, len(rs))
	var lines []string
	for i := range rs {
		r := &rs[i]
		if !r.Custom {
			continue
		}
		typ := Unversioned(r.Type)
		if typ == "azure-native:insights:DiagnosticSetting" {
			uri := fmt.Sprint(r.Inputs["resourceUri"])
			target, found := idOf[uri]
			// A sub-service (blobServices/default): draw from its resource, the longest id it
			// extends (the resource group's id is a prefix too). Shorten the uri a segment at a
			// time: a lookup per segment, not a scan of every id per setting.
			for j := strings.LastIndex(uri, "/"); !found && j > 0; j = strings.LastIndex(uri, "/") {
				uri = uri[:j]
				target, found = idOf[uri]
			}
			law, lawFound := idOf[fmt.Sprint(r.Inputs["workspaceId"])]
			if e := (edge{target, law, true}); found && lawFound && !edges[e] {
				edges[e] = true
				lines = append(lines, "  "+nodeID[target]+" -. diagnostics .-> "+nodeID[law])
			}
			continue
		}
		if diagramHidden[typ] {
			continue
		}
		for _, deps := range r.PropertyDependencies {
			for _, dep := range deps {
				j, ok := index[dep]
				if !ok {
					continue
				}
				dr := &rs[j]
				// Every resource sits in the resource group; an edge to it says nothing.
				if !dr.Custom || diagramHidden[Unversioned(dr.Type)] || dep == r.URN ||
					Unversioned(dr.Type) == "azure-native:resources:ResourceGroup" {
					continue
				}
				if e := (edge{i, j, false}); !edges[e] {
					edges[e] = true
					lines = append(lines, "  "+nodeID[i]+" --> "+nodeID[j])
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
