package plan

import "testing"

func TestChangeClassification(t *testing.T) {
	for _, c := range []struct {
		path          string
		security, tag bool
	}{
		{"managedNetwork.isolationMode", true, false},
		{"publicNetworkAccess", true, false},
		{"properties.publicNetworkAccess", true, false},
		{"allowBlobPublicAccess", true, false},
		{"properties.properties.remoteLoginPortPublicAccess", true, false},
		{"properties.properties.enableNodePublicIp", true, false},
		{"(protect)", true, false},
		{"parameters.effect.value", true, false},
		{"enforcementMode", true, false},
		{"hbiWorkspace", true, false},
		{"properties.networkAcls.defaultAction", true, false},
		{"securityRules[0].access", true, false},
		{"securityRules[0].destinationAddressPrefix", false, false}, // the address plan, not access
		{"retentionInDays", false, false},
		{"friendlyName", false, false},
		{"sku.name", false, false},
		{"parameters.maxNodeCount.value", false, false},
		{"tags.criticality", false, true},
		{"tags", false, true},
		{"tagsExtra", false, false},
	} {
		ch := Change{Path: c.path}
		if got := ch.Security(); got != c.security {
			t.Errorf("%s: Security() = %v", c.path, got)
		}
		if got := ch.Tag(); got != c.tag {
			t.Errorf("%s: Tag() = %v", c.path, got)
		}
	}
}

func TestMermaidIDsAreUnique(t *testing.T) {
	rs := []DocResource{
		{URN: "a", Name: "gov-x", Type: "azure-native:authorization:PolicyDefinition"},
		{URN: "b", Name: "gov-x", Type: "azure-native:authorization:PolicyAssignment"},
		{URN: "c", Name: "gov.x", Type: "azure-native:authorization:PolicyAssignment"}, // same id after escaping
		{URN: "d", Name: "shared-roles", Type: "azure-native:network:Subnet"},
	}
	ids, reserve := mermaidIDs(rs)
	want := []string{"gov_x", "gov_x_PolicyAssignment", "gov_x_PolicyAssignment_2", "shared_roles"}
	for i, id := range want {
		if ids[i] != id {
			t.Errorf("%s: id %q, want %q", rs[i].URN, ids[i], id)
		}
	}
	if got := reserve("shared_roles"); got != "shared_roles_2" {
		t.Errorf("a summary node took a resource's id: %q", got)
	}
}
