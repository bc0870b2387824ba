package components

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/diagnostics"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/naming"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/plan"
)

func sharedArgs() *SharedServicesArgs {
	return &SharedServicesArgs{
		ResourceGroupName: pulumi.String(testRG),
		Location:          pulumi.String("westeurope"),
		Workload:          "mlops",
		Environment:       "dev",
	}
}

type sharedOut struct {
	kvID, kvName, kvURI, appiID, appiConn, lawID, lawCustomer string
	connSecret                                                bool
}

func runShared(t *testing.T, args *SharedServicesArgs, opts ...pulumi.ResourceOption) ([]plan.Resource, sharedOut) {
	t.Helper()
	var out sharedOut
	rs := run(t, func(ctx *pulumi.Context) error {
		s, err := NewSharedServices(ctx, "shared", args, opts...)
		if err != nil {
			return err
		}
		out.kvID = await[string](s.KeyVaultId)
		out.kvName = await[string](s.KeyVaultName)
		out.kvURI = await[string](s.KeyVaultUri)
		out.appiID = await[string](s.AppInsightsId)
		out.lawID = await[string](s.LogAnalyticsWorkspaceId)
		out.lawCustomer = await[string](s.LogAnalyticsCustomerId)
		out.appiConn = await[string](s.AppInsightsConnectionString)
		out.connSecret = pulumi.IsSecret(s.AppInsightsConnectionString)
		return nil
	})
	return rs, out
}

func TestSharedServicesSecurityInputs(t *testing.T) {
	rs, _ := runShared(t, sharedArgs())
	kv := must(t, rs, "azure-native:keyvault:Vault", "shared-kv")
	law := must(t, rs, "azure-native:operationalinsights:Workspace", "shared-law")
	appi := must(t, rs, "azure-native:insights:Component", "shared-appi")

	cases := []struct {
		res  plan.Resource
		path string
		want any
	}{
		{kv, "properties.enableRbacAuthorization", true},
		{kv, "properties.enableSoftDelete", true},
		{kv, "properties.enablePurgeProtection", true},
		{kv, "properties.softDeleteRetentionInDays", float64(90)},
		{kv, "properties.publicNetworkAccess", "Disabled"},
		{kv, "properties.networkAcls.defaultAction", "Deny"},
		{kv, "properties.networkAcls.bypass", "AzureServices"},
		{kv, "properties.enabledForDeployment", false},
		{kv, "properties.enabledForTemplateDeployment", false},
		{kv, "properties.sku.name", "standard"},
		{kv, "properties.tenantId", plan.DefaultTenantID}, // from client config
		{kv, "location", "westeurope"},
		{kv, "resourceGroupName", testRG},
		{law, "sku.name", "PerGB2018"},
		{law, "retentionInDays", float64(30)},
		{law, "features.disableLocalAuth", true},
		{law, "workspaceName", "log-mlops-dev"},
		{appi, "ingestionMode", "LogAnalytics"},
		{appi, "disableLocalAuth", true},
		{appi, "kind", "web"},
		{appi, "resourceName", "appi-mlops-dev"},
		{appi, "workspaceResourceId", law.ID},
	}
	for _, c := range cases {
		t.Run(c.res.Name+"/"+c.path, func(t *testing.T) {
			assert.Equal(t, c.want, c.res.Input(c.path))
		})
	}
	assert.Equal(t, "managed-by", firstKey(kv.Input("tags"), "managed-by"))
}

func firstKey(v any, k string) string {
	if m, ok := v.(map[string]any); ok {
		if _, has := m[k]; has {
			return k
		}
	}
	return ""
}

func TestSharedServicesWiringAndOutputs(t *testing.T) {
	rs, out := runShared(t, sharedArgs())
	comp := must(t, rs, SharedServicesToken, "shared")
	kv := must(t, rs, "azure-native:keyvault:Vault", "shared-kv")
	law := must(t, rs, "azure-native:operationalinsights:Workspace", "shared-law")
	appi := must(t, rs, "azure-native:insights:Component", "shared-appi")
	diag := must(t, rs, "azure-native:insights:DiagnosticSetting", "shared-kv-diag")

	// Every child is parented to the component.
	for _, r := range rs {
		if r.URN != comp.URN {
			assert.Equal(t, comp.URN, r.Parent, "parent of %s", r.Name)
		}
	}
	// Diagnostics of the vault go to the workspace.
	assert.Equal(t, kv.ID, diag.Input("resourceUri"))
	assert.Equal(t, law.ID, diag.Input("workspaceId"))
	assert.Equal(t, "allLogs", diag.Input("logs[0].categoryGroup"))
	assert.Equal(t, diagnostics.SettingName, diag.Input("name"))
	assert.Contains(t, diag.Dependencies, kv.URN)
	assert.Contains(t, appi.Dependencies, law.URN)

	// Outputs resolve to the created resources.
	assert.Equal(t, kv.ID, out.kvID)
	assert.Equal(t, kv.Input("vaultName"), out.kvName)
	assert.Equal(t, "https://"+out.kvName+".vault.azure.net/", out.kvURI)
	assert.Equal(t, appi.ID, out.appiID)
	assert.Equal(t, law.ID, out.lawID)
	assert.NotEmpty(t, out.lawCustomer)
	assert.True(t, strings.HasPrefix(out.appiConn, "InstrumentationKey="))
	assert.True(t, out.connSecret, "AppInsightsConnectionString must be a secret")
	assert.Equal(t, "/subscriptions/"+testSub+"/resourceGroups/"+testRG+"/providers/Microsoft.KeyVault/vaults/"+out.kvName, kv.ID)
}

