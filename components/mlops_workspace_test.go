package components

import (
	"sort"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/azureml"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/plan"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/privatelink"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/rbac"
)

var (
	sharedKV   = armID("Microsoft.KeyVault/vaults", "kv-mlops-dev-abcd")
	sharedAppI = armID("Microsoft.Insights/components", "appi-mlops-dev")
	sharedLAW  = armID("Microsoft.OperationalInsights/workspaces", "log-mlops-dev")
)

func workspaceArgs() *MLOpsWorkspaceArgs {
	return &MLOpsWorkspaceArgs{
		ResourceGroupName:       pulumi.String(testRG),
		Location:                pulumi.String("westeurope"),
		Project:                 "fraud",
		Environment:             "dev",
		KeyVaultId:              pulumi.String(sharedKV),
		AppInsightsId:           pulumi.String(sharedAppI),
		LogAnalyticsWorkspaceId: pulumi.String(sharedLAW),
		ComputeClusters: []ComputeClusterArgs{
			{Name: "cpu", MaxNodes: 4},
			{Name: "gpu", VmSize: "Standard_NC4as_T4_v3", VmPriority: "LowPriority", MinNodes: 0, MaxNodes: 2, IdleMinutesBeforeScaleDown: 30,
				Description: "nightly retraining, team fraud"},
		},
	}
}

type wsOut struct {
	workspaceID, workspaceName, discoveryURL, storageID, registryID, loginServer string
	identityID, principalID                                                      string
	clusterIDs                                                                   []string
}

func runWorkspace(t *testing.T, args *MLOpsWorkspaceArgs) ([]plan.Resource, wsOut) {
	t.Helper()
	var out wsOut
	rs := run(t, func(ctx *pulumi.Context) error {
		w, err := NewMLOpsWorkspace(ctx, "fraud", args)
		if err != nil {
			return err
		}
		out.workspaceID = await[string](w.WorkspaceId)
		out.workspaceName = await[string](w.WorkspaceName)
		out.discoveryURL = await[string](w.DiscoveryUrl)
		out.storageID = await[string](w.StorageAccountId)
		out.registryID = await[string](w.ContainerRegistryId)
		out.loginServer = await[string](w.ContainerRegistryLoginServer)
		out.identityID = await[string](w.IdentityId)
		out.principalID = await[string](w.IdentityPrincipalId)
		out.clusterIDs = await[[]string](w.ComputeClusterIds)
		return nil
	})
	return rs, out
}

func TestMLOpsWorkspaceSecurityInputs(t *testing.T) {
	rs, _ := runWorkspace(t, workspaceArgs())
	st := must(t, rs, "azure-native:storage:StorageAccount", "fraud-st")
	cr := must(t, rs, "azure-native:containerregistry/v20231101preview:Registry", "fraud-cr")
	ws := must(t, rs, azureml.WorkspaceToken, "fraud-mlw")
	cpu := must(t, rs, azureml.ComputeToken, "fraud-cpu")
	gpu := must(t, rs, azureml.ComputeToken, "fraud-gpu")

	cases := []struct {
		res  plan.Resource
		path string
		want any
	}{
		{st, "kind", "StorageV2"},
		{st, "sku.name", "Standard_LRS"},
		{st, "minimumTlsVersion", "TLS1_2"},
		{st, "enableHttpsTrafficOnly", true},
		{st, "allowBlobPublicAccess", false},
		{st, "allowSharedKeyAccess", false},
		{st, "publicNetworkAccess", "Disabled"},
		{st, "networkRuleSet.defaultAction", "Deny"},
		{st, "allowCrossTenantReplication", false},
		{st, "encryption.requireInfrastructureEncryption", true},
		{st, "defaultToOAuthAuthentication", true},
		{cr, "sku.name", "Premium"},
		{cr, "adminUserEnabled", false},
		{cr, "anonymousPullEnabled", false},
		{cr, "publicNetworkAccess", "Disabled"},
		{cr, "policies.exportPolicy.status", "disabled"},
		{ws, "publicNetworkAccess", "Disabled"},
		{ws, "allowPublicAccessWhenBehindVnet", false},
		{ws, "systemDatastoresAuthMode", "Identity"},
		{ws, "managedNetwork.isolationMode", "AllowOnlyApprovedOutbound"},
		{ws, "identity.type", "UserAssigned"},
		{ws, "hbiWorkspace", false},
		{ws, "v1LegacyMode", false},
		{cpu, "properties.computeType", "AmlCompute"},
		{cpu, "properties.disableLocalAuth", true},
		{cpu, "properties.properties.enableNodePublicIp", false},
		{cpu, "properties.properties.remoteLoginPortPublicAccess", "Disabled"},
		{cpu, "properties.properties.vmSize", DefaultVMSize},
		{cpu, "properties.properties.vmPriority", "Dedicated"},
		{cpu, "properties.properties.scaleSettings.minNodeCount", float64(0)},
		{cpu, "properties.properties.scaleSettings.maxNodeCount", float64(4)},
		{cpu, "properties.properties.scaleSettings.nodeIdleTimeBeforeScaleDown", "PT900S"},
		{cpu, "identity.type", "UserAssigned"},
		{cpu, "computeName", "cpu"},
		{gpu, "properties.properties.vmSize", "Standard_NC4as_T4_v3"},
		{gpu, "properties.properties.vmPriority", "LowPriority"},
		{gpu, "properties.properties.scaleSettings.nodeIdleTimeBeforeScaleDown", "PT1800S"},
		{gpu, "properties.description", "nightly retraining, team fraud"},
	}
	for _, c := range cases {
		t.Run(c.res.Name+"/"+c.path, func(t *testing.T) {
			assert.Equal(t, c.want, c.res.Input(c.path))
		})
	}
	assert.Nil(t, ws.Input("encryption"), "no CMK unless asked")
	assert.Nil(t, cpu.Input("properties.properties.subnet"), "compute runs in the managed network")
	assert.Nil(t, cpu.Input("properties.description"), "no description unless given")
}

