// Package platform is the platform's own Pulumi program: it reads a stack's configuration,
// resolves it against the environment profile, checks every component's arguments, and builds
// the environment from the components.
package platform

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/pulumi/pulumi-azure-native-sdk/resources/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/azure-mlops/pulumi-azure-mlops/components"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/privatelink"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/profile"
)

// PlatformProgram is the platform's own Pulumi program (Pulumi.yaml at the repository root):
// it reads the stack's configuration, resolves it against the environment profile, and builds
// the environment. `pulumi up -s <env>` runs it against Azure; `azure-mlops plan` runs it
// offline.
func PlatformProgram(ctx *pulumi.Context) error {
	outputs, err := PlatformFromConfig(ctx)
	if err != nil {
		return err
	}
	for _, k := range slices.Sorted(maps.Keys(outputs)) {
		ctx.Export(k, outputs[k])
	}
	return nil
}

// PlatformFromConfig reads, validates and builds; it returns the stack outputs.
func PlatformFromConfig(ctx *pulumi.Context) (pulumi.Map, error) {
	values := map[string]string{}
	for _, k := range Keys() {
		if v, ok := ctx.GetConfig(ctx.Project() + ":" + k); ok {
			values[k] = v
		}
	}
	// The engine hands a program its whole configuration in PULUMI_CONFIG (JSON); a key under
	// a misspelled namespace, or a misspelled key of this project, would otherwise never be
	// read. Every key of the project goes to Decode, which refuses the unknown ones.
	if all := os.Getenv("PULUMI_CONFIG"); all != "" {
		var cfg map[string]any
		if err := json.Unmarshal([]byte(all), &cfg); err == nil {
			if err := profile.CheckNamespaces(ctx.Project(), slices.Collect(maps.Keys(cfg))); err != nil {
				return nil, err
			}
			for full := range cfg {
				if ns, k, ok := strings.Cut(full, ":"); ok && ns == ctx.Project() {
					if _, known := values[k]; !known {
						if v, ok := ctx.GetConfig(full); ok {
							values[k] = v
						} else {
							values[k] = fmt.Sprint(cfg[full])
						}
					}
				}
			}
		}
	}
	raw, err := Decode(values)
	if err != nil {
		return nil, configErrors(err)
	}
	env, err := Resolve(ctx.Stack(), raw)
	if err != nil {
		return nil, configErrors(err)
	}
	return NewPlatform(ctx, env)
}

// platformArgs derives every component's arguments from the environment.
func platformArgs(env *Environment, rgName, location pulumi.StringInput) (*components.SharedServicesArgs, []*components.MLOpsWorkspaceArgs) {
	optional := func(s string) pulumi.StringInput {
		if s == "" {
			return nil
		}
		return pulumi.String(s)
	}
	shared := &components.SharedServicesArgs{
		ResourceGroupName:               rgName,
		Location:                        location,
		Workload:                        env.Workload,
		Environment:                     env.Environment,
		NamingSeed:                      env.ResourceGroupName,
		LogRetentionDays:                env.LogRetentionDays,
		KeyVaultSku:                     env.KeyVaultSku,
		ExistingKeyVaultId:              optional(env.ExistingKeyVaultId),
		ExistingAppInsightsId:           optional(env.ExistingAppInsightsId),
		ExistingLogAnalyticsWorkspaceId: optional(env.ExistingLogAnalyticsWorkspaceId),
		Protect:                         env.Protect,
		Tags:                            env.Tags,
		Network:                         networkArgs(env),
		MonitorPrivateLinkScope:         env.MonitorPrivateLinkScope,
		MlRegistry:                      env.MlRegistry,
	}
	var workspaces []*components.MLOpsWorkspaceArgs
	for _, p := range env.Projects {
		// The project as configured (Resolve decided its profile-dependent settings); the
		// program sets the rest, the fields Config's platform tag keeps out of config.
		w := p
		// A project's tag overrides the environment's of the same name in any case: tag names
		// are case-insensitive in Azure.
		tags := map[string]string{}
		for k, v := range env.Tags {
			tags[k] = v
		}
		for k, v := range p.Tags {
			for ek := range tags {
				if strings.EqualFold(ek, k) {
					delete(tags, ek)
				}
			}
			tags[k] = v
		}
		w.ResourceGroupName = rgName
		w.Location = location
		w.KeyVaultSku = env.KeyVaultSku
		w.Environment = env.Environment
		w.NamingSeed = env.ResourceGroupName
		w.ContainerRegistryZoneRedundancy = env.ZoneRedundancy
		w.Protect = env.Protect
		w.Tags = tags
		workspaces = append(workspaces, &w)
	}
	return shared, workspaces
}

