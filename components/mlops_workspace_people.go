package components

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/azureml"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/naming"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/privatelink"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/profile"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/rbac"
)

// People and data: team access through Entra groups, identity-based datastores on existing
// (data landing zone) storage, and personal compute instances.

// TeamAccessArgs map Entra groups to the project's personas. Values are group object ids
// (GUIDs), known when the stack is written: the role assignment names derive from them, so
// the same group keeps the same assignments across runs. Access is granted to groups only,
// never to a user directly ("Use Microsoft Entra groups to manage access to machine learning
// resources": learn.microsoft.com/azure/cloud-adoption-framework/scenarios/cloud-scale-analytics/best-practices/azure-machine-learning).
// A group belongs to one persona.
type TeamAccessArgs struct {
	// Entra group object ids of the data scientists: AzureML Data Scientist on the workspace,
	// data roles on the workspace storage (read and write; read only with readOnlyData) and
	// Storage Blob Data Reader on each datastore's container.
	DataScientists []string `pulumi:"dataScientists,optional"`
	// Entra group object ids of the ML engineers: what data scientists get, plus AzureML
	// Compute Operator on the workspace (they manage compute).
	MlEngineers []string `pulumi:"mlEngineers,optional"`
	// Entra group object ids of readers: Reader on the workspace and read-only data roles on
	// the workspace storage (studio views of jobs, logs and models); no datastore access.
	Readers []string `pulumi:"readers,optional"`
	// People read data but never write it: Storage Blob Data Reader and Storage File Data
	// Privileged Reader on the workspace storage instead of the contributor roles (the prod
	// profile's default). Jobs still write through the compute identity.
	ReadOnlyData bool `pulumi:"readOnlyData,optional"`
}

// DatastoreKinds are the identity-capable storage kinds a datastore may point at (no SQL:
// corporate databases are not queried from compute).
var DatastoreKinds = []string{"AzureBlob", "AzureDataLakeGen2"}

// DatastoreArgs register an existing storage container (e.g. of the data landing zone) as an
// identity-based datastore of the workspace: no key or SAS is stored; users, jobs and the
// compute identity reach the data with their own Entra identity.
type DatastoreArgs struct {
	// Datastore name in the workspace: lowercase letters, digits and underscores.
	Name string `pulumi:"name"`
	// ARM id of the existing storage account (not the workspace's own storage).
	StorageAccountId string `pulumi:"storageAccountId"`
	// The blob container (AzureBlob) or the filesystem (AzureDataLakeGen2).
	Container string `pulumi:"container"`
	// AzureBlob (default) or AzureDataLakeGen2 (an account with a hierarchical namespace).
	Kind string `pulumi:"kind,optional"`
	// What the data is, shown with the datastore in the studio.
	Description string `pulumi:"description,optional"`
	// Let jobs write: the compute identity gets Storage Blob Data Contributor on the container
	// instead of Storage Blob Data Reader. People read only, whatever this says.
	Write bool `pulumi:"write,optional"`
}

// ComputeInstanceArgs is one personal compute instance (a notebook VM) for one named user.
type ComputeInstanceArgs struct {
	// Compute name (3-16 letters, digits and hyphens, starting with a letter). Azure requires
	// it to be unique among the computes of the region, so include the project, e.g.
	// "fraud-alice".
	Name string `pulumi:"name"`
	// Entra object id of the user the instance is assigned to (personal: nobody else can use
	// it). The user reaches the workspace through a group in access.dataScientists or
	// access.mlEngineers.
	UserObjectId string `pulumi:"userObjectId"`
	// VM size, e.g. "Standard_DS3_v2" (default).
	VmSize string `pulumi:"vmSize,optional"`
	// Minutes of inactivity before the instance stops (15-4320). Default 60.
	IdleMinutesBeforeShutdown int `pulumi:"idleMinutesBeforeShutdown,optional"`
	// Path of a creation script in the workspace's file share (e.g.
	// "Users/shared/setup-ci.sh"), run once when the instance is created.
	SetupScript string `pulumi:"setupScript,optional"`
	// What the instance is for, shown in the studio.
	Description string `pulumi:"description,optional"`
}

