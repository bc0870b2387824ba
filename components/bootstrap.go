package components

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/pulumi/pulumi-azure-native-sdk/authorization/v2"
	"github.com/pulumi/pulumi-azure-native-sdk/keyvault/v2"
	"github.com/pulumi/pulumi-azure-native-sdk/resources/v2"
	"github.com/pulumi/pulumi-azure-native-sdk/storage/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/azurelean"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/azureml"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/diagnostics"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/naming"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/privatelink"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/rbac"
)

// BootstrapToken is the Bootstrap component's type token.
const BootstrapToken = "azure-mlops:index:Bootstrap"

// Federation facts, each from its Microsoft/GitHub page.
const (
	// The audience Entra ID expects in every federated token.
	// learn.microsoft.com/entra/workload-id/workload-identity-federation-create-trust-user-assigned-managed-identity
	FederationAudience = "api://AzureADTokenExchange"
	// GitHub Actions' OIDC issuer; subject "repo:<owner>/<repo>:environment:<name>" for a job
	// that references an environment.
	// docs.github.com/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect#example-subject-claims
	GitHubIssuer = "https://token.actions.githubusercontent.com"
)

// BootstrapArgs are what delivery needs once per subscription: the Pulumi state backend,
// the secrets provider's keys, and per environment a deployer and a previewer identity that
// pipelines log in as through federated credentials (no client secret anywhere).
type BootstrapArgs struct {
	// Location of the delivery resources, e.g. westeurope.
	Location pulumi.StringInput `pulumi:"location"`
	// Workload name; the environments' resource groups default to rg-<workload>-<environment>,
	// the names the platform program gives them.
	Workload string `pulumi:"workload,optional"`
	// Subscription id the platform deploys to (the scope of the policy-definition role).
	SubscriptionId string `pulumi:"subscriptionId"`
	// Resource group of the delivery resources (created). Default rg-<workload>-delivery.
	ResourceGroupName string `pulumi:"resourceGroupName,optional"`
	// IP ranges (CIDR) allowed to reach the state account and the vault through their public
	// endpoints (the egress of your build agents). Empty with privateEndpointSubnetId set:
	// public network access is disabled and only private agents reach them.
	AllowedIpRanges []string `pulumi:"allowedIpRanges,optional"`
	// A subnet (e.g. the hub's build-agent or endpoint subnet) for private endpoints of the
	// state account (blob) and the vault.
	PrivateEndpointSubnetId pulumi.StringInput `pulumi:"privateEndpointSubnetId,optional"`
	// Existing private DNS zone ids by zone name (privatelink.blob.core.windows.net,
	// privatelink.vaultcore.azure.net) for the endpoints' DNS zone groups.
	PrivateDnsZoneIds map[string]pulumi.StringInput `pulumi:"privateDnsZoneIds,optional"`
	// The central Log Analytics workspace (e.g. the landing zone's) that receives the state
	// account's and vault's logs: who read or wrote state, who used the keys.
	LogAnalyticsWorkspaceId pulumi.StringInput `pulumi:"logAnalyticsWorkspaceId"`
	// The environments, in roll-out order.
	Environments []BootstrapEnvironmentArgs `pulumi:"environments"`
	// Tags added to every resource.
	Tags map[string]string `pulumi:"tags,optional"`
}

// BootstrapEnvironmentArgs is one environment's delivery identity.
type BootstrapEnvironmentArgs struct {
	// Environment name (dev, test, prod): the Pulumi stack and the GitHub environment.
	Name string `pulumi:"name"`
	// The platform's resource group of this environment. Default rg-<workload>-<name>.
	ResourceGroupName string `pulumi:"resourceGroupName,optional"`
	// ARM ids of the data landing zone's storage accounts (or their resource groups) that the
	// environment's projects register as datastores: the platform grants the compute identity,
	// the workspace identity and the team groups data roles there, so the deployer gets the
	// same constrained role-assignment right on each (and nothing else there).
	DataScopes []string `pulumi:"dataScopes,optional"`
	// GitHub repository "<owner>/<repo>" whose jobs in environment <name> may deploy, and in
	// environment <name>-preview may preview.
	GitHubRepository string `pulumi:"gitHubRepository,optional"`
	// Azure DevOps service connection (workload identity federation, manual): the issuer and
	// subject its page shows.
	AzureDevOps *AzureDevOpsFederationArgs `pulumi:"azureDevOps,optional"`
}

