// Package azureml carries typed Go bindings for the few azure-native resources whose published
// Go SDK modules cannot be fetched here: machinelearningservices (Workspace, Compute,
// ManagedNetworkSettingsRule, Registry) and managedidentity (UserAssignedIdentity).
//
// The bindings register the real azure-native tokens with pulumi.Version(ProviderVersion), so
// at deploy time the azure-native plugin serves them exactly as it serves the generated SDK.
// Their API mirrors the generated SDK (NewWorkspace(ctx, name, *WorkspaceArgs, opts...), typed
// nested Args, typed outputs), so swapping in the published module later is mechanical.
//
// Every wire name below is checked against @pulumi/azure-native@2.92.3's type declarations
// (machinelearningservices/<version>/*.d.ts and the matching namespace of types/input.d.ts);
// bindings_test.go pins them.
//
// API versions: Compute uses the stable 2024-10-01 API. Workspace and
// ManagedNetworkSettingsRule use 2024-10-01-preview, the preview of the same service release,
// because the stable API lacks properties this package needs:
//   - systemDatastoresAuthMode (identity-based system datastores; without it the workspace
//     reaches its storage with account keys, which the storage account here disables),
//   - provisionNetworkNow (provision the managed network at creation),
//   - serviceTag outbound rule addressPrefixes.
package azureml

import (
	"reflect"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/azurelean"
)

// ProviderVersion is the azure-native provider version these bindings were checked against.
const ProviderVersion = azurelean.ProviderVersion

// Resource tokens.
const (
	WorkspaceToken                   = "azure-native:machinelearningservices/v20241001preview:Workspace"
	ComputeToken                     = "azure-native:machinelearningservices/v20241001:Compute"
	ManagedNetworkSettingsRuleToken  = "azure-native:machinelearningservices/v20241001preview:ManagedNetworkSettingsRule"
	UserAssignedIdentityToken        = "azure-native:managedidentity:UserAssignedIdentity"
	FederatedIdentityCredentialToken = "azure-native:managedidentity:FederatedIdentityCredential"
)

// ---------------------------------------------------------------------------------------------
// Shared nested types
// ---------------------------------------------------------------------------------------------

// ManagedServiceIdentity is the identity block of a workspace or compute. azure-native models
// userAssignedIdentities as a list of identity resource ids.
type ManagedServiceIdentity struct {
	Type                   string   `pulumi:"type"`
	UserAssignedIdentities []string `pulumi:"userAssignedIdentities"`
}

// ManagedServiceIdentityArgs is the input form of ManagedServiceIdentity.
type ManagedServiceIdentityArgs struct {
	// "None", "SystemAssigned", "UserAssigned" or "SystemAssigned,UserAssigned".
	Type                   pulumi.StringInput      `pulumi:"type"`
	UserAssignedIdentities pulumi.StringArrayInput `pulumi:"userAssignedIdentities"`
}

// ElementType implements pulumi.Input.
func (ManagedServiceIdentityArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*ManagedServiceIdentity)(nil)).Elem()
}

// ---------------------------------------------------------------------------------------------
// Workspace (2024-10-01-preview)
// ---------------------------------------------------------------------------------------------

// Workspace is azure-native:machinelearningservices/v20241001preview:Workspace.
type Workspace struct {
	pulumi.CustomResourceState

	Name                        pulumi.StringOutput    `pulumi:"name"`
	WorkspaceId                 pulumi.StringOutput    `pulumi:"workspaceId"`
	DiscoveryUrl                pulumi.StringOutput    `pulumi:"discoveryUrl"`
	MlFlowTrackingUri           pulumi.StringOutput    `pulumi:"mlFlowTrackingUri"`
	Location                    pulumi.StringOutput    `pulumi:"location"`
	KeyVault                    pulumi.StringOutput    `pulumi:"keyVault"`
	StorageAccount              pulumi.StringOutput    `pulumi:"storageAccount"`
	ContainerRegistry           pulumi.StringOutput    `pulumi:"containerRegistry"`
	ApplicationInsights         pulumi.StringOutput    `pulumi:"applicationInsights"`
	PrimaryUserAssignedIdentity pulumi.StringOutput    `pulumi:"primaryUserAssignedIdentity"`
	PublicNetworkAccess         pulumi.StringOutput    `pulumi:"publicNetworkAccess"`
	SystemDatastoresAuthMode    pulumi.StringOutput    `pulumi:"systemDatastoresAuthMode"`
	HbiWorkspace                pulumi.BoolOutput      `pulumi:"hbiWorkspace"`
	ProvisioningState           pulumi.StringOutput    `pulumi:"provisioningState"`
	TenantId                    pulumi.StringOutput    `pulumi:"tenantId"`
	Tags                        pulumi.StringMapOutput `pulumi:"tags"`
}

// ManagedNetworkProvisionStatus asks Azure to provision the managed network (and whether it
// should be ready for serverless Spark).
type ManagedNetworkProvisionStatus struct {
	SparkReady *bool   `pulumi:"sparkReady"`
	Status     *string `pulumi:"status"`
}

// ManagedNetworkProvisionStatusArgs is the input form of ManagedNetworkProvisionStatus.
type ManagedNetworkProvisionStatusArgs struct {
	SparkReady pulumi.BoolPtrInput `pulumi:"sparkReady"`
	// "Active" or "Inactive".
	Status pulumi.StringPtrInput `pulumi:"status"`
}

// ElementType implements pulumi.Input.
func (ManagedNetworkProvisionStatusArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*ManagedNetworkProvisionStatus)(nil)).Elem()
}

// ManagedNetworkSettings is the workspace's managed virtual network. Outbound rules are not
// set here but as separate ManagedNetworkSettingsRule resources: Azure adds its own Required
// rules to the workspace, so inline rules would show drift on every refresh.
type ManagedNetworkSettings struct {
	FirewallSku   *string                        `pulumi:"firewallSku"`
	IsolationMode *string                        `pulumi:"isolationMode"`
	Status        *ManagedNetworkProvisionStatus `pulumi:"status"`
}

// ManagedNetworkSettingsArgs is the input form of ManagedNetworkSettings.
type ManagedNetworkSettingsArgs struct {
	// "Basic" or "Standard" (the Azure Firewall created for FQDN rules).
	FirewallSku pulumi.StringPtrInput `pulumi:"firewallSku"`
	// "Disabled", "AllowInternetOutbound" or "AllowOnlyApprovedOutbound".
	IsolationMode pulumi.StringPtrInput              `pulumi:"isolationMode"`
	Status        *ManagedNetworkProvisionStatusArgs `pulumi:"status"`
}

// ElementType implements pulumi.Input.
func (ManagedNetworkSettingsArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*ManagedNetworkSettings)(nil)).Elem()
}

