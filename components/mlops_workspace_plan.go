package components

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/naming"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/privatelink"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/rbac"
)

var (
	computeNamePattern = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9-]{1,14}[a-zA-Z0-9]$`)
	vmSizePattern      = regexp.MustCompile(`^Standard_[A-Za-z0-9_-]+$`) // constrained-vCPU sizes have a hyphen (Standard_M32-16ms)
	guidLike           = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	keyIDPattern       = regexp.MustCompile(`^https://[a-zA-Z0-9-]+\.(vault|managedhsm)\.[a-z0-9.]+/keys/[a-zA-Z0-9-]+(/[a-zA-Z0-9]+)?/?$`)
)

type workspacePlan struct {
	args                                      MLOpsWorkspaceArgs
	isolation                                 IsolationMode
	storageSku                                string
	wsName, stName, crName, idName, seedIdent string
	computeIDName                             string
	dataIsolation                             bool
	ownVault                                  bool
	kvName, kvSku                             string
	// roleAssignments is how many role assignments build makes (for Azure's per-subscription
	// limit); TestRoleAssignmentCountIsPlanned keeps it equal to what is registered.
	roleAssignments int
	clusters        []ComputeClusterArgs
	rules           []OutboundRuleArgs
	registryAccess  string
	storageGroups   []string
	firewallSku     string
	imageBuild      string
	lifecycle       lifecyclePlan
	people          peoplePlan
}

