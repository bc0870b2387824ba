package azurelean_test

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	containerregistry "github.com/pulumi/pulumi-azure-native-sdk/containerregistry/v2/v20231101preview"
	"github.com/pulumi/pulumi-azure-native-sdk/insights/v2"
	"github.com/pulumi/pulumi-azure-native-sdk/keyvault/v2"
	"github.com/pulumi/pulumi-azure-native-sdk/storage/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/encoding/prototext"
	"google.golang.org/protobuf/proto"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/azurelean"
)

type recorder struct {
	mu       sync.Mutex
	requests map[string]*pulumirpc.RegisterResourceRequest
}

func (r *recorder) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.requests[args.Name] = args.RegisterRPC
	outs := args.Inputs.Copy()
	outs["name"] = resource.NewStringProperty(args.Name + "-physical")
	if strings.HasSuffix(args.TypeToken, ":Registry") {
		outs["loginServer"] = resource.NewStringProperty(args.Name + ".azurecr.io")
	}
	return "/id/" + args.Name, outs, nil
}

func (r *recorder) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	return args.Args, nil
}

func record(t *testing.T, program pulumi.RunFunc) map[string]*pulumirpc.RegisterResourceRequest {
	t.Helper()
	r := &recorder{requests: map[string]*pulumirpc.RegisterResourceRequest{}}
	require.NoError(t, pulumi.RunErr(program, pulumi.WithMocks("p", "s", r)))
	return r.requests
}

const scope = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st"

// The inputs of each type as the components build them (nested types, outputs as inputs).
func diagArgs(target pulumi.StringInput) *insights.DiagnosticSettingArgs {
	return &insights.DiagnosticSettingArgs{Name: pulumi.String("to-law"), ResourceUri: target, WorkspaceId: pulumi.String("/law"),
		Logs:    insights.LogSettingsArray{insights.LogSettingsArgs{CategoryGroup: pulumi.String("allLogs"), Enabled: pulumi.Bool(true)}},
		Metrics: insights.MetricSettingsArray{insights.MetricSettingsArgs{Category: pulumi.String("AllMetrics"), Enabled: pulumi.Bool(true)}}}
}

func alertArgs(target pulumi.StringInput) *insights.MetricAlertArgs {
	return &insights.MetricAlertArgs{RuleName: pulumi.String("ma"), ResourceGroupName: pulumi.String("rg"), Location: pulumi.String("global"),
		Severity: pulumi.Int(2), Enabled: pulumi.Bool(true), Scopes: pulumi.StringArray{target},
		EvaluationFrequency: pulumi.String("PT5M"), WindowSize: pulumi.String("PT15M"), AutoMitigate: pulumi.Bool(true),
		Criteria: insights.MetricAlertSingleResourceMultipleMetricCriteriaArgs{
			OdataType: pulumi.String("Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria"),
			AllOf: insights.MetricCriteriaArray{insights.MetricCriteriaArgs{CriterionType: pulumi.String("StaticThresholdCriterion"),
				Name: pulumi.String("c"), MetricName: pulumi.String("Availability"), MetricNamespace: pulumi.String("Microsoft.Storage/storageAccounts"),
				Operator: pulumi.String("LessThan"), Threshold: pulumi.Float64(99.9), TimeAggregation: pulumi.String("Average")}}},
		Actions: insights.MetricAlertActionArray{insights.MetricAlertActionArgs{ActionGroupId: pulumi.String("/ag")}}}
}

func blobArgs(account pulumi.StringInput) *storage.BlobServicePropertiesArgs {
	return &storage.BlobServicePropertiesArgs{AccountName: account, ResourceGroupName: pulumi.String("rg"), BlobServicesName: pulumi.String("default"),
		IsVersioningEnabled:   pulumi.Bool(true),
		DeleteRetentionPolicy: &storage.DeleteRetentionPolicyArgs{Enabled: pulumi.Bool(true), Days: pulumi.Int(30)}}
}

