package components

import (
	"fmt"
	"maps"
	"slices"

	"github.com/pulumi/pulumi-azure-native-sdk/authorization/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/naming"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/profile"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/rbac"
)

// GovernanceToken is the component's type token.
const GovernanceToken = "azure-mlops:index:Governance"

// Built-in Azure Policy definitions for Azure Machine Learning that the Cloud Adoption
// Framework's default set names (ids from Microsoft's azure-policy repository).
const (
	// Azure Machine Learning workspaces should use private link (Audit or Disabled only).
	// azure-policy built-in-policies/policyDefinitions/Machine Learning/Workspace_PrivateEndpoint_Audit_V2.json;
	// it replaces the deprecated 40cec1dd-a100-4920-b15b-3024fe8901ab and is what ALZ's
	// Enforce-Guardrails-MachineLearning set assigns (Audit-ML-Private-Link).
	BuiltinWorkspacePrivateLink = "45e05259-1eb5-4f70-9574-baf73e9d219b"
	// Azure Machine Learning workspaces should use user-assigned managed identity.
	BuiltinWorkspaceUserAssignedIdentity = "5f0c7d88-c7de-45b8-ac49-db49e72eaa78"
	// [Preview]: Configure allowed registries for specified Azure Machine Learning computes.
	BuiltinAllowedRegistries = "5853517a-63de-11ea-bc55-0242ac130003"
	// Configure Azure Machine Learning workspaces with private endpoints (DeployIfNotExists).
	BuiltinConfigureWorkspacePrivateEndpoints = "7838fd83-5cbb-4b5d-888c-bfa240972597"
	// Configure Machine Learning computes to disable local authentication methods (Modify).
	BuiltinConfigureComputeLocalAuth = "a6f9a2d0-cff7-4855-83ad-4cd750666512"
	// Azure Machine Learning Workspaces should disable public network access.
	BuiltinWorkspacePublicNetworkAccess = "438c38d2-3772-465a-a9cc-7a6666a275ce"
	// Azure Machine Learning Compute Instance should have idle shutdown (Audit, Deny or Disabled).
	// azure-policy built-in-policies/policyDefinitions/Machine Learning/MachineLearningServices_IdleShutdown_Audit.json
	BuiltinComputeInstanceIdleShutdown = "679ddf89-ab8f-48a5-9029-e76054077449"
)

// GovernanceArgs configure the Azure Policy assignments of an environment.
type GovernanceArgs struct {
	// ARM id of the resource group or subscription the policies are assigned to.
	Scope pulumi.StringInput `pulumi:"scope"`
	// Azure region for the managed identity of the Modify and DeployIfNotExists assignments.
	Location pulumi.StringInput `pulumi:"location"`
	// Workload name used in assignment and definition names.
	Workload string `pulumi:"workload"`
	// Environment name used in assignment and definition names.
	Environment string `pulumi:"environment"`
	// Effect of the audit-or-deny policies: Audit (default; report only) or Deny (block).
	Effect string `pulumi:"effect,optional"`
	// Require high-business-impact workspaces (assigns Deny-MachineLearning-HbiWorkspace).
	RequireHbi bool `pulumi:"requireHbi,optional"`
	// The environment creates an Azure ML registry: assign this package's definition that
	// requires registries to disable public network access (Deny-MachineLearning-Registry-PublicNetworkAccess).
	MlRegistries bool `pulumi:"mlRegistries,optional"`
	// VM sizes computes may use (Deny-MachineLearning-Compute-VmSize). Empty: the CAF default list.
	AllowedVmSizes []string `pulumi:"allowedVmSizes,optional"`
	// Upper bound on a cluster's max nodes (Deny-MachineLearning-ComputeCluster-Scale). Default 10.
	MaxNodeCount int `pulumi:"maxNodeCount,optional"`
	// Upper bound on idle seconds before scale-down. Default 900.
	MaxNodeIdleSeconds int `pulumi:"maxNodeIdleSeconds,optional"`
	// Registries ML computes may pull from, e.g. "crfrauddevx7k2.azurecr.io" (assigns the
	// allowed-registries built-in when set).
	AllowedRegistries pulumi.StringArrayInput `pulumi:"allowedRegistries,optional"`
	// Assign the built-in that deploys workspace private endpoints into this subnet. Leave
	// unset when the platform creates the endpoints itself (it does): the policy would race it
	// and create duplicates.
	PrivateEndpointSubnetId pulumi.StringInput `pulumi:"privateEndpointSubnetId,optional"`
	// Computes run in Azure ML managed networks, which have no customer subnet; exempt them from
	// Deny-MachineLearning-Compute-SubnetId. Default true.
	ExemptManagedNetworkComputes *bool `pulumi:"exemptManagedNetworkComputes,optional"`
}

