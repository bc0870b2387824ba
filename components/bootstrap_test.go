package components

import (
	"maps"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/azureml"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/plan"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/rbac"
)

func validBootstrap() *BootstrapArgs {
	return &BootstrapArgs{
		Location:                pulumi.String("westeurope"),
		SubscriptionId:          testSub,
		AllowedIpRanges:         []string{"20.1.2.0/24"},
		LogAnalyticsWorkspaceId: pulumi.String("/subscriptions/" + testSub + "/resourceGroups/rg-mgmt/providers/Microsoft.OperationalInsights/workspaces/law-central"),
		Environments: []BootstrapEnvironmentArgs{
			{Name: "dev", GitHubRepository: "contoso/ml-platform"},
			{Name: "test", GitHubRepository: "contoso/ml-platform"},
			{Name: "prod", GitHubRepository: "contoso/ml-platform", AzureDevOps: &AzureDevOpsFederationArgs{
				Issuer: "https://vstoken.dev.azure.com/3c1c2b5e-0000-0000-0000-000000000000", Subject: "sc://contoso/ml/prod-deployer",
			}},
		},
	}
}

func newBootstrap(ctx *pulumi.Context, a *BootstrapArgs) error {
	_, err := NewBootstrap(ctx, "delivery", a)
	return err
}

// conditionGUIDs returns the role definition GUIDs each half (write, delete) of an ABAC
// condition allows to service principals, parsed from the condition text itself.
func conditionGUIDs(t *testing.T, cond string) (write, del map[string]bool) {
	t.Helper()
	w, d := conditionGrants(t, cond)
	return w["ServicePrincipal"], d["ServicePrincipal"]
}

// conditionGrants returns, per principal type, the role definition GUIDs each half (write,
// delete) of an ABAC condition allows, parsed from the condition text: every branch pairs a
// role list with exactly one principal type.
func conditionGrants(t *testing.T, cond string) (write, del map[string]map[string]bool) {
	t.Helper()
	re := regexp.MustCompile(`\(@(Request|Resource)\[Microsoft\.Authorization/roleAssignments:RoleDefinitionId\] ForAnyOfAnyValues:GuidEquals \{([^}]*)\}` +
		` AND @(Request|Resource)\[Microsoft\.Authorization/roleAssignments:PrincipalType\] ForAnyOfAnyValues:StringEqualsIgnoreCase \{'([A-Za-z]+)'\}\)`)
	m := re.FindAllStringSubmatch(cond, -1)
	require.NotEmpty(t, m, "the condition must pair roles with principal types")
	write, del = map[string]map[string]bool{}, map[string]map[string]bool{}
	halves := strings.SplitN(cond, " AND ((!(ActionMatches{'Microsoft.Authorization/roleAssignments/delete'}))", 2)
	require.Len(t, halves, 2, "the condition must constrain both write (@Request) and delete (@Resource)")
	for _, x := range m {
		require.Equal(t, x[1], x[3], "one source per branch")
		dst := write
		if x[1] == "Resource" {
			dst = del
		}
		if dst[x[4]] == nil {
			dst[x[4]] = map[string]bool{}
		}
		for _, g := range strings.Split(x[2], ",") {
			dst[x[4]][strings.ToLower(strings.TrimSpace(g))] = true
		}
	}
	for _, pt := range append(slices.Collect(maps.Keys(write)), slices.Collect(maps.Keys(del))...) {
		require.Contains(t, []string{"ServicePrincipal", "Group"}, pt, "assignments only to service principals and groups, never users")
	}
	require.NotEmpty(t, write["ServicePrincipal"])
	require.NotEmpty(t, del["ServicePrincipal"])
	return write, del
}