// IdentityForCmk is the identity the workspace uses to reach its customer-managed key.
type IdentityForCmk struct {
	UserAssignedIdentity *string `pulumi:"userAssignedIdentity"`
}

// IdentityForCmkArgs is the input form of IdentityForCmk.
type IdentityForCmkArgs struct {
	UserAssignedIdentity pulumi.StringPtrInput `pulumi:"userAssignedIdentity"`
}

// ElementType implements pulumi.Input.
func (IdentityForCmkArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*IdentityForCmk)(nil)).Elem()
}

// KeyVaultProperties locates the customer-managed key (KeyVaultPropertiesArgs in
// 2024-10-01-preview; EncryptionKeyVaultPropertiesArgs in the stable API, same fields).
type KeyVaultProperties struct {
	IdentityClientId *string `pulumi:"identityClientId"`
	KeyIdentifier    string  `pulumi:"keyIdentifier"`
	KeyVaultArmId    string  `pulumi:"keyVaultArmId"`
}

// KeyVaultPropertiesArgs is the input form of KeyVaultProperties.
type KeyVaultPropertiesArgs struct {
	IdentityClientId pulumi.StringPtrInput `pulumi:"identityClientId"`
	// The key's URI, e.g. https://kv.vault.azure.net/keys/cmk/<version>.
	KeyIdentifier pulumi.StringInput `pulumi:"keyIdentifier"`
	// The ARM id of the vault holding the key.
	KeyVaultArmId pulumi.StringInput `pulumi:"keyVaultArmId"`
}

// ElementType implements pulumi.Input.
func (KeyVaultPropertiesArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*KeyVaultProperties)(nil)).Elem()
}

// EncryptionProperty configures customer-managed-key encryption of the workspace.
type EncryptionProperty struct {
	Identity           *IdentityForCmk    `pulumi:"identity"`
	KeyVaultProperties KeyVaultProperties `pulumi:"keyVaultProperties"`
	Status             string             `pulumi:"status"`
}

// EncryptionPropertyArgs is the input form of EncryptionProperty.
type EncryptionPropertyArgs struct {
	Identity           *IdentityForCmkArgs     `pulumi:"identity"`
	KeyVaultProperties *KeyVaultPropertiesArgs `pulumi:"keyVaultProperties"`
	// "Enabled" or "Disabled".
	Status pulumi.StringInput `pulumi:"status"`
}

// ElementType implements pulumi.Input.
func (EncryptionPropertyArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*EncryptionProperty)(nil)).Elem()
}

// ServerlessComputeSettings configures serverless compute (jobs without a named cluster).
type ServerlessComputeSettings struct {
	ServerlessComputeCustomSubnet *string `pulumi:"serverlessComputeCustomSubnet"`
	ServerlessComputeNoPublicIP   *bool   `pulumi:"serverlessComputeNoPublicIP"`
}

// ServerlessComputeSettingsArgs is the input form of ServerlessComputeSettings.
type ServerlessComputeSettingsArgs struct {
	ServerlessComputeCustomSubnet pulumi.StringPtrInput `pulumi:"serverlessComputeCustomSubnet"`
	ServerlessComputeNoPublicIP   pulumi.BoolPtrInput   `pulumi:"serverlessComputeNoPublicIP"`
}

// ElementType implements pulumi.Input.
func (ServerlessComputeSettingsArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*ServerlessComputeSettings)(nil)).Elem()
}

// Sku of the workspace ("Basic" for a default workspace).
type Sku struct {
	Name string  `pulumi:"name"`
	Tier *string `pulumi:"tier"`
}

// SkuArgs is the input form of Sku.
type SkuArgs struct {
	Name pulumi.StringInput    `pulumi:"name"`
	Tier pulumi.StringPtrInput `pulumi:"tier"`
}

// ElementType implements pulumi.Input.
func (SkuArgs) ElementType() reflect.Type { return reflect.TypeOf((*Sku)(nil)).Elem() }

type workspaceArgs struct {
	AllowPublicAccessWhenBehindVnet *bool                      `pulumi:"allowPublicAccessWhenBehindVnet"`
	ApplicationInsights             *string                    `pulumi:"applicationInsights"`
	ContainerRegistry               *string                    `pulumi:"containerRegistry"`
	Description                     *string                    `pulumi:"description"`
	EnableDataIsolation             *bool                      `pulumi:"enableDataIsolation"`
	Encryption                      *EncryptionProperty        `pulumi:"encryption"`
	FriendlyName                    *string                    `pulumi:"friendlyName"`
	HbiWorkspace                    *bool                      `pulumi:"hbiWorkspace"`
	Identity                        *ManagedServiceIdentity    `pulumi:"identity"`
	ImageBuildCompute               *string                    `pulumi:"imageBuildCompute"`
	KeyVault                        *string                    `pulumi:"keyVault"`
	Kind                            *string                    `pulumi:"kind"`
	Location                        *string                    `pulumi:"location"`
	ManagedNetwork                  *ManagedNetworkSettings    `pulumi:"managedNetwork"`
	PrimaryUserAssignedIdentity     *string                    `pulumi:"primaryUserAssignedIdentity"`
	ProvisionNetworkNow             *bool                      `pulumi:"provisionNetworkNow"`
	PublicNetworkAccess             *string                    `pulumi:"publicNetworkAccess"`
	ResourceGroupName               string                     `pulumi:"resourceGroupName"`
	ServerlessComputeSettings       *ServerlessComputeSettings `pulumi:"serverlessComputeSettings"`
	Sku                             *Sku                       `pulumi:"sku"`
	StorageAccount                  *string                    `pulumi:"storageAccount"`
	SystemDatastoresAuthMode        *string                    `pulumi:"systemDatastoresAuthMode"`
	Tags                            map[string]string          `pulumi:"tags"`
	V1LegacyMode                    *bool                      `pulumi:"v1LegacyMode"`
	WorkspaceName                   *string                    `pulumi:"workspaceName"`
}