func TestSharedServicesNamesAreDeterministicAndValid(t *testing.T) {
	_, a := runShared(t, sharedArgs())
	_, b := runShared(t, sharedArgs())
	assert.Equal(t, a.kvName, b.kvName)
	require.NoError(t, naming.Check("kv", naming.KeyVault, a.kvName))
	assert.Regexp(t, `^kv-mlops-dev-[a-z0-9]{4}$`, a.kvName)

	other := sharedArgs()
	other.ResourceGroupName = pulumi.String("rg-other")
	_, c := runShared(t, other)
	assert.NotEqual(t, a.kvName, c.kvName, "a different resource group must give a different globally unique name")
}

func TestSharedServicesExistingResources(t *testing.T) {
	args := sharedArgs()
	kvID := armID("Microsoft.KeyVault/vaults", "kv-central")
	appiID := armID("Microsoft.Insights/components", "appi-central")
	lawID := armID("Microsoft.OperationalInsights/workspaces", "log-central")
	args.ExistingKeyVaultId = pulumi.String(kvID)
	args.ExistingAppInsightsId = pulumi.String(appiID)
	args.ExistingLogAnalyticsWorkspaceId = pulumi.String(lawID)
	rs, out := runShared(t, args)

	assert.Len(t, rs, 1, "only the component itself is registered: %v", names(rs))
	assert.Equal(t, kvID, out.kvID)
	assert.Equal(t, "kv-central", out.kvName)
	assert.Equal(t, "https://kv-central.vault.azure.net/", out.kvURI)
	assert.Equal(t, appiID, out.appiID)
	assert.Equal(t, lawID, out.lawID)
	assert.True(t, out.connSecret)
	assert.NotEmpty(t, out.appiConn)
}

func TestSharedServicesProtect(t *testing.T) {
	args := sharedArgs()
	args.Protect = true
	rs, _ := runShared(t, args)
	assert.True(t, must(t, rs, "azure-native:keyvault:Vault", "shared-kv").Protect)
	assert.True(t, must(t, rs, "azure-native:operationalinsights:Workspace", "shared-law").Protect)
	rs, _ = runShared(t, sharedArgs())
	assert.False(t, must(t, rs, "azure-native:keyvault:Vault", "shared-kv").Protect)
}

func TestSharedServicesBadInput(t *testing.T) {
	cases := []badCase[SharedServicesArgs]{
		{"missing resource group", func(a *SharedServicesArgs) { a.ResourceGroupName = nil }, "sharedServices.resourceGroupName: required"},
		{"empty location", func(a *SharedServicesArgs) { a.Location = pulumi.String("") }, "sharedServices.location: must not be empty"},
		{"empty workload", func(a *SharedServicesArgs) { a.Workload = "" }, "sharedServices.workload: required"},
		{"workload too long", func(a *SharedServicesArgs) { a.Workload = "averyveryverylongworkload" }, "sharedServices.workload"},
		{"workload uppercase", func(a *SharedServicesArgs) { a.Workload = "MLOps" }, "sharedServices.workload"},
		{"environment too long", func(a *SharedServicesArgs) { a.Environment = "production1" }, "sharedServices.environment"},
		{"vault name too long", func(a *SharedServicesArgs) { a.Workload = "platform-shared1" }, "sharedServices.workload: the Key Vault name"},
		{"retention too short", func(a *SharedServicesArgs) { a.LogRetentionDays = 7 }, "sharedServices.logRetentionDays: 7 is outside 30-730"},
		{"unknown kv sku", func(a *SharedServicesArgs) { a.KeyVaultSku = "gold" }, `sharedServices.keyVaultSku: unknown value "gold"`},
		{"kv retention", func(a *SharedServicesArgs) { a.KeyVaultSoftDeleteRetentionDays = 120 }, "sharedServices.keyVaultSoftDeleteRetentionDays"},
		{"malformed kv id", func(a *SharedServicesArgs) { a.ExistingKeyVaultId = pulumi.String("kv-central") }, "sharedServices.existingKeyVaultId: \"kv-central\" is not an Azure resource id"},
		{"wrong type of id", func(a *SharedServicesArgs) {
			a.ExistingAppInsightsId = pulumi.String(armID("Microsoft.KeyVault/vaults", "kv"))
		}, "sharedServices.existingAppInsightsId"},
		{"bad tag", func(a *SharedServicesArgs) { a.Tags = map[string]string{"a/b": "x"} }, "sharedServices.tags"},
	}
	assertBadInput(t, sharedArgs, func(ctx *pulumi.Context, a *SharedServicesArgs) error {
		_, err := NewSharedServices(ctx, "shared", a)
		return err
	}, cases)
}

func names(rs []plan.Resource) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Type + "::" + r.Name
	}
	return out
}
