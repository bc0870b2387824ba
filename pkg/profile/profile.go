// Package profile holds the environment profiles (dev, test, prod: defaults and limits), the
// guardrails derived from them, the stack files as the Pulumi CLI reads them, and the
// reflective decoder that turns config values into typed Go values (the component types
// themselves, see package platform). Errors carry the config key path
// (projects[1].computeClusters[0].maxNodes).
package profile

import (
	"fmt"
	"regexp"
)

var subnetID = regexp.MustCompile(`(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\.Network/virtualNetworks/[^/]+/subnets/[^/]+$`)

// Profile holds an environment's defaults and limits.
type Profile struct {
	Name string
	// Managed network isolation mode used unless config says otherwise.
	IsolationMode string
	// Isolation modes config may choose in this environment.
	AllowedIsolationModes []string
	LogRetentionDays      int
	// Protect stateful resources from deletion.
	Protect bool
	// High-business-impact workspaces.
	HighBusinessImpact bool
	StorageSku         string
	KeyVaultSku        string
	// Zone-redundant registry (and ZRS storage) where the region offers zones.
	ZoneRedundancy bool
	// Upper bound on maxNodes of any cluster (a cost guardrail).
	MaxNodesPerCluster int
	// Provision managed networks at workspace creation.
	ProvisionManagedNetwork bool
	// Effect of the Azure Policy assignments (Governance): Audit reports, Deny blocks.
	PolicyEffect string
	// Create an Azure Monitor Private Link Scope for Log Analytics and Application Insights
	// (private-only ingestion and query).
	MonitorPrivateLinkScope bool
	// What the workspaces may do with the shared Azure ML registry (components.RegistryAccess*):
	// Publish in dev and test, Consume (read only) in prod, which runs what was promoted.
	RegistryAccess string
	// What each workspace's default storage keeps (components.DataLifecycleArgs).
	Lifecycle Lifecycle
	// Personal compute instances are allowed (prod refuses them unless the stack allows them).
	ComputeInstances bool
	// People read data but never write it (access.readOnlyData of every project).
	HumanDataReadOnly bool
	// What the environment's operations do by default (components.OperationsArgs).
	Operations Operations
}

// Operations are an environment's defaults for budgets, alerts and resilience: whether
// alerts page (severity 1 and webhooks) or only email, whether the platform workbook is
// deployed, whether stateful resources get CanNotDelete locks, and whether each project
// registry is geo-replicated to the location's Azure pair.
type Operations struct {
	Paging               bool
	Workbook             bool
	Locks                bool
	GeoReplicateRegistry bool
}

// Lifecycle is an environment's data lifecycle on the workspaces' default storage: soft
// delete of blobs and containers, versioning, and the ages (days) at which job logs/run
// history are tiered to cool and deleted, job code snapshots deleted and previous versions
// deleted (0: never).
type Lifecycle struct {
	SoftDeleteDays                  int
	Versioning                      bool
	RunArtifactsCoolAfterDays       int
	RunArtifactsDeleteAfterDays     int
	SnapshotsDeleteAfterDays        int
	PreviousVersionsDeleteAfterDays int
}

// Profiles are the built-in environment profiles.
var Profiles = map[string]Profile{
	// Cheaper, short retention, internet outbound allowed for experimentation.
	"dev": {Name: "dev", RegistryAccess: "Publish", IsolationMode: "AllowInternetOutbound",
		AllowedIsolationModes: []string{"AllowInternetOutbound", "AllowOnlyApprovedOutbound"},
		LogRetentionDays:      30, StorageSku: "Standard_LRS", KeyVaultSku: "standard", MaxNodesPerCluster: 8, PolicyEffect: "Audit", ComputeInstances: true,
		Lifecycle:  Lifecycle{SoftDeleteDays: 7, RunArtifactsCoolAfterDays: 30, RunArtifactsDeleteAfterDays: 90, SnapshotsDeleteAfterDays: 90},
		Operations: Operations{Workbook: true}},
	// Production-like network, moderate retention.
	"test": {Name: "test", RegistryAccess: "Publish", IsolationMode: "AllowOnlyApprovedOutbound",
		AllowedIsolationModes: []string{"AllowOnlyApprovedOutbound"},
		LogRetentionDays:      60, StorageSku: "Standard_ZRS", KeyVaultSku: "standard", MaxNodesPerCluster: 16, PolicyEffect: "Audit", ComputeInstances: true,
		Lifecycle:  Lifecycle{SoftDeleteDays: 30, RunArtifactsCoolAfterDays: 30, RunArtifactsDeleteAfterDays: 180, SnapshotsDeleteAfterDays: 180},
		Operations: Operations{Workbook: true}},
	// Approved outbound only, protected stateful resources, long retention, HBI, zone redundancy.
	"prod": {Name: "prod", RegistryAccess: "Consume", IsolationMode: "AllowOnlyApprovedOutbound",
		AllowedIsolationModes: []string{"AllowOnlyApprovedOutbound"},
		LogRetentionDays:      365, Protect: true, HighBusinessImpact: true, StorageSku: "Standard_GZRS", KeyVaultSku: "premium",
		ZoneRedundancy: true, MaxNodesPerCluster: 64, ProvisionManagedNetwork: true, PolicyEffect: "Deny", MonitorPrivateLinkScope: true,
		HumanDataReadOnly: true,
		// Versioning on, and previous versions kept as long as deleted blobs stay recoverable.
		Lifecycle: Lifecycle{SoftDeleteDays: 90, Versioning: true, RunArtifactsCoolAfterDays: 30, RunArtifactsDeleteAfterDays: 365,
			SnapshotsDeleteAfterDays: 365, PreviousVersionsDeleteAfterDays: 90},
		// Prod pages on-call; its stateful resources cannot be deleted in one click; its images
		// survive a regional outage.
		Operations: Operations{Paging: true, Workbook: true, Locks: true, GeoReplicateRegistry: true}},
}

