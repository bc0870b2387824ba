package platform

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/azure-mlops/pulumi-azure-mlops/components"
)

// Azure limits a configuration must fit, each with its Microsoft source. The platform checks
// them before anything is registered (validatePlatform), so an environment Azure would refuse
// halfway through is refused up front.
const (
	// Standard storage accounts per region per subscription (default; support can raise it).
	// learn.microsoft.com/azure/storage/common/scalability-targets-standard-account
	maxStorageAccountsPerRegion = 250
	// Resources of one type in one resource group. Private endpoints, storage accounts, NSGs
	// and private DNS zones are exempt (resources-without-resource-group-limit); the types this
	// package makes per project that are not: workspaces, registries, vaults, identities.
	// learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#resource-group-limits
	maxResourcesPerTypePerGroup = 800
	// Addresses Azure reserves in every subnet (the first four and the last).
	// learn.microsoft.com/azure/virtual-network/virtual-networks-faq#are-there-any-restrictions-on-using-ip-addresses-within-these-subnets
	reservedSubnetAddresses = 5
	// Role assignments per subscription.
	// learn.microsoft.com/azure/role-based-access-control/troubleshoot-limits
	maxRoleAssignmentsPerSubscription = 4000
)

// subnetCapacity is the number of addresses a subnet prefix leaves for private endpoints
// (each endpoint takes one), or -1 when prefix does not parse.
func subnetCapacity(prefix string) int {
	p, err := netip.ParsePrefix(prefix)
	if err != nil || !p.Addr().Is4() {
		return -1
	}
	return 1<<(32-p.Bits()) - reservedSubnetAddresses
}

// limitErrors checks an environment's planned counts against Azure's limits.
func limitErrors(projects, privateEndpoints, roleAssignments int, endpointSubnetPrefix string) []error {
	var errs []error
	if roleAssignments > maxRoleAssignmentsPerSubscription {
		errs = append(errs, fmt.Errorf("projects: the environment makes %d role assignments; Azure allows %d per subscription (troubleshoot-limits), fewer when the subscription has others",
			roleAssignments, maxRoleAssignmentsPerSubscription))
	}
	if projects > maxStorageAccountsPerRegion {
		errs = append(errs, fmt.Errorf("projects: %d projects need %d storage accounts in one region; Azure allows %d per region per subscription (scalability-targets-standard-account)",
			projects, projects, maxStorageAccountsPerRegion))
	}
	// Two user-assigned identities per project: the most numerous limited type.
	if identities := 2 * projects; identities > maxResourcesPerTypePerGroup {
		errs = append(errs, fmt.Errorf("projects: %d projects need %d user-assigned identities in the resource group; Azure allows %d resources of a type per resource group",
			projects, identities, maxResourcesPerTypePerGroup))
	}
	if c := subnetCapacity(endpointSubnetPrefix); c >= 0 && privateEndpoints > c {
		errs = append(errs, fmt.Errorf("network.privateEndpointSubnetPrefix: %s has %d usable addresses (Azure reserves %d per subnet), but the environment's %d private endpoints need one each; use a larger prefix",
			endpointSubnetPrefix, c, reservedSubnetAddresses, privateEndpoints))
	}
	return errs
}

// computeInstanceNameErrors refuses a compute instance whose name another project of the
// environment already gives a compute. learn.microsoft.com/azure/machine-learning/how-to-create-compute-instance
// ("Compute name"): "Name needs to be unique across all existing computes within an Azure
// region" (an instance is <instance-name>.<region>.instances.azureml.ms: how-to-custom-dns), and an
// environment's projects share its region. Each workspace checks its own computes
// (components.MLOpsWorkspaceArgs.Validate); this checks them across workspaces. Clusters are
// not held to it: the cluster page repeats the sentence, but Microsoft's walkthroughs have every
// reader create a cluster named cpu-cluster in their own workspace
// (learn.microsoft.com/azure/machine-learning/how-to-create-component-pipelines-cli), which a
// region-wide rule would refuse to all readers but the first.
func computeInstanceNameErrors(projects []components.MLOpsWorkspaceArgs) []error {
	type owner struct {
		project int
		what    string
	}
	computes := map[string][]owner{} // lower-case compute name -> the computes of that name
	for i, p := range projects {
		for j, c := range p.ComputeClusters {
			computes[strings.ToLower(c.Name)] = append(computes[strings.ToLower(c.Name)], owner{i, fmt.Sprintf("computeClusters[%d]", j)})
		}
		for j, c := range p.ComputeInstances {
			computes[strings.ToLower(c.Name)] = append(computes[strings.ToLower(c.Name)], owner{i, fmt.Sprintf("computeInstances[%d]", j)})
		}
	}
	var errs []error
	for i, p := range projects {
		for j, c := range p.ComputeInstances {
			same := 0
			for _, o := range computes[strings.ToLower(c.Name)] {
				if o.project == i {
					same++
				}
			}
			if c.Name == "" || same > 1 { // a collision in its own workspace: the workspace reports it
				continue
			}
			// An instance takes the name from another project's cluster (clusters may repeat),
			// or from an earlier project's instance (the first keeps it, as within a workspace).
			for _, o := range computes[strings.ToLower(c.Name)] {
				if o.project != i && (o.project < i || strings.HasPrefix(o.what, "computeClusters")) {
					errs = append(errs, fmt.Errorf("projects[%d].computeInstances[%d].name: %q is also projects[%d].%s (%s); Azure wants a compute instance's name unique among the computes of the region (how-to-create-compute-instance), so include the project, e.g. %q",
						i, j, c.Name, o.project, o.what, projects[o.project].Project, p.Project+"-"+strings.ToLower(c.Name)))
					break
				}
			}
		}
	}
	return errs
}
