package plan

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// armType describes how to build the ARM id of an azure-native resource type from its inputs.
type armType struct {
	// provider path below the parent, e.g. "Microsoft.KeyVault/vaults".
	path string
	// input holding the physical name.
	nameKey string
	// parentKeys are name inputs of parent resources, in order, each followed by its child
	// segment, e.g. {"workspaceName", "computes"} for ML computes.
	parent []string
	// scopeKey, when set, means the resource is an extension resource rooted at an ARM id
	// input (role assignments, diagnostic settings) instead of a resource group.
	scopeKey string
	// subscriptionLevel: the resource lives at /subscriptions/<sub> (resource groups).
	subscriptionLevel bool
	// subscriptionProvider: /subscriptions/<sub>/providers/<path>/<name> (policy definitions).
	subscriptionProvider bool
}

// armTypes maps a type token (without API version) to its ARM shape. Tokens are matched
// after dropping the version segment: azure-native:machinelearningservices/v20241001:Compute
// and azure-native:machinelearningservices:Compute share an entry.
var armTypes = map[string]armType{
	"azure-native:resources:ResourceGroup":                            {path: "resourceGroups", nameKey: "resourceGroupName", subscriptionLevel: true},
	"azure-native:operationalinsights:Workspace":                      {path: "Microsoft.OperationalInsights/workspaces", nameKey: "workspaceName"},
	"azure-native:insights:Component":                                 {path: "Microsoft.Insights/components", nameKey: "resourceName"},
	"azure-native:insights:DiagnosticSetting":                         {path: "Microsoft.Insights/diagnosticSettings", nameKey: "name", scopeKey: "resourceUri"},
	"azure-native:keyvault:Vault":                                     {path: "Microsoft.KeyVault/vaults", nameKey: "vaultName"},
	"azure-native:keyvault:Secret":                                    {path: "secrets", nameKey: "secretName", parent: []string{"Microsoft.KeyVault/vaults", "vaultName"}},
	"azure-native:storage:StorageAccount":                             {path: "Microsoft.Storage/storageAccounts", nameKey: "accountName"},
	"azure-native:storage:BlobServiceProperties":                      {path: "blobServices", nameKey: "blobServicesName", parent: []string{"Microsoft.Storage/storageAccounts", "accountName"}},
	"azure-native:storage:BlobContainer":                              {path: "blobServices/default/containers", nameKey: "containerName", parent: []string{"Microsoft.Storage/storageAccounts", "accountName"}},
	"azure-native:storage:ManagementPolicy":                           {path: "managementPolicies", nameKey: "managementPolicyName", parent: []string{"Microsoft.Storage/storageAccounts", "accountName"}},
	"azure-native:insights:ActionGroup":                               {path: "Microsoft.Insights/actionGroups", nameKey: "actionGroupName"},
	"azure-native:insights:MetricAlert":                               {path: "Microsoft.Insights/metricAlerts", nameKey: "ruleName"},
	"azure-native:insights:ScheduledQueryRule":                        {path: "Microsoft.Insights/scheduledQueryRules", nameKey: "ruleName"},
	"azure-native:insights:Workbook":                                  {path: "Microsoft.Insights/workbooks", nameKey: "resourceName"},
	"azure-native:consumption:Budget":                                 {path: "Microsoft.Consumption/budgets", nameKey: "budgetName", scopeKey: "scope"},
	"azure-native:authorization:ManagementLockByScope":                {path: "Microsoft.Authorization/locks", nameKey: "lockName", scopeKey: "scope"},
	"azure-native:containerregistry:Replication":                      {path: "replications", nameKey: "replicationName", parent: []string{"Microsoft.ContainerRegistry/registries", "registryName"}},
	"azure-native:insights:PrivateLinkScope":                          {path: "Microsoft.Insights/privateLinkScopes", nameKey: "scopeName"},
	"azure-native:insights:PrivateLinkScopedResource":                 {path: "scopedResources", nameKey: "name", parent: []string{"Microsoft.Insights/privateLinkScopes", "scopeName"}},
	"azure-native:keyvault:Key":                                       {path: "keys", nameKey: "keyName", parent: []string{"Microsoft.KeyVault/vaults", "vaultName"}},
	"azure-native:managedidentity:FederatedIdentityCredential":        {path: "federatedIdentityCredentials", nameKey: "federatedIdentityCredentialResourceName", parent: []string{"Microsoft.ManagedIdentity/userAssignedIdentities", "resourceName"}},
	"azure-native:containerregistry:Registry":                         {path: "Microsoft.ContainerRegistry/registries", nameKey: "registryName"},
	"azure-native:managedidentity:UserAssignedIdentity":               {path: "Microsoft.ManagedIdentity/userAssignedIdentities", nameKey: "resourceName"},
	"azure-native:machinelearningservices:Workspace":                  {path: "Microsoft.MachineLearningServices/workspaces", nameKey: "workspaceName"},
	"azure-native:machinelearningservices:Compute":                    {path: "computes", nameKey: "computeName", parent: []string{"Microsoft.MachineLearningServices/workspaces", "workspaceName"}},
	"azure-native:machinelearningservices:ManagedNetworkSettingsRule": {path: "outboundRules", nameKey: "ruleName", parent: []string{"Microsoft.MachineLearningServices/workspaces", "workspaceName"}},
	"azure-native:machinelearningservices:Datastore":                  {path: "datastores", nameKey: "name", parent: []string{"Microsoft.MachineLearningServices/workspaces", "workspaceName"}},
	"azure-native:machinelearningservices:Registry":                   {path: "Microsoft.MachineLearningServices/registries", nameKey: "registryName"},
	"azure-native:authorization:RoleAssignment":                       {path: "Microsoft.Authorization/roleAssignments", nameKey: "roleAssignmentName", scopeKey: "scope"},
	"azure-native:authorization:PolicyAssignment":                     {path: "Microsoft.Authorization/policyAssignments", nameKey: "policyAssignmentName", scopeKey: "scope"},
	"azure-native:authorization:PolicyDefinition":                     {path: "Microsoft.Authorization/policyDefinitions", nameKey: "policyDefinitionName", subscriptionProvider: true},
	"azure-native:authorization:PolicyExemption":                      {path: "Microsoft.Authorization/policyExemptions", nameKey: "policyExemptionName", scopeKey: "scope"},
	"azure-native:network:VirtualNetwork":                             {path: "Microsoft.Network/virtualNetworks", nameKey: "virtualNetworkName"},
	"azure-native:network:Subnet":                                     {path: "subnets", nameKey: "subnetName", parent: []string{"Microsoft.Network/virtualNetworks", "virtualNetworkName"}},
	"azure-native:network:NetworkSecurityGroup":                       {path: "Microsoft.Network/networkSecurityGroups", nameKey: "networkSecurityGroupName"},
	"azure-native:network:PrivateEndpoint":                            {path: "Microsoft.Network/privateEndpoints", nameKey: "privateEndpointName"},
	"azure-native:network:PrivateDnsZoneGroup":                        {path: "privateDnsZoneGroups", nameKey: "privateDnsZoneGroupName", parent: []string{"Microsoft.Network/privateEndpoints", "privateEndpointName"}},
	"azure-native:network:PrivateZone":                                {path: "Microsoft.Network/privateDnsZones", nameKey: "privateZoneName"},
	"azure-native:network:VirtualNetworkLink":                         {path: "virtualNetworkLinks", nameKey: "virtualNetworkLinkName", parent: []string{"Microsoft.Network/privateDnsZones", "privateZoneName"}},
}