// WorkspaceArgs are the inputs of a Workspace.
type WorkspaceArgs struct {
	// Whether requests from a VNet-injected client may still use the public endpoint. Keep false.
	AllowPublicAccessWhenBehindVnet pulumi.BoolPtrInput
	// ARM id of the Application Insights component.
	ApplicationInsights pulumi.StringPtrInput
	// ARM id of the container registry.
	ContainerRegistry   pulumi.StringPtrInput
	Description         pulumi.StringPtrInput
	EnableDataIsolation pulumi.BoolPtrInput
	Encryption          *EncryptionPropertyArgs
	FriendlyName        pulumi.StringPtrInput
	// High business impact: reduces the diagnostic data Microsoft collects and encrypts the
	// local scratch disk of compute nodes.
	HbiWorkspace pulumi.BoolPtrInput
	Identity     *ManagedServiceIdentityArgs
	// Compute used to build environment images when the registry is not publicly reachable.
	ImageBuildCompute pulumi.StringPtrInput
	// ARM id of the Key Vault.
	KeyVault pulumi.StringPtrInput
	// "Default", "Hub", "Project" or "FeatureStore".
	Kind                        pulumi.StringPtrInput
	Location                    pulumi.StringPtrInput
	ManagedNetwork              *ManagedNetworkSettingsArgs
	PrimaryUserAssignedIdentity pulumi.StringPtrInput
	ProvisionNetworkNow         pulumi.BoolPtrInput
	// "Enabled" or "Disabled".
	PublicNetworkAccess       pulumi.StringPtrInput
	ResourceGroupName         pulumi.StringInput
	ServerlessComputeSettings *ServerlessComputeSettingsArgs
	Sku                       *SkuArgs
	// ARM id of the storage account.
	StorageAccount pulumi.StringPtrInput
	// "AccessKey", "Identity" or "UserDelegationSAS".
	SystemDatastoresAuthMode pulumi.StringPtrInput
	Tags                     pulumi.StringMapInput
	V1LegacyMode             pulumi.BoolPtrInput
	WorkspaceName            pulumi.StringPtrInput
}

// ElementType implements pulumi.Input.
func (WorkspaceArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*workspaceArgs)(nil)).Elem()
}

// NewWorkspace registers a new Workspace.
func NewWorkspace(ctx *pulumi.Context, name string, args *WorkspaceArgs, opts ...pulumi.ResourceOption) (*Workspace, error) {
	if args == nil {
		return nil, azurelean.ErrMissingArgs
	}
	if err := azurelean.CheckRequired(azurelean.Arg("ResourceGroupName", args.ResourceGroupName)); err != nil {
		return nil, err
	}
	var r Workspace
	if err := ctx.RegisterResource(WorkspaceToken, name, args, &r, azurelean.Pinned(opts)...); err != nil {
		return nil, err
	}
	return &r, nil
}

// GetWorkspace reads an existing Workspace's state.
func GetWorkspace(ctx *pulumi.Context, name string, id pulumi.IDInput, opts ...pulumi.ResourceOption) (*Workspace, error) {
	var r Workspace
	if err := ctx.ReadResource(WorkspaceToken, name, id, nil, &r, azurelean.Pinned(opts)...); err != nil {
		return nil, err
	}
	return &r, nil
}

// ---------------------------------------------------------------------------------------------
// Compute (2024-10-01): AmlCompute clusters
// ---------------------------------------------------------------------------------------------

// Compute is azure-native:machinelearningservices/v20241001:Compute.
type Compute struct {
	pulumi.CustomResourceState

	Name     pulumi.StringOutput    `pulumi:"name"`
	Location pulumi.StringOutput    `pulumi:"location"`
	Tags     pulumi.StringMapOutput `pulumi:"tags"`
	// The compute's properties as Azure reports them (AmlComputeResponse for clusters).
	Properties pulumi.AnyOutput `pulumi:"properties"`
}

// ScaleSettings bound an AmlCompute cluster.
type ScaleSettings struct {
	MaxNodeCount                int     `pulumi:"maxNodeCount"`
	MinNodeCount                *int    `pulumi:"minNodeCount"`
	NodeIdleTimeBeforeScaleDown *string `pulumi:"nodeIdleTimeBeforeScaleDown"`
}

// ScaleSettingsArgs is the input form of ScaleSettings.
type ScaleSettingsArgs struct {
	MaxNodeCount pulumi.IntInput    `pulumi:"maxNodeCount"`
	MinNodeCount pulumi.IntPtrInput `pulumi:"minNodeCount"`
	// ISO 8601 duration, e.g. "PT900S" (seconds: the form the landing-zone Scale policy parses).
	NodeIdleTimeBeforeScaleDown pulumi.StringPtrInput `pulumi:"nodeIdleTimeBeforeScaleDown"`
}

// ElementType implements pulumi.Input.
func (ScaleSettingsArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*ScaleSettings)(nil)).Elem()
}

// ResourceId wraps an ARM id (used for a compute's subnet).
type ResourceId struct {
	Id string `pulumi:"id"`
}

// ResourceIdArgs is the input form of ResourceId.
type ResourceIdArgs struct {
	Id pulumi.StringInput `pulumi:"id"`
}

// ElementType implements pulumi.Input.
func (ResourceIdArgs) ElementType() reflect.Type { return reflect.TypeOf((*ResourceId)(nil)).Elem() }

// AmlComputeProperties are the properties of an AmlCompute cluster.
type AmlComputeProperties struct {
	EnableNodePublicIp          *bool          `pulumi:"enableNodePublicIp"`
	IsolatedNetwork             *bool          `pulumi:"isolatedNetwork"`
	OsType                      *string        `pulumi:"osType"`
	RemoteLoginPortPublicAccess *string        `pulumi:"remoteLoginPortPublicAccess"`
	ScaleSettings               *ScaleSettings `pulumi:"scaleSettings"`
	Subnet                      *ResourceId    `pulumi:"subnet"`
	VmPriority                  *string        `pulumi:"vmPriority"`
	VmSize                      *string        `pulumi:"vmSize"`
}

// AmlComputePropertiesArgs is the input form of AmlComputeProperties.
type AmlComputePropertiesArgs struct {
	// Whether nodes get public IPs. Keep false: nodes then live only in the managed network.
	EnableNodePublicIp pulumi.BoolPtrInput `pulumi:"enableNodePublicIp"`
	IsolatedNetwork    pulumi.BoolPtrInput `pulumi:"isolatedNetwork"`
	// "Linux" or "Windows".
	OsType pulumi.StringPtrInput `pulumi:"osType"`
	// "Enabled", "Disabled" or "NotSpecified": the SSH port on nodes.
	RemoteLoginPortPublicAccess pulumi.StringPtrInput `pulumi:"remoteLoginPortPublicAccess"`
	ScaleSettings               *ScaleSettingsArgs    `pulumi:"scaleSettings"`
	Subnet                      *ResourceIdArgs       `pulumi:"subnet"`
	// "Dedicated" or "LowPriority".
	VmPriority pulumi.StringPtrInput `pulumi:"vmPriority"`
	VmSize     pulumi.StringPtrInput `pulumi:"vmSize"`
}

// ElementType implements pulumi.Input.
func (AmlComputePropertiesArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*AmlComputeProperties)(nil)).Elem()
}

