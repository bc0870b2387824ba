package components

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/privatelink"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/rbac"
)

// MlRegistryOutboundRuleName is the managed-network outbound rule that reaches the shared
// Azure ML registry.
const MlRegistryOutboundRuleName = "mlregistry"

// WorkspaceMlRegistryArgs connect a workspace to the shared Azure ML registry
// (SharedServices.WorkspaceMlRegistry): its managed network gets a private-endpoint outbound
// rule to the registry and its compute identity the role that matches Access.
type WorkspaceMlRegistryArgs struct {
	// ARM id of the Azure ML registry (SharedServices.MlRegistryId).
	RegistryId pulumi.StringInput `pulumi:"registryId"`
	// Publish (AzureML Registry User: read and write assets) or Consume (Reader: use assets).
	// Default Publish.
	Access string `pulumi:"access,optional"`
}

// registryAccessRole is the role of Access on the registry. Microsoft documents Reader for
// identities that only use assets from a registry, and AzureML Registry User (or a custom role
// with registries/assets/write) for those that also create them:
// learn.microsoft.com/azure/machine-learning/how-to-manage-registries#allow-users-to-use-assets-from-the-registry
func registryAccessRole(access string) rbac.Role {
	if access == RegistryAccessConsume {
		return rbac.Reader
	}
	return rbac.AzureMLRegistryUser
}

// planWorkspaceMlRegistry validates mlRegistry and adds its outbound rule to the plan.
func planWorkspaceMlRegistry(f string, a *MLOpsWorkspaceArgs, p *workspacePlan, errs *[]error) {
	r := a.MlRegistry
	if r == nil {
		return
	}
	add := func(err error) {
		if err != nil {
			*errs = append(*errs, err)
		}
	}
	if r.RegistryId == nil {
		add(fmt.Errorf("%s.mlRegistry.registryId: required (SharedServices.mlRegistryId)", f))
	} else {
		add(checkARMID(f+".mlRegistry.registryId", r.RegistryId, "Microsoft.MachineLearningServices/registries"))
	}
	p.registryAccess = orDefault(r.Access, RegistryAccessPublish)
	add(oneOf(f+".mlRegistry.access", p.registryAccess, RegistryAccessModes...))
	// The compute identity's access role; with a managed network also the workspace identity's
	// approver role for the managed private endpoint (as for its storage, vault and registry).
	p.roleAssignments++
	if p.isolation == IsolationDisabled {
		// No managed network: compute in the customer's subnet reaches the registry through the
		// environment's private endpoint (SharedServices.mlRegistry.privateEndpoint).
		return
	}
	p.roleAssignments++
	for i, u := range a.OutboundRules {
		if strings.EqualFold(u.Name, MlRegistryOutboundRuleName) {
			add(fmt.Errorf("%s.outboundRules[%d].name: %q is the rule mlRegistry creates; choose another name", f, i, u.Name))
		}
	}
	// azure-ai-docs how-to-managed-network ("Private endpoints": Azure Machine Learning
	// registries are supported targets) with the registry's private link subresource amlregistry
	// (learn.microsoft.com/azure/private-link/private-endpoint-dns, "Azure Machine Learning registry").
	p.rules = append(p.rules, OutboundRuleArgs{Name: MlRegistryOutboundRuleName, Type: OutboundPrivateEndpoint,
		ServiceResourceId: r.RegistryId, SubresourceTarget: privatelink.GroupMLRegistry})
}

// mlRegistryGrants are the workspace's roles on the shared registry: the compute identity's
// access role (jobs register models and components, or use promoted ones) and, with a managed
// network, the workspace identity's approver role for the managed private endpoint
// (azure-ai-docs how-to-managed-network: a user-assigned workspace identity needs Azure AI
// Enterprise Network Connection Approver on the targets of its private endpoint rules).
func (c *MLOpsWorkspace) newMlRegistryGrants(ctx *pulumi.Context, name string, p *workspacePlan, principal, computePrincipal rbac.Principal) ([]pulumi.Resource, error) {
	r := p.args.MlRegistry
	if r == nil {
		return nil, nil
	}
	var deps []pulumi.Resource
	if p.isolation != IsolationDisabled {
		ras, err := rbac.Assign(ctx, c, name+"-ra", principal,
			[]rbac.Grant{{Role: rbac.AzureAIEnterpriseNetworkConnectionApprover, Scope: r.RegistryId, ScopeKey: "mlregistry"}})
		if err != nil {
			return nil, err
		}
		deps = append(deps, ras[0])
	}
	ras, err := rbac.Assign(ctx, c, name+"-compute-ra", computePrincipal,
		[]rbac.Grant{{Role: registryAccessRole(p.registryAccess), Scope: r.RegistryId, ScopeKey: "mlregistry"}})
	if err != nil {
		return nil, err
	}
	return append(deps, ras[0]), nil
}
