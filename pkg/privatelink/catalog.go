// Package privatelink is the one place private endpoints and private DNS are made. It holds
// the catalog target type -> group ids -> private DNS zone names for each Azure cloud, and
// the helpers every component uses: NewEndpoint (endpoint + DNS zone group) and NewZones
// (zones + virtual network links).
package privatelink

import (
	"fmt"
	"sort"
	"strings"
)

// Cloud is an Azure cloud environment.
type Cloud string

// Azure clouds.
const (
	AzureCloud        Cloud = "AzureCloud"
	AzureUSGovernment Cloud = "AzureUSGovernment"
	AzureChinaCloud   Cloud = "AzureChinaCloud"
)

// Clouds lists the supported clouds.
var Clouds = []string{string(AzureCloud), string(AzureUSGovernment), string(AzureChinaCloud)}

// Group ids (private link sub-resources) this package creates endpoints for.
const (
	GroupWorkspace = "amlworkspace"
	GroupBlob      = "blob"
	GroupFile      = "file"
	GroupQueue     = "queue"
	GroupTable     = "table"
	GroupDfs       = "dfs"
	GroupVault     = "vault"
	GroupRegistry  = "registry"
	// Azure Monitor Private Link Scope (Microsoft.Insights/privateLinkScopes).
	GroupAzureMonitor = "azuremonitor"
	// Azure Machine Learning registry (Microsoft.MachineLearningServices/registries): the
	// table's subresource "amlregistry" (not the workspace's "amlworkspace").
	GroupMLRegistry = "amlregistry"
)

// zones is Microsoft's published table "Azure Private Endpoint private DNS zone values"
// (learn.microsoft.com/azure/private-link/private-endpoint-dns), for the group ids above.
//
// One exception: that table's China section has no Container Registry row; the China
// registry zone follows the registry domain (azurecr.cn) the same way the other clouds'
// zones follow theirs (azurecr.io, azurecr.us). Verify it before relying on it, or pass the
// zone id explicitly (DNS mode Existing).
var zones = map[Cloud]map[string][]string{
	AzureCloud: {
		GroupWorkspace: {"privatelink.api.azureml.ms", "privatelink.notebooks.azure.net"},
		GroupBlob:      {"privatelink.blob.core.windows.net"},
		GroupFile:      {"privatelink.file.core.windows.net"},
		GroupQueue:     {"privatelink.queue.core.windows.net"},
		GroupTable:     {"privatelink.table.core.windows.net"},
		GroupDfs:       {"privatelink.dfs.core.windows.net"},
		GroupVault:     {"privatelink.vaultcore.azure.net"},
		GroupRegistry:  {"privatelink.azurecr.io"},
		// The table's "Azure Monitor (Microsoft.Insights/privateLinkScopes)" row; the blob zone
		// serves the solution packs' storage (learn.microsoft.com/azure/azure-monitor/logs/private-link-configure).
		GroupAzureMonitor: {"privatelink.monitor.azure.com", "privatelink.oms.opinsights.azure.com", "privatelink.ods.opinsights.azure.com",
			"privatelink.agentsvc.azure-automation.net", "privatelink.blob.core.windows.net"},
		// The table's "Azure Machine Learning registry (Microsoft.MachineLearningServices/registries)"
		// row: amlregistry -> privatelink.api.azureml.ms only (registry FQDNs are
		// <guid>.registry.<region>.privatelink.api.azureml.ms, azure-ai-docs
		// how-to-registry-network-isolation, "How to find the registry's fully qualified domain name").
		GroupMLRegistry: {"privatelink.api.azureml.ms"},
	},
	AzureUSGovernment: {
		GroupWorkspace: {"privatelink.api.ml.azure.us", "privatelink.notebooks.usgovcloudapi.net"},
		GroupBlob:      {"privatelink.blob.core.usgovcloudapi.net"},
		GroupFile:      {"privatelink.file.core.usgovcloudapi.net"},
		GroupQueue:     {"privatelink.queue.core.usgovcloudapi.net"},
		GroupTable:     {"privatelink.table.core.usgovcloudapi.net"},
		GroupDfs:       {"privatelink.dfs.core.usgovcloudapi.net"},
		GroupVault:     {"privatelink.vaultcore.usgovcloudapi.net"},
		GroupRegistry:  {"privatelink.azurecr.us"},
		// A zone group holds at most 5 zones (private-endpoint-dns-integration), so the five
		// counterparts of the public cloud's row; verify against the table before relying on it.
		GroupAzureMonitor: {"privatelink.monitor.azure.us", "privatelink.oms.opinsights.azure.us",
			"privatelink.ods.opinsights.azure.us", "privatelink.agentsvc.azure-automation.us", "privatelink.blob.core.usgovcloudapi.net"},
		// The Government table has no registry row; the registry's API zone is the workspace
		// row's API zone there (as in the public cloud). Verify before relying on it.
		GroupMLRegistry: {"privatelink.api.ml.azure.us"},
	},
	AzureChinaCloud: {
		GroupWorkspace: {"privatelink.api.ml.azure.cn", "privatelink.notebooks.chinacloudapi.cn"},
		GroupBlob:      {"privatelink.blob.core.chinacloudapi.cn"},
		GroupFile:      {"privatelink.file.core.chinacloudapi.cn"},
		GroupQueue:     {"privatelink.queue.core.chinacloudapi.cn"},
		GroupTable:     {"privatelink.table.core.chinacloudapi.cn"},
		GroupDfs:       {"privatelink.dfs.core.chinacloudapi.cn"},
		GroupVault:     {"privatelink.vaultcore.azure.cn"},
		GroupRegistry:  {"privatelink.azurecr.cn"},
		GroupAzureMonitor: {"privatelink.monitor.azure.cn", "privatelink.oms.opinsights.azure.cn", "privatelink.ods.opinsights.azure.cn",
			"privatelink.agentsvc.azure-automation.cn", "privatelink.blob.core.chinacloudapi.cn"},
		// As for Government: no registry row in the China table; the workspace row's API zone.
		GroupMLRegistry: {"privatelink.api.ml.azure.cn"},
	},
}

