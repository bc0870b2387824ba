// Package naming derives Azure resource names for the platform: Cloud Adoption Framework
// abbreviations, each resource type's length and character rules, and a short deterministic
// suffix for the names Azure requires to be globally unique.
//
// Names are a pure function of stable inputs (workload, environment, seed). Nothing here is
// random, so the same configuration always yields the same physical names and the same plan.
package naming

import (
	"crypto/sha256"
	"fmt"
	"math/big"
	"regexp"
	"strings"
)

// Kind is an Azure resource type with its own naming rules.
type Kind string

// The resource kinds this package names. The value is the CAF abbreviation.
const (
	LogAnalyticsWorkspace Kind = "log"
	AppInsights           Kind = "appi"
	KeyVault              Kind = "kv"
	StorageAccount        Kind = "st"
	ContainerRegistry     Kind = "cr"
	MLWorkspace           Kind = "mlw"
	ManagedIdentity       Kind = "id"
	PrivateEndpoint       Kind = "pe"
	VirtualNetwork        Kind = "vnet"
	Subnet                Kind = "snet"
	NetworkSecurityGroup  Kind = "nsg"
)

// Rule is the naming rule Azure enforces for one resource kind.
type Rule struct {
	Kind Kind
	// What the rule is called in messages.
	Display string
	Min     int
	Max     int
	// Pattern every valid name matches (charset, first and last character).
	Pattern *regexp.Regexp
	// Hyphens reports whether the name is built with hyphen separators; when false the
	// parts are concatenated (storage accounts and registries allow only alphanumerics).
	Hyphens bool
	// GloballyUnique names get the deterministic suffix.
	GloballyUnique bool
	// Lower forces lower case (storage requires it; others are case-insensitive in DNS).
	Lower bool
}

var rules = map[Kind]Rule{
	// Microsoft.OperationalInsights/workspaces: 4-63, alphanumerics and hyphens, start and end alphanumeric.
	LogAnalyticsWorkspace: {Kind: LogAnalyticsWorkspace, Display: "Log Analytics workspace", Min: 4, Max: 63,
		Pattern: regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]$`), Hyphens: true},
	// Microsoft.Insights/components: 1-260; we keep to the same safe charset.
	AppInsights: {Kind: AppInsights, Display: "Application Insights component", Min: 1, Max: 260,
		Pattern: regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]$`), Hyphens: true},
	// Microsoft.KeyVault/vaults: 3-24, alphanumerics and hyphens, start with a letter, end with
	// a letter or digit, no consecutive hyphens; globally unique (DNS name <name>.vault.azure.net).
	KeyVault: {Kind: KeyVault, Display: "Key Vault", Min: 3, Max: 24,
		Pattern: regexp.MustCompile(`^[a-zA-Z](?:[a-zA-Z0-9]|-[a-zA-Z0-9])*$`), Hyphens: true, GloballyUnique: true, Lower: true},
	// Microsoft.Storage/storageAccounts: 3-24, lowercase letters and digits only; globally unique.
	StorageAccount: {Kind: StorageAccount, Display: "storage account", Min: 3, Max: 24,
		Pattern: regexp.MustCompile(`^[a-z0-9]+$`), GloballyUnique: true, Lower: true},
	// Microsoft.ContainerRegistry/registries: 5-50, alphanumerics only; globally unique.
	ContainerRegistry: {Kind: ContainerRegistry, Display: "container registry", Min: 5, Max: 50,
		Pattern: regexp.MustCompile(`^[a-zA-Z0-9]+$`), GloballyUnique: true, Lower: true},
	// Microsoft.MachineLearningServices/workspaces: 3-33, alphanumerics and hyphens (no
	// underscores) (resource-name-rules; see TypeRules).
	MLWorkspace: {Kind: MLWorkspace, Display: "Machine Learning workspace", Min: 3, Max: 33,
		Pattern: regexp.MustCompile(`^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$`), Hyphens: true},
	// Microsoft.ManagedIdentity/userAssignedIdentities: 3-128, alphanumerics, hyphens and
	// underscores, starting with an alphanumeric.
	ManagedIdentity: {Kind: ManagedIdentity, Display: "user-assigned identity", Min: 3, Max: 128,
		Pattern: regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9_-]*$`), Hyphens: true},
	// Microsoft.Network: alphanumerics, underscores, periods and hyphens; start alphanumeric,
	// end alphanumeric or underscore; private endpoints and VNets 2-64, subnets and NSGs 1-80
	// (resource-name-rules; see TypeRules).
	PrivateEndpoint:      networkRule(PrivateEndpoint, "private endpoint", 2, 64),
	VirtualNetwork:       networkRule(VirtualNetwork, "virtual network", 2, 64),
	Subnet:               networkRule(Subnet, "subnet", 1, 80),
	NetworkSecurityGroup: networkRule(NetworkSecurityGroup, "network security group", 1, 80),
}

// kindTypes maps each kind to its ARM type in TypeRules, which Check also applies.
var kindTypes = map[Kind]string{
	LogAnalyticsWorkspace: "Microsoft.OperationalInsights/workspaces",
	AppInsights:           "Microsoft.Insights/components",
	KeyVault:              "Microsoft.KeyVault/vaults",
	StorageAccount:        "Microsoft.Storage/storageAccounts",
	ContainerRegistry:     "Microsoft.ContainerRegistry/registries",
	MLWorkspace:           "Microsoft.MachineLearningServices/workspaces",
	ManagedIdentity:       "Microsoft.ManagedIdentity/userAssignedIdentities",
	PrivateEndpoint:       "Microsoft.Network/privateEndpoints",
	VirtualNetwork:        "Microsoft.Network/virtualNetworks",
	Subnet:                "Microsoft.Network/virtualNetworks/subnets",
	NetworkSecurityGroup:  "Microsoft.Network/networkSecurityGroups",
}

func networkRule(k Kind, display string, lo, hi int) Rule {
	return Rule{Kind: k, Display: display, Min: lo, Max: hi,
		Pattern: regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9_.-]*[a-zA-Z0-9_]$`), Hyphens: true}
}

