// Package regions is the one list of Azure regions (location names) per cloud this package
// accepts, with its sources. A location outside its cloud's list is a config error before
// anything is planned.
package regions

import (
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/suggest"

	"slices"
	"strings"
)

// Clouds' region names as `az account list-locations --query "[].name"` prints them.
//
// AzureCloud and AzureUSGovernment: the region keys of Azure Landing Zones'
// Deploy-Private-DNS-Zones initiative (github.com/Azure/Enterprise-Scale,
// src/resources/Microsoft.Authorization/policySetDefinitions/Deploy-Private-DNS-Zones.json,
// parameter dnzZoneRegionShortNames, commit dbd9bd2169481d53388b827f5897420c0fad101b), which
// Microsoft maintains for every region with Azure Backup private DNS zones.
// AzureChinaCloud: the six regions of Azure operated by 21Vianet as `az account list-locations`
// names them there (typed from that output; no Microsoft file lists them for vendoring).
var byCloud = map[string][]string{
	"AzureCloud": {
		"australiacentral", "australiacentral2", "australiaeast", "australiasoutheast", "austriaeast", "belgiumcentral",
		"brazilsouth", "brazilsoutheast", "canadacentral", "canadaeast", "centralindia", "centralus", "centraluseuap",
		"chilecentral", "denmarkeast", "eastasia", "eastus", "eastus2", "eastus2euap", "eastus3", "francecentral",
		"francesouth", "germanynorth", "germanywestcentral", "indiasouthcentral", "indonesiacentral", "israelcentral",
		"israelnorthwest", "italynorth", "japaneast", "japanwest", "jioindiacentral", "jioindiawest", "koreacentral",
		"koreasouth", "malaysiasouth", "malaysiawest", "mexicocentral", "newzealandnorth", "northcentralus", "northeastus5",
		"northeurope", "norwayeast", "norwaywest", "polandcentral", "qatarcentral", "southafricanorth", "southafricawest",
		"southcentralus", "southcentralus2", "southeastasia", "southeastus", "southeastus3", "southeastus5", "southindia",
		"southwestus", "spaincentral", "swedencentral", "swedensouth", "switzerlandnorth", "switzerlandwest", "taiwannorth",
		"taiwannorthwest", "uaecentral", "uaenorth", "uksouth", "ukwest", "westcentralus", "westeurope", "westindia",
		"westus", "westus2", "westus3",
	},
	"AzureUSGovernment": {"usdodcentral", "usdodeast", "usgovarizona", "usgovtexas", "usgovvirginia"},
	"AzureChinaCloud":   {"chinaeast", "chinaeast2", "chinaeast3", "chinanorth", "chinanorth2", "chinanorth3"},
}

// Clouds lists the clouds with a region list.
var Clouds = []string{"AzureCloud", "AzureUSGovernment", "AzureChinaCloud"}

// Of returns the region names of a cloud (nil for an unknown cloud).
func Of(cloud string) []string { return byCloud[cloud] }

// Valid reports whether location is a region of cloud. Azure accepts location names in any
// case and with spaces removed from display names ("West Europe" is not a name; "westeurope" is).
func Valid(cloud, location string) bool {
	return slices.Contains(byCloud[cloud], strings.ToLower(location))
}

// CloudOf returns the cloud a region belongs to ("" when none).
func CloudOf(location string) string {
	for _, c := range Clouds {
		if Valid(c, location) {
			return c
		}
	}
	return ""
}

// Suggest returns the region names of cloud closest to location (for "did you mean").
func Suggest(cloud, location string) string {
	best, bestD := "", 1<<30
	for _, r := range byCloud[cloud] {
		if d := suggest.Distance(strings.ToLower(location), r); d < bestD {
			best, bestD = r, d
		}
	}
	if bestD > 3 {
		return ""
	}
	return best
}
