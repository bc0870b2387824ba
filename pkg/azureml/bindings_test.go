package azureml

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/bindingcheck"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/plan"
)

// Every wire name of every binding exists in the npm type declarations, every required
// property there is present here, and required ones are not pointers.
func TestWireNamesMatchAzureNativeDeclarations(t *testing.T) {
	bindings := map[string]any{
		"v20241001preview.WorkspaceArgs":                       workspaceArgs{},
		"v20241001.ComputeArgs":                                computeArgs{},
		"v20241001preview.ManagedNetworkSettingsRuleArgs":      managedNetworkSettingsRuleArgs{},
		"managedidentity.UserAssignedIdentityArgs":             userAssignedIdentityArgs{},
		"managedidentity.FederatedIdentityCredentialArgs":      federatedIdentityCredentialArgs{},
		"v20241001preview.ManagedServiceIdentityArgs":          ManagedServiceIdentity{},
		"v20241001.ManagedServiceIdentityArgs":                 ManagedServiceIdentity{},
		"v20241001preview.ManagedNetworkSettingsArgs":          ManagedNetworkSettings{},
		"v20241001preview.ManagedNetworkProvisionStatusArgs":   ManagedNetworkProvisionStatus{},
		"v20241001preview.IdentityForCmkArgs":                  IdentityForCmk{},
		"v20241001preview.KeyVaultPropertiesArgs":              KeyVaultProperties{},
		"v20241001preview.EncryptionPropertyArgs":              EncryptionProperty{},
		"v20241001preview.ServerlessComputeSettingsArgs":       ServerlessComputeSettings{},
		"v20241001preview.SkuArgs":                             Sku{},
		"v20241001preview.FqdnOutboundRuleArgs":                FqdnOutboundRule{},
		"v20241001preview.PrivateEndpointOutboundRuleArgs":     PrivateEndpointOutboundRule{},
		"v20241001preview.PrivateEndpointDestinationArgs":      PrivateEndpointDestination{},
		"v20241001preview.ServiceTagOutboundRuleArgs":          ServiceTagOutboundRule{},
		"v20241001preview.ServiceTagDestinationArgs":           ServiceTagDestination{},
		"v20241001.AmlComputeArgs":                             AmlCompute{},
		"v20241001.AmlComputePropertiesArgs":                   AmlComputeProperties{},
		"v20241001.ScaleSettingsArgs":                          ScaleSettings{},
		"v20241001.ResourceIdArgs":                             ResourceId{},
		"v20241001preview.Workspace.outputs":                   Workspace{},
		"v20241001.Compute.outputs":                            Compute{},
		"v20241001preview.ManagedNetworkSettingsRule.outputs":  ManagedNetworkSettingsRule{},
		"managedidentity.UserAssignedIdentity.outputs":         UserAssignedIdentity{},
		"managedidentity.FederatedIdentityCredential.outputs":  FederatedIdentityCredential{},
		"v20241001.DatastoreArgs":                              datastoreArgs{},
		"v20241001.AzureBlobDatastoreArgs":                     AzureBlobDatastore{},
		"v20241001.AzureDataLakeGen2DatastoreArgs":             AzureDataLakeGen2Datastore{},
		"v20241001.NoneDatastoreCredentialsArgs":               NoneDatastoreCredentials{},
		"v20241001.Datastore.outputs":                          Datastore{},
		"v20241001preview.ComputeArgs":                         computeInstanceComputeArgs{},
		"v20241001preview.ManagedServiceIdentityArgs#ci":       ManagedServiceIdentity{},
		"v20241001preview.ComputeInstanceArgs":                 ComputeInstance{},
		"v20241001preview.ComputeInstancePropertiesArgs":       ComputeInstanceProperties{},
		"v20241001preview.PersonalComputeInstanceSettingsArgs": PersonalComputeInstanceSettings{},
		"v20241001preview.AssignedUserArgs":                    AssignedUser{},
		"v20241001preview.ComputeInstanceSshSettingsArgs":      ComputeInstanceSshSettings{},
		"v20241001preview.SetupScriptsArgs":                    SetupScripts{},
		"v20241001preview.ScriptsToExecuteArgs":                ScriptsToExecute{},
		"v20241001preview.ScriptReferenceArgs":                 ScriptReference{},
		"v20241001preview.ResourceIdArgs":                      ResourceId{},
	}
	bindingcheck.WireNamesAreDeclared(t, bindingcheck.Declarations(t, "testdata/declarations.txt"), bindings)
}