// ProfileNames lists the profiles in order.
var ProfileNames = []string{"dev", "test", "prod"}

// Policy holds the environment's policy parameters beyond what its profile implies.
type Policy struct {
	// VM sizes compute clusters may use (default: the ALZ list, policies/compute.rego).
	AllowedVmSizes []string `json:"allowedVmSizes,omitempty"`
	// Longest idle time before a cluster scales down, in minutes (1-10080; default 15).
	MaxNodeIdleMinutes int `json:"maxNodeIdleMinutes,omitempty"`
	// Subnets compute outside the managed network may join (default: any).
	AllowedSubnetIds []string `json:"allowedSubnetIds,omitempty"`
	// Registries a workspace may use besides the one the stack creates.
	AllowedRegistries []string `json:"allowedRegistries,omitempty"`
	// Require high-business-impact workspaces (default: the profile's highBusinessImpact).
	RequireHbi *bool `json:"requireHbi,omitempty"`
	// Effect of the Azure Policy assignments: Audit or Deny (profile default: prod Deny).
	Effect string `json:"effect,omitempty"`
	// Longest idle time of a compute instance before it stops, in minutes (15-4320; default 60).
	MaxComputeInstanceIdleMinutes int `json:"maxComputeInstanceIdleMinutes,omitempty"`
}

// Guardrails are an environment's policy parameters: its profile's limits overridden by the
// stack's policy configuration. The offline policy pack and the Azure Policy assignments
// (Governance) both use them.
type Guardrails struct {
	Effect                string
	AllowedIsolationModes []string
	RequireHbi            bool
	MaxNodeCount          int
	MinNodeCount          int
	MaxNodeIdleSeconds    int
	AllowedVmSizes        []string
	AllowedSubnetIds      []string
	AllowedRegistries     []string
	CentralWorkspaceId    string
	// Longest idle time of a compute instance, in minutes.
	MaxComputeInstanceIdleMinutes int
	// Compute instances are refused in the environment.
	ComputeInstancesRefused bool
	// The environment creates an Azure ML registry (Governance then assigns the registry policy).
	MlRegistries bool
}

// GuardrailsOf returns an environment's policy parameters: its profile's limits, overridden
// by its policy configuration; centralWorkspaceID is the existing Log Analytics workspace, if any.
func GuardrailsOf(prof Profile, pol Policy, centralWorkspaceID string) Guardrails {
	g := Guardrails{
		Effect:                prof.PolicyEffect,
		AllowedIsolationModes: prof.AllowedIsolationModes,
		RequireHbi:            prof.HighBusinessImpact,
		MaxNodeCount:          prof.MaxNodesPerCluster,
		MaxNodeIdleSeconds:    900,
		AllowedVmSizes:        pol.AllowedVmSizes,
		AllowedSubnetIds:      pol.AllowedSubnetIds,
		AllowedRegistries:     pol.AllowedRegistries,
		CentralWorkspaceId:    centralWorkspaceID,
		// The default idle shutdown of a compute instance is also its default limit.
		MaxComputeInstanceIdleMinutes: 60,
		ComputeInstancesRefused:       !prof.ComputeInstances,
	}
	if pol.MaxComputeInstanceIdleMinutes > 0 {
		g.MaxComputeInstanceIdleMinutes = pol.MaxComputeInstanceIdleMinutes
	}
	if pol.Effect != "" {
		g.Effect = pol.Effect
	}
	if pol.MaxNodeIdleMinutes > 0 {
		g.MaxNodeIdleSeconds = pol.MaxNodeIdleMinutes * 60
	}
	if pol.RequireHbi != nil {
		g.RequireHbi = *pol.RequireHbi
	}
	return g
}

// Check validates the policy configuration; field is its config key ("policy").
func (p Policy) Check(field string) []error {
	var errs []error
	if e := p.Effect; e != "" && e != "Audit" && e != "Deny" {
		errs = append(errs, fmt.Errorf("%s.effect: unknown value %q (allowed: Audit, Deny)", field, e))
	}
	if p.MaxNodeIdleMinutes < 0 || p.MaxNodeIdleMinutes > 7*24*60 {
		errs = append(errs, fmt.Errorf("%s.maxNodeIdleMinutes: must be 1-10080 (it is %d)", field, p.MaxNodeIdleMinutes))
	}
	// learn.microsoft.com/azure/machine-learning/how-to-create-compute-instance#configure-idle-shutdown:
	// an instance idles at least 15 minutes and at most three days.
	if m := p.MaxComputeInstanceIdleMinutes; m != 0 && (m < 15 || m > 3*24*60) {
		errs = append(errs, fmt.Errorf("%s.maxComputeInstanceIdleMinutes: must be 15-4320 (it is %d)", field, m))
	}
	for i, id := range p.AllowedSubnetIds {
		if !subnetID.MatchString(id) {
			errs = append(errs, fmt.Errorf("%s.allowedSubnetIds[%d]: %q is not a subnet id (/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>)", field, i, id))
		}
	}
	return errs
}
