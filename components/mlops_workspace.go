package components

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	containerregistry "github.com/pulumi/pulumi-azure-native-sdk/containerregistry/v2/v20231101preview"
	"github.com/pulumi/pulumi-azure-native-sdk/storage/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/azureml"
	network "github.com/azure-mlops/pulumi-azure-mlops/pkg/azurenetwork"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/diagnostics"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/naming"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/privatelink"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/rbac"
)

// managedNetwork is the workspace's managed network settings.
func managedNetwork(p *workspacePlan) *azureml.ManagedNetworkSettingsArgs {
	mn := &azureml.ManagedNetworkSettingsArgs{IsolationMode: pulumi.String(string(p.isolation))}
	if p.firewallSku != "" {
		mn.FirewallSku = pulumi.String(p.firewallSku)
	}
	if p.args.SparkReady {
		mn.Status = &azureml.ManagedNetworkProvisionStatusArgs{SparkReady: pulumi.Bool(true)}
	}
	return mn
}

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

// ComputeClusterArgs describe one AmlCompute cluster.
type ComputeClusterArgs struct {
	// Cluster name (3-16 letters, digits and hyphens, starting with a letter).
	Name string `pulumi:"name"`
	// VM size, e.g. "Standard_DS3_v2" (default) or "Standard_NC4as_T4_v3". Retired sizes
	// (NCv3, NC, NCv2, ND, NV) are refused.
	VmSize string `pulumi:"vmSize,optional"`
	// "Dedicated" (default) or "LowPriority".
	VmPriority string `pulumi:"vmPriority,optional"`
	// Nodes kept running when idle. Default 0, so an idle cluster costs nothing.
	MinNodes int `pulumi:"minNodes,optional"`
	// Upper bound of the cluster (at least 1 and at least MinNodes).
	MaxNodes int `pulumi:"maxNodes"`
	// Minutes a node stays idle before it is released (1-10080). Default 15.
	IdleMinutesBeforeScaleDown int `pulumi:"idleMinutesBeforeScaleDown,optional"`
}

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
}

var (
	computeNamePattern = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9-]{1,14}[a-zA-Z0-9]$`)
	vmSizePattern      = regexp.MustCompile(`^Standard_[A-Za-z0-9_-]+$`) // constrained-vCPU sizes have a hyphen (Standard_M32-16ms)
	guidLike           = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	keyIDPattern       = regexp.MustCompile(`^https://[a-zA-Z0-9-]+\.(vault|managedhsm)\.[a-z0-9.]+/keys/[a-zA-Z0-9-]+(/[a-zA-Z0-9]+)?/?$`)
)

type workspacePlan struct {
	args                                      MLOpsWorkspaceArgs
	isolation                                 IsolationMode
	storageSku                                string
	wsName, stName, crName, idName, seedIdent string
	computeIDName                             string
	dataIsolation                             bool
	ownVault                                  bool
	kvName, kvSku                             string
	// roleAssignments is how many role assignments build makes (for Azure's per-subscription
	// limit); TestRoleAssignmentCountIsPlanned keeps it equal to what is registered.
	roleAssignments int
	clusters        []ComputeClusterArgs
	rules           []OutboundRuleArgs
	storageGroups   []string
	firewallSku     string
	imageBuild      string
}

