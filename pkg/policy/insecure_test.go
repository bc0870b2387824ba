package policy

import (
	"context"
	"testing"

	containerregistry "github.com/pulumi/pulumi-azure-native-sdk/containerregistry/v2/v20231101preview"
	"github.com/pulumi/pulumi-azure-native-sdk/keyvault/v2"
	"github.com/pulumi/pulumi-azure-native-sdk/storage/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/azure-mlops/pulumi-azure-mlops/components"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/azureml"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/plan"
)

// Someone bypasses the components and writes resources by hand with insecure settings: the
// policy pack names each problem by its rule.
func TestInsecureConfigurationsAreCaught(t *testing.T) {
	doc, err := plan.Evaluate(plan.Options{Stack: "dev"}, func(ctx *pulumi.Context) (pulumi.Map, error) {
		if _, err := storage.NewStorageAccount(ctx, "open-st", &storage.StorageAccountArgs{
			AccountName: pulumi.String("stopen"), ResourceGroupName: pulumi.String("rg"), Kind: pulumi.String("StorageV2"),
			Sku:                 &storage.SkuArgs{Name: pulumi.String("Standard_LRS")},
			PublicNetworkAccess: pulumi.String("Enabled"), AllowSharedKeyAccess: pulumi.Bool(true), MinimumTlsVersion: pulumi.String("TLS1_0"),
		}); err != nil {
			return nil, err
		}
		if _, err := keyvault.NewVault(ctx, "open-kv", &keyvault.VaultArgs{
			VaultName: pulumi.String("kv-open"), ResourceGroupName: pulumi.String("rg"),
			Properties: &keyvault.VaultPropertiesArgs{TenantId: pulumi.String("t"), Sku: &keyvault.SkuArgs{Family: pulumi.String("A"), Name: keyvault.SkuNameStandard}},
		}); err != nil {
			return nil, err
		}
		if _, err := containerregistry.NewRegistry(ctx, "open-cr", &containerregistry.RegistryArgs{
			RegistryName: pulumi.String("cropen"), ResourceGroupName: pulumi.String("rg"),
			Sku: &containerregistry.SkuArgs{Name: pulumi.String("Basic")}, AdminUserEnabled: pulumi.Bool(true),
		}); err != nil {
			return nil, err
		}
		if _, err := azureml.NewCompute(ctx, "open-cpu", &azureml.ComputeArgs{
			ResourceGroupName: pulumi.String("rg"), WorkspaceName: pulumi.String("mlw"), ComputeName: pulumi.String("cpu"),
			Properties: &azureml.AmlComputeArgs{ComputeType: pulumi.String("AmlCompute"), DisableLocalAuth: pulumi.Bool(false),
				Properties: &azureml.AmlComputePropertiesArgs{VmSize: pulumi.String("Standard_DS3_v2"), EnableNodePublicIp: pulumi.Bool(true),
					RemoteLoginPortPublicAccess: pulumi.String("Enabled"),
					ScaleSettings:               &azureml.ScaleSettingsArgs{MaxNodeCount: pulumi.Int(2)}}},
		}); err != nil {
			return nil, err
		}
		// A workspace from the component but without private endpoints.
		_, err := components.NewMLOpsWorkspace(ctx, "fraud", &components.MLOpsWorkspaceArgs{
			ResourceGroupName: pulumi.String("rg"), Location: pulumi.String("westeurope"), Project: "fraud", Environment: "dev",
			KeyVaultId:              pulumi.String("/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"),
			AppInsightsId:           pulumi.String("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Insights/components/appi"),
			LogAnalyticsWorkspaceId: pulumi.String("/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/law"),
			ComputeClusters:         []components.ComputeClusterArgs{{Name: "cpu", MaxNodes: 2}},
		})
		return pulumi.Map{"leak": pulumi.String("DefaultEndpointsProtocol=https;AccountName=st;AccountKey=abc==")}, err
	})
	require.NoError(t, err)
	p, err := Load()
	require.NoError(t, err)
	require.NoError(t, p.Apply(context.Background(), doc, nil))
	found := map[string]map[string]bool{}
	for _, v := range doc.Policy.Violations {
		if found[v.Policy] == nil {
			found[v.Policy] = map[string]bool{}
		}
		found[v.Policy][v.URN] = true
	}
	urn := func(name string) string {
		for _, r := range doc.Resources {
			if r.Name == name {
				return r.URN
			}
		}
		t.Fatalf("no resource %s", name)
		return ""
	}
	for rule, name := range map[string]string{
		"deny_storage_public_network_access":   "open-st",
		"deny_storage_shared_key_access":       "open-st",
		"deny_storage_min_tls":                 "open-st",
		"deny_key_vault_public_network_access": "open-kv",
		"deny_key_vault_purge_protection":      "open-kv",
		"deny_key_vault_rbac":                  "open-kv",
		"deny_registry_admin_user":             "open-cr",
		"deny_registry_premium":                "open-cr",
		"deny_registry_public_network_access":  "open-cr",
		"deny_compute_node_public_ip":          "open-cpu",
		"deny_compute_local_auth":              "open-cpu",
		"deny_compute_remote_login_port":       "open-cpu",
		"deny_compute_user_assigned_identity":  "open-cpu",
	} {
		assert.True(t, found[rule][urn(name)], "%s should flag %s", rule, name)
	}
	for _, rule := range []string{"stack_deny_private_endpoints", "stack_deny_plain_secret_output"} {
		assert.NotEmpty(t, found[rule], rule)
	}
	// The component's own resources pass every resource rule.
	for _, v := range doc.Policy.Violations {
		if v.Enforcement == Mandatory && !isStackRule(v.Policy) {
			for _, own := range []string{"fraud-st", "fraud-cr", "fraud-mlw"} {
				assert.NotEqual(t, urn(own), v.URN, "%s flags the component's %s: %s", v.Policy, own, v.Message)
			}
		}
	}
	assert.True(t, doc.HasMandatoryViolation())
}

func isStackRule(id string) bool { return len(id) > 6 && id[:6] == "stack_" }
