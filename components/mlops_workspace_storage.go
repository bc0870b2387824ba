package components

import (
	"github.com/pulumi/pulumi-azure-native-sdk/storage/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/azurelean"
)

// newWorkspaceStorage is the workspace's default storage account: Entra ID only, no public
// network access, infrastructure encryption.
func newWorkspaceStorage(ctx *pulumi.Context, name string, p *workspacePlan, tags pulumi.StringMap, stateful []pulumi.ResourceOption) (*azurelean.StorageAccountResource, error) {
	a := p.args
	return azurelean.StorageAccount(ctx, name+"-st", &storage.StorageAccountArgs{
		AccountName:       pulumi.String(p.stName),
		ResourceGroupName: a.ResourceGroupName,
		Location:          a.Location,
		Kind:              pulumi.String("StorageV2"),
		Sku:               &storage.SkuArgs{Name: pulumi.String(p.storageSku)},
		AccessTier:        storage.AccessTierHot,
		MinimumTlsVersion: pulumi.String("TLS1_2"),
		// Entra ID only: the workspace uses identity-based system datastores.
		AllowSharedKeyAccess:         pulumi.Bool(false),
		DefaultToOAuthAuthentication: pulumi.Bool(true),
		EnableHttpsTrafficOnly:       pulumi.Bool(true),
		AllowBlobPublicAccess:        pulumi.Bool(false),
		AllowCrossTenantReplication:  pulumi.Bool(false),
		// Copies only from accounts in the same Entra tenant.
		AllowedCopyScope:   pulumi.String("AAD"),
		IsLocalUserEnabled: pulumi.Bool(false),
		// No hierarchical namespace: Azure ML does not support it on the default storage.
		IsHnsEnabled:        pulumi.Bool(false),
		IsSftpEnabled:       pulumi.Bool(false),
		PublicNetworkAccess: pulumi.String("Disabled"),
		NetworkRuleSet: &storage.NetworkRuleSetArgs{
			DefaultAction: storage.DefaultActionDeny,
			Bypass:        pulumi.String("AzureServices"),
		},
		Encryption: &storage.EncryptionArgs{
			KeySource:                       pulumi.String("Microsoft.Storage"),
			RequireInfrastructureEncryption: pulumi.Bool(true),
			Services: &storage.EncryptionServicesArgs{
				Blob: &storage.EncryptionServiceArgs{Enabled: pulumi.Bool(true), KeyType: pulumi.String("Account")},
				File: &storage.EncryptionServiceArgs{Enabled: pulumi.Bool(true), KeyType: pulumi.String("Account")},
			},
		},
		Tags: tags,
	}, stateful...)
}
