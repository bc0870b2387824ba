package azureml

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/bindingcheck"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/plan"
)

// The registry binding's wire names are declared by azure-native 2.92.3 (v20241001), every
// required property is bound, and the Args mirror the plain types.
func TestRegistryWireNamesMatchAzureNativeDeclarations(t *testing.T) {
	bindingcheck.WireNamesAreDeclared(t, bindingcheck.Declarations(t, "testdata/declarations.txt"), map[string]any{
		"v20241001.RegistryResourceArgs":            registryArgs{},
		"v20241001.RegistryArgs":                    RegistryProperties{},
		"v20241001.RegistryRegionArmDetailsArgs":    RegistryRegionArmDetails{},
		"v20241001.StorageAccountDetailsArgs":       StorageAccountDetails{},
		"v20241001.SystemCreatedStorageAccountArgs": SystemCreatedStorageAccount{},
		"v20241001.AcrDetailsArgs":                  AcrDetails{},
		"v20241001.SystemCreatedAcrAccountArgs":     SystemCreatedAcrAccount{},
		"v20241001.ArmResourceIdArgs":               ArmResourceId{},
		"v20241001.SkuArgs":                         Sku{},
		"v20241001.Registry.outputs":                Registry{},
	})
	bindingcheck.ArgsMirrorPlain(t, []bindingcheck.Pair{
		{RegistryArgs{}, registryArgs{}},
		{RegistryPropertiesArgs{}, RegistryProperties{}},
		{RegistryRegionArmDetailsArgs{}, RegistryRegionArmDetails{}},
		{SystemCreatedStorageAccountArgs{}, SystemCreatedStorageAccount{}},
		{SystemCreatedAcrAccountArgs{}, SystemCreatedAcrAccount{}},
	})
}

// The binding registers the exact token at the pinned version and sends the nested wire names
// (registryProperties.regionDetails[].acrDetails[].systemCreatedAcrAccount...).
func TestRegistryBindingRegistersTokenAndWireNames(t *testing.T) {
	rec, err := plan.Run(plan.Options{}, func(ctx *pulumi.Context) error {
		_, err := NewRegistry(ctx, "reg", &RegistryArgs{
			ResourceGroupName: pulumi.String("rg"),
			RegistryName:      pulumi.String("mlr-x"),
			Location:          pulumi.String("westeurope"),
			Identity:          &ManagedServiceIdentityArgs{Type: pulumi.String("SystemAssigned")},
			RegistryProperties: &RegistryPropertiesArgs{
				PublicNetworkAccess: pulumi.String("Disabled"),
				RegionDetails: []*RegistryRegionArmDetailsArgs{{
					Location: pulumi.String("westeurope"),
					AcrDetails: []*AcrDetailsArgs{{SystemCreatedAcrAccount: &SystemCreatedAcrAccountArgs{
						AcrAccountSku: pulumi.String("Premium")}}},
					StorageAccountDetails: []*StorageAccountDetailsArgs{{SystemCreatedStorageAccount: &SystemCreatedStorageAccountArgs{
						AllowBlobPublicAccess: pulumi.Bool(false), StorageAccountType: pulumi.String("Standard_ZRS")}}},
				}},
			},
		})
		return err
	})
	require.NoError(t, err)
	r, ok := plan.Find(rec.Resources(), "", "reg")
	require.True(t, ok)
	assert.Equal(t, "azure-native:machinelearningservices/v20241001:Registry", r.Type)
	assert.Equal(t, "azure-native@2.92.3", r.Provider)
	assert.Equal(t, "Disabled", r.Input("registryProperties.publicNetworkAccess"))
	assert.Equal(t, "Premium", r.Input("registryProperties.regionDetails[0].acrDetails[0].systemCreatedAcrAccount.acrAccountSku"))
	assert.Equal(t, false, r.Input("registryProperties.regionDetails[0].storageAccountDetails[0].systemCreatedStorageAccount.allowBlobPublicAccess"))
	assert.Equal(t, "SystemAssigned", r.Input("identity.type"))

	_, err = plan.Run(plan.Options{}, func(ctx *pulumi.Context) error {
		_, err := NewRegistry(ctx, "reg", &RegistryArgs{ResourceGroupName: pulumi.String("rg")})
		return err
	})
	assert.ErrorContains(t, err, "RegistryProperties")
}
