package components

import (
	"github.com/pulumi/pulumi-azure-native-sdk/authorization/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/azureml"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/diagnostics"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/privatelink"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/rbac"
)

// MLOpsWorkspaceToken is the component's type token.
const MLOpsWorkspaceToken = "azure-mlops:index:MLOpsWorkspace"

// IsolationMode is the managed virtual network's outbound policy.
type IsolationMode string

// Isolation modes of the managed network.
const (
	// No managed network: compute needs a subnet of your own (ComputeSubnetId).
	IsolationDisabled IsolationMode = "Disabled"
	// Managed network; outbound internet allowed. Acceptable for development.
	IsolationAllowInternetOutbound IsolationMode = "AllowInternetOutbound"
	// Managed network; outbound only to approved destinations (outbound rules). Default.
	IsolationAllowOnlyApprovedOutbound IsolationMode = "AllowOnlyApprovedOutbound"
)

// Ptr returns a pointer to m, for the optional IsolationMode argument.
func (m IsolationMode) Ptr() *IsolationMode { return &m }

// Values of MLOpsWorkspaceArgs fields.
var (
	IsolationModes = []string{string(IsolationDisabled), string(IsolationAllowInternetOutbound), string(IsolationAllowOnlyApprovedOutbound)}
	StorageSkus    = []string{"Standard_LRS", "Standard_ZRS", "Standard_GRS", "Standard_GZRS", "Standard_RAGRS", "Standard_RAGZRS"}
	VMPriorities   = []string{"Dedicated", "LowPriority"}
)

// Defaults of MLOpsWorkspaceArgs and ComputeClusterArgs.
const (
	DefaultIsolationMode      = IsolationAllowOnlyApprovedOutbound
	DefaultStorageSku         = "Standard_LRS"
	DefaultVMSize             = "Standard_DS3_v2"
	DefaultVMPriority         = "Dedicated"
	DefaultIdleMinutes        = 15
	maxIdleMinutes            = 7 * 24 * 60
	maxClusterNodes           = 1000
	containerRegistrySku      = "Premium" // private endpoints need Premium
	untaggedManifestRetention = 7
)

// CustomerManagedKeyArgs encrypt the workspace's data with your own key.
type CustomerManagedKeyArgs struct {
	// ARM id of the Key Vault holding the key (needs purge protection).
	KeyVaultId pulumi.StringInput `pulumi:"keyVaultId"`
	// Key identifier URI, e.g. https://kv-cmk.vault.azure.net/keys/mlw/<version>.
	KeyId pulumi.StringInput `pulumi:"keyId"`
	// Object (principal) id, in your tenant, of the "Azure Cosmos DB" first-party service
	// principal (application id a232010e-820c-4083-83bb-3ace5fc29d0b; Azure Government
	// 57506a73-e302-42a9-b869-6f12d9ec29e9): with a customer-managed key Azure ML keeps
	// workspace metadata in Cosmos DB, which needs Get, Wrap and Unwrap on the key
	// (Key Vault Crypto Service Encryption User). Find it with
	// `az ad sp show --id a232010e-820c-4083-83bb-3ace5fc29d0b --query id`.
	CosmosDbPrincipalId pulumi.StringInput `pulumi:"cosmosDbPrincipalId"`
}