// The Args structs map field-by-field onto the plain structs (the SDK marshals by field name).
func TestArgsMirrorPlainTypes(t *testing.T) {
	bindingcheck.ArgsMirrorPlain(t, []bindingcheck.Pair{
		{WorkspaceArgs{}, workspaceArgs{}},
		{ComputeArgs{}, computeArgs{}},
		{ManagedNetworkSettingsRuleArgs{}, managedNetworkSettingsRuleArgs{}},
		{UserAssignedIdentityArgs{}, userAssignedIdentityArgs{}},
		{FederatedIdentityCredentialArgs{}, federatedIdentityCredentialArgs{}},
		{ManagedNetworkSettingsArgs{}, ManagedNetworkSettings{}},
		{AmlComputePropertiesArgs{}, AmlComputeProperties{}},
		{EncryptionPropertyArgs{}, EncryptionProperty{}},
		{ServiceTagDestinationArgs{}, ServiceTagDestination{}},
		{DatastoreArgs{}, datastoreArgs{}},
		{AzureBlobDatastoreArgs{}, AzureBlobDatastore{}},
		{AzureDataLakeGen2DatastoreArgs{}, AzureDataLakeGen2Datastore{}},
		{ComputeInstanceComputeArgs{}, computeInstanceComputeArgs{}},
		{ComputeInstanceArgs{}, ComputeInstance{}},
		{ComputeInstancePropertiesArgs{}, ComputeInstanceProperties{}},
		{ScriptReferenceArgs{}, ScriptReference{}},
	})
}

