package naming

import (
	"fmt"
	"regexp"
	"strings"
)

// TypeRule is Azure's documented naming rule for one ARM resource type: the physical name of
// every resource this package creates is checked against it (TestEveryPlannedNameFollowsAzureRules).
type TypeRule struct {
	// ARM type, e.g. "Microsoft.MachineLearningServices/workspaces/computes".
	Type string
	Min  int
	Max  int
	// Pattern every valid name matches (charset, first and last character).
	Pattern *regexp.Regexp
	// Extra checks the pattern cannot express (consecutive hyphens, reserved characters);
	// it returns a reason or "".
	Extra func(name string) string
	// Source names the Microsoft page the rule comes from.
	Source string
}

// resourceNameRules is Microsoft's "Naming rules and restrictions for Azure resources".
const resourceNameRules = "learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules"

var (
	alnumHyphenEnds = regexp.MustCompile(`^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$`)
	networkName     = regexp.MustCompile(`^[a-zA-Z0-9](?:[a-zA-Z0-9_.-]*[a-zA-Z0-9_])?$`)
	guidPattern     = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	// Policy resource names: no #<>*%&:\?.+/ nor control characters, not ending in a period or space.
	policyName = regexp.MustCompile(`^[^#<>*%&:\\?.+/\x00-\x1f]*[^#<>*%&:\\?.+/\x00-\x1f. ]$`)
)

// noTrailingSpaceOrPeriod: the Microsoft.Insights rules' "Can't end with space or period".
func noTrailingSpaceOrPeriod(name string) string {
	if strings.HasSuffix(name, " ") || strings.HasSuffix(name, ".") {
		return "can't end with a space or a period"
	}
	return ""
}

func noDoubleHyphen(name string) string {
	if strings.Contains(name, "--") {
		return "consecutive hyphens are not allowed"
	}
	return ""
}

// computeHyphens: Azure ML's compute naming rule says a hyphen must be followed by at least
// one letter later in the name (learn.microsoft.com/azure/machine-learning/how-to-create-attach-compute-cluster).
func computeHyphens(name string) string {
	if i := strings.LastIndex(name, "-"); i >= 0 && !strings.ContainsAny(strings.ToLower(name[i:]), "abcdefghijklmnopqrstuvwxyz") {
		return "a hyphen must be followed by at least one letter later in the name"
	}
	return ""
}

// TypeRules holds the rule of every ARM type this package creates, one entry each.
var TypeRules = map[string]TypeRule{}

func addRule(r TypeRule) { TypeRules[strings.ToLower(r.Type)] = r }