func TestBootstrapStateBackendIsEntraOnlyVersionedAndProtected(t *testing.T) {
	rs := run(t, func(ctx *pulumi.Context) error { return newBootstrap(ctx, validBootstrap()) })
	st := plan.PlainMap(must(t, rs, "azure-native:storage:StorageAccount", "delivery-state").Inputs)
	assert.Equal(t, false, st["allowSharedKeyAccess"])
	assert.Equal(t, false, st["allowBlobPublicAccess"])
	assert.Equal(t, "TLS1_2", st["minimumTlsVersion"])
	assert.Equal(t, "Deny", st["networkRuleSet"].(map[string]any)["defaultAction"])
	assert.True(t, must(t, rs, "azure-native:storage:StorageAccount", "delivery-state").Protect)
	blob := plan.PlainMap(must(t, rs, "azure-native:storage:BlobServiceProperties", "delivery-state-blob").Inputs)
	assert.Equal(t, true, blob["isVersioningEnabled"])
	assert.Equal(t, true, blob["deleteRetentionPolicy"].(map[string]any)["enabled"])
	kv := plan.PlainMap(must(t, rs, "azure-native:keyvault:Vault", "delivery-kv").Inputs)["properties"].(map[string]any)
	assert.Equal(t, true, kv["enableRbacAuthorization"])
	assert.Equal(t, true, kv["enablePurgeProtection"])
	for _, env := range []string{"dev", "test", "prod"} {
		must(t, rs, "azure-native:storage:BlobContainer", "delivery-state-"+env)
		key := plan.PlainMap(must(t, rs, "azure-native:keyvault:Key", "delivery-key-"+env).Inputs)
		assert.Equal(t, "pulumi-"+env, key["keyName"])
	}
	// Nothing that holds or makes a secret: no keys listed, no SAS, no app secret.
	for _, r := range rs {
		assert.NotContains(t, r.Type, "listStorageAccountKeys")
		assert.NotContains(t, r.Type, "ApplicationPassword")
	}
}

func TestBootstrapFederatesGitHubEnvironmentsAndAzureDevOps(t *testing.T) {
	rs := run(t, func(ctx *pulumi.Context) error { return newBootstrap(ctx, validBootstrap()) })
	subjects := map[string]string{}
	for _, r := range rs {
		if r.Type != azureml.FederatedIdentityCredentialToken {
			continue
		}
		in := plan.PlainMap(r.Inputs)
		assert.Equal(t, []any{FederationAudience}, in["audiences"], r.Name)
		subjects[r.Name] = in["issuer"].(string) + " " + in["subject"].(string)
	}
	assert.Equal(t, map[string]string{
		"delivery-deploy-dev-github":       GitHubIssuer + " repo:contoso/ml-platform:environment:dev",
		"delivery-preview-dev-github":      GitHubIssuer + " repo:contoso/ml-platform:environment:dev-preview",
		"delivery-deploy-test-github":      GitHubIssuer + " repo:contoso/ml-platform:environment:test",
		"delivery-preview-test-github":     GitHubIssuer + " repo:contoso/ml-platform:environment:test-preview",
		"delivery-deploy-prod-github":      GitHubIssuer + " repo:contoso/ml-platform:environment:prod",
		"delivery-preview-prod-github":     GitHubIssuer + " repo:contoso/ml-platform:environment:prod-preview",
		"delivery-deploy-prod-azuredevops": "https://vstoken.dev.azure.com/3c1c2b5e-0000-0000-0000-000000000000 sc://contoso/ml/prod-deployer",
	}, subjects)
}

// The deployer's roles: Contributor on its environment's group only, policy rights on the
// subscription (definitions live there), data roles on its own state container and key only,
// and role-assignment rights on the group constrained to the platform's roles.
func TestBootstrapDeployerRolesAreScopedNarrowly(t *testing.T) {
	rs := run(t, func(ctx *pulumi.Context) error { return newBootstrap(ctx, validBootstrap()) })
	type grant struct{ role, scope string }
	byPrincipal := map[string][]grant{}
	for _, r := range rs {
		if r.Type != "azure-native:authorization:RoleAssignment" {
			continue
		}
		in := plan.PlainMap(r.Inputs)
		name := rbac.NameOf(in["roleDefinitionId"].(string))
		if name == "" {
			for _, x := range []rbac.Role{RoleBasedAccessControlAdministrator, ResourcePolicyContributor, KeyVaultCryptoUser} {
				if strings.HasSuffix(in["roleDefinitionId"].(string), x.ID) {
					name = x.Name
				}
			}
		}
		require.NotEmpty(t, name, "unknown role %s", in["roleDefinitionId"])
		env := strings.Split(r.Name, "-")[2]
		kind := strings.Split(r.Name, "-")[1]
		scope := in["scope"].(string)
		switch {
		case strings.HasSuffix(scope, "/resourceGroups/rg-mlops-"+env):
			scope = "env-rg"
		case scope == "/subscriptions/"+testSub:
			scope = "subscription"
		case strings.HasSuffix(scope, "/containers/state-"+env):
			scope = "own-state"
		case strings.HasSuffix(scope, "/keys/pulumi-"+env):
			scope = "own-key"
		}
		if name == RoleBasedAccessControlAdministrator.Name {
			assert.Equal(t, "2.0", in["conditionVersion"])
			w, d := conditionGUIDs(t, in["condition"].(string))
			for _, role := range PlatformAssignableRoles() {
				assert.True(t, w[role.ID] && d[role.ID], "condition must allow %s", role.Name)
			}
			assert.Len(t, w, len(PlatformAssignableRoles()))
			for id, n := range privilegedRoleIDs {
				assert.False(t, w[id], "condition must not allow %s", n)
			}
		}
		byPrincipal[kind+"/"+env] = append(byPrincipal[kind+"/"+env], grant{name, scope})
	}
	for _, env := range []string{"dev", "test", "prod"} {
		assert.ElementsMatch(t, []grant{
			{"Contributor", "env-rg"}, {"Resource Policy Contributor", "subscription"},
			{"Storage Blob Data Contributor", "own-state"}, {"Key Vault Crypto User", "own-key"},
			{"Role Based Access Control Administrator", "env-rg"},
		}, byPrincipal["deploy/"+env], env)
		assert.ElementsMatch(t, []grant{
			{"Reader", "env-rg"}, {"Storage Blob Data Contributor", "own-state"}, {"Key Vault Crypto User", "own-key"},
		}, byPrincipal["preview/"+env], env)
	}
}