func (a *MLOpsWorkspaceArgs) plan() (*workspacePlan, error) {
	const f = "mlopsWorkspace"
	var errs []error
	add := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	add(requireInput(f+".resourceGroupName", a.ResourceGroupName))
	add(requireInput(f+".location", a.Location))
	add(checkLocation(f+".location", a.Location))
	if a.KeyVaultId != nil {
		add(requireInput(f+".keyVaultId", a.KeyVaultId))
	}
	add(requireInput(f+".appInsightsId", a.AppInsightsId))
	add(requireInput(f+".logAnalyticsWorkspaceId", a.LogAnalyticsWorkspaceId))
	add(checkARMID(f+".keyVaultId", a.KeyVaultId, "Microsoft.KeyVault/vaults"))
	add(checkARMID(f+".appInsightsId", a.AppInsightsId, "Microsoft.Insights/components"))
	add(checkARMID(f+".logAnalyticsWorkspaceId", a.LogAnalyticsWorkspaceId, "Microsoft.OperationalInsights/workspaces"))
	add(checkARMID(f+".computeSubnetId", a.ComputeSubnetId, "Microsoft.Network/virtualNetworks"))
	add(checkTags(f+".tags", a.Tags))

	p := &workspacePlan{args: *a, isolation: DefaultIsolationMode, storageSku: a.StorageSku}
	if a.IsolationMode != nil && *a.IsolationMode != "" {
		p.isolation = *a.IsolationMode
	}
	add(oneOf(f+".isolationMode", string(p.isolation), IsolationModes...))
	if p.storageSku == "" {
		p.storageSku = DefaultStorageSku
	}
	add(oneOf(f+".storageSku", p.storageSku, StorageSkus...))

	if cmk := a.CustomerManagedKey; cmk != nil {
		add(requireInput(f+".customerManagedKey.keyVaultId", cmk.KeyVaultId))
		add(checkARMID(f+".customerManagedKey.keyVaultId", cmk.KeyVaultId, "Microsoft.KeyVault/vaults"))
		if cmk.KeyId == nil {
			add(fmt.Errorf("%s.customerManagedKey.keyId: required when customerManagedKey is set (the key identifier URI)", f))
		} else if v, ok := knownString(cmk.KeyId); ok && !keyIDPattern.MatchString(v) {
			add(fmt.Errorf("%s.customerManagedKey.keyId: %q is not a Key Vault key identifier (https://<vault>.vault.azure.net/keys/<name>[/<version>])", f, v))
		}
		if cmk.CosmosDbPrincipalId == nil {
			add(fmt.Errorf("%s.customerManagedKey.cosmosDbPrincipalId: required when customerManagedKey is set: the object id of the "+
				"Azure Cosmos DB service principal in your tenant (az ad sp show --id a232010e-820c-4083-83bb-3ace5fc29d0b --query id)", f))
		} else if v, ok := knownString(cmk.CosmosDbPrincipalId); ok && !guidLike.MatchString(v) {
			add(fmt.Errorf("%s.customerManagedKey.cosmosDbPrincipalId: %q is not an object id (a GUID)", f, v))
		}
		// learn.microsoft.com/azure/machine-learning/how-to-setup-customer-managed-keys: the key
		// vault must be in the workspace's subscription.
		if v, ok := knownString(cmk.KeyVaultId); ok && a.subscriptionID != "" && !strings.EqualFold(rbac.SubscriptionOf(v), a.subscriptionID) {
			add(fmt.Errorf("%s.customerManagedKey.keyVaultId: the vault is in subscription %s, the workspace in %s; Azure ML requires the "+
				"customer-managed key's vault in the workspace's subscription", f, rbac.SubscriptionOf(v), a.subscriptionID))
		}
	}

	seen := map[string]int{}
	for i, c := range a.ComputeClusters {
		cf := fmt.Sprintf("%s.computeClusters[%d]", f, i)
		if c.VmSize == "" {
			c.VmSize = DefaultVMSize
		}
		if c.VmPriority == "" {
			c.VmPriority = DefaultVMPriority
		}
		if c.IdleMinutesBeforeScaleDown == 0 {
			c.IdleMinutesBeforeScaleDown = DefaultIdleMinutes
		}
		switch {
		case c.Name == "":
			add(fmt.Errorf("%s.name: required", cf))
		case !computeNamePattern.MatchString(c.Name):
			add(fmt.Errorf("%s.name: %q must be 3-16 letters, digits and hyphens, start with a letter and not end with a hyphen", cf, c.Name))
		default:
			// Azure ML's rule beyond the pattern: a hyphen must be followed by a letter later.
			if err := naming.CheckType("Microsoft.MachineLearningServices/workspaces/computes", c.Name); err != nil {
				add(fmt.Errorf("%s.name: %w", cf, err))
			}
		}
		// Azure resource names are case-insensitive (resource-name-rules): "cpu" and "CPU" collide.
		if j, dup := seen[strings.ToLower(c.Name)]; dup && c.Name != "" {
			add(fmt.Errorf("%s.name: %q is already used by computeClusters[%d] (names are case-insensitive)", cf, c.Name, j))
		}
		seen[strings.ToLower(c.Name)] = i
		if !vmSizePattern.MatchString(c.VmSize) {
			add(fmt.Errorf("%s.vmSize: %q is not an Azure VM size (e.g. Standard_DS3_v2)", cf, c.VmSize))
		}
		add(checkNotRetired(cf+".vmSize", c.VmSize))
		add(oneOf(cf+".vmPriority", c.VmPriority, VMPriorities...))
		if c.MinNodes < 0 {
			add(fmt.Errorf("%s.minNodes: must be ≥ 0 (it is %d)", cf, c.MinNodes))
		}
		if c.MaxNodes < 1 || c.MaxNodes > maxClusterNodes {
			add(fmt.Errorf("%s.maxNodes: must be 1-%d (it is %d)", cf, maxClusterNodes, c.MaxNodes))
		} else if c.MaxNodes < c.MinNodes {
			add(fmt.Errorf("%s.maxNodes: must be ≥ minNodes (%d < %d)", cf, c.MaxNodes, c.MinNodes))
		}
		if c.IdleMinutesBeforeScaleDown < 1 || c.IdleMinutesBeforeScaleDown > maxIdleMinutes {
			add(fmt.Errorf("%s.idleMinutesBeforeScaleDown: must be 1-%d (it is %d)", cf, maxIdleMinutes, c.IdleMinutesBeforeScaleDown))
		}
		p.clusters = append(p.clusters, c)
	}
	// The registry is private (public network access disabled): Azure ML builds environment
	// images on a named compute cluster or instance then (azure-ai-docs how-to-managed-network,
	// "Configure image builds"), so a workspace needs one.
	p.imageBuild = a.ImageBuildCompute
	switch {
	case a.ImageBuildCompute != "":
		if _, ok := seen[strings.ToLower(a.ImageBuildCompute)]; !ok {
			add(fmt.Errorf("%s.imageBuildCompute: %q is not one of computeClusters", f, a.ImageBuildCompute))
		}
	case len(p.clusters) == 0:
		add(fmt.Errorf("%s.computeClusters: at least one cluster is required: the container registry is private, and Azure ML "+
			"builds environment images only on a named compute cluster (imageBuildCompute) then", f))
	default:
		p.imageBuild = defaultImageBuildCompute(p.clusters)
	}
	if a.StorageHierarchicalNamespace {
		// learn.microsoft.com/azure/machine-learning/concept-workspace (associated resources): the
		// default storage account can't have a hierarchical namespace.
		add(fmt.Errorf("%s.storageHierarchicalNamespace: Azure ML does not support a hierarchical namespace on the workspace's "+
			"default storage; create a separate Data Lake Gen2 account and register it as a datastore", f))
	}
	if p.isolation == IsolationDisabled && len(a.ComputeClusters) > 0 && a.ComputeSubnetId == nil {
		add(fmt.Errorf("%s.isolationMode: Disabled leaves compute without the managed network, and compute here never gets public IPs; "+
			"set computeSubnetId or choose AllowInternetOutbound / AllowOnlyApprovedOutbound", f))
	}
	p.storageGroups = []string{privatelink.GroupBlob, privatelink.GroupFile}
	if a.StorageQueueEndpoint {
		p.storageGroups = append(p.storageGroups, privatelink.GroupQueue)
	}
	if a.StorageTableEndpoint {
		p.storageGroups = append(p.storageGroups, privatelink.GroupTable)
	}
	if a.PrivateEndpoints != nil {
		groups := append([]string{privatelink.GroupWorkspace, privatelink.GroupRegistry}, p.storageGroups...)
		if a.KeyVaultId == nil {
			groups = append(groups, privatelink.GroupVault)
		}
		add(a.PrivateEndpoints.Validate(f+".privateEndpoints", groups))
	}
	if validIsolation := oneOf("", string(p.isolation), IsolationModes...) == nil; validIsolation {
		rules, err := resolveOutboundRules(f, p.isolation, a.OutboundRules, a.DisableDefaultOutboundRules)
		add(err)
		p.rules = rules
	}
	if a.FirewallSku != "" {
		add(oneOf(f+".firewallSku", a.FirewallSku, FirewallSkus...))
		if p.isolation != IsolationAllowOnlyApprovedOutbound {
			add(fmt.Errorf("%s.firewallSku: the managed firewall exists only with isolationMode AllowOnlyApprovedOutbound (it is %s)", f, p.isolation))
		}
	}
	for _, r := range p.rules {
		if r.Type == OutboundFQDN {
			p.firewallSku = orDefault(a.FirewallSku, "Standard")
		}
	}
	if p.isolation == IsolationDisabled && (a.ProvisionManagedNetwork || a.SparkReady) {
		add(fmt.Errorf("%s.provisionManagedNetwork: there is no managed network to provision with isolationMode Disabled", f))
	}
	if p.isolation != IsolationDisabled && a.ComputeSubnetId != nil {
		add(fmt.Errorf("%s.computeSubnetId: compute runs in the managed network when isolationMode is %s; computeSubnetId applies only to isolationMode Disabled", f, p.isolation))
	}

	p.dataIsolation = a.DataIsolation == nil || *a.DataIsolation
	p.ownVault = a.KeyVaultId == nil
	p.kvSku = orDefault(a.KeyVaultSku, DefaultKeyVaultSku)
	add(oneOf(f+".keyVaultSku", p.kvSku, "standard", "premium"))

	seed := a.NamingSeed
	if seed == "" {
		seed, _ = knownString(a.ResourceGroupName)
	}
	n, err := naming.New(f+".project", a.Project, f+".environment", a.Environment, seed)
	if err != nil {
		add(err)
	} else {
		// One mistake, one error: a project name too long for several resources is reported
		// once, for the first name it breaks.
		nameErr := false
		add := func(err error) {
			if err != nil && !nameErr {
				nameErr = true
				errs = append(errs, err)
			}
		}
		var e error
		p.wsName, e = n.Name(f+".project", naming.MLWorkspace)
		add(e)
		p.stName, e = n.Name(f+".project", naming.StorageAccount)
		add(e)
		p.crName, e = n.Name(f+".project", naming.ContainerRegistry)
		add(e)
		p.idName, e = n.Name(f+".project", naming.ManagedIdentity, "mlw")
		add(e)
		p.computeIDName, e = n.Name(f+".project", naming.ManagedIdentity, "compute")
		add(e)
		if p.ownVault {
			// kv<project><environment><suffix> without hyphens: the same length budget as the
			// storage account, so the vault adds no limit on project names.
			p.kvName = strings.ToLower(strings.ReplaceAll("kv"+n.Workload+n.Environment+n.Suffix, "-", ""))
			add(naming.Check(f+".project", naming.KeyVault, p.kvName))
		}
		// Role assignment GUIDs derive from the identity name and the suffix, which is unique
		// per resource group.
		p.seedIdent = p.idName + "/" + n.Suffix
	}
	// Workspace identity: 6 documented roles, Contributor on the workspace, the approver on 3
	// targets with a managed network, Reader on 2 endpoints, the CMK role; Cosmos DB's CMK role;
	// the compute identity's 6.
	p.roleAssignments = 6 + 1 + 6
	if p.isolation != IsolationDisabled {
		p.roleAssignments += 3
	}
	if a.PrivateEndpoints != nil {
		p.roleAssignments += 2
	}
	if a.CustomerManagedKey != nil {
		p.roleAssignments += 2
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return p, nil
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

	st, err := storage.NewStorageAccount(ctx, name+"-st", &storage.StorageAccountArgs{
		AccountName:       pulumi.String(p.stName),
		ResourceGroupName: a.ResourceGroupName,
		Location:          a.Location,
		Kind:              pulumi.String("StorageV2"),
		Sku:               &storage.SkuArgs{Name: pulumi.String(p.storageSku)},
		AccessTier:        storage.AccessTierHot,
		MinimumTlsVersion: pulumi.String("TLS1_2"),
		// Entra ID only: the workspace uses identity-based system datastores.
		AllowSharedKeyAccess:         pulumi.Bool(false),
		DefaultToOAuthAuthentication: pulumi.Bool(true),
		EnableHttpsTrafficOnly:       pulumi.Bool(true),
		AllowBlobPublicAccess:        pulumi.Bool(false),
		AllowCrossTenantReplication:  pulumi.Bool(false),
		// Copies only from accounts in the same Entra tenant.
		AllowedCopyScope:   pulumi.String("AAD"),
		IsLocalUserEnabled: pulumi.Bool(false),
		// No hierarchical namespace: Azure ML does not support it on the default storage.
		IsHnsEnabled:        pulumi.Bool(false),
		IsSftpEnabled:       pulumi.Bool(false),
		PublicNetworkAccess: pulumi.String("Disabled"),
		NetworkRuleSet: &storage.NetworkRuleSetArgs{
			DefaultAction: storage.DefaultActionDeny,
			Bypass:        pulumi.String("AzureServices"),
		},
		Encryption: &storage.EncryptionArgs{
			KeySource:                       pulumi.String("Microsoft.Storage"),
			RequireInfrastructureEncryption: pulumi.Bool(true),
			Services: &storage.EncryptionServicesArgs{
				Blob: &storage.EncryptionServiceArgs{Enabled: pulumi.Bool(true), KeyType: pulumi.String("Account")},
				File: &storage.EncryptionServiceArgs{Enabled: pulumi.Bool(true), KeyType: pulumi.String("Account")},
			},
		},
		Tags: tags,
	}, stateful...)
	if err != nil {
		return err
	}
	storageID := st.ID().ToStringOutput()

	zoneRedundancy := "Disabled"
	if a.ContainerRegistryZoneRedundancy {
		zoneRedundancy = "Enabled"
	}
	cr, err := containerregistry.NewRegistry(ctx, name+"-cr", &containerregistry.RegistryArgs{
		RegistryName:      pulumi.String(p.crName),
		ResourceGroupName: a.ResourceGroupName,
		Location:          a.Location,
		Sku:               &containerregistry.SkuArgs{Name: pulumi.String(containerRegistrySku)},
		AdminUserEnabled:  pulumi.Bool(false),
		// anonymousPullEnabled exists only in preview API versions; hence v20231101preview.
		AnonymousPullEnabled:     pulumi.Bool(false),
		PublicNetworkAccess:      pulumi.String("Disabled"),
		NetworkRuleBypassOptions: pulumi.String("AzureServices"),
		DataEndpointEnabled:      pulumi.Bool(false),
		ZoneRedundancy:           pulumi.String(zoneRedundancy),
		Policies: &containerregistry.PoliciesArgs{
			// Images cannot be exported out of the private registry.
			ExportPolicy: &containerregistry.ExportPolicyArgs{Status: pulumi.String("disabled")},
			// Only Entra tokens scoped to the registry, not ARM-audience tokens.
			AzureADAuthenticationAsArmPolicy: &containerregistry.AzureADAuthenticationAsArmPolicyArgs{Status: pulumi.String("disabled")},
			RetentionPolicy: &containerregistry.RetentionPolicyArgs{
				Days: pulumi.Int(untaggedManifestRetention), Status: pulumi.String("enabled"),
			},
		},
		Tags: tags,
	}, stateful...)
	if err != nil {
		return err
	}
	registryID := cr.ID().ToStringOutput()

	// The workspace identity's roles are Microsoft's documented prerequisites for a
	// user-assigned workspace identity (azure-ai-docs how-to-identity-based-service-authentication,
	// "User-assigned managed identity"): Contributor on storage, Key Vault, registry and
	// Application Insights, Storage Blob Data Contributor on storage and Key Vault Administrator
	// on an RBAC vault (Contributor on the workspace follows once it exists). No narrower role
	// is used: no Microsoft page shows a narrower set suffices.
	grants := []rbac.Grant{
		{Role: rbac.Contributor, Scope: storageID, ScopeKey: "storage"},
		{Role: rbac.StorageBlobDataContributor, Scope: storageID, ScopeKey: "storage"},
		{Role: rbac.Contributor, Scope: vaultID, ScopeKey: "keyvault"},
		// The finest scope Azure RBAC offers for secrets the workspace creates later is the vault
		// (secret-level assignments need existing secrets): hence a vault per workspace unless
		// one is given; in a given (shared) vault, data isolation keeps the names apart.
		{Role: rbac.KeyVaultAdministrator, Scope: vaultID, ScopeKey: "keyvault"},
		{Role: rbac.Contributor, Scope: registryID, ScopeKey: "registry"},
		{Role: rbac.Contributor, Scope: a.AppInsightsId, ScopeKey: "appinsights"},
	}
	if p.isolation != IsolationDisabled {
		// azure-ai-docs how-to-managed-network: a workspace with a user-assigned identity needs
		// Azure AI Enterprise Network Connection Approver to create its managed private endpoints
		// to storage, vault and registry.
		for _, t := range []struct {
			key   string
			scope pulumi.StringInput
		}{{"storage", storageID}, {"keyvault", vaultID}, {"registry", registryID}} {
			grants = append(grants, rbac.Grant{Role: rbac.AzureAIEnterpriseNetworkConnectionApprover, Scope: t.scope, ScopeKey: t.key})
		}
	}
	if cmk := a.CustomerManagedKey; cmk != nil {
		// The workspace identity wraps and unwraps the data encryption key with the customer's key.
		grants = append(grants, rbac.Grant{Role: rbac.KeyVaultCryptoServiceEncryptionUser, Scope: cmk.KeyVaultId, ScopeKey: "cmk-keyvault"})
	}
	principal := rbac.Principal{ID: id.PrincipalId, Name: p.idName, Seed: p.seedIdent}
	preWorkspace, err := rbac.Assign(ctx, c, name+"-ra", principal, grants)
	if err != nil {
		return err
	}
	wsDeps := make([]pulumi.Resource, 0, len(preWorkspace)+1)
	for _, ra := range preWorkspace {
		wsDeps = append(wsDeps, ra)
	}
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

	// Diagnostics of everything created here go to the central workspace.
	for _, d := range []struct {
		suffix  string
		target  pulumi.StringInput
		profile diagnostics.Profile
	}{
		{"mlw-diag", workspaceID, diagnostics.LogsAndMetrics},
		{"cr-diag", registryID, diagnostics.LogsAndMetrics},
		{"st-diag", storageID, diagnostics.StorageAccount},
	} {
		if _, err := diagnostics.Enable(ctx, c, name+"-"+d.suffix, d.target, law, d.profile); err != nil {
			return err
		}
	}
	for _, svc := range diagnostics.StorageServices {
		svcID := storageID.ApplyT(func(id string) string { return id + "/" + svc + "/default" }).(pulumi.StringOutput)
		if _, err := diagnostics.Enable(ctx, c, name+"-st-"+svc+"-diag", svcID, law, diagnostics.StorageService, pulumi.DependsOn([]pulumi.Resource{st})); err != nil {
			return err
		}
	}

	// Private endpoints from the client network to the workspace, its storage and registry.
	var endpoints []pulumi.Resource
	var deployedEndpoints map[string]*network.PrivateEndpoint
	if a.PrivateEndpoints != nil {
		targets := []privatelink.Target{
			{Key: "mlw", ID: workspaceID, PhysicalName: p.wsName, GroupIDs: []string{privatelink.GroupWorkspace}},
			{Key: "st", ID: storageID, PhysicalName: p.stName, GroupIDs: p.storageGroups},
			{Key: "cr", ID: registryID, PhysicalName: p.crName, GroupIDs: []string{privatelink.GroupRegistry}},
		}
		if p.ownVault {
			targets = append(targets, privatelink.Target{Key: "kv", ID: vaultID, PhysicalName: p.kvName, GroupIDs: []string{privatelink.GroupVault}})
		}
		deployed, err := privatelink.Deploy(ctx, c, name, a.PrivateEndpoints,
			privatelink.Common{ResourceGroupName: a.ResourceGroupName, Location: a.Location, Tags: tags}, targets)
		if err != nil {
			return err
		}
		endpoints = deployed.Resources()
		deployedEndpoints = deployed.Endpoints
	} else {
		_ = ctx.Log.Warn("no privateEndpoints: workspace, storage and registry have public access disabled, "+
			"so only the managed network reaches them", &pulumi.LogArgs{Resource: c})
	}

	// The workspace serializes changes to its managed network; rules created in parallel fail
	// with conflicts, so each waits for the previous one.
	var previous pulumi.Resource
	for _, r := range p.rules {
		opts := childOpts(c)
		if previous != nil {
			opts = append(opts, pulumi.DependsOn([]pulumi.Resource{previous}))
		}
		rule, err := azureml.NewManagedNetworkSettingsRule(ctx, name+"-rule-"+r.Name, &azureml.ManagedNetworkSettingsRuleArgs{
			RuleName:          pulumi.String(r.Name),
			WorkspaceName:     ws.Name,
			ResourceGroupName: a.ResourceGroupName,
			Properties:        ruleProperties(r),
		}, opts...)
		if err != nil {
			return err
		}
		previous = rule
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
	computeRoles, err := rbac.Assign(ctx, c, name+"-compute-ra", computePrincipal, []rbac.Grant{
		{Role: rbac.StorageBlobDataContributor, Scope: storageID, ScopeKey: "storage"},
		{Role: rbac.StorageFileDataPrivilegedContributor, Scope: storageID, ScopeKey: "storage"},
		{Role: rbac.KeyVaultSecretsUser, Scope: vaultID, ScopeKey: "keyvault"},
		{Role: rbac.AcrPush, Scope: registryID, ScopeKey: "registry"},
		{Role: rbac.AzureMLDataScientist, Scope: workspaceID, ScopeKey: "workspace"},
		{Role: rbac.MonitoringMetricsPublisher, Scope: a.AppInsightsId, ScopeKey: "appinsights"},
	})
	if err != nil {
		return err
	}
	computeDeps := append([]pulumi.Resource{}, endpoints...)
	for _, ra := range computeRoles {
		computeDeps = append(computeDeps, ra)
	}

	clusterIDs := pulumi.StringArray{}
	for _, cl := range p.clusters {
		props := &azureml.AmlComputePropertiesArgs{
			VmSize:                      pulumi.String(cl.VmSize),
			VmPriority:                  pulumi.String(cl.VmPriority),
			OsType:                      pulumi.String("Linux"),
			EnableNodePublicIp:          pulumi.Bool(false),
			RemoteLoginPortPublicAccess: pulumi.String("Disabled"),
			IsolatedNetwork:             pulumi.Bool(false),
			ScaleSettings: &azureml.ScaleSettingsArgs{
				MinNodeCount: pulumi.Int(cl.MinNodes),
				MaxNodeCount: pulumi.Int(cl.MaxNodes),
				// In seconds: the landing-zone Scale policy Governance assigns reads the number
				// after the last designator as seconds and fails (an implicit deny) on "PT15M"
				// (Azure/Enterprise-Scale Deny-MachineLearning-ComputeCluster-Scale.json).
				NodeIdleTimeBeforeScaleDown: pulumi.String(idleDuration(cl.IdleMinutesBeforeScaleDown)),
			},
		}
		if a.ComputeSubnetId != nil {
			props.Subnet = &azureml.ResourceIdArgs{Id: a.ComputeSubnetId}
		}
		compute, err := azureml.NewCompute(ctx, name+"-"+cl.Name, &azureml.ComputeArgs{
			ComputeName:       pulumi.String(cl.Name),
			WorkspaceName:     ws.Name,
			ResourceGroupName: a.ResourceGroupName,
			Location:          a.Location,
			Identity: &azureml.ManagedServiceIdentityArgs{
				Type:                   pulumi.String("UserAssigned"),
				UserAssignedIdentities: pulumi.StringArray{computeIdentityID},
			},
			Properties: &azureml.AmlComputeArgs{
				ComputeType:      pulumi.String("AmlCompute"),
				DisableLocalAuth: pulumi.Bool(true),
				Properties:       props,
			},
			Tags: tags,
			// Compute waits for the private endpoints and their DNS: with policy-managed DNS the
			// records appear only after the endpoints exist, and nodes without public IPs fail
			// to register if the workspace's names do not resolve privately.
		}, childOpts(c, pulumi.DependsOn(computeDeps))...)
		if err != nil {
			return err
		}
		clusterIDs = append(clusterIDs, compute.ID().ToStringOutput())
	}

	c.WorkspaceId = workspaceID
	c.WorkspaceName = ws.Name
	c.DiscoveryUrl = ws.DiscoveryUrl
	c.MlFlowTrackingUri = ws.MlFlowTrackingUri
	c.KeyVaultId = vaultID.ToStringOutput()
	c.StorageAccountId = storageID
	c.StorageAccountName = st.Name
	c.ContainerRegistryId = registryID
	c.ContainerRegistryLoginServer = cr.LoginServer
	c.IdentityId = identityID
	c.IdentityPrincipalId = id.PrincipalId
	c.IdentityClientId = id.ClientId
	c.ComputeClusterIds = clusterIDs.ToStringArrayOutput()
	c.ComputeIdentityId = computeIdentityID
	c.ComputeIdentityClientId = cid.ClientId
	return ctx.RegisterResourceOutputs(c, pulumi.Map{
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
		"containerRegistryLoginServer": c.ContainerRegistryLoginServer,
		"identityId":                   c.IdentityId,
		"identityPrincipalId":          c.IdentityPrincipalId,
		"identityClientId":             c.IdentityClientId,
		"computeClusterIds":            c.ComputeClusterIds,
	})
}

// defaultImageBuildCompute is the first CPU cluster (GPU sizes are the N families), or the
// first cluster.
func defaultImageBuildCompute(clusters []ComputeClusterArgs) string {
	for _, c := range clusters {
		if !strings.HasPrefix(c.VmSize, "Standard_N") {
			return c.Name
		}
	}
	return clusters[0].Name
}

// retiredVMSeries are GPU sizes Azure has retired; clusters of them cannot be created.
// learn.microsoft.com/azure/virtual-machines/sizes/retirement/retired-sizes-list (GPU: NCv3 and
// NCv3-NC24rs retired 2025-09-30; NC, NCv2, ND and NV retired 2023-09-06).
var retiredVMSeries = []struct {
	pattern *regexp.Regexp
	series  string
	date    string
}{
	{regexp.MustCompile(`(?i)^Standard_NC(6|12|24|24r)s_v3$`), "NCv3", "2025-09-30"},
	{regexp.MustCompile(`(?i)^Standard_NC(6|12|24|24r)s_v2$`), "NCv2", "2023-09-06"},
	{regexp.MustCompile(`(?i)^Standard_NC(6|12|24|24r)$`), "NC", "2023-09-06"},
	{regexp.MustCompile(`(?i)^Standard_ND(6|12|24|24r)s$`), "ND", "2023-09-06"},
	{regexp.MustCompile(`(?i)^Standard_NV(6|12|24)$`), "NV", "2023-09-06"},
}

// checkNotRetired refuses a retired VM size, naming current replacements.
func checkNotRetired(field, size string) error {
	for _, r := range retiredVMSeries {
		if r.pattern.MatchString(size) {
			return fmt.Errorf("%s: %s (%s series) was retired on %s; use a current GPU size such as Standard_NC4as_T4_v3 "+
				"(NCasT4_v3), Standard_NC24ads_A100_v4 (NC A100 v4) or Standard_NC40ads_H100_v5 (NCads H100 v5)", field, size, r.series, r.date)
		}
	}
	return nil
}