// operationsArgs are the environment's Operations arguments for the given resource group and
// shared services outputs, and each project's resources.
func operationsArgs(env *Environment, rgName, rgID, lawID, sharedKV, mlRegistryID pulumi.StringInput, workspaces []components.MonitoredWorkspaceArgs) *components.OperationsArgs {
	o := *env.Operations
	o.ResourceGroupName, o.ResourceGroupId = rgName, rgID
	o.Location, o.Workload, o.Environment = env.Location, env.Workload, env.Environment
	o.LogAnalyticsWorkspaceId = lawID
	o.LogAnalyticsWorkspaceExternal = env.ExistingLogAnalyticsWorkspaceId != ""
	// A vault given as existingKeyVaultId is its owner's to alert on and lock.
	if env.ExistingKeyVaultId == "" {
		o.SharedKeyVaultId = sharedKV
	}
	// The shared ML registry is locked by the stack that creates it (a referenced one is its
	// owner's to lock).
	if env.MlRegistry != nil && env.MlRegistry.ExistingRegistryId == nil {
		o.MlRegistryId = mlRegistryID
	}
	o.Workspaces = workspaces
	// Replicas are zone-redundant where the registries are (the profile's zoneRedundancy: prod).
	o.RegistryReplicaZoneRedundancy = env.ZoneRedundancy
	o.Tags = env.Tags
	return &o
}

// networkArgs is the environment network that SharedServices creates.
func networkArgs(env *Environment) *components.PrivateNetworkArgs {
	// The network as configured; the program sets the fields Config's platform tag keeps
	// out of config.
	na := env.Network
	// Zones for every private link group some project uses.
	groups := append([]string(nil), components.DefaultPrivateLinkGroups...)
	seen := map[string]bool{}
	for _, g := range groups {
		seen[g] = true
	}
	for _, p := range env.Projects {
		for _, x := range []struct {
			on bool
			g  string
		}{{p.StorageQueueEndpoint, privatelink.GroupQueue}, {p.StorageTableEndpoint, privatelink.GroupTable}} {
			if x.on && !seen[x.g] {
				seen[x.g] = true
				groups = append(groups, x.g)
			}
		}
	}
	na.PrivateLinkGroups = groups
	return &na
}

// governanceArgs are the environment's Azure Policy settings.
func platformGovernanceArgs(env *Environment, g profile.Guardrails, scope, location pulumi.StringInput, registries pulumi.StringArrayInput) *components.GovernanceArgs {
	return components.GovernanceArgsFor(env.Workload, env.Environment, g, scope, location, registries)
}