// MLOpsWorkspaceArgs are the inputs of MLOpsWorkspace.
type MLOpsWorkspaceArgs struct {
	// Resource group the workspace and its resources are created in.
	ResourceGroupName pulumi.StringInput `pulumi:"resourceGroupName"`
	// Azure region, e.g. "westeurope".
	Location pulumi.StringInput `pulumi:"location"`
	// Project name used in resource names (2-16 lowercase letters, digits, hyphens).
	Project string `pulumi:"project"`
	// Environment name used in resource names, e.g. "dev".
	Environment string `pulumi:"environment"`
	// Extra stable input for the unique suffix of globally unique names (defaults to the
	// resource group name when it is known).
	NamingSeed string `pulumi:"namingSeed,optional"`
	// ARM id of an existing Key Vault for the workspace, e.g. SharedServices.KeyVaultId. A vault
	// shared by several workspaces lets every workspace identity read and write every secret in
	// it (Azure RBAC scopes secrets no finer than the vault for secrets created later;
	// dataIsolation only keeps their names apart). Empty: the workspace gets its own vault
	// (RBAC, purge protection, private endpoint), so its secrets are reachable by its own
	// identities only.
	KeyVaultId pulumi.StringInput `pulumi:"keyVaultId,optional"`
	// SKU of the workspace's own vault (when keyVaultId is empty): standard (default) or premium.
	KeyVaultSku string `pulumi:"keyVaultSku,optional"`
	// Entra tenant of the workspace's own vault; defaults to the deploying identity's tenant.
	TenantId pulumi.StringInput `pulumi:"tenantId,optional"`
	// ARM id of the Application Insights component (SharedServices.AppInsightsId).
	AppInsightsId pulumi.StringInput `pulumi:"appInsightsId"`
	// ARM id of the Log Analytics workspace for diagnostics (SharedServices.LogAnalyticsWorkspaceId).
	LogAnalyticsWorkspaceId pulumi.StringInput `pulumi:"logAnalyticsWorkspaceId"`
	// Managed network isolation mode. Default AllowOnlyApprovedOutbound.
	IsolationMode *IsolationMode `pulumi:"isolationMode,optional"`
	// Subnet for compute when IsolationMode is Disabled (no managed network).
	ComputeSubnetId pulumi.StringInput `pulumi:"computeSubnetId,optional"`
	// High business impact workspace: less diagnostic data collected by Microsoft, encrypted
	// local scratch disks on compute.
	HighBusinessImpact bool `pulumi:"highBusinessImpact,optional"`
	// Encrypt the workspace with a customer-managed key (create-only: changing it replaces the
	// workspace). The key's vault must be in the workspace's subscription.
	CustomerManagedKey *CustomerManagedKeyArgs `pulumi:"customerManagedKey,optional"`
	// Isolate this workspace's secrets, images and containers from other workspaces that share
	// the Key Vault (SharedServices' vault is shared by every project): secret and image names
	// get the workspace's GUID as prefix. Default true. Create-only: Azure cannot change it on
	// an existing workspace, so changing it replaces the workspace.
	DataIsolation *bool `pulumi:"dataIsolation,optional"`
	// Storage redundancy. Default Standard_LRS; use Standard_ZRS or Standard_GZRS in production.
	StorageSku string `pulumi:"storageSku,optional"`
	// What the default storage keeps and for how long: blob and container soft delete,
	// versioning, and lifecycle rules for job logs and code snapshots. Default: 7-day soft
	// delete, no versioning, no rules.
	DataLifecycle *DataLifecycleArgs `pulumi:"dataLifecycle,optional"`
	// Spread the container registry over availability zones (regions that offer them).
	ContainerRegistryZoneRedundancy bool `pulumi:"containerRegistryZoneRedundancy,optional"`
	// Compute clusters to create.
	ComputeClusters []ComputeClusterArgs `pulumi:"computeClusters,optional"`
	// Name of the cluster that builds environment images. The registry is private, and Azure
	// ML cannot build images on a registry behind a network without a named compute cluster.
	// Default: the first CPU cluster (or the first cluster); a workspace without clusters is
	// refused.
	ImageBuildCompute string `pulumi:"imageBuildCompute,optional"`
	// Private endpoints of the workspace, its storage (blob and file; queue, table and dfs
	// when enabled) and its registry, with their DNS. Without them the workspace is reachable
	// only from its managed network, since public access is disabled everywhere.
	PrivateEndpoints *privatelink.Args `pulumi:"privateEndpoints,optional"`
	// Also create a private endpoint for the storage queue service.
	StorageQueueEndpoint bool `pulumi:"storageQueueEndpoint,optional"`
	// Also create a private endpoint for the storage table service.
	StorageTableEndpoint bool `pulumi:"storageTableEndpoint,optional"`
	// Not supported: Azure ML does not support a hierarchical namespace (Data Lake Gen2) on
	// the workspace's default storage. true is refused; put Data Lake data on a separate
	// account and register it as a datastore.
	StorageHierarchicalNamespace bool `pulumi:"storageHierarchicalNamespace,optional"`
	// User-defined outbound rules of the managed network, created as separate resources.
	OutboundRules []OutboundRuleArgs `pulumi:"outboundRules,optional"`
	// Do not add DefaultOutboundRules (pip and conda) under AllowOnlyApprovedOutbound.
	DisableDefaultOutboundRules bool `pulumi:"disableDefaultOutboundRules,optional"`
	// SKU of the managed Azure Firewall that FQDN rules bring: Standard (default) or Basic.
	FirewallSku string `pulumi:"firewallSku,optional"`
	// Provision the managed network when the workspace is created, instead of when the first
	// compute starts (which then takes longer).
	ProvisionManagedNetwork bool `pulumi:"provisionManagedNetwork,optional"`
	// Make the managed network ready for serverless Spark jobs.
	SparkReady bool `pulumi:"sparkReady,optional"`
	// Display name of the workspace in the studio.
	FriendlyName string `pulumi:"friendlyName,optional"`
	// Team access: Entra groups per persona (dataScientists, mlEngineers, readers), each given
	// Microsoft's documented roles on the workspace, its storage and the datastores.
	Access *TeamAccessArgs `pulumi:"access,optional"`
	// Existing storage containers (e.g. of the data landing zone) registered as identity-based
	// datastores, with the managed network's private endpoint to each account and the roles
	// the compute identity, the workspace identity and the personas need to read them.
	Datastores []DatastoreArgs `pulumi:"datastores,optional"`
	// Personal compute instances, one per named user: no public IP, SSH off, local auth off,
	// idle shutdown, the compute identity.
	ComputeInstances []ComputeInstanceArgs `pulumi:"computeInstances,optional"`
	// Allow computeInstances (personal VMs with a person's data access) in this workspace.
	// Default: false when environment is "prod", true otherwise (the environment profiles of
	// pkg/profile); computeInstances in a workspace that does not allow them are refused.
	AllowComputeInstances *bool `pulumi:"allowComputeInstances,optional"`
	// The shared Azure ML registry (SharedServices.WorkspaceMlRegistry): a private-endpoint
	// outbound rule from the managed network to it and the compute identity's role on it
	// (Publish: AzureML Registry User; Consume: Reader).
	MlRegistry *WorkspaceMlRegistryArgs `pulumi:"mlRegistry,optional"`
	// Protect stateful resources (workspace, storage, registry) from deletion. Use in production.
	Protect bool `pulumi:"protect,optional"`
	// Tags added to every resource.
	Tags map[string]string `pulumi:"tags,optional"`

	// subscriptionID is the deployment's subscription (azure-native:subscriptionId), when known.
	subscriptionID string
}