// targetGroups maps a target resource type to the group ids it offers.
var targetGroups = map[string][]string{
	"microsoft.machinelearningservices/workspaces": {GroupWorkspace},
	"microsoft.storage/storageaccounts":            {GroupBlob, GroupFile, GroupQueue, GroupTable, GroupDfs},
	"microsoft.keyvault/vaults":                    {GroupVault},
	"microsoft.containerregistry/registries":       {GroupRegistry},
	"microsoft.insights/privatelinkscopes":         {GroupAzureMonitor},
	"microsoft.machinelearningservices/registries": {GroupMLRegistry},
}

// ZonesFor returns the private DNS zone names of a group id in a cloud.
func ZonesFor(cloud Cloud, groupID string) ([]string, error) {
	byGroup, ok := zones[cloud]
	if !ok {
		return nil, fmt.Errorf("unknown Azure cloud %q (known: %s)", cloud, strings.Join(Clouds, ", "))
	}
	z, ok := byGroup[groupID]
	if !ok {
		return nil, fmt.Errorf("no private DNS zone known for group id %q", groupID)
	}
	return append([]string(nil), z...), nil
}

// GroupsFor returns the group ids a target resource type ("Microsoft.Storage/storageAccounts")
// offers.
func GroupsFor(resourceType string) []string {
	return append([]string(nil), targetGroups[strings.ToLower(resourceType)]...)
}

// ZonesForGroups returns the sorted, de-duplicated zone names of several group ids.
func ZonesForGroups(cloud Cloud, groupIDs []string) ([]string, error) {
	set := map[string]bool{}
	for _, g := range groupIDs {
		z, err := ZonesFor(cloud, g)
		if err != nil {
			return nil, err
		}
		for _, n := range z {
			set[n] = true
		}
	}
	out := make([]string, 0, len(set))
	for n := range set {
		out = append(out, n)
	}
	sort.Strings(out)
	return out, nil
}

// storageSuffixes are the storage DNS suffixes per cloud (a datastore's endpoint):
// core.windows.net (learn.microsoft.com/azure/storage/common/storage-account-overview#standard-endpoints),
// core.usgovcloudapi.net (learn.microsoft.com/azure/azure-government/compare-azure-government-global-azure#guidance-for-developers),
// core.chinacloudapi.cn (learn.microsoft.com/azure/china/resources-developer-guide#check-endpoints-in-azure).
var storageSuffixes = map[Cloud]string{
	AzureCloud:        "core.windows.net",
	AzureUSGovernment: "core.usgovcloudapi.net",
	AzureChinaCloud:   "core.chinacloudapi.cn",
}

// StorageSuffix returns the storage DNS suffix of cloud ("" when unknown).
func StorageSuffix(cloud Cloud) string { return storageSuffixes[cloud] }