// The condition parser and the check above can fail: a role outside the table is refused.
func TestConditionRefusesRolesOutsideTheTable(t *testing.T) {
	w, _ := conditionGUIDs(t, RoleAssignmentCondition([]rbac.Role{rbac.AcrPull}))
	assert.True(t, w[rbac.AcrPull.ID])
	assert.False(t, w[rbac.Contributor.ID])
	assert.False(t, w["8e3af657-a8ff-443c-a75c-2fe8c4bcb635"], "Owner")
}

func TestBootstrapPrivateEndpointsForHubAgents(t *testing.T) {
	a := validBootstrap()
	a.AllowedIpRanges = nil
	a.PrivateEndpointSubnetId = pulumi.String("/subscriptions/" + testSub + "/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/snet-agents")
	a.PrivateDnsZoneIds = map[string]pulumi.StringInput{
		"privatelink.blob.core.windows.net": pulumi.String("/subscriptions/" + testSub + "/resourceGroups/rg-hub/providers/Microsoft.Network/privateDnsZones/privatelink.blob.core.windows.net"),
	}
	rs := run(t, func(ctx *pulumi.Context) error { return newBootstrap(ctx, a) })
	st := plan.PlainMap(must(t, rs, "azure-native:storage:StorageAccount", "delivery-state").Inputs)
	assert.Equal(t, "Disabled", st["publicNetworkAccess"])
	pe := plan.PlainMap(must(t, rs, "azure-native:network:PrivateEndpoint", "delivery-state-pe").Inputs)
	assert.Equal(t, []any{"blob"}, pe["privateLinkServiceConnections"].([]any)[0].(map[string]any)["groupIds"])
	must(t, rs, "azure-native:network:PrivateDnsZoneGroup", "delivery-state-pe-dns")
	must(t, rs, "azure-native:network:PrivateEndpoint", "delivery-kv-pe")
}

func TestBootstrapRejectsBadInput(t *testing.T) {
	assertBadInput(t, validBootstrap, newBootstrap, []badCase[BootstrapArgs]{
		{"no network", func(a *BootstrapArgs) { a.AllowedIpRanges = nil }, "bootstrap: give privateEndpointSubnetId"},
		{"bad subscription", func(a *BootstrapArgs) { a.SubscriptionId = "sub" }, "bootstrap.subscriptionId"},
		{"bad repo", func(a *BootstrapArgs) { a.Environments[0].GitHubRepository = "contoso" }, "bootstrap.environments[0].gitHubRepository"},
		{"nobody federates", func(a *BootstrapArgs) { a.Environments[1].GitHubRepository = "" }, "bootstrap.environments[1]: give gitHubRepository or azureDevOps"},
		{"ado subject", func(a *BootstrapArgs) { a.Environments[2].AzureDevOps.Subject = "prod-deployer" }, "bootstrap.environments[2].azureDevOps.subject"},
		{"ado issuer", func(a *BootstrapArgs) { a.Environments[2].AzureDevOps.Issuer = "https://example.com" }, "bootstrap.environments[2].azureDevOps.issuer"},
		{"duplicate env", func(a *BootstrapArgs) { a.Environments[1].Name = "dev" }, `"dev" appears twice`},
		{"no law", func(a *BootstrapArgs) { a.LogAnalyticsWorkspaceId = nil }, "bootstrap.logAnalyticsWorkspaceId: required"},
		{"bad cidr", func(a *BootstrapArgs) { a.AllowedIpRanges = []string{"1.2.3"} }, "bootstrap.allowedIpRanges[0]"},
	})
}

