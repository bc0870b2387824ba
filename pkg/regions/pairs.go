package regions

// pairs are Azure's documented region pairs (both directions), from Microsoft's table
// "Azure paired regions": learn.microsoft.com/azure/reliability/cross-region-replication-azure#azure-paired-regions.
// Regions without a pair there (e.g. italynorth, polandcentral, israelcentral) have none here.
var pairs = map[string]string{}

func init() {
	for _, p := range [][2]string{
		{"australiaeast", "australiasoutheast"}, {"australiacentral", "australiacentral2"},
		{"brazilsouth", "southcentralus"}, {"canadacentral", "canadaeast"}, {"centralindia", "southindia"},
		{"eastasia", "southeastasia"}, {"eastus", "westus"}, {"eastus2", "centralus"}, {"francecentral", "francesouth"},
		{"germanywestcentral", "germanynorth"}, {"japaneast", "japanwest"}, {"koreacentral", "koreasouth"},
		{"northcentralus", "southcentralus"}, {"northeurope", "westeurope"}, {"norwayeast", "norwaywest"},
		{"southafricanorth", "southafricawest"}, {"swedencentral", "swedensouth"}, {"switzerlandnorth", "switzerlandwest"},
		{"uaenorth", "uaecentral"}, {"uksouth", "ukwest"}, {"westcentralus", "westus2"}, {"westus3", "eastus"},
		{"usgovvirginia", "usgovtexas"}, {"usgovarizona", "usgovtexas"},
		{"chinanorth", "chinaeast"}, {"chinanorth2", "chinaeast2"}, {"chinanorth3", "chinaeast3"},
	} {
		// One-way pairs (brazilsouth->southcentralus, westus3->eastus, usgovarizona->usgovtexas):
		// the first keeps its pair, the second keeps its own two-way pair.
		if _, ok := pairs[p[0]]; !ok {
			pairs[p[0]] = p[1]
		}
		if _, ok := pairs[p[1]]; !ok && p[0] != "brazilsouth" && p[0] != "westus3" && p[0] != "usgovarizona" {
			pairs[p[1]] = p[0]
		}
	}
}

// Pair returns the region Microsoft pairs with location ("" when it has none).
func Pair(location string) string { return pairs[location] }
