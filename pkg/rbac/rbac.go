// Package rbac is the one place role assignments are made. Every component grants roles
// through Grant, so each assignment has the same shape: a built-in role named by its role
// definition id, a scope that is an ARM id, principalType ServicePrincipal for managed
// identities or Group for people (Entra groups: access is never granted to a user directly),
// and a deterministic assignment name (a GUID derived from stable inputs).
//
// The table below is the one list of the built-in roles the package assigns: name, role
// definition GUID (the same in every tenant and cloud) and the Microsoft page that lists it.
package rbac

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/naming"
)

// Role is an Azure built-in role.
type Role struct {
	// Name as shown in the portal.
	Name string
	// ID is the role definition's GUID (identical in every tenant and cloud).
	ID string
	// Source is the Microsoft page listing the role and its GUID (the built-in roles
	// reference, by category).
	Source string
}

// Microsoft's built-in roles reference, by category: learn.microsoft.com/azure/role-based-access-control/built-in-roles/<category>.
const (
	srcStorage    = "https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/storage"
	srcSecurity   = "https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/security"
	srcGeneral    = "https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/general"
	srcContainers = "https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/containers"
	srcMonitor    = "https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/monitor"
	srcAIML       = "https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/ai-machine-learning"
	srcNetworking = "https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/networking"
)

