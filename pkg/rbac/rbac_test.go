package rbac

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDefinitionIDUsesTheScopesSubscription(t *testing.T) {
	scope := "/subscriptions/1234/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st"
	assert.Equal(t, "/subscriptions/1234/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe",
		StorageBlobDataContributor.DefinitionID(scope))
	assert.Equal(t, "", SubscriptionOf("not-an-id"))
}

func TestAssignmentNameIsAStableGUIDPerPrincipalScopeAndRole(t *testing.T) {
	a := AssignmentName("id-mlw-fraud-dev/abcd", "storage", AcrPush)
	assert.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`, a)
	assert.Equal(t, a, AssignmentName("id-mlw-fraud-dev/abcd", "storage", AcrPush))
	assert.NotEqual(t, a, AssignmentName("id-mlw-fraud-dev/abcd", "registry", AcrPush))
	assert.NotEqual(t, a, AssignmentName("id-mlw-fraud-dev/abcd", "storage", AcrPull))
	assert.NotEqual(t, a, AssignmentName("id-mlw-other-dev/abcd", "storage", AcrPush))
}

func TestRoleIDsAreGUIDs(t *testing.T) {
	for _, r := range []Role{StorageBlobDataContributor, StorageFileDataPrivilegedContributor, StorageAccountContributor,
		KeyVaultSecretsUser, KeyVaultSecretsOfficer, KeyVaultReader, KeyVaultCryptoServiceEncryptionUser, AcrPush, AcrPull,
		ApplicationInsightsComponentContributor, MonitoringMetricsPublisher, AzureAIEnterpriseNetworkConnectionApprover, AzureMLDataScientist, AzureMLRegistryUser} {
		assert.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`, r.ID, r.Name)
	}
}

// The one role table: every role has a GUID, a Microsoft source and a unique id; the roles
// granted to groups are in it.
func TestRoleTableHasSourcesAndGroupRolesAreKnown(t *testing.T) {
	seen := map[string]string{}
	for _, r := range Known {
		assert.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`, r.ID, r.Name)
		assert.Regexp(t, `^https://learn\.microsoft\.com/azure/role-based-access-control/built-in-roles/[a-z-]+$`, r.Source, r.Name)
		if prev, dup := seen[r.ID]; dup {
			t.Errorf("%s and %s share %s", prev, r.Name, r.ID)
		}
		seen[r.ID] = r.Name
	}
	for _, r := range GroupAssignable {
		assert.Contains(t, Known, r, r.Name)
	}
	assert.NotContains(t, GroupAssignable, Contributor, "a group never gets Contributor")
}