// MLOpsWorkspace is one project's Azure Machine Learning workspace with its storage, registry,
// identity, role assignments, compute clusters and diagnostics.
type MLOpsWorkspace struct {
	pulumi.ResourceState

	// ARM id of the workspace.
	WorkspaceId pulumi.StringOutput `pulumi:"workspaceId"`
	// Name of the workspace.
	WorkspaceName pulumi.StringOutput `pulumi:"workspaceName"`
	// Discovery URL of the workspace's regional API.
	DiscoveryUrl pulumi.StringOutput `pulumi:"discoveryUrl"`
	// MLflow tracking URI of the workspace.
	MlFlowTrackingUri pulumi.StringOutput `pulumi:"mlFlowTrackingUri"`
	// ARM id of the workspace's Key Vault (its own, or the one given).
	KeyVaultId pulumi.StringOutput `pulumi:"keyVaultId"`
	// ARM id of the workspace's storage account.
	StorageAccountId pulumi.StringOutput `pulumi:"storageAccountId"`
	// Name of the workspace's storage account.
	StorageAccountName pulumi.StringOutput `pulumi:"storageAccountName"`
	// ARM id of the container registry.
	ContainerRegistryId pulumi.StringOutput `pulumi:"containerRegistryId"`
	// Name of the container registry.
	ContainerRegistryName pulumi.StringOutput `pulumi:"containerRegistryName"`
	// Login server of the container registry, e.g. crfrauddevx7k2.azurecr.io.
	ContainerRegistryLoginServer pulumi.StringOutput `pulumi:"containerRegistryLoginServer"`
	// ARM id of the workspace's user-assigned identity (control plane of the workspace and its
	// resources; compute does not run as it).
	IdentityId pulumi.StringOutput `pulumi:"identityId"`
	// Principal (object) id of that identity.
	IdentityPrincipalId pulumi.StringOutput `pulumi:"identityPrincipalId"`
	// Client id of that identity.
	IdentityClientId pulumi.StringOutput `pulumi:"identityClientId"`
	// ARM ids of the compute clusters, in the order given.
	ComputeClusterIds pulumi.StringArrayOutput `pulumi:"computeClusterIds"`
	// ARM id of the compute clusters' user-assigned identity (data-plane roles only).
	ComputeIdentityId pulumi.StringOutput `pulumi:"computeIdentityId"`
	// Client id of the compute identity (DEFAULT_IDENTITY_CLIENT_ID in jobs).
	ComputeIdentityClientId pulumi.StringOutput `pulumi:"computeIdentityClientId"`
	// ARM ids of the compute instances, in the order given.
	ComputeInstanceIds pulumi.StringArrayOutput `pulumi:"computeInstanceIds"`
}

