package plan

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/stretchr/testify/assert"
)

func TestARMIDs(t *testing.T) {
	sub := "s"
	cases := []struct {
		token  string
		inputs resource.PropertyMap
		want   string
	}{
		{"azure-native:keyvault:Vault", resource.PropertyMap{"resourceGroupName": str("rg"), "vaultName": str("kv1")},
			"/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv1"},
		{"azure-native:machinelearningservices/v20241001:Compute", resource.PropertyMap{"resourceGroupName": str("rg"), "workspaceName": str("w"), "computeName": str("cpu")},
			"/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/w/computes/cpu"},
		{"azure-native:authorization:RoleAssignment", resource.PropertyMap{"scope": str("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st"), "roleAssignmentName": str("g")},
			"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st/providers/Microsoft.Authorization/roleAssignments/g"},
		{"azure-native:resources:ResourceGroup", resource.PropertyMap{"resourceGroupName": str("rg-x")}, "/subscriptions/s/resourceGroups/rg-x"},
		{"azure-native:network:PrivateDnsZoneGroup", resource.PropertyMap{"resourceGroupName": str("rg"), "privateEndpointName": str("pe"), "privateDnsZoneGroupName": str("default")},
			"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/privateEndpoints/pe/privateDnsZoneGroups/default"},
	}
	for _, c := range cases {
		id, _, ok := armID(sub, c.token, "logical", c.inputs)
		assert.True(t, ok, c.token)
		assert.Equal(t, c.want, id)
	}
	// Without a physical name the logical name is used (azure-native would auto-name).
	id, name, _ := armID(sub, "azure-native:keyvault:Vault", "kv-logical", resource.PropertyMap{"resourceGroupName": str("rg")})
	assert.Equal(t, "kv-logical", name)
	assert.Equal(t, "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-logical", id)
	_, _, ok := armID(sub, "azure-native:unknown:Thing", "x", nil)
	assert.False(t, ok)
}

func TestStableOrderPutsDependenciesFirst(t *testing.T) {
	in := []Resource{
		{URN: "c", Dependencies: []string{"b"}},
		{URN: "a"},
		{URN: "b", Parent: "z"},
		{URN: "z"},
	}
	var got []string
	for _, r := range stableOrder(in) {
		got = append(got, r.URN)
	}
	assert.Equal(t, []string{"a", "z", "b", "c"}, got)
}

func TestPlainRedactsSecretsAndUnknowns(t *testing.T) {
	m := resource.PropertyMap{
		"s": resource.MakeSecret(str("hunter2")),
		"u": resource.MakeComputed(str("")),
		"o": resource.NewProperty(resource.Output{Element: str("x"), Known: true, Secret: true}),
		"n": resource.NewProperty(resource.PropertyMap{"k": str("v")}),
	}
	assert.Equal(t, map[string]any{"s": SecretMarker, "u": UnknownMarker, "o": SecretMarker, "n": map[string]any{"k": "v"}}, PlainMap(m))
}
