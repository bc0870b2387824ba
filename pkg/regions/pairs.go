package regions

// pairs are Azure's documented region pairs, checked row by row against Microsoft's table
// "List of region pairs" in "Azure region pairs and nonpaired regions"
// (learn.microsoft.com/azure/reliability/regions-paired#list-of-region-pairs; the older address
// learn.microsoft.com/azure/reliability/cross-region-replication-azure#azure-paired-regions carried
// the same table). Regions the page lists as nonpaired (e.g. italynorth, polandcentral,
// israelcentral, qatarcentral, mexicocentral, spaincentral) have none here.
var pairs = map[string]string{}

// twoWay are pairs whose regions are each other's secondary.
var twoWay = [][2]string{
	{"eastasia", "southeastasia"},
	{"australiaeast", "australiasoutheast"}, {"australiacentral", "australiacentral2"},
	{"canadacentral", "canadaeast"},
	{"chinanorth", "chinaeast"}, {"chinanorth2", "chinaeast2"}, {"chinanorth3", "chinaeast3"},
	{"northeurope", "westeurope"},
	{"francecentral", "francesouth"},
	{"germanywestcentral", "germanynorth"},
	{"centralindia", "southindia"},
	{"japaneast", "japanwest"},
	{"koreacentral", "koreasouth"},
	{"norwayeast", "norwaywest"},
	{"southafricanorth", "southafricawest"},
	{"swedencentral", "swedensouth"},
	{"switzerlandnorth", "switzerlandwest"},
	{"ukwest", "uksouth"},
	{"eastus", "westus"}, {"eastus2", "centralus"}, {"northcentralus", "southcentralus"}, {"westus2", "westcentralus"},
	{"uaenorth", "uaecentral"},
	{"usdodeast", "usdodcentral"},
	{"usgovvirginia", "usgovtexas"},
}

// oneWay are the page's one-direction pairs: the first region's secondary is the second, whose
// own secondary is its two-way pair ("West India is paired in one direction only", "West US 3 is
// paired in one direction with East US", "The secondary region of South Central US isn't Brazil
// South"); Brazil Southeast -> Brazil South and US Gov Arizona -> US Gov Texas are the same shape
// (Brazil South and US Gov Texas have their own pairs in the table).
var oneWay = [][2]string{
	{"brazilsouth", "southcentralus"}, {"brazilsoutheast", "brazilsouth"},
	{"westindia", "southindia"},
	{"westus3", "eastus"},
	{"usgovarizona", "usgovtexas"},
}

func init() {
	for _, p := range twoWay {
		pairs[p[0]], pairs[p[1]] = p[1], p[0]
	}
	for _, p := range oneWay {
		pairs[p[0]] = p[1]
	}
}

// Pair returns the region Microsoft pairs with location as its secondary ("" when it has none).
func Pair(location string) string { return pairs[location] }