// Unversioned drops the API-version segment of a token's module:
// "azure-native:keyvault/v20230701:Vault" -> "azure-native:keyvault:Vault". The one
// definition: the plan, both policy evaluators and the azure-native test double use it.
func Unversioned(token string) string {
	if strings.Count(token, ":") != 2 {
		return token
	}
	first, last := strings.IndexByte(token, ':'), strings.LastIndexByte(token, ':')
	if i := strings.IndexByte(token[first+1:last], '/'); i >= 0 {
		return token[:first+1+i] + token[last:]
	}
	return token // no version: no copy (this runs for every resource in every phase)
}

// armID builds a deterministic ARM-shaped id for a custom resource from its real type and its
// physical name. ok is false for types the catalog does not know; the caller then falls back
// to a synthetic id.
func armID(subscription, token, logicalName string, inputs resource.PropertyMap) (id, physicalName string, ok bool) {
	t, known := armTypes[Unversioned(token)]
	if !known {
		return "", "", false
	}
	str := func(k string) string {
		v, has := inputs[resource.PropertyKey(k)]
		if !has {
			return ""
		}
		return plainString(v)
	}
	name := str(t.nameKey)
	if name == "" {
		name = logicalName
	}
	switch {
	case t.subscriptionLevel:
		return fmt.Sprintf("/subscriptions/%s/resourceGroups/%s", subscription, name), name, true
	case t.subscriptionProvider:
		return fmt.Sprintf("/subscriptions/%s/providers/%s/%s", subscription, t.path, name), name, true
	case t.scopeKey != "":
		return fmt.Sprintf("%s/providers/%s/%s", strings.TrimRight(str(t.scopeKey), "/"), t.path, name), name, true
	}
	rg := str("resourceGroupName")
	prefix := fmt.Sprintf("/subscriptions/%s/resourceGroups/%s/providers/", subscription, rg)
	if len(t.parent) == 2 {
		return fmt.Sprintf("%s%s/%s/%s/%s", prefix, t.parent[0], str(t.parent[1]), t.path, name), name, true
	}
	return prefix + t.path + "/" + name, name, true
}

func plainString(v resource.PropertyValue) string {
	for v.IsSecret() {
		v = v.SecretValue().Element
	}
	if v.IsOutput() {
		v = v.OutputValue().Element
	}
	if v.IsString() {
		return v.StringValue()
	}
	return ""
}

// PhysicalName returns the ARM type (e.g. "Microsoft.MachineLearningServices/workspaces/computes")
// and the physical name of a custom azure-native resource, so every planned name can be
// checked against Azure's rule for its type. ok is false for types outside the catalog.
func PhysicalName(r Resource) (armType, name string, ok bool) {
	t, known := armTypes[Unversioned(r.Type)]
	if !known || !r.Custom {
		return "", "", false
	}
	name = plainString(r.Inputs[resource.PropertyKey(t.nameKey)])
	if name == "" {
		name = r.Name
	}
	switch {
	case t.subscriptionLevel:
		return "Microsoft.Resources/resourceGroups", name, true
	case len(t.parent) == 2:
		return t.parent[0] + "/" + t.path, name, true
	case t.path == "Microsoft.Authorization/policyAssignments" &&
		strings.Contains(strings.ToLower(plainString(r.Inputs[resource.PropertyKey(t.scopeKey)])), "/providers/microsoft.management/managementgroups/"):
		// Assignments at management-group scope have a shorter limit.
		return "Microsoft.Authorization/policyAssignments@managementGroup", name, true
	}
	return t.path, name, true
}

// Types lists the azure-native tokens the ARM catalog knows (without API versions).
func Types() []string {
	out := make([]string, 0, len(armTypes))
	for k := range armTypes {
		out = append(out, k)
	}
	return out
}
