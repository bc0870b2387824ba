package azure_mlops

import future.keywords.in

# ---- Storage ---------------------------------------------------------------------------------

# METADATA
# title: Storage accounts disable public network access
# custom:
#   mirrors: Azure Policy b2982f36-99f2-4db5-8eff-283140c09693 (Storage accounts should disable public network access)
#   fix: set publicNetworkAccess to Disabled; clients use the private endpoints
deny_storage_public_network_access[msg] {
	is_type("azure-native:storage:StorageAccount")
	not input.publicNetworkAccess == "Disabled"
	msg := sprintf("%s: public network access must be Disabled", [input.__name])
}

# METADATA
# title: Storage accounts prevent shared key access
# custom:
#   mirrors: Azure Policy 8c6a50c6-9ffd-4ae7-986f-5fa6111f9a54 (Storage accounts should prevent shared key access)
#   fix: set allowSharedKeyAccess to false and use Entra ID (identity-based datastores)
deny_storage_shared_key_access[msg] {
	is_type("azure-native:storage:StorageAccount")
	not input.allowSharedKeyAccess == false
	msg := sprintf("%s: shared key access must be disabled (allowSharedKeyAccess false)", [input.__name])
}

# METADATA
# title: Storage accounts disallow anonymous blob access
# custom:
#   mirrors: Azure Policy 4fa4b6c0-31ca-4c0d-b10d-24b96f62a751 (Storage account public access should be disallowed)
#   fix: set allowBlobPublicAccess to false
deny_storage_blob_public_access[msg] {
	is_type("azure-native:storage:StorageAccount")
	not input.allowBlobPublicAccess == false
	msg := sprintf("%s: anonymous blob access must be disabled (allowBlobPublicAccess false)", [input.__name])
}

# METADATA
# title: Storage accounts require TLS 1.2 or later
# custom:
#   mirrors: Azure Policy fe83a0eb-a853-422d-aac2-1bffd182c5d0 (Storage accounts should have the specified minimum TLS version)
#   fix: set minimumTlsVersion to TLS1_2
deny_storage_min_tls[msg] {
	is_type("azure-native:storage:StorageAccount")
	not input.minimumTlsVersion in {"TLS1_2", "TLS1_3"}
	msg := sprintf("%s: minimum TLS version must be TLS1_2 or later (is %v)", [input.__name, object.get(input, "minimumTlsVersion", "unset")])
}

# METADATA
# title: Storage accounts accept HTTPS only
# custom:
#   mirrors: Azure Policy 404c3081-a854-4457-ae30-26a93ef643f9 (Secure transfer to storage accounts should be enabled)
#   fix: set enableHttpsTrafficOnly to true
deny_storage_https_only[msg] {
	is_type("azure-native:storage:StorageAccount")
	input.enableHttpsTrafficOnly == false
	msg := sprintf("%s: secure transfer (enableHttpsTrafficOnly) must be on", [input.__name])
}

# METADATA
# title: Storage accounts forbid cross-tenant object replication
# custom:
#   mirrors: Azure Policy 92a89a79-6c52-4a7e-a03f-61306fc49312 (Storage accounts should prevent cross tenant object replication)
#   fix: set allowCrossTenantReplication to false
deny_storage_cross_tenant_replication[msg] {
	is_type("azure-native:storage:StorageAccount")
	not input.allowCrossTenantReplication == false
	msg := sprintf("%s: cross-tenant replication must be disabled", [input.__name])
}

# METADATA
# title: Storage accounts deny network access by default
# custom:
#   mirrors: Azure Policy 34c877ad-507e-4c82-993e-3452a6e0ad3c (Storage accounts should restrict network access)
#   fix: set networkRuleSet.defaultAction to Deny
deny_storage_network_default_action[msg] {
	is_type("azure-native:storage:StorageAccount")
	not input.networkRuleSet.defaultAction == "Deny"
	msg := sprintf("%s: networkRuleSet.defaultAction must be Deny", [input.__name])
}

# METADATA
# title: Storage accounts use infrastructure encryption
# custom:
#   mirrors: Azure Policy 4733ea7b-a883-42fe-8cac-97454c2a9e4a (Storage accounts should have infrastructure encryption)
#   fix: set encryption.requireInfrastructureEncryption to true (only possible at creation)
warn_storage_infrastructure_encryption[msg] {
	is_type("azure-native:storage:StorageAccount")
	not input.encryption.requireInfrastructureEncryption == true
	msg := sprintf("%s: infrastructure (double) encryption is off", [input.__name])
}

# ---- Key Vault -------------------------------------------------------------------------------

vault := props.properties