// AmlCompute is the "AmlCompute" variant of a Compute's properties.
type AmlCompute struct {
	ComputeLocation  *string               `pulumi:"computeLocation"`
	ComputeType      string                `pulumi:"computeType"`
	Description      *string               `pulumi:"description"`
	DisableLocalAuth *bool                 `pulumi:"disableLocalAuth"`
	Properties       *AmlComputeProperties `pulumi:"properties"`
}

// AmlComputeArgs is the input form of AmlCompute. ComputeType must be "AmlCompute".
type AmlComputeArgs struct {
	ComputeLocation pulumi.StringPtrInput `pulumi:"computeLocation"`
	ComputeType     pulumi.StringInput    `pulumi:"computeType"`
	Description     pulumi.StringPtrInput `pulumi:"description"`
	// Disables key-based (local) authentication to the compute; callers use Entra ID.
	DisableLocalAuth pulumi.BoolPtrInput       `pulumi:"disableLocalAuth"`
	Properties       *AmlComputePropertiesArgs `pulumi:"properties"`
}

// ElementType implements pulumi.Input.
func (AmlComputeArgs) ElementType() reflect.Type { return reflect.TypeOf((*AmlCompute)(nil)).Elem() }

type computeArgs struct {
	ComputeName       *string                 `pulumi:"computeName"`
	Identity          *ManagedServiceIdentity `pulumi:"identity"`
	Location          *string                 `pulumi:"location"`
	Properties        *AmlCompute             `pulumi:"properties"`
	ResourceGroupName string                  `pulumi:"resourceGroupName"`
	Tags              map[string]string       `pulumi:"tags"`
	WorkspaceName     string                  `pulumi:"workspaceName"`
}

// ComputeArgs are the inputs of a Compute. Only the AmlCompute variant is bound.
type ComputeArgs struct {
	ComputeName       pulumi.StringPtrInput
	Identity          *ManagedServiceIdentityArgs
	Location          pulumi.StringPtrInput
	Properties        *AmlComputeArgs
	ResourceGroupName pulumi.StringInput
	Tags              pulumi.StringMapInput
	WorkspaceName     pulumi.StringInput
}

// ElementType implements pulumi.Input.
func (ComputeArgs) ElementType() reflect.Type { return reflect.TypeOf((*computeArgs)(nil)).Elem() }

// NewCompute registers a new Compute.
func NewCompute(ctx *pulumi.Context, name string, args *ComputeArgs, opts ...pulumi.ResourceOption) (*Compute, error) {
	if args == nil {
		return nil, azurelean.ErrMissingArgs
	}
	if err := azurelean.CheckRequired(azurelean.Arg("ResourceGroupName", args.ResourceGroupName), azurelean.Arg("WorkspaceName", args.WorkspaceName)); err != nil {
		return nil, err
	}
	var r Compute
	if err := ctx.RegisterResource(ComputeToken, name, args, &r, azurelean.Pinned(opts)...); err != nil {
		return nil, err
	}
	return &r, nil
}

// ---------------------------------------------------------------------------------------------
// ManagedNetworkSettingsRule (2024-10-01-preview): one outbound rule of the managed network
// ---------------------------------------------------------------------------------------------

// ManagedNetworkSettingsRule is azure-native:machinelearningservices/v20241001preview:ManagedNetworkSettingsRule.
type ManagedNetworkSettingsRule struct {
	pulumi.CustomResourceState

	Name       pulumi.StringOutput `pulumi:"name"`
	Properties pulumi.AnyOutput    `pulumi:"properties"`
}

// FqdnOutboundRule allows traffic to one FQDN (through the managed Azure Firewall).
type FqdnOutboundRule struct {
	Category    *string `pulumi:"category"`
	Destination *string `pulumi:"destination"`
	Status      *string `pulumi:"status"`
	Type        string  `pulumi:"type"`
}

// FqdnOutboundRuleArgs is the input form of FqdnOutboundRule. Type must be "FQDN".
type FqdnOutboundRuleArgs struct {
	Category    pulumi.StringPtrInput `pulumi:"category"`
	Destination pulumi.StringPtrInput `pulumi:"destination"`
	Status      pulumi.StringPtrInput `pulumi:"status"`
	Type        pulumi.StringInput    `pulumi:"type"`
}

// ElementType implements pulumi.Input.
func (FqdnOutboundRuleArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*FqdnOutboundRule)(nil)).Elem()
}

// PrivateEndpointDestination is the target of a private-endpoint outbound rule.
type PrivateEndpointDestination struct {
	ServiceResourceId *string `pulumi:"serviceResourceId"`
	SparkEnabled      *bool   `pulumi:"sparkEnabled"`
	SparkStatus       *string `pulumi:"sparkStatus"`
	SubresourceTarget *string `pulumi:"subresourceTarget"`
}

// PrivateEndpointDestinationArgs is the input form of PrivateEndpointDestination.
type PrivateEndpointDestinationArgs struct {
	ServiceResourceId pulumi.StringPtrInput `pulumi:"serviceResourceId"`
	SparkEnabled      pulumi.BoolPtrInput   `pulumi:"sparkEnabled"`
	SparkStatus       pulumi.StringPtrInput `pulumi:"sparkStatus"`
	SubresourceTarget pulumi.StringPtrInput `pulumi:"subresourceTarget"`
}

// ElementType implements pulumi.Input.
func (PrivateEndpointDestinationArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*PrivateEndpointDestination)(nil)).Elem()
}

// PrivateEndpointOutboundRule creates a managed private endpoint from the managed network.
type PrivateEndpointOutboundRule struct {
	Category    *string                     `pulumi:"category"`
	Destination *PrivateEndpointDestination `pulumi:"destination"`
	Status      *string                     `pulumi:"status"`
	Type        string                      `pulumi:"type"`
}

// PrivateEndpointOutboundRuleArgs is the input form. Type must be "PrivateEndpoint".
type PrivateEndpointOutboundRuleArgs struct {
	Category    pulumi.StringPtrInput           `pulumi:"category"`
	Destination *PrivateEndpointDestinationArgs `pulumi:"destination"`
	Status      pulumi.StringPtrInput           `pulumi:"status"`
	Type        pulumi.StringInput              `pulumi:"type"`
}

// ElementType implements pulumi.Input.
func (PrivateEndpointOutboundRuleArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*PrivateEndpointOutboundRule)(nil)).Elem()
}

// ServiceTagDestination is the target of a service-tag outbound rule.
type ServiceTagDestination struct {
	Action          *string  `pulumi:"action"`
	AddressPrefixes []string `pulumi:"addressPrefixes"`
	PortRanges      *string  `pulumi:"portRanges"`
	Protocol        *string  `pulumi:"protocol"`
	ServiceTag      *string  `pulumi:"serviceTag"`
}

