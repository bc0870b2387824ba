package azpolicy

import (
	"fmt"
	"strings"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/plan"
)

// Resource is a planned resource as Azure Policy sees it: its ARM type, id, names and the
// ARM request body (location, tags, identity, sku, kind, properties).
type Resource struct {
	URN string
	// Token is the azure-native type token without API version.
	Token    string
	Type     string
	ID       string
	Name     string
	FullName string
	Body     map[string]any
	// Indexed says whether the type supports tags and location (definitions of mode Indexed
	// evaluate only those).
	Indexed bool
	lowerID string
}

// shape says how an azure-native resource's inputs become the ARM request body.
type shape struct {
	// armType: the ARM resource type (Microsoft.X/y[/z]).
	armType string
	// flatten: azure-native flattens the ARM "properties" object into top-level inputs
	// (x-ms-client-flatten in the REST spec); every input that is neither a URL parameter nor
	// an envelope property belongs under "properties". Otherwise the inputs carry
	// "properties" themselves.
	flatten bool
	// urlParams are inputs that name the resource or its parents in the request URL, not in
	// the body.
	urlParams []string
	// indexed: the type supports tags and location, so mode Indexed evaluates it; resource
	// groups are the documented exception (definition-structure-basics.md, "Resource Manager
	// modes": "indexed: only evaluate resource types that support tags and location ... The
	// exception is resource groups and subscriptions").
	indexed bool
}

// envelope are the top-level ARM properties of a tracked resource besides "properties"
// (azure-resource-manager/management/resource-providers-and-types; REST specs' Resource and
// TrackedResource definitions).
var envelope = map[string]bool{"location": true, "tags": true, "identity": true, "sku": true, "kind": true,
	"zones": true, "extendedLocation": true, "managedBy": true, "plan": true, "etag": true}