// validatePlatform checks every component's arguments before anything is registered, and
// reports errors by config key path.
func validatePlatform(env *Environment) error {
	// Placeholder ids stand in for SharedServices' outputs: they are valid by construction.
	shared, workspaces := platformArgs(env, pulumi.String(env.ResourceGroupName), pulumi.String(env.Location))
	var errs []error
	if err := shared.Validate(); err != nil {
		errs = append(errs, rewriteFields(err, "sharedServices.", "", nil))
	}
	// The vault's endpoint, the ML registry's, then each workspace's: workspace, registry, and
	// one per storage group.
	endpoints := 1
	if env.MlRegistry != nil && (env.MlRegistry.PrivateEndpoint == nil || *env.MlRegistry.PrivateEndpoint) {
		endpoints++
	}
	// The Modify policy's remediation identity has one role assignment.
	roleAssignments := 1
	for i, w := range workspaces {
		if env.ExistingKeyVaultId != "" {
			w.KeyVaultId = pulumi.String(env.ExistingKeyVaultId)
		}
		// The platform gives every workspace private endpoints in the environment's network
		// (validated with SharedServices); a stand-in lets the plan count what they bring.
		w.PrivateEndpoints = &privatelink.Args{DnsMode: privatelink.DNSPolicyManaged.Ptr(),
			SubnetId: pulumi.String("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet")}
		w.AppInsightsId = pulumi.String("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Insights/components/appi")
		w.LogAnalyticsWorkspaceId = pulumi.String("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/log")
		if r := env.MlRegistry; r != nil {
			w.MlRegistry = &components.WorkspaceMlRegistryArgs{Access: r.Access,
				RegistryId: pulumi.String("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.MachineLearningServices/registries/mlr")}
		}
		fp, err := w.Validate()
		if err != nil {
			p := fmt.Sprintf("projects[%d].", i)
			errs = append(errs, rewriteFields(err, "mlopsWorkspace.", p, map[string]string{"project": "name"}))
		} else {
			endpoints += fp.PrivateEndpoints
			roleAssignments += fp.RoleAssignments
		}
	}
	errs = append(errs, computeInstanceNameErrors(env.Projects)...)
	ga := platformGovernanceArgs(env, env.Guardrails(), pulumi.String("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/"+env.ResourceGroupName),
		pulumi.String(env.Location), pulumi.StringArray{})
	if err := ga.Validate(); err != nil {
		errs = append(errs, rewriteFields(err, "governance.", "policy.", nil))
	}
	if env.Operations != nil {
		const sub = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/"
		var ws []components.MonitoredWorkspaceArgs
		for _, w := range workspaces {
			ws = append(ws, components.MonitoredWorkspaceArgs{Project: w.Project,
				WorkspaceId:         pulumi.String(sub + "Microsoft.MachineLearningServices/workspaces/mlw"),
				StorageAccountId:    pulumi.String(sub + "Microsoft.Storage/storageAccounts/st"),
				ContainerRegistryId: pulumi.String(sub + "Microsoft.ContainerRegistry/registries/cr"), ContainerRegistryName: pulumi.String("cr")})
		}
		oa := operationsArgs(env, pulumi.String(env.ResourceGroupName), pulumi.String("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/"+env.ResourceGroupName),
			pulumi.String(sub+"Microsoft.OperationalInsights/workspaces/log"), pulumi.String(sub+"Microsoft.KeyVault/vaults/kv"),
			pulumi.String(sub+"Microsoft.MachineLearningServices/registries/mlr"), ws)
		if err := oa.Validate(); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) == 0 {
		errs = append(errs, limitErrors(len(env.Projects), endpoints, roleAssignments, env.Network.PrivateEndpointSubnetPrefix)...)
	}
	return errors.Join(errs...)
}

// rewriteFields turns component field paths into config key paths in each line of err.
func rewriteFields(err error, from, to string, renames map[string]string) error {
	lines := strings.Split(err.Error(), "\n")
	for i, l := range lines {
		if !strings.HasPrefix(l, from) {
			continue
		}
		rest := strings.TrimPrefix(l, from)
		for old, nw := range renames {
			if strings.HasPrefix(rest, old+":") || strings.HasPrefix(rest, old+".") {
				rest = nw + rest[len(old):]
			}
		}
		lines[i] = to + rest
		// Paths inside the message ("... so shorten mlopsWorkspace.project") too.
		lines[i] = strings.ReplaceAll(lines[i], " "+from, " "+to)
		for old, nw := range renames {
			lines[i] = regexp.MustCompile(`(\s)`+regexp.QuoteMeta(to+old)+`\b`).ReplaceAllString(lines[i], "${1}"+to+nw)
		}
	}
	return errors.New(strings.Join(lines, "\n"))
}