func policyArgs(account pulumi.StringInput) *storage.ManagementPolicyArgs {
	return &storage.ManagementPolicyArgs{AccountName: account, ResourceGroupName: pulumi.String("rg"), ManagementPolicyName: pulumi.String("default"),
		Policy: storage.ManagementPolicySchemaArgs{Rules: storage.ManagementPolicyRuleArray{storage.ManagementPolicyRuleArgs{
			Name: pulumi.String("r"), Enabled: pulumi.Bool(true), Type: pulumi.String("Lifecycle"),
			Definition: storage.ManagementPolicyDefinitionArgs{Filters: &storage.ManagementPolicyFilterArgs{
				BlobTypes: pulumi.StringArray{pulumi.String("blockBlob")}, PrefixMatch: pulumi.StringArray{pulumi.String("azureml/")}},
				Actions: storage.ManagementPolicyActionArgs{BaseBlob: &storage.ManagementPolicyBaseBlobArgs{
					Delete: &storage.DateAfterModificationArgs{DaysAfterModificationGreaterThan: pulumi.Float64(90)}}}}}}}}
}

// The engine receives the same registration through Register as through the generated
// New<Resource> (token, every input, property dependencies, provider version, parent and
// dependency options), except the generated SDK's type aliases, which Register leaves out.
func TestRegisterIsTheGeneratedRegistrationWithoutAliases(t *testing.T) {
	generated := func(ctx *pulumi.Context) error {
		target, err := storage.NewStorageAccount(ctx, "st", &storage.StorageAccountArgs{ResourceGroupName: pulumi.String("rg"),
			Kind: pulumi.String("StorageV2"), Sku: &storage.SkuArgs{Name: pulumi.String("Standard_LRS")}})
		if err != nil {
			return err
		}
		id, name := target.ID().ToStringOutput(), target.Name
		if _, err := insights.NewDiagnosticSetting(ctx, "diag", diagArgs(id), pulumi.Parent(target)); err != nil {
			return err
		}
		if _, err := insights.NewMetricAlert(ctx, "alert", alertArgs(id)); err != nil {
			return err
		}
		blob, err := storage.NewBlobServiceProperties(ctx, "blob", blobArgs(name))
		if err != nil {
			return err
		}
		_, err = storage.NewManagementPolicy(ctx, "policy", policyArgs(name), pulumi.DependsOn([]pulumi.Resource{blob}))
		return err
	}
	lean := func(ctx *pulumi.Context) error {
		target, err := storage.NewStorageAccount(ctx, "st", &storage.StorageAccountArgs{ResourceGroupName: pulumi.String("rg"),
			Kind: pulumi.String("StorageV2"), Sku: &storage.SkuArgs{Name: pulumi.String("Standard_LRS")}})
		if err != nil {
			return err
		}
		id, name := target.ID().ToStringOutput(), target.Name
		if _, err := azurelean.Register(ctx, "azure-native:insights:DiagnosticSetting", "diag", diagArgs(id), pulumi.Parent(target)); err != nil {
			return err
		}
		if _, err := azurelean.Register(ctx, "azure-native:insights:MetricAlert", "alert", alertArgs(id)); err != nil {
			return err
		}
		blob, err := azurelean.Register(ctx, "azure-native:storage:BlobServiceProperties", "blob", blobArgs(name))
		if err != nil {
			return err
		}
		_, err = azurelean.Register(ctx, "azure-native:storage:ManagementPolicy", "policy", policyArgs(name), pulumi.DependsOn([]pulumi.Resource{blob}))
		return err
	}
	want, got := record(t, generated), record(t, lean)
	require.Len(t, want, 5)
	require.Len(t, got, 5)
	for name, w := range want {
		g := got[name]
		require.NotNil(t, g, name)
		if name != "st" {
			assert.NotEmpty(t, w.GetAliases(), "%s: the generated SDK registers type aliases", name)
			assert.Empty(t, g.GetAliases(), "%s: Register registers none", name)
		}
		assert.Equal(t, azurelean.ProviderVersion, g.GetVersion(), name)
		w.Aliases, g.Aliases = nil, nil
		w.SourcePosition, g.SourcePosition, w.StackTrace, g.StackTrace = nil, nil, nil, nil
		if !proto.Equal(w, g) {
			assert.Equal(t, prototext.Format(w), prototext.Format(g), name)
		}
	}
}

