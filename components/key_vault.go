package components

import (
	"github.com/pulumi/pulumi-azure-native-sdk/authorization/v2"
	"github.com/pulumi/pulumi-azure-native-sdk/keyvault/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/azurelean"
)

// vaultSpec describes a Key Vault made by this package.
type vaultSpec struct {
	name, sku         string
	softDeleteDays    int
	resourceGroupName pulumi.StringInput
	location          pulumi.StringInput
	tenantID          pulumi.StringInput
	tags              pulumi.StringMapInput
}

// newKeyVault is the one way this package makes a Key Vault: RBAC only, soft delete and purge
// protection, public network access disabled (reachable through private endpoints only).
func newKeyVault(ctx *pulumi.Context, parent pulumi.Resource, logicalName string, v vaultSpec, opts ...pulumi.ResourceOption) (*keyvault.Vault, error) {
	tenant := v.tenantID
	if tenant == nil {
		tenant = authorization.GetClientConfigOutput(ctx, pulumi.Parent(parent)).TenantId()
	}
	return azurelean.Vault(ctx, logicalName, &keyvault.VaultArgs{
		VaultName:         pulumi.String(v.name),
		ResourceGroupName: v.resourceGroupName,
		Location:          v.location,
		Properties: &keyvault.VaultPropertiesArgs{
			TenantId:                  tenant,
			Sku:                       &keyvault.SkuArgs{Family: pulumi.String("A"), Name: keyvault.SkuName(v.sku)},
			EnableRbacAuthorization:   pulumi.Bool(true),
			EnableSoftDelete:          pulumi.Bool(true),
			SoftDeleteRetentionInDays: pulumi.Int(v.softDeleteDays),
			EnablePurgeProtection:     pulumi.Bool(true),
			PublicNetworkAccess:       pulumi.String("Disabled"),
			NetworkAcls: &keyvault.NetworkRuleSetArgs{
				DefaultAction: pulumi.String("Deny"),
				// Trusted Azure services (e.g. Azure ML's own control plane) may still reach it.
				Bypass: pulumi.String("AzureServices"),
			},
			EnabledForDeployment:         pulumi.Bool(false),
			EnabledForDiskEncryption:     pulumi.Bool(false),
			EnabledForTemplateDeployment: pulumi.Bool(false),
		},
		Tags: v.tags,
	}, opts...)
}
