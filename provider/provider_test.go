package provider

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/blang/semver"
	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/integration"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	presource "github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"

	"github.com/azure-mlops/pulumi-azure-mlops/components"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/azureml"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/plan"
)

var update = flag.Bool("update", false, "rewrite schema.json")

func TestSchemaIsCurrent(t *testing.T) {
	got, err := SchemaJSON(context.Background())
	require.NoError(t, err)
	if *update {
		require.NoError(t, os.WriteFile("../schema.json", got, 0o644))
		return
	}
	want, err := os.ReadFile("../schema.json")
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got), "schema.json is stale: make schema")
	assert.NotContains(t, string(got), `"version"`, "schema.json is committed without its version")
}

func TestSchemaDescribesEverything(t *testing.T) {
	spec, err := Schema(context.Background(), "")
	require.NoError(t, err)
	assert.ElementsMatch(t, []string{"azure-mlops:index:SharedServices", "azure-mlops:index:MLOpsWorkspace",
		"azure-mlops:index:PrivateNetwork", "azure-mlops:index:Governance", "azure-mlops:index:Bootstrap",
		"azure-mlops:index:Operations"}, keys(spec.Resources))
	for tok, r := range spec.Resources {
		assert.True(t, r.IsComponent, tok)
		assert.NotEmpty(t, r.Description, tok)
		for name, prop := range r.InputProperties {
			assert.NotEmpty(t, prop.Description, "%s input %s", tok, name)
		}
		for name, prop := range r.Properties {
			assert.NotEmpty(t, prop.Description, "%s output %s", tok, name)
		}
	}
	for _, enum := range []string{"IsolationMode", "DnsMode", "OutboundRuleType", "AzureCloudName"} {
		typ, ok := spec.Types["azure-mlops:index:"+enum]
		require.True(t, ok, enum)
		assert.NotEmpty(t, typ.Enum, enum)
		assert.NotEmpty(t, typ.Description, enum)
		for _, v := range typ.Enum {
			assert.NotEmpty(t, v.Description, "%s %v", enum, v.Value)
		}
	}
	for tok, typ := range spec.Types {
		assert.NotEmpty(t, typ.Description, tok)
		for name, prop := range typ.Properties {
			assert.NotEmpty(t, prop.Description, "%s.%s", tok, name)
		}
	}
	// Values that may come from other resources are inputs; values that shape the graph are plain.
	ws := spec.Resources["azure-mlops:index:MLOpsWorkspace"]
	assert.False(t, ws.InputProperties["keyVaultId"].Plain)
	assert.True(t, ws.InputProperties["project"].Plain)
	assert.Equal(t, []string{"resourceGroupName", "location", "project", "environment", "appInsightsId", "logAnalyticsWorkspaceId"}, ws.RequiredInputs)
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

const (
	sub    = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-mlops-dev/providers/"
	kvID   = sub + "Microsoft.KeyVault/vaults/kv-mlops-dev-abcd"
	appiID = sub + "Microsoft.Insights/components/appi-mlops-dev"
	lawID  = sub + "Microsoft.OperationalInsights/workspaces/log-mlops-dev"
	snetID = sub + "Microsoft.Network/virtualNetworks/vnet/subnets/snet-pe"
)

func str(s string) property.Value { return property.New(s) }

func newServer(t *testing.T, dryRun bool) (integration.Server, *plan.Recorder) {
	t.Helper()
	prov, err := New()
	require.NoError(t, err)
	// The integration host names every URN urn:pulumi:stack::project::..., as does the recorder.
	rec := plan.NewRecorder(plan.Options{Project: "project", Stack: "stack", DryRun: dryRun})
	s, err := integration.NewServer(context.Background(), Name, semver.MustParse("0.1.0"),
		integration.WithProvider(prov), integration.WithMocks(rec))
	require.NoError(t, err)
	return s, rec
}

func workspaceInputs() map[string]property.Value {
	return map[string]property.Value{
		"resourceGroupName":       str("rg-mlops-dev"),
		"location":                str("westeurope"),
		"project":                 str("fraud"),
		"environment":             str("dev"),
		"keyVaultId":              str(kvID),
		"appInsightsId":           str(appiID),
		"logAnalyticsWorkspaceId": str(lawID),
		"isolationMode":           str("AllowOnlyApprovedOutbound"),
		"computeClusters": property.New([]property.Value{property.New(map[string]property.Value{
			"name": str("cpu"), "vmSize": str("Standard_DS3_v2"), "maxNodes": property.New(4.0),
		})}),
		"privateEndpoints": property.New(map[string]property.Value{
			"subnetId": str(snetID), "dnsMode": str("PolicyManaged"),
		}),
	}
}

func construct(s integration.Server, token, name string, dryRun bool, inputs map[string]property.Value) (p.ConstructResponse, error) {
	return s.Construct(p.ConstructRequest{
		Urn:    presource.URN("urn:pulumi:stack::project::" + token + "::" + name),
		Inputs: property.NewMap(inputs),
		DryRun: dryRun,
	})
}

func TestConstructMLOpsWorkspace(t *testing.T) {
	s, rec := newServer(t, false)
	resp, err := construct(s, components.MLOpsWorkspaceToken, "fraud", false, workspaceInputs())
	require.NoError(t, err)

	rs := rec.Resources()
	comp, ok := plan.Find(rs, components.MLOpsWorkspaceToken, "fraud")
	require.True(t, ok, "the component is registered with the same token as from Go")
	ws, ok := plan.Find(rs, azureml.WorkspaceToken, "fraud-mlw")
	require.True(t, ok)
	assert.Equal(t, comp.URN, ws.Parent)
	assert.Equal(t, kvID, ws.Input("keyVault"))
	assert.Equal(t, "Disabled", ws.Input("publicNetworkAccess"))
	assert.Equal(t, "AllowOnlyApprovedOutbound", ws.Input("managedNetwork.isolationMode"))
	cpu, ok := plan.Find(rs, azureml.ComputeToken, "fraud-cpu")
	require.True(t, ok)
	assert.Equal(t, float64(4), cpu.Input("properties.properties.scaleSettings.maxNodeCount"))
	assert.Len(t, plan.Filter(rs, "azure-native:network:PrivateEndpoint"), 4)
	assert.Empty(t, plan.Filter(rs, "azure-native:network:PrivateDnsZoneGroup"), "dnsMode PolicyManaged arrived as the enum value")

	state := resp.State
	assert.Equal(t, ws.ID, state.Get("workspaceId").AsString())
	assert.Equal(t, "mlw-fraud-dev", state.Get("workspaceName").AsString())
	ids := state.Get("computeClusterIds").AsArray()
	require.Equal(t, 1, ids.Len())
	assert.Equal(t, cpu.ID, ids.Get(0).AsString())
	assert.True(t, strings.HasSuffix(state.Get("containerRegistryLoginServer").AsString(), ".azurecr.io"))
}

func TestConstructDuringPreviewWithUnknownInputs(t *testing.T) {
	s, rec := newServer(t, true)
	in := workspaceInputs()
	// During preview the shared services' ids are not known yet.
	in["keyVaultId"] = property.New(property.Computed)
	in["appInsightsId"] = property.New(property.Computed)
	_, err := construct(s, components.MLOpsWorkspaceToken, "fraud", true, in)
	require.NoError(t, err)
	ws, ok := plan.Find(rec.Resources(), azureml.WorkspaceToken, "fraud-mlw")
	require.True(t, ok)
	assert.Equal(t, plan.UnknownMarker, plan.PlainMap(ws.Inputs)["keyVault"])
	assert.Equal(t, "Identity", ws.Input("systemDatastoresAuthMode"))
}

func TestSecretsStaySecret(t *testing.T) {
	s, rec := newServer(t, false)
	in := workspaceInputs()
	in["customerManagedKey"] = property.New(map[string]property.Value{
		"keyVaultId":          str(sub + "Microsoft.KeyVault/vaults/kv-cmk"),
		"keyId":               str("https://kv-cmk.vault.azure.net/keys/mlw/0123abcd").WithSecret(true),
		"cosmosDbPrincipalId": str("11111111-2222-3333-4444-555555555555"),
	})
	_, err := construct(s, components.MLOpsWorkspaceToken, "fraud", false, in)
	require.NoError(t, err)
	ws, _ := plan.Find(rec.Resources(), azureml.WorkspaceToken, "fraud-mlw")
	assert.True(t, ws.IsSecretInput("encryption.keyVaultProperties.keyIdentifier"), "a secret input stays secret on the child")

	resp, err := construct(s, components.SharedServicesToken, "shared", false, map[string]property.Value{
		"resourceGroupName": str("rg-mlops-dev"), "location": str("westeurope"), "workload": str("mlops"), "environment": str("dev"),
	})
	require.NoError(t, err)
	conn := resp.State.Get("appInsightsConnectionString")
	assert.True(t, conn.Secret(), "the connection string output is a secret")
	assert.False(t, resp.State.Get("keyVaultId").Secret())
}

func TestConstructEveryComponent(t *testing.T) {
	s, rec := newServer(t, false)
	_, err := construct(s, components.PrivateNetworkToken, "net", false, map[string]property.Value{
		"resourceGroupName": str("rg-mlops-dev"), "location": str("westeurope"), "workload": str("mlops"), "environment": str("dev"),
		"addressSpace": str("10.60.0.0/22"), "privateEndpointSubnetPrefix": str("10.60.0.0/24"), "dnsMode": str("Create"),
		"cloud": str("AzureUSGovernment"),
	})
	require.NoError(t, err)
	_, err = construct(s, components.GovernanceToken, "gov", false, map[string]property.Value{
		"scope": str("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-mlops-dev"), "location": str("westeurope"),
		"workload": str("mlops"), "environment": str("dev"), "effect": str("Deny"),
		"allowedRegistries": property.New([]property.Value{str("crfraud.azurecr.io")}),
	})
	require.NoError(t, err)
	_, err = construct(s, components.BootstrapToken, "delivery", false, map[string]property.Value{
		"location": str("westeurope"), "subscriptionId": str("00000000-0000-0000-0000-000000000000"),
		"logAnalyticsWorkspaceId": str(lawID), "allowedIpRanges": property.New([]property.Value{str("20.1.2.0/24")}),
		"environments": property.New([]property.Value{property.New(map[string]property.Value{
			"name": str("dev"), "gitHubRepository": str("contoso/ml-platform"),
			"azureDevOps": property.New(map[string]property.Value{
				"issuer": str("https://vstoken.dev.azure.com/00000000-0000-0000-0000-000000000001"), "subject": str("sc://contoso/ml/dev"),
			}),
		})}),
	})
	require.NoError(t, err)
	_, err = construct(s, components.OperationsToken, "ops", false, map[string]property.Value{
		"resourceGroupName": str("rg-mlops-dev"), "resourceGroupId": str("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-mlops-dev"),
		"location": str("westeurope"), "workload": str("mlops"), "environment": str("dev"), "logAnalyticsWorkspaceId": str(lawID),
		"alertEmails": property.New([]property.Value{str("ml@contoso.com")}), "monthlyBudget": property.New(1500.0),
		"budgetStartDate": str("2026-12-01"),
		"budgetThresholds": property.New([]property.Value{property.New(map[string]property.Value{
			"percent": property.New(90.0), "type": str("Forecasted")})}),
	})
	require.NoError(t, err)
	rs := rec.Resources()
	var subjects []string
	for _, f := range plan.Filter(rs, "azure-native:managedidentity:FederatedIdentityCredential") {
		subjects = append(subjects, f.Input("subject").(string))
	}
	assert.ElementsMatch(t, []string{"repo:contoso/ml-platform:environment:dev", "repo:contoso/ml-platform:environment:dev-preview",
		"sc://contoso/ml/dev"}, subjects, "the nested environment and federation inputs reached the component")
	var zones []string
	for _, z := range plan.Filter(rs, "azure-native:network:PrivateZone") {
		zones = append(zones, z.Input("privateZoneName").(string))
	}
	assert.Contains(t, zones, "privatelink.api.ml.azure.us", "the cloud enum reached the component")
	assert.NotEmpty(t, plan.Filter(rs, "azure-native:authorization:PolicyAssignment"))
	budgets := plan.Filter(rs, "azure-native:consumption:Budget")
	if assert.Len(t, budgets, 1) {
		assert.Equal(t, 1500.0, budgets[0].Input("amount"), "the number input reached the component")
		assert.Equal(t, 90.0, budgets[0].Input("notifications.forecasted90.threshold"), "the nested threshold list reached the component")
	}
}

func TestBadInputThroughTheProvider(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(map[string]property.Value)
		want   string
	}{
		{"missing required input", func(m map[string]property.Value) { delete(m, "project") }, "project"},
		{"unknown enum value", func(m map[string]property.Value) { m["isolationMode"] = str("Open") }, `isolationMode: unknown value "Open"`},
		{"wrong type", func(m map[string]property.Value) {
			m["computeClusters"] = property.New([]property.Value{property.New(map[string]property.Value{
				"name": str("cpu"), "maxNodes": str("four")})})
		}, `copying input "computeClusters": unmarshaling value: expected an int, got a string`},
		{"wrong type of object", func(m map[string]property.Value) { m["privateEndpoints"] = str("snet-pe") }, "privateEndpoints"},
		{"invalid value", func(m map[string]property.Value) {
			m["computeClusters"] = property.New([]property.Value{property.New(map[string]property.Value{
				"name": str("cpu"), "minNodes": property.New(3.0), "maxNodes": property.New(2.0)})})
		}, "mlopsWorkspace.computeClusters[0].maxNodes: must be ≥ minNodes (2 < 3)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, rec := newServer(t, false)
			in := workspaceInputs()
			c.mutate(in)
			_, err := construct(s, components.MLOpsWorkspaceToken, "fraud", false, in)
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.want)
			assert.Empty(t, plan.Filter(rec.Resources(), "azure-native:machinelearningservices:Workspace"), "nothing created")
		})
	}
}