func TestMLOpsWorkspaceWiring(t *testing.T) {
	rs, out := runWorkspace(t, workspaceArgs())
	comp := must(t, rs, MLOpsWorkspaceToken, "fraud")
	id := must(t, rs, azureml.UserAssignedIdentityToken, "fraud-id")
	st := must(t, rs, "azure-native:storage:StorageAccount", "fraud-st")
	cr := must(t, rs, "azure-native:containerregistry:Registry", "fraud-cr")
	ws := must(t, rs, azureml.WorkspaceToken, "fraud-mlw")

	// The workspace links to exactly the resources created (or passed in).
	assert.Equal(t, sharedKV, ws.Input("keyVault"))
	assert.Equal(t, sharedAppI, ws.Input("applicationInsights"))
	assert.Equal(t, st.ID, ws.Input("storageAccount"))
	assert.Equal(t, cr.ID, ws.Input("containerRegistry"))
	assert.Equal(t, id.ID, ws.Input("primaryUserAssignedIdentity"))
	assert.Equal(t, []any{id.ID}, ws.Input("identity.userAssignedIdentities"))

	for _, r := range rs {
		if r.URN != comp.URN {
			assert.Equal(t, comp.URN, r.Parent, "parent of %s", r.Name)
		}
	}

	// The workspace identity's assignments precede the workspace except the one on the
	// workspace itself; the compute identity's precede the clusters.
	cid := must(t, rs, azureml.UserAssignedIdentityToken, "fraud-compute-id")
	var onWorkspace plan.Resource
	var computeRoles []plan.Resource
	for _, ra := range plan.Filter(rs, "azure-native:authorization:RoleAssignment") {
		assert.Equal(t, "ServicePrincipal", ra.Input("principalType"))
		if ra.Input("principalId") == cid.Outputs["principalId"].StringValue() {
			computeRoles = append(computeRoles, ra)
			continue
		}
		assert.Equal(t, id.Outputs["principalId"].StringValue(), ra.Input("principalId"))
		if ra.Input("scope") == ws.ID {
			onWorkspace = ra
			continue
		}
		assert.Contains(t, ws.Dependencies, ra.URN, "workspace must wait for %s", ra.Name)
	}
	require.NotEmpty(t, onWorkspace.URN, "the identity needs a role on the workspace")
	require.Len(t, computeRoles, 6)
	for _, name := range []string{"fraud-cpu", "fraud-gpu"} {
		c := must(t, rs, azureml.ComputeToken, name)
		assert.Equal(t, ws.Input("workspaceName"), c.Input("workspaceName"))
		assert.Contains(t, c.Dependencies, ws.URN)
		for _, ra := range computeRoles {
			assert.Contains(t, c.Dependencies, ra.URN)
		}
		assert.Equal(t, []any{cid.ID}, c.Input("identity.userAssignedIdentities"), "compute runs as its own identity, not the workspace's")
	}

	// Diagnostics of workspace, registry and storage (account and services) go to the LAW.
	diagTargets := map[string]bool{}
	for _, d := range plan.Filter(rs, "azure-native:insights:DiagnosticSetting") {
		assert.Equal(t, sharedLAW, d.Input("workspaceId"), d.Name)
		diagTargets[d.Input("resourceUri").(string)] = true
	}
	for _, target := range []string{ws.ID, cr.ID, st.ID, st.ID + "/blobServices/default", st.ID + "/fileServices/default"} {
		assert.True(t, diagTargets[target], "no diagnostic setting for %s", target)
	}

	// Outputs resolve to the created resources.
	assert.Equal(t, ws.ID, out.workspaceID)
	assert.Equal(t, "mlw-fraud-dev", out.workspaceName)
	assert.Equal(t, "https://westeurope.api.azureml.ms/discovery", out.discoveryURL)
	assert.Equal(t, st.ID, out.storageID)
	assert.Equal(t, cr.ID, out.registryID)
	assert.Equal(t, cr.Input("registryName").(string)+".azurecr.io", out.loginServer)
	assert.Equal(t, id.ID, out.identityID)
	assert.Equal(t, id.Outputs["principalId"].StringValue(), out.principalID)
	assert.Equal(t, []string{
		ws.ID + "/computes/cpu",
		ws.ID + "/computes/gpu",
	}, out.clusterIDs)
}