func (a *MLOpsWorkspaceArgs) plan() (*workspacePlan, error) {
	const f = "mlopsWorkspace"
	var errs []error
	add := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	add(requireInput(f+".resourceGroupName", a.ResourceGroupName))
	add(requireInput(f+".location", a.Location))
	add(checkLocation(f+".location", a.Location))
	if a.KeyVaultId != nil {
		add(requireInput(f+".keyVaultId", a.KeyVaultId))
	}
	add(requireInput(f+".appInsightsId", a.AppInsightsId))
	add(requireInput(f+".logAnalyticsWorkspaceId", a.LogAnalyticsWorkspaceId))
	add(checkARMID(f+".keyVaultId", a.KeyVaultId, "Microsoft.KeyVault/vaults"))
	add(checkARMID(f+".appInsightsId", a.AppInsightsId, "Microsoft.Insights/components"))
	add(checkARMID(f+".logAnalyticsWorkspaceId", a.LogAnalyticsWorkspaceId, "Microsoft.OperationalInsights/workspaces"))
	add(checkARMID(f+".computeSubnetId", a.ComputeSubnetId, "Microsoft.Network/virtualNetworks"))
	add(checkTags(f+".tags", a.Tags))

	p := &workspacePlan{args: *a, isolation: DefaultIsolationMode, storageSku: a.StorageSku}
	if a.IsolationMode != nil && *a.IsolationMode != "" {
		p.isolation = *a.IsolationMode
	}
	add(oneOf(f+".isolationMode", string(p.isolation), IsolationModes...))
	if p.storageSku == "" {
		p.storageSku = DefaultStorageSku
	}
	add(oneOf(f+".storageSku", p.storageSku, StorageSkus...))
	lc, err := planLifecycle(f+".dataLifecycle", a.DataLifecycle)
	add(err)
	p.lifecycle = lc

	if cmk := a.CustomerManagedKey; cmk != nil {
		add(requireInput(f+".customerManagedKey.keyVaultId", cmk.KeyVaultId))
		add(checkARMID(f+".customerManagedKey.keyVaultId", cmk.KeyVaultId, "Microsoft.KeyVault/vaults"))
		if cmk.KeyId == nil {
			add(fmt.Errorf("%s.customerManagedKey.keyId: required when customerManagedKey is set (the key identifier URI)", f))
		} else if v, ok := knownString(cmk.KeyId); ok && !keyIDPattern.MatchString(v) {
			add(fmt.Errorf("%s.customerManagedKey.keyId: %q is not a Key Vault key identifier (https://<vault>.vault.azure.net/keys/<name>[/<version>])", f, v))
		}
		if cmk.CosmosDbPrincipalId == nil {
			add(fmt.Errorf("%s.customerManagedKey.cosmosDbPrincipalId: required when customerManagedKey is set: the object id of the "+
				"Azure Cosmos DB service principal in your tenant (az ad sp show --id a232010e-820c-4083-83bb-3ace5fc29d0b --query id)", f))
		} else if v, ok := knownString(cmk.CosmosDbPrincipalId); ok && !guidLike.MatchString(v) {
			add(fmt.Errorf("%s.customerManagedKey.cosmosDbPrincipalId: %q is not an object id (a GUID)", f, v))
		}
		// learn.microsoft.com/azure/machine-learning/how-to-setup-customer-managed-keys: the key
		// vault must be in the workspace's subscription.
		if v, ok := knownString(cmk.KeyVaultId); ok && a.subscriptionID != "" && !strings.EqualFold(rbac.SubscriptionOf(v), a.subscriptionID) {
			add(fmt.Errorf("%s.customerManagedKey.keyVaultId: the vault is in subscription %s, the workspace in %s; Azure ML requires the "+
				"customer-managed key's vault in the workspace's subscription", f, rbac.SubscriptionOf(v), a.subscriptionID))
		}
	}

	seen := map[string]int{}
	for i, c := range a.ComputeClusters {
		cf := fmt.Sprintf("%s.computeClusters[%d]", f, i)
		if c.VmSize == "" {
			c.VmSize = DefaultVMSize
		}
		if c.VmPriority == "" {
			c.VmPriority = DefaultVMPriority
		}
		if c.IdleMinutesBeforeScaleDown == 0 {
			c.IdleMinutesBeforeScaleDown = DefaultIdleMinutes
		}
		switch {
		case c.Name == "":
			add(fmt.Errorf("%s.name: required", cf))
		case !computeNamePattern.MatchString(c.Name):
			add(fmt.Errorf("%s.name: %q must be 3-16 letters, digits and hyphens, start with a letter and not end with a hyphen", cf, c.Name))
		default:
			// Azure ML's rule beyond the pattern: a hyphen must be followed by a letter later.
			if err := naming.CheckType("Microsoft.MachineLearningServices/workspaces/computes", c.Name); err != nil {
				add(fmt.Errorf("%s.name: %w", cf, err))
			}
		}
		// Azure resource names are case-insensitive (resource-name-rules): "cpu" and "CPU" collide.
		if j, dup := seen[strings.ToLower(c.Name)]; dup && c.Name != "" {
			add(fmt.Errorf("%s.name: %q is already used by computeClusters[%d] (names are case-insensitive)", cf, c.Name, j))
		}
		seen[strings.ToLower(c.Name)] = i
		if !vmSizePattern.MatchString(c.VmSize) {
			add(fmt.Errorf("%s.vmSize: %q is not an Azure VM size (e.g. Standard_DS3_v2)", cf, c.VmSize))
		}
		add(checkNotRetired(cf+".vmSize", c.VmSize))
		add(oneOf(cf+".vmPriority", c.VmPriority, VMPriorities...))
		if c.MinNodes < 0 {
			add(fmt.Errorf("%s.minNodes: must be ≥ 0 (it is %d)", cf, c.MinNodes))
		}
		if c.MaxNodes < 1 || c.MaxNodes > maxClusterNodes {
			add(fmt.Errorf("%s.maxNodes: must be 1-%d (it is %d)", cf, maxClusterNodes, c.MaxNodes))
		} else if c.MaxNodes < c.MinNodes {
			add(fmt.Errorf("%s.maxNodes: must be ≥ minNodes (%d < %d)", cf, c.MaxNodes, c.MinNodes))
		}
		if c.IdleMinutesBeforeScaleDown < 1 || c.IdleMinutesBeforeScaleDown > maxIdleMinutes {
			add(fmt.Errorf("%s.idleMinutesBeforeScaleDown: must be 1-%d (it is %d)", cf, maxIdleMinutes, c.IdleMinutesBeforeScaleDown))
		}
		p.clusters = append(p.clusters, c)
	}
	// The registry is private (public network access disabled): Azure ML builds environment
	// images on a named compute cluster or instance then (azure-ai-docs how-to-managed-network,
	// "Configure image builds"), so a workspace needs one.
	p.imageBuild = a.ImageBuildCompute
	switch {
	case a.ImageBuildCompute != "":
		if _, ok := seen[strings.ToLower(a.ImageBuildCompute)]; !ok {
			add(fmt.Errorf("%s.imageBuildCompute: %q is not one of computeClusters", f, a.ImageBuildCompute))
		}
	case len(p.clusters) == 0:
		add(fmt.Errorf("%s.computeClusters: at least one cluster is required: the container registry is private, and Azure ML "+
			"builds environment images only on a named compute cluster (imageBuildCompute) then", f))
	default:
		p.imageBuild = defaultImageBuildCompute(p.clusters)
	}
	if a.StorageHierarchicalNamespace {
		// learn.microsoft.com/azure/machine-learning/concept-workspace (associated resources): the
		// default storage account can't have a hierarchical namespace.
		add(fmt.Errorf("%s.storageHierarchicalNamespace: Azure ML does not support a hierarchical namespace on the workspace's "+
			"default storage; create a separate Data Lake Gen2 account and register it as a datastore", f))
	}
	if p.isolation == IsolationDisabled && len(a.ComputeClusters) > 0 && a.ComputeSubnetId == nil {
		add(fmt.Errorf("%s.isolationMode: Disabled leaves compute without the managed network, and compute here never gets public IPs; "+
			"set computeSubnetId or choose AllowInternetOutbound / AllowOnlyApprovedOutbound", f))
	}
	p.storageGroups = []string{privatelink.GroupBlob, privatelink.GroupFile}
	if a.StorageQueueEndpoint {
		p.storageGroups = append(p.storageGroups, privatelink.GroupQueue)
	}
	if a.StorageTableEndpoint {
		p.storageGroups = append(p.storageGroups, privatelink.GroupTable)
	}
	if a.PrivateEndpoints != nil {
		groups := append([]string{privatelink.GroupWorkspace, privatelink.GroupRegistry}, p.storageGroups...)
		if a.KeyVaultId == nil {
			groups = append(groups, privatelink.GroupVault)
		}
		add(a.PrivateEndpoints.Validate(f+".privateEndpoints", groups))
	}
	if validIsolation := oneOf("", string(p.isolation), IsolationModes...) == nil; validIsolation {
		rules, err := resolveOutboundRules(f, p.isolation, a.OutboundRules, a.DisableDefaultOutboundRules)
		add(err)
		p.rules = rules
	}
	if a.FirewallSku != "" {
		add(oneOf(f+".firewallSku", a.FirewallSku, FirewallSkus...))
		if p.isolation != IsolationAllowOnlyApprovedOutbound {
			add(fmt.Errorf("%s.firewallSku: the managed firewall exists only with isolationMode AllowOnlyApprovedOutbound (it is %s)", f, p.isolation))
		}
	}
	for _, r := range p.rules {
		if r.Type == OutboundFQDN {
			p.firewallSku = orDefault(a.FirewallSku, "Standard")
		}
	}
	if p.isolation == IsolationDisabled && (a.ProvisionManagedNetwork || a.SparkReady) {
		add(fmt.Errorf("%s.provisionManagedNetwork: there is no managed network to provision with isolationMode Disabled", f))
	}
	if p.isolation != IsolationDisabled && a.ComputeSubnetId != nil {
		add(fmt.Errorf("%s.computeSubnetId: compute runs in the managed network when isolationMode is %s; computeSubnetId applies only to isolationMode Disabled", f, p.isolation))
	}

	p.dataIsolation = a.DataIsolation == nil || *a.DataIsolation
	p.ownVault = a.KeyVaultId == nil
	p.kvSku = orDefault(a.KeyVaultSku, DefaultKeyVaultSku)
	add(oneOf(f+".keyVaultSku", p.kvSku, "standard", "premium"))

	seed := a.NamingSeed
	if seed == "" {
		seed, _ = knownString(a.ResourceGroupName)
	}
	n, err := naming.New(f+".project", a.Project, f+".environment", a.Environment, seed)
	if err != nil {
		add(err)
	} else {
		// One mistake, one error: a project name too long for several resources is reported
		// once, for the first name it breaks.
		nameErr := false
		add := func(err error) {
			if err != nil && !nameErr {
				nameErr = true
				errs = append(errs, err)
			}
		}
		var e error
		p.wsName, e = n.Name(f+".project", naming.MLWorkspace)
		add(e)
		p.stName, e = n.Name(f+".project", naming.StorageAccount)
		add(e)
		p.crName, e = n.Name(f+".project", naming.ContainerRegistry)
		add(e)
		p.idName, e = n.Name(f+".project", naming.ManagedIdentity, "mlw")
		add(e)
		p.computeIDName, e = n.Name(f+".project", naming.ManagedIdentity, "compute")
		add(e)
		if p.ownVault {
			// kv<project><environment><suffix> without hyphens: the same length budget as the
			// storage account, so the vault adds no limit on project names.
			p.kvName = strings.ToLower(strings.ReplaceAll("kv"+n.Workload+n.Environment+n.Suffix, "-", ""))
			add(naming.Check(f+".project", naming.KeyVault, p.kvName))
		}
		// Role assignment GUIDs derive from the identity name and the suffix, which is unique
		// per resource group.
		p.seedIdent = p.idName + "/" + n.Suffix
	}
	if validIsolation := oneOf("", string(p.isolation), IsolationModes...) == nil; validIsolation {
		people, perrs := planPeople(f, a, p.isolation, p.stName, a.subscriptionID)
		errs = append(errs, perrs...)
		p.people = people
	}
	// Workspace identity: 6 documented roles, Contributor on the workspace, the approver on 3
	// targets with a managed network, Reader on 2 endpoints, the CMK role; Cosmos DB's CMK role;
	// the compute identity's 6.
	p.roleAssignments = 6 + 1 + 6
	if p.isolation != IsolationDisabled {
		p.roleAssignments += 3
	}
	if a.PrivateEndpoints != nil {
		p.roleAssignments += 2
	}
	if a.CustomerManagedKey != nil {
		p.roleAssignments += 2
	}
	p.roleAssignments += p.people.roleAssignmentCount()
	planWorkspaceMlRegistry(f, a, p, &errs)
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return p, nil
}