// Governance is the environment's Azure Policy: built-in Machine Learning assignments, the
// landing-zone custom definitions that have no built-in, and documented exemptions.
type Governance struct {
	pulumi.ResourceState

	// Ids of the policy assignments, by short name.
	PolicyAssignmentIds pulumi.StringMapOutput `pulumi:"policyAssignmentIds"`
	// Ids of the custom policy definitions, by name.
	PolicyDefinitionIds pulumi.StringMapOutput `pulumi:"policyDefinitionIds"`
	// Ids of the policy exemptions.
	PolicyExemptionIds pulumi.StringArrayOutput `pulumi:"policyExemptionIds"`
}

// customDefinition is a Cloud Adoption Framework landing-zone policy (Azure/Enterprise-Scale),
// with its rule as published there.
type customDefinition struct {
	// name is the ALZ definition's name; short is the fragment of the deployed definition and
	// assignment names ("<workload>-<environment>-<short>"), which Azure limits to 64
	// characters at subscription and resource-group scope (resource-name-rules,
	// Microsoft.Authorization); the ALZ names alone reach 62.
	name, short, displayName, mode string
	params                         map[string]authorization.ParameterDefinitionsValueArgs
	rule                           map[string]any
	// values are the assignment's parameter values besides the effect.
	values func(a *governancePlan) map[string]any
	// assign says whether the environment assigns it.
	assign func(a *governancePlan) bool
	// own marks a definition of this package's (no built-in or landing-zone definition covers
	// it); source says where its rule comes from.
	own    bool
	source string
}

// PackagePolicyDefinitions are the short names of the custom definitions this package writes
// itself (not Azure/Enterprise-Scale's); PackagePolicyDefinitions()[i] appears in deployed
// definition names as "<workload>-<environment>-<short>".
func PackagePolicyDefinitions() []string {
	var out []string
	for _, d := range customDefinitions {
		if d.own {
			out = append(out, d.short)
		}
	}
	return out
}

const mlRegistryType = "Microsoft.MachineLearningServices/registries"

func effectParam() authorization.ParameterDefinitionsValueArgs {
	return authorization.ParameterDefinitionsValueArgs{
		Type: pulumi.String("String"), DefaultValue: pulumi.String("Deny"),
		AllowedValues: pulumi.Array{pulumi.String("Audit"), pulumi.String("Disabled"), pulumi.String("Deny")},
		Metadata:      &authorization.ParameterDefinitionsValueMetadataArgs{DisplayName: pulumi.String("Effect")},
	}
}

func intParam(name string, def int) authorization.ParameterDefinitionsValueArgs {
	return authorization.ParameterDefinitionsValueArgs{Type: pulumi.String("Integer"), DefaultValue: pulumi.Int(def),
		Metadata: &authorization.ParameterDefinitionsValueMetadataArgs{DisplayName: pulumi.String(name)}}
}

const computeType = "Microsoft.MachineLearningServices/workspaces/computes"

func allOf(conds ...any) map[string]any { return map[string]any{"allOf": conds} }
func anyOf(conds ...any) map[string]any { return map[string]any{"anyOf": conds} }
func field(f string, op string, v any) map[string]any {
	return map[string]any{"field": f, op: v}
}

var effectThen = map[string]any{"effect": "[parameters('effect')]"}

