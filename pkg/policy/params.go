package policy

import (
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/profile"
)

// Config is the pack configuration for an environment's guardrails: rule id -> parameter ->
// value, the shape `pulumi preview --policy-pack-config` takes.
func Config(g profile.Guardrails) map[string]map[string]any {
	cfg := map[string]map[string]any{
		"deny_ml_workspace_hbi": {"required": g.RequireHbi},
		"deny_compute_scale": {
			"maxNodeCount": g.MaxNodeCount,
			"minNodeCount": g.MinNodeCount,
			"maxNodeIdleTimeInSecondsBeforeScaleDown": g.MaxNodeIdleSeconds,
		},
	}
	if g.MaxComputeInstanceIdleMinutes > 0 {
		cfg["deny_compute_instance_idle_limit"] = map[string]any{"maxIdleMinutes": g.MaxComputeInstanceIdleMinutes}
	}
	if g.ComputeInstancesRefused {
		cfg["deny_compute_instance_allowed"] = map[string]any{"allowed": false}
	}
	if len(g.AllowedIsolationModes) > 0 {
		cfg["deny_ml_workspace_isolation_mode"] = map[string]any{"allowedIsolationModes": g.AllowedIsolationModes}
	}
	if len(g.AllowedVmSizes) > 0 {
		cfg["deny_compute_vm_size"] = map[string]any{"allowedVmSizes": g.AllowedVmSizes}
	}
	if len(g.AllowedSubnetIds) > 0 {
		cfg["deny_compute_subnet"] = map[string]any{"allowedSubnetIds": g.AllowedSubnetIds}
	}
	if len(g.AllowedRegistries) > 0 {
		cfg["stack_deny_ml_workspace_registry"] = map[string]any{"allowedRegistries": g.AllowedRegistries}
	}
	if g.CentralWorkspaceId != "" {
		cfg["stack_deny_diagnostics"] = map[string]any{"centralWorkspaceId": g.CentralWorkspaceId}
	}
	return cfg
}