// ServiceTagDestinationArgs is the input form of ServiceTagDestination.
type ServiceTagDestinationArgs struct {
	// "Allow" or "Deny".
	Action          pulumi.StringPtrInput   `pulumi:"action"`
	AddressPrefixes pulumi.StringArrayInput `pulumi:"addressPrefixes"`
	PortRanges      pulumi.StringPtrInput   `pulumi:"portRanges"`
	Protocol        pulumi.StringPtrInput   `pulumi:"protocol"`
	ServiceTag      pulumi.StringPtrInput   `pulumi:"serviceTag"`
}

// ElementType implements pulumi.Input.
func (ServiceTagDestinationArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*ServiceTagDestination)(nil)).Elem()
}

// ServiceTagOutboundRule allows traffic to an Azure service tag.
type ServiceTagOutboundRule struct {
	Category    *string                `pulumi:"category"`
	Destination *ServiceTagDestination `pulumi:"destination"`
	Status      *string                `pulumi:"status"`
	Type        string                 `pulumi:"type"`
}

// ServiceTagOutboundRuleArgs is the input form. Type must be "ServiceTag".
type ServiceTagOutboundRuleArgs struct {
	Category    pulumi.StringPtrInput      `pulumi:"category"`
	Destination *ServiceTagDestinationArgs `pulumi:"destination"`
	Status      pulumi.StringPtrInput      `pulumi:"status"`
	Type        pulumi.StringInput         `pulumi:"type"`
}

// ElementType implements pulumi.Input.
func (ServiceTagOutboundRuleArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*ServiceTagOutboundRule)(nil)).Elem()
}

// OutboundRuleInput is one of *FqdnOutboundRuleArgs, *PrivateEndpointOutboundRuleArgs or
// *ServiceTagOutboundRuleArgs (the union azure-native declares for a rule's properties).
type OutboundRuleInput interface {
	pulumi.Input
	isOutboundRule()
}

func (*FqdnOutboundRuleArgs) isOutboundRule()            {}
func (*PrivateEndpointOutboundRuleArgs) isOutboundRule() {}
func (*ServiceTagOutboundRuleArgs) isOutboundRule()      {}

type managedNetworkSettingsRuleArgs struct {
	Properties        any     `pulumi:"properties"`
	ResourceGroupName string  `pulumi:"resourceGroupName"`
	RuleName          *string `pulumi:"ruleName"`
	WorkspaceName     string  `pulumi:"workspaceName"`
}

// ManagedNetworkSettingsRuleArgs are the inputs of a ManagedNetworkSettingsRule.
type ManagedNetworkSettingsRuleArgs struct {
	Properties        OutboundRuleInput
	ResourceGroupName pulumi.StringInput
	RuleName          pulumi.StringPtrInput
	WorkspaceName     pulumi.StringInput
}

// ElementType implements pulumi.Input.
func (ManagedNetworkSettingsRuleArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*managedNetworkSettingsRuleArgs)(nil)).Elem()
}

// NewManagedNetworkSettingsRule registers a new outbound rule.
func NewManagedNetworkSettingsRule(ctx *pulumi.Context, name string, args *ManagedNetworkSettingsRuleArgs, opts ...pulumi.ResourceOption) (*ManagedNetworkSettingsRule, error) {
	if args == nil {
		return nil, azurelean.ErrMissingArgs
	}
	if err := azurelean.CheckRequired(azurelean.Arg("Properties", args.Properties), azurelean.Arg("ResourceGroupName", args.ResourceGroupName), azurelean.Arg("WorkspaceName", args.WorkspaceName)); err != nil {
		return nil, err
	}
	var r ManagedNetworkSettingsRule
	if err := ctx.RegisterResource(ManagedNetworkSettingsRuleToken, name, args, &r, azurelean.Pinned(opts)...); err != nil {
		return nil, err
	}
	return &r, nil
}

// ---------------------------------------------------------------------------------------------
// UserAssignedIdentity
// ---------------------------------------------------------------------------------------------

// UserAssignedIdentity is azure-native:managedidentity:UserAssignedIdentity.
type UserAssignedIdentity struct {
	pulumi.CustomResourceState

	ClientId    pulumi.StringOutput    `pulumi:"clientId"`
	Location    pulumi.StringOutput    `pulumi:"location"`
	Name        pulumi.StringOutput    `pulumi:"name"`
	PrincipalId pulumi.StringOutput    `pulumi:"principalId"`
	Tags        pulumi.StringMapOutput `pulumi:"tags"`
	TenantId    pulumi.StringOutput    `pulumi:"tenantId"`
	Type        pulumi.StringOutput    `pulumi:"type"`
}

type userAssignedIdentityArgs struct {
	Location          *string           `pulumi:"location"`
	ResourceGroupName string            `pulumi:"resourceGroupName"`
	ResourceName      *string           `pulumi:"resourceName"`
	Tags              map[string]string `pulumi:"tags"`
}

// UserAssignedIdentityArgs are the inputs of a UserAssignedIdentity.
type UserAssignedIdentityArgs struct {
	Location          pulumi.StringPtrInput
	ResourceGroupName pulumi.StringInput
	// The identity's name.
	ResourceName pulumi.StringPtrInput
	Tags         pulumi.StringMapInput
}

// ElementType implements pulumi.Input.
func (UserAssignedIdentityArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*userAssignedIdentityArgs)(nil)).Elem()
}

// NewUserAssignedIdentity registers a new UserAssignedIdentity.
func NewUserAssignedIdentity(ctx *pulumi.Context, name string, args *UserAssignedIdentityArgs, opts ...pulumi.ResourceOption) (*UserAssignedIdentity, error) {
	if args == nil {
		return nil, azurelean.ErrMissingArgs
	}
	if err := azurelean.CheckRequired(azurelean.Arg("ResourceGroupName", args.ResourceGroupName)); err != nil {
		return nil, err
	}
	var r UserAssignedIdentity
	if err := ctx.RegisterResource(UserAssignedIdentityToken, name, args, &r, azurelean.Pinned(opts)...); err != nil {
		return nil, err
	}
	return &r, nil
}

// ---------------------------------------------------------------------------------------------
// FederatedIdentityCredential
// ---------------------------------------------------------------------------------------------

// FederatedIdentityCredential is azure-native:managedidentity:FederatedIdentityCredential: a
// trust between a user-assigned identity and an external OIDC issuer, so a workload (a GitHub
// Actions job, an Azure DevOps service connection) exchanges its own token for the identity's
// without any secret.
type FederatedIdentityCredential struct {
	pulumi.CustomResourceState

	Audiences pulumi.StringArrayOutput `pulumi:"audiences"`
	Issuer    pulumi.StringOutput      `pulumi:"issuer"`
	Name      pulumi.StringOutput      `pulumi:"name"`
	Subject   pulumi.StringOutput      `pulumi:"subject"`
	Type      pulumi.StringOutput      `pulumi:"type"`
}

