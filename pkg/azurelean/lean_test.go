package azurelean_test

import (
	"sync"
	"testing"

	"github.com/pulumi/pulumi-azure-native-sdk/insights/v2"
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