// Each binding registers its exact token with the pinned provider version and sends the
// wire names azure-native expects.
func TestBindingsRegisterTokensAndWireNames(t *testing.T) {
	rec, err := plan.Run(plan.Options{}, func(ctx *pulumi.Context) error {
		id, err := NewUserAssignedIdentity(ctx, "id", &UserAssignedIdentityArgs{
			ResourceGroupName: pulumi.String("rg"), ResourceName: pulumi.String("id-x"), Location: pulumi.String("westeurope"),
		})
		if err != nil {
			return err
		}
		ws, err := NewWorkspace(ctx, "ws", &WorkspaceArgs{
			ResourceGroupName:        pulumi.String("rg"),
			WorkspaceName:            pulumi.String("mlw-x"),
			SystemDatastoresAuthMode: pulumi.String("Identity"),
			ProvisionNetworkNow:      pulumi.Bool(true),
			Identity:                 &ManagedServiceIdentityArgs{Type: pulumi.String("UserAssigned"), UserAssignedIdentities: pulumi.StringArray{id.ID().ToStringOutput()}},
			ManagedNetwork: &ManagedNetworkSettingsArgs{
				IsolationMode: pulumi.String("AllowOnlyApprovedOutbound"),
				FirewallSku:   pulumi.String("Standard"),
				Status:        &ManagedNetworkProvisionStatusArgs{SparkReady: pulumi.Bool(true), Status: pulumi.String("Active")},
			},
			Encryption: &EncryptionPropertyArgs{Status: pulumi.String("Enabled"), KeyVaultProperties: &KeyVaultPropertiesArgs{
				KeyIdentifier: pulumi.String("https://kv.vault.azure.net/keys/k"), KeyVaultArmId: pulumi.String("/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"),
			}},
		})
		if err != nil {
			return err
		}
		if _, err := NewCompute(ctx, "c", &ComputeArgs{
			ResourceGroupName: pulumi.String("rg"), WorkspaceName: ws.Name, ComputeName: pulumi.String("cpu"),
			Properties: &AmlComputeArgs{ComputeType: pulumi.String("AmlCompute"), DisableLocalAuth: pulumi.Bool(true),
				Properties: &AmlComputePropertiesArgs{VmSize: pulumi.String("Standard_DS3_v2"), EnableNodePublicIp: pulumi.Bool(false),
					ScaleSettings: &ScaleSettingsArgs{MaxNodeCount: pulumi.Int(2), MinNodeCount: pulumi.Int(0), NodeIdleTimeBeforeScaleDown: pulumi.String("PT15M")}}},
		}); err != nil {
			return err
		}
		for name, rule := range map[string]OutboundRuleInput{
			"fqdn": &FqdnOutboundRuleArgs{Type: pulumi.String("FQDN"), Destination: pulumi.String("pypi.org")},
			"pe": &PrivateEndpointOutboundRuleArgs{Type: pulumi.String("PrivateEndpoint"), Destination: &PrivateEndpointDestinationArgs{
				ServiceResourceId: pulumi.String("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/data"), SubresourceTarget: pulumi.String("blob"), SparkEnabled: pulumi.Bool(false)}},
			"tag": &ServiceTagOutboundRuleArgs{Type: pulumi.String("ServiceTag"), Destination: &ServiceTagDestinationArgs{
				ServiceTag: pulumi.String("AzureMonitor"), Protocol: pulumi.String("TCP"), PortRanges: pulumi.String("443"), Action: pulumi.String("Allow"),
				AddressPrefixes: pulumi.StringArray{pulumi.String("10.0.0.0/24")}}},
		} {
			if _, err := NewManagedNetworkSettingsRule(ctx, name, &ManagedNetworkSettingsRuleArgs{
				ResourceGroupName: pulumi.String("rg"), WorkspaceName: ws.Name, RuleName: pulumi.String(name), Properties: rule,
			}); err != nil {
				return err
			}
		}
		return nil
	})
	require.NoError(t, err)
	rs := rec.Resources()

	get := func(name string) plan.Resource {
		r, ok := plan.Find(rs, "", name)
		require.True(t, ok, name)
		return r
	}
	assert.Equal(t, "azure-native:managedidentity:UserAssignedIdentity", get("id").Type)
	assert.Equal(t, "azure-native:machinelearningservices/v20241001preview:Workspace", get("ws").Type)
	assert.Equal(t, "azure-native:machinelearningservices/v20241001:Compute", get("c").Type)
	assert.Equal(t, "azure-native:machinelearningservices/v20241001preview:ManagedNetworkSettingsRule", get("fqdn").Type)
	for _, r := range rs {
		assert.Equal(t, "azure-native@2.92.3", r.Provider, r.Name)
	}

	ws := get("ws")
	assert.Equal(t, "Identity", ws.Input("systemDatastoresAuthMode"))
	assert.Equal(t, true, ws.Input("provisionNetworkNow"))
	assert.Equal(t, "AllowOnlyApprovedOutbound", ws.Input("managedNetwork.isolationMode"))
	assert.Equal(t, "Standard", ws.Input("managedNetwork.firewallSku"))
	assert.Equal(t, true, ws.Input("managedNetwork.status.sparkReady"))
	assert.Equal(t, []any{get("id").ID}, ws.Input("identity.userAssignedIdentities"))
	assert.Equal(t, "https://kv.vault.azure.net/keys/k", ws.Input("encryption.keyVaultProperties.keyIdentifier"))
	assert.Nil(t, ws.Input("hbiWorkspace"), "unset optional inputs are not sent")
	assert.Equal(t, "id-x", get("id").Input("resourceName"))

	c := get("c")
	assert.Equal(t, "mlw-x", c.Input("workspaceName"))
	assert.Equal(t, float64(2), c.Input("properties.properties.scaleSettings.maxNodeCount"))
	assert.Equal(t, false, c.Input("properties.properties.enableNodePublicIp"))
	assert.Equal(t, "/subscriptions/"+plan.DefaultSubscriptionID+"/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/mlw-x/computes/cpu", c.ID)

	assert.Equal(t, "pypi.org", get("fqdn").Input("properties.destination"))
	assert.Equal(t, "blob", get("pe").Input("properties.destination.subresourceTarget"))
	assert.Equal(t, []any{"10.0.0.0/24"}, get("tag").Input("properties.destination.addressPrefixes"))
	assert.Equal(t, "ServiceTag", get("tag").Input("properties.type"))
}

func TestRequiredArguments(t *testing.T) {
	_, err := plan.Run(plan.Options{}, func(ctx *pulumi.Context) error {
		_, err := NewWorkspace(ctx, "ws", &WorkspaceArgs{})
		return err
	})
	assert.ErrorContains(t, err, "ResourceGroupName")
	_, err = plan.Run(plan.Options{}, func(ctx *pulumi.Context) error {
		_, err := NewCompute(ctx, "c", &ComputeArgs{ResourceGroupName: pulumi.String("rg")})
		return err
	})
	assert.ErrorContains(t, err, "WorkspaceName")
	_, err = plan.Run(plan.Options{}, func(ctx *pulumi.Context) error {
		_, err := NewManagedNetworkSettingsRule(ctx, "r", &ManagedNetworkSettingsRuleArgs{ResourceGroupName: pulumi.String("rg"), WorkspaceName: pulumi.String("w")})
		return err
	})
	assert.ErrorContains(t, err, "Properties")
}