type federatedIdentityCredentialArgs struct {
	Audiences                               []string `pulumi:"audiences"`
	FederatedIdentityCredentialResourceName *string  `pulumi:"federatedIdentityCredentialResourceName"`
	Issuer                                  string   `pulumi:"issuer"`
	ResourceGroupName                       string   `pulumi:"resourceGroupName"`
	ResourceName                            string   `pulumi:"resourceName"`
	Subject                                 string   `pulumi:"subject"`
}

// FederatedIdentityCredentialArgs are the inputs of a FederatedIdentityCredential.
type FederatedIdentityCredentialArgs struct {
	// Token audiences; "api://AzureADTokenExchange" for Entra ID.
	Audiences pulumi.StringArrayInput
	// The credential's name.
	FederatedIdentityCredentialResourceName pulumi.StringPtrInput
	// The OIDC issuer URL.
	Issuer            pulumi.StringInput
	ResourceGroupName pulumi.StringInput
	// The user-assigned identity's name.
	ResourceName pulumi.StringInput
	// The subject claim the issuer's tokens must carry.
	Subject pulumi.StringInput
}

// ElementType implements pulumi.Input.
func (FederatedIdentityCredentialArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*federatedIdentityCredentialArgs)(nil)).Elem()
}

// NewFederatedIdentityCredential registers a new FederatedIdentityCredential.
func NewFederatedIdentityCredential(ctx *pulumi.Context, name string, args *FederatedIdentityCredentialArgs, opts ...pulumi.ResourceOption) (*FederatedIdentityCredential, error) {
	if args == nil {
		return nil, azurelean.ErrMissingArgs
	}
	if err := azurelean.CheckRequired(azurelean.Arg("Audiences", args.Audiences), azurelean.Arg("Issuer", args.Issuer), azurelean.Arg("ResourceGroupName", args.ResourceGroupName), azurelean.Arg("ResourceName", args.ResourceName), azurelean.Arg("Subject", args.Subject)); err != nil {
		return nil, err
	}
	var r FederatedIdentityCredential
	if err := ctx.RegisterResource(FederatedIdentityCredentialToken, name, args, &r, azurelean.Pinned(opts)...); err != nil {
		return nil, err
	}
	return &r, nil
}

// ---------------------------------------------------------------------------------------------
// Datastore (2024-10-01): identity-based datastores on existing storage
// ---------------------------------------------------------------------------------------------

// DatastoreToken is the token of a workspace datastore.
const DatastoreToken = "azure-native:machinelearningservices/v20241001:Datastore"

// Datastore is azure-native:machinelearningservices/v20241001:Datastore.
type Datastore struct {
	pulumi.CustomResourceState

	Name pulumi.StringOutput `pulumi:"name"`
	// The datastore's properties as Azure reports them.
	DatastoreProperties pulumi.AnyOutput `pulumi:"datastoreProperties"`
}

// NoneDatastoreCredentials is the credential of an identity-based datastore: none is stored;
// the caller's identity (a user in the studio, the job's or compute's identity) reaches the data.
type NoneDatastoreCredentials struct {
	CredentialsType string `pulumi:"credentialsType"`
}

// NoneDatastoreCredentialsArgs is the input form. CredentialsType must be "None".
type NoneDatastoreCredentialsArgs struct {
	CredentialsType pulumi.StringInput `pulumi:"credentialsType"`
}

// ElementType implements pulumi.Input.
func (NoneDatastoreCredentialsArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*NoneDatastoreCredentials)(nil)).Elem()
}

// AzureBlobDatastore is a datastore on a blob container.
type AzureBlobDatastore struct {
	AccountName                   *string                  `pulumi:"accountName"`
	ContainerName                 *string                  `pulumi:"containerName"`
	Credentials                   NoneDatastoreCredentials `pulumi:"credentials"`
	DatastoreType                 string                   `pulumi:"datastoreType"`
	Description                   *string                  `pulumi:"description"`
	Endpoint                      *string                  `pulumi:"endpoint"`
	Protocol                      *string                  `pulumi:"protocol"`
	ResourceGroup                 *string                  `pulumi:"resourceGroup"`
	ServiceDataAccessAuthIdentity *string                  `pulumi:"serviceDataAccessAuthIdentity"`
	SubscriptionId                *string                  `pulumi:"subscriptionId"`
	Tags                          map[string]string        `pulumi:"tags"`
}

// AzureBlobDatastoreArgs is the input form. DatastoreType must be "AzureBlob".
type AzureBlobDatastoreArgs struct {
	AccountName   pulumi.StringPtrInput         `pulumi:"accountName"`
	ContainerName pulumi.StringPtrInput         `pulumi:"containerName"`
	Credentials   *NoneDatastoreCredentialsArgs `pulumi:"credentials"`
	DatastoreType pulumi.StringInput            `pulumi:"datastoreType"`
	Description   pulumi.StringPtrInput         `pulumi:"description"`
	// The storage DNS suffix, e.g. core.windows.net.
	Endpoint pulumi.StringPtrInput `pulumi:"endpoint"`
	// "https".
	Protocol      pulumi.StringPtrInput `pulumi:"protocol"`
	ResourceGroup pulumi.StringPtrInput `pulumi:"resourceGroup"`
	// "None", "WorkspaceSystemAssignedIdentity" or "WorkspaceUserAssignedIdentity": the identity
	// the service (studio data preview) uses.
	ServiceDataAccessAuthIdentity pulumi.StringPtrInput `pulumi:"serviceDataAccessAuthIdentity"`
	SubscriptionId                pulumi.StringPtrInput `pulumi:"subscriptionId"`
	Tags                          pulumi.StringMapInput `pulumi:"tags"`
}

// ElementType implements pulumi.Input.
func (AzureBlobDatastoreArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*AzureBlobDatastore)(nil)).Elem()
}

// AzureDataLakeGen2Datastore is a datastore on an ADLS Gen2 filesystem.
type AzureDataLakeGen2Datastore struct {
	AccountName                   string                   `pulumi:"accountName"`
	Credentials                   NoneDatastoreCredentials `pulumi:"credentials"`
	DatastoreType                 string                   `pulumi:"datastoreType"`
	Description                   *string                  `pulumi:"description"`
	Endpoint                      *string                  `pulumi:"endpoint"`
	Filesystem                    string                   `pulumi:"filesystem"`
	Protocol                      *string                  `pulumi:"protocol"`
	ResourceGroup                 *string                  `pulumi:"resourceGroup"`
	ServiceDataAccessAuthIdentity *string                  `pulumi:"serviceDataAccessAuthIdentity"`
	SubscriptionId                *string                  `pulumi:"subscriptionId"`
	Tags                          map[string]string        `pulumi:"tags"`
}

