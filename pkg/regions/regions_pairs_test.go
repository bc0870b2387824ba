package regions

import "testing"

// TestPairs checks Pair against rows of Microsoft's table
// (learn.microsoft.com/azure/reliability/regions-paired#list-of-region-pairs), including its
// one-direction pairs and nonpaired regions.
func TestPairs(t *testing.T) {
	for loc, want := range map[string]string{
		"westeurope": "northeurope", "northeurope": "westeurope", "eastus2": "centralus", "centralus": "eastus2",
		"brazilsouth": "southcentralus", "southcentralus": "northcentralus", "brazilsoutheast": "brazilsouth",
		"westus3": "eastus", "eastus": "westus", "westus": "eastus", "westus2": "westcentralus",
		"westindia": "southindia", "southindia": "centralindia", "centralindia": "southindia",
		"usgovarizona": "usgovtexas", "usgovtexas": "usgovvirginia", "usdodeast": "usdodcentral", "usdodcentral": "usdodeast",
		"chinaeast3": "chinanorth3", "uksouth": "ukwest",
		"italynorth": "", "polandcentral": "", "israelcentral": "", "qatarcentral": "", "mexicocentral": "", "spaincentral": "",
	} {
		if got := Pair(loc); got != want {
			t.Errorf("Pair(%s) = %q, want %q", loc, got, want)
		}
	}
	for loc, p := range pairs {
		if !Valid(CloudOf(loc), loc) || !Valid(CloudOf(p), p) || CloudOf(loc) != CloudOf(p) {
			t.Errorf("pair %s-%s is not two regions of one cloud", loc, p)
		}
		if loc == p {
			t.Errorf("%s is paired with itself", loc)
		}
	}
	// The table's 25 two-way pairs (50 regions) and 5 regions paired in one direction only.
	if len(pairs) != 55 {
		t.Errorf("%d regions have a pair, want 55", len(pairs))
	}
}