# METADATA
# title: Key Vaults disable public network access
# custom:
#   mirrors: Azure Policy 405c5871-3e91-4644-8a63-58e19d68ff5b (Azure Key Vault should disable public network access)
#   fix: set properties.publicNetworkAccess to Disabled; use the private endpoint
deny_key_vault_public_network_access[msg] {
	is_type("azure-native:keyvault:Vault")
	not lower(object.get(vault, "publicNetworkAccess", "enabled")) == "disabled"
	msg := sprintf("%s: public network access must be Disabled", [input.__name])
}

# METADATA
# title: Key Vaults have purge protection
# custom:
#   mirrors: Azure Policy 0b60c0b2-2dc2-4e1c-b5c9-abbed971de53 (Key vaults should have deletion protection enabled)
#   fix: set properties.enablePurgeProtection to true
deny_key_vault_purge_protection[msg] {
	is_type("azure-native:keyvault:Vault")
	not vault.enablePurgeProtection == true
	msg := sprintf("%s: purge protection must be enabled", [input.__name])
}

# METADATA
# title: Key Vaults use the RBAC permission model
# custom:
#   mirrors: Azure Policy 12d4fa5e-1f9f-4c21-97a9-b99b3c6611b5 (Azure Key Vault should use RBAC permission model)
#   fix: set properties.enableRbacAuthorization to true
deny_key_vault_rbac[msg] {
	is_type("azure-native:keyvault:Vault")
	not vault.enableRbacAuthorization == true
	msg := sprintf("%s: the vault must use Azure RBAC, not access policies", [input.__name])
}

# METADATA
# title: Key Vaults keep soft delete
# custom:
#   mirrors: Azure Policy 1e66c121-a66a-4b1f-9b83-0fd99bf0fc2d (Key vaults should have soft delete enabled)
#   fix: do not set properties.enableSoftDelete to false
deny_key_vault_soft_delete[msg] {
	is_type("azure-native:keyvault:Vault")
	vault.enableSoftDelete == false
	msg := sprintf("%s: soft delete must stay enabled", [input.__name])
}

# ---- Container registry ----------------------------------------------------------------------

# METADATA
# title: Container registries disable public network access
# custom:
#   mirrors: Azure Policy 0fdf0491-d080-4575-b627-ad0e843cba0f (Public network access should be disabled for Container registries)
#   fix: set publicNetworkAccess to Disabled
deny_registry_public_network_access[msg] {
	is_type("azure-native:containerregistry:Registry")
	not input.publicNetworkAccess == "Disabled"
	msg := sprintf("%s: public network access must be Disabled", [input.__name])
}

# METADATA
# title: Container registries have no admin user
# custom:
#   mirrors: Azure Policy dc921057-6b28-4fbe-9b83-f7bec05db6c2 (Container registries should have local admin account disabled)
#   fix: set adminUserEnabled to false; pull and push with Entra identities (AcrPull/AcrPush)
deny_registry_admin_user[msg] {
	is_type("azure-native:containerregistry:Registry")
	not input.adminUserEnabled == false
	msg := sprintf("%s: the admin user must be disabled", [input.__name])
}

# METADATA
# title: Container registries disallow anonymous pull
# custom:
#   mirrors: Azure Policy 9f2dea28-e834-476c-99c5-3507b4728395 (Container registries should have anonymous authentication disabled)
#   fix: set anonymousPullEnabled to false
deny_registry_anonymous_pull[msg] {
	is_type("azure-native:containerregistry:Registry")
	input.anonymousPullEnabled == true
	msg := sprintf("%s: anonymous pull must be disabled", [input.__name])
}

# METADATA
# title: Container registries are Premium (private link needs it)
# custom:
#   mirrors: Azure Policy e8eef0a8-67cf-4eb4-9386-14b0e78733d4 (Container registries should use private link)
#   fix: use sku Premium
deny_registry_premium[msg] {
	is_type("azure-native:containerregistry:Registry")
	not input.sku.name == "Premium"
	msg := sprintf("%s: private endpoints need the Premium SKU (is %v)", [input.__name, object.get(object.get(input, "sku", {}), "name", "unset")])
}

# METADATA
# title: Container registries forbid image export
# custom:
#   mirrors: Azure Policy 524b0254-c285-4903-bee6-bb8126cde579 (Container registries should have exports disabled)
#   fix: set policies.exportPolicy.status to disabled
warn_registry_export[msg] {
	is_type("azure-native:containerregistry:Registry")
	not input.policies.exportPolicy.status == "disabled"
	msg := sprintf("%s: images can be exported out of the private registry", [input.__name])
}