// The built-in roles this package assigns. Each component says at the call site why it needs
// the role; the comment here says what the role grants.
var (
	// Data plane: read, write and delete blobs and containers.
	StorageBlobDataContributor = Role{"Storage Blob Data Contributor", "ba92f5b4-2d11-453d-a403-e96b0029c9fe", srcStorage}
	// Data plane: read, write, delete and modify ACLs of files in Azure file shares over REST.
	StorageFileDataPrivilegedContributor = Role{"Storage File Data Privileged Contributor", "69566ab7-960f-475b-8e7c-b3118f30c6bd", srcStorage}
	// Control plane of a storage account only (not its data, not other resource types).
	StorageAccountContributor = Role{"Storage Account Contributor", "17d1049b-9a84-46fb-8f53-869881c3d3ab", srcStorage}
	// Data plane: read secret contents.
	KeyVaultSecretsUser = Role{"Key Vault Secrets User", "4633458b-17de-408a-b874-0445c86b69e6", srcSecurity}
	// Data plane: create, read, update and delete secrets (not keys or certificates).
	KeyVaultSecretsOfficer = Role{"Key Vault Secrets Officer", "b86a8fe4-44ce-4948-aee5-eccb2c155cd7", srcSecurity}
	// Control plane: read vault metadata (not secrets).
	KeyVaultReader = Role{"Key Vault Reader", "21090545-7ca7-4776-b22c-e363652d74d2", srcSecurity}
	// Data plane: all operations on keys, secrets and certificates of an RBAC vault.
	// learn.microsoft.com/azure/role-based-access-control/built-in-roles/security#key-vault-administrator
	KeyVaultAdministrator = Role{"Key Vault Administrator", "00482a5a-887f-4fb3-b363-3b7fe8e74483", srcSecurity}
	// Read everything in the scope, change nothing.
	// learn.microsoft.com/azure/role-based-access-control/built-in-roles/general#reader
	Reader = Role{"Reader", "acdd72a7-3385-48ef-bd42-f606fba81ae7", srcGeneral}
	// Data plane: wrap and unwrap with a key, for customer-managed-key encryption.
	KeyVaultCryptoServiceEncryptionUser = Role{"Key Vault Crypto Service Encryption User", "e147488a-f6f5-4113-8e2d-b22465e65bf6", srcSecurity}
	// Push and pull images.
	AcrPush = Role{"AcrPush", "8311e382-0749-4cb8-b61a-304f252e45ec", srcContainers}
	// Pull images.
	AcrPull = Role{"AcrPull", "7f951dda-4ed3-4680-a7ca-43fe172d538d", srcContainers}
	// Control plane of Application Insights components only.
	ApplicationInsightsComponentContributor = Role{"Application Insights Component Contributor", "ae349356-3a1b-4a5e-921d-050484c6347e", srcMonitor}
	// Publish telemetry with Entra ID when the component's local (key) auth is disabled.
	MonitoringMetricsPublisher = Role{"Monitoring Metrics Publisher", "3913510d-42f4-4e42-8a64-420c390055eb", srcMonitor}
	// Approve private endpoint connections on a target; the managed network of a workspace with
	// a user-assigned identity needs it to create its managed private endpoints.
	AzureAIEnterpriseNetworkConnectionApprover = Role{"Azure AI Enterprise Network Connection Approver", "b556d68e-0be0-4f35-a333-ad7ee1ce17ea", srcAIML}
	// Manage everything in the scope except access. Microsoft's documented role of a workspace's
	// user-assigned identity on the workspace and its associated resources; also the remediation
	// role the built-in Modify policy for ML computes names.
	Contributor = Role{"Contributor", "b24988ac-6180-42a0-ab88-20f7382dd24c", srcGeneral}
	// Manage networks; the built-in DeployIfNotExists policy for workspace private endpoints
	// names it as its remediation role.
	NetworkContributor = Role{"Network Contributor", "4d97b98b-1d4f-4787-a291-c67834d212e7", srcNetworking}
	// Workspace data plane: submit jobs, log metrics and artifacts, register models; no role
	// or compute management.
	AzureMLDataScientist = Role{"AzureML Data Scientist", "f6c7c914-8db3-469d-8ca1-694a8f32e121", srcAIML}
	// Workspace: create, manage, delete and access compute (clusters and instances); no
	// other workspace data.
	AzureMLComputeOperator = Role{"AzureML Compute Operator", "e503ece1-11d0-4e8e-8e2c-7a6c3bf38815", srcAIML}
	// Data plane: read and list blobs and containers.
	StorageBlobDataReader = Role{"Storage Blob Data Reader", "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1", srcStorage}
	// Data plane: read files in Azure file shares over REST, overriding their ACLs.
	StorageFileDataPrivilegedReader = Role{"Storage File Data Privileged Reader", "b8eda974-7b85-4f76-af95-65846b26df6d", srcStorage}
	// Azure ML registries: get registries, and read, write and delete the assets in them (models,
	// components, environments, data); not create or delete registries. Microsoft's role for
	// identities that publish to a registry (how-to-manage-registries, "Allow users to create
	// and use assets from the registry"; how-to-registry-network-isolation).
	// learn.microsoft.com/azure/role-based-access-control/built-in-roles/ai-machine-learning#azureml-registry-user
	AzureMLRegistryUser = Role{"AzureML Registry User", "1823dd4f-9b8c-4ab6-ab4e-7397a3684615", srcAIML}
)

// DefinitionID returns the role definition's ARM id within the subscription of scope.
func (r Role) DefinitionID(scope string) string {
	return fmt.Sprintf("/subscriptions/%s/providers/Microsoft.Authorization/roleDefinitions/%s", SubscriptionOf(scope), r.ID)
}

// Slug is the role name as a logical-name fragment ("AcrPush" -> "acrpush").
func (r Role) Slug() string {
	return strings.ToLower(slugReplacer.Replace(r.Name))
}

var slugReplacer = strings.NewReplacer(" ", "-", ".", "")

// SubscriptionOf returns the subscription id of an ARM id ("" when there is none).
func SubscriptionOf(id string) string {
	parts := strings.Split(strings.Trim(id, "/"), "/")
	if len(parts) >= 2 && strings.EqualFold(parts[0], "subscriptions") {
		return parts[1]
	}
	return ""
}

// Grant is one role on one scope.
type Grant struct {
	Role Role
	// Scope is the ARM id the role is granted on.
	Scope pulumi.StringInput
	// ScopeKey names the scope stably (e.g. "storage", "keyvault") for names and GUIDs.
	ScopeKey string
}

