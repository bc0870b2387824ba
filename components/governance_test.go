package components

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/naming"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/plan"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/rbac"
)

const rgScope = "/subscriptions/" + testSub + "/resourceGroups/" + testRG

// governanceArgs: an environment that creates an Azure ML registry.
func governanceArgs() *GovernanceArgs {
	return &GovernanceArgs{Scope: pulumi.String(rgScope), Location: pulumi.String("westeurope"), Workload: "mlops", Environment: "dev", MlRegistries: true}
}

// Without a registry of its own the environment gets no registry definition.
func TestGovernanceRegistryPolicyOnlyWithARegistry(t *testing.T) {
	a := governanceArgs()
	a.MlRegistries = false
	rs := run(t, func(ctx *pulumi.Context) error { _, err := NewGovernance(ctx, "gov", a); return err })
	for _, d := range plan.Filter(rs, "azure-native:authorization:PolicyDefinition") {
		assert.NotEqual(t, "mlops-dev-ml-registry-public", d.Input("policyDefinitionName"))
	}
}

func assignmentsByDefinition(rs []plan.Resource) map[string]plan.Resource {
	out := map[string]plan.Resource{}
	for _, a := range plan.Filter(rs, "azure-native:authorization:PolicyAssignment") {
		id := a.Input("policyDefinitionId").(string)
		out[id[strings.LastIndex(id, "/")+1:]] = a
	}
	return out
}