// AzureDevOpsFederationArgs are an Azure DevOps service connection's federation values.
type AzureDevOpsFederationArgs struct {
	// https://login.microsoftonline.com/<tenant-id>/v2.0 (Entra issuer, the default for new
	// connections) or https://vstoken.dev.azure.com/<organization-id> (Azure DevOps issuer,
	// retired on 2027-07-01 in Azure public cloud:
	// learn.microsoft.com/azure/devops/pipelines/release/convert-service-connections).
	Issuer string `pulumi:"issuer"`
	// The subject the service connection shows: sc://<org>/<project>/<connection> with the
	// Azure DevOps issuer; an opaque /eid1/... string with the Entra issuer.
	Subject string `pulumi:"subject"`
}

// Bootstrap is the delivery foundation of the platform.
type Bootstrap struct {
	pulumi.ResourceState

	// The state account's name (AZURE_STORAGE_ACCOUNT for `pulumi login azblob://...`).
	StateStorageAccountName pulumi.StringOutput `pulumi:"stateStorageAccountName"`
	// Per environment: the backend URL (azblob://<container>).
	BackendUrls pulumi.StringMapOutput `pulumi:"backendUrls"`
	// Per environment: the secrets provider (azurekeyvault://<vault>.vault.azure.net/keys/<key>).
	SecretsProviders pulumi.StringMapOutput `pulumi:"secretsProviders"`
	// Per environment: the deployer identity's client id (AZURE_CLIENT_ID of deploy jobs).
	DeployerClientIds pulumi.StringMapOutput `pulumi:"deployerClientIds"`
	// Per environment: the previewer identity's client id (AZURE_CLIENT_ID of PR/drift jobs).
	PreviewerClientIds pulumi.StringMapOutput `pulumi:"previewerClientIds"`
}

// Roles the bootstrap grants beyond rbac.Known (which the platform assigns itself).
var (
	// Manage role assignments, nothing else; constrained here by an ABAC condition.
	// learn.microsoft.com/azure/role-based-access-control/built-in-roles/privileged#role-based-access-control-administrator
	RoleBasedAccessControlAdministrator = rbac.Role{Name: "Role Based Access Control Administrator", ID: "f58310d9-a9f6-439a-9e8d-f62e7b41a168"}
	// Create and manage policy definitions and assignments (Microsoft.Authorization/policy*).
	// learn.microsoft.com/azure/role-based-access-control/built-in-roles/management-and-governance#resource-policy-contributor
	ResourcePolicyContributor = rbac.Role{Name: "Resource Policy Contributor", ID: "36243c78-bf99-498c-9df9-86d9f8d28608"}
	// Data plane: cryptographic operations with keys (encrypt/decrypt for azurekeyvault://).
	// learn.microsoft.com/azure/role-based-access-control/built-in-roles/security#key-vault-crypto-user
	KeyVaultCryptoUser = rbac.Role{Name: "Key Vault Crypto User", ID: "12338af0-0e69-4776-bea7-57ae8d297424"}
)