// shapes: azure-native 2.92.3 type tokens (no API version) -> ARM shape. Flattening follows
// the published SDK's inputs (@pulumi/azure-native@2.92.3 types/input.d.ts: e.g. the ML
// Workspace's publicNetworkAccess is a top-level input, the ML Compute's "properties" is one
// input holding the polymorphic Compute object; the Key Vault's "properties" likewise).
var shapes = map[string]shape{
	"azure-native:machinelearningservices:Workspace":                  {"Microsoft.MachineLearningServices/workspaces", true, []string{"resourceGroupName", "workspaceName"}, true},
	"azure-native:machinelearningservices:Compute":                    {"Microsoft.MachineLearningServices/workspaces/computes", false, []string{"resourceGroupName", "workspaceName", "computeName"}, true},
	"azure-native:machinelearningservices:ManagedNetworkSettingsRule": {"Microsoft.MachineLearningServices/workspaces/outboundRules", false, []string{"resourceGroupName", "workspaceName", "ruleName"}, false},
	"azure-native:machinelearningservices:Datastore":                  {"Microsoft.MachineLearningServices/workspaces/datastores", false, []string{"resourceGroupName", "workspaceName", "name"}, false},
	"azure-native:machinelearningservices:Registry":                   {"Microsoft.MachineLearningServices/registries", false, []string{"resourceGroupName", "registryName"}, true},
	"azure-native:resources:ResourceGroup":                            {"Microsoft.Resources/resourceGroups", false, []string{"resourceGroupName"}, false},
	"azure-native:operationalinsights:Workspace":                      {"Microsoft.OperationalInsights/workspaces", true, []string{"resourceGroupName", "workspaceName"}, true},
	"azure-native:insights:Component":                                 {"Microsoft.Insights/components", true, []string{"resourceGroupName", "resourceName"}, true},
	"azure-native:insights:DiagnosticSetting":                         {"Microsoft.Insights/diagnosticSettings", true, []string{"resourceUri", "name"}, false},
	"azure-native:keyvault:Vault":                                     {"Microsoft.KeyVault/vaults", false, []string{"resourceGroupName", "vaultName"}, true},
	"azure-native:keyvault:Secret":                                    {"Microsoft.KeyVault/vaults/secrets", false, []string{"resourceGroupName", "vaultName", "secretName"}, false},
	"azure-native:storage:StorageAccount":                             {"Microsoft.Storage/storageAccounts", true, []string{"resourceGroupName", "accountName"}, true},
	"azure-native:storage:BlobServiceProperties":                      {"Microsoft.Storage/storageAccounts/blobServices", true, []string{"resourceGroupName", "accountName", "blobServicesName"}, false},
	"azure-native:storage:ManagementPolicy":                           {"Microsoft.Storage/storageAccounts/managementPolicies", true, []string{"resourceGroupName", "accountName", "managementPolicyName"}, false},
	"azure-native:insights:ActionGroup":                               {"Microsoft.Insights/actionGroups", true, []string{"resourceGroupName", "actionGroupName"}, true},
	"azure-native:insights:MetricAlert":                               {"Microsoft.Insights/metricAlerts", true, []string{"resourceGroupName", "ruleName"}, true},
	"azure-native:insights:ScheduledQueryRule":                        {"Microsoft.Insights/scheduledQueryRules", true, []string{"resourceGroupName", "ruleName"}, true},
	"azure-native:insights:Workbook":                                  {"Microsoft.Insights/workbooks", true, []string{"resourceGroupName", "resourceName"}, true},
	"azure-native:consumption:Budget":                                 {"Microsoft.Consumption/budgets", true, []string{"scope", "budgetName"}, false},
	"azure-native:authorization:ManagementLockByScope":                {"Microsoft.Authorization/locks", true, []string{"scope", "lockName"}, false},
	"azure-native:containerregistry:Replication":                      {"Microsoft.ContainerRegistry/registries/replications", true, []string{"resourceGroupName", "registryName", "replicationName"}, true},
	"azure-native:insights:PrivateLinkScope":                          {"Microsoft.Insights/privateLinkScopes", true, []string{"resourceGroupName", "scopeName"}, true},
	"azure-native:insights:PrivateLinkScopedResource":                 {"Microsoft.Insights/privateLinkScopes/scopedResources", true, []string{"resourceGroupName", "scopeName", "name"}, false},
	"azure-native:storage:FileServiceProperties":                      {"Microsoft.Storage/storageAccounts/fileServices", true, []string{"resourceGroupName", "accountName", "fileServicesName"}, false},
	"azure-native:containerregistry:Registry":                         {"Microsoft.ContainerRegistry/registries", true, []string{"resourceGroupName", "registryName"}, true},
	"azure-native:managedidentity:UserAssignedIdentity":               {"Microsoft.ManagedIdentity/userAssignedIdentities", true, []string{"resourceGroupName", "resourceName"}, true},
	"azure-native:authorization:RoleAssignment":                       {"Microsoft.Authorization/roleAssignments", true, []string{"scope", "roleAssignmentName"}, false},
	"azure-native:authorization:PolicyAssignment":                     {"Microsoft.Authorization/policyAssignments", true, []string{"scope", "policyAssignmentName"}, false},
	"azure-native:authorization:PolicyDefinition":                     {"Microsoft.Authorization/policyDefinitions", true, []string{"policyDefinitionName"}, false},
	"azure-native:authorization:PolicyExemption":                      {"Microsoft.Authorization/policyExemptions", true, []string{"scope", "policyExemptionName"}, false},
	"azure-native:network:VirtualNetwork":                             {"Microsoft.Network/virtualNetworks", true, []string{"resourceGroupName", "virtualNetworkName"}, true},
	"azure-native:network:Subnet":                                     {"Microsoft.Network/virtualNetworks/subnets", true, []string{"resourceGroupName", "virtualNetworkName", "subnetName"}, false},
	"azure-native:network:NetworkSecurityGroup":                       {"Microsoft.Network/networkSecurityGroups", true, []string{"resourceGroupName", "networkSecurityGroupName"}, true},
	"azure-native:network:PrivateEndpoint":                            {"Microsoft.Network/privateEndpoints", true, []string{"resourceGroupName", "privateEndpointName"}, true},
	"azure-native:network:PrivateDnsZoneGroup":                        {"Microsoft.Network/privateEndpoints/privateDnsZoneGroups", true, []string{"resourceGroupName", "privateEndpointName", "privateDnsZoneGroupName"}, false},
	"azure-native:network:PrivateZone":                                {"Microsoft.Network/privateDnsZones", true, []string{"resourceGroupName", "privateZoneName"}, true},
	"azure-native:network:VirtualNetworkLink":                         {"Microsoft.Network/privateDnsZones/virtualNetworkLinks", true, []string{"resourceGroupName", "privateZoneName", "virtualNetworkLinkName"}, true},
}

