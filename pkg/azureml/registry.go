package azureml

import (
	"reflect"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/azurelean"
)

// ---------------------------------------------------------------------------------------------
// Registry (2024-10-01): an Azure Machine Learning registry, the tenant-wide store of models,
// components and environments that workspaces in several environments share
// (learn.microsoft.com/azure/machine-learning/concept-machine-learning-registries-mlops).
//
// The stable 2024-10-01 API has everything this package sets: publicNetworkAccess,
// regionDetails with the system-created storage account and container registry per region,
// and the managed identity. azure-native names the resource's properties "registryProperties"
// (the ARM body's "properties"), since "properties" would clash with the SDKs' own field.
// ---------------------------------------------------------------------------------------------

// RegistryToken is the registry's azure-native token.
const RegistryToken = "azure-native:machinelearningservices/v20241001:Registry"

// Registry is azure-native:machinelearningservices/v20241001:Registry.
type Registry struct {
	pulumi.CustomResourceState

	Location pulumi.StringOutput `pulumi:"location"`
	Name     pulumi.StringOutput `pulumi:"name"`
	// The properties as Azure returns them: discovery URL, MLflow registry URI, and the region
	// details with the ids of the system-created storage accounts and container registries.
	RegistryProperties pulumi.AnyOutput       `pulumi:"registryProperties"`
	Identity           pulumi.AnyOutput       `pulumi:"identity"`
	Tags               pulumi.StringMapOutput `pulumi:"tags"`
	Type               pulumi.StringOutput    `pulumi:"type"`
}

// ArmResourceId wraps an ARM id.
type ArmResourceId struct {
	ResourceId *string `pulumi:"resourceId"`
}

// ArmResourceIdArgs is the input form of ArmResourceId.
type ArmResourceIdArgs struct {
	ResourceId pulumi.StringPtrInput `pulumi:"resourceId"`
}

// ElementType implements pulumi.Input.
func (ArmResourceIdArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*ArmResourceId)(nil)).Elem()
}

// SystemCreatedStorageAccount is the storage account Azure creates for the registry in one
// region (in the registry's managed resource group).
type SystemCreatedStorageAccount struct {
	AllowBlobPublicAccess    *bool          `pulumi:"allowBlobPublicAccess"`
	ArmResourceId            *ArmResourceId `pulumi:"armResourceId"`
	StorageAccountHnsEnabled *bool          `pulumi:"storageAccountHnsEnabled"`
	StorageAccountName       *string        `pulumi:"storageAccountName"`
	StorageAccountType       *string        `pulumi:"storageAccountType"`
}

// SystemCreatedStorageAccountArgs is the input form of SystemCreatedStorageAccount.
type SystemCreatedStorageAccountArgs struct {
	AllowBlobPublicAccess pulumi.BoolPtrInput `pulumi:"allowBlobPublicAccess"`
	ArmResourceId         *ArmResourceIdArgs  `pulumi:"armResourceId"`
	// Hierarchical namespace (Data Lake Gen2) on the registry's storage.
	StorageAccountHnsEnabled pulumi.BoolPtrInput   `pulumi:"storageAccountHnsEnabled"`
	StorageAccountName       pulumi.StringPtrInput `pulumi:"storageAccountName"`
	// Redundancy, e.g. "Standard_LRS" or "Standard_ZRS".
	StorageAccountType pulumi.StringPtrInput `pulumi:"storageAccountType"`
}

// ElementType implements pulumi.Input.
func (SystemCreatedStorageAccountArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*SystemCreatedStorageAccount)(nil)).Elem()
}

// StorageAccountDetails is one storage account of a registry region.
type StorageAccountDetails struct {
	SystemCreatedStorageAccount *SystemCreatedStorageAccount `pulumi:"systemCreatedStorageAccount"`
}

// StorageAccountDetailsArgs is the input form of StorageAccountDetails.
type StorageAccountDetailsArgs struct {
	SystemCreatedStorageAccount *SystemCreatedStorageAccountArgs `pulumi:"systemCreatedStorageAccount"`
}

// ElementType implements pulumi.Input.
func (StorageAccountDetailsArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*StorageAccountDetails)(nil)).Elem()
}

// SystemCreatedAcrAccount is the container registry Azure creates for the registry in one region.
type SystemCreatedAcrAccount struct {
	AcrAccountName *string        `pulumi:"acrAccountName"`
	AcrAccountSku  *string        `pulumi:"acrAccountSku"`
	ArmResourceId  *ArmResourceId `pulumi:"armResourceId"`
}

// SystemCreatedAcrAccountArgs is the input form of SystemCreatedAcrAccount.
type SystemCreatedAcrAccountArgs struct {
	AcrAccountName pulumi.StringPtrInput `pulumi:"acrAccountName"`
	// "Premium" (the SKU with private endpoints).
	AcrAccountSku pulumi.StringPtrInput `pulumi:"acrAccountSku"`
	ArmResourceId *ArmResourceIdArgs    `pulumi:"armResourceId"`
}

// ElementType implements pulumi.Input.
func (SystemCreatedAcrAccountArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*SystemCreatedAcrAccount)(nil)).Elem()
}