// compareRegistrations requires the registrations of want and got to be equal apart from the
// type aliases (which want has and got has not) and the Go stacks they were made from.
func compareRegistrations(t *testing.T, want, got map[string]*pulumirpc.RegisterResourceRequest, aliased ...string) {
	t.Helper()
	require.Equal(t, len(want), len(got))
	for name, w := range want {
		g := got[name]
		require.NotNil(t, g, name)
		if slices.Contains(aliased, name) {
			assert.NotEmpty(t, w.GetAliases(), "%s: the generated SDK registers type aliases", name)
			assert.Empty(t, g.GetAliases(), "%s: the lean registration registers none", name)
		}
		assert.Equal(t, azurelean.ProviderVersion, g.GetVersion(), name)
		w.Aliases, g.Aliases = nil, nil
		w.SourcePosition, g.SourcePosition, w.StackTrace, g.StackTrace = nil, nil, nil, nil
		if !proto.Equal(w, g) {
			assert.Equal(t, prototext.Format(w), prototext.Format(g), name)
		}
	}
}

// The stateful resources' inputs as the components build them, and with the least the
// generated functions accept (so their defaults apply).
func storageArgs(full bool) *storage.StorageAccountArgs {
	a := &storage.StorageAccountArgs{ResourceGroupName: pulumi.String("rg"), Kind: pulumi.String("StorageV2"), Sku: &storage.SkuArgs{Name: pulumi.String("Standard_ZRS")}}
	if full {
		a.AccountName, a.PublicNetworkAccess, a.AllowSharedKeyAccess = pulumi.String("st1"), pulumi.String("Disabled"), pulumi.Bool(false)
		a.NetworkRuleSet = &storage.NetworkRuleSetArgs{DefaultAction: storage.DefaultActionDeny, Bypass: pulumi.String("AzureServices")}
		a.Encryption = &storage.EncryptionArgs{KeySource: pulumi.String("Microsoft.Storage"), RequireInfrastructureEncryption: pulumi.Bool(true),
			Services: &storage.EncryptionServicesArgs{Blob: &storage.EncryptionServiceArgs{Enabled: pulumi.Bool(true), KeyType: pulumi.String("Account")}}}
		a.SasPolicy = &storage.SasPolicyArgs{SasExpirationPeriod: pulumi.String("1.00:00:00"), ExpirationAction: pulumi.String("Log")}
		a.Tags = pulumi.StringMap{"workload": pulumi.String("w")}
	}
	return a
}

// withoutDefaulted are the args with nested inputs that leave out what the generated
// Defaults() fill in (KeySource, Bypass and DefaultAction, ExpirationAction, the policies'
// statuses).
func storageWithoutDefaulted() *storage.StorageAccountArgs {
	a := storageArgs(false)
	a.Encryption = &storage.EncryptionArgs{RequireInfrastructureEncryption: pulumi.Bool(true)}
	a.NetworkRuleSet = &storage.NetworkRuleSetArgs{}
	a.SasPolicy = &storage.SasPolicyArgs{SasExpirationPeriod: pulumi.String("1.00:00:00")}
	return a
}

func registryWithoutDefaulted() *containerregistry.RegistryArgs {
	a := registryArgs(false)
	a.NetworkRuleSet = &containerregistry.NetworkRuleSetArgs{}
	a.Policies = &containerregistry.PoliciesArgs{ExportPolicy: &containerregistry.ExportPolicyArgs{}, RetentionPolicy: &containerregistry.RetentionPolicyArgs{}}
	return a
}