// The YAML example uses only types, properties and enum values the schema has, with every
// required input.
func TestYAMLExampleMatchesTheSchema(t *testing.T) {
	spec, err := Schema(context.Background(), "")
	require.NoError(t, err)
	b, err := os.ReadFile("../examples/yaml/Pulumi.yaml")
	require.NoError(t, err)
	var program struct {
		Resources map[string]struct {
			Type       string         `yaml:"type"`
			Properties map[string]any `yaml:"properties"`
		} `yaml:"resources"`
	}
	require.NoError(t, yaml.Unmarshal(b, &program))
	require.NotEmpty(t, program.Resources)
	for name, r := range program.Resources {
		res, ok := spec.Resources[r.Type]
		require.True(t, ok, "%s: unknown type %s", name, r.Type)
		for _, req := range res.RequiredInputs {
			assert.Contains(t, r.Properties, req, "%s lacks required input %s", name, req)
		}
		for prop, v := range r.Properties {
			ps, ok := res.InputProperties[prop]
			require.True(t, ok, "%s: %s has no input %s", name, r.Type, prop)
			checkValue(t, spec.Types, name+"."+prop, ps.TypeSpec, v)
		}
	}
}

func checkValue(t *testing.T, types map[string]schema.ComplexTypeSpec, path string, ts schema.TypeSpec, v any) {
	if s, ok := v.(string); ok && strings.HasPrefix(s, "${") {
		return // an output of another resource
	}
	if ts.Ref != "" {
		typ := types[strings.TrimPrefix(ts.Ref, "#/types/")]
		if len(typ.Enum) > 0 {
			var values []any
			for _, e := range typ.Enum {
				values = append(values, e.Value)
			}
			assert.Contains(t, values, v, "%s: not a value of %s", path, ts.Ref)
			return
		}
		obj, ok := v.(map[string]any)
		require.True(t, ok, "%s: expected an object", path)
		for k, sub := range obj {
			p, ok := typ.Properties[k]
			require.True(t, ok, "%s: %s has no property %s", path, ts.Ref, k)
			checkValue(t, types, path+"."+k, p.TypeSpec, sub)
		}
		return
	}
	if ts.Type == "array" && ts.Items != nil {
		arr, ok := v.([]any)
		require.True(t, ok, "%s: expected a list", path)
		for i, e := range arr {
			checkValue(t, types, fmt.Sprintf("%s[%d]", path, i), *ts.Items, e)
		}
	}
}