// AzureDataLakeGen2DatastoreArgs is the input form. DatastoreType must be "AzureDataLakeGen2".
type AzureDataLakeGen2DatastoreArgs struct {
	AccountName                   pulumi.StringInput            `pulumi:"accountName"`
	Credentials                   *NoneDatastoreCredentialsArgs `pulumi:"credentials"`
	DatastoreType                 pulumi.StringInput            `pulumi:"datastoreType"`
	Description                   pulumi.StringPtrInput         `pulumi:"description"`
	Endpoint                      pulumi.StringPtrInput         `pulumi:"endpoint"`
	Filesystem                    pulumi.StringInput            `pulumi:"filesystem"`
	Protocol                      pulumi.StringPtrInput         `pulumi:"protocol"`
	ResourceGroup                 pulumi.StringPtrInput         `pulumi:"resourceGroup"`
	ServiceDataAccessAuthIdentity pulumi.StringPtrInput         `pulumi:"serviceDataAccessAuthIdentity"`
	SubscriptionId                pulumi.StringPtrInput         `pulumi:"subscriptionId"`
	Tags                          pulumi.StringMapInput         `pulumi:"tags"`
}

// ElementType implements pulumi.Input.
func (AzureDataLakeGen2DatastoreArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*AzureDataLakeGen2Datastore)(nil)).Elem()
}

// DatastorePropertiesInput is *AzureBlobDatastoreArgs or *AzureDataLakeGen2DatastoreArgs (the
// identity-capable members of the union azure-native declares).
type DatastorePropertiesInput interface {
	pulumi.Input
	isDatastoreProperties()
}

func (*AzureBlobDatastoreArgs) isDatastoreProperties()         {}
func (*AzureDataLakeGen2DatastoreArgs) isDatastoreProperties() {}

type datastoreArgs struct {
	DatastoreProperties any     `pulumi:"datastoreProperties"`
	Name                *string `pulumi:"name"`
	ResourceGroupName   string  `pulumi:"resourceGroupName"`
	SkipValidation      *bool   `pulumi:"skipValidation"`
	WorkspaceName       string  `pulumi:"workspaceName"`
}

// DatastoreArgs are the inputs of a Datastore.
type DatastoreArgs struct {
	DatastoreProperties DatastorePropertiesInput
	// The datastore's name in the workspace.
	Name              pulumi.StringPtrInput
	ResourceGroupName pulumi.StringInput
	SkipValidation    pulumi.BoolPtrInput
	WorkspaceName     pulumi.StringInput
}

// ElementType implements pulumi.Input.
func (DatastoreArgs) ElementType() reflect.Type { return reflect.TypeOf((*datastoreArgs)(nil)).Elem() }

// NewDatastore registers a new Datastore.
func NewDatastore(ctx *pulumi.Context, name string, args *DatastoreArgs, opts ...pulumi.ResourceOption) (*Datastore, error) {
	if args == nil {
		return nil, azurelean.ErrMissingArgs
	}
	if err := azurelean.CheckRequired(azurelean.Arg("DatastoreProperties", args.DatastoreProperties), azurelean.Arg("ResourceGroupName", args.ResourceGroupName), azurelean.Arg("WorkspaceName", args.WorkspaceName)); err != nil {
		return nil, err
	}
	var r Datastore
	if err := ctx.RegisterResource(DatastoreToken, name, args, &r, azurelean.Pinned(opts)...); err != nil {
		return nil, err
	}
	return &r, nil
}

// ---------------------------------------------------------------------------------------------
// Compute instances (Compute, 2024-10-01-preview): the stable API has no idleTimeBeforeShutdown
// ---------------------------------------------------------------------------------------------

// ComputeInstanceToken is the token compute instances are registered with: the preview of the
// release Compute uses, for idleTimeBeforeShutdown (absent from v20241001's
// ComputeInstancePropertiesArgs in @pulumi/azure-native@2.92.3).
const ComputeInstanceToken = "azure-native:machinelearningservices/v20241001preview:Compute"

// AssignedUser is the one user a personal compute instance belongs to.
type AssignedUser struct {
	ObjectId string `pulumi:"objectId"`
	TenantId string `pulumi:"tenantId"`
}

// AssignedUserArgs is the input form of AssignedUser.
type AssignedUserArgs struct {
	// The user's Entra object id.
	ObjectId pulumi.StringInput `pulumi:"objectId"`
	// The user's tenant.
	TenantId pulumi.StringInput `pulumi:"tenantId"`
}

// ElementType implements pulumi.Input.
func (AssignedUserArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*AssignedUser)(nil)).Elem()
}

// PersonalComputeInstanceSettings assign a compute instance to one user.
type PersonalComputeInstanceSettings struct {
	AssignedUser *AssignedUser `pulumi:"assignedUser"`
}

// PersonalComputeInstanceSettingsArgs is the input form.
type PersonalComputeInstanceSettingsArgs struct {
	AssignedUser *AssignedUserArgs `pulumi:"assignedUser"`
}

// ElementType implements pulumi.Input.
func (PersonalComputeInstanceSettingsArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*PersonalComputeInstanceSettings)(nil)).Elem()
}

// ComputeInstanceSshSettings turn SSH on or off.
type ComputeInstanceSshSettings struct {
	AdminPublicKey  *string `pulumi:"adminPublicKey"`
	SshPublicAccess *string `pulumi:"sshPublicAccess"`
}

// ComputeInstanceSshSettingsArgs is the input form.
type ComputeInstanceSshSettingsArgs struct {
	AdminPublicKey pulumi.StringPtrInput `pulumi:"adminPublicKey"`
	// "Enabled" or "Disabled".
	SshPublicAccess pulumi.StringPtrInput `pulumi:"sshPublicAccess"`
}

// ElementType implements pulumi.Input.
func (ComputeInstanceSshSettingsArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*ComputeInstanceSshSettings)(nil)).Elem()
}

// ScriptReference points at a setup script.
type ScriptReference struct {
	ScriptArguments *string `pulumi:"scriptArguments"`
	ScriptData      *string `pulumi:"scriptData"`
	ScriptSource    *string `pulumi:"scriptSource"`
	Timeout         *string `pulumi:"timeout"`
}

