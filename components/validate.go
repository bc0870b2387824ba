package components

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

// The platform program (package platform) composes the components and checks all their
// arguments before it registers the first resource; these run the same checks each
// constructor runs first, without registering anything.

// Validate checks the arguments as NewSharedServices would.
func (a *SharedServicesArgs) Validate() error {
	_, err := a.plan()
	return err
}

// Validate checks the arguments as NewGovernance would.
func (a *GovernanceArgs) Validate() error {
	_, err := a.plan()
	return err
}

// WorkspaceFootprint is what one workspace adds to its environment's Azure limits.
type WorkspaceFootprint struct {
	// PrivateEndpoints in the environment's endpoint subnet: workspace, registry, one per
	// storage group, and the workspace's own vault.
	PrivateEndpoints int
	// RoleAssignments the workspace makes.
	RoleAssignments int
}

// Validate checks the arguments as NewMLOpsWorkspace would and returns the workspace's
// footprint.
func (a *MLOpsWorkspaceArgs) Validate() (WorkspaceFootprint, error) {
	p, err := a.plan()
	if err != nil {
		return WorkspaceFootprint{}, err
	}
	fp := WorkspaceFootprint{PrivateEndpoints: 2 + len(p.storageGroups), RoleAssignments: p.roleAssignments}
	if p.ownVault {
		fp.PrivateEndpoints++
	}
	return fp, nil
}

// TagsFor returns the tags every resource of a component carries: the caller's tags plus the
// platform's own, which the caller cannot override.
func TagsFor(user map[string]string, workload, environment, component string) pulumi.StringMap {
	return tagsFor(user, workload, environment, component)
}

// CheckTags validates tags as every component does (field is the path reported).
func CheckTags(field string, tags map[string]string) error { return checkTags(field, tags) }