// AcrDetails is one container registry of a registry region.
type AcrDetails struct {
	SystemCreatedAcrAccount *SystemCreatedAcrAccount `pulumi:"systemCreatedAcrAccount"`
}

// AcrDetailsArgs is the input form of AcrDetails.
type AcrDetailsArgs struct {
	SystemCreatedAcrAccount *SystemCreatedAcrAccountArgs `pulumi:"systemCreatedAcrAccount"`
}

// ElementType implements pulumi.Input.
func (AcrDetailsArgs) ElementType() reflect.Type { return reflect.TypeOf((*AcrDetails)(nil)).Elem() }

// RegistryRegionArmDetails is one region the registry replicates its assets to.
type RegistryRegionArmDetails struct {
	AcrDetails            []AcrDetails            `pulumi:"acrDetails"`
	Location              *string                 `pulumi:"location"`
	StorageAccountDetails []StorageAccountDetails `pulumi:"storageAccountDetails"`
}

// RegistryRegionArmDetailsArgs is the input form of RegistryRegionArmDetails.
type RegistryRegionArmDetailsArgs struct {
	AcrDetails            []*AcrDetailsArgs            `pulumi:"acrDetails"`
	Location              pulumi.StringPtrInput        `pulumi:"location"`
	StorageAccountDetails []*StorageAccountDetailsArgs `pulumi:"storageAccountDetails"`
}

// ElementType implements pulumi.Input.
func (RegistryRegionArmDetailsArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*RegistryRegionArmDetails)(nil)).Elem()
}

// RegistryProperties are the registry's own properties (azure-native's nested RegistryArgs).
type RegistryProperties struct {
	DiscoveryUrl                  *string                    `pulumi:"discoveryUrl"`
	IntellectualPropertyPublisher *string                    `pulumi:"intellectualPropertyPublisher"`
	ManagedResourceGroup          *ArmResourceId             `pulumi:"managedResourceGroup"`
	MlFlowRegistryUri             *string                    `pulumi:"mlFlowRegistryUri"`
	PublicNetworkAccess           *string                    `pulumi:"publicNetworkAccess"`
	RegionDetails                 []RegistryRegionArmDetails `pulumi:"regionDetails"`
}

// RegistryPropertiesArgs is the input form of RegistryProperties.
type RegistryPropertiesArgs struct {
	DiscoveryUrl                  pulumi.StringPtrInput `pulumi:"discoveryUrl"`
	IntellectualPropertyPublisher pulumi.StringPtrInput `pulumi:"intellectualPropertyPublisher"`
	ManagedResourceGroup          *ArmResourceIdArgs    `pulumi:"managedResourceGroup"`
	MlFlowRegistryUri             pulumi.StringPtrInput `pulumi:"mlFlowRegistryUri"`
	// "Enabled" or "Disabled".
	PublicNetworkAccess pulumi.StringPtrInput `pulumi:"publicNetworkAccess"`
	// The primary region first, then the replication regions.
	RegionDetails []*RegistryRegionArmDetailsArgs `pulumi:"regionDetails"`
}

// ElementType implements pulumi.Input.
func (RegistryPropertiesArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*RegistryProperties)(nil)).Elem()
}

type registryArgs struct {
	Identity           *ManagedServiceIdentity `pulumi:"identity"`
	Kind               *string                 `pulumi:"kind"`
	Location           *string                 `pulumi:"location"`
	RegistryName       *string                 `pulumi:"registryName"`
	RegistryProperties RegistryProperties      `pulumi:"registryProperties"`
	ResourceGroupName  string                  `pulumi:"resourceGroupName"`
	Sku                *Sku                    `pulumi:"sku"`
	Tags               map[string]string       `pulumi:"tags"`
}

// RegistryArgs are the inputs of a Registry.
type RegistryArgs struct {
	Identity           *ManagedServiceIdentityArgs
	Kind               pulumi.StringPtrInput
	Location           pulumi.StringPtrInput
	RegistryName       pulumi.StringPtrInput
	RegistryProperties *RegistryPropertiesArgs
	ResourceGroupName  pulumi.StringInput
	Sku                *SkuArgs
	Tags               pulumi.StringMapInput
}

// ElementType implements pulumi.Input.
func (RegistryArgs) ElementType() reflect.Type { return reflect.TypeOf((*registryArgs)(nil)).Elem() }

// NewRegistry registers a new Registry.
func NewRegistry(ctx *pulumi.Context, name string, args *RegistryArgs, opts ...pulumi.ResourceOption) (*Registry, error) {
	if args == nil {
		return nil, azurelean.ErrMissingArgs
	}
	if err := azurelean.CheckRequired(azurelean.Arg("ResourceGroupName", args.ResourceGroupName), azurelean.Arg("RegistryProperties", args.RegistryProperties)); err != nil {
		return nil, err
	}
	var r Registry
	if err := ctx.RegisterResource(RegistryToken, name, args, &r, azurelean.Pinned(opts)...); err != nil {
		return nil, err
	}
	return &r, nil
}