// FromPlan converts a planned custom resource into its ARM view. ok is false for components
// and for types the shape table does not know (they are counted, not evaluated).
func FromPlan(r plan.DocResource) (*Resource, bool) {
	return fromPlan(r, func(string) bool { return true })
}

// fromPlan builds the body only when withBody(ARM type) says a definition may read it.
func fromPlan(r plan.DocResource, withBody func(armType string) bool) (*Resource, bool) {
	if !r.Custom {
		return nil, false
	}
	tok := plan.Unversioned(r.Type)
	sh, ok := shapes[tok]
	if !ok {
		return nil, false
	}
	name, full := namesFromID(r.ID, r.Name)
	res := &Resource{URN: r.URN, Token: tok, Type: sh.armType, ID: r.ID, Name: name, FullName: full, Indexed: sh.indexed, lowerID: strings.ToLower(r.ID)}
	if !withBody(sh.armType) {
		return res, true
	}
	body := map[string]any{}
	props := map[string]any{}
	skip := map[string]bool{}
	for _, k := range sh.urlParams {
		skip[k] = true
	}
	for k, v := range r.Inputs {
		switch {
		case skip[k]:
		case envelope[k]:
			body[k] = armValue(v)
		case sh.flatten:
			props[k] = armValue(v)
		case inputRenames[tok][k] != "":
			body[inputRenames[tok][k]] = armValue(v)
		default:
			body[k] = armValue(v)
		}
	}
	if sh.flatten && len(props) > 0 {
		body["properties"] = props
	}
	res.Body = body
	return res, true
}

// inputRenames: inputs azure-native names differently from the ARM body. The ML registry's
// "properties" is the input "registryProperties" (@pulumi/azure-native@2.92.3
// machinelearningservices/v20241001/registry.d.ts), so that SDKs keep "properties" free.
var inputRenames = map[string]map[string]string{
	"azure-native:machinelearningservices:Registry": {"registryProperties": "properties"},
	// A Datastore's "properties" is "datastoreProperties" (types/input.d.ts DatastoreArgs).
	"azure-native:machinelearningservices:Datastore": {"datastoreProperties": "properties"},
}

// armValue copies a plain plan value, turning the plan's redaction markers into Unknown.
func armValue(v any) any {
	switch x := v.(type) {
	case string:
		if x == plan.UnknownMarker || x == plan.SecretMarker {
			return Unknown{What: "a value marked " + x}
		}
		return x
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = armValue(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = armValue(e)
		}
		return out
	case []string:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = armValue(e)
		}
		return out
	case int:
		return float64(x) // JSON has one number type; values built in Go may not
	case int64:
		return float64(x)
	case float32:
		return float64(x)
	}
	return v
}

// namesFromID: name is the last segment of the id; fullName joins the names of the resource
// and its parents below the provider namespace (definition-structure-policy-rule.md, "Fields":
// "myServer/myDatabase").
func namesFromID(id, fallback string) (string, string) {
	i := strings.LastIndex(id, "/providers/")
	if i < 0 {
		parts := strings.Split(strings.Trim(id, "/"), "/")
		if len(parts) > 0 && parts[len(parts)-1] != "" {
			return parts[len(parts)-1], parts[len(parts)-1]
		}
		return fallback, fallback
	}
	segs := strings.Split(strings.Trim(id[i+len("/providers/"):], "/"), "/")
	// namespace, type, name, [childType, childName]...
	var names []string
	for j := 2; j < len(segs); j += 2 {
		names = append(names, segs[j])
	}
	if len(names) == 0 {
		return fallback, fallback
	}
	return names[len(names)-1], strings.Join(names, "/")
}