// PlatformAssignableRoles are the roles the platform program assigns and therefore the only
// ones its deployer may assign: the role table of pkg/rbac (every component grants through
// rbac.Assign with a role from it). A test plans every stack and fails when an assignment
// falls outside this list.
func PlatformAssignableRoles() []rbac.Role {
	out := slices.Clone(rbac.Known)
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// RoleAssignmentCondition is the ABAC condition (version 2.0) that lets the holder of Role
// Based Access Control Administrator create and delete role assignments of the given roles to
// service principals (managed identities, through rbac.Assign), and of the subset of them in
// rbac.GroupAssignable to Entra groups (the team personas) — nothing else: no user, no other
// role. Microsoft's "Constrain roles and principal types" example, one branch per principal type:
// learn.microsoft.com/azure/role-based-access-control/delegate-role-assignments-examples#example-constrain-roles-and-principal-types
func RoleAssignmentCondition(roles []rbac.Role) string {
	list := func(rs []rbac.Role) string {
		ids := make([]string, len(rs))
		for i, r := range rs {
			ids[i] = r.ID
		}
		return strings.Join(ids, ", ")
	}
	var groupRoles []rbac.Role
	for _, r := range roles {
		if slices.Contains(rbac.GroupAssignable, r) {
			groupRoles = append(groupRoles, r)
		}
	}
	branch := func(source string, rs []rbac.Role, principalType string) string {
		return "(@" + source + "[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {" + list(rs) + "}" +
			" AND @" + source + "[Microsoft.Authorization/roleAssignments:PrincipalType] ForAnyOfAnyValues:StringEqualsIgnoreCase {'" + principalType + "'})"
	}
	half := func(action, source string) string {
		s := "((!(ActionMatches{'Microsoft.Authorization/roleAssignments/" + action + "'})) OR " + branch(source, roles, rbac.ServicePrincipal)
		if len(groupRoles) > 0 {
			s += " OR " + branch(source, groupRoles, rbac.Group)
		}
		return s + ")"
	}
	return half("write", "Request") + " AND " + half("delete", "Resource")
}

// privileged roles a deployer must never be able to hand out (they grant access management).
// Ids from learn.microsoft.com/azure/role-based-access-control/built-in-roles/privileged.
var privilegedRoleIDs = map[string]string{
	"8e3af657-a8ff-443c-a75c-2fe8c4bcb635": "Owner",
	"18d7d88d-d35e-4fb5-a5c3-7773c20a72d9": "User Access Administrator",
	"f58310d9-a9f6-439a-9e8d-f62e7b41a168": "Role Based Access Control Administrator",
}

var (
	gitHubRepoPattern = regexp.MustCompile(`^[A-Za-z0-9-]+/[A-Za-z0-9._-]+$`)
	guidPattern       = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	// ADO's legacy subject: sc://<organization>/<project>/<service connection name>.
	// learn.microsoft.com/azure/devops/pipelines/release/configure-workload-identity
	adoLegacySubject = regexp.MustCompile(`^sc://[^/]+/[^/]+/[^/]+$`)
	dataScopePattern = regexp.MustCompile(`(?i)^/subscriptions/[0-9a-f-]{36}/resourceGroups/[^/]+(/providers/Microsoft\.Storage/storageAccounts/[a-z0-9]{3,24})?$`)
)

type bootstrapEnv struct {
	args                 BootstrapEnvironmentArgs
	rg, container, key   string
	deployer, previewer  string
	gitHubDeploySubject  string
	gitHubPreviewSubject string
}

type bootstrapPlan struct {
	args               BootstrapArgs
	workload, rg       string
	storageName, vault string
	envs               []bootstrapEnv
	tags               pulumi.StringMap
	condition          string
	private            bool
}

func (a *BootstrapArgs) plan() (*bootstrapPlan, error) {
	const f = "bootstrap"
	var errs problems
	p := &bootstrapPlan{args: *a, workload: a.Workload}
	if p.workload == "" {
		p.workload = "mlops"
	}
	errs.add(requireInput(f+".location", a.Location))
	errs.add(requireInput(f+".logAnalyticsWorkspaceId", a.LogAnalyticsWorkspaceId))
	errs.add(checkARMID(f+".logAnalyticsWorkspaceId", a.LogAnalyticsWorkspaceId, "Microsoft.OperationalInsights/workspaces"))
	errs.add(checkLocation(f+".location", a.Location))
	errs.add(naming.ValidateWorkload(f+".workload", p.workload))
	if !guidPattern.MatchString(a.SubscriptionId) {
		errs.add(fmt.Errorf("%s.subscriptionId: %q is not a subscription id (a GUID)", f, a.SubscriptionId))
	}
	p.rg = a.ResourceGroupName
	if p.rg == "" {
		p.rg = fmt.Sprintf("rg-%s-delivery", p.workload)
	}
	errs.add(naming.CheckType("Microsoft.Resources/resourceGroups", p.rg))
	suffix := naming.Suffix(p.workload, "delivery", a.SubscriptionId)
	compact := strings.ReplaceAll(p.workload, "-", "")
	p.storageName = "st" + compact + "state" + suffix
	p.vault = "kv-" + p.workload + "-state-" + suffix
	if err := naming.CheckType("Microsoft.Storage/storageAccounts", p.storageName); err != nil {
		errs.add(fmt.Errorf("%s.workload: %w", f, err))
	}
	if err := naming.CheckType("Microsoft.KeyVault/vaults", p.vault); err != nil {
		errs.add(fmt.Errorf("%s.workload: %w", f, err))
	}
	p.private = a.PrivateEndpointSubnetId != nil
	if p.private {
		errs.add(checkARMID(f+".privateEndpointSubnetId", a.PrivateEndpointSubnetId, "Microsoft.Network/virtualNetworks"))
	}
	if !p.private && len(a.AllowedIpRanges) == 0 {
		errs.add(fmt.Errorf("%s: give privateEndpointSubnetId (agents in the hub) or allowedIpRanges (your agents' egress); the state account and vault allow no other network", f))
	}
	for i, r := range a.AllowedIpRanges {
		if _, err := parsePrefix(fmt.Sprintf("%s.allowedIpRanges[%d]", f, i), r); err != nil {
			errs.add(err)
		}
	}
	if len(a.Environments) == 0 {
		errs.add(fmt.Errorf("%s.environments: at least one environment", f))
	}
	seen := map[string]bool{}
	for i, e := range a.Environments {
		ef := fmt.Sprintf("%s.environments[%d]", f, i)
		errs.add(naming.ValidateEnvironment(ef+".name", e.Name))
		if seen[e.Name] {
			errs.add(fmt.Errorf("%s.name: %q appears twice", ef, e.Name))
		}
		seen[e.Name] = true
		be := bootstrapEnv{args: e, rg: e.ResourceGroupName,
			container: "state-" + e.Name, key: "pulumi-" + e.Name,
			deployer: fmt.Sprintf("id-%s-deploy-%s", p.workload, e.Name), previewer: fmt.Sprintf("id-%s-preview-%s", p.workload, e.Name)}
		if be.rg == "" {
			be.rg = fmt.Sprintf("rg-%s-%s", p.workload, e.Name)
		}
		errs.add(naming.CheckType("Microsoft.Resources/resourceGroups", be.rg))
		seenScope := map[string]int{}
		for j, ds := range e.DataScopes {
			if k, dup := seenScope[strings.ToLower(ds)]; dup {
				errs.add(fmt.Errorf("%s.environments[%d].dataScopes[%d]: %q is already dataScopes[%d]", f, i, j, ds, k))
			}
			seenScope[strings.ToLower(ds)] = j
			if !dataScopePattern.MatchString(ds) {
				errs.add(fmt.Errorf("%s.environments[%d].dataScopes[%d]: %q is not a storage account or resource group id "+
					"(/subscriptions/<id>/resourceGroups/<rg>[/providers/Microsoft.Storage/storageAccounts/<name>])", f, i, j, ds))
			}
		}
		if e.GitHubRepository == "" && e.AzureDevOps == nil {
			errs.add(fmt.Errorf("%s: give gitHubRepository or azureDevOps (or both): an identity nobody can federate to is useless", ef))
		}
		if e.GitHubRepository != "" {
			if !gitHubRepoPattern.MatchString(e.GitHubRepository) {
				errs.add(fmt.Errorf("%s.gitHubRepository: %q is not <owner>/<repo>", ef, e.GitHubRepository))
			}
			be.gitHubDeploySubject = fmt.Sprintf("repo:%s:environment:%s", e.GitHubRepository, e.Name)
			be.gitHubPreviewSubject = fmt.Sprintf("repo:%s:environment:%s-preview", e.GitHubRepository, e.Name)
		}
		if d := e.AzureDevOps; d != nil {
			switch {
			case strings.HasPrefix(d.Issuer, "https://login.microsoftonline.com/"):
				if d.Subject == "" {
					errs.add(fmt.Errorf("%s.azureDevOps.subject: required (copy it from the service connection)", ef))
				}
			case strings.HasPrefix(d.Issuer, "https://vstoken.dev.azure.com/"):
				if !adoLegacySubject.MatchString(d.Subject) {
					errs.add(fmt.Errorf("%s.azureDevOps.subject: %q is not sc://<organization>/<project>/<service connection>", ef, d.Subject))
				}
			default:
				errs.add(fmt.Errorf("%s.azureDevOps.issuer: %q is neither https://login.microsoftonline.com/<tenant>/v2.0 nor https://vstoken.dev.azure.com/<organization id>", ef, d.Issuer))
			}
		}
		p.envs = append(p.envs, be)
	}
	errs.add(checkTags(f+".tags", a.Tags))
	roles := PlatformAssignableRoles()
	for _, r := range roles {
		if n, bad := privilegedRoleIDs[r.ID]; bad {
			errs.add(fmt.Errorf("%s: the platform's role table contains %s; a deployer must not be able to assign it", f, n))
		}
	}
	p.condition = RoleAssignmentCondition(roles)
	p.tags = tagsFor(a.Tags, p.workload, "delivery", "bootstrap")
	if len(errs) > 0 {
		return nil, errs.err()
	}
	return p, nil
}

// NewBootstrap creates the delivery foundation.
func NewBootstrap(ctx *pulumi.Context, name string, args *BootstrapArgs, opts ...pulumi.ResourceOption) (*Bootstrap, error) {
	return construct(ctx, BootstrapToken, "bootstrap", name, args, (*BootstrapArgs).plan, &Bootstrap{},
		func(c *Bootstrap, p *bootstrapPlan) error { return c.build(ctx, name, p) }, opts)
}

func (c *Bootstrap) build(ctx *pulumi.Context, name string, p *bootstrapPlan) error {
	a := p.args
	// State and keys are what every later deployment depends on: never deleted by accident.
	keep := pulumi.Protect(true)
	rg, err := resources.NewResourceGroup(ctx, name+"-rg", &resources.ResourceGroupArgs{
		ResourceGroupName: pulumi.String(p.rg), Location: a.Location, Tags: p.tags,
	}, pulumi.Parent(c), keep)
	if err != nil {
		return err
	}
	publicAccess, defaultAction := "Enabled", storage.DefaultActionDeny
	if len(a.AllowedIpRanges) == 0 {
		publicAccess = "Disabled"
	}
	var ipRules storage.IPRuleArray
	var kvIPRules keyvault.IPRuleArray
	for _, r := range a.AllowedIpRanges {
		ipRules = append(ipRules, storage.IPRuleArgs{IPAddressOrRange: pulumi.String(strings.TrimSuffix(r, "/32")), Action: storage.ActionAllow})
		kvIPRules = append(kvIPRules, keyvault.IPRuleArgs{Value: pulumi.String(r)})
	}
	st, err := azurelean.StorageAccount(ctx, name+"-state", &storage.StorageAccountArgs{
		AccountName:       pulumi.String(p.storageName),
		ResourceGroupName: rg.Name,
		Location:          a.Location,
		Kind:              pulumi.String("StorageV2"),
		// Zone-redundant: the state of every environment lives here.
		Sku:               &storage.SkuArgs{Name: pulumi.String("Standard_ZRS")},
		MinimumTlsVersion: pulumi.String("TLS1_2"),
		// Entra ID only: Pulumi's azblob backend authenticates with DefaultAzureCredential
		// when neither AZURE_STORAGE_KEY nor AZURE_STORAGE_SAS_TOKEN is set
		// (pulumi.com/docs/iac/concepts/state-and-backends/#azure-blob-storage).
		AllowSharedKeyAccess:         pulumi.Bool(false),
		DefaultToOAuthAuthentication: pulumi.Bool(true),
		AllowBlobPublicAccess:        pulumi.Bool(false),
		AllowCrossTenantReplication:  pulumi.Bool(false),
		EnableHttpsTrafficOnly:       pulumi.Bool(true),
		PublicNetworkAccess:          pulumi.String(publicAccess),
		NetworkRuleSet: &storage.NetworkRuleSetArgs{
			DefaultAction: defaultAction,
			Bypass:        pulumi.String("AzureServices"),
			IpRules:       ipRules,
		},
		Encryption: &storage.EncryptionArgs{
			KeySource:                       pulumi.String("Microsoft.Storage"),
			RequireInfrastructureEncryption: pulumi.Bool(true),
			Services: &storage.EncryptionServicesArgs{
				Blob: &storage.EncryptionServiceArgs{Enabled: pulumi.Bool(true), KeyType: pulumi.String("Account")},
			},
		},
		Tags: p.tags,
	}, pulumi.Parent(c), keep)
	if err != nil {
		return err
	}
	// Versioning and soft delete make every state checkpoint recoverable, whatever a broken
	// run or a person does to the blobs.
	// learn.microsoft.com/azure/storage/blobs/versioning-overview, soft-delete-blob-overview
	if _, err := azurelean.Register(ctx, "azure-native:storage:BlobServiceProperties", name+"-state-blob", &storage.BlobServicePropertiesArgs{
		AccountName:           st.Name,
		ResourceGroupName:     rg.Name,
		BlobServicesName:      pulumi.String("default"),
		IsVersioningEnabled:   pulumi.Bool(true),
		DeleteRetentionPolicy: &storage.DeleteRetentionPolicyArgs{Enabled: pulumi.Bool(true), Days: pulumi.Int(30)},
		ContainerDeleteRetentionPolicy: &storage.DeleteRetentionPolicyArgs{
			Enabled: pulumi.Bool(true), Days: pulumi.Int(30),
		},
		ChangeFeed: &storage.ChangeFeedArgs{Enabled: pulumi.Bool(true)},
	}, pulumi.Parent(c)); err != nil {
		return err
	}
	tenant := authorization.GetClientConfigOutput(ctx, pulumi.Parent(c)).TenantId()
	kvPublic := "Enabled"
	if len(a.AllowedIpRanges) == 0 {
		kvPublic = "Disabled"
	}
	kv, err := azurelean.Vault(ctx, name+"-kv", &keyvault.VaultArgs{
		VaultName:         pulumi.String(p.vault),
		ResourceGroupName: rg.Name,
		Location:          a.Location,
		Properties: &keyvault.VaultPropertiesArgs{
			TenantId:                  tenant,
			Sku:                       &keyvault.SkuArgs{Family: pulumi.String("A"), Name: keyvault.SkuNameStandard},
			EnableRbacAuthorization:   pulumi.Bool(true),
			EnableSoftDelete:          pulumi.Bool(true),
			SoftDeleteRetentionInDays: pulumi.Int(90),
			EnablePurgeProtection:     pulumi.Bool(true),
			PublicNetworkAccess:       pulumi.String(kvPublic),
			NetworkAcls: &keyvault.NetworkRuleSetArgs{
				DefaultAction: pulumi.String("Deny"),
				Bypass:        pulumi.String("AzureServices"),
				IpRules:       kvIPRules,
			},
		},
		Tags: p.tags,
	}, pulumi.Parent(c), keep)
	if err != nil {
		return err
	}
	stID := st.ID().ToStringOutput()
	for _, d := range []struct {
		suffix  string
		target  pulumi.StringInput
		profile diagnostics.Profile
	}{
		{"kv-diag", kv.ID().ToStringOutput(), diagnostics.LogsAndMetrics},
		{"state-diag", stID, diagnostics.StorageAccount},
		{"state-blob-diag", pulumi.Sprintf("%s/blobServices/default", stID), diagnostics.StorageService},
	} {
		if _, err := diagnostics.Enable(ctx, c, name+"-"+d.suffix, d.target, a.LogAnalyticsWorkspaceId, d.profile, pulumi.DependsOn([]pulumi.Resource{st})); err != nil {
			return err
		}
	}
	if p.private {
		common := privatelink.Common{ResourceGroupName: rg.Name, Location: a.Location, Tags: p.tags}
		// learn.microsoft.com/azure/private-link/private-endpoint-dns#storage (blob) and #security (vault)
		for _, t := range []struct {
			key, group, zone, target string
			id                       pulumi.StringInput
		}{
			{"state", "blob", "privatelink.blob.core.windows.net", p.storageName, st.ID().ToStringOutput()},
			{"kv", "vault", "privatelink.vaultcore.azure.net", p.vault, kv.ID().ToStringOutput()},
		} {
			var zones map[string]pulumi.StringInput
			if id, ok := a.PrivateDnsZoneIds[t.zone]; ok {
				zones = map[string]pulumi.StringInput{t.zone: id}
			}
			if _, _, err := privatelink.NewEndpoint(ctx, c, name+"-"+t.key+"-pe", privatelink.EndpointArgs{
				Common: common, SubnetID: a.PrivateEndpointSubnetId, TargetID: t.id,
				Name: fmt.Sprintf("pe-%s-%s", t.group, t.target), GroupID: t.group, ZoneIDs: zones,
			}); err != nil {
				return err
			}
		}
	}

	// The bootstrap's own state, once migrated off the laptop (README "Delivery"); no
	// pipeline identity gets access to it.
	if _, err := storage.NewBlobContainer(ctx, name+"-state-bootstrap", &storage.BlobContainerArgs{
		AccountName: st.Name, ResourceGroupName: rg.Name, ContainerName: pulumi.String("state-bootstrap"),
		PublicAccess: storage.PublicAccessNone,
	}, pulumi.Parent(c), keep); err != nil {
		return err
	}
	subscription := "/subscriptions/" + a.SubscriptionId
	backends, secrets := pulumi.StringMap{}, pulumi.StringMap{}
	deployers, previewers := pulumi.StringMap{}, pulumi.StringMap{}
	for _, e := range p.envs {
		container, err := storage.NewBlobContainer(ctx, name+"-state-"+e.args.Name, &storage.BlobContainerArgs{
			AccountName: st.Name, ResourceGroupName: rg.Name, ContainerName: pulumi.String(e.container),
			PublicAccess: storage.PublicAccessNone,
		}, pulumi.Parent(c), keep)
		if err != nil {
			return err
		}
		key, err := keyvault.NewKey(ctx, name+"-key-"+e.args.Name, &keyvault.KeyArgs{
			VaultName: kv.Name, ResourceGroupName: rg.Name, KeyName: pulumi.String(e.key),
			Properties: &keyvault.KeyPropertiesArgs{Kty: pulumi.String("RSA"), KeySize: pulumi.Int(3072),
				KeyOps: pulumi.StringArray{pulumi.String("encrypt"), pulumi.String("decrypt")}},
		}, pulumi.Parent(c), keep)
		if err != nil {
			return err
		}
		envTags := tagsFor(a.Tags, p.workload, e.args.Name, "bootstrap")
		// The deployer's rights are scoped to the environment's resource group, and Azure
		// assigns roles only on scopes that exist: the group is created here, once, and the
		// platform's first `pulumi up` adopts it (`pulumi import`, .ci/delivery/pulumi.sh).
		// From then on the platform owns its tags; this stack ignores them and never deletes
		// the group.
		envGroup, err := resources.NewResourceGroup(ctx, name+"-rg-"+e.args.Name, &resources.ResourceGroupArgs{
			ResourceGroupName: pulumi.String(e.rg), Location: a.Location, Tags: envTags,
		}, pulumi.Parent(c), keep, pulumi.RetainOnDelete(true), pulumi.IgnoreChanges([]string{"tags"}))
		if err != nil {
			return err
		}
		envRG := envGroup.ID().ToStringOutput()
		ids := map[string]*azureml.UserAssignedIdentity{}
		for _, who := range []struct{ kind, name string }{{"deploy", e.deployer}, {"preview", e.previewer}} {
			id, err := azureml.NewUserAssignedIdentity(ctx, fmt.Sprintf("%s-%s-%s", name, who.kind, e.args.Name), &azureml.UserAssignedIdentityArgs{
				ResourceName: pulumi.String(who.name), ResourceGroupName: rg.Name, Location: a.Location, Tags: envTags,
			}, pulumi.Parent(c))
			if err != nil {
				return err
			}
			ids[who.kind] = id
			type fed struct{ suffix, issuer, subject string }
			var feds []fed
			if e.args.GitHubRepository != "" {
				subject := e.gitHubDeploySubject
				if who.kind == "preview" {
					subject = e.gitHubPreviewSubject
				}
				feds = append(feds, fed{"github", GitHubIssuer, subject})
			}
			// Azure DevOps deploys only: its stages gate on approvals of the environment, and
			// one service connection maps to one identity.
			if d := e.args.AzureDevOps; d != nil && who.kind == "deploy" {
				feds = append(feds, fed{"azuredevops", d.Issuer, d.Subject})
			}
			var prev []pulumi.Resource
			for _, fd := range feds {
				// Entra refuses concurrent writes of credentials on one identity: chain them.
				// learn.microsoft.com/entra/workload-id/workload-identity-federation-considerations#concurrent-updates-arent-supported-user-assigned-managed-identities
				fc, err := azureml.NewFederatedIdentityCredential(ctx, fmt.Sprintf("%s-%s-%s-%s", name, who.kind, e.args.Name, fd.suffix),
					&azureml.FederatedIdentityCredentialArgs{
						ResourceName: pulumi.String(who.name), ResourceGroupName: rg.Name,
						FederatedIdentityCredentialResourceName: pulumi.String(fd.suffix + "-" + e.args.Name),
						Issuer:                                  pulumi.String(fd.issuer), Subject: pulumi.String(fd.subject),
						Audiences: pulumi.StringArray{pulumi.String(FederationAudience)},
					}, pulumi.Parent(id), pulumi.DependsOn(prev))
				if err != nil {
					return err
				}
				prev = []pulumi.Resource{fc}
			}
		}
		stateScope := pulumi.Sprintf("%s/blobServices/default/containers/%s", st.ID(), e.container)
		keyScope := key.ID().ToStringOutput()
		deployGrants := []rbac.Grant{
			// Everything the platform creates lives in the environment's resource group.
			{Role: rbac.Contributor, Scope: envRG, ScopeKey: "rg"},
			// Policy definitions are subscription resources (the assignments sit on the group).
			{Role: ResourcePolicyContributor, Scope: pulumi.String(subscription), ScopeKey: "subscription"},
			{Role: rbac.StorageBlobDataContributor, Scope: stateScope, ScopeKey: "state"},
			{Role: KeyVaultCryptoUser, Scope: keyScope, ScopeKey: "key"},
		}
		// Preview runs on pull requests and on schedule: read the environment, lock and read
		// its state (the azblob backend writes lock blobs even on preview), decrypt its secrets.
		previewGrants := []rbac.Grant{
			{Role: rbac.Reader, Scope: envRG, ScopeKey: "rg"},
			{Role: rbac.StorageBlobDataContributor, Scope: stateScope, ScopeKey: "state"},
			{Role: KeyVaultCryptoUser, Scope: keyScope, ScopeKey: "key"},
		}
		for _, g := range []struct {
			kind   string
			grants []rbac.Grant
		}{{"deploy", deployGrants}, {"preview", previewGrants}} {
			id := ids[g.kind]
			if _, err := rbac.Assign(ctx, c, fmt.Sprintf("%s-%s-%s", name, g.kind, e.args.Name),
				rbac.Principal{ID: id.PrincipalId, Name: fmt.Sprintf("id-%s-%s-%s", p.workload, g.kind, e.args.Name), Seed: fmt.Sprintf("%s/%s/%s", p.storageName, g.kind, e.args.Name)},
				g.grants, pulumi.DependsOn([]pulumi.Resource{container})); err != nil {
				return err
			}
		}
		// Role assignments inside the environment: only the roles the platform assigns.
		if _, err := rbac.NewRoleAssignment(ctx, fmt.Sprintf("%s-deploy-%s-rg-rbac-admin", name, e.args.Name), &rbac.RoleAssignmentArgs{
			RoleAssignmentName: pulumi.String(rbac.AssignmentName(fmt.Sprintf("%s/deploy/%s", p.storageName, e.args.Name), "rg", RoleBasedAccessControlAdministrator)),
			PrincipalId:        ids["deploy"].PrincipalId,
			PrincipalType:      pulumi.String("ServicePrincipal"),
			RoleDefinitionId:   pulumi.String(RoleBasedAccessControlAdministrator.DefinitionID(subscription)),
			Scope:              envRG,
			Condition:          pulumi.String(p.condition),
			ConditionVersion:   pulumi.String("2.0"),
			Description:        pulumi.String(fmt.Sprintf("Assign only the platform's roles in %s (managed by azure-mlops)", e.rg)),
		}, pulumi.Parent(c)); err != nil {
			return err
		}
		for _, ds := range e.args.DataScopes {
			// Named by the scope (its name and a digest of the whole id), not its position, so
			// removing one scope leaves the others' assignments alone.
			key := strings.ToLower(ds[strings.LastIndex(ds, "/")+1:]) + "-" + naming.GUID(strings.ToLower(ds))[:8]
			if _, err := authorization.NewRoleAssignment(ctx, fmt.Sprintf("%s-deploy-%s-data-%s-rbac-admin", name, e.args.Name, key), &authorization.RoleAssignmentArgs{
				RoleAssignmentName: pulumi.String(rbac.AssignmentName(fmt.Sprintf("%s/deploy/%s", p.storageName, e.args.Name), "data:"+strings.ToLower(ds), RoleBasedAccessControlAdministrator)),
				PrincipalId:        ids["deploy"].PrincipalId,
				PrincipalType:      pulumi.String("ServicePrincipal"),
				RoleDefinitionId:   pulumi.String(RoleBasedAccessControlAdministrator.DefinitionID(ds)),
				Scope:              pulumi.String(ds),
				Condition:          pulumi.String(p.condition),
				ConditionVersion:   pulumi.String("2.0"),
				Description:        pulumi.String(fmt.Sprintf("Datastore grants of %s: only the platform's roles (managed by azure-mlops)", e.rg)),
			}, pulumi.Parent(c)); err != nil {
				return err
			}
		}
		backends[e.args.Name] = pulumi.String("azblob://" + e.container)
		secrets[e.args.Name] = pulumi.Sprintf("azurekeyvault://%s.vault.azure.net/keys/%s", p.vault, e.key)
		deployers[e.args.Name] = ids["deploy"].ClientId
		previewers[e.args.Name] = ids["preview"].ClientId
	}
	c.StateStorageAccountName = st.Name
	c.BackendUrls = backends.ToStringMapOutput()
	c.SecretsProviders = secrets.ToStringMapOutput()
	c.DeployerClientIds = deployers.ToStringMapOutput()
	c.PreviewerClientIds = previewers.ToStringMapOutput()
	return ctx.RegisterResourceOutputs(c, pulumi.Map{
		"stateStorageAccountName": c.StateStorageAccountName,
		"backendUrls":             c.BackendUrls,
		"secretsProviders":        c.SecretsProviders,
		"deployerClientIds":       c.DeployerClientIds,
		"previewerClientIds":      c.PreviewerClientIds,
	})
}
