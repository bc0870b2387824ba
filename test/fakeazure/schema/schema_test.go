package schema_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/plan"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/profile"
	"github.com/azure-mlops/pulumi-azure-mlops/platform"
	"github.com/azure-mlops/pulumi-azure-mlops/test/fakeazure/schema"
)

// Every resource the three stacks register must pass azure-native 2.92.3's declared input
// schema: no unknown property, no wrong type, nothing required missing. The test double runs
// the same check under the real engine; this runs it in every `go test`.
func TestStacksConformToAzureNativeDeclarations(t *testing.T) {
	s, err := schema.Load()
	require.NoError(t, err)
	for _, stack := range profile.Stacks("../../..") {
		t.Run(stack, func(t *testing.T) {
			files, err := profile.LoadStackFiles("../../..", stack)
			require.NoError(t, err)
			rec, err := plan.Run(plan.Options{Project: files.Project, Stack: stack, Config: files.Config, ConfigSecretKeys: files.SecretKeys},
				platform.PlatformProgram)
			require.NoError(t, err)
			n, refusals := s.CheckRecorded(rec.Resources())
			assert.Empty(t, refusals)
			assert.Greater(t, n, 50)
		})
	}
}

func TestCheckRefusesWhatAzureNativeRefuses(t *testing.T) {
	s, err := schema.Load()
	require.NoError(t, err)
	vault := func(props resource.PropertyMap) resource.PropertyMap {
		m := resource.PropertyMap{"resourceGroupName": resource.NewProperty("rg"), "vaultName": resource.NewProperty("kv")}
		if props != nil {
			m["properties"] = resource.NewProperty(props)
		}
		return m
	}
	validProps := resource.PropertyMap{
		"tenantId":                resource.NewProperty("t"),
		"sku":                     resource.NewProperty(resource.PropertyMap{"family": resource.NewProperty("A"), "name": resource.NewProperty("standard")}),
		"enableRbacAuthorization": resource.NewProperty(true),
	}
	assert.Empty(t, s.Check("azure-native:keyvault:Vault", vault(validProps)))

	for name, tc := range map[string]struct {
		token  string
		inputs resource.PropertyMap
		prop   string
		reason string
	}{
		"missing required": {"azure-native:keyvault:Vault", vault(nil), "properties", "missing required property"},
		"misspelled":       {"azure-native:keyvault:Vault", vault(merge(validProps, "enableRbacAuth", resource.NewProperty(true))), "properties.enableRbacAuth", "unknown property"},
		"wrong type":       {"azure-native:keyvault:Vault", vault(merge(validProps, "enablePurgeProtection", resource.NewProperty("yes"))), "properties.enablePurgeProtection", "must be a boolean"},
		"unknown type":     {"azure-native:web:WebApp", resource.PropertyMap{}, "", "not in the schema"},
		// Compute properties are a union discriminated by computeType.
		"union constant": {"azure-native:machinelearningservices/v20241001:Compute", resource.PropertyMap{
			"resourceGroupName": resource.NewProperty("rg"), "workspaceName": resource.NewProperty("w"),
			"properties": resource.NewProperty(resource.PropertyMap{"computeType": resource.NewProperty("AmlComputer")}),
		}, "properties.computeType", "must be"},
		"nested in array": {"azure-native:network:VirtualNetwork", resource.PropertyMap{
			"resourceGroupName": resource.NewProperty("rg"),
			"subnets":           resource.NewProperty([]resource.PropertyValue{resource.NewProperty(resource.PropertyMap{"adressPrefix": resource.NewProperty("10.0.0.0/24")})}),
		}, "subnets[0].adressPrefix", "unknown property"},
	} {
		t.Run(name, func(t *testing.T) {
			got := s.Check(tc.token, tc.inputs)
			require.NotEmpty(t, got)
			assert.Equal(t, tc.prop, got[0].Property)
			assert.Contains(t, got[0].Reason, tc.reason)
		})
	}
	// Unknown values (preview) and secrets are checked by what they wrap, or not at all.
	unknown := vault(nil)
	unknown["properties"] = resource.MakeComputed(resource.NewProperty(""))
	assert.Empty(t, s.Check("azure-native:keyvault:Vault", unknown))
	secret := vault(merge(validProps, "enablePurgeProtection", resource.MakeSecret(resource.NewProperty(1.0))))
	assert.NotEmpty(t, s.Check("azure-native:keyvault:Vault", secret))
}

func merge(m resource.PropertyMap, k string, v resource.PropertyValue) resource.PropertyMap {
	out := m.Copy()
	out[resource.PropertyKey(k)] = v
	return out
}