// Compute instance facts.
const (
	// DefaultComputeInstanceIdleMinutes is the idle shutdown when none is given.
	DefaultComputeInstanceIdleMinutes = 60
	// learn.microsoft.com/azure/machine-learning/how-to-create-compute-instance#configure-idle-shutdown:
	// "a minimum of 15 mins and a maximum of three days".
	minComputeInstanceIdleMinutes = 15
	maxComputeInstanceIdleMinutes = 3 * 24 * 60
)

var datastoreNamePattern = regexp.MustCompile(`^[a-z0-9_]+$`)

// persona is one persona's groups and its roles.
type persona struct {
	key    string // config key
	slug   string // logical-name fragment
	groups []string
}

type peoplePlan struct {
	personas   []persona
	readOnly   bool
	datastores []datastorePlan
	// dsRules are the managed network's private-endpoint rules to the datastores' accounts.
	dsRules   []OutboundRuleArgs
	instances []ComputeInstanceArgs
	// accounts are the distinct datastore accounts (lowercased id -> key) for the approver role.
	accounts []dsAccount
}

type datastorePlan struct {
	args                 DatastoreArgs
	kind                 string
	account, rg, subID   string
	containerScope       string
	scopeKey, accountKey string
}

type dsAccount struct {
	id, key string
}

// computeInstancesAllowed is the one rule for personal compute instances: allow when set,
// else the profile named like the environment decides (pkg/profile: prod refuses them), else
// they are allowed. The platform passes its stack's resolved allowComputeInstances.
func computeInstancesAllowed(environment string, allow *bool) bool {
	if allow != nil {
		return *allow
	}
	if prof, ok := profile.Profiles[environment]; ok {
		return prof.ComputeInstances
	}
	return true
}