// selected is one value a field selects; found is false for a missing property.
type selected struct {
	v     any
	found bool
}

type selection struct {
	path       string
	collection bool
	values     []selected
}

// selectField resolves a field of a condition or of field(): the resource's own fields, tags,
// or an alias from the alias table.
func (s *scope) selectField(name string) (selection, error) {
	r := s.res
	one := func(path string, v any, found bool) selection {
		return selection{path: path, values: []selected{{v, found}}}
	}
	lower := strings.ToLower(name)
	switch lower {
	case "type":
		return one("type", r.Type, true), nil
	case "name":
		return one("name", r.Name, true), nil
	case "fullname":
		return one("fullName", r.FullName, true), nil
	case "id":
		return one("id", r.ID, true), nil
	case "kind", "location", "tags", "identity.type":
		path := map[string]string{"kind": "kind", "location": "location", "tags": "tags", "identity.type": "identity.type"}[lower]
		vals := selectPath(r.Body, parsePath(path))
		return selection{path: path, values: vals}, nil
	}
	if tag, ok := tagName(name); ok {
		tags, _ := lookupKey(r.Body, "tags")
		m, _ := tags.(map[string]any)
		v, found := lookupKey(m, tag)
		return one("tags['"+tag+"']", v, found), nil
	}
	a, ok := aliasByName[lower]
	if !ok {
		return selection{}, unsupported("alias %s is not in pkg/azpolicy's alias table", name)
	}
	if !strings.EqualFold(a.resourceType(), r.Type) {
		// An alias of another type selects nothing on this resource.
		if a.isArray() {
			return selection{path: a.Path, collection: true}, nil
		}
		return one(a.Path, nil, false), nil
	}
	segs := parsePath(a.Path)
	// Members a count expression is enumerating replace their array: the i-th [*] of the alias
	// name corresponds to the i-th [*] of its path.
	if len(s.fieldBindings) > 0 {
		stars := 0
		for i, seg := range segs {
			if !seg.star {
				continue
			}
			prefix := aliasStarPrefix(lower, stars)
			stars++
			if member, bound := s.fieldBindings[prefix]; bound {
				vals := selectPath(member, segs[i+1:])
				return selection{path: a.Path, collection: true, values: vals}, nil
			}
		}
	}
	vals := selectPath(r.Body, segs)
	return selection{path: a.Path, collection: a.isArray(), values: vals}, nil
}

// aliasStarPrefix returns the alias name up to and including its n-th "[*]".
func aliasStarPrefix(alias string, n int) string {
	idx := 0
	for i := 0; i <= n; i++ {
		j := strings.Index(alias[idx:], "[*]")
		if j < 0 {
			return ""
		}
		idx += j + 3
	}
	return alias[:idx]
}

// tagName recognises tags['x'], tags[x], tags.x and tags[”'x”'] (definition-structure-
// policy-rule.md, "Fields").
func tagName(field string) (string, bool) {
	l := strings.ToLower(field)
	switch {
	case strings.HasPrefix(l, "tags[") && strings.HasSuffix(l, "]"):
		inner := field[5 : len(field)-1]
		if len(inner) >= 2 && inner[0] == '\'' && inner[len(inner)-1] == '\'' {
			inner = strings.ReplaceAll(inner[1:len(inner)-1], "''", "'")
		}
		return inner, true
	case strings.HasPrefix(l, "tags."):
		return field[5:], true
	}
	return "", false
}

type pathSeg struct {
	key  string
	star bool
}