func vaultArgs(full bool, tenant pulumi.StringInput) *keyvault.VaultArgs {
	props := &keyvault.VaultPropertiesArgs{TenantId: tenant, Sku: &keyvault.SkuArgs{Family: pulumi.String("A"), Name: keyvault.SkuNameStandard}}
	if full {
		props.EnableRbacAuthorization, props.EnablePurgeProtection = pulumi.Bool(true), pulumi.Bool(true)
		props.SoftDeleteRetentionInDays, props.PublicNetworkAccess = pulumi.Int(90), pulumi.String("Disabled")
		props.NetworkAcls = &keyvault.NetworkRuleSetArgs{DefaultAction: pulumi.String("Deny"), Bypass: pulumi.String("AzureServices")}
	}
	return &keyvault.VaultArgs{VaultName: pulumi.String("kv1"), ResourceGroupName: pulumi.String("rg"), Properties: props}
}

func registryArgs(full bool) *containerregistry.RegistryArgs {
	a := &containerregistry.RegistryArgs{ResourceGroupName: pulumi.String("rg"), Sku: &containerregistry.SkuArgs{Name: pulumi.String("Premium")}}
	if full {
		a.RegistryName, a.AdminUserEnabled, a.PublicNetworkAccess = pulumi.String("cr1"), pulumi.Bool(false), pulumi.String("Disabled")
		a.AnonymousPullEnabled, a.ZoneRedundancy, a.NetworkRuleBypassOptions = pulumi.Bool(false), pulumi.String("Enabled"), pulumi.String("AzureServices")
		a.NetworkRuleSet = &containerregistry.NetworkRuleSetArgs{DefaultAction: pulumi.String("Deny")}
		a.Policies = &containerregistry.PoliciesArgs{ExportPolicy: &containerregistry.ExportPolicyArgs{Status: pulumi.String("disabled")},
			RetentionPolicy: &containerregistry.RetentionPolicyArgs{Days: pulumi.Int(7), Status: pulumi.String("enabled")}}
	}
	return a
}

// StorageAccount, Vault and ContainerRegistry register what the generated functions register
// (their defaults applied, outputs as inputs, options), without the type aliases.
func TestStatefulAreTheGeneratedRegistrationsWithoutAliases(t *testing.T) {
	for variant, args := range map[string]func(tenant pulumi.StringInput) (*storage.StorageAccountArgs, *keyvault.VaultArgs, *containerregistry.RegistryArgs){
		"least": func(tn pulumi.StringInput) (*storage.StorageAccountArgs, *keyvault.VaultArgs, *containerregistry.RegistryArgs) {
			return storageArgs(false), vaultArgs(false, tn), registryArgs(false)
		},
		"full": func(tn pulumi.StringInput) (*storage.StorageAccountArgs, *keyvault.VaultArgs, *containerregistry.RegistryArgs) {
			return storageArgs(true), vaultArgs(true, tn), registryArgs(true)
		},
		"nested": func(tn pulumi.StringInput) (*storage.StorageAccountArgs, *keyvault.VaultArgs, *containerregistry.RegistryArgs) {
			return storageWithoutDefaulted(), vaultArgs(false, tn), registryWithoutDefaulted()
		},
	} {
		program := func(lean bool) pulumi.RunFunc {
			return func(ctx *pulumi.Context) error {
				parent, err := storage.NewStorageAccount(ctx, "parent", storageArgs(false))
				if err != nil {
					return err
				}
				st, kv, cr := args(parent.Name) // an output as an input
				opts := []pulumi.ResourceOption{pulumi.Parent(parent), pulumi.Protect(variant == "full"), pulumi.DependsOn([]pulumi.Resource{parent})}
				if lean {
					_, err = azurelean.StorageAccount(ctx, "st", st, opts...)
				} else {
					_, err = storage.NewStorageAccount(ctx, "st", st, opts...)
				}
				if err != nil {
					return err
				}
				if lean {
					_, err = azurelean.Vault(ctx, "kv", kv, opts...)
				} else {
					_, err = keyvault.NewVault(ctx, "kv", kv, opts...)
				}
				if err != nil {
					return err
				}
				if lean {
					_, err = azurelean.ContainerRegistry(ctx, "cr", cr, opts...)
				} else {
					_, err = containerregistry.NewRegistry(ctx, "cr", cr, opts...)
				}
				return err
			}
		}
		t.Run(variant, func(t *testing.T) {
			compareRegistrations(t, record(t, program(false)), record(t, program(true)), "st", "kv", "cr")
		})
	}
}