// Principal is who receives the roles.
type Principal struct {
	// ID is the principal (object) id.
	ID pulumi.StringInput
	// Name is shown in the assignments' descriptions (e.g. the identity's name).
	Name string
	// Seed identifies the principal stably and uniquely (e.g. the identity's name plus the
	// deployment's naming suffix): it goes into the assignment GUIDs, so the same grant keeps
	// the same name across runs and two principals never collide.
	Seed string
	// Type is the principal type: ServicePrincipal (default: managed identities) or Group
	// (an Entra group of people).
	Type string
}

// Principal types.
const (
	ServicePrincipal = "ServicePrincipal"
	Group            = "Group"
)

// Assign grants each role to the principal. Assignments are children of parent and named
// "<prefix>-<scopeKey>-<role>".
func Assign(ctx *pulumi.Context, parent pulumi.Resource, prefix string, principal Principal,
	grants []Grant, opts ...pulumi.ResourceOption,
) ([]*RoleAssignment, error) {
	out := make([]*RoleAssignment, 0, len(grants))
	principalType := principal.Type
	if principalType == "" {
		principalType = ServicePrincipal
	}
	for _, g := range grants {
		role := g.Role
		ra, err := NewRoleAssignment(ctx, fmt.Sprintf("%s-%s-%s", prefix, g.ScopeKey, role.Slug()),
			&RoleAssignmentArgs{
				RoleAssignmentName: pulumi.String(AssignmentName(principal.Seed, g.ScopeKey, role)),
				PrincipalId:        principal.ID,
				// A new managed identity may not have replicated in Entra ID yet; declaring the
				// principal type lets ARM skip the lookup that would otherwise fail.
				PrincipalType: pulumi.String(principalType),
				RoleDefinitionId: g.Scope.ToStringOutput().ApplyT(func(scope string) string {
					return role.DefinitionID(scope)
				}).(pulumi.StringOutput),
				Scope:       g.Scope,
				Description: pulumi.String(fmt.Sprintf("%s for %s (managed by azure-mlops)", role.Name, principal.Name)),
			}, append([]pulumi.ResourceOption{pulumi.Parent(parent)}, opts...)...)
		if err != nil {
			return nil, err
		}
		out = append(out, ra)
	}
	return out, nil
}

// AssignmentName is the deterministic GUID of a role assignment.
func AssignmentName(seed, scopeKey string, role Role) string {
	return naming.GUID(seed, scopeKey, role.ID)
}

// Known lists the built-in roles this package assigns.
var Known = []Role{StorageBlobDataContributor, StorageFileDataPrivilegedContributor, StorageAccountContributor,
	KeyVaultSecretsUser, KeyVaultSecretsOfficer, KeyVaultReader, KeyVaultAdministrator, KeyVaultCryptoServiceEncryptionUser, AcrPush, AcrPull,
	Reader,
	ApplicationInsightsComponentContributor, MonitoringMetricsPublisher, AzureAIEnterpriseNetworkConnectionApprover,
	AzureMLDataScientist, Contributor, NetworkContributor, AzureMLRegistryUser,
	AzureMLComputeOperator, StorageBlobDataReader, StorageFileDataPrivilegedReader}

// GroupAssignable lists the roles the platform grants to Entra groups (the team personas,
// components/mlops_workspace_people.go): the workspace and data-plane roles a person needs, nothing that
// manages access, keys or networks. The deployer's ABAC condition admits principal type
// Group for these roles only.
var GroupAssignable = []Role{AzureMLDataScientist, AzureMLComputeOperator, Reader,
	StorageBlobDataContributor, StorageFileDataPrivilegedContributor, StorageBlobDataReader, StorageFileDataPrivilegedReader}

// NameOf returns the role name for a role definition id or GUID ("" when unknown).
func NameOf(definitionID string) string {
	id := strings.ToLower(definitionID)
	for _, r := range Known {
		if strings.HasSuffix(id, r.ID) {
			return r.Name
		}
	}
	return ""
}