// RuleFor returns the naming rule of a kind.
func RuleFor(k Kind) Rule {
	r, ok := rules[k]
	if !ok {
		panic(fmt.Sprintf("naming: no rule for kind %q", k))
	}
	return r
}

// Identifiers the user gives (workload and environment) are short lowercase DNS labels, so
// that every derived name is valid for every resource kind, including storage accounts.
var (
	workloadPattern    = regexp.MustCompile(`^[a-z][a-z0-9-]*[a-z0-9]$`)
	environmentPattern = regexp.MustCompile(`^[a-z][a-z0-9]*$`)
)

// Limits for the user-given identifiers.
const (
	MaxWorkloadLength    = 16
	MaxEnvironmentLength = 8
	SuffixLength         = 4
)

// ValidateWorkload checks a workload (project) identifier. field is the path used in errors.
func ValidateWorkload(field, v string) error {
	switch {
	case v == "":
		return fmt.Errorf("%s: required (a short lowercase name such as \"fraud\")", field)
	case len(v) < 2 || len(v) > MaxWorkloadLength:
		return fmt.Errorf("%s: %q must be 2 to %d characters long (it is %d)", field, v, MaxWorkloadLength, len(v))
	case !workloadPattern.MatchString(v) || strings.Contains(v, "--"):
		return fmt.Errorf("%s: %q must start with a lowercase letter and contain only lowercase letters, digits and single hyphens", field, v)
	}
	return nil
}

// ValidateEnvironment checks an environment identifier (dev, test, prod, ...).
func ValidateEnvironment(field, v string) error {
	switch {
	case v == "":
		return fmt.Errorf("%s: required (for example \"dev\", \"test\" or \"prod\")", field)
	case len(v) > MaxEnvironmentLength:
		return fmt.Errorf("%s: %q must be at most %d characters long (it is %d)", field, v, MaxEnvironmentLength, len(v))
	case !environmentPattern.MatchString(v):
		return fmt.Errorf("%s: %q must start with a lowercase letter and contain only lowercase letters and digits", field, v)
	}
	return nil
}

// Namer builds the names of one workload in one environment.
type Namer struct {
	Workload    string
	Environment string
	// Suffix is derived from the stable inputs (see Suffix).
	Suffix string
}

// New validates the identifiers and returns a Namer. seed adds stable context (for example
// the resource group name or subscription id) so that the same workload deployed twice in
// different places gets different globally unique names.
func New(workloadField, workload, environmentField, environment string, seed ...string) (Namer, error) {
	if err := ValidateWorkload(workloadField, workload); err != nil {
		return Namer{}, err
	}
	if err := ValidateEnvironment(environmentField, environment); err != nil {
		return Namer{}, err
	}
	parts := append([]string{workload, environment}, seed...)
	return Namer{Workload: workload, Environment: environment, Suffix: Suffix(parts...)}, nil
}

// Suffix returns a short lowercase base-36 string derived from parts by SHA-256.
func Suffix(parts ...string) string {
	sum := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	s := new(big.Int).SetBytes(sum[:]).Text(36)
	for len(s) < SuffixLength {
		s = "0" + s
	}
	return s[:SuffixLength]
}

// Name returns the name of a resource of kind k, optionally qualified (for example a compute
// name or a private-endpoint target), and checks it against the kind's rule. field names the
// input that determines the length, for the error message.
func (n Namer) Name(field string, k Kind, qualifiers ...string) (string, error) {
	r := RuleFor(k)
	parts := []string{string(k)}
	parts = append(parts, qualifiers...)
	parts = append(parts, n.Workload, n.Environment)
	if r.GloballyUnique {
		parts = append(parts, n.Suffix)
	}
	var name string
	if r.Hyphens {
		name = strings.Join(parts, "-")
	} else {
		name = strings.ReplaceAll(strings.Join(parts, ""), "-", "")
	}
	if r.Lower {
		name = strings.ToLower(name)
	}
	if err := Check(field, k, name); err != nil {
		return "", err
	}
	return name, nil
}

// Check validates a complete name against the rule of kind k.
func Check(field string, k Kind, name string) error {
	r := RuleFor(k)
	if len(name) < r.Min || len(name) > r.Max {
		return fmt.Errorf("%s: the %s name %q would be %d characters long; Azure allows %d to %d, so shorten %s",
			field, r.Display, name, len(name), r.Min, r.Max, field)
	}
	if !r.Pattern.MatchString(name) {
		return fmt.Errorf("%s: the %s name %q is not valid for Azure (allowed: %s)", field, r.Display, name, r.Pattern.String())
	}
	if t, ok := kindTypes[k]; ok {
		if err := CheckType(t, name); err != nil {
			return fmt.Errorf("%s: %w", field, err)
		}
	}
	return nil
}

// GUID derives a GUID-shaped name from parts by SHA-256: role assignment names, and the
// principal, client and workspace ids of the offline plan, must be GUIDs and deterministic.
func GUID(parts ...string) string {
	sum := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	h := fmt.Sprintf("%x", sum[:16])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}
