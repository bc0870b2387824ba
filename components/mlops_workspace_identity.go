package components

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/rbac"
)

// workspaceGrants are the workspace identity's roles granted before the workspace exists.
func workspaceGrants(p *workspacePlan, storageID, vaultID, registryID pulumi.StringInput) []rbac.Grant {
	a := p.args
	// The workspace identity's roles are Microsoft's documented prerequisites for a
	// user-assigned workspace identity (azure-ai-docs how-to-identity-based-service-authentication,
	// "User-assigned managed identity"): Contributor on storage, Key Vault, registry and
	// Application Insights, Storage Blob Data Contributor on storage and Key Vault Administrator
	// on an RBAC vault (Contributor on the workspace follows once it exists). No narrower role
	// is used: no Microsoft page shows a narrower set suffices.
	grants := []rbac.Grant{
		{Role: rbac.Contributor, Scope: storageID, ScopeKey: "storage"},
		{Role: rbac.StorageBlobDataContributor, Scope: storageID, ScopeKey: "storage"},
		{Role: rbac.Contributor, Scope: vaultID, ScopeKey: "keyvault"},
		// The finest scope Azure RBAC offers for secrets the workspace creates later is the vault
		// (secret-level assignments need existing secrets): hence a vault per workspace unless
		// one is given; in a given (shared) vault, data isolation keeps the names apart.
		{Role: rbac.KeyVaultAdministrator, Scope: vaultID, ScopeKey: "keyvault"},
		{Role: rbac.Contributor, Scope: registryID, ScopeKey: "registry"},
		{Role: rbac.Contributor, Scope: a.AppInsightsId, ScopeKey: "appinsights"},
	}
	if p.isolation != IsolationDisabled {
		// azure-ai-docs how-to-managed-network: a workspace with a user-assigned identity needs
		// Azure AI Enterprise Network Connection Approver to create its managed private endpoints
		// to storage, vault and registry.
		for _, t := range []struct {
			key   string
			scope pulumi.StringInput
		}{{"storage", storageID}, {"keyvault", vaultID}, {"registry", registryID}} {
			grants = append(grants, rbac.Grant{Role: rbac.AzureAIEnterpriseNetworkConnectionApprover, Scope: t.scope, ScopeKey: t.key})
		}
	}
	if cmk := a.CustomerManagedKey; cmk != nil {
		// The workspace identity wraps and unwraps the data encryption key with the customer's key.
		grants = append(grants, rbac.Grant{Role: rbac.KeyVaultCryptoServiceEncryptionUser, Scope: cmk.KeyVaultId, ScopeKey: "cmk-keyvault"})
	}
	return grants
}

// computeGrants are the compute identity's roles: data plane only.
func computeGrants(p *workspacePlan, storageID, vaultID, registryID, workspaceID pulumi.StringInput) []rbac.Grant {
	a := p.args
	return []rbac.Grant{
		{Role: rbac.StorageBlobDataContributor, Scope: storageID, ScopeKey: "storage"},
		{Role: rbac.StorageFileDataPrivilegedContributor, Scope: storageID, ScopeKey: "storage"},
		{Role: rbac.KeyVaultSecretsUser, Scope: vaultID, ScopeKey: "keyvault"},
		{Role: rbac.AcrPush, Scope: registryID, ScopeKey: "registry"},
		{Role: rbac.AzureMLDataScientist, Scope: workspaceID, ScopeKey: "workspace"},
		{Role: rbac.MonitoringMetricsPublisher, Scope: a.AppInsightsId, ScopeKey: "appinsights"},
	}
}