// NewMLOpsWorkspace validates args and creates the workspace and its resources. On invalid
// input it returns an error naming the field and registers nothing.
func NewMLOpsWorkspace(ctx *pulumi.Context, name string, args *MLOpsWorkspaceArgs, opts ...pulumi.ResourceOption) (*MLOpsWorkspace, error) {
	if args != nil {
		a := *args
		a.subscriptionID, _ = ctx.GetConfig("azure-native:subscriptionId")
		args = &a
	}
	return construct(ctx, MLOpsWorkspaceToken, "mlopsWorkspace", name, args, (*MLOpsWorkspaceArgs).plan, &MLOpsWorkspace{},
		func(c *MLOpsWorkspace, p *workspacePlan) error { return c.build(ctx, name, p) }, opts)
}

func (c *MLOpsWorkspace) build(ctx *pulumi.Context, name string, p *workspacePlan) error {
	a := p.args
	tags := tagsFor(a.Tags, a.Project, a.Environment, "mlops-workspace")
	stateful := childOpts(c, pulumi.Protect(a.Protect))
	law := a.LogAnalyticsWorkspaceId

	// Two user-assigned identities: the workspace's (control plane of the workspace and its
	// resources) and the compute clusters' (data plane only), so a job cannot get a token that
	// reconfigures storage, approves endpoints or manages the vault. The workspace identity's
	// roles are granted before the workspace exists, so Azure ML finds its access in place.
	id, err := azureml.NewUserAssignedIdentity(ctx, name+"-id", &azureml.UserAssignedIdentityArgs{
		ResourceName:      pulumi.String(p.idName),
		ResourceGroupName: a.ResourceGroupName,
		Location:          a.Location,
		Tags:              tags,
	}, childOpts(c)...)
	if err != nil {
		return err
	}
	cid, err := azureml.NewUserAssignedIdentity(ctx, name+"-compute-id", &azureml.UserAssignedIdentityArgs{
		ResourceName:      pulumi.String(p.computeIDName),
		ResourceGroupName: a.ResourceGroupName,
		Location:          a.Location,
		Tags:              tags,
	}, childOpts(c)...)
	if err != nil {
		return err
	}
	computeIdentityID := cid.ID().ToStringOutput()

	vaultID := a.KeyVaultId
	if p.ownVault {
		kv, err := newKeyVault(ctx, c, name+"-kv", vaultSpec{name: p.kvName, sku: p.kvSku, softDeleteDays: DefaultKeyVaultSoftDeleteRetention,
			resourceGroupName: a.ResourceGroupName, location: a.Location, tenantID: a.TenantId, tags: tags}, stateful...)
		if err != nil {
			return err
		}
		vaultID = kv.ID().ToStringOutput()
		if _, err := diagnostics.Enable(ctx, c, name+"-kv-diag", vaultID, law, diagnostics.LogsAndMetrics); err != nil {
			return err
		}
	}
	identityID := id.ID().ToStringOutput()

	st, err := newWorkspaceStorage(ctx, name, p, tags, stateful)
	if err != nil {
		return err
	}
	storageID := st.ID().ToStringOutput()
	if err := newWorkspaceLifecycle(ctx, c, name, p, st); err != nil {
		return err
	}

	cr, err := newWorkspaceRegistry(ctx, name, p, tags, stateful)
	if err != nil {
		return err
	}
	registryID := cr.ID().ToStringOutput()

	grants := workspaceGrants(p, storageID, vaultID, registryID)
	principal := rbac.Principal{ID: id.PrincipalId, Name: p.idName, Seed: p.seedIdent}
	preWorkspace, err := rbac.Assign(ctx, c, name+"-ra", principal, grants)
	if err != nil {
		return err
	}
	wsDeps := make([]pulumi.Resource, 0, len(preWorkspace)+1)
	for _, ra := range preWorkspace {
		wsDeps = append(wsDeps, ra)
	}
	// The shared registry's roles come before the workspace, so its outbound rule (created
	// after the workspace) finds the approver role in place.
	registryRoles, err := c.newMlRegistryGrants(ctx, name, p, principal,
		rbac.Principal{ID: cid.PrincipalId, Name: p.computeIDName, Seed: p.seedIdent + "/compute"})
	if err != nil {
		return err
	}
	wsDeps = append(wsDeps, registryRoles...)
	if cmk := a.CustomerManagedKey; cmk != nil {
		// learn.microsoft.com/azure/machine-learning/how-to-setup-customer-managed-keys: the Azure
		// Cosmos DB first-party principal needs Get, Wrap Key and Unwrap Key on the key's vault.
		cosmos, err := rbac.Assign(ctx, c, name+"-cosmosdb-ra", rbac.Principal{ID: cmk.CosmosDbPrincipalId, Name: "Azure Cosmos DB", Seed: p.seedIdent + "/cosmosdb"},
			[]rbac.Grant{{Role: rbac.KeyVaultCryptoServiceEncryptionUser, Scope: cmk.KeyVaultId, ScopeKey: "cmk-keyvault"}})
		if err != nil {
			return err
		}
		wsDeps = append(wsDeps, cosmos[0])
	}

	wsArgs := &azureml.WorkspaceArgs{
		WorkspaceName:     pulumi.String(p.wsName),
		ResourceGroupName: a.ResourceGroupName,
		Location:          a.Location,
		Kind:              pulumi.String("Default"),
		Sku:               &azureml.SkuArgs{Name: pulumi.String("Basic"), Tier: pulumi.String("Basic")},
		Identity: &azureml.ManagedServiceIdentityArgs{
			Type:                   pulumi.String("UserAssigned"),
			UserAssignedIdentities: pulumi.StringArray{identityID},
		},
		PrimaryUserAssignedIdentity:     identityID,
		StorageAccount:                  storageID,
		KeyVault:                        vaultID,
		ApplicationInsights:             a.AppInsightsId,
		ContainerRegistry:               registryID,
		PublicNetworkAccess:             pulumi.String("Disabled"),
		AllowPublicAccessWhenBehindVnet: pulumi.Bool(false),
		SystemDatastoresAuthMode:        pulumi.String("Identity"),
		HbiWorkspace:                    pulumi.Bool(a.HighBusinessImpact),
		V1LegacyMode:                    pulumi.Bool(false),
		EnableDataIsolation:             pulumi.Bool(p.dataIsolation),
		// Outbound rules are not inline here but separate ManagedNetworkSettingsRule resources:
		// Azure adds its own Required rules to the workspace, so inline rules would show drift
		// on every refresh.
		ManagedNetwork:    managedNetwork(p),
		ImageBuildCompute: pulumi.String(p.imageBuild),
		Tags:              tags,
	}
	if a.ComputeSubnetId != nil {
		// No public IP for serverless compute is a setting of a customer VNet only
		// (azure-ai-docs how-to-secure-training-vnet, "Compute instance/cluster or serverless
		// compute with no public IP": "only valid when using an Azure Virtual Network"; managed
		// networks are covered by how-to-managed-network-compute), and Microsoft's SDK
		// (azure-ai-ml ServerlessComputeSettings) refuses no_public_ip without custom_subnet.
		wsArgs.ServerlessComputeSettings = &azureml.ServerlessComputeSettingsArgs{
			ServerlessComputeCustomSubnet: a.ComputeSubnetId.ToStringOutput().ToStringPtrOutput(),
			ServerlessComputeNoPublicIP:   pulumi.Bool(true),
		}
	}
	if a.FriendlyName != "" {
		wsArgs.FriendlyName = pulumi.String(a.FriendlyName)
	}
	if a.ProvisionManagedNetwork {
		wsArgs.ProvisionNetworkNow = pulumi.Bool(true)
	}
	if cmk := a.CustomerManagedKey; cmk != nil {
		wsArgs.Encryption = &azureml.EncryptionPropertyArgs{
			Status:   pulumi.String("Enabled"),
			Identity: &azureml.IdentityForCmkArgs{UserAssignedIdentity: identityID},
			KeyVaultProperties: &azureml.KeyVaultPropertiesArgs{
				KeyVaultArmId:    cmk.KeyVaultId,
				KeyIdentifier:    cmk.KeyId,
				IdentityClientId: id.ClientId,
			},
		}
	}
	ws, err := azureml.NewWorkspace(ctx, name+"-mlw", wsArgs, append(stateful, pulumi.DependsOn(wsDeps))...)
	if err != nil {
		return err
	}
	workspaceID := ws.ID().ToStringOutput()

	if err := c.newDiagnostics(ctx, name, law, st, workspaceID, registryID, storageID); err != nil {
		return err
	}

	endpoints, deployedEndpoints, err := c.newEndpoints(ctx, name, p, tags, workspaceID, storageID, registryID, vaultID)
	if err != nil {
		return err
	}

	lastRule, err := c.newOutboundRules(ctx, name, p, ws)
	if err != nil {
		return err
	}

	// Documented: Contributor on the workspace for its user-assigned identity.
	if _, err := rbac.Assign(ctx, c, name+"-ra", principal,
		[]rbac.Grant{{Role: rbac.Contributor, Scope: workspaceID, ScopeKey: "workspace"}}); err != nil {
		return err
	}
	if len(endpoints) > 0 {
		// azure-ai-docs how-to-managed-network ("Azure Machine Learning studio"): with public
		// access disabled on the workspace storage, the workspace identity needs Reader on the
		// blob and file private endpoints in the client network.
		var readers []rbac.Grant
		for _, g := range []string{privatelink.GroupBlob, privatelink.GroupFile} {
			if pe, ok := deployedEndpoints["st-"+g]; ok {
				readers = append(readers, rbac.Grant{Role: rbac.Reader, Scope: pe.ID().ToStringOutput(), ScopeKey: "pe-st-" + g})
			}
		}
		if _, err := rbac.Assign(ctx, c, name+"-ra", principal, readers); err != nil {
			return err
		}
	}

	// The compute identity: what jobs need, data plane only — read and write the workspace's
	// blobs and file share (datastores, artifacts, code snapshots), read connection secrets,
	// pull and push environment images (image builds run on a cluster), log runs to the
	// workspace, send telemetry with Entra tokens (local auth is off on Application Insights).
	computePrincipal := rbac.Principal{ID: cid.PrincipalId, Name: p.computeIDName, Seed: p.seedIdent + "/compute"}
	computeRoles, err := rbac.Assign(ctx, c, name+"-compute-ra", computePrincipal, computeGrants(p, storageID, vaultID, registryID, workspaceID))
	if err != nil {
		return err
	}
	computeDeps := append([]pulumi.Resource{}, endpoints...)
	for _, ra := range computeRoles {
		computeDeps = append(computeDeps, ra)
	}

	clusterIDs, err := c.newClusters(ctx, name, p, ws, computeIdentityID, computeDeps, tags)
	if err != nil {
		return err
	}

	tenantID := a.TenantId
	if tenantID == nil && len(p.people.instances) > 0 {
		tenantID = authorization.GetClientConfigOutput(ctx, pulumi.Parent(c)).TenantId()
	}
	instanceIDs, err := c.newPeople(ctx, name, p, ws, workspaceID, storageID, computeIdentityID, principal, computePrincipal,
		computeDeps, tags, tenantID, lastRule)
	if err != nil {
		return err
	}

	c.WorkspaceId = workspaceID
	c.WorkspaceName = ws.Name
	c.DiscoveryUrl = ws.DiscoveryUrl
	c.MlFlowTrackingUri = ws.MlFlowTrackingUri
	c.KeyVaultId = vaultID.ToStringOutput()
	c.StorageAccountId = storageID
	c.StorageAccountName = st.Name
	c.ContainerRegistryId = registryID
	c.ContainerRegistryName = cr.Name
	c.ContainerRegistryLoginServer = cr.LoginServer
	c.IdentityId = identityID
	c.IdentityPrincipalId = id.PrincipalId
	c.IdentityClientId = id.ClientId
	c.ComputeClusterIds = clusterIDs.ToStringArrayOutput()
	c.ComputeIdentityId = computeIdentityID
	c.ComputeIdentityClientId = cid.ClientId
	c.ComputeInstanceIds = instanceIDs.ToStringArrayOutput()
	return ctx.RegisterResourceOutputs(c, pulumi.Map{
		"computeInstanceIds":           c.ComputeInstanceIds,
		"computeIdentityId":            c.ComputeIdentityId,
		"computeIdentityClientId":      c.ComputeIdentityClientId,
		"workspaceId":                  c.WorkspaceId,
		"workspaceName":                c.WorkspaceName,
		"discoveryUrl":                 c.DiscoveryUrl,
		"mlFlowTrackingUri":            c.MlFlowTrackingUri,
		"keyVaultId":                   c.KeyVaultId,
		"storageAccountId":             c.StorageAccountId,
		"storageAccountName":           c.StorageAccountName,
		"containerRegistryId":          c.ContainerRegistryId,
		"containerRegistryName":        c.ContainerRegistryName,
		"containerRegistryLoginServer": c.ContainerRegistryLoginServer,
		"identityId":                   c.IdentityId,
		"identityPrincipalId":          c.IdentityPrincipalId,
		"identityClientId":             c.IdentityClientId,
		"computeClusterIds":            c.ComputeClusterIds,
	})
}