// ScriptReferenceArgs is the input form.
type ScriptReferenceArgs struct {
	ScriptArguments pulumi.StringPtrInput `pulumi:"scriptArguments"`
	// With scriptSource "workspaceStorage": the script's path in the workspace file share.
	ScriptData pulumi.StringPtrInput `pulumi:"scriptData"`
	// "workspaceStorage" or "inline".
	ScriptSource pulumi.StringPtrInput `pulumi:"scriptSource"`
	// e.g. "10m".
	Timeout pulumi.StringPtrInput `pulumi:"timeout"`
}

// ElementType implements pulumi.Input.
func (ScriptReferenceArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*ScriptReference)(nil)).Elem()
}

// ScriptsToExecute are the creation and startup scripts.
type ScriptsToExecute struct {
	CreationScript *ScriptReference `pulumi:"creationScript"`
	StartupScript  *ScriptReference `pulumi:"startupScript"`
}

// ScriptsToExecuteArgs is the input form.
type ScriptsToExecuteArgs struct {
	CreationScript *ScriptReferenceArgs `pulumi:"creationScript"`
	StartupScript  *ScriptReferenceArgs `pulumi:"startupScript"`
}

// ElementType implements pulumi.Input.
func (ScriptsToExecuteArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*ScriptsToExecute)(nil)).Elem()
}

// SetupScripts wrap ScriptsToExecute.
type SetupScripts struct {
	Scripts *ScriptsToExecute `pulumi:"scripts"`
}

// SetupScriptsArgs is the input form.
type SetupScriptsArgs struct {
	Scripts *ScriptsToExecuteArgs `pulumi:"scripts"`
}

// ElementType implements pulumi.Input.
func (SetupScriptsArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*SetupScripts)(nil)).Elem()
}

// ComputeInstanceProperties are the properties of a compute instance.
type ComputeInstanceProperties struct {
	ComputeInstanceAuthorizationType *string                          `pulumi:"computeInstanceAuthorizationType"`
	EnableNodePublicIp               *bool                            `pulumi:"enableNodePublicIp"`
	EnableSSO                        *bool                            `pulumi:"enableSSO"`
	IdleTimeBeforeShutdown           *string                          `pulumi:"idleTimeBeforeShutdown"`
	PersonalComputeInstanceSettings  *PersonalComputeInstanceSettings `pulumi:"personalComputeInstanceSettings"`
	SetupScripts                     *SetupScripts                    `pulumi:"setupScripts"`
	SshSettings                      *ComputeInstanceSshSettings      `pulumi:"sshSettings"`
	Subnet                           *ResourceId                      `pulumi:"subnet"`
	VmSize                           *string                          `pulumi:"vmSize"`
}

// ComputeInstancePropertiesArgs is the input form.
type ComputeInstancePropertiesArgs struct {
	// "personal": only the assigned user may use the instance.
	ComputeInstanceAuthorizationType pulumi.StringPtrInput `pulumi:"computeInstanceAuthorizationType"`
	// Whether the instance gets a public IP. Keep false.
	EnableNodePublicIp pulumi.BoolPtrInput `pulumi:"enableNodePublicIp"`
	EnableSSO          pulumi.BoolPtrInput `pulumi:"enableSSO"`
	// ISO 8601 duration of inactivity before the instance stops, e.g. "PT60M".
	IdleTimeBeforeShutdown          pulumi.StringPtrInput                `pulumi:"idleTimeBeforeShutdown"`
	PersonalComputeInstanceSettings *PersonalComputeInstanceSettingsArgs `pulumi:"personalComputeInstanceSettings"`
	SetupScripts                    *SetupScriptsArgs                    `pulumi:"setupScripts"`
	SshSettings                     *ComputeInstanceSshSettingsArgs      `pulumi:"sshSettings"`
	Subnet                          *ResourceIdArgs                      `pulumi:"subnet"`
	VmSize                          pulumi.StringPtrInput                `pulumi:"vmSize"`
}

// ElementType implements pulumi.Input.
func (ComputeInstancePropertiesArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*ComputeInstanceProperties)(nil)).Elem()
}

// ComputeInstance is the "ComputeInstance" variant of a Compute's properties.
type ComputeInstance struct {
	ComputeType      string                     `pulumi:"computeType"`
	Description      *string                    `pulumi:"description"`
	DisableLocalAuth *bool                      `pulumi:"disableLocalAuth"`
	Properties       *ComputeInstanceProperties `pulumi:"properties"`
}

// ComputeInstanceArgs is the input form. ComputeType must be "ComputeInstance".
type ComputeInstanceArgs struct {
	ComputeType pulumi.StringInput    `pulumi:"computeType"`
	Description pulumi.StringPtrInput `pulumi:"description"`
	// Disables key-based (local) authentication; callers use Entra ID.
	DisableLocalAuth pulumi.BoolPtrInput            `pulumi:"disableLocalAuth"`
	Properties       *ComputeInstancePropertiesArgs `pulumi:"properties"`
}

// ElementType implements pulumi.Input.
func (ComputeInstanceArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*ComputeInstance)(nil)).Elem()
}

type computeInstanceComputeArgs struct {
	ComputeName       *string                 `pulumi:"computeName"`
	Identity          *ManagedServiceIdentity `pulumi:"identity"`
	Location          *string                 `pulumi:"location"`
	Properties        *ComputeInstance        `pulumi:"properties"`
	ResourceGroupName string                  `pulumi:"resourceGroupName"`
	Tags              map[string]string       `pulumi:"tags"`
	WorkspaceName     string                  `pulumi:"workspaceName"`
}

// ComputeInstanceComputeArgs are the inputs of a Compute of the ComputeInstance variant.
type ComputeInstanceComputeArgs struct {
	ComputeName       pulumi.StringPtrInput
	Identity          *ManagedServiceIdentityArgs
	Location          pulumi.StringPtrInput
	Properties        *ComputeInstanceArgs
	ResourceGroupName pulumi.StringInput
	Tags              pulumi.StringMapInput
	WorkspaceName     pulumi.StringInput
}

// ElementType implements pulumi.Input.
func (ComputeInstanceComputeArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*computeInstanceComputeArgs)(nil)).Elem()
}

// NewComputeInstance registers a compute instance (a Compute of type ComputeInstance).
func NewComputeInstance(ctx *pulumi.Context, name string, args *ComputeInstanceComputeArgs, opts ...pulumi.ResourceOption) (*Compute, error) {
	if args == nil {
		return nil, azurelean.ErrMissingArgs
	}
	if err := azurelean.CheckRequired(azurelean.Arg("ResourceGroupName", args.ResourceGroupName), azurelean.Arg("WorkspaceName", args.WorkspaceName)); err != nil {
		return nil, err
	}
	var r Compute
	if err := ctx.RegisterResource(ComputeInstanceToken, name, args, &r, azurelean.Pinned(opts)...); err != nil {
		return nil, err
	}
	return &r, nil
}
