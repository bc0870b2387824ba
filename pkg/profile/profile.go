// Package profile turns a stack's configuration into a validated, fully defaulted platform
// configuration: the environment profile (dev, test, prod) supplies defaults, explicit stack
// configuration overrides them, and per-project settings override both.
//
// Everything is checked before any resource is registered; errors carry the config key path
// (projects[1].computeClusters[0].maxNodes).
package profile

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/naming"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/regions"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/suggest"
)

var subnetID = regexp.MustCompile(`(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\.Network/virtualNetworks/[^/]+/subnets/[^/]+$`)

// Profile holds an environment's defaults and limits.
type Profile struct {
	Name string
	// Managed network isolation mode used unless config says otherwise.
	IsolationMode string
	// Isolation modes config may choose in this environment.
	AllowedIsolationModes []string
	LogRetentionDays      int
	// Protect stateful resources from deletion.
	Protect bool
	// High-business-impact workspaces.
	HighBusinessImpact bool
	StorageSku         string
	KeyVaultSku        string
	// Zone-redundant registry (and ZRS storage) where the region offers zones.
	ZoneRedundancy bool
	// Upper bound on maxNodes of any cluster (a cost guardrail).
	MaxNodesPerCluster int
	// Provision managed networks at workspace creation.
	ProvisionManagedNetwork bool
	// Effect of the Azure Policy assignments (Governance): Audit reports, Deny blocks.
	PolicyEffect string
}

// Profiles are the built-in environment profiles.
var Profiles = map[string]Profile{
	// Cheaper, short retention, internet outbound allowed for experimentation.
	"dev": {Name: "dev", IsolationMode: "AllowInternetOutbound",
		AllowedIsolationModes: []string{"AllowInternetOutbound", "AllowOnlyApprovedOutbound"},
		LogRetentionDays:      30, StorageSku: "Standard_LRS", KeyVaultSku: "standard", MaxNodesPerCluster: 8, PolicyEffect: "Audit"},
	// Production-like network, moderate retention.
	"test": {Name: "test", IsolationMode: "AllowOnlyApprovedOutbound",
		AllowedIsolationModes: []string{"AllowOnlyApprovedOutbound"},
		LogRetentionDays:      60, StorageSku: "Standard_ZRS", KeyVaultSku: "standard", MaxNodesPerCluster: 16, PolicyEffect: "Audit"},
	// Approved outbound only, protected stateful resources, long retention, HBI, zone redundancy.
	"prod": {Name: "prod", IsolationMode: "AllowOnlyApprovedOutbound",
		AllowedIsolationModes: []string{"AllowOnlyApprovedOutbound"},
		LogRetentionDays:      365, Protect: true, HighBusinessImpact: true, StorageSku: "Standard_GZRS", KeyVaultSku: "premium",
		ZoneRedundancy: true, MaxNodesPerCluster: 64, ProvisionManagedNetwork: true, PolicyEffect: "Deny"},
}

// ProfileNames lists the profiles in order.
var ProfileNames = []string{"dev", "test", "prod"}

// Cluster is one compute cluster of a project.
type Cluster struct {
	Name                       string `json:"name"`
	VmSize                     string `json:"vmSize,omitempty"`
	VmPriority                 string `json:"vmPriority,omitempty"`
	MinNodes                   int    `json:"minNodes,omitempty"`
	MaxNodes                   int    `json:"maxNodes"`
	IdleMinutesBeforeScaleDown int    `json:"idleMinutesBeforeScaleDown,omitempty"`
}

// OutboundRule is a managed-network outbound rule (see components.OutboundRuleArgs).
type OutboundRule struct {
	Name              string   `json:"name"`
	Type              string   `json:"type"`
	Destination       string   `json:"destination,omitempty"`
	ServiceResourceId string   `json:"serviceResourceId,omitempty"`
	SubresourceTarget string   `json:"subresourceTarget,omitempty"`
	SparkEnabled      bool     `json:"sparkEnabled,omitempty"`
	ServiceTag        string   `json:"serviceTag,omitempty"`
	Protocol          string   `json:"protocol,omitempty"`
	PortRanges        string   `json:"portRanges,omitempty"`
	Action            string   `json:"action,omitempty"`
	AddressPrefixes   []string `json:"addressPrefixes,omitempty"`
}

