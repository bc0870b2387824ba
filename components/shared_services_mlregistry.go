package components

import (
	"errors"
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/azureml"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/diagnostics"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/naming"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/privatelink"
)

// What an environment's workspaces may do with the shared Azure ML registry.
const (
	// Read and write assets: AzureML Registry User on the registry (dev and test publish the
	// models, components and environments they build).
	RegistryAccessPublish = "Publish"
	// Read assets only: Reader on the registry, Microsoft's documented role for using assets
	// from a registry (prod consumes what was promoted).
	RegistryAccessConsume = "Consume"
)

// RegistryAccessModes lists the access modes.
var RegistryAccessModes = []string{RegistryAccessPublish, RegistryAccessConsume}

// RegistryStorageAccountTypes are the redundancies of a registry's system-created storage.
var RegistryStorageAccountTypes = []string{"Standard_LRS", "Standard_ZRS", "Standard_GRS", "Standard_GZRS", "Standard_RAGRS", "Standard_RAGZRS"}

// MLRegistryArgs is the Azure Machine Learning registry shared by the environments: models,
// components and environments are published to it from dev/test and consumed from prod
// (learn.microsoft.com/azure/machine-learning/concept-machine-learning-registries-mlops). One
// environment (or a hub) creates it; the others reference it by existingRegistryId.
type MLRegistryArgs struct {
	// Use this existing registry (created by another stack or the hub) instead of creating one.
	ExistingRegistryId pulumi.StringInput `pulumi:"existingRegistryId,optional"`
	// Name of a created registry (3-33 letters, digits, hyphens, underscores; it is part of
	// every asset id, so it cannot change). Default "mlr-<workload>".
	Name string `pulumi:"name,optional"`
	// Further regions the registry replicates its assets to (the primary is the location);
	// list every region that has or will have workspaces using it.
	ReplicationLocations []string `pulumi:"replicationLocations,optional"`
	// Redundancy of the registry's system-created storage in each region. Default Standard_LRS
	// (Standard_ZRS where zones matter).
	StorageAccountType string `pulumi:"storageAccountType,optional"`
	// What this environment's workspaces may do with the registry: Publish (AzureML Registry
	// User) or Consume (Reader). Default Publish.
	Access string `pulumi:"access,optional"`
	// Create a private endpoint to the registry in this environment's network (default true when
	// the environment has one): clients there (CLI, SDK, build agents) reach the registry
	// privately. Workspaces' managed networks reach it through their own outbound rule.
	PrivateEndpoint *bool `pulumi:"privateEndpoint,optional"`
}

type mlRegistryPlan struct {
	args     MLRegistryArgs
	create   bool
	name     string
	storage  string
	access   string
	endpoint bool
	regions  []string
}

func planMLRegistry(f string, a *MLRegistryArgs, hasEndpoints bool, workload string, location pulumi.StringInput) (*mlRegistryPlan, error) {
	if a == nil {
		return nil, nil
	}
	p := &mlRegistryPlan{args: *a, create: a.ExistingRegistryId == nil, name: a.Name, storage: a.StorageAccountType, access: a.Access,
		endpoint: hasEndpoints}
	var errs []error
	add := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	if p.access == "" {
		p.access = RegistryAccessPublish
	}
	add(oneOf(f+".access", p.access, RegistryAccessModes...))
	add(checkARMID(f+".existingRegistryId", a.ExistingRegistryId, "Microsoft.MachineLearningServices/registries"))
	if a.PrivateEndpoint != nil {
		if *a.PrivateEndpoint && !hasEndpoints {
			add(fmt.Errorf("%s.privateEndpoint: needs network or privateEndpoints (the subnet and DNS for the endpoint)", f))
		}
		p.endpoint = *a.PrivateEndpoint && hasEndpoints
	}
	if !p.create {
		if a.Name != "" || len(a.ReplicationLocations) > 0 || a.StorageAccountType != "" {
			add(fmt.Errorf("%s.existingRegistryId: name, replicationLocations and storageAccountType belong to the registry's owner; set them only when the registry is created here", f))
		}
		return p, errors.Join(errs...)
	}
	// Public access is off, so a created registry is reachable only through a private endpoint.
	if !hasEndpoints {
		add(fmt.Errorf("%s: a created registry has public access disabled and needs a private endpoint: set network or privateEndpoints (or give existingRegistryId)", f))
	} else if a.PrivateEndpoint != nil && !*a.PrivateEndpoint {
		add(fmt.Errorf("%s.privateEndpoint: a created registry has public access disabled; its private endpoint cannot be turned off", f))
	}
	if p.name == "" {
		p.name = "mlr-" + workload
	}
	if err := naming.CheckType("Microsoft.MachineLearningServices/registries", p.name); err != nil {
		add(fmt.Errorf("%s.name: %w", f, err))
	}
	if p.storage == "" {
		p.storage = "Standard_LRS"
	}
	add(oneOf(f+".storageAccountType", p.storage, RegistryStorageAccountTypes...))
	primary, _ := knownString(location)
	seen := map[string]bool{primary: true}
	for i, r := range a.ReplicationLocations {
		rf := fmt.Sprintf("%s.replicationLocations[%d]", f, i)
		add(checkLocation(rf, pulumi.String(r)))
		if seen[r] {
			add(fmt.Errorf("%s: %q is listed twice (or is the primary location)", rf, r))
		}
		seen[r] = true
		p.regions = append(p.regions, r)
	}
	return p, errors.Join(errs...)
}

