package components

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/azure-mlops/pulumi-azure-mlops/policies"
)

// alzDefinition is the part of an ALZ policy definition file this package reads.
type alzDefinition struct {
	Name       string `json:"name"`
	Properties struct {
		Parameters map[string]struct {
			DefaultValue any `json:"defaultValue"`
		} `json:"parameters"`
		PolicyRule map[string]any `json:"policyRule"`
	} `json:"properties"`
}

// loadALZ reads a vendored definition. ALZ files are ARM templates, where "[[" escapes a
// literal "["; the deployed definition has the single bracket, so it is unescaped here.
func loadALZ(name string) alzDefinition {
	// Vendored verbatim from github.com/Azure/Enterprise-Scale (policies/azure/alz/README.md).
	b, err := policies.AzureLandingZone.ReadFile("azure/alz/" + name + ".json")
	if err != nil {
		panic(fmt.Sprintf("vendored ALZ definition %s: %v", name, err))
	}
	b = []byte(strings.ReplaceAll(string(b), `"[[`, `"[`))
	var d alzDefinition
	if err := json.Unmarshal(b, &d); err != nil {
		panic(fmt.Sprintf("vendored ALZ definition %s: %v", name, err))
	}
	return d
}

// ALZDefaultVMSizes is the allowedVmSizes default of ALZ's Deny-MachineLearning-Compute-VmSize.
func ALZDefaultVMSizes() []string {
	d := loadALZ("Deny-MachineLearning-Compute-VmSize")
	var out []string
	for _, v := range d.Properties.Parameters["allowedVmSizes"].DefaultValue.([]any) {
		out = append(out, v.(string))
	}
	return out
}

// alzIdleCondition is the idle-time condition of ALZ's Deny-MachineLearning-ComputeCluster-Scale,
// as deployed. It turns the duration into seconds by replacing P, Y, M, D, T, H with "/" and
// dropping S, then takes int() of the last "/"-separated part: "PT900S" gives 900, but
// "PT15M" gives int(”) — an expression error, which Azure Policy treats as non-compliant.
func alzIdleCondition() map[string]any {
	d := loadALZ("Deny-MachineLearning-ComputeCluster-Scale")
	anyOf := d.Properties.PolicyRule["if"].(map[string]any)["allOf"].([]any)[2].(map[string]any)["anyOf"].([]any)
	for _, c := range anyOf {
		if m := c.(map[string]any); m["value"] != nil {
			return m
		}
	}
	panic("vendored Deny-MachineLearning-ComputeCluster-Scale has no idle-time condition")
}

// ALZIdleSeconds evaluates the ALZ idle-time expression on a duration the way Azure Policy
// does; ok is false where Azure's int() fails (the policy then denies).
func ALZIdleSeconds(duration string) (seconds int, ok bool) {
	s := duration
	for _, c := range []string{"P", "Y", "M", "D", "T", "H"} {
		s = strings.ReplaceAll(s, c, "/")
	}
	s = strings.ReplaceAll(s, "S", "")
	parts := strings.Split(s, "/")
	last := parts[len(parts)-1]
	n, err := strconv.Atoi(last)
	if err != nil {
		return 0, false
	}
	return n, true
}

// idleDuration is the ISO 8601 duration a compute cluster sends: seconds, the only form the
// ALZ scale policy parses.
func idleDuration(minutes int) string { return fmt.Sprintf("PT%dS", minutes*60) }
