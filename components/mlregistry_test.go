package components

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/azureml"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/diagnostics"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/plan"
)

const (
	raToken    = "azure-native:authorization:RoleAssignment"
	peToken    = "azure-native:network:PrivateEndpoint"
	diagToken  = "azure-native:insights:DiagnosticSetting"
	ruleToken  = azureml.ManagedNetworkSettingsRuleToken
	hubMLReg   = "/subscriptions/" + testSub + "/resourceGroups/rg-mlops-prod/providers/Microsoft.MachineLearningServices/registries/mlr-mlops"
	mlRegToken = azureml.RegistryToken
)

// A created registry: public access off, Premium registry and storage without public blob
// access in every region, system identity, diagnostics to the central workspace, a private
// endpoint (group amlregistry) in the environment's network, and its id as output.
func TestMLRegistryCreated(t *testing.T) {
	args := sharedWithNetwork()
	args.MlRegistry = &MLRegistryArgs{ReplicationLocations: []string{"northeurope"}, StorageAccountType: "Standard_ZRS"}
	var regID string
	var wsArgs *WorkspaceMlRegistryArgs
	rs := run(t, func(ctx *pulumi.Context) error {
		s, err := NewSharedServices(ctx, "shared", args)
		if err != nil {
			return err
		}
		regID = await[string](s.MlRegistryId)
		wsArgs = s.WorkspaceMlRegistry()
		return nil
	})
	reg := must(t, rs, mlRegToken, "shared-mlr")
	assert.Equal(t, "mlr-mlops", reg.Input("registryName"))
	assert.Equal(t, "Disabled", reg.Input("registryProperties.publicNetworkAccess"))
	assert.Equal(t, "SystemAssigned", reg.Input("identity.type"))
	for i, loc := range []string{"westeurope", "northeurope"} {
		r := "registryProperties.regionDetails[" + string(rune('0'+i)) + "]"
		assert.Equal(t, loc, reg.Input(r+".location"))
		assert.Equal(t, "Premium", reg.Input(r+".acrDetails[0].systemCreatedAcrAccount.acrAccountSku"))
		assert.Equal(t, false, reg.Input(r+".storageAccountDetails[0].systemCreatedStorageAccount.allowBlobPublicAccess"))
		assert.Equal(t, "Standard_ZRS", reg.Input(r+".storageAccountDetails[0].systemCreatedStorageAccount.storageAccountType"))
	}
	assert.Equal(t, reg.ID, regID)
	assert.Equal(t, armID("Microsoft.MachineLearningServices/registries", "mlr-mlops"), regID)

	// Diagnostics: logs (registries have no metrics) to the central Log Analytics, wired by ids.
	diag := must(t, rs, diagToken, "shared-mlr-diag")
	assert.Equal(t, reg.ID, diag.Input("resourceUri"))
	assert.Equal(t, []string{reg.URN}, diag.PropertyDependencies["resourceUri"])
	assert.Equal(t, must(t, rs, lawToken, "shared-law").ID, diag.Input("workspaceId"))
	assert.Equal(t, diagnostics.SettingName, diag.Input("name"))
	assert.Equal(t, "allLogs", diag.Input("logs[0].categoryGroup"))
	assert.Nil(t, diag.Input("metrics"))

	// The private endpoint: group amlregistry, DNS in the API zone of the environment.
	pe := must(t, rs, peToken, "shared-pe-mlr-amlregistry")
	assert.Equal(t, reg.ID, pe.Input("privateLinkServiceConnections[0].privateLinkServiceId"))
	assert.Equal(t, []any{"amlregistry"}, pe.Input("privateLinkServiceConnections[0].groupIds"))
	zg := must(t, rs, "azure-native:network:PrivateDnsZoneGroup", "shared-pe-mlr-amlregistry-dns")
	require.Len(t, zg.Input("privateDnsZoneConfigs"), 1)
	var zoneID string
	for _, z := range byType(rs, privateZoneToken) {
		if z.Input("privateZoneName") == "privatelink.api.azureml.ms" {
			zoneID = z.ID
		}
	}
	require.NotEmpty(t, zoneID, "the API zone exists in the environment's DNS")
	assert.Equal(t, zoneID, zg.Input("privateDnsZoneConfigs[0].privateDnsZoneId"))

	require.NotNil(t, wsArgs)
	assert.Equal(t, RegistryAccessPublish, wsArgs.Access)
}

