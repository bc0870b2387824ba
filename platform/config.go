package platform

import (
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/azure-mlops/pulumi-azure-mlops/components"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/naming"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/profile"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/regions"
)

// Config is the stack configuration as written (every key optional), keys without the
// "azure-mlops:" namespace. Structured keys decode into the component types themselves; their
// `config` tags name the fields the program sets (see profile.Decode). Pulumi.yaml's config
// block and the README's configuration reference are generated from this type; a key tagged
// `profile:"true"` takes its default from the environment profile, so Pulumi.yaml does not
// declare it (a static default there would override the profile).
type Config struct {
	// Environment profile: dev, test or prod (default: the stack name).
	Profile string `json:"profile,omitempty" profile:"true"`
	// Environment name used in resource names and tags (default: the stack name).
	Environment string `json:"environment,omitempty" profile:"true"`
	// Workload name used in the shared resources' names.
	Workload string `json:"workload,omitempty" default:"mlops"`
	// Azure region of every resource, e.g. westeurope.
	Location string `json:"location,omitempty" required:"true"`
	// Resource group of the environment (default: rg-<workload>-<environment>).
	ResourceGroupName string `json:"resourceGroupName,omitempty" profile:"true"`
	// Log Analytics retention in days (profile: dev 30, test 60, prod 365).
	LogRetentionDays *int `json:"logRetentionDays,omitempty" profile:"true"`
	// Managed network isolation mode of every project (profile: dev AllowInternetOutbound, else AllowOnlyApprovedOutbound).
	IsolationMode *string `json:"isolationMode,omitempty" profile:"true"`
	// Protect stateful resources from deletion (profile: prod).
	Protect *bool `json:"protect,omitempty" profile:"true"`
	// High-business-impact workspaces (profile: prod).
	HighBusinessImpact *bool `json:"highBusinessImpact,omitempty" profile:"true"`
	// Storage SKU of every project (profile: dev Standard_LRS, test Standard_ZRS, prod Standard_GZRS).
	StorageSku *string `json:"storageSku,omitempty" profile:"true"`
	// Key Vault SKU (profile: prod premium, else standard).
	KeyVaultSku *string `json:"keyVaultSku,omitempty" profile:"true"`
	// Zone-redundant registry where the region offers zones (profile: prod).
	ZoneRedundancy *bool `json:"zoneRedundancy,omitempty" profile:"true"`
	// Reuse this Key Vault instead of creating one.
	ExistingKeyVaultId string `json:"existingKeyVaultId,omitempty" default:""`
	// Reuse this Application Insights component instead of creating one.
	ExistingAppInsightsId string `json:"existingAppInsightsId,omitempty" default:""`
	// Send diagnostics to this existing (central) Log Analytics workspace instead of creating one.
	ExistingLogAnalyticsWorkspaceId string `json:"existingLogAnalyticsWorkspaceId,omitempty" default:""`
	// Tags added to every resource.
	Tags map[string]string `json:"tags,omitempty" default:"{}"`
	// Allow personal compute instances (projects[].computeInstances) in this environment
	// (profile: dev and test allow them; prod refuses them unless this is true).
	AllowComputeInstances *bool `json:"allowComputeInstances,omitempty" profile:"true"`
	// Azure Monitor Private Link Scope of Log Analytics and Application Insights: created with
	// its endpoint in the network (access modes ingestionAccessMode, queryAccessMode; default
	// PrivateOnly), or the hub's (existingScopeId). Public ingestion and query are then off
	// (profile: prod creates one; dev and test have none).
	MonitorPrivateLinkScope *components.MonitorPrivateLinkScopeArgs `json:"monitorPrivateLinkScope,omitempty" profile:"true"`
	// The Azure ML registry shared across environments for promoting models, components and
	// environments: created by this stack (name, replicationLocations, storageAccountType;
	// public access off, private endpoint, diagnostics) or another stack's/the hub's
	// (existingRegistryId). Every project's workspace gets an outbound rule to it and, per
	// access, AzureML Registry User (Publish) or Reader (Consume) for its compute identity
	// (profile: dev and test Publish, prod Consume). Unset: no registry.
	MlRegistry *components.MLRegistryArgs `json:"mlRegistry,omitempty" profile:"true"`
	// Operations of the environment: an action group (alertEmails; alertWebhooks where paging
	// is on), monthly budgets (monthlyBudget from budgetStartDate, per project in
	// projectBudgets; budgetThresholds default 50/80/100 % actual and 100 % forecast), metric
	// and log alerts, the platform workbook, CanNotDelete locks and registry geo-replication
	// (profile: paging, locks and a replica in the location's Azure pair in prod; the workbook
	// everywhere). Without it the environment has no budget (the policy pack warns).
	Operations *components.OperationsArgs `json:"operations,omitempty" profile:"true" config:"platform=resourceGroupName resourceGroupId location workload environment logAnalyticsWorkspaceId logAnalyticsWorkspaceExternal sharedKeyVaultId mlRegistryId workspaces registryReplicaZoneRedundancy tags;profile=paging locks workbook registryReplicaLocation"`
	// The environment's private network, created by SharedServices: a VNet from addressSpace,
	// privateEndpointSubnetPrefix and clientSubnetPrefix, or existingPrivateEndpointSubnetId;
	// private DNS per dnsMode.
	Network *components.PrivateNetworkArgs `json:"network,omitempty" required:"true" config:"platform=resourceGroupName location workload environment privateLinkGroups logAnalyticsWorkspaceId tags"`
	// Policy parameters of the environment beyond its profile. The offline plan evaluates
	// policies/ with them; `azure-mlops policy-config --stack <env>` prints them for
	// `pulumi preview --policy-pack-config`.
	Policy *profile.Policy `json:"policy,omitempty" default:"{}"`
	// One ML workspace per project: its name, compute clusters and overrides of the
	// environment's settings.
	Projects []components.MLOpsWorkspaceArgs `json:"projects,omitempty" required:"true" config:"name=project;profile=isolationMode highBusinessImpact storageSku provisionManagedNetwork dataLifecycle;platform=resourceGroupName location environment namingSeed keyVaultId keyVaultSku tenantId appInsightsId logAnalyticsWorkspaceId computeSubnetId customerManagedKey dataIsolation containerRegistryZoneRedundancy privateEndpoints mlRegistry protect allowComputeInstances"`

	// decoded records the key paths the configuration wrote.
	decoded profile.Decoded
}