// parsePath splits "properties.a.b[*].c" into segments; "[*]" is its own segment.
func parsePath(p string) []pathSeg {
	var out []pathSeg
	for _, part := range strings.Split(p, ".") {
		for strings.HasSuffix(part, "[*]") {
			base := strings.TrimSuffix(part, "[*]")
			if base != "" {
				out = append(out, pathSeg{key: base})
			}
			out = append(out, pathSeg{star: true})
			part = ""
		}
		if part != "" {
			out = append(out, pathSeg{key: part})
		}
	}
	return out
}

// selectPath walks segments from v; a [*] fans out over array members.
func selectPath(v any, segs []pathSeg) []selected {
	cur := []selected{{v, true}}
	for _, seg := range segs {
		var next []selected
		for _, c := range cur {
			if !c.found {
				// A missing property reads as missing below it, but a missing array has no
				// members: "missingArray[*]" selects an empty collection
				// (author-policies-for-arrays.md).
				if !seg.star {
					next = append(next, c)
				}
				continue
			}
			if seg.star {
				arr, ok := c.v.([]any)
				if !ok {
					continue // a missing or non-array property selects no member
				}
				for _, e := range arr {
					next = append(next, selected{e, true})
				}
				continue
			}
			m, ok := c.v.(map[string]any)
			if !ok {
				next = append(next, selected{nil, false})
				continue
			}
			x, found := lookupKey(m, seg.key)
			next = append(next, selected{x, found})
		}
		cur = next
	}
	return cur
}

// Alias maps an Azure Policy alias to the ARM property path it reads.
type Alias struct {
	Name string `json:"name"`
	// Path in the ARM request body, "[*]" for array members.
	Path string `json:"path"`
	// Source: where the alias and its path are documented.
	Source string `json:"source"`
}

func (a Alias) isArray() bool { return strings.Contains(a.Path, "[*]") }

// resourceType is the type the alias belongs to: aliases are named <type>/<property>, and the
// longest known resource type the name starts with is its type.
func (a Alias) resourceType() string {
	return aliasTypes[strings.ToLower(a.Name)]
}

var aliasTypes = map[string]string{}

const (
	ws = "Microsoft.MachineLearningServices/workspaces"
	mc = "Microsoft.MachineLearningServices/workspaces/computes"
	// Sources. Aliases map to the property paths of the resource's ARM body; the paths below
	// follow the Machine Learning REST spec (azure-rest-api-specs
	// specification/machinelearningservices/resource-manager/Microsoft.MachineLearningServices/
	// stable/2024-10-01: Workspace.properties, ComputeResource.properties = Compute
	// {computeType, disableLocalAuth, resourceId, properties: AmlComputeProperties}), which is
	// how Azure names aliases by default (definition-structure-alias.md: an alias maps to a
	// path in the resource's properties).
	srcALZ     = "Azure/Enterprise-Scale src/resources/Microsoft.Authorization/policyDefinitions/"
	srcBuiltin = "Azure/azure-policy built-in-policies/policyDefinitions/Machine Learning/"
)