// The hub's (or another stack's) registry: nothing created but this environment's endpoint.
func TestMLRegistryExisting(t *testing.T) {
	args := sharedWithNetwork()
	args.MlRegistry = &MLRegistryArgs{ExistingRegistryId: pulumi.String(hubMLReg), Access: RegistryAccessConsume}
	var regID string
	rs := run(t, func(ctx *pulumi.Context) error {
		s, err := NewSharedServices(ctx, "shared", args)
		if err != nil {
			return err
		}
		regID = await[string](s.MlRegistryId)
		assert.Equal(t, RegistryAccessConsume, s.WorkspaceMlRegistry().Access)
		return nil
	})
	assert.Empty(t, byType(rs, mlRegToken))
	assert.Equal(t, hubMLReg, regID)
	pe := must(t, rs, peToken, "shared-pe-mlr-amlregistry")
	assert.Equal(t, hubMLReg, pe.Input("privateLinkServiceConnections[0].privateLinkServiceId"))

	// Without a network the reference still works (no endpoint here).
	args = sharedArgs()
	args.MlRegistry = &MLRegistryArgs{ExistingRegistryId: pulumi.String(hubMLReg)}
	rs = run(t, func(ctx *pulumi.Context) error { _, err := NewSharedServices(ctx, "shared", args); return err })
	assert.Empty(t, byType(rs, peToken))
}

func TestMLRegistryBadInput(t *testing.T) {
	with := func(m MLRegistryArgs) func(a *SharedServicesArgs) {
		return func(a *SharedServicesArgs) {
			a.Network = &PrivateNetworkArgs{AddressSpace: "10.60.0.0/22", PrivateEndpointSubnetPrefix: "10.60.0.0/24"}
			a.MlRegistry = &m
		}
	}
	off := false
	assertBadInput(t, sharedArgs, func(ctx *pulumi.Context, a *SharedServicesArgs) error {
		_, err := NewSharedServices(ctx, "shared", a)
		return err
	}, []badCase[SharedServicesArgs]{
		{"malformed existing id", with(MLRegistryArgs{ExistingRegistryId: pulumi.String("mlr-mlops")}),
			`sharedServices.mlRegistry.existingRegistryId: "mlr-mlops" is not an Azure resource id`},
		{"existing id of another type", with(MLRegistryArgs{ExistingRegistryId: pulumi.String(sharedLAW)}),
			"sharedServices.mlRegistry.existingRegistryId"},
		{"unknown access", with(MLRegistryArgs{Access: "ReadOnly"}), `sharedServices.mlRegistry.access: unknown value "ReadOnly"`},
		{"name too long", with(MLRegistryArgs{Name: "mlr-a-registry-name-that-is-far-too-long"}), "sharedServices.mlRegistry.name:"},
		{"name with a dot", with(MLRegistryArgs{Name: "mlr.mlops"}), "sharedServices.mlRegistry.name:"},
		{"unknown storage type", with(MLRegistryArgs{StorageAccountType: "Premium_LRS"}), `sharedServices.mlRegistry.storageAccountType: unknown value "Premium_LRS"`},
		{"primary repeated", with(MLRegistryArgs{ReplicationLocations: []string{"westeurope"}}), "sharedServices.mlRegistry.replicationLocations[0]"},
		{"owner settings on a reference", with(MLRegistryArgs{ExistingRegistryId: pulumi.String(hubMLReg), ReplicationLocations: []string{"northeurope"}}),
			"sharedServices.mlRegistry.existingRegistryId: name, replicationLocations and storageAccountType belong to the registry's owner"},
		{"created without a network", func(a *SharedServicesArgs) { a.MlRegistry = &MLRegistryArgs{} },
			"sharedServices.mlRegistry: a created registry has public access disabled and needs a private endpoint"},
		{"created with the endpoint off", with(MLRegistryArgs{PrivateEndpoint: &off}),
			"sharedServices.mlRegistry.privateEndpoint: a created registry has public access disabled"},
	})
}

func registryRoles(rs []plan.Resource) map[string]plan.Resource {
	out := map[string]plan.Resource{}
	for _, ra := range plan.Filter(rs, raToken) {
		if ra.Input("scope") == hubMLReg {
			out[ra.Name] = ra
		}
	}
	return out
}