// Keys are the config keys Config understands, in declaration order.
func Keys() []string {
	t := reflect.TypeOf(Config{})
	var out []string
	for i := 0; i < t.NumField(); i++ {
		if n := profile.FieldName(t.Field(i)); n != "" && t.Field(i).IsExported() {
			out = append(out, n)
		}
	}
	return out
}

// Decode parses config values (as the Pulumi engine hands them to a program: plain strings,
// with structured values JSON-encoded). Unknown keys, unknown fields and values of the wrong
// type are errors naming the key path, so a typo never silently becomes a default.
func Decode(values map[string]string) (*Config, error) {
	var c Config
	d, errs := profile.Decode(values, &c)
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	c.decoded = d
	return &c, nil
}

// wrote reports whether the configuration set the key path.
func (c *Config) wrote(path string) bool { return c != nil && c.decoded[path] }

// Environment is the validated, defaulted configuration of one environment.
type Environment struct {
	Profile                         profile.Profile
	Environment                     string
	Workload                        string
	Location                        string
	ResourceGroupName               string
	LogRetentionDays                int
	Protect                         bool
	KeyVaultSku                     string
	ZoneRedundancy                  bool
	ExistingKeyVaultId              string
	ExistingAppInsightsId           string
	ExistingLogAnalyticsWorkspaceId string
	MonitorPrivateLinkScope         *components.MonitorPrivateLinkScopeArgs
	MlRegistry                      *components.MLRegistryArgs
	// Operations as configured, with paging, locks, workbook and registryReplicaLocation
	// decided by the profile where config did not set them (nil: none configured).
	Operations *components.OperationsArgs
	Tags       map[string]string
	Network    components.PrivateNetworkArgs
	Policy     profile.Policy
	// Projects as configured, with the settings whose default comes from the stack or the
	// profile decided: isolationMode, highBusinessImpact, storageSku, provisionManagedNetwork,
	// each dataLifecycle key the project did not set.
	Projects []components.MLOpsWorkspaceArgs
	config   *Config
}

// Guardrails returns the environment's policy parameters.
func (e *Environment) Guardrails() profile.Guardrails {
	g := profile.GuardrailsOf(e.Profile, e.Policy, e.ExistingLogAnalyticsWorkspaceId)
	if e.config != nil && e.config.AllowComputeInstances != nil {
		g.ComputeInstancesRefused = !*e.config.AllowComputeInstances
	}
	g.MlRegistries = e.MlRegistry != nil && e.MlRegistry.ExistingRegistryId == nil
	return g
}