func init() {
	for _, r := range []TypeRule{
		// resource-name-rules, Microsoft.Resources: resourcegroups 1-90, alphanumerics, underscores,
		// parentheses, hyphens, periods (and Unicode letters); can't end with a period.
		{Type: "Microsoft.Resources/resourceGroups", Min: 1, Max: 90, Pattern: regexp.MustCompile(`^[-\w._()]*[-\w_()]$`), Source: resourceNameRules},
		// resource-name-rules, Microsoft.OperationalInsights: workspaces 4-63, alphanumerics and hyphens, start and end alphanumeric.
		{Type: "Microsoft.OperationalInsights/workspaces", Min: 4, Max: 63, Pattern: alnumHyphenEnds, Source: resourceNameRules},
		// resource-name-rules, Microsoft.Insights: components 1-260; this package keeps to alphanumerics and hyphens.
		{Type: "Microsoft.Insights/components", Min: 1, Max: 260, Pattern: alnumHyphenEnds, Source: resourceNameRules},
		// resource-name-rules, Microsoft.Insights: diagnosticSettings 1-260, can't use *<>%{}&:\?/#| or control characters.
		{Type: "Microsoft.Insights/diagnosticSettings", Min: 1, Max: 260, Pattern: regexp.MustCompile(`^[^*<>%{}&:\\?/#|\x00-\x1f]+$`), Source: resourceNameRules},
		// resource-name-rules, Microsoft.KeyVault: vaults 3-24, alphanumerics and hyphens, start with a letter,
		// end with a letter or digit, no consecutive hyphens; globally unique.
		{Type: "Microsoft.KeyVault/vaults", Min: 3, Max: 24, Pattern: regexp.MustCompile(`^[a-zA-Z](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$`), Extra: noDoubleHyphen, Source: resourceNameRules},
		// resource-name-rules, Microsoft.KeyVault: vaults/secrets 1-127, alphanumerics and hyphens.
		{Type: "Microsoft.KeyVault/vaults/secrets", Min: 1, Max: 127, Pattern: regexp.MustCompile(`^[a-zA-Z0-9-]+$`), Source: resourceNameRules},
		// resource-name-rules, Microsoft.Storage: storageAccounts 3-24, lowercase letters and numbers; globally unique.
		{Type: "Microsoft.Storage/storageAccounts", Min: 3, Max: 24, Pattern: regexp.MustCompile(`^[a-z0-9]+$`), Source: resourceNameRules},
		// Microsoft.Insights/privateLinkScopes and their scopedResources: ARM's template reference gives
		// no pattern beyond a string (learn.microsoft.com/azure/templates/microsoft.insights/privatelinkscopes);
		// this package keeps to the Insights components' rule: 1-260, alphanumerics and hyphens.
		{Type: "Microsoft.Insights/privateLinkScopes", Min: 1, Max: 260, Pattern: alnumHyphenEnds, Source: "learn.microsoft.com/azure/templates/microsoft.insights/privatelinkscopes"},
		{Type: "Microsoft.Insights/privateLinkScopes/scopedResources", Min: 1, Max: 260, Pattern: alnumHyphenEnds,
			Source: "learn.microsoft.com/azure/templates/microsoft.insights/privatelinkscopes/scopedresources"},
		// resource-name-rules, Microsoft.Insights: actionGroups 1-260, can't use :<>+/&%\? or control characters.
		{Type: "Microsoft.Insights/actionGroups", Min: 1, Max: 260, Pattern: regexp.MustCompile(`^[^:<>+/&%\\?\x00-\x1f]+$`), Extra: noTrailingSpaceOrPeriod, Source: resourceNameRules},
		// resource-name-rules, Microsoft.Insights: metricAlerts 1-260, can't use *#&+:<>?@%{}\/ or control characters.
		{Type: "Microsoft.Insights/metricAlerts", Min: 1, Max: 260, Pattern: regexp.MustCompile(`^[^*#&+:<>?@%{}\\/\x00-\x1f]+$`), Extra: noTrailingSpaceOrPeriod, Source: resourceNameRules},
		// resource-name-rules, Microsoft.Insights: scheduledQueryRules 1-260, can't use *<>%{}&:\?/# or control characters.
		{Type: "Microsoft.Insights/scheduledQueryRules", Min: 1, Max: 260, Pattern: regexp.MustCompile(`^[^*<>%{}&:\\?/#\x00-\x1f]+$`), Extra: noTrailingSpaceOrPeriod, Source: resourceNameRules},
		// Workbooks are named by a GUID: Microsoft's ARM template for a workbook instance names it by
		// workbookId, "The unique guid for this workbook instance", defaulting to newGuid()
		// (learn.microsoft.com/azure/azure-monitor/visualize/workbooks-automate). Neither the resource
		// reference (learn.microsoft.com/azure/templates/microsoft.insights/workbooks: "string (required)")
		// nor resource-name-rules ("Not specified") states a rule, so this is the documented practice,
		// not a documented limit.
		{Type: "Microsoft.Insights/workbooks", Min: 36, Max: 36, Pattern: guidPattern, Source: "learn.microsoft.com/azure/azure-monitor/visualize/workbooks-automate"},
		// resource-name-rules, Microsoft.Consumption: budgets 1-63, alphanumerics, underscores and hyphens.
		{Type: "Microsoft.Consumption/budgets", Min: 1, Max: 63, Pattern: regexp.MustCompile(`^[a-zA-Z0-9_-]+$`), Source: resourceNameRules},
		// resource-name-rules, Microsoft.Authorization: locks 1-90, alphanumerics, periods, underscores,
		// hyphens and parentheses; can't end in a period.
		{Type: "Microsoft.Authorization/locks", Min: 1, Max: 90, Pattern: regexp.MustCompile(`^[a-zA-Z0-9._()-]*[a-zA-Z0-9_()-]$`), Source: resourceNameRules},
		// resource-name-rules, Microsoft.ContainerRegistry: registries/replications 5-50, alphanumerics
		// (this package names a replica after its region).
		{Type: "Microsoft.ContainerRegistry/registries/replications", Min: 5, Max: 50, Pattern: regexp.MustCompile(`^[a-zA-Z0-9]+$`), Source: resourceNameRules},
		// Singletons of a storage account: the blob service is always named "default"
		// (learn.microsoft.com/rest/api/storagerp/blob-services/set-service-properties), and so is
		// the lifecycle management policy (learn.microsoft.com/rest/api/storagerp/management-policies/create-or-update).
		{Type: "Microsoft.Storage/storageAccounts/blobServices", Min: 7, Max: 7, Pattern: regexp.MustCompile(`^default$`),
			Source: "learn.microsoft.com/rest/api/storagerp/blob-services/set-service-properties"},
		{Type: "Microsoft.Storage/storageAccounts/managementPolicies", Min: 7, Max: 7, Pattern: regexp.MustCompile(`^default$`),
			Source: "learn.microsoft.com/rest/api/storagerp/management-policies/create-or-update"},
		// resource-name-rules, Microsoft.ContainerRegistry: registries 5-50, alphanumerics; globally unique.
		{Type: "Microsoft.ContainerRegistry/registries", Min: 5, Max: 50, Pattern: regexp.MustCompile(`^[a-zA-Z0-9]+$`), Source: resourceNameRules},
		// resource-name-rules, Microsoft.ManagedIdentity: userAssignedIdentities 3-128, alphanumerics,
		// hyphens and underscores, start with a letter or number.
		{Type: "Microsoft.ManagedIdentity/userAssignedIdentities", Min: 3, Max: 128, Pattern: regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9_-]*$`), Source: resourceNameRules},
		// resource-name-rules, Microsoft.MachineLearningServices: workspaces 3-33, alphanumerics and
		// hyphens (no underscores).
		{Type: "Microsoft.MachineLearningServices/workspaces", Min: 3, Max: 33, Pattern: alnumHyphenEnds, Source: resourceNameRules},
		// resource-name-rules: workspaces/computes 2-16, alphanumerics and hyphens; how-to-create-attach-compute-cluster:
		// 3-24, start with a letter, a hyphen followed by a letter later. Both hold: 3-16.
		{Type: "Microsoft.MachineLearningServices/workspaces/computes", Min: 3, Max: 16, Pattern: regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9-]*$`), Extra: computeHyphens,
			Source: resourceNameRules + "; learn.microsoft.com/azure/machine-learning/how-to-create-attach-compute-cluster"},
		// Azure ML registries: 3-33 letters, digits, hyphens and underscores, starting with a letter
		// or digit (registryName's pattern ^[a-zA-Z0-9][a-zA-Z0-9\-_]{2,32}$ in the REST reference,
		// learn.microsoft.com/rest/api/azureml/registries/create-or-update).
		{Type: "Microsoft.MachineLearningServices/registries", Min: 3, Max: 33, Pattern: regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9_-]*$`),
			Source: "learn.microsoft.com/rest/api/azureml/registries/create-or-update"},
		// Managed network outbound rules (workspaces/outboundRules): no Microsoft page documents a
		// name rule and the REST spec (azure-rest-api-specs, machinelearningservices) gives no
		// pattern; this keeps to the studio's accepted 3-64 alphanumerics, hyphens, underscores.
		{Type: "Microsoft.MachineLearningServices/workspaces/outboundRules", Min: 3, Max: 64, Pattern: regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9_-]*$`),
			Source: "undocumented; conservative rule of this package"},
		// Datastores (workspaces/datastores): lowercase letters, digits and underscores (azure-docs
		// articles/machine-learning/v1/how-to-access-data.md: "A datastore name should only
		// contain lowercase letters, digits and underscores"); no Microsoft page gives a length, so
		// this package keeps to 1-64 like the outbound rules.
		{Type: "Microsoft.MachineLearningServices/workspaces/datastores", Min: 1, Max: 64, Pattern: regexp.MustCompile(`^[a-z0-9_]+$`),
			Source: "learn.microsoft.com/azure/machine-learning/v1/how-to-access-data; length: conservative rule of this package"},
		// roleAssignments: the name must be a GUID (learn.microsoft.com/azure/role-based-access-control/role-assignments-template#name).
		{Type: "Microsoft.Authorization/roleAssignments", Min: 36, Max: 36, Pattern: guidPattern, Source: "learn.microsoft.com/azure/role-based-access-control/role-assignments-template"},
		// resource-name-rules, Microsoft.Authorization: policyDefinitions 1-64, policyAssignments 1-64
		// (1-24 at management-group scope), policyExemptions 1-64; no #<>*%&:\?.+/ or control characters,
		// can't end with a period or space.
		{Type: "Microsoft.Authorization/policyDefinitions", Min: 1, Max: 64, Pattern: policyName, Source: resourceNameRules},
		{Type: "Microsoft.Authorization/policyAssignments", Min: 1, Max: 64, Pattern: policyName, Source: resourceNameRules},
		{Type: ManagementGroupPolicyAssignment, Min: 1, Max: 24, Pattern: policyName, Source: resourceNameRules},
		{Type: "Microsoft.Authorization/policyExemptions", Min: 1, Max: 64, Pattern: policyName, Source: resourceNameRules},
		// resource-name-rules, Microsoft.Network: virtualNetworks 2-64; subnets, networkSecurityGroups,
		// privateDnsZones/virtualNetworkLinks 1-80; privateEndpoints 2-64; alphanumerics, underscores,
		// periods and hyphens, start alphanumeric, end alphanumeric or underscore.
		{Type: "Microsoft.Network/virtualNetworks", Min: 2, Max: 64, Pattern: networkName, Source: resourceNameRules},
		{Type: "Microsoft.Network/virtualNetworks/subnets", Min: 1, Max: 80, Pattern: networkName, Source: resourceNameRules},
		{Type: "Microsoft.Network/networkSecurityGroups", Min: 1, Max: 80, Pattern: networkName, Source: resourceNameRules},
		{Type: "Microsoft.Network/privateEndpoints", Min: 2, Max: 64, Pattern: networkName, Source: resourceNameRules},
		{Type: "Microsoft.Network/privateEndpoints/privateDnsZoneGroups", Min: 1, Max: 80, Pattern: networkName, Source: resourceNameRules},
		{Type: "Microsoft.Network/privateDnsZones/virtualNetworkLinks", Min: 1, Max: 80, Pattern: networkName, Source: resourceNameRules},
		// resource-name-rules, Microsoft.Network: privateDnsZones 1-63 characters, 2-34 labels of
		// alphanumerics, underscores and hyphens separated by periods.
		{Type: "Microsoft.Network/privateDnsZones", Min: 1, Max: 63, Pattern: regexp.MustCompile(`^[a-zA-Z0-9_-]+(\.[a-zA-Z0-9_-]+){1,33}$`), Source: resourceNameRules},
	} {
		addRule(r)
	}
}

// ManagementGroupPolicyAssignment is the pseudo-type of a policy assignment at management-group
// scope, whose name limit is 24 instead of 64.
const ManagementGroupPolicyAssignment = "Microsoft.Authorization/policyAssignments@managementGroup"

// CheckType validates a physical name against the documented rule of its ARM type. It reports
// an unknown type as an error too, so a new resource type cannot skip the table.
func CheckType(armType, name string) error {
	r, ok := TypeRules[strings.ToLower(armType)]
	if !ok {
		return fmt.Errorf("naming: no documented name rule for ARM type %s (add it to pkg/naming TypeRules with its source)", armType)
	}
	if len(name) < r.Min || len(name) > r.Max {
		return fmt.Errorf("%s name %q is %d characters; Azure allows %d-%d (%s)", r.Type, name, len(name), r.Min, r.Max, r.Source)
	}
	if !r.Pattern.MatchString(name) {
		return fmt.Errorf("%s name %q has characters or ends Azure does not allow (%s)", r.Type, name, r.Source)
	}
	if r.Extra != nil {
		if why := r.Extra(name); why != "" {
			return fmt.Errorf("%s name %q: %s (%s)", r.Type, name, why, r.Source)
		}
	}
	return nil
}