var customDefinitions = []customDefinition{
	{
		// No built-in covers Azure ML registries (Azure/azure-policy built-in-policies/policyDefinitions/
		// Machine Learning has workspace definitions only). The rule is the workspace built-in's
		// (438c38d2, Workspace_PublicNetworkAccessDisabled_Audit) for the registry type, on the alias
		// Microsoft.MachineLearningServices/registries/publicNetworkAccess (properties.publicNetworkAccess).
		// UNCONFIRMED ALIAS: no Microsoft source names it. Checked: Azure/azure-policy (f4a50bac,
		// 2026-04-29) uses no Microsoft.MachineLearningServices/registries/... alias in any definition
		// (its registry definitions are the diagnostic-settings DINEs, which test only "type");
		// Azure/Enterprise-Scale (dbd9bd21, 2026-08-19) likewise; no docs page lists registry aliases.
		// The property exists (learn.microsoft.com/azure/templates/microsoft.machinelearningservices/registries:
		// properties.publicNetworkAccess) and the name follows the workspace alias's pattern, but only
		// `az provider show --namespace Microsoft.MachineLearningServices --expand "resourceTypes/aliases"`
		// against Azure can confirm it; if Azure lacks the alias, creating this definition fails.
		// Microsoft's guidance for registries: private endpoint and publicNetworkAccess Disabled
		// (learn.microsoft.com/azure/machine-learning/how-to-registry-network-isolation).
		name: "Deny-MachineLearning-Registry-PublicNetworkAccess", short: "ml-registry-public", mode: "Indexed",
		displayName: "Azure Machine Learning registries should disable public network access",
		own:         true, source: "azure-mlops (learn.microsoft.com/azure/machine-learning/how-to-registry-network-isolation)",
		assign: func(g *governancePlan) bool { return g.args.MlRegistries },
		rule: map[string]any{"if": allOf(
			field("type", "equals", mlRegistryType),
			anyOf(field(mlRegistryType+"/publicNetworkAccess", "exists", false),
				field(mlRegistryType+"/publicNetworkAccess", "notEquals", "Disabled")),
		), "then": effectThen},
	},
	{
		name: "Deny-MachineLearning-HbiWorkspace", short: "ml-hbi", displayName: "Enforces high business impact Azure Machine Learning Workspaces", mode: "Indexed",
		rule: map[string]any{"if": allOf(
			field("type", "equals", "Microsoft.MachineLearningServices/workspaces"),
			anyOf(field("Microsoft.MachineLearningServices/workspaces/hbiWorkspace", "exists", false),
				field("Microsoft.MachineLearningServices/workspaces/hbiWorkspace", "notEquals", true)),
		), "then": effectThen},
		assign: func(g *governancePlan) bool { return g.args.RequireHbi },
	},
	{
		name: "Deny-MachineLearning-PublicAccessWhenBehindVnet", short: "ml-public-behind-vnet", displayName: "Deny public access behind vnet to Azure Machine Learning workspace", mode: "Indexed",
		rule: map[string]any{"if": allOf(
			field("type", "equals", "Microsoft.MachineLearningServices/workspaces"),
			anyOf(field("Microsoft.MachineLearningServices/workspaces/allowPublicAccessWhenBehindVnet", "exists", false),
				field("Microsoft.MachineLearningServices/workspaces/allowPublicAccessWhenBehindVnet", "notEquals", false)),
		), "then": effectThen},
	},
	{
		name: "Deny-MachineLearning-Aks", short: "ml-aks", displayName: "Deny AKS cluster creation in Azure Machine Learning", mode: "Indexed",
		rule: map[string]any{"if": allOf(
			field("type", "equals", computeType),
			field(computeType+"/computeType", "equals", "AKS"),
			anyOf(field(computeType+"/resourceId", "exists", false),
				map[string]any{"value": "[empty(field('" + computeType + "/resourceId'))]", "equals": true}),
		), "then": effectThen},
	},
	{
		name: "Deny-MachineLearning-Compute-SubnetId", short: "ml-compute-subnet", displayName: "Enforce subnet connectivity for Azure Machine Learning compute clusters and compute instances", mode: "Indexed",
		rule: map[string]any{"if": allOf(
			field("type", "equals", computeType),
			field(computeType+"/computeType", "in", []any{"AmlCompute", "ComputeInstance"}),
			anyOf(field(computeType+"/subnet.id", "exists", false),
				map[string]any{"value": "[empty(field('" + computeType + "/subnet.id'))]", "equals": true}),
		), "then": effectThen},
	},
	{
		name: "Deny-MachineLearning-Compute-VmSize", short: "ml-compute-vm-size", displayName: "Limit allowed vm sizes for Azure Machine Learning compute clusters and compute instances", mode: "Indexed",
		params: map[string]authorization.ParameterDefinitionsValueArgs{"allowedVmSizes": {Type: pulumi.String("Array"),
			Metadata: &authorization.ParameterDefinitionsValueMetadataArgs{DisplayName: pulumi.String("Allowed VM Sizes for Aml Compute Clusters and Instances")}}},
		rule: map[string]any{"if": allOf(
			field("type", "equals", computeType),
			field(computeType+"/computeType", "in", []any{"AmlCompute", "ComputeInstance"}),
			field(computeType+"/vmSize", "notIn", "[parameters('allowedVmSizes')]"),
		), "then": effectThen},
		values: func(g *governancePlan) map[string]any { return map[string]any{"allowedVmSizes": g.vmSizes} },
	},
	{
		name: "Deny-MachineLearning-ComputeCluster-RemoteLoginPortPublicAccess", short: "ml-cluster-ssh", displayName: "Deny public access of Azure Machine Learning clusters via SSH", mode: "All",
		rule: map[string]any{"if": allOf(
			field("type", "equals", computeType),
			field(computeType+"/computeType", "equals", "AmlCompute"),
			anyOf(field(computeType+"/remoteLoginPortPublicAccess", "exists", false),
				field(computeType+"/remoteLoginPortPublicAccess", "notEquals", "Disabled")),
		), "then": effectThen},
	},
	{
		name: "Deny-MachineLearning-ComputeCluster-Scale", short: "ml-cluster-scale", displayName: "Enforce scale settings for Azure Machine Learning compute clusters", mode: "Indexed",
		params: map[string]authorization.ParameterDefinitionsValueArgs{
			"maxNodeCount": intParam("Maximum Node Count", 10),
			"minNodeCount": intParam("Minimum Node Count", 0),
			"maxNodeIdleTimeInSecondsBeforeScaleDown": intParam("Maximum Node Idle Time in Seconds Before Scaledown", 900),
		},
		rule: map[string]any{"if": allOf(
			field("type", "equals", computeType),
			field(computeType+"/computeType", "equals", "AmlCompute"),
			anyOf(
				field(computeType+"/scaleSettings.maxNodeCount", "greater", "[parameters('maxNodeCount')]"),
				field(computeType+"/scaleSettings.minNodeCount", "greater", "[parameters('minNodeCount')]"),
				// The idle-time test exactly as the ALZ definition deploys it (vendored in policies/azure/alz/):
				// it parses only "PT<n>S" correctly, so computes send seconds.
				alzIdleCondition(),
			),
		), "then": effectThen},
		values: func(g *governancePlan) map[string]any {
			return map[string]any{"maxNodeCount": g.maxNodes, "minNodeCount": 0, "maxNodeIdleTimeInSecondsBeforeScaleDown": g.maxIdle}
		},
	},
}