// planPeople checks access, datastores and compute instances (f is the component's field).
func planPeople(f string, a *MLOpsWorkspaceArgs, isolation IsolationMode, ownStorage, subscriptionID string) (peoplePlan, problems) {
	var errs problems
	var p peoplePlan
	users := map[string]string{}
	for i, ci := range a.ComputeInstances {
		users[strings.ToLower(ci.UserObjectId)] = fmt.Sprintf("computeInstances[%d].userObjectId", i)
	}
	if acc := a.Access; acc != nil {
		p.readOnly = acc.ReadOnlyData
		seen := map[string]string{}
		for _, x := range []persona{{"dataScientists", "datascientists", acc.DataScientists}, {"mlEngineers", "mlengineers", acc.MlEngineers}, {"readers", "readers", acc.Readers}} {
			for i, g := range x.groups {
				field := fmt.Sprintf("%s.access.%s[%d]", f, x.key, i)
				switch {
				case strings.Contains(g, "@"):
					errs.add(fmt.Errorf("%s: %q is a user name; access is granted to Entra groups only (principal type Group): give the group's object id", field, g))
					continue
				case !guidLike.MatchString(g):
					errs.add(fmt.Errorf("%s: %q is not an Entra group object id (a GUID)", field, g))
					continue
				}
				if u, isUser := users[strings.ToLower(g)]; isUser {
					errs.add(fmt.Errorf("%s: %s is a user's object id (%s); access is granted to Entra groups only (principal type Group): "+
						"put the user in a group and give the group's object id", field, g, u))
				}
				if prev, dup := seen[strings.ToLower(g)]; dup {
					errs.add(fmt.Errorf("%s: group %s is already listed at %s; a group has one persona", field, g, prev))
				}
				seen[strings.ToLower(g)] = fmt.Sprintf("access.%s[%d]", x.key, i)
			}
			p.personas = append(p.personas, x)
		}
	}

	names := map[string]int{}
	for i, d := range a.Datastores {
		df := fmt.Sprintf("%s.datastores[%d]", f, i)
		dp := datastorePlan{args: d, kind: orDefault(d.Kind, "AzureBlob")}
		switch {
		case d.Name == "":
			errs.add(fmt.Errorf("%s.name: required", df))
		case !datastoreNamePattern.MatchString(d.Name):
			errs.add(fmt.Errorf("%s.name: %q may contain only lowercase letters, digits and underscores", df, d.Name))
		default:
			errs.add(prefixErr(df+".name", naming.CheckType("Microsoft.MachineLearningServices/workspaces/datastores", d.Name)))
		}
		// The workspace creates workspaceblobstore, workspacefilestore, workspaceartifactstore and
		// workspaceworkingdirectory itself (learn.microsoft.com/azure/machine-learning/concept-data#datastore).
		if strings.HasPrefix(d.Name, "workspace") {
			errs.add(fmt.Errorf("%s.name: %q: names starting with \"workspace\" are the workspace's own datastores", df, d.Name))
		}
		if j, dup := names[d.Name]; dup && d.Name != "" {
			errs.add(fmt.Errorf("%s.name: %q is already used by datastores[%d]", df, d.Name, j))
		}
		names[d.Name] = i
		errs.add(oneOf(df+".kind", dp.kind, DatastoreKinds...))
		m := armIDPattern.FindStringSubmatch(d.StorageAccountId)
		switch {
		case d.StorageAccountId == "":
			errs.add(fmt.Errorf("%s.storageAccountId: required (the ARM id of the existing storage account)", df))
		case m == nil || m[2] != "":
			errs.add(fmt.Errorf("%s.storageAccountId: %q is not a storage account id (/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Storage/storageAccounts/<name>)", df, d.StorageAccountId))
		case !strings.EqualFold(m[1], "Microsoft.Storage/storageAccounts"):
			errs.add(fmt.Errorf("%s.storageAccountId: %q is a %s id; expected a Microsoft.Storage/storageAccounts id", df, d.StorageAccountId, m[1]))
		default:
			parts := strings.Split(strings.Trim(d.StorageAccountId, "/"), "/")
			dp.subID, dp.rg, dp.account = parts[1], parts[3], parts[7]
			if err := naming.CheckType("Microsoft.Storage/storageAccounts", dp.account); err != nil {
				errs.add(fmt.Errorf("%s.storageAccountId: %w", df, err))
			}
			if !guidLike.MatchString(dp.subID) {
				errs.add(fmt.Errorf("%s.storageAccountId: subscription %q is not a GUID", df, dp.subID))
			}
			if strings.EqualFold(dp.account, ownStorage) && (subscriptionID == "" || strings.EqualFold(dp.subID, subscriptionID)) {
				errs.add(fmt.Errorf("%s.storageAccountId: %s is the workspace's own storage, whose datastores (workspaceblobstore, "+
					"workspacefilestore) the workspace creates itself; register data landing zone storage here", df, dp.account))
			}
		}
		// Container and filesystem names: 3-63 lowercase letters, digits and single hyphens,
		// starting with a letter or digit (learn.microsoft.com/rest/api/storageservices/naming-and-referencing-containers--blobs--and-metadata#container-names).
		if !containerNamePattern.MatchString(d.Container) || strings.Contains(d.Container, "--") {
			errs.add(fmt.Errorf("%s.container: %q is not a container name (3-63 lowercase letters, digits and single hyphens)", df, d.Container))
		}
		dp.accountKey = "ds-" + dp.account
		dp.scopeKey = "ds-" + d.Name
		dp.containerScope = strings.TrimRight(d.StorageAccountId, "/") + "/blobServices/default/containers/" + d.Container
		p.datastores = append(p.datastores, dp)
	}
	if len(a.Datastores) > 0 && isolation == IsolationDisabled {
		errs.add(fmt.Errorf("%s.datastores: isolationMode Disabled has no managed network to reach the accounts privately; "+
			"choose AllowInternetOutbound or AllowOnlyApprovedOutbound", f))
	}
	seenAccount := map[string]bool{}
	seenRule := map[string]bool{}
	for _, dp := range p.datastores {
		if dp.account == "" {
			continue
		}
		id := strings.ToLower(dp.args.StorageAccountId)
		if !seenAccount[id] {
			seenAccount[id] = true
			p.accounts = append(p.accounts, dsAccount{id: dp.args.StorageAccountId, key: dp.accountKey})
		}
		// A Data Lake endpoint's operations may be redirected to the blob endpoint, so an
		// account reached through dfs needs a blob endpoint too
		// (learn.microsoft.com/azure/storage/common/storage-private-endpoints#creating-a-private-endpoint).
		groups := []string{privatelink.GroupBlob}
		if dp.kind == "AzureDataLakeGen2" {
			groups = []string{privatelink.GroupDfs, privatelink.GroupBlob}
		}
		for _, g := range groups {
			name := "ds-" + dp.account + "-" + g
			if seenRule[id+"/"+g] {
				continue
			}
			seenRule[id+"/"+g] = true
			p.dsRules = append(p.dsRules, OutboundRuleArgs{Name: name, Type: OutboundPrivateEndpoint,
				ServiceResourceId: pulumi.String(dp.args.StorageAccountId), SubresourceTarget: g})
		}
	}
	for _, r := range a.OutboundRules {
		for _, d := range p.dsRules {
			if strings.EqualFold(r.Name, d.Name) {
				errs.add(fmt.Errorf("%s.outboundRules: rule name %q is the datastores' private endpoint rule to that account; choose another name", f, r.Name))
			}
		}
	}

	ciNames := map[string]int{}
	for _, c := range a.ComputeClusters {
		ciNames[strings.ToLower(c.Name)] = -1
	}
	for i, ci := range a.ComputeInstances {
		cf := fmt.Sprintf("%s.computeInstances[%d]", f, i)
		if ci.VmSize == "" {
			ci.VmSize = DefaultVMSize
		}
		if ci.IdleMinutesBeforeShutdown == 0 {
			ci.IdleMinutesBeforeShutdown = DefaultComputeInstanceIdleMinutes
		}
		switch {
		case ci.Name == "":
			errs.add(fmt.Errorf("%s.name: required", cf))
		case !computeNamePattern.MatchString(ci.Name):
			errs.add(fmt.Errorf("%s.name: %q must be 3-16 letters, digits and hyphens, start with a letter and not end with a hyphen", cf, ci.Name))
		default:
			errs.add(prefixErr(cf+".name", naming.CheckType("Microsoft.MachineLearningServices/workspaces/computes", ci.Name)))
		}
		if j, dup := ciNames[strings.ToLower(ci.Name)]; dup && ci.Name != "" {
			if j < 0 {
				errs.add(fmt.Errorf("%s.name: %q is already the name of a compute cluster (names are case-insensitive)", cf, ci.Name))
			} else {
				errs.add(fmt.Errorf("%s.name: %q is already used by computeInstances[%d] (names are case-insensitive)", cf, ci.Name, j))
			}
		}
		ciNames[strings.ToLower(ci.Name)] = i
		if !guidLike.MatchString(ci.UserObjectId) {
			errs.add(fmt.Errorf("%s.userObjectId: %q is not an Entra user object id (a GUID)", cf, ci.UserObjectId))
		}
		if !vmSizePattern.MatchString(ci.VmSize) {
			errs.add(fmt.Errorf("%s.vmSize: %q is not an Azure VM size (e.g. Standard_DS3_v2)", cf, ci.VmSize))
		}
		errs.add(checkNotRetired(cf+".vmSize", ci.VmSize))
		if ci.IdleMinutesBeforeShutdown < minComputeInstanceIdleMinutes || ci.IdleMinutesBeforeShutdown > maxComputeInstanceIdleMinutes {
			errs.add(fmt.Errorf("%s.idleMinutesBeforeShutdown: must be %d-%d (it is %d)", cf, minComputeInstanceIdleMinutes, maxComputeInstanceIdleMinutes, ci.IdleMinutesBeforeShutdown))
		}
		if s := ci.SetupScript; s != "" && (strings.HasPrefix(s, "/") || strings.Contains(s, "..") || strings.Contains(s, "://")) {
			errs.add(fmt.Errorf("%s.setupScript: %q must be a relative path in the workspace's file share (e.g. Users/shared/setup-ci.sh)", cf, s))
		}
		p.instances = append(p.instances, ci)
	}
	if len(a.ComputeInstances) > 0 {
		if !computeInstancesAllowed(a.Environment, a.AllowComputeInstances) {
			errs.add(fmt.Errorf("%s.computeInstances: the %s environment refuses compute instances (personal VMs with a person's data access in %s); "+
				"use a dev or test workspace, or set allowComputeInstances: true to allow them here", f, a.Environment, a.Environment))
		}
		if isolation == IsolationDisabled && a.ComputeSubnetId == nil {
			errs.add(fmt.Errorf("%s.computeInstances: isolationMode Disabled leaves compute instances without the managed network; set computeSubnetId", f))
		}
		if a.Access == nil || len(a.Access.DataScientists)+len(a.Access.MlEngineers) == 0 {
			errs.add(fmt.Errorf("%s.computeInstances: their users reach the workspace through a group in access.dataScientists or access.mlEngineers; "+
				"none is configured, so nobody could open an instance", f))
		}
	}
	return p, errs
}

var containerNamePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$`)

func prefixErr(field string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", field, err)
}

// personaGrants are a persona's roles on the workspace and its storage.
//
// Sources: learn.microsoft.com/azure/machine-learning/how-to-assign-roles (AzureML Data
// Scientist: everything in the workspace except creating or deleting compute and changing the
// workspace; AzureML Compute Operator: manage compute; Reader: view the workspace's assets),
// and learn.microsoft.com/azure/machine-learning/how-to-disable-local-auth-storage (with
// identity-based access to the workspace storage the users need Storage Blob Data Contributor
// and Storage File Data Privileged Contributor on it, or Storage Blob Data Reader and Storage
// File Data Privileged Reader when they only need read access).
func personaGrants(key string, readOnly bool, workspaceID, storageID pulumi.StringInput) []rbac.Grant {
	blob, file := rbac.StorageBlobDataContributor, rbac.StorageFileDataPrivilegedContributor
	if readOnly || key == "readers" {
		blob, file = rbac.StorageBlobDataReader, rbac.StorageFileDataPrivilegedReader
	}
	data := []rbac.Grant{{Role: blob, Scope: storageID, ScopeKey: "storage"}, {Role: file, Scope: storageID, ScopeKey: "storage"}}
	switch key {
	case "dataScientists":
		return append([]rbac.Grant{{Role: rbac.AzureMLDataScientist, Scope: workspaceID, ScopeKey: "workspace"}}, data...)
	case "mlEngineers":
		return append([]rbac.Grant{{Role: rbac.AzureMLDataScientist, Scope: workspaceID, ScopeKey: "workspace"},
			{Role: rbac.AzureMLComputeOperator, Scope: workspaceID, ScopeKey: "workspace"}}, data...)
	default:
		return append([]rbac.Grant{{Role: rbac.Reader, Scope: workspaceID, ScopeKey: "workspace"}}, data...)
	}
}

// roleAssignmentCount is how many role assignments the people plan adds.
func (p *peoplePlan) roleAssignmentCount() int {
	n := 0
	for _, x := range p.personas {
		per := len(personaGrants(x.key, p.readOnly, nil, nil))
		if x.key != "readers" {
			per += len(p.datastores)
		}
		n += per * len(x.groups)
	}
	// Compute identity and workspace identity per datastore; the approver per account.
	return n + 2*len(p.datastores) + len(p.accounts)
}

// newPeople creates the persona grants, the datastores (with their network path and roles)
// and the compute instances.
func (c *MLOpsWorkspace) newPeople(ctx *pulumi.Context, name string, p *workspacePlan, ws *azureml.Workspace,
	workspaceID, storageID, computeIdentityID pulumi.StringInput, workspacePrincipal, computePrincipal rbac.Principal,
	computeDeps []pulumi.Resource, tags pulumi.StringMap, tenantID pulumi.StringInput, lastRule pulumi.Resource,
) (pulumi.StringArray, error) {
	a := p.args
	pp := p.people

	// Data path first: the workspace identity may approve the managed private endpoints to each
	// datastore account (how-to-managed-network: a user-assigned workspace identity needs Azure
	// AI Enterprise Network Connection Approver on the target to create them), and reads the
	// data for the studio's preview (how-to-enable-studio-virtual-network, "Datastore: Azure
	// Storage Account": the workspace managed identity needs Storage Blob Data Reader on a
	// storage account that is not its default one).
	var wsGrants []rbac.Grant
	for _, acc := range pp.accounts {
		wsGrants = append(wsGrants, rbac.Grant{Role: rbac.AzureAIEnterpriseNetworkConnectionApprover, Scope: pulumi.String(acc.id), ScopeKey: acc.key})
	}
	for _, d := range pp.datastores {
		wsGrants = append(wsGrants, rbac.Grant{Role: rbac.StorageBlobDataReader, Scope: pulumi.String(d.containerScope), ScopeKey: d.scopeKey})
	}
	approver, err := rbac.Assign(ctx, c, name+"-ra", workspacePrincipal, wsGrants)
	if err != nil {
		return nil, err
	}
	// The managed private endpoints to the accounts, after the approver role exists.
	rules, _, err := c.newRuleChain(ctx, name, p, ws, pp.dsRules, asResources(approver), lastRule)
	if err != nil {
		return nil, err
	}

	// The compute identity: read each datastore's container (write on opt-in). Jobs running as
	// the compute identity reach the data with it (how-to-identity-based-service-authentication,
	// "Access data for training jobs on compute using managed identity").
	var cGrants []rbac.Grant
	for _, d := range pp.datastores {
		role := rbac.StorageBlobDataReader
		if d.args.Write {
			role = rbac.StorageBlobDataContributor
		}
		cGrants = append(cGrants, rbac.Grant{Role: role, Scope: pulumi.String(d.containerScope), ScopeKey: d.scopeKey})
	}
	computeData, err := rbac.Assign(ctx, c, name+"-compute-ra", computePrincipal, cGrants)
	if err != nil {
		return nil, err
	}

	datastoreDeps := append(asResources(computeData), rules...)
	for _, d := range pp.datastores {
		var props azureml.DatastorePropertiesInput
		// Identity-based: no credentials stored; the studio previews data with the workspace's
		// user-assigned identity (how-to-enable-studio-virtual-network, "Use workspace managed
		// identity for data preview and profiling").
		none := &azureml.NoneDatastoreCredentialsArgs{CredentialsType: pulumi.String("None")}
		common := struct {
			desc     pulumi.StringPtrInput
			rg, sub  pulumi.StringPtrInput
			endpoint pulumi.StringPtrInput
		}{description(d.args.Description), pulumi.String(d.rg), pulumi.String(d.subID), pulumi.String(storageSuffix(a))}
		if d.kind == "AzureDataLakeGen2" {
			props = &azureml.AzureDataLakeGen2DatastoreArgs{DatastoreType: pulumi.String("AzureDataLakeGen2"), AccountName: pulumi.String(d.account),
				Filesystem: pulumi.String(d.args.Container), Credentials: none, Description: common.desc, ResourceGroup: common.rg,
				SubscriptionId: common.sub, Endpoint: common.endpoint, Protocol: pulumi.String("https"),
				ServiceDataAccessAuthIdentity: pulumi.String("WorkspaceUserAssignedIdentity")}
		} else {
			props = &azureml.AzureBlobDatastoreArgs{DatastoreType: pulumi.String("AzureBlob"), AccountName: pulumi.String(d.account),
				ContainerName: pulumi.String(d.args.Container), Credentials: none, Description: common.desc, ResourceGroup: common.rg,
				SubscriptionId: common.sub, Endpoint: common.endpoint, Protocol: pulumi.String("https"),
				ServiceDataAccessAuthIdentity: pulumi.String("WorkspaceUserAssignedIdentity")}
		}
		if _, err := azureml.NewDatastore(ctx, name+"-ds-"+d.args.Name, &azureml.DatastoreArgs{
			Name:                pulumi.String(d.args.Name),
			WorkspaceName:       ws.Name,
			ResourceGroupName:   a.ResourceGroupName,
			DatastoreProperties: props,
		}, childOpts(c, pulumi.DependsOn(datastoreDeps))...); err != nil {
			return nil, err
		}
	}

	// People: each persona's groups get its roles; data scientists and ML engineers also read
	// each datastore's container (how-to-enable-studio-virtual-network: the studio uses the
	// user's identity, which needs Storage Blob Data Reader on the account).
	for _, x := range pp.personas {
		for _, g := range x.groups {
			grants := personaGrants(x.key, pp.readOnly, workspaceID, storageID)
			if x.key != "readers" {
				for _, d := range pp.datastores {
					grants = append(grants, rbac.Grant{Role: rbac.StorageBlobDataReader, Scope: pulumi.String(d.containerScope), ScopeKey: d.scopeKey})
				}
			}
			principal := rbac.Principal{ID: pulumi.String(g), Type: rbac.Group, Name: fmt.Sprintf("%s group %s", x.key, g),
				Seed: p.seedIdent + "/group/" + strings.ToLower(g)}
			if _, err := rbac.Assign(ctx, c, fmt.Sprintf("%s-%s-%s", name, x.slug, strings.ToLower(g)), principal, grants); err != nil {
				return nil, err
			}
		}
	}

	// Personal compute instances: assigned to one user, no public IP, SSH off, local auth
	// off, idle shutdown, the compute identity (how-to-create-compute-instance).
	ids := pulumi.StringArray{}
	for _, ci := range pp.instances {
		props := &azureml.ComputeInstancePropertiesArgs{
			VmSize:                           pulumi.String(ci.VmSize),
			EnableNodePublicIp:               pulumi.Bool(false),
			ComputeInstanceAuthorizationType: pulumi.String("personal"),
			SshSettings:                      &azureml.ComputeInstanceSshSettingsArgs{SshPublicAccess: pulumi.String("Disabled")},
			IdleTimeBeforeShutdown:           pulumi.String(fmt.Sprintf("PT%dM", ci.IdleMinutesBeforeShutdown)),
			PersonalComputeInstanceSettings: &azureml.PersonalComputeInstanceSettingsArgs{AssignedUser: &azureml.AssignedUserArgs{
				ObjectId: pulumi.String(ci.UserObjectId), TenantId: tenantID}},
		}
		if ci.SetupScript != "" {
			// learn.microsoft.com/azure/machine-learning/how-to-customize-compute-instance: a
			// creation script stored in the workspace's file share (scriptSource workspaceStorage).
			props.SetupScripts = &azureml.SetupScriptsArgs{Scripts: &azureml.ScriptsToExecuteArgs{CreationScript: &azureml.ScriptReferenceArgs{
				ScriptSource: pulumi.String("workspaceStorage"), ScriptData: pulumi.String(ci.SetupScript)}}}
		}
		if a.ComputeSubnetId != nil {
			props.Subnet = &azureml.ResourceIdArgs{Id: a.ComputeSubnetId}
		}
		inst, err := azureml.NewComputeInstance(ctx, name+"-ci-"+ci.Name, &azureml.ComputeInstanceComputeArgs{
			ComputeName:       pulumi.String(ci.Name),
			WorkspaceName:     ws.Name,
			ResourceGroupName: a.ResourceGroupName,
			Location:          a.Location,
			Identity:          computeIdentity(computeIdentityID),
			Properties: &azureml.ComputeInstanceArgs{
				ComputeType:      pulumi.String("ComputeInstance"),
				DisableLocalAuth: pulumi.Bool(true),
				Description:      description(ci.Description),
				Properties:       props,
			},
			Tags: tags,
		}, childOpts(c, pulumi.DependsOn(append(computeDeps, asResources(computeData)...)))...)
		if err != nil {
			return nil, err
		}
		ids = append(ids, inst.ID().ToStringOutput())
	}
	return ids, nil
}

// storageSuffix is the storage DNS suffix of the deployment's cloud.
func storageSuffix(a MLOpsWorkspaceArgs) string {
	if a.PrivateEndpoints != nil {
		if s := privatelink.StorageSuffix(a.PrivateEndpoints.CloudOrDefault()); s != "" {
			return s
		}
	}
	return privatelink.StorageSuffix(privatelink.AzureCloud)
}

func asResources[T pulumi.Resource](rs []T) []pulumi.Resource {
	out := make([]pulumi.Resource, 0, len(rs))
	for _, r := range rs {
		out = append(out, r)
	}
	return out
}