// The bootstrap's role GUIDs are Microsoft's (a wrong GUID grants another role or none).
func TestBootstrapRoleIDsMatchMicrosoftsTable(t *testing.T) {
	b, err := os.ReadFile("testdata/builtin-roles.txt")
	require.NoError(t, err)
	table := map[string]string{}
	for _, l := range strings.Split(string(b), "\n") {
		if name, id, ok := strings.Cut(l, " | "); ok && !strings.HasPrefix(l, "#") {
			table[name] = strings.TrimSpace(id)
		}
	}
	for _, r := range []rbac.Role{RoleBasedAccessControlAdministrator, ResourcePolicyContributor, KeyVaultCryptoUser,
		rbac.Contributor, rbac.Reader, rbac.StorageBlobDataContributor} {
		assert.Equal(t, table[r.Name], r.ID, r.Name)
	}
	// The roles people get (team access, through groups): each row of the README's access
	// table names one of these.
	for _, r := range rbac.GroupAssignable {
		assert.Equal(t, table[r.Name], r.ID, r.Name)
		assert.Contains(t, r.Source, "learn.microsoft.com/azure/role-based-access-control/built-in-roles/", r.Name)
	}
	for id, name := range privilegedRoleIDs {
		assert.Equal(t, table[name], id, name)
	}
}

// The deployer may assign the platform's roles to service principals, and only the persona
// roles (rbac.GroupAssignable) to groups: never Contributor, Key Vault Administrator or AcrPush
// to a group, never anything to a user.
func TestConditionAdmitsGroupsForPersonaRolesOnly(t *testing.T) {
	cond := RoleAssignmentCondition(PlatformAssignableRoles())
	w, d := conditionGrants(t, cond)
	for _, half := range []map[string]map[string]bool{w, d} {
		require.Len(t, half["Group"], len(rbac.GroupAssignable))
		for _, r := range rbac.GroupAssignable {
			assert.True(t, half["Group"][r.ID], r.Name)
		}
		for _, r := range []rbac.Role{rbac.Contributor, rbac.KeyVaultAdministrator, rbac.AcrPush, rbac.AzureAIEnterpriseNetworkConnectionApprover} {
			assert.False(t, half["Group"][r.ID], "%s must not be assignable to a group", r.Name)
			assert.True(t, half["ServicePrincipal"][r.ID], r.Name)
		}
		assert.Nil(t, half["User"])
	}
	assert.NotContains(t, cond, "'User'")
}

// dataScopes: the deployer gets the same constrained role-assignment right on each data
// landing zone scope (datastore grants live there), and a malformed scope is refused.
func TestBootstrapDataScopes(t *testing.T) {
	a := validBootstrap()
	lake := "/subscriptions/5d3b2a1c-7e6f-4a90-b8c7-2f1e0d9c8b7a/resourceGroups/rg-dlz-dev-data/providers/Microsoft.Storage/storageAccounts/stdlzdevcurated"
	a.Environments[0].DataScopes = []string{lake}
	rs := run(t, func(ctx *pulumi.Context) error { return newBootstrap(ctx, a) })
	var found []plan.Resource
	for _, r := range plan.Filter(rs, "azure-native:authorization:RoleAssignment") {
		if strings.HasPrefix(r.Name, "delivery-deploy-dev-data-stdlzdevcurated-") {
			found = append(found, r)
		}
	}
	require.Len(t, found, 1, "one assignment per scope, named by the scope")
	ra := plan.PlainMap(found[0].Inputs)
	assert.Equal(t, lake, ra["scope"])
	assert.Equal(t, "/subscriptions/5d3b2a1c-7e6f-4a90-b8c7-2f1e0d9c8b7a/providers/Microsoft.Authorization/roleDefinitions/"+RoleBasedAccessControlAdministrator.ID, ra["roleDefinitionId"])
	assert.Equal(t, RoleAssignmentCondition(PlatformAssignableRoles()), ra["condition"])
	assert.Equal(t, "2.0", ra["conditionVersion"])
	assertBadInput(t, validBootstrap, newBootstrap, []badCase[BootstrapArgs]{
		{"bad data scope", func(a *BootstrapArgs) { a.Environments[1].DataScopes = []string{"stdlzdevcurated"} },
			`bootstrap.environments[1].dataScopes[0]: "stdlzdevcurated" is not a storage account or resource group id`},
		{"duplicate data scope", func(a *BootstrapArgs) { a.Environments[0].DataScopes = []string{lake, strings.ToUpper(lake)} },
			`bootstrap.environments[0].dataScopes[1]: "` + strings.ToUpper(lake) + `" is already dataScopes[0]`},
	})
}