// Aliases is the alias table: every alias the definitions Governance deploys read, with the
// definition that reads it. TestEveryDeployedAliasIsMapped keeps it complete.
var Aliases = []Alias{
	{ws + "/hbiWorkspace", "properties.hbiWorkspace", srcALZ + "Deny-MachineLearning-HbiWorkspace.json"},
	{ws + "/allowPublicAccessWhenBehindVnet", "properties.allowPublicAccessWhenBehindVnet", srcALZ + "Deny-MachineLearning-PublicAccessWhenBehindVnet.json"},
	{ws + "/publicNetworkAccess", "properties.publicNetworkAccess", srcBuiltin + "Workspace_PublicNetworkAccessDisabled_Audit.json (438c38d2)"},
	{ws + "/primaryUserAssignedIdentity", "properties.primaryUserAssignedIdentity", srcBuiltin + "Workspace_UAIEnabled_Audit.json (5f0c7d88)"},
	{ws + "/privateEndpointConnections[*]", "properties.privateEndpointConnections[*]", srcBuiltin + "Workspace_PrivateEndpoint_Audit.json (40cec1dd), _V2 (45e05259)"},
	{ws + "/privateEndpointConnections[*].privateLinkServiceConnectionState.status", "properties.privateEndpointConnections[*].properties.privateLinkServiceConnectionState.status", srcBuiltin + "Workspace_PrivateEndpoint_Audit.json (40cec1dd), _V2 (45e05259); PrivateEndpointConnection.properties in the REST spec"},
	{"Microsoft.MachineLearningServices/registries/publicNetworkAccess", "properties.publicNetworkAccess",
		"components/governance.go Deny-MachineLearning-Registry-PublicNetworkAccess; UNCONFIRMED: no Microsoft policy definition (Azure/azure-policy, Enterprise-Scale) or docs page names this alias; the property is properties.publicNetworkAccess (learn.microsoft.com/azure/templates/microsoft.machinelearningservices/registries); confirm with az provider show --expand resourceTypes/aliases"},
	{mc + "/computeType", "properties.computeType", srcALZ + "Deny-MachineLearning-*.json; " + srcBuiltin + "DisableLocalAuth_Modify.json (a6f9a2d0)"},
	{mc + "/disableLocalAuth", "properties.disableLocalAuth", srcBuiltin + "DisableLocalAuth_Modify.json (a6f9a2d0)"},
	{mc + "/resourceId", "properties.resourceId", srcALZ + "Deny-MachineLearning-Aks.json"},
	{mc + "/subnet.id", "properties.properties.subnet.id", srcALZ + "Deny-MachineLearning-Compute-SubnetId.json"},
	{mc + "/vmSize", "properties.properties.vmSize", srcALZ + "Deny-MachineLearning-Compute-VmSize.json"},
	{mc + "/remoteLoginPortPublicAccess", "properties.properties.remoteLoginPortPublicAccess", srcALZ + "Deny-MachineLearning-ComputeCluster-RemoteLoginPortPublicAccess.json"},
	{mc + "/scaleSettings.maxNodeCount", "properties.properties.scaleSettings.maxNodeCount", srcALZ + "Deny-MachineLearning-ComputeCluster-Scale.json"},
	{mc + "/scaleSettings.minNodeCount", "properties.properties.scaleSettings.minNodeCount", srcALZ + "Deny-MachineLearning-ComputeCluster-Scale.json"},
	{mc + "/scaleSettings.nodeIdleTimeBeforeScaleDown", "properties.properties.scaleSettings.nodeIdleTimeBeforeScaleDown", srcALZ + "Deny-MachineLearning-ComputeCluster-Scale.json"},
	{mc + "/idleTimeBeforeShutdown", "properties.properties.idleTimeBeforeShutdown", srcBuiltin + "MachineLearningServices_IdleShutdown_Audit.json (679ddf89); ComputeInstanceProperties.idleTimeBeforeShutdown"},
	{mc + "/enableNodePublicIP", "properties.properties.enableNodePublicIp", "Azure/azure-policy built-in 7804b5c7 (Azure Machine Learning Computes should be in a virtual network); AmlComputeProperties.enableNodePublicIp"},
}

var aliasByName = func() map[string]Alias {
	m := map[string]Alias{}
	for _, a := range Aliases {
		for _, sh := range shapes {
			if strings.HasPrefix(strings.ToLower(a.Name), strings.ToLower(sh.armType)+"/") && len(sh.armType) > len(aliasTypes[strings.ToLower(a.Name)]) {
				aliasTypes[strings.ToLower(a.Name)] = sh.armType
			}
		}
		if aliasTypes[strings.ToLower(a.Name)] == "" {
			panic(fmt.Sprintf("alias %s names no resource type of the shape table", a.Name))
		}
		if _, dup := m[strings.ToLower(a.Name)]; dup {
			panic(fmt.Sprintf("alias %s twice in the table", a.Name))
		}
		m[strings.ToLower(a.Name)] = a
	}
	return m
}()