// What the generated functions refuse, the lean ones refuse with the same message; and they
// do not change the caller's args.
func TestStatefulRequiredInputs(t *testing.T) {
	record(t, func(ctx *pulumi.Context) error {
		_, err := azurelean.StorageAccount(ctx, "st", &storage.StorageAccountArgs{ResourceGroupName: pulumi.String("rg"), Sku: &storage.SkuArgs{}})
		assert.EqualError(t, err, "invalid value for required argument 'Kind'")
		_, err = azurelean.Vault(ctx, "kv", &keyvault.VaultArgs{ResourceGroupName: pulumi.String("rg")})
		assert.EqualError(t, err, "invalid value for required argument 'Properties'")
		_, err = azurelean.ContainerRegistry(ctx, "cr", &containerregistry.RegistryArgs{Sku: &containerregistry.SkuArgs{}})
		assert.EqualError(t, err, "invalid value for required argument 'ResourceGroupName'")
		_, err = azurelean.StorageAccount(ctx, "st", nil)
		assert.EqualError(t, err, "missing one or more required arguments")
		args := registryArgs(false)
		_, err = azurelean.ContainerRegistry(ctx, "cr", args)
		assert.NoError(t, err)
		assert.Nil(t, args.AdminUserEnabled, "the caller's args are left as they were")
		return nil
	})
}

// The stateful resources carry the outputs this repository reads: a Key Vault its generated
// struct's (its nested properties, here as this test's provider returns them: its inputs), a
// storage account its name, a registry its name and login server.
func TestStatefulKeepTheirOutputs(t *testing.T) {
	got := make(chan string, 4)
	record(t, func(ctx *pulumi.Context) error {
		kv, err := azurelean.Vault(ctx, "kv", vaultArgs(true, pulumi.String("t")))
		if err != nil {
			return err
		}
		kv.Properties.SoftDeleteRetentionInDays().ApplyT(func(v *int) string {
			got <- fmt.Sprint("retention ", *v)
			return ""
		})
		st, err := azurelean.StorageAccount(ctx, "st", storageArgs(true))
		if err != nil {
			return err
		}
		cr, err := azurelean.ContainerRegistry(ctx, "cr", registryArgs(true))
		if err != nil {
			return err
		}
		pulumi.All(st.ID(), st.Name, cr.Name, cr.LoginServer).ApplyT(func(v []any) string {
			got <- fmt.Sprintf("%v %v %v %v", v...)
			return ""
		})
		return nil
	})
	assert.ElementsMatch(t, []string{"retention 90", "/id/st st-physical cr-physical cr.azurecr.io"}, []string{<-got, <-got})
}

// The returned resource carries the id and the name the provider reports.
func TestRegisterReturnsIDAndName(t *testing.T) {
	var res *azurelean.Resource
	record(t, func(ctx *pulumi.Context) error {
		var err error
		res, err = azurelean.Register(ctx, "azure-native:storage:BlobServiceProperties", "blob", blobArgs(pulumi.String("st")))
		if err != nil {
			return err
		}
		pulumi.All(res.ID(), res.Name).ApplyT(func(v []any) error {
			assert.Equal(t, "/id/blob", string(v[0].(pulumi.ID)))
			assert.Equal(t, "blob-physical", v[1])
			return nil
		})
		return nil
	})
	require.NotNil(t, res)
}
