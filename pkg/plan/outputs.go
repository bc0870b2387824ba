package plan

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/naming"
)

func setIfAbsent(m resource.PropertyMap, k string, v resource.PropertyValue) {
	if _, ok := m[resource.PropertyKey(k)]; !ok {
		m[resource.PropertyKey(k)] = v
	}
}

func str(s string) resource.PropertyValue { return resource.NewProperty(s) }

func location(inputs resource.PropertyMap) string {
	if v, ok := inputs["location"]; ok {
		if s := plainString(v); s != "" {
			return s
		}
	}
	return "westeurope"
}

// computeOutputs adds the properties Azure computes for a resource of the given (unversioned)
// type, derived deterministically from its id, to outputs.
func computeOutputs(o Options, typ, id, name string, inputs, outputs resource.PropertyMap) {
	setIfAbsent(outputs, "name", str(name))
	switch typ {
	case "azure-native:keyvault:Vault":
		props := resource.PropertyMap{}
		if p, ok := inputs["properties"]; ok && p.IsObject() {
			props = p.ObjectValue().Copy()
		}
		props["vaultUri"] = str(fmt.Sprintf("https://%s.vault.azure.net/", name))
		outputs["properties"] = resource.NewProperty(props)
	case "azure-native:operationalinsights:Workspace":
		outputs["customerId"] = str(naming.GUID("customerId", id))
	case "azure-native:insights:Component":
		ikey := naming.GUID("instrumentationKey", id)
		loc := location(inputs)
		outputs["instrumentationKey"] = str(ikey)
		outputs["appId"] = str(naming.GUID("appId", id))
		outputs["connectionString"] = str(connectionString(ikey, loc))
	case "azure-native:containerregistry:Registry":
		outputs["loginServer"] = str(strings.ToLower(name) + ".azurecr.io")
	case "azure-native:storage:StorageAccount":
		outputs["primaryEndpoints"] = resource.NewProperty(resource.PropertyMap{
			"blob": str(fmt.Sprintf("https://%s.blob.core.windows.net/", name)),
			"file": str(fmt.Sprintf("https://%s.file.core.windows.net/", name)),
			"dfs":  str(fmt.Sprintf("https://%s.dfs.core.windows.net/", name)),
		})
	case "azure-native:managedidentity:UserAssignedIdentity":
		outputs["principalId"] = str(naming.GUID("principalId", id))
		outputs["clientId"] = str(naming.GUID("clientId", id))
		outputs["tenantId"] = str(o.TenantID)
	case "azure-native:machinelearningservices:Workspace":
		loc := location(inputs)
		outputs["workspaceId"] = str(naming.GUID("workspaceId", id))
		outputs["discoveryUrl"] = str(fmt.Sprintf("https://%s.api.azureml.ms/discovery", loc))
		outputs["mlFlowTrackingUri"] = str(fmt.Sprintf("azureml://%s.api.azureml.ms/mlflow/v1.0%s", loc, id))
		outputs["tenantId"] = str(o.TenantID)
		outputs["provisioningState"] = str("Succeeded")
	case "azure-native:authorization:PolicyAssignment":
		if plainString(lookupOr(inputs, "identity.type")) == "SystemAssigned" {
			outputs["identity"] = resource.NewProperty(resource.PropertyMap{
				"type":        str("SystemAssigned"),
				"principalId": str(naming.GUID("principalId", id)),
				"tenantId":    str(o.TenantID),
			})
		}
	case "azure-native:network:PrivateEndpoint":
		outputs["networkInterfaces"] = resource.NewProperty([]resource.PropertyValue{
			resource.NewProperty(resource.PropertyMap{"id": str(id + "-nic")}),
		})
	}
}

func connectionString(ikey, loc string) string {
	return fmt.Sprintf("InstrumentationKey=%s;IngestionEndpoint=https://%s-0.in.applicationinsights.azure.com/;LiveEndpoint=https://%s.livediagnostics.monitor.azure.com/", ikey, loc, loc)
}

// parseID splits an ARM id into resource group and last name segment.
func parseID(id string) (rg, name string) {
	parts := strings.Split(strings.Trim(id, "/"), "/")
	for i := 0; i+1 < len(parts); i++ {
		if strings.EqualFold(parts[i], "resourceGroups") {
			rg = parts[i+1]
		}
	}
	if len(parts) > 0 {
		name = parts[len(parts)-1]
	}
	return rg, name
}

func answerCall(o Options, args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	get := func(k string) string {
		if v, ok := args.Args[resource.PropertyKey(k)]; ok {
			return plainString(v)
		}
		return ""
	}
	armOf := func(provider, rgKey, nameKey string) string {
		return fmt.Sprintf("/subscriptions/%s/resourceGroups/%s/providers/%s/%s", o.SubscriptionID, get(rgKey), provider, get(nameKey))
	}
	switch Unversioned(args.Token) {
	case "azure-native:authorization:getClientConfig":
		return resource.PropertyMap{
			"clientId":       str(naming.GUID("client", o.TenantID)),
			"objectId":       str(naming.GUID("object", o.TenantID)),
			"subscriptionId": str(o.SubscriptionID),
			"tenantId":       str(o.TenantID),
		}, nil
	case "azure-native:keyvault:getVault":
		id := armOf("Microsoft.KeyVault/vaults", "resourceGroupName", "vaultName")
		return resource.PropertyMap{
			"id":   str(id),
			"name": str(get("vaultName")),
			"properties": resource.NewProperty(resource.PropertyMap{
				"vaultUri":                str(fmt.Sprintf("https://%s.vault.azure.net/", get("vaultName"))),
				"tenantId":                str(o.TenantID),
				"enableRbacAuthorization": resource.NewProperty(true),
			}),
		}, nil
	case "azure-native:insights:getComponent":
		id := armOf("Microsoft.Insights/components", "resourceGroupName", "resourceName")
		ikey := naming.GUID("instrumentationKey", id)
		return resource.PropertyMap{
			"id":                 str(id),
			"name":               str(get("resourceName")),
			"instrumentationKey": str(ikey),
			"connectionString":   str(connectionString(ikey, "westeurope")),
		}, nil
	case "azure-native:operationalinsights:getWorkspace":
		id := armOf("Microsoft.OperationalInsights/workspaces", "resourceGroupName", "workspaceName")
		return resource.PropertyMap{
			"id":         str(id),
			"name":       str(get("workspaceName")),
			"customerId": str(naming.GUID("customerId", id)),
		}, nil
	}
	return nil, fmt.Errorf("offline plan: no offline answer for function %s", args.Token)
}

func lookupOr(m resource.PropertyMap, path string) resource.PropertyValue {
	v, _ := Lookup(m, path)
	return v
}