// buildMLRegistry creates the registry (public access off, a Premium container registry and
// storage without public blob access in each region, diagnostics to the central Log Analytics,
// a private endpoint), or uses the given one; either way MlRegistryId is its id.
func (c *SharedServices) buildMLRegistry(ctx *pulumi.Context, name string, p *sharedServicesPlan, endpoints *privatelink.Args, tags pulumi.StringMap) error {
	r, a := p.mlRegistry, p.args
	c.mlRegistryAccess = r.access
	if !r.create {
		c.MlRegistryId = r.args.ExistingRegistryId.ToStringOutput()
	} else {
		region := func(loc pulumi.StringInput) *azureml.RegistryRegionArmDetailsArgs {
			return &azureml.RegistryRegionArmDetailsArgs{
				Location: loc.ToStringOutput().ToStringPtrOutput(),
				// Premium: the SKU with private endpoints (learn.microsoft.com/azure/container-registry/container-registry-private-link).
				AcrDetails: []*azureml.AcrDetailsArgs{{SystemCreatedAcrAccount: &azureml.SystemCreatedAcrAccountArgs{
					AcrAccountSku: pulumi.String(containerRegistrySku)}}},
				StorageAccountDetails: []*azureml.StorageAccountDetailsArgs{{SystemCreatedStorageAccount: &azureml.SystemCreatedStorageAccountArgs{
					AllowBlobPublicAccess:    pulumi.Bool(false),
					StorageAccountHnsEnabled: pulumi.Bool(false),
					StorageAccountType:       pulumi.String(r.storage)}}},
			}
		}
		regions := []*azureml.RegistryRegionArmDetailsArgs{region(a.Location)}
		for _, loc := range r.regions {
			regions = append(regions, region(pulumi.String(loc)))
		}
		reg, err := azureml.NewRegistry(ctx, name+"-mlr", &azureml.RegistryArgs{
			RegistryName:      pulumi.String(r.name),
			ResourceGroupName: a.ResourceGroupName,
			Location:          a.Location,
			// The registry's own identity reaches its system-created storage and registry.
			Identity: &azureml.ManagedServiceIdentityArgs{Type: pulumi.String("SystemAssigned")},
			RegistryProperties: &azureml.RegistryPropertiesArgs{
				// azure-ai-docs how-to-registry-network-isolation: private endpoint, public access disabled.
				PublicNetworkAccess: pulumi.String("Disabled"),
				RegionDetails:       regions,
			},
			Tags: tags,
		}, childOpts(c, pulumi.Protect(a.Protect))...)
		if err != nil {
			return err
		}
		c.MlRegistryId = reg.ID().ToStringOutput()
		// Registries emit logs only (RegistryAssetReadEvent, RegistryAssetWriteEvent):
		// learn.microsoft.com/azure/azure-monitor/reference/supported-logs/microsoft-machinelearningservices-registries-logs
		if _, err := diagnostics.Enable(ctx, c, name+"-mlr-diag", c.MlRegistryId, c.LogAnalyticsWorkspaceId, diagnostics.LogsOnly); err != nil {
			return err
		}
	}
	if !r.endpoint || endpoints == nil {
		return nil
	}
	physical := r.name
	if !r.create {
		if v, ok := knownString(r.args.ExistingRegistryId); ok {
			physical = lastSegment(v)
		} else {
			physical = "mlr"
		}
	}
	_, err := privatelink.Deploy(ctx, c, name, endpoints,
		privatelink.Common{ResourceGroupName: a.ResourceGroupName, Location: a.Location, Tags: tags},
		[]privatelink.Target{{Key: "mlr", ID: c.MlRegistryId, PhysicalName: physical, GroupIDs: []string{privatelink.GroupMLRegistry}}})
	return err
}

func lastSegment(id string) string {
	for i := len(id) - 1; i >= 0; i-- {
		if id[i] == '/' {
			return id[i+1:]
		}
	}
	return id
}

// WorkspaceMlRegistry returns the registry access arguments for an MLOpsWorkspace of this
// environment (nil when SharedServices has no mlRegistry).
func (c *SharedServices) WorkspaceMlRegistry() *WorkspaceMlRegistryArgs {
	if c.mlRegistryAccess == "" {
		return nil
	}
	return &WorkspaceMlRegistryArgs{RegistryId: c.MlRegistryId, Access: c.mlRegistryAccess}
}
