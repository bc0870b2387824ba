package regions

import "testing"

func TestPairs(t *testing.T) {
	for loc, want := range map[string]string{"westeurope": "northeurope", "northeurope": "westeurope", "eastus2": "centralus",
		"brazilsouth": "southcentralus", "southcentralus": "northcentralus", "westus3": "eastus", "eastus": "westus", "italynorth": ""} {
		if got := Pair(loc); got != want {
			t.Errorf("Pair(%s) = %q, want %q", loc, got, want)
		}
	}
	for loc, p := range pairs {
		if !Valid(CloudOf(loc), loc) || !Valid(CloudOf(p), p) || CloudOf(loc) != CloudOf(p) {
			t.Errorf("pair %s-%s is not two regions of one cloud", loc, p)
		}
	}
}