// The shared Azure ML registry through Construct: SharedServices creates it (nested
// mlRegistry object) and returns its id; a workspace given that id and access Consume gets the
// outbound rule and Reader on the registry; a bad access value comes back with its path.
func TestConstructMLRegistry(t *testing.T) {
	s, rec := newServer(t, false)
	resp, err := construct(s, components.SharedServicesToken, "shared", false, map[string]property.Value{
		"resourceGroupName": str("rg-mlops-prod"), "location": str("westeurope"), "workload": str("mlops"), "environment": str("prod"),
		"privateEndpoints": property.New(map[string]property.Value{"subnetId": str(snetID), "dnsMode": str("PolicyManaged")}),
		"mlRegistry": property.New(map[string]property.Value{
			"storageAccountType": str("Standard_ZRS"), "replicationLocations": property.New([]property.Value{str("northeurope")}),
		}),
	})
	require.NoError(t, err)
	reg, ok := plan.Find(rec.Resources(), azureml.RegistryToken, "shared-mlr")
	require.True(t, ok)
	assert.Equal(t, "Disabled", reg.Input("registryProperties.publicNetworkAccess"))
	assert.Equal(t, "northeurope", reg.Input("registryProperties.regionDetails[1].location"))
	regID := resp.State.Get("mlRegistryId").AsString()
	assert.Equal(t, reg.ID, regID)

	in := workspaceInputs()
	in["mlRegistry"] = property.New(map[string]property.Value{"registryId": str(regID), "access": str("Consume")})
	_, err = construct(s, components.MLOpsWorkspaceToken, "fraud", false, in)
	require.NoError(t, err)
	rule, ok := plan.Find(rec.Resources(), azureml.ManagedNetworkSettingsRuleToken, "fraud-rule-mlregistry")
	require.True(t, ok)
	assert.Equal(t, regID, rule.Input("properties.destination.serviceResourceId"))
	assert.Equal(t, "amlregistry", rule.Input("properties.destination.subresourceTarget"))
	reader, ok := plan.Find(rec.Resources(), "azure-native:authorization:RoleAssignment", "fraud-compute-ra-mlregistry-reader")
	require.True(t, ok)
	assert.Equal(t, regID, reader.Input("scope"))

	s2, _ := newServer(t, false)
	in = workspaceInputs()
	in["mlRegistry"] = property.New(map[string]property.Value{"registryId": str(regID), "access": str("Write")})
	_, err = construct(s2, components.MLOpsWorkspaceToken, "fraud", false, in)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `mlopsWorkspace.mlRegistry.access: unknown value "Write"`)
}
