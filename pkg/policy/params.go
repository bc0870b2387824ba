package policy

import (
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/profile"
)

// Params are an environment's policy parameters.
type Params struct {
	AllowedIsolationModes []string
	RequireHbi            bool
	MaxNodeCount          int
	MinNodeCount          int
	MaxNodeIdleSeconds    int
	AllowedVmSizes        []string
	AllowedSubnetIds      []string
	AllowedRegistries     []string
	CentralWorkspaceId    string
}

// ParamsFor derives the parameters from an environment: its profile's limits, overridden by
// the stack's `policy` configuration.
func ParamsFor(env *profile.Environment) Params {
	p := Params{
		AllowedIsolationModes: env.Profile.AllowedIsolationModes,
		RequireHbi:            env.Profile.HighBusinessImpact,
		MaxNodeCount:          env.Profile.MaxNodesPerCluster,
		MaxNodeIdleSeconds:    900,
		CentralWorkspaceId:    env.ExistingLogAnalyticsWorkspaceId,
	}
	c := env.Policy
	if len(c.AllowedVmSizes) > 0 {
		p.AllowedVmSizes = c.AllowedVmSizes
	}
	if c.MaxNodeIdleMinutes > 0 {
		p.MaxNodeIdleSeconds = c.MaxNodeIdleMinutes * 60
	}
	p.AllowedSubnetIds = c.AllowedSubnetIds
	p.AllowedRegistries = c.AllowedRegistries
	if c.RequireHbi != nil {
		p.RequireHbi = *c.RequireHbi
	}
	return p
}

// Config is the pack configuration for these parameters: rule id -> parameter -> value, the
// shape `pulumi preview --policy-pack-config` takes.
func (p Params) Config() map[string]map[string]any {
	cfg := map[string]map[string]any{
		"deny_ml_workspace_hbi": {"required": p.RequireHbi},
		"deny_compute_scale": {
			"maxNodeCount": p.MaxNodeCount,
			"minNodeCount": p.MinNodeCount,
			"maxNodeIdleTimeInSecondsBeforeScaleDown": p.MaxNodeIdleSeconds,
		},
	}
	if len(p.AllowedIsolationModes) > 0 {
		cfg["deny_ml_workspace_isolation_mode"] = map[string]any{"allowedIsolationModes": p.AllowedIsolationModes}
	}
	if len(p.AllowedVmSizes) > 0 {
		cfg["deny_compute_vm_size"] = map[string]any{"allowedVmSizes": p.AllowedVmSizes}
	}
	if len(p.AllowedSubnetIds) > 0 {
		cfg["deny_compute_subnet"] = map[string]any{"allowedSubnetIds": p.AllowedSubnetIds}
	}
	if len(p.AllowedRegistries) > 0 {
		cfg["stack_deny_ml_workspace_registry"] = map[string]any{"allowedRegistries": p.AllowedRegistries}
	}
	if p.CentralWorkspaceId != "" {
		cfg["stack_deny_diagnostics"] = map[string]any{"centralWorkspaceId": p.CentralWorkspaceId}
	}
	return cfg
}