// Network is the environment's private network (see components.PrivateNetworkArgs).
type Network struct {
	AddressSpace                    string            `json:"addressSpace,omitempty"`
	PrivateEndpointSubnetPrefix     string            `json:"privateEndpointSubnetPrefix,omitempty"`
	ClientSubnetPrefix              string            `json:"clientSubnetPrefix,omitempty"`
	ExistingPrivateEndpointSubnetId string            `json:"existingPrivateEndpointSubnetId,omitempty"`
	DnsMode                         string            `json:"dnsMode,omitempty"`
	PrivateDnsZoneIds               map[string]string `json:"privateDnsZoneIds,omitempty"`
	LinkVirtualNetworkIds           []string          `json:"linkVirtualNetworkIds,omitempty"`
	Cloud                           string            `json:"cloud,omitempty"`
}

// Policy holds the environment's policy parameters beyond what its profile implies.
type Policy struct {
	AllowedVmSizes     []string `json:"allowedVmSizes,omitempty"`
	MaxNodeIdleMinutes int      `json:"maxNodeIdleMinutes,omitempty"`
	AllowedSubnetIds   []string `json:"allowedSubnetIds,omitempty"`
	AllowedRegistries  []string `json:"allowedRegistries,omitempty"`
	RequireHbi         *bool    `json:"requireHbi,omitempty"`
	// Effect of the Azure Policy assignments: Audit or Deny (profile default: prod Deny).
	Effect string `json:"effect,omitempty"`
}

