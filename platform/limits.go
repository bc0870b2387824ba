package platform

import (
	"fmt"
	"net/netip"
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