// defaultVMSizes is the ALZ default list of Deny-MachineLearning-Compute-VmSize, read from the
// vendored definition (policies/azure/alz/, Azure/Enterprise-Scale). It still names retired sizes (NCv3, NC,
// ND, NV): stacks that run GPUs set allowedVmSizes.
var defaultVMSizes = ALZDefaultVMSizes()

type governancePlan struct {
	args      GovernanceArgs
	effect    string
	prefix    string
	vmSizes   []any
	maxNodes  int
	maxIdle   int
	exemptNet bool
}

func (a *GovernanceArgs) plan() (*governancePlan, error) {
	const f = "governance"
	var errs problems
	errs.add(requireInput(f+".scope", a.Scope))
	errs.add(requireInput(f+".location", a.Location))
	if v, ok := knownString(a.Scope); ok && !subscriptionOrRG.MatchString(v) {
		errs.add(fmt.Errorf("%s.scope: %q must be a subscription (/subscriptions/<id>) or resource group (/subscriptions/<id>/resourceGroups/<name>) id", f, v))
	}
	errs.add(checkARMID(f+".privateEndpointSubnetId", a.PrivateEndpointSubnetId, "Microsoft.Network/virtualNetworks"))
	p := &governancePlan{args: *a, effect: a.Effect, maxNodes: a.MaxNodeCount, maxIdle: a.MaxNodeIdleSeconds, exemptNet: true}
	if p.effect == "" {
		p.effect = "Audit"
	}
	errs.add(oneOf(f+".effect", p.effect, "Audit", "Deny"))
	if p.maxNodes == 0 {
		p.maxNodes = 10
	}
	if p.maxIdle == 0 {
		p.maxIdle = 900
	}
	if p.maxNodes < 1 || p.maxIdle < 60 {
		errs.add(fmt.Errorf("%s.maxNodeCount/maxNodeIdleSeconds: must be ≥ 1 node and ≥ 60 seconds", f))
	}
	sizes := a.AllowedVmSizes
	if len(sizes) == 0 {
		sizes = defaultVMSizes
	}
	for i, s := range sizes {
		if !vmSizePattern.MatchString(s) {
			errs.add(fmt.Errorf("%s.allowedVmSizes[%d]: %q is not an Azure VM size", f, i, s))
		}
		if len(a.AllowedVmSizes) > 0 {
			// The ALZ default list still names retired sizes; a list given here must not.
			errs.add(checkNotRetired(fmt.Sprintf("%s.allowedVmSizes[%d]", f, i), s))
		}
		p.vmSizes = append(p.vmSizes, s)
	}
	if a.ExemptManagedNetworkComputes != nil {
		p.exemptNet = *a.ExemptManagedNetworkComputes
	}
	n, err := naming.New(f+".workload", a.Workload, f+".environment", a.Environment)
	errs.add(err)
	p.prefix = n.Workload + "-" + n.Environment
	if len(errs) > 0 {
		return nil, errs.err()
	}
	return p, nil
}

