package azpolicy

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"sync"

	"github.com/azure-mlops/pulumi-azure-mlops/policies"
)

// landingZoneCommit: the Azure/Enterprise-Scale commit policies/azure/alz was copied from
// (src/resources/Microsoft.Authorization/policyDefinitions/).
const landingZoneCommit = "dbd9bd2169481d53388b827f5897420c0fad101b"

// LandingZoneDefinition is a landing-zone definition as Azure/Enterprise-Scale publishes it.
type LandingZoneDefinition struct {
	Name        string
	DisplayName string
	Mode        string
	Parameters  map[string]any
	// Rule with ALZ's ARM-deployment escape removed: the repository writes template
	// expressions as "[[...]" so that its own ARM deployment passes them on as "[...]"
	// (template-expressions.md, "Escape characters").
	Rule map[string]any
}

// LandingZone returns the vendored landing-zone definitions by name, parsed once.
var LandingZone = sync.OnceValues(func() (map[string]*LandingZoneDefinition, error) {
	names, err := fs.Glob(policies.AzureLandingZone, "azure/alz/*.json")
	if err != nil {
		return nil, err
	}
	out := map[string]*LandingZoneDefinition{}
	for _, n := range names {
		b, err := fs.ReadFile(policies.AzureLandingZone, n)
		if err != nil {
			return nil, err
		}
		var doc struct {
			Name       string `json:"name"`
			Properties struct {
				DisplayName string         `json:"displayName"`
				Mode        string         `json:"mode"`
				Parameters  map[string]any `json:"parameters"`
				PolicyRule  map[string]any `json:"policyRule"`
			} `json:"properties"`
		}
		if err := json.Unmarshal(b, &doc); err != nil {
			return nil, fmt.Errorf("%s: %w", n, err)
		}
		p := doc.Properties
		rule, _ := unescapeARM(p.PolicyRule).(map[string]any)
		out[doc.Name] = &LandingZoneDefinition{Name: doc.Name, DisplayName: p.DisplayName, Mode: p.Mode, Parameters: p.Parameters, Rule: rule}
	}
	return out, nil
})

func unescapeARM(v any) any {
	switch x := v.(type) {
	case string:
		return literalString(x)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = unescapeARM(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = unescapeARM(e)
		}
		return out
	}
	return v
}

// LandingZoneName names the landing-zone definition whose rule d's rule is, or "". Matching
// the content, not the name, keeps it right whatever Governance names its definitions.
func (d *Definition) LandingZoneName() string {
	byRule, err := landingZoneRules()
	if err != nil {
		return ""
	}
	// encoding/json writes map keys sorted: equal rules marshal to equal bytes.
	b, err := json.Marshal(d.Rule)
	if err != nil {
		return ""
	}
	return byRule[string(b)]
}

// landingZoneRules: marshalled rule -> landing-zone name.
var landingZoneRules = sync.OnceValues(func() (map[string]string, error) {
	lz, err := LandingZone()
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for name, l := range lz {
		b, err := json.Marshal(l.Rule)
		if err != nil {
			return nil, err
		}
		out[string(b)] = name
	}
	return out, nil
})

// LandingZoneName names the landing-zone definition a's definition is ("" for built-ins):
// Governance names its assignments "<workload>-<environment>-<short>" to fit Azure's
// 64-character limit, so the landing-zone name is found by the rule, not the name.
func (a *Assignment) LandingZoneName() string {
	if a.Definition == nil {
		return ""
	}
	return a.Definition.LandingZoneName()
}