func TestGovernanceAssignsBuiltinsAndLandingZonePolicies(t *testing.T) {
	rs := run(t, func(ctx *pulumi.Context) error {
		_, err := NewGovernance(ctx, "gov", governanceArgs())
		return err
	})
	byDef := assignmentsByDefinition(rs)
	for _, guid := range []string{BuiltinWorkspacePrivateLink, BuiltinWorkspaceUserAssignedIdentity, BuiltinWorkspacePublicNetworkAccess, BuiltinConfigureComputeLocalAuth} {
		a, ok := byDef[guid]
		require.True(t, ok, "built-in %s is assigned", guid)
		assert.Equal(t, rgScope, a.Input("scope"))
		assert.Equal(t, "/providers/Microsoft.Authorization/policyDefinitions/"+guid, a.Input("policyDefinitionId"))
	}
	assert.Equal(t, "Audit", byDef[BuiltinWorkspaceUserAssignedIdentity].Input("parameters.effect.value"), "dev audits")
	assert.Equal(t, "Audit", byDef[BuiltinWorkspacePrivateLink].Input("parameters.effect.value"), "this built-in allows Audit only")
	assert.Equal(t, "Modify", byDef[BuiltinConfigureComputeLocalAuth].Input("parameters.effect.value"))
	_, registries := byDef[BuiltinAllowedRegistries]
	assert.False(t, registries, "no allowed registries given, no assignment")
	_, dine := byDef[BuiltinConfigureWorkspacePrivateEndpoints]
	assert.False(t, dine, "the platform creates its own endpoints; the DINE policy would race it")

	// The Modify assignment remediates through its own identity, which gets the role the
	// definition names, at the same scope.
	modify := byDef[BuiltinConfigureComputeLocalAuth]
	assert.Equal(t, "SystemAssigned", modify.Input("identity.type"))
	assert.Equal(t, "westeurope", modify.Input("location"))
	var remediation plan.Resource
	for _, ra := range plan.Filter(rs, "azure-native:authorization:RoleAssignment") {
		remediation = ra
	}
	require.NotEmpty(t, remediation.URN)
	assert.Equal(t, modify.Outputs["identity"].ObjectValue()["principalId"].StringValue(), remediation.Input("principalId"))
	assert.Equal(t, rbac.Contributor.DefinitionID(rgScope), remediation.Input("roleDefinitionId"))
	assert.Equal(t, rgScope, remediation.Input("scope"))
	assert.Len(t, plan.Filter(rs, "azure-native:authorization:RoleAssignment"), 1)

	// Landing-zone custom definitions and their assignments.
	defs := map[string]plan.Resource{}
	for _, d := range plan.Filter(rs, "azure-native:authorization:PolicyDefinition") {
		defs[d.Input("policyDefinitionName").(string)] = d
		assert.Equal(t, "Custom", d.Input("policyType"))
		assert.Equal(t, "[parameters('effect')]", d.Input("policyRule.then.effect"))
	}
	assert.ElementsMatch(t, []string{"mlops-dev-ml-public-behind-vnet", "mlops-dev-ml-aks",
		"mlops-dev-ml-compute-subnet", "mlops-dev-ml-compute-vm-size",
		"mlops-dev-ml-cluster-ssh", "mlops-dev-ml-cluster-scale", "mlops-dev-ml-registry-public"},
		keys(defs), "HBI is not required in this environment")
	// The package's own definition for Azure ML registries: public network access must be
	// Disabled (missing counts as not disabled), with the environment's effect.
	reg := defs["mlops-dev-ml-registry-public"]
	assert.Equal(t, "Microsoft.MachineLearningServices/registries", reg.Input("policyRule.if.allOf[0].equals"))
	assert.Equal(t, "Microsoft.MachineLearningServices/registries/publicNetworkAccess", reg.Input("policyRule.if.allOf[1].anyOf[1].field"))
	assert.Equal(t, "Disabled", reg.Input("policyRule.if.allOf[1].anyOf[1].notEquals"))
	assert.Equal(t, false, reg.Input("policyRule.if.allOf[1].anyOf[0].exists"))
	assert.Equal(t, "Audit", byDef["mlops-dev-ml-registry-public"].Input("parameters.effect.value"))
	scale := byDef["mlops-dev-ml-cluster-scale"]
	assert.Equal(t, float64(10), scale.Input("parameters.maxNodeCount.value"))
	assert.Equal(t, float64(900), scale.Input("parameters.maxNodeIdleTimeInSecondsBeforeScaleDown.value"))
	assert.Equal(t, "Audit", scale.Input("parameters.effect.value"))
	assert.Contains(t, scale.Dependencies, defs["mlops-dev-ml-cluster-scale"].URN)
	vm := byDef["mlops-dev-ml-compute-vm-size"]
	assert.Contains(t, vm.Input("parameters.allowedVmSizes.value"), "Standard_DS3_v2")

	// The documented exemption: managed-network computes have no subnet.
	ex := plan.Filter(rs, "azure-native:authorization:PolicyExemption")
	require.Len(t, ex, 1)
	assert.Equal(t, byDef["mlops-dev-ml-compute-subnet"].ID, ex[0].Input("policyAssignmentId"))
	assert.Equal(t, "Mitigated", ex[0].Input("exemptionCategory"))
	assert.Equal(t, rgScope, ex[0].Input("scope"))
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestGovernanceProdDeniesAndOptionalAssignments(t *testing.T) {
	args := governanceArgs()
	args.Environment, args.Effect, args.RequireHbi = "prod", "Deny", true
	args.MaxNodeCount, args.MaxNodeIdleSeconds = 64, 1800
	args.AllowedVmSizes = []string{"Standard_DS3_v2", "Standard_NC4as_T4_v3"}
	args.AllowedRegistries = pulumi.StringArray{pulumi.String("crfraudprod.azurecr.io")}
	args.PrivateEndpointSubnetId = pulumi.String(peSubnet)
	no := false
	args.ExemptManagedNetworkComputes = &no
	rs := run(t, func(ctx *pulumi.Context) error {
		_, err := NewGovernance(ctx, "gov", args)
		return err
	})
	byDef := assignmentsByDefinition(rs)
	assert.Equal(t, "Deny", byDef[BuiltinWorkspaceUserAssignedIdentity].Input("parameters.effect.value"))
	assert.Equal(t, "Deny", byDef["mlops-prod-ml-hbi"].Input("parameters.effect.value"))
	assert.Equal(t, []any{"crfraudprod.azurecr.io"}, byDef[BuiltinAllowedRegistries].Input("parameters.allowedACRs.value"))
	assert.Equal(t, peSubnet, byDef[BuiltinConfigureWorkspacePrivateEndpoints].Input("parameters.privateEndpointSubnetId.value"))
	assert.Equal(t, []any{"Standard_DS3_v2", "Standard_NC4as_T4_v3"}, byDef["mlops-prod-ml-compute-vm-size"].Input("parameters.allowedVmSizes.value"))
	assert.Equal(t, float64(64), byDef["mlops-prod-ml-cluster-scale"].Input("parameters.maxNodeCount.value"))
	assert.Empty(t, plan.Filter(rs, "azure-native:authorization:PolicyExemption"))
	roles := map[string]bool{}
	for _, ra := range plan.Filter(rs, "azure-native:authorization:RoleAssignment") {
		roles[rbac.NameOf(ra.Input("roleDefinitionId").(string))] = true
	}
	assert.Equal(t, map[string]bool{"Contributor": true, "Network Contributor": true}, roles)
}

func TestGovernanceBadInput(t *testing.T) {
	cases := []badCase[GovernanceArgs]{
		{"missing scope", func(a *GovernanceArgs) { a.Scope = nil }, "governance.scope: required"},
		{"scope not a subscription or group", func(a *GovernanceArgs) { a.Scope = pulumi.String(sharedKV) }, "governance.scope"},
		{"unknown effect", func(a *GovernanceArgs) { a.Effect = "Block" }, `governance.effect: unknown value "Block"`},
		{"bad vm size", func(a *GovernanceArgs) { a.AllowedVmSizes = []string{"big"} }, "governance.allowedVmSizes[0]"},
		{"retired vm size", func(a *GovernanceArgs) { a.AllowedVmSizes = []string{"Standard_DS3_v2", "Standard_NC24s_v3"} },
			"governance.allowedVmSizes[1]: Standard_NC24s_v3 (NCv3 series) was retired on 2025-09-30"},
		{"bad subnet", func(a *GovernanceArgs) { a.PrivateEndpointSubnetId = pulumi.String("snet") }, "governance.privateEndpointSubnetId"},
	}
	assertBadInput(t, governanceArgs, func(ctx *pulumi.Context, a *GovernanceArgs) error {
		_, err := NewGovernance(ctx, "gov", a)
		return err
	}, cases)
}

// TestGovernanceNamesFitAzureLimits: with the longest workload and environment, every policy
// definition, assignment and exemption name fits Azure's 64-character limit (the ALZ names
// alone reach 62, so "<prefix>-<ALZ name>" did not).
func TestGovernanceNamesFitAzureLimits(t *testing.T) {
	a := governanceArgs()
	a.Workload, a.Environment = "platform-mlops-x", "preprod8"
	a.RequireHbi = true
	rs := run(t, func(ctx *pulumi.Context) error {
		_, err := NewGovernance(ctx, "gov", a)
		return err
	})
	n := 0
	for _, r := range rs {
		if typ, name, ok := plan.PhysicalName(r); ok && strings.HasPrefix(typ, "Microsoft.Authorization/policy") {
			assert.NoError(t, naming.CheckType(typ, name))
			n++
		}
	}
	assert.Equal(t, 8+5+8+1, n, "8 definitions, 5 built-in and 8 custom assignments, 1 exemption")
}

// TestGovernanceDeploysALZsScaleExpression: the idle-time condition deployed is ALZ's, verbatim
// (vendored), and the value compute clusters send is one that expression parses.
func TestGovernanceDeploysALZsScaleExpression(t *testing.T) {
	rs := run(t, func(ctx *pulumi.Context) error {
		_, err := NewGovernance(ctx, "gov", governanceArgs())
		return err
	})
	def := must(t, rs, "azure-native:authorization:PolicyDefinition", "gov-Deny-MachineLearning-ComputeCluster-Scale")
	cond := def.Input("policyRule.if.allOf").([]any)[2].(map[string]any)["anyOf"].([]any)[2].(map[string]any)
	assert.Equal(t, "[int(last(split(replace(replace(replace(replace(replace(replace(replace(field('Microsoft.MachineLearningServices/workspaces/computes/scaleSettings.nodeIdleTimeBeforeScaleDown'), 'P', '/'), 'Y', '/'), 'M', '/'), 'D', '/'), 'T', '/'), 'H', '/'), 'S', ''), '/')))]", cond["value"])
	assert.Equal(t, "[parameters('maxNodeIdleTimeInSecondsBeforeScaleDown')]", cond["greater"])
	assert.Equal(t, "PT900S", idleDuration(15))
	secs, ok := ALZIdleSeconds(idleDuration(15))
	assert.True(t, ok)
	assert.Equal(t, 900, secs)
}

// TestGovernanceUsesCurrentBuiltinsAndALZVMList: the private-link built-in is the current
// 45e05259 (40cec1dd is deprecated), and without allowedVmSizes the ALZ default list (80
// sizes, from the vendored definition) is assigned.
func TestGovernanceUsesCurrentBuiltinsAndALZVMList(t *testing.T) {
	rs := run(t, func(ctx *pulumi.Context) error {
		_, err := NewGovernance(ctx, "gov", governanceArgs())
		return err
	})
	byDef := assignmentsByDefinition(rs)
	_, current := byDef["45e05259-1eb5-4f70-9574-baf73e9d219b"]
	_, deprecated := byDef["40cec1dd-a100-4920-b15b-3024fe8901ab"]
	assert.True(t, current)
	assert.False(t, deprecated)
	vm := must(t, rs, "azure-native:authorization:PolicyAssignment", "gov-ml-compute-vm-size")
	sizes := vm.Input("parameters.allowedVmSizes.value").([]any)
	assert.Len(t, sizes, 80)
	assert.Contains(t, sizes, "Standard_M128ms")
}