var (
	projectKey = regexp.MustCompile(`^projects\[(\d+)\]\.(\w+)$`)
	// The platform gives every project the stack's mlRegistry: its mistakes belong there.
	projectRegistry = regexp.MustCompile(`^projects\[\d+\]\.(mlRegistry\..+)$`)
	inherited       = regexp.MustCompile(`^(?:network|policy|projects\[\d+\])\.(environment|workload)$`)
)

// inheritedFromStack reports whether a project's field defaults to the stack-level key of
// the same name (Config's profile tag on projects, and a top-level key).
func inheritedFromStack(field string) bool {
	f, _ := reflect.TypeOf(Config{}).FieldByName("Projects")
	return slices.Contains(profile.ShapeOf(f).Profile, field) && slices.Contains(Keys(), field)
}

// userKeys reports each component error at the config key the user wrote: environment and
// workload problems at environment/workload (not at every component that inherits them), a
// stack-level setting a project inherits at the stack-level key, the environment's tags at
// tags, the existing subnet at network.existingPrivateEndpointSubnetId.
func userKeys(env *Environment, err error) error {
	var out []string
	for _, l := range strings.Split(err.Error(), "\n") {
		key, msg, ok := strings.Cut(l, ": ")
		if !ok {
			out = append(out, l)
			continue
		}
		switch m := projectKey.FindStringSubmatch(key); {
		case inherited.MatchString(key):
			key = inherited.FindStringSubmatch(key)[1]
		case projectRegistry.MatchString(key):
			key = projectRegistry.FindStringSubmatch(key)[1]
		case key == "network.tags":
			key = "tags"
		case key == "network.subnetId":
			key = "network.existingPrivateEndpointSubnetId"
		case m != nil:
			switch {
			case inheritedFromStack(m[2]):
				// A setting the project inherits: report it where the user wrote it.
				if !env.config.wrote(key) {
					key = m[2]
				}
			case m[2] == "tags":
				// The environment's tags reach every project: report them once, at tags.
				if components.CheckTags("", env.Tags) != nil && strings.Contains(components.CheckTags("", env.Tags).Error(), msg) {
					key = "tags"
				}
			}
		}
		out = append(out, key+": "+msg)
	}
	return errors.New(strings.Join(out, "\n"))
}

// configErrors turns a multi-line error into one line per distinct problem under a heading
// that counts them: one mistake, one line, at the key the user wrote.
func configErrors(err error) error {
	seen := map[string]bool{}
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(err.Error()), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || seen[l] {
			continue
		}
		seen[l] = true
		lines = append(lines, l)
	}
	sort.Strings(lines)
	if len(lines) == 1 {
		return errors.New(lines[0])
	}
	return fmt.Errorf("%d configuration errors:\n%s", len(lines), strings.Join(lines, "\n"))
}