// The datastore and compute-instance bindings register their tokens and wire names.
func TestDatastoreAndComputeInstanceBindings(t *testing.T) {
	rec, err := plan.Run(plan.Options{}, func(ctx *pulumi.Context) error {
		for name, props := range map[string]DatastorePropertiesInput{
			"blob": &AzureBlobDatastoreArgs{DatastoreType: pulumi.String("AzureBlob"), AccountName: pulumi.String("stdata"), ContainerName: pulumi.String("raw"),
				Credentials: &NoneDatastoreCredentialsArgs{CredentialsType: pulumi.String("None")}, ServiceDataAccessAuthIdentity: pulumi.String("WorkspaceUserAssignedIdentity")},
			"adls": &AzureDataLakeGen2DatastoreArgs{DatastoreType: pulumi.String("AzureDataLakeGen2"), AccountName: pulumi.String("stlake"), Filesystem: pulumi.String("curated"),
				Credentials: &NoneDatastoreCredentialsArgs{CredentialsType: pulumi.String("None")}},
		} {
			if _, err := NewDatastore(ctx, name, &DatastoreArgs{ResourceGroupName: pulumi.String("rg"), WorkspaceName: pulumi.String("mlw-x"),
				Name: pulumi.String(name), DatastoreProperties: props}); err != nil {
				return err
			}
		}
		_, err := NewComputeInstance(ctx, "ci", &ComputeInstanceComputeArgs{ResourceGroupName: pulumi.String("rg"), WorkspaceName: pulumi.String("mlw-x"),
			ComputeName: pulumi.String("ci-alice"), Properties: &ComputeInstanceArgs{ComputeType: pulumi.String("ComputeInstance"), DisableLocalAuth: pulumi.Bool(true),
				Properties: &ComputeInstancePropertiesArgs{IdleTimeBeforeShutdown: pulumi.String("PT60M"), EnableNodePublicIp: pulumi.Bool(false),
					SshSettings:                     &ComputeInstanceSshSettingsArgs{SshPublicAccess: pulumi.String("Disabled")},
					PersonalComputeInstanceSettings: &PersonalComputeInstanceSettingsArgs{AssignedUser: &AssignedUserArgs{ObjectId: pulumi.String("u"), TenantId: pulumi.String("t")}},
					SetupScripts:                    &SetupScriptsArgs{Scripts: &ScriptsToExecuteArgs{CreationScript: &ScriptReferenceArgs{ScriptSource: pulumi.String("workspaceStorage"), ScriptData: pulumi.String("setup.sh")}}},
				}}})
		return err
	})
	require.NoError(t, err)
	rs := rec.Resources()
	blob, _ := plan.Find(rs, DatastoreToken, "blob")
	adls, _ := plan.Find(rs, DatastoreToken, "adls")
	ci, _ := plan.Find(rs, ComputeInstanceToken, "ci")
	assert.Equal(t, "raw", blob.Input("datastoreProperties.containerName"))
	assert.Equal(t, "None", blob.Input("datastoreProperties.credentials.credentialsType"))
	assert.Equal(t, "WorkspaceUserAssignedIdentity", blob.Input("datastoreProperties.serviceDataAccessAuthIdentity"))
	assert.Equal(t, "curated", adls.Input("datastoreProperties.filesystem"))
	assert.Equal(t, "AzureDataLakeGen2", adls.Input("datastoreProperties.datastoreType"))
	assert.Equal(t, "/subscriptions/"+plan.DefaultSubscriptionID+"/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/mlw-x/datastores/blob", blob.ID)
	assert.Equal(t, "PT60M", ci.Input("properties.properties.idleTimeBeforeShutdown"))
	assert.Equal(t, "u", ci.Input("properties.properties.personalComputeInstanceSettings.assignedUser.objectId"))
	assert.Equal(t, "setup.sh", ci.Input("properties.properties.setupScripts.scripts.creationScript.scriptData"))
	assert.Equal(t, "/subscriptions/"+plan.DefaultSubscriptionID+"/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/mlw-x/computes/ci-alice", ci.ID)
}