// roleKey is "<scope>|<role name>".
func roleKeys(t *testing.T, rs []plan.Resource) []string {
	var keys []string
	for _, ra := range plan.Filter(rs, "azure-native:authorization:RoleAssignment") {
		def := ra.Input("roleDefinitionId").(string)
		role := rbac.NameOf(def)
		require.NotEmpty(t, role, "unexpected role %s", def)
		assert.Equal(t, "/subscriptions/"+testSub+"/providers/Microsoft.Authorization/roleDefinitions/", def[:len(def)-36])
		assert.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`, ra.Input("roleAssignmentName"))
		scope := ra.Input("scope").(string)
		keys = append(keys, scope[strings.LastIndex(scope, "/")+1:]+"|"+role)
	}
	sort.Strings(keys)
	return keys
}

// rolesOf is roleKeys for the assignments of one principal.
func rolesOf(t *testing.T, rs []plan.Resource, principalID string) []string {
	var mine []plan.Resource
	for _, ra := range plan.Filter(rs, "azure-native:authorization:RoleAssignment") {
		if ra.Input("principalId") == principalID {
			mine = append(mine, ra)
		}
	}
	return roleKeys(t, mine)
}

// TestMLOpsWorkspaceRoleAssignments: the workspace identity has exactly Microsoft's documented
// roles for a user-assigned workspace identity (how-to-identity-based-service-authentication)
// plus the documented network approver and endpoint Reader roles; the compute identity has
// data-plane roles only, so a job cannot reconfigure storage, approve endpoints, write the
// vault's keys or manage the registry.
func TestMLOpsWorkspaceRoleAssignments(t *testing.T) {
	args := workspaceArgs()
	args.PrivateEndpoints = &privatelink.Args{SubnetId: pulumi.String(peSubnet), DnsMode: privatelink.DNSPolicyManaged.Ptr()}
	rs, _ := runWorkspace(t, args)
	st := must(t, rs, "azure-native:storage:StorageAccount", "fraud-st").Input("accountName").(string)
	cr := must(t, rs, "azure-native:containerregistry:Registry", "fraud-cr").Input("registryName").(string)
	id := must(t, rs, azureml.UserAssignedIdentityToken, "fraud-id")
	want := []string{
		"appi-mlops-dev|Contributor",
		cr + "|Contributor",
		cr + "|Azure AI Enterprise Network Connection Approver",
		"kv-mlops-dev-abcd|Contributor",
		"kv-mlops-dev-abcd|Key Vault Administrator",
		"kv-mlops-dev-abcd|Azure AI Enterprise Network Connection Approver",
		"mlw-fraud-dev|Contributor",
		st + "|Contributor",
		st + "|Storage Blob Data Contributor",
		st + "|Azure AI Enterprise Network Connection Approver",
		"pe-" + st + "-blob|Reader",
		"pe-" + st + "-file|Reader",
	}
	sort.Strings(want)
	assert.Equal(t, want, rolesOf(t, rs, id.Outputs["principalId"].StringValue()))

	cid := must(t, rs, azureml.UserAssignedIdentityToken, "fraud-compute-id")
	wantCompute := []string{
		"appi-mlops-dev|Monitoring Metrics Publisher",
		cr + "|AcrPush",
		"kv-mlops-dev-abcd|Key Vault Secrets User",
		"mlw-fraud-dev|AzureML Data Scientist",
		st + "|Storage Blob Data Contributor",
		st + "|Storage File Data Privileged Contributor",
	}
	sort.Strings(wantCompute)
	assert.Equal(t, wantCompute, rolesOf(t, rs, cid.Outputs["principalId"].StringValue()))
	assert.NotEqual(t, id.Outputs["principalId"].StringValue(), cid.Outputs["principalId"].StringValue())

	// Several workspaces share the vault: data isolation is on (create-only).
	ws := must(t, rs, azureml.WorkspaceToken, "fraud-mlw")
	assert.Equal(t, true, ws.Input("enableDataIsolation"))
}

// TestCustomerManagedKeyGrantsCosmosDB: with a customer-managed key the Azure Cosmos DB
// first-party principal gets Key Vault Crypto Service Encryption User on the key's vault before
// the workspace is created, and a vault in another subscription is refused.
func TestCustomerManagedKeyGrantsCosmosDB(t *testing.T) {
	const cosmos = "11111111-2222-3333-4444-555555555555"
	cmkVault := armID("Microsoft.KeyVault/vaults", "kv-cmk")
	args := workspaceArgs()
	args.CustomerManagedKey = &CustomerManagedKeyArgs{KeyVaultId: pulumi.String(cmkVault),
		KeyId: pulumi.String("https://kv-cmk.vault.azure.net/keys/mlw/0123abcd"), CosmosDbPrincipalId: pulumi.String(cosmos)}
	rs, _ := runWorkspace(t, args)
	ws := must(t, rs, azureml.WorkspaceToken, "fraud-mlw")
	assert.Equal(t, []string{"kv-cmk|Key Vault Crypto Service Encryption User"}, rolesOf(t, rs, cosmos))
	for _, ra := range plan.Filter(rs, "azure-native:authorization:RoleAssignment") {
		if ra.Input("principalId") == cosmos {
			assert.Contains(t, ws.Dependencies, ra.URN)
		}
	}

	_, err := runErr(func(ctx *pulumi.Context) error {
		a := workspaceArgs()
		a.CustomerManagedKey = &CustomerManagedKeyArgs{KeyVaultId: pulumi.String(cmkVault), KeyId: pulumi.String("https://kv-cmk.vault.azure.net/keys/mlw")}
		_, err := NewMLOpsWorkspace(ctx, "fraud", a)
		return err
	})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "mlopsWorkspace.customerManagedKey.cosmosDbPrincipalId: required")

	other := "/subscriptions/bbbbbbbb-0000-0000-0000-000000000002/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-cmk"
	rec, err := plan.Run(plan.Options{Stack: "dev", SubscriptionID: testSub, Config: map[string]string{"azure-native:subscriptionId": testSub}},
		func(ctx *pulumi.Context) error {
			a := workspaceArgs()
			a.CustomerManagedKey = &CustomerManagedKeyArgs{KeyVaultId: pulumi.String(other),
				KeyId: pulumi.String("https://kv-cmk.vault.azure.net/keys/mlw"), CosmosDbPrincipalId: pulumi.String(cosmos)}
			_, err := NewMLOpsWorkspace(ctx, "fraud", a)
			return err
		})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "mlopsWorkspace.customerManagedKey.keyVaultId: the vault is in subscription bbbbbbbb")
	assert.Empty(t, rec.Resources())
}

func TestMLOpsWorkspaceOptions(t *testing.T) {
	t.Run("customer-managed key and HBI", func(t *testing.T) {
		args := workspaceArgs()
		cmkVault := armID("Microsoft.KeyVault/vaults", "kv-cmk")
		args.CustomerManagedKey = &CustomerManagedKeyArgs{
			KeyVaultId:          pulumi.String(cmkVault),
			KeyId:               pulumi.String("https://kv-cmk.vault.azure.net/keys/mlw/0123456789abcdef"),
			CosmosDbPrincipalId: pulumi.String("11111111-2222-3333-4444-555555555555"),
		}
		args.HighBusinessImpact = true
		rs, _ := runWorkspace(t, args)
		ws := must(t, rs, azureml.WorkspaceToken, "fraud-mlw")
		id := must(t, rs, azureml.UserAssignedIdentityToken, "fraud-id")
		assert.Equal(t, true, ws.Input("hbiWorkspace"))
		assert.Equal(t, "Enabled", ws.Input("encryption.status"))
		assert.Equal(t, cmkVault, ws.Input("encryption.keyVaultProperties.keyVaultArmId"))
		assert.Equal(t, "https://kv-cmk.vault.azure.net/keys/mlw/0123456789abcdef", ws.Input("encryption.keyVaultProperties.keyIdentifier"))
		assert.Equal(t, id.ID, ws.Input("encryption.identity.userAssignedIdentity"))
		assert.Contains(t, roleKeys(t, rs), "kv-cmk|Key Vault Crypto Service Encryption User")
	})
	t.Run("internet outbound has no extra approver roles when isolation is disabled", func(t *testing.T) {
		args := workspaceArgs()
		args.IsolationMode = IsolationDisabled.Ptr()
		args.ComputeSubnetId = pulumi.String(armID("Microsoft.Network/virtualNetworks", "vnet-hub") + "/subnets/snet-ml")
		rs, _ := runWorkspace(t, args)
		for _, k := range roleKeys(t, rs) {
			assert.NotContains(t, k, "Network Connection Approver")
		}
		cpu := must(t, rs, azureml.ComputeToken, "fraud-cpu")
		assert.Equal(t, armID("Microsoft.Network/virtualNetworks", "vnet-hub")+"/subnets/snet-ml", cpu.Input("properties.properties.subnet.id"))
		assert.Equal(t, "Disabled", must(t, rs, azureml.WorkspaceToken, "fraud-mlw").Input("managedNetwork.isolationMode"))
	})
	t.Run("protect and zone redundancy", func(t *testing.T) {
		args := workspaceArgs()
		args.Protect = true
		args.StorageSku = "Standard_ZRS"
		args.ContainerRegistryZoneRedundancy = true
		args.ImageBuildCompute = "cpu"
		rs, _ := runWorkspace(t, args)
		for _, n := range []string{"fraud-st", "fraud-cr", "fraud-mlw"} {
			assert.True(t, must(t, rs, "", n).Protect, n)
		}
		assert.False(t, must(t, rs, "", "fraud-id").Protect)
		assert.Equal(t, "Standard_ZRS", must(t, rs, "", "fraud-st").Input("sku.name"))
		assert.Equal(t, "Enabled", must(t, rs, "", "fraud-cr").Input("zoneRedundancy"))
		assert.Equal(t, "cpu", must(t, rs, "", "fraud-mlw").Input("imageBuildCompute"))
	})
}

func TestMLOpsWorkspaceBadInput(t *testing.T) {
	cases := []badCase[MLOpsWorkspaceArgs]{
		{"empty project", func(a *MLOpsWorkspaceArgs) { a.Project = "" }, "mlopsWorkspace.project: required"},
		{"project too long for storage", func(a *MLOpsWorkspaceArgs) { a.Project = "frauddetection16" }, "mlopsWorkspace.project: the storage account name"},
		{"project bad chars", func(a *MLOpsWorkspaceArgs) { a.Project = "fraud_det" }, "mlopsWorkspace.project"},
		{"empty key vault", func(a *MLOpsWorkspaceArgs) { a.KeyVaultId = pulumi.String("") }, "mlopsWorkspace.keyVaultId: must not be empty"},
		{"unknown vault sku", func(a *MLOpsWorkspaceArgs) { a.KeyVaultSku = "gold" }, `mlopsWorkspace.keyVaultSku: unknown value "gold"`},
		{"key vault not an id", func(a *MLOpsWorkspaceArgs) { a.KeyVaultId = pulumi.String("kv-mlops") }, "mlopsWorkspace.keyVaultId"},
		{"app insights of wrong type", func(a *MLOpsWorkspaceArgs) { a.AppInsightsId = pulumi.String(sharedKV) }, "mlopsWorkspace.appInsightsId"},
		{"missing law", func(a *MLOpsWorkspaceArgs) { a.LogAnalyticsWorkspaceId = nil }, "mlopsWorkspace.logAnalyticsWorkspaceId: required"},
		{"unknown isolation mode", func(a *MLOpsWorkspaceArgs) { a.IsolationMode = IsolationMode("Open").Ptr() }, `mlopsWorkspace.isolationMode: unknown value "Open"`},
		{"unknown storage sku", func(a *MLOpsWorkspaceArgs) { a.StorageSku = "Premium_LRS" }, `mlopsWorkspace.storageSku: unknown value "Premium_LRS"`},
		{"max < min nodes", func(a *MLOpsWorkspaceArgs) { a.ComputeClusters[1].MinNodes = 3 }, "mlopsWorkspace.computeClusters[1].maxNodes: must be ≥ minNodes (2 < 3)"},
		{"zero max nodes", func(a *MLOpsWorkspaceArgs) { a.ComputeClusters[0].MaxNodes = 0 }, "mlopsWorkspace.computeClusters[0].maxNodes: must be 1-1000"},
		{"negative min", func(a *MLOpsWorkspaceArgs) { a.ComputeClusters[0].MinNodes = -1 }, "mlopsWorkspace.computeClusters[0].minNodes"},
		{"bad vm size", func(a *MLOpsWorkspaceArgs) { a.ComputeClusters[0].VmSize = "DS3" }, "mlopsWorkspace.computeClusters[0].vmSize"},
		{"bad priority", func(a *MLOpsWorkspaceArgs) { a.ComputeClusters[0].VmPriority = "Spot" }, "mlopsWorkspace.computeClusters[0].vmPriority"},
		{"compute name too long", func(a *MLOpsWorkspaceArgs) { a.ComputeClusters[0].Name = "a-very-long-cluster-name" }, "mlopsWorkspace.computeClusters[0].name"},
		{"compute hyphen not followed by a letter", func(a *MLOpsWorkspaceArgs) { a.ComputeClusters[0].Name = "cpu-01" },
			"mlopsWorkspace.computeClusters[0].name: Microsoft.MachineLearningServices/workspaces/computes name \"cpu-01\": a hyphen must be followed by at least one letter"},
		{"unknown region", func(a *MLOpsWorkspaceArgs) { a.Location = pulumi.String("europe-west1") },
			`mlopsWorkspace.location: "europe-west1" is not an Azure region`},
		{"duplicate compute", func(a *MLOpsWorkspaceArgs) { a.ComputeClusters[1].Name = "cpu" }, `mlopsWorkspace.computeClusters[1].name: "cpu" is already used`},
		{"idle too long", func(a *MLOpsWorkspaceArgs) { a.ComputeClusters[0].IdleMinutesBeforeScaleDown = 20000 }, "idleMinutesBeforeScaleDown"},
		{"image build compute unknown", func(a *MLOpsWorkspaceArgs) { a.ImageBuildCompute = "big" }, "mlopsWorkspace.imageBuildCompute"},
		{"cmk without key id", func(a *MLOpsWorkspaceArgs) {
			a.CustomerManagedKey = &CustomerManagedKeyArgs{KeyVaultId: pulumi.String(sharedKV)}
		}, "mlopsWorkspace.customerManagedKey.keyId: required"},
		{"cmk with malformed key id", func(a *MLOpsWorkspaceArgs) {
			a.CustomerManagedKey = &CustomerManagedKeyArgs{KeyVaultId: pulumi.String(sharedKV), KeyId: pulumi.String("mykey")}
		}, "mlopsWorkspace.customerManagedKey.keyId"},
		{"disabled isolation without subnet", func(a *MLOpsWorkspaceArgs) { a.IsolationMode = IsolationDisabled.Ptr() }, "mlopsWorkspace.isolationMode: Disabled"},
		{"retired GPU size", func(a *MLOpsWorkspaceArgs) { a.ComputeClusters[1].VmSize = "Standard_NC6s_v3" },
			"mlopsWorkspace.computeClusters[1].vmSize: Standard_NC6s_v3 (NCv3 series) was retired on 2025-09-30"},
		{"hierarchical namespace on default storage", func(a *MLOpsWorkspaceArgs) { a.StorageHierarchicalNamespace = true },
			"mlopsWorkspace.storageHierarchicalNamespace: Azure ML does not support a hierarchical namespace"},
		{"private registry without a cluster to build images", func(a *MLOpsWorkspaceArgs) { a.ComputeClusters = nil },
			"mlopsWorkspace.computeClusters: at least one cluster is required"},
		{"service tag and prefixes", func(a *MLOpsWorkspaceArgs) {
			a.IsolationMode = IsolationAllowOnlyApprovedOutbound.Ptr()
			a.OutboundRules = []OutboundRuleArgs{{Name: "mon", Type: OutboundServiceTag, ServiceTag: "AzureMonitor", AddressPrefixes: []string{"10.0.0.0/24"}}}
		}, "mlopsWorkspace.outboundRules[0].addressPrefixes: Azure ignores serviceTag"},
		{"subnet with managed network", func(a *MLOpsWorkspaceArgs) {
			a.ComputeSubnetId = pulumi.String(armID("Microsoft.Network/virtualNetworks", "v") + "/subnets/s")
		}, "mlopsWorkspace.computeSubnetId"},
	}
	assertBadInput(t, workspaceArgs, func(ctx *pulumi.Context, a *MLOpsWorkspaceArgs) error {
		_, err := NewMLOpsWorkspace(ctx, "fraud", a)
		return err
	}, cases)
}

func TestSharedServicesFeedWorkspace(t *testing.T) {
	// The typed outputs of SharedServices are the workspace's inputs: no ids re-derived from strings.
	rs := run(t, func(ctx *pulumi.Context) error {
		s, err := NewSharedServices(ctx, "shared", sharedArgs())
		if err != nil {
			return err
		}
		args := workspaceArgs()
		args.KeyVaultId, args.AppInsightsId, args.LogAnalyticsWorkspaceId = s.KeyVaultId, s.AppInsightsId, s.LogAnalyticsWorkspaceId
		_, err = NewMLOpsWorkspace(ctx, "fraud", args)
		return err
	})
	kv := must(t, rs, "azure-native:keyvault:Vault", "shared-kv")
	appi := must(t, rs, "azure-native:insights:Component", "shared-appi")
	law := must(t, rs, "azure-native:operationalinsights:Workspace", "shared-law")
	ws := must(t, rs, azureml.WorkspaceToken, "fraud-mlw")
	assert.Equal(t, kv.ID, ws.Input("keyVault"))
	assert.Equal(t, appi.ID, ws.Input("applicationInsights"))
	for _, d := range plan.Filter(rs, "azure-native:insights:DiagnosticSetting") {
		assert.Equal(t, law.ID, d.Input("workspaceId"))
	}
	assert.Contains(t, ws.PropertyDependencies["keyVault"], kv.URN)
}

// TestMLOpsWorkspaceDeployableSettings: what Azure accepts and what works at run time —
// no serverless no-public-IP flag without a custom subnet (the SDK rejects it), no
// hierarchical namespace on the default storage, images built on the first CPU cluster
// (the registry is private), and the outbound rules Microsoft recommends for packages.
func TestMLOpsWorkspaceDeployableSettings(t *testing.T) {
	args := workspaceArgs()
	args.ComputeClusters = []ComputeClusterArgs{{Name: "gpu", VmSize: "Standard_NC4as_T4_v3", MaxNodes: 2}, {Name: "cpu", MaxNodes: 4}}
	rs, _ := runWorkspace(t, args)
	ws := must(t, rs, "azure-native:machinelearningservices/v20241001preview:Workspace", "fraud-mlw")
	assert.Nil(t, ws.Input("serverlessComputeSettings"), "managed network: no serverlessComputeNoPublicIP without a custom subnet")
	assert.Equal(t, "cpu", ws.Input("imageBuildCompute"), "the first CPU cluster builds images")
	st := must(t, rs, "azure-native:storage:StorageAccount", "fraud-st")
	assert.Equal(t, false, st.Input("isHnsEnabled"))
	var dests []string
	for _, r := range plan.Filter(rs, "azure-native:machinelearningservices/v20241001preview:ManagedNetworkSettingsRule") {
		if d, ok := r.Input("properties.destination").(string); ok {
			dests = append(dests, d)
		}
	}
	// azure-ai-docs includes/recommended-network-outbound.md
	assert.Subset(t, dests, []string{"anaconda.com", "*.anaconda.com", "*.anaconda.org", "pypi.org", "*.pythonhosted.org",
		"pytorch.org", "*.pytorch.org", "*.tensorflow.org"})

	// With a customer subnet (isolation Disabled), serverless compute goes there without public IPs.
	subnet := armID("Microsoft.Network/virtualNetworks", "v") + "/subnets/s"
	args = workspaceArgs()
	args.IsolationMode, args.ComputeSubnetId = IsolationDisabled.Ptr(), pulumi.String(subnet)
	rs, _ = runWorkspace(t, args)
	ws = must(t, rs, "azure-native:machinelearningservices/v20241001preview:Workspace", "fraud-mlw")
	assert.Equal(t, subnet, ws.Input("serverlessComputeSettings.serverlessComputeCustomSubnet"))
	assert.Equal(t, true, ws.Input("serverlessComputeSettings.serverlessComputeNoPublicIP"))
}

// TestServiceTagRuleSendsTagOrPrefixes: a service tag rule sends the tag, a prefix rule the
// prefixes and no tag (Azure would ignore the tag).
func TestServiceTagRuleSendsTagOrPrefixes(t *testing.T) {
	args := workspaceArgs()
	args.IsolationMode = IsolationAllowOnlyApprovedOutbound.Ptr()
	args.OutboundRules = []OutboundRuleArgs{{Name: "monitor", Type: OutboundServiceTag, ServiceTag: "AzureMonitor"},
		{Name: "onprem", Type: OutboundServiceTag, AddressPrefixes: []string{"10.1.0.0/24"}}}
	rs, _ := runWorkspace(t, args)
	mon := must(t, rs, "azure-native:machinelearningservices/v20241001preview:ManagedNetworkSettingsRule", "fraud-rule-monitor")
	assert.Equal(t, "AzureMonitor", mon.Input("properties.destination.serviceTag"))
	onprem := must(t, rs, "azure-native:machinelearningservices/v20241001preview:ManagedNetworkSettingsRule", "fraud-rule-onprem")
	assert.Nil(t, onprem.Input("properties.destination.serviceTag"))
	assert.Equal(t, []any{"10.1.0.0/24"}, onprem.Input("properties.destination.addressPrefixes"))
}

// TestZeroValueInputsAreRefused: a zero-value output or a typed-nil input is refused with an
// error at its field before anything is registered, never a panic or a null id.
func TestZeroValueInputsAreRefused(t *testing.T) {
	var nilString *pulumi.String
	cases := []badCase[MLOpsWorkspaceArgs]{
		{"zero output key vault", func(a *MLOpsWorkspaceArgs) { a.KeyVaultId = pulumi.StringOutput{} },
			"mlopsWorkspace.keyVaultId: is a zero-value pulumi.StringOutput"},
		{"typed nil app insights", func(a *MLOpsWorkspaceArgs) { a.AppInsightsId = nilString },
			"mlopsWorkspace.appInsightsId: is a nil *pulumi.String"},
		{"zero output in cmk", func(a *MLOpsWorkspaceArgs) {
			a.CustomerManagedKey = &CustomerManagedKeyArgs{KeyVaultId: pulumi.StringOutput{}, KeyId: pulumi.String("https://kv.vault.azure.net/keys/k"),
				CosmosDbPrincipalId: pulumi.String("11111111-2222-3333-4444-555555555555")}
		}, "mlopsWorkspace.customerManagedKey.keyVaultId: is a zero-value"},
		{"zero output resource group", func(a *MLOpsWorkspaceArgs) { a.ResourceGroupName = pulumi.StringOutput{} },
			"mlopsWorkspace.resourceGroupName: is a zero-value"},
	}
	assertBadInput(t, workspaceArgs, func(ctx *pulumi.Context, a *MLOpsWorkspaceArgs) error {
		_, err := NewMLOpsWorkspace(ctx, "fraud", a)
		return err
	}, cases)
	// SharedServices and Governance too.
	_, err := runErr(func(ctx *pulumi.Context) error {
		_, err := NewGovernance(ctx, "gov", &GovernanceArgs{Scope: pulumi.StringOutput{}, Location: pulumi.String("westeurope"), Workload: "mlops", Environment: "dev"})
		return err
	})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "governance.scope: is a zero-value")
}

// TestWorkspaceOwnKeyVault: without keyVaultId the workspace gets its own vault — RBAC, purge
// protection, no public access, a private endpoint, diagnostics — and its identities' secret
// roles are on that vault only, so no other project's identity reaches its secrets.
func TestWorkspaceOwnKeyVault(t *testing.T) {
	args := workspaceArgs()
	args.KeyVaultId = nil
	args.PrivateEndpoints = &privatelink.Args{SubnetId: pulumi.String(peSubnet), DnsMode: privatelink.DNSPolicyManaged.Ptr()}
	rs, _ := runWorkspace(t, args)
	kv := must(t, rs, "azure-native:keyvault:Vault", "fraud-kv")
	assert.Equal(t, true, kv.Input("properties.enableRbacAuthorization"))
	assert.Equal(t, true, kv.Input("properties.enablePurgeProtection"))
	assert.Equal(t, "Disabled", kv.Input("properties.publicNetworkAccess"))
	ws := must(t, rs, azureml.WorkspaceToken, "fraud-mlw")
	assert.Equal(t, kv.ID, ws.Input("keyVault"))
	assert.Contains(t, endpointGroups(t, rs), "fraud-kv|vault")
	diag := false
	for _, d := range plan.Filter(rs, "azure-native:insights:DiagnosticSetting") {
		diag = diag || d.Input("resourceUri") == kv.ID
	}
	assert.True(t, diag, "the vault's diagnostics go to the central workspace")
	vaultName := kv.Input("vaultName").(string)
	for _, ra := range plan.Filter(rs, "azure-native:authorization:RoleAssignment") {
		if role := rbac.NameOf(ra.Input("roleDefinitionId").(string)); strings.HasPrefix(role, "Key Vault") && role != "Key Vault Crypto Service Encryption User" {
			assert.Equal(t, kv.ID, ra.Input("scope"), "%s is on the workspace's own vault", role)
		}
	}
	assert.Regexp(t, `^kvfrauddev[0-9a-z]{4}$`, vaultName)
}

// TestRoleAssignmentCountIsPlanned: the count the limit check uses equals what is registered.
func TestRoleAssignmentCountIsPlanned(t *testing.T) {
	for name, mutate := range map[string]func(a *MLOpsWorkspaceArgs){
		"default": func(a *MLOpsWorkspaceArgs) {},
		"endpoints and cmk": func(a *MLOpsWorkspaceArgs) {
			a.PrivateEndpoints = &privatelink.Args{SubnetId: pulumi.String(peSubnet), DnsMode: privatelink.DNSPolicyManaged.Ptr()}
			a.CustomerManagedKey = &CustomerManagedKeyArgs{KeyVaultId: pulumi.String(armID("Microsoft.KeyVault/vaults", "kv-cmk")),
				KeyId: pulumi.String("https://kv-cmk.vault.azure.net/keys/mlw"), CosmosDbPrincipalId: pulumi.String("11111111-2222-3333-4444-555555555555")}
		},
		"no managed network": func(a *MLOpsWorkspaceArgs) {
			a.IsolationMode = IsolationDisabled.Ptr()
			a.ComputeSubnetId = pulumi.String(armID("Microsoft.Network/virtualNetworks", "v") + "/subnets/s")
		},
	} {
		t.Run(name, func(t *testing.T) {
			args := workspaceArgs()
			mutate(args)
			p, err := args.plan()
			require.NoError(t, err)
			rs, _ := runWorkspace(t, args)
			assert.Len(t, plan.Filter(rs, "azure-native:authorization:RoleAssignment"), p.roleAssignments)
		})
	}
}