// NewPlatform builds one environment: its resource group, the shared services, and one
// workspace per project wired to them. It returns the stack outputs.
func NewPlatform(ctx *pulumi.Context, env *Environment) (pulumi.Map, error) {
	if err := validatePlatform(env); err != nil {
		return nil, configErrors(userKeys(env, err))
	}
	rg, err := resources.NewResourceGroup(ctx, "rg", &resources.ResourceGroupArgs{
		ResourceGroupName: pulumi.String(env.ResourceGroupName),
		Location:          pulumi.String(env.Location),
		Tags:              components.TagsFor(env.Tags, env.Workload, env.Environment, "platform"),
	}, pulumi.Protect(env.Protect))
	if err != nil {
		return nil, err
	}
	sharedArgs, workspaceArgs := platformArgs(env, rg.Name, rg.Location)
	shared, err := components.NewSharedServices(ctx, "shared", sharedArgs)
	if err != nil {
		return nil, err
	}
	outputs := pulumi.Map{
		"resourceGroupName": rg.Name,
		"keyVaultId":        shared.KeyVaultId,
		"keyVaultUri":       shared.KeyVaultUri,
		"appInsightsId":     shared.AppInsightsId,
		// A secret: shown by `pulumi stack output` only with --show-secrets.
		"appInsightsConnectionString": shared.AppInsightsConnectionString,
		"logAnalyticsWorkspaceId":     shared.LogAnalyticsWorkspaceId,
		"virtualNetworkId":            shared.VirtualNetworkId,
		"privateEndpointSubnetId":     shared.PrivateEndpointSubnetId,
		"clientSubnetId":              shared.ClientSubnetId,
	}
	if env.MlRegistry != nil {
		outputs["mlRegistryId"] = shared.MlRegistryId
	}
	workspaces := pulumi.Map{}
	var registries pulumi.StringArray
	var monitored []components.MonitoredWorkspaceArgs
	for _, wa := range workspaceArgs {
		// Each workspace gets its own Key Vault, so its secrets are reachable by its own
		// identities only; a vault given as existingKeyVaultId is shared (with data isolation).
		if env.ExistingKeyVaultId != "" {
			wa.KeyVaultId = shared.KeyVaultId
		}
		wa.AppInsightsId = shared.AppInsightsId
		wa.LogAnalyticsWorkspaceId = shared.LogAnalyticsWorkspaceId
		wa.PrivateEndpoints = shared.WorkspacePrivateEndpoints()
		wa.MlRegistry = shared.WorkspaceMlRegistry()
		ws, err := components.NewMLOpsWorkspace(ctx, wa.Project, wa)
		if err != nil {
			return nil, err
		}
		registries = append(registries, ws.ContainerRegistryLoginServer)
		m := components.MonitoredWorkspaceArgs{Project: wa.Project, WorkspaceId: ws.WorkspaceId, StorageAccountId: ws.StorageAccountId,
			ContainerRegistryId: ws.ContainerRegistryId, ContainerRegistryName: ws.ContainerRegistryName}
		if env.ExistingKeyVaultId == "" {
			m.KeyVaultId = ws.KeyVaultId
		}
		monitored = append(monitored, m)
		workspaces[wa.Project] = pulumi.Map{
			"workspaceId":                  ws.WorkspaceId,
			"workspaceName":                ws.WorkspaceName,
			"discoveryUrl":                 ws.DiscoveryUrl,
			"containerRegistryLoginServer": ws.ContainerRegistryLoginServer,
			"identityClientId":             ws.IdentityClientId,
			"computeClusterIds":            ws.ComputeClusterIds,
		}
	}
	outputs["workspaces"] = workspaces

	// Azure Policy keeps the environment compliant after deployment, whoever changes it.
	g := env.Guardrails()
	gov, err := components.NewGovernance(ctx, "governance", platformGovernanceArgs(env, g, rg.ID().ToStringOutput(), rg.Location, registries))
	if err != nil {
		return nil, err
	}
	outputs["policyAssignmentIds"] = gov.PolicyAssignmentIds

	// Budgets, alerts, the workbook, locks and registry replicas, once everything they watch exists.
	if env.Operations != nil {
		ops, err := components.NewOperations(ctx, "operations", operationsArgs(env, rg.Name, rg.ID().ToStringOutput(),
			shared.LogAnalyticsWorkspaceId, shared.KeyVaultId, shared.MlRegistryId, monitored))
		if err != nil {
			return nil, err
		}
		outputs["actionGroupId"] = ops.ActionGroupId
		outputs["workbookId"] = ops.WorkbookId
	}
	return outputs, nil
}