// NewGovernance validates args and creates the policy definitions, assignments and exemptions.
func NewGovernance(ctx *pulumi.Context, name string, args *GovernanceArgs, opts ...pulumi.ResourceOption) (*Governance, error) {
	return construct(ctx, GovernanceToken, "governance", name, args, (*GovernanceArgs).plan, &Governance{},
		func(c *Governance, p *governancePlan) error { return c.build(ctx, name, p) }, opts)
}

func builtinID(guid string) string {
	return "/providers/Microsoft.Authorization/policyDefinitions/" + guid
}

func paramValues(m map[string]any) authorization.ParameterValuesValueMap {
	out := authorization.ParameterValuesValueMap{}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		out[k] = authorization.ParameterValuesValueArgs{Value: pulumi.Any(m[k])}
	}
	return out
}

func (c *Governance) build(ctx *pulumi.Context, name string, p *governancePlan) error {
	a := p.args
	assignments := pulumi.StringMap{}
	definitions := pulumi.StringMap{}
	var exemptions pulumi.StringArray

	assign := func(display, definitionID pulumi.StringInput, shortName string, params map[string]any, remediation *rbac.Role, message string) (*authorization.PolicyAssignment, error) {
		pa := &authorization.PolicyAssignmentArgs{
			PolicyAssignmentName:  pulumi.String(p.prefix + "-" + shortName),
			Scope:                 a.Scope,
			PolicyDefinitionId:    definitionID,
			DisplayName:           display,
			Description:           pulumi.Sprintf("%s (assigned by azure-mlops for %s)", display, p.prefix),
			EnforcementMode:       pulumi.String("Default"),
			Parameters:            paramValues(params),
			NonComplianceMessages: authorization.NonComplianceMessageArray{authorization.NonComplianceMessageArgs{Message: pulumi.String(message)}},
		}
		if remediation != nil {
			// Modify and DeployIfNotExists remediate through the assignment's own identity.
			pa.Identity = &authorization.IdentityArgs{Type: authorization.ResourceIdentityTypeSystemAssigned}
			pa.Location = a.Location
		}
		res, err := authorization.NewPolicyAssignment(ctx, name+"-"+shortName, pa, pulumi.Parent(c))
		if err != nil {
			return nil, err
		}
		assignments[shortName] = res.ID().ToStringOutput()
		if remediation != nil {
			// The role the definition's roleDefinitionIds name, at the assignment's scope.
			if _, err := rbac.Assign(ctx, c, name+"-"+shortName+"-ra",
				rbac.Principal{ID: res.Identity.PrincipalId().Elem(), Name: p.prefix + "-" + shortName, Seed: p.prefix + "/" + shortName},
				[]rbac.Grant{{Role: *remediation, Scope: a.Scope, ScopeKey: "scope"}}); err != nil {
				return nil, err
			}
		}
		return res, nil
	}

	effect := map[string]any{"effect": p.effect}
	type builtin struct {
		short, guid, display, message string
		params                        map[string]any
		remediation                   *rbac.Role
		when                          bool
	}
	builtins := []builtin{
		{"ml-private-link", BuiltinWorkspacePrivateLink, "Azure Machine Learning workspaces should use private link",
			"Give the workspace an approved private endpoint (MLOpsWorkspace.privateEndpoints).",
			// This built-in allows only Audit or Disabled.
			map[string]any{"effect": "Audit"}, nil, true},
		{"ml-uai", BuiltinWorkspaceUserAssignedIdentity, "Azure Machine Learning workspaces should use user-assigned managed identity",
			"Use a user-assigned identity as the workspace's primary identity.", effect, nil, true},
		{"ml-public-access", BuiltinWorkspacePublicNetworkAccess, "Azure Machine Learning Workspaces should disable public network access",
			"Set publicNetworkAccess to Disabled.", effect, nil, true},
		{"ml-ci-idle-shutdown", BuiltinComputeInstanceIdleShutdown, "Azure Machine Learning Compute Instance should have idle shutdown",
			"Give every compute instance an idle shutdown (idleMinutesBeforeShutdown).", effect, nil, true},
		{"ml-compute-local-auth", BuiltinConfigureComputeLocalAuth, "Configure Machine Learning computes to disable local authentication methods",
			"Computes must disable local authentication; the policy sets disableLocalAuth.", map[string]any{"effect": "Modify"}, &rbac.Contributor, true},
		{"ml-allowed-registries", BuiltinAllowedRegistries, "[Preview]: Configure allowed registries for specified Azure Machine Learning computes",
			"Jobs may only use images from the platform's registries.", map[string]any{"allowedACRs": a.AllowedRegistries}, nil, a.AllowedRegistries != nil},
	}
	if a.PrivateEndpointSubnetId != nil {
		builtins = append(builtins, builtin{"ml-private-endpoints", BuiltinConfigureWorkspacePrivateEndpoints,
			"Configure Azure Machine Learning workspaces with private endpoints", "Workspaces get a private endpoint in the landing-zone subnet.",
			map[string]any{"privateEndpointSubnetId": a.PrivateEndpointSubnetId}, &rbac.NetworkContributor, true})
	}
	var subnetAssignment *authorization.PolicyAssignment
	for _, b := range builtins {
		if !b.when {
			continue
		}
		if _, err := assign(pulumi.String(b.display), pulumi.String(builtinID(b.guid)), b.short, b.params, b.remediation, b.message); err != nil {
			return err
		}
	}

	for _, d := range customDefinitions {
		if d.assign != nil && !d.assign(p) {
			continue
		}
		params := authorization.ParameterDefinitionsValueMap{"effect": effectParam()}
		for k, v := range d.params {
			params[k] = v
		}
		description := d.displayName + " (Cloud Adoption Framework landing zone policy, deployed by azure-mlops)"
		metadata := map[string]any{"category": "Machine Learning", "source": "https://github.com/Azure/Enterprise-Scale/", "alzName": d.name}
		if d.own {
			description = d.displayName + " (azure-mlops policy; no built-in covers this resource type)"
			metadata = map[string]any{"category": "Machine Learning", "source": d.source, "name": d.name}
		}
		def, err := authorization.NewPolicyDefinition(ctx, name+"-"+d.name, &authorization.PolicyDefinitionArgs{
			// Definitions live in the subscription; the environment prefix keeps stacks that share
			// one subscription from overwriting each other's parameters.
			PolicyDefinitionName: pulumi.String(p.prefix + "-" + d.short),
			DisplayName:          pulumi.String(d.displayName),
			Description:          pulumi.String(description),
			PolicyType:           pulumi.String("Custom"),
			Mode:                 pulumi.String(d.mode),
			Metadata:             pulumi.Any(metadata),
			Parameters:           params,
			PolicyRule:           pulumi.Any(d.rule),
		}, pulumi.Parent(c))
		if err != nil {
			return err
		}
		definitions[d.name] = def.ID().ToStringOutput()
		values := map[string]any{"effect": p.effect}
		if d.values != nil {
			for k, v := range d.values(p) {
				values[k] = v
			}
		}
		pa, err := assign(pulumi.String(d.displayName), def.ID().ToStringOutput(), d.short, values, nil, d.displayName+": see the azure-mlops policy docs for the fix.")
		if err != nil {
			return err
		}
		if d.name == "Deny-MachineLearning-Compute-SubnetId" {
			subnetAssignment = pa
		}
	}

	if subnetAssignment != nil && p.exemptNet {
		// Design conflict: computes in an Azure ML managed network have no customer subnet, which
		// this landing-zone policy (written for VNet-injected compute) denies. They are isolated
		// by the managed network instead, with no public IP and no SSH (also enforced here).
		ex, err := authorization.NewPolicyExemption(ctx, name+"-managed-network-computes", &authorization.PolicyExemptionArgs{
			PolicyExemptionName: pulumi.String(p.prefix + "-managed-network-computes"),
			Scope:               a.Scope,
			PolicyAssignmentId:  subnetAssignment.ID().ToStringOutput(),
			ExemptionCategory:   pulumi.String("Mitigated"),
			DisplayName:         pulumi.String("Computes run in the Azure ML managed network"),
			Description: pulumi.String("Azure ML managed-network computes have no customer subnet; they are isolated by the managed " +
				"network (no public IP, SSH disabled, approved outbound only). Exempted by azure-mlops."),
		}, pulumi.Parent(c))
		if err != nil {
			return err
		}
		exemptions = append(exemptions, ex.ID().ToStringOutput())
	}

	c.PolicyAssignmentIds = assignments.ToStringMapOutput()
	c.PolicyDefinitionIds = definitions.ToStringMapOutput()
	c.PolicyExemptionIds = exemptions.ToStringArrayOutput()
	return ctx.RegisterResourceOutputs(c, pulumi.Map{
		"policyAssignmentIds": c.PolicyAssignmentIds,
		"policyDefinitionIds": c.PolicyDefinitionIds,
		"policyExemptionIds":  c.PolicyExemptionIds,
	})
}

// GovernanceArgsFor are the Governance arguments of an environment's guardrails: the one
// place the platform (and the tests that evaluate Governance's policies) turn guardrails
// into policy assignments.
func GovernanceArgsFor(workload, environment string, g profile.Guardrails, scope, location pulumi.StringInput, registries pulumi.StringArrayInput) *GovernanceArgs {
	return &GovernanceArgs{
		Scope: scope, Location: location, Workload: workload, Environment: environment,
		Effect: g.Effect, RequireHbi: g.RequireHbi, AllowedVmSizes: g.AllowedVmSizes, MlRegistries: g.MlRegistries,
		MaxNodeCount: g.MaxNodeCount, MaxNodeIdleSeconds: g.MaxNodeIdleSeconds, AllowedRegistries: registries,
	}
}