// A publishing workspace: the outbound rule to the registry (PrivateEndpoint, amlregistry, the
// registry's id), AzureML Registry User for the compute identity and the approver role for the
// workspace identity, both on the registry and both before the workspace.
func TestWorkspaceMlRegistryPublish(t *testing.T) {
	args := workspaceArgs()
	args.MlRegistry = &WorkspaceMlRegistryArgs{RegistryId: pulumi.String(hubMLReg)}
	rs, _ := runWorkspace(t, args)
	rule := must(t, rs, ruleToken, "fraud-rule-mlregistry")
	assert.Equal(t, "mlregistry", rule.Input("ruleName"))
	assert.Equal(t, "PrivateEndpoint", rule.Input("properties.type"))
	assert.Equal(t, hubMLReg, rule.Input("properties.destination.serviceResourceId"))
	assert.Equal(t, "amlregistry", rule.Input("properties.destination.subresourceTarget"))

	roles := registryRoles(rs)
	require.Len(t, roles, 2)
	user := must(t, rs, raToken, "fraud-compute-ra-mlregistry-azureml-registry-user")
	computeID := must(t, rs, azureml.UserAssignedIdentityToken, "fraud-compute-id")
	assert.Equal(t, msRoleDefinitionID(t, "AzureML Registry User", hubMLReg), user.Input("roleDefinitionId"))
	assert.Equal(t, []string{computeID.URN}, user.PropertyDependencies["principalId"])
	assert.Equal(t, "ServicePrincipal", user.Input("principalType"))
	approver := must(t, rs, raToken, "fraud-ra-mlregistry-azure-ai-enterprise-network-connection-approver")
	assert.Equal(t, msRoleDefinitionID(t, "Azure AI Enterprise Network Connection Approver", hubMLReg), approver.Input("roleDefinitionId"))
	assert.Equal(t, []string{must(t, rs, azureml.UserAssignedIdentityToken, "fraud-id").URN}, approver.PropertyDependencies["principalId"])
	ws := must(t, rs, azureml.WorkspaceToken, "fraud-mlw")
	assert.Contains(t, ws.Dependencies, approver.URN, "the approver role is in place before the workspace and its rules")
	assert.Contains(t, ws.Dependencies, user.URN)

	// The footprint counts what is registered.
	fp, err := args.Validate()
	require.NoError(t, err)
	assert.Equal(t, len(plan.Filter(rs, raToken)), fp.RoleAssignments)
}

// A consuming workspace (prod): Reader on the registry, no write role.
func TestWorkspaceMlRegistryConsume(t *testing.T) {
	args := workspaceArgs()
	args.MlRegistry = &WorkspaceMlRegistryArgs{RegistryId: pulumi.String(hubMLReg), Access: RegistryAccessConsume}
	rs, _ := runWorkspace(t, args)
	roles := registryRoles(rs)
	reader := must(t, rs, raToken, "fraud-compute-ra-mlregistry-reader")
	assert.Equal(t, msRoleDefinitionID(t, "Reader", hubMLReg), reader.Input("roleDefinitionId"))
	for _, ra := range roles {
		assert.NotEqual(t, msRoleDefinitionID(t, "AzureML Registry User", hubMLReg), ra.Input("roleDefinitionId"), ra.Name)
	}
	must(t, rs, ruleToken, "fraud-rule-mlregistry")
}

func TestWorkspaceMlRegistryBadInput(t *testing.T) {
	assertBadInput(t, workspaceArgs, func(ctx *pulumi.Context, a *MLOpsWorkspaceArgs) error {
		_, err := NewMLOpsWorkspace(ctx, "fraud", a)
		return err
	}, []badCase[MLOpsWorkspaceArgs]{
		{"missing id", func(a *MLOpsWorkspaceArgs) { a.MlRegistry = &WorkspaceMlRegistryArgs{} }, "mlopsWorkspace.mlRegistry.registryId: required"},
		{"malformed id", func(a *MLOpsWorkspaceArgs) {
			a.MlRegistry = &WorkspaceMlRegistryArgs{RegistryId: pulumi.String("mlr-mlops")}
		},
			`mlopsWorkspace.mlRegistry.registryId: "mlr-mlops" is not an Azure resource id`},
		{"a workspace id", func(a *MLOpsWorkspaceArgs) {
			a.MlRegistry = &WorkspaceMlRegistryArgs{RegistryId: pulumi.String(sharedLAW)}
		},
			"mlopsWorkspace.mlRegistry.registryId"},
		{"unknown access", func(a *MLOpsWorkspaceArgs) {
			a.MlRegistry = &WorkspaceMlRegistryArgs{RegistryId: pulumi.String(hubMLReg), Access: "Write"}
		}, `mlopsWorkspace.mlRegistry.access: unknown value "Write"`},
		{"rule name taken", func(a *MLOpsWorkspaceArgs) {
			a.MlRegistry = &WorkspaceMlRegistryArgs{RegistryId: pulumi.String(hubMLReg)}
			a.OutboundRules = []OutboundRuleArgs{{Name: "MLRegistry", Type: OutboundFQDN, Destination: "pypi.org"}}
		}, `mlopsWorkspace.outboundRules[0].name: "MLRegistry" is the rule mlRegistry creates`},
	})
}
