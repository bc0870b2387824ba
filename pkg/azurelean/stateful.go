package azurelean

import (
	containerregistry "github.com/pulumi/pulumi-azure-native-sdk/containerregistry/v2/v20231101preview"
	"github.com/pulumi/pulumi-azure-native-sdk/keyvault/v2"
	"github.com/pulumi/pulumi-azure-native-sdk/storage/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// The stateful resources every project creates (storage account, Key Vault, container
// registry) registered as the generated New<Resource> registers them — the same required-input
// checks, the same input defaults — without the generated SDK's type aliases (26, 18 and 17 of
// them: one per API-version token the type was ever published under, see the package
// comment). lean_test.go requires registrations identical to the generated ones apart from the
// aliases. The storage account and the registry return the outputs this repository reads
// (their generated structs have 46 and 23, each created and resolved per registration); the
// Key Vault keeps its generated struct (6 outputs, among them the vault URI).

// StorageAccountResource is a registered storage account: its id and name.
type StorageAccountResource = Resource

// RegistryResource is a registered container registry: its id, name and login server.
type RegistryResource struct {
	pulumi.CustomResourceState

	Name        pulumi.StringOutput `pulumi:"name"`
	LoginServer pulumi.StringOutput `pulumi:"loginServer"`
}

// StorageAccount is storage.NewStorageAccount without type aliases.
func StorageAccount(ctx *pulumi.Context, name string, args *storage.StorageAccountArgs, opts ...pulumi.ResourceOption) (*StorageAccountResource, error) {
	if args == nil {
		return nil, ErrMissingArgs
	}
	if err := CheckRequired(Arg("Kind", args.Kind), Arg("ResourceGroupName", args.ResourceGroupName), Arg("Sku", args.Sku)); err != nil {
		return nil, err
	}
	a := *args
	if a.Encryption != nil {
		a.Encryption = a.Encryption.ToEncryptionPtrOutput().ApplyT(func(v *storage.Encryption) *storage.Encryption { return v.Defaults() }).(storage.EncryptionPtrOutput)
	}
	if a.NetworkRuleSet != nil {
		a.NetworkRuleSet = a.NetworkRuleSet.ToNetworkRuleSetPtrOutput().ApplyT(func(v *storage.NetworkRuleSet) *storage.NetworkRuleSet { return v.Defaults() }).(storage.NetworkRuleSetPtrOutput)
	}
	if a.SasPolicy != nil {
		a.SasPolicy = a.SasPolicy.ToSasPolicyPtrOutput().ApplyT(func(v *storage.SasPolicy) *storage.SasPolicy { return v.Defaults() }).(storage.SasPolicyPtrOutput)
	}
	var res StorageAccountResource
	if err := RegisterInto(ctx, "azure-native:storage:StorageAccount", name, &a, &res, opts...); err != nil {
		return nil, err
	}
	return &res, nil
}

// Vault is keyvault.NewVault without type aliases.
func Vault(ctx *pulumi.Context, name string, args *keyvault.VaultArgs, opts ...pulumi.ResourceOption) (*keyvault.Vault, error) {
	if args == nil {
		return nil, ErrMissingArgs
	}
	if err := CheckRequired(Arg("Properties", args.Properties), Arg("ResourceGroupName", args.ResourceGroupName)); err != nil {
		return nil, err
	}
	a := *args
	a.Properties = a.Properties.ToVaultPropertiesOutput().ApplyT(func(v keyvault.VaultProperties) keyvault.VaultProperties { return *v.Defaults() }).(keyvault.VaultPropertiesOutput)
	var res keyvault.Vault
	if err := RegisterInto(ctx, "azure-native:keyvault:Vault", name, &a, &res, opts...); err != nil {
		return nil, err
	}
	return &res, nil
}

// ContainerRegistry is containerregistry (v20231101preview).NewRegistry without type aliases.
func ContainerRegistry(ctx *pulumi.Context, name string, args *containerregistry.RegistryArgs, opts ...pulumi.ResourceOption) (*RegistryResource, error) {
	if args == nil {
		return nil, ErrMissingArgs
	}
	if err := CheckRequired(Arg("ResourceGroupName", args.ResourceGroupName), Arg("Sku", args.Sku)); err != nil {
		return nil, err
	}
	a := *args
	if a.AdminUserEnabled == nil {
		a.AdminUserEnabled = pulumi.BoolPtr(false)
	}
	if a.AnonymousPullEnabled == nil {
		a.AnonymousPullEnabled = pulumi.BoolPtr(false)
	}
	if a.MetadataSearch == nil {
		a.MetadataSearch = pulumi.StringPtr("Disabled")
	}
	if a.NetworkRuleBypassOptions == nil {
		a.NetworkRuleBypassOptions = pulumi.StringPtr("AzureServices")
	}
	if a.NetworkRuleSet != nil {
		a.NetworkRuleSet = a.NetworkRuleSet.ToNetworkRuleSetPtrOutput().ApplyT(func(v *containerregistry.NetworkRuleSet) *containerregistry.NetworkRuleSet { return v.Defaults() }).(containerregistry.NetworkRuleSetPtrOutput)
	}
	if a.Policies != nil {
		a.Policies = a.Policies.ToPoliciesPtrOutput().ApplyT(func(v *containerregistry.Policies) *containerregistry.Policies { return v.Defaults() }).(containerregistry.PoliciesPtrOutput)
	}
	if a.PublicNetworkAccess == nil {
		a.PublicNetworkAccess = pulumi.StringPtr("Enabled")
	}
	if a.ZoneRedundancy == nil {
		a.ZoneRedundancy = pulumi.StringPtr("Disabled")
	}
	var res RegistryResource
	if err := RegisterInto(ctx, "azure-native:containerregistry/v20231101preview:Registry", name, &a, &res, opts...); err != nil {
		return nil, err
	}
	return &res, nil
}