// Guardrails are an environment's policy parameters: its profile's limits overridden by the
// stack's policy configuration. The offline policy pack and the Azure Policy assignments
// (Governance) both use them.
type Guardrails struct {
	Effect                string
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

// Guardrails returns the environment's policy parameters.
func (e *Environment) Guardrails() Guardrails {
	g := Guardrails{
		Effect:                e.Profile.PolicyEffect,
		AllowedIsolationModes: e.Profile.AllowedIsolationModes,
		RequireHbi:            e.Profile.HighBusinessImpact,
		MaxNodeCount:          e.Profile.MaxNodesPerCluster,
		MaxNodeIdleSeconds:    900,
		AllowedVmSizes:        e.Policy.AllowedVmSizes,
		AllowedSubnetIds:      e.Policy.AllowedSubnetIds,
		AllowedRegistries:     e.Policy.AllowedRegistries,
		CentralWorkspaceId:    e.ExistingLogAnalyticsWorkspaceId,
	}
	if e.Policy.Effect != "" {
		g.Effect = e.Policy.Effect
	}
	if e.Policy.MaxNodeIdleMinutes > 0 {
		g.MaxNodeIdleSeconds = e.Policy.MaxNodeIdleMinutes * 60
	}
	if e.Policy.RequireHbi != nil {
		g.RequireHbi = *e.Policy.RequireHbi
	}
	return g
}

// Project is one ML workspace of the environment.
type Project struct {
	Name                         string            `json:"name"`
	ComputeClusters              []Cluster         `json:"computeClusters,omitempty"`
	IsolationMode                *string           `json:"isolationMode,omitempty"`
	HighBusinessImpact           *bool             `json:"highBusinessImpact,omitempty"`
	StorageSku                   *string           `json:"storageSku,omitempty"`
	ImageBuildCompute            string            `json:"imageBuildCompute,omitempty"`
	FriendlyName                 string            `json:"friendlyName,omitempty"`
	Tags                         map[string]string `json:"tags,omitempty"`
	OutboundRules                []OutboundRule    `json:"outboundRules,omitempty"`
	DisableDefaultOutboundRules  bool              `json:"disableDefaultOutboundRules,omitempty"`
	FirewallSku                  string            `json:"firewallSku,omitempty"`
	ProvisionManagedNetwork      *bool             `json:"provisionManagedNetwork,omitempty"`
	SparkReady                   bool              `json:"sparkReady,omitempty"`
	StorageQueueEndpoint         bool              `json:"storageQueueEndpoint,omitempty"`
	StorageTableEndpoint         bool              `json:"storageTableEndpoint,omitempty"`
	StorageHierarchicalNamespace bool              `json:"storageHierarchicalNamespace,omitempty"`
}

// Raw is the stack configuration as written (every field optional), keys without the
// "azure-mlops:" namespace.
type Raw struct {
	Profile                         string            `json:"profile,omitempty"`
	Environment                     string            `json:"environment,omitempty"`
	Workload                        string            `json:"workload,omitempty"`
	Location                        string            `json:"location,omitempty"`
	ResourceGroupName               string            `json:"resourceGroupName,omitempty"`
	LogRetentionDays                *int              `json:"logRetentionDays,omitempty"`
	IsolationMode                   *string           `json:"isolationMode,omitempty"`
	Protect                         *bool             `json:"protect,omitempty"`
	HighBusinessImpact              *bool             `json:"highBusinessImpact,omitempty"`
	StorageSku                      *string           `json:"storageSku,omitempty"`
	KeyVaultSku                     *string           `json:"keyVaultSku,omitempty"`
	ZoneRedundancy                  *bool             `json:"zoneRedundancy,omitempty"`
	ExistingKeyVaultId              string            `json:"existingKeyVaultId,omitempty"`
	ExistingAppInsightsId           string            `json:"existingAppInsightsId,omitempty"`
	ExistingLogAnalyticsWorkspaceId string            `json:"existingLogAnalyticsWorkspaceId,omitempty"`
	Tags                            map[string]string `json:"tags,omitempty"`
	Network                         *Network          `json:"network,omitempty"`
	Policy                          *Policy           `json:"policy,omitempty"`
	Projects                        []Project         `json:"projects,omitempty"`
}

// Keys are the config keys Raw understands, in the order Pulumi.yaml declares them.
var Keys = []string{"profile", "environment", "workload", "location", "resourceGroupName", "logRetentionDays",
	"isolationMode", "protect", "highBusinessImpact", "storageSku", "keyVaultSku", "zoneRedundancy",
	"existingKeyVaultId", "existingAppInsightsId", "existingLogAnalyticsWorkspaceId", "tags", "network", "policy", "projects"}

// Environment is the validated, defaulted configuration of one environment.
type Environment struct {
	Profile                         Profile
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
	Tags                            map[string]string
	Network                         Network
	Policy                          Policy
	Projects                        []ResolvedProject
}

// ResolvedProject is a project with every setting decided.
type ResolvedProject struct {
	Name               string
	IsolationMode      string
	HighBusinessImpact bool
	StorageSku         string
	ImageBuildCompute  string
	FriendlyName       string
	ComputeClusters    []Cluster
	Tags               map[string]string
	Project            Project
	// ProvisionManagedNetwork after profile defaults.
	ProvisionManagedNetwork bool
}

// Decode parses config values (as the Pulumi engine hands them to a program: plain strings,
// with structured values JSON-encoded) into Raw. Unknown keys, unknown fields and values of
// the wrong type are errors naming the key path, so a typo never silently becomes a default.
func Decode(values map[string]string) (*Raw, error) {
	fields := jsonFields(reflect.TypeOf(Raw{}))
	var raw Raw
	rv := reflect.ValueOf(&raw).Elem()
	var errs []error
	for _, k := range slices.Sorted(maps.Keys(values)) {
		f, ok := fields[k]
		if !ok {
			errs = append(errs, fmt.Errorf("%s: unknown configuration key (known: %s)%s", k, strings.Join(Keys, ", "), suggest.Hint(k, Keys)))
			continue
		}
		var v any
		s := values[k]
		if err := json.Unmarshal([]byte(s), &v); err != nil {
			v = s // a plain string value
		}
		errs = append(errs, assign(k, v, rv.FieldByIndex(f.Index))...)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return &raw, nil
}

func jsonFields(t reflect.Type) map[string]reflect.StructField {
	out := map[string]reflect.StructField{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if name := strings.Split(f.Tag.Get("json"), ",")[0]; name != "" {
			out[name] = f
		}
	}
	return out
}

// assign stores the decoded JSON value v into dst, reporting errors with their path.
func assign(path string, v any, dst reflect.Value) []error {
	if v == nil {
		return nil
	}
	switch dst.Kind() {
	case reflect.Pointer:
		elem := reflect.New(dst.Type().Elem())
		errs := assign(path, v, elem.Elem())
		if len(errs) == 0 {
			dst.Set(elem)
		}
		return errs
	case reflect.String:
		switch x := v.(type) {
		case string:
			dst.SetString(x)
		case float64:
			// YAML "123" may arrive as a number; a string field keeps its text.
			dst.SetString(strconv.FormatFloat(x, 'f', -1, 64))
		default:
			return []error{fmt.Errorf("%s: must be a string, not %s", path, jsonKind(v))}
		}
	case reflect.Int:
		switch x := v.(type) {
		case float64:
			if x != math.Trunc(x) {
				return []error{fmt.Errorf("%s: must be a whole number, not %v", path, x)}
			}
			dst.SetInt(int64(x))
		case string:
			n, err := strconv.Atoi(x)
			if err != nil {
				return []error{fmt.Errorf("%s: must be a whole number, not %q", path, x)}
			}
			dst.SetInt(int64(n))
		default:
			return []error{fmt.Errorf("%s: must be a whole number, not %s", path, jsonKind(v))}
		}
	case reflect.Bool:
		switch x := v.(type) {
		case bool:
			dst.SetBool(x)
		case string:
			b, err := strconv.ParseBool(x)
			if err != nil {
				return []error{fmt.Errorf("%s: must be true or false, not %q", path, x)}
			}
			dst.SetBool(b)
		default:
			return []error{fmt.Errorf("%s: must be true or false, not %s", path, jsonKind(v))}
		}
	case reflect.Slice:
		arr, ok := v.([]any)
		if !ok {
			return []error{fmt.Errorf("%s: must be a list, not %s", path, jsonKind(v))}
		}
		out := reflect.MakeSlice(dst.Type(), len(arr), len(arr))
		var errs []error
		for i, e := range arr {
			errs = append(errs, assign(fmt.Sprintf("%s[%d]", path, i), e, out.Index(i))...)
		}
		dst.Set(out)
		return errs
	case reflect.Map:
		obj, ok := v.(map[string]any)
		if !ok {
			return []error{fmt.Errorf("%s: must be a map, not %s", path, jsonKind(v))}
		}
		out := reflect.MakeMap(dst.Type())
		var errs []error
		for _, k := range slices.Sorted(maps.Keys(obj)) {
			e := reflect.New(dst.Type().Elem()).Elem()
			errs = append(errs, assign(path+"."+k, obj[k], e)...)
			out.SetMapIndex(reflect.ValueOf(k), e)
		}
		dst.Set(out)
		return errs
	case reflect.Struct:
		obj, ok := v.(map[string]any)
		if !ok {
			return []error{fmt.Errorf("%s: must be an object, not %s", path, jsonKind(v))}
		}
		fields := jsonFields(dst.Type())
		var errs []error
		for _, k := range slices.Sorted(maps.Keys(obj)) {
			f, ok := fields[k]
			if !ok {
				known := slices.Sorted(maps.Keys(fields))
				errs = append(errs, fmt.Errorf("%s.%s: unknown field (known: %s)%s", path, k, strings.Join(known, ", "), suggest.Hint(k, known)))
				continue
			}
			errs = append(errs, assign(path+"."+k, obj[k], dst.FieldByIndex(f.Index))...)
		}
		return errs
	}
	return nil
}

func jsonKind(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case float64:
		return "a number"
	case bool:
		return "a boolean"
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

// Resolve merges profile defaults, explicit config and per-project overrides for the stack
// stackName, and checks what only the environment can check (profile limits). Component
// arguments are checked by the components themselves before anything is registered.
func Resolve(stackName string, raw *Raw) (*Environment, error) {
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
	prof, ok := Profiles[profName]
	if !ok {
		field := "profile"
		if raw.Profile == "" {
			field = "profile (defaults to the stack name)"
		}
		return nil, fmt.Errorf("%s: unknown profile %q (known: %s)", field, profName, strings.Join(ProfileNames, ", "))
	}
	env := &Environment{
		Profile:                         prof,
		Environment:                     or(raw.Environment, stackName),
		Workload:                        or(raw.Workload, "mlops"),
		Location:                        raw.Location,
		LogRetentionDays:                orInt(raw.LogRetentionDays, prof.LogRetentionDays),
		Protect:                         orBool(raw.Protect, prof.Protect),
		KeyVaultSku:                     orStr(raw.KeyVaultSku, prof.KeyVaultSku),
		ZoneRedundancy:                  orBool(raw.ZoneRedundancy, prof.ZoneRedundancy),
		ExistingKeyVaultId:              raw.ExistingKeyVaultId,
		ExistingAppInsightsId:           raw.ExistingAppInsightsId,
		ExistingLogAnalyticsWorkspaceId: raw.ExistingLogAnalyticsWorkspaceId,
		Tags:                            raw.Tags,
	}
	cloud := "AzureCloud"
	if raw.Network != nil && raw.Network.Cloud != "" {
		cloud = raw.Network.Cloud
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
		if e := env.Policy.Effect; e != "" && e != "Audit" && e != "Deny" {
			add(fmt.Errorf("policy.effect: unknown value %q (allowed: Audit, Deny)", e))
		}
		if raw.Policy.MaxNodeIdleMinutes < 0 || raw.Policy.MaxNodeIdleMinutes > 7*24*60 {
			add(fmt.Errorf("policy.maxNodeIdleMinutes: must be 1-10080 (it is %d)", raw.Policy.MaxNodeIdleMinutes))
		}
		for i, id := range raw.Policy.AllowedSubnetIds {
			if !subnetID.MatchString(id) {
				add(fmt.Errorf("policy.allowedSubnetIds[%d]: %q is not a subnet id (/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>)", i, id))
			}
		}
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
		if j, dup := seen[p.Name]; dup && p.Name != "" {
			add(fmt.Errorf("%s.name: %q is already used by projects[%d]", pf, p.Name, j))
		}
		seen[p.Name] = i
		rp := ResolvedProject{
			Name:                    p.Name,
			IsolationMode:           orStr(p.IsolationMode, orStr(raw.IsolationMode, prof.IsolationMode)),
			HighBusinessImpact:      orBool(p.HighBusinessImpact, orBool(raw.HighBusinessImpact, prof.HighBusinessImpact)),
			StorageSku:              orStr(p.StorageSku, orStr(raw.StorageSku, prof.StorageSku)),
			ImageBuildCompute:       p.ImageBuildCompute,
			FriendlyName:            p.FriendlyName,
			ComputeClusters:         p.ComputeClusters,
			Tags:                    p.Tags,
			Project:                 p,
			ProvisionManagedNetwork: orBool(p.ProvisionManagedNetwork, prof.ProvisionManagedNetwork),
		}
		if !contains(prof.AllowedIsolationModes, rp.IsolationMode) && contains([]string{"Disabled", "AllowInternetOutbound", "AllowOnlyApprovedOutbound"}, rp.IsolationMode) {
			field := pf + ".isolationMode"
			if p.IsolationMode == nil {
				field = "isolationMode"
			}
			add(fmt.Errorf("%s: %s is not allowed by the %s profile (allowed: %s)", field, rp.IsolationMode, prof.Name, strings.Join(prof.AllowedIsolationModes, ", ")))
		}
		for j, c := range p.ComputeClusters {
			if c.MaxNodes > prof.MaxNodesPerCluster {
				add(fmt.Errorf("%s.computeClusters[%d].maxNodes: %d exceeds the %s profile's limit of %d nodes per cluster", pf, j, c.MaxNodes, prof.Name, prof.MaxNodesPerCluster))
			}
		}
		env.Projects = append(env.Projects, rp)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return env, nil
}

func or(v, d string) string {
	if v != "" {
		return v
	}
	return d
}

func orStr(v *string, d string) string {
	if v != nil {
		return *v
	}
	return d
}

func orInt(v *int, d int) int {
	if v != nil {
		return *v
	}
	return d
}

func orBool(v *bool, d bool) bool {
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
