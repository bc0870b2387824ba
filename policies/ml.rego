package azure_mlops

import future.keywords.in

# METADATA
# title: ML workspaces disable public network access
# custom:
#   mirrors: Azure Policy 438c38d2-3772-465a-a9cc-7a6666a275ce (Azure Machine Learning Workspaces should disable public network access)
#   fix: set publicNetworkAccess to Disabled and reach the workspace through its private endpoint
deny_ml_workspace_public_network_access[msg] {
	is_type("azure-native:machinelearningservices:Workspace")
	not input.publicNetworkAccess == "Disabled"
	msg := sprintf("%s: public network access is not disabled; set publicNetworkAccess to Disabled and use the private endpoint", [input.__name])
}

# METADATA
# title: ML workspaces deny public access when behind a VNet
# custom:
#   mirrors: CAF landing zone Deny-MachineLearning-PublicAccessWhenBehindVnet
#   fix: set allowPublicAccessWhenBehindVnet to false
deny_ml_workspace_public_access_behind_vnet[msg] {
	is_type("azure-native:machinelearningservices:Workspace")
	not input.allowPublicAccessWhenBehindVnet == false
	msg := sprintf("%s: allowPublicAccessWhenBehindVnet must be false", [input.__name])
}

# METADATA
# title: ML workspaces use a user-assigned managed identity
# custom:
#   mirrors: Azure Policy 5f0c7d88-c7de-45b8-ac49-db49e72eaa78 (Azure Machine Learning workspaces should use user-assigned managed identity)
#   fix: give the workspace identity.type UserAssigned and a primaryUserAssignedIdentity
deny_ml_workspace_user_assigned_identity[msg] {
	is_type("azure-native:machinelearningservices:Workspace")
	not uses_user_assigned_identity
	msg := sprintf("%s: the workspace must use a user-assigned identity (identity.type UserAssigned and primaryUserAssignedIdentity)", [input.__name])
}

uses_user_assigned_identity {
	contains(input.identity.type, "UserAssigned")
	input.primaryUserAssignedIdentity != ""
}

# METADATA
# title: ML workspaces reach their storage with identities, not keys
# custom:
#   mirrors: Microsoft cloud security benchmark IM-1 (use centralized identity); Azure Policy 8c6a50c6-9ffd-4ae7-986f-5fa6111f9a54 (storage accounts should prevent shared key access)
#   fix: set systemDatastoresAuthMode to Identity
deny_ml_workspace_identity_datastores[msg] {
	is_type("azure-native:machinelearningservices:Workspace")
	not input.systemDatastoresAuthMode == "Identity"
	msg := sprintf("%s: system datastores must use identity-based access (systemDatastoresAuthMode Identity); the storage account has no shared keys", [input.__name])
}

# METADATA
# title: ML workspaces use an allowed managed-network isolation mode
# custom:
#   mirrors: Azure Policy ML "managed network isolation mode" audit; CAF network isolation guidance
#   fix: use managedNetwork.isolationMode AllowOnlyApprovedOutbound (or a mode the environment allows)
deny_ml_workspace_isolation_mode[msg] {
	is_type("azure-native:machinelearningservices:Workspace")
	allowed := param("deny_ml_workspace_isolation_mode", "allowedIsolationModes", ["AllowInternetOutbound", "AllowOnlyApprovedOutbound"])
	mode := object.get(object.get(input, "managedNetwork", {}), "isolationMode", "Disabled")
	not mode in allowed
	msg := sprintf("%s: isolation mode %s is not allowed here (allowed: %s)", [input.__name, mode, concat(", ", allowed)])
}

# METADATA
# title: ML workspaces are high business impact where required
# custom:
#   mirrors: CAF landing zone Deny-MachineLearning-HbiWorkspace
#   fix: set hbiWorkspace to true (profile prod does)
deny_ml_workspace_hbi[msg] {
	is_type("azure-native:machinelearningservices:Workspace")
	param("deny_ml_workspace_hbi", "required", false) == true
	not input.hbiWorkspace == true
	msg := sprintf("%s: this environment requires high-business-impact workspaces; set hbiWorkspace to true", [input.__name])
}

# METADATA
# title: ML workspaces are encrypted with a customer-managed key
# custom:
#   mirrors: Azure Policy ba769a63-b8cc-4b2d-abf6-ac33c7204be8 (Azure Machine Learning workspaces should be encrypted with a customer-managed key)
#   fix: set customerManagedKey (key vault id and key id) on the workspace
warn_ml_workspace_customer_managed_key[msg] {
	is_type("azure-native:machinelearningservices:Workspace")
	not input.encryption.status == "Enabled"
	msg := sprintf("%s: data is encrypted with Microsoft-managed keys; set customerManagedKey where regulation requires your own key", [input.__name])
}

# METADATA
# title: ML workspaces use a registry created by the platform (allowed image registries)
# custom:
#   mirrors: Azure Policy 5853517a-63de-11ea-bc55-0242ac130003 ([Preview] Configure allowed registries for specified Azure Machine Learning computes)
#   fix: link the workspace to the registry MLOpsWorkspace creates, or list the registry in the allowedRegistries policy parameter
stack_deny_ml_workspace_registry[msg] {
	some ws in stack_resources("azure-native:machinelearningservices:Workspace")
	not dependency_of_type(ws, "containerRegistry", "azure-native:containerregistry:Registry")
	not ws.containerRegistry in param("stack_deny_ml_workspace_registry", "allowedRegistries", [])
	msg := sprintf("%s: container registry %v is neither managed by this stack nor allowed", [ws.__name, object.get(ws, "containerRegistry", "(none)")])
}

# METADATA
# title: ML registries disable public network access
# custom:
#   mirrors: azure-ai-docs how-to-registry-network-isolation (private endpoint, publicNetworkAccess Disabled); Governance's Deny-MachineLearning-Registry-PublicNetworkAccess (no built-in exists for registries)
#   fix: set registryProperties.publicNetworkAccess to Disabled and reach the registry through its private endpoint (SharedServices.mlRegistry)
deny_ml_registry_public_network_access[msg] {
	is_type("azure-native:machinelearningservices:Registry")
	not input.registryProperties.publicNetworkAccess == "Disabled"
	msg := sprintf("%s: public network access is not disabled; set registryProperties.publicNetworkAccess to Disabled and use the private endpoint", [input.__name])
}