// Resolve merges profile defaults, explicit config and per-project overrides for the stack
// stackName, and checks what only the environment can check (profile limits). Component
// arguments are checked by the components themselves before anything is registered.
func Resolve(stackName string, raw *Config) (*Environment, error) {
	var errs []error
	add := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	profName := raw.Profile
	if profName == "" {
		profName = stackName
	}
	prof, ok := profile.Profiles[profName]
	if !ok {
		field := "profile"
		if raw.Profile == "" {
			field = "profile (defaults to the stack name)"
		}
		return nil, fmt.Errorf("%s: unknown profile %q (known: %s)", field, profName, strings.Join(profile.ProfileNames, ", "))
	}
	env := &Environment{
		Profile:                         prof,
		Environment:                     or(raw.Environment, stackName),
		Workload:                        or(raw.Workload, "mlops"),
		Location:                        raw.Location,
		LogRetentionDays:                orPtr(raw.LogRetentionDays, prof.LogRetentionDays),
		Protect:                         orPtr(raw.Protect, prof.Protect),
		KeyVaultSku:                     orPtr(raw.KeyVaultSku, prof.KeyVaultSku),
		ZoneRedundancy:                  orPtr(raw.ZoneRedundancy, prof.ZoneRedundancy),
		ExistingKeyVaultId:              raw.ExistingKeyVaultId,
		ExistingAppInsightsId:           raw.ExistingAppInsightsId,
		ExistingLogAnalyticsWorkspaceId: raw.ExistingLogAnalyticsWorkspaceId,
		Tags:                            raw.Tags,
		MonitorPrivateLinkScope:         raw.MonitorPrivateLinkScope,
		config:                          raw,
	}
	if env.MonitorPrivateLinkScope == nil && prof.MonitorPrivateLinkScope {
		env.MonitorPrivateLinkScope = &components.MonitorPrivateLinkScopeArgs{}
	}
	if raw.MlRegistry != nil {
		r := *raw.MlRegistry
		if r.Access == "" {
			r.Access = prof.RegistryAccess
		}
		env.MlRegistry = &r
	}
	cloud := "AzureCloud"
	if raw.Network != nil && raw.Network.Cloud != nil && *raw.Network.Cloud != "" {
		cloud = string(*raw.Network.Cloud)
	}
	switch {
	case env.Location == "":
		add(errors.New("location: required (the Azure region, e.g. westeurope)"))
	case regions.Of(cloud) != nil && !regions.Valid(cloud, env.Location):
		hint := ""
		if s := regions.Suggest(cloud, env.Location); s != "" {
			hint = fmt.Sprintf("; did you mean %s?", s)
		} else if c := regions.CloudOf(env.Location); c != "" {
			hint = fmt.Sprintf("; it is a region of %s (set network.cloud)", c)
		}
		add(fmt.Errorf("location: %q is not an Azure region of %s (names as `az account list-locations` prints them, e.g. westeurope)%s", env.Location, cloud, hint))
	}
	env.ResourceGroupName = or(raw.ResourceGroupName, fmt.Sprintf("rg-%s-%s", env.Workload, env.Environment))
	if raw.ResourceGroupName != "" {
		// An ARM id pasted here would become a garbled policy scope later.
		if strings.Contains(raw.ResourceGroupName, "/") {
			add(fmt.Errorf("resourceGroupName: %q looks like a resource id; give the resource group's name (e.g. rg-mlops-dev)", raw.ResourceGroupName))
		} else if err := naming.CheckType("Microsoft.Resources/resourceGroups", raw.ResourceGroupName); err != nil {
			add(fmt.Errorf("resourceGroupName: %w", err))
		}
	}
	if raw.Policy != nil {
		env.Policy = *raw.Policy
		errs = append(errs, raw.Policy.Check("policy")...)
	}
	if raw.Operations != nil {
		ops, err := operationsOf(raw, env.Location, prof.Operations)
		add(err)
		env.Operations = ops
	}
	if raw.Network == nil {
		add(errors.New("network: required (addressSpace and privateEndpointSubnetPrefix, or existingPrivateEndpointSubnetId): " +
			"every resource has public access disabled, so clients reach it only through private endpoints"))
	} else {
		env.Network = *raw.Network
	}
	if len(raw.Projects) == 0 {
		add(errors.New("projects: at least one project is required (each project gets its own ML workspace)"))
	}
	seen := map[string]int{}
	for i, p := range raw.Projects {
		pf := fmt.Sprintf("projects[%d]", i)
		if j, dup := seen[p.Project]; dup && p.Project != "" {
			add(fmt.Errorf("%s.name: %q is already used by projects[%d]", pf, p.Project, j))
		}
		seen[p.Project] = i
		// The project's own setting, else the stack's, else the profile's.
		isolation := string(prof.IsolationMode)
		if raw.IsolationMode != nil {
			isolation = *raw.IsolationMode
		}
		if p.IsolationMode != nil {
			isolation = string(*p.IsolationMode)
		}
		p.IsolationMode = components.IsolationMode(isolation).Ptr()
		if !raw.wrote(pf + ".highBusinessImpact") {
			p.HighBusinessImpact = orPtr(raw.HighBusinessImpact, prof.HighBusinessImpact)
		}
		if !raw.wrote(pf + ".storageSku") {
			p.StorageSku = orPtr(raw.StorageSku, prof.StorageSku)
		}
		if !raw.wrote(pf + ".provisionManagedNetwork") {
			p.ProvisionManagedNetwork = prof.ProvisionManagedNetwork
		}
		p.DataLifecycle = lifecycleOf(raw, pf+".dataLifecycle", p.DataLifecycle, prof.Lifecycle)
		if p.Access != nil && !raw.wrote(pf+".access.readOnlyData") {
			acc := *p.Access
			acc.ReadOnlyData = prof.HumanDataReadOnly
			p.Access = &acc
		}
		// The workspace refuses its computeInstances when this is false (its own check,
		// components.MLOpsWorkspaceArgs.AllowComputeInstances): the stack's setting, else the
		// profile's.
		allow := orPtr(raw.AllowComputeInstances, prof.ComputeInstances)
		p.AllowComputeInstances = &allow
		if !contains(prof.AllowedIsolationModes, isolation) && contains(components.IsolationModes, isolation) {
			field := pf + ".isolationMode"
			if !raw.wrote(field) {
				field = "isolationMode"
			}
			add(fmt.Errorf("%s: %s is not allowed by the %s profile (allowed: %s)", field, isolation, prof.Name, strings.Join(prof.AllowedIsolationModes, ", ")))
		}
		for j, c := range p.ComputeClusters {
			if c.MaxNodes > prof.MaxNodesPerCluster {
				add(fmt.Errorf("%s.computeClusters[%d].maxNodes: %d exceeds the %s profile's limit of %d nodes per cluster", pf, j, c.MaxNodes, prof.Name, prof.MaxNodesPerCluster))
			}
		}
		env.Projects = append(env.Projects, p)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return env, nil
}

// operationsOf fills the operations settings config did not write from the profile.
func operationsOf(raw *Config, location string, prof profile.Operations) (*components.OperationsArgs, error) {
	o := *raw.Operations
	set := func(key string, dst *bool, v bool) {
		if !raw.wrote("operations." + key) {
			*dst = v
		}
	}
	set("paging", &o.Paging, prof.Paging)
	set("locks", &o.Locks, prof.Locks)
	set("workbook", &o.Workbook, prof.Workbook)
	if !raw.wrote("operations.registryReplicaLocation") && prof.GeoReplicateRegistry {
		// The documented Azure pair of the location (regions.Pair); a location without one
		// needs the replica region spelled out.
		o.RegistryReplicaLocation = regions.Pair(location)
		if o.RegistryReplicaLocation == "" && location != "" {
			return &o, fmt.Errorf("operations.registryReplicaLocation: required by the profile (registries are geo-replicated), and %s has no Azure region pair to default to", location)
		}
	}
	return &o, nil
}

func or(v, d string) string {
	if v != "" {
		return v
	}
	return d
}

func orPtr[T any](v *T, d T) T {
	if v != nil {
		return *v
	}
	return d
}

func contains(s []string, v string) bool {
	for _, e := range s {
		if e == v {
			return true
		}
	}
	return false
}

// lifecycleOf fills each key of a project's dataLifecycle that config did not set from the
// profile, so a project may change one duration and keep the rest.
func lifecycleOf(raw *Config, path string, set *components.DataLifecycleArgs, prof profile.Lifecycle) *components.DataLifecycleArgs {
	var l components.DataLifecycleArgs
	if set != nil {
		l = *set
	}
	num := func(key string, dst *int, v int) {
		if !raw.wrote(path + "." + key) {
			*dst = v
		}
	}
	num("blobSoftDeleteDays", &l.BlobSoftDeleteDays, prof.SoftDeleteDays)
	num("containerSoftDeleteDays", &l.ContainerSoftDeleteDays, prof.SoftDeleteDays)
	num("runArtifactsCoolAfterDays", &l.RunArtifactsCoolAfterDays, prof.RunArtifactsCoolAfterDays)
	num("runArtifactsDeleteAfterDays", &l.RunArtifactsDeleteAfterDays, prof.RunArtifactsDeleteAfterDays)
	num("snapshotsDeleteAfterDays", &l.SnapshotsDeleteAfterDays, prof.SnapshotsDeleteAfterDays)
	num("previousVersionsDeleteAfterDays", &l.PreviousVersionsDeleteAfterDays, prof.PreviousVersionsDeleteAfterDays)
	if !raw.wrote(path + ".versioning") {
		l.Versioning = prof.Versioning
	}
	// Turning versioning off in prod drops the profile's rule for previous versions too.
	if !l.Versioning && !raw.wrote(path+".previousVersionsDeleteAfterDays") {
		l.PreviousVersionsDeleteAfterDays = 0
	}
	return &l
}
