package azpolicy

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/plan"
	"github.com/azure-mlops/pulumi-azure-mlops/policies"
)

// Definition is a policy definition: a built-in vendored under policies/azure/builtin, or a
// custom one as the plan sends it.
type Definition struct {
	ID          string
	Name        string
	DisplayName string
	Mode        string
	// Parameters as declared (name -> {type, defaultValue, allowedValues, metadata}).
	Parameters map[string]any
	Rule       map[string]any
	// Source says where the JSON comes from: the vendored file with its upstream path and
	// version, or the planned resource's URN.
	Source string
	// types the rule can match (from a top-level type condition); nil: any type.
	types []string
}

// Assignment is a planned policy assignment with its definition and exemptions.
type Assignment struct {
	ID, Name, URN, DisplayName string
	DefinitionID               string
	Scope                      string
	NotScopes                  []string
	EnforcementMode            string
	// Values are the assignment's parameter values (name -> value).
	Values     map[string]any
	Definition *Definition
	Exemptions []Exemption
}

// Exemption is a planned policy exemption.
type Exemption struct {
	Name, Scope, Category string
}

// Built-in definitions vendored from Azure/azure-policy at this commit (files copied as is
// from built-in-policies/policyDefinitions/<path>).
const builtinCommit = "f4a50bacae07ddb096943c597669bcae494a6e29"

// BuiltinSources: guid -> path in Azure/azure-policy.
var BuiltinSources = map[string]string{
	"40cec1dd-a100-4920-b15b-3024fe8901ab": "built-in-policies/policyDefinitions/Machine Learning/Workspace_PrivateEndpoint_Audit.json",
	"45e05259-1eb5-4f70-9574-baf73e9d219b": "built-in-policies/policyDefinitions/Machine Learning/Workspace_PrivateEndpoint_Audit_V2.json",
	"5f0c7d88-c7de-45b8-ac49-db49e72eaa78": "built-in-policies/policyDefinitions/Machine Learning/Workspace_UAIEnabled_Audit.json",
	"5853517a-63de-11ea-bc55-0242ac130003": "built-in-policies/policyDefinitions/Machine Learning/AllowedACRs_EnforceSetting.json",
	"7838fd83-5cbb-4b5d-888c-bfa240972597": "built-in-policies/policyDefinitions/Machine Learning/Workspace_PrivateEndpoint_DINE.json",
	"a6f9a2d0-cff7-4855-83ad-4cd750666512": "built-in-policies/policyDefinitions/Machine Learning/DisableLocalAuth_Modify.json",
	"438c38d2-3772-465a-a9cc-7a6666a275ce": "built-in-policies/policyDefinitions/Machine Learning/Workspace_PublicNetworkAccessDisabled_Audit.json",
	// Vendored from commit 58fcf068ecb5e96d23958d9799cf872e687a1a4a (version 1.0.0, the file's only version).
	"679ddf89-ab8f-48a5-9029-e76054077449": "built-in-policies/policyDefinitions/Machine Learning/MachineLearningServices_IdleShutdown_Audit.json",
}

// Builtins returns the vendored built-in definitions by id
// (/providers/Microsoft.Authorization/policyDefinitions/<guid>), parsed once per process.
var Builtins = sync.OnceValues(func() (map[string]*Definition, error) {
	out := map[string]*Definition{}
	names, err := fs.Glob(policies.AzureBuiltins, "azure/builtin/*.json")
	if err != nil {
		return nil, err
	}
	for _, n := range names {
		b, err := fs.ReadFile(policies.AzureBuiltins, n)
		if err != nil {
			return nil, err
		}
		var doc struct {
			ID         string `json:"id"`
			Name       string `json:"name"`
			Properties struct {
				DisplayName string         `json:"displayName"`
				Mode        string         `json:"mode"`
				Metadata    map[string]any `json:"metadata"`
				Parameters  map[string]any `json:"parameters"`
				PolicyRule  map[string]any `json:"policyRule"`
			} `json:"properties"`
		}
		if err := json.Unmarshal(b, &doc); err != nil {
			return nil, fmt.Errorf("%s: %w", n, err)
		}
		guid := strings.TrimSuffix(path.Base(n), ".json")
		if doc.Name != guid {
			return nil, fmt.Errorf("%s: holds definition %s", n, doc.Name)
		}
		src, ok := BuiltinSources[guid]
		if !ok {
			return nil, fmt.Errorf("%s: no upstream path in BuiltinSources", n)
		}
		p := doc.Properties
		d := &Definition{ID: doc.ID, Name: guid, DisplayName: p.DisplayName, Mode: p.Mode, Parameters: p.Parameters,
			Rule: p.PolicyRule, Source: fmt.Sprintf("policies/%s (Azure/azure-policy@%s %s, version %v)", n, builtinCommit[:12], src, p.Metadata["version"])}
		d.types = typeIndex(d.Rule["if"])
		out[strings.ToLower(doc.ID)] = d
	}
	return out, nil
})

// typeIndex returns the resource types a rule can match when its "if" is, or is an allOf
// holding, a `type` equals/in condition with literal values; nil otherwise (any type).
// Evaluating only those types is exact: every other resource fails that conjunct.
func typeIndex(cond any) []string {
	m, ok := cond.(map[string]any)
	if !ok {
		return nil
	}
	if all, ok := lookupKey(m, "allOf"); ok {
		list, _ := all.([]any)
		for _, c := range list {
			if t := typeIndex(c); t != nil {
				return t
			}
		}
		return nil
	}
	f, ok := lookupKey(m, "field")
	if fs, _ := f.(string); !ok || !strings.EqualFold(fs, "type") {
		return nil
	}
	if v, ok := lookupKey(m, "equals"); ok {
		if s, ok := v.(string); ok && !isExpression(s) {
			return []string{strings.ToLower(s)}
		}
	}
	if v, ok := lookupKey(m, "in"); ok {
		if list, ok := v.([]any); ok {
			var out []string
			for _, x := range list {
				s, ok := x.(string)
				if !ok || isExpression(s) {
					return nil
				}
				out = append(out, strings.ToLower(s))
			}
			return out
		}
	}
	return nil
}

const (
	tokDefinition = "azure-native:authorization:PolicyDefinition"
	tokAssignment = "azure-native:authorization:PolicyAssignment"
	tokExemption  = "azure-native:authorization:PolicyExemption"
	tokEndpoint   = "azure-native:network:PrivateEndpoint"
)

func str(m map[string]any, k string) string {
	s, _ := m[k].(string)
	return s
}

// AssignmentsOf reads the policy assignments a plan makes, with their definitions (planned
// custom ones, or vendored built-ins) and exemptions, sorted by name. Assignments whose
// definition is neither come with a nil Definition.
func AssignmentsOf(doc *plan.Document) ([]*Assignment, error) {
	builtins, err := Builtins()
	if err != nil {
		return nil, err
	}
	defs := map[string]*Definition{}
	var assignments []*Assignment
	exemptions := map[string][]Exemption{}
	for _, r := range doc.Resources {
		if !r.Custom {
			continue
		}
		in := r.Inputs
		switch plan.Unversioned(r.Type) {
		case tokDefinition:
			rule, _ := in["policyRule"].(map[string]any)
			params, _ := in["parameters"].(map[string]any)
			d := &Definition{ID: r.ID, Name: str(in, "policyDefinitionName"), DisplayName: str(in, "displayName"),
				Mode: str(in, "mode"), Parameters: params, Rule: rule, Source: "planned " + r.URN}
			if d.Mode == "" {
				// "A null mode is the same as using indexed" (definition-structure-basics.md).
				d.Mode = "Indexed"
			}
			d.types = typeIndex(rule["if"])
			if n := d.LandingZoneName(); n != "" {
				d.Source += fmt.Sprintf(" (the rule of Azure/Enterprise-Scale@%s %s, unchanged)", landingZoneCommit[:12], n)
			}
			defs[strings.ToLower(r.ID)] = d
		case tokAssignment:
			a := &Assignment{ID: r.ID, Name: str(in, "policyAssignmentName"), URN: r.URN, DisplayName: str(in, "displayName"),
				DefinitionID: str(in, "policyDefinitionId"), Scope: str(in, "scope"), EnforcementMode: str(in, "enforcementMode"),
				Values: map[string]any{}}
			if a.EnforcementMode == "" {
				a.EnforcementMode = "Default"
			}
			if ns, ok := in["notScopes"].([]any); ok {
				for _, s := range ns {
					if x, ok := s.(string); ok {
						a.NotScopes = append(a.NotScopes, x)
					}
				}
			}
			if ps, ok := in["parameters"].(map[string]any); ok {
				for k, v := range ps {
					if pv, ok := v.(map[string]any); ok {
						a.Values[k] = armValue(pv["value"])
					}
				}
			}
			assignments = append(assignments, a)
		case tokExemption:
			id := strings.ToLower(str(in, "policyAssignmentId"))
			exemptions[id] = append(exemptions[id], Exemption{Name: str(in, "policyExemptionName"), Scope: str(in, "scope"), Category: str(in, "exemptionCategory")})
		}
	}
	for _, a := range assignments {
		id := strings.ToLower(a.DefinitionID)
		if d, ok := defs[id]; ok {
			a.Definition = d
		} else if d, ok := builtins[id]; ok {
			a.Definition = d
		}
		a.Exemptions = exemptions[strings.ToLower(a.ID)]
	}
	sort.Slice(assignments, func(i, j int) bool { return assignments[i].Name < assignments[j].Name })
	return assignments, nil
}

// parameters merges the definition's defaults with the assignment's values.
func (a *Assignment) parameters() map[string]any {
	out := map[string]any{}
	for k, v := range a.Definition.Parameters {
		if p, ok := v.(map[string]any); ok {
			if dv, ok := p["defaultValue"]; ok {
				out[k] = armValue(dv)
			}
		}
	}
	for k, v := range a.Values {
		out[k] = v
	}
	return out
}

func (a *Assignment) scope(r *Resource) *scope { return a.scopeWith(r, a.parameters()) }

func (a *Assignment) scopeWith(r *Resource, params map[string]any) *scope {
	return &scope{res: r, params: params, policy: map[string]any{"assignmentId": a.ID, "definitionId": a.DefinitionID,
		"setDefinitionId": "", "definitionReferenceId": ""}}
}

// Effect resolves then.effect with the assignment's parameters, in Azure's spelling.
func (a *Assignment) Effect() (string, error) {
	then, _ := a.Definition.Rule["then"].(map[string]any)
	v, err := a.scope(&Resource{}).evalValue(then["effect"])
	if err != nil {
		return "", err
	}
	s, ok := v.(string)
	if !ok {
		return "", evalErr("the effect is %s, not a string", describe(v))
	}
	for _, e := range []string{"Deny", "Audit", "Disabled", "Modify", "Append", "AuditIfNotExists", "DeployIfNotExists", "DenyAction", "Manual"} {
		if strings.EqualFold(s, e) {
			return e, nil
		}
	}
	return "", evalErr("unknown effect %q", s)
}

// within: resource id at or below the scope id (ARM ids compare case-insensitively).
func within(id, scope string) bool {
	return withinLower(strings.ToLower(id), strings.ToLower(scope))
}

// withinLower is within for ids already lower-cased.
func withinLower(id, scope string) bool {
	scope = strings.TrimRight(scope, "/")
	return scope != "" && strings.HasPrefix(id, scope) && (len(id) == len(scope) || id[len(scope)] == '/')
}

// Verdict results.
const (
	Compliant    = "compliant"
	NonCompliant = "non-compliant"
	Errored      = "error"
	Exempt       = "exempt"
	Indefinite   = "unknown"
	Unevaluated  = "unevaluated"
)

// Evaluate evaluates one resource against one assignment whose mode and scope apply.
func (a *Assignment) Evaluate(r *Resource, effect string) plan.AzureVerdict {
	return a.evaluate(r, effect, a.parameters())
}

func (a *Assignment) evaluate(r *Resource, effect string, params map[string]any) plan.AzureVerdict {
	v := plan.AzureVerdict{URN: r.URN, Resource: r.ID, Assignment: a.Name, Definition: a.Definition.DisplayName, Effect: effect, Action: "none"}
	id := r.lowerID
	if id == "" {
		id = strings.ToLower(r.ID)
	}
	for _, e := range a.Exemptions {
		if withinLower(id, strings.ToLower(e.Scope)) {
			v.Result, v.Reason = Exempt, fmt.Sprintf("exempted by %s (%s)", e.Name, e.Category)
			return v
		}
	}
	sc := a.scopeWith(r, params)
	sc.reads = &[]Trace{}
	o, err := sc.evalCondition(a.Definition.Rule["if"])
	if err != nil && len(*sc.reads) > 0 {
		// The field a failed expression read last is the value that broke it.
		last := (*sc.reads)[len(*sc.reads)-1]
		v.Field, v.Value = last.Field, last.Value
		err = fmt.Errorf("%w (field('%s') = %s)", err, last.Field, last.Value)
	}
	switch {
	case err != nil && isUnknown(err):
		v.Result, v.Reason = Indefinite, err.Error()
		return v
	case err != nil && isUnsupported(err):
		v.Result, v.Reason = Unevaluated, err.Error()
		return v
	case err != nil:
		// "A failed evaluation is an implicit deny" (definition-structure-policy-rule.md).
		v.Result, v.Action, v.Error = Errored, "deny", err.Error()
		v.Reason = "the evaluation failed, which Azure treats as a deny: " + err.Error()
		if a.EnforcementMode == "DoNotEnforce" {
			v.Action = "none (enforcementMode DoNotEnforce)"
		}
		return v
	}
	var why []string
	for _, t := range o.traces {
		if strings.EqualFold(t.Field, "type") {
			continue
		}
		why = append(why, t.String())
	}
	if len(o.traces) > 0 {
		last := o.traces[len(o.traces)-1]
		v.Field, v.Value = last.Field, last.Value
		if v.Field == "" {
			v.Field, v.Value = last.Expression, last.Computed
		}
	}
	v.Reason = strings.Join(why, "; ")
	if !o.ok {
		v.Result = Compliant
		return v
	}
	v.Result = NonCompliant
	v.Action = a.action(effect)
	if a.EnforcementMode == "DoNotEnforce" && v.Action != "audit" {
		// "The policy effect isn't enforced" (assignment-structure.md, "Enforcement mode").
		v.Action = "none (enforcementMode DoNotEnforce; would " + v.Action + ")"
	}
	return v
}

// action says what Azure does with a non-compliant request under effect.
func (a *Assignment) action(effect string) string {
	then, _ := a.Definition.Rule["then"].(map[string]any)
	details, _ := then["details"].(map[string]any)
	switch effect {
	case "Deny":
		return "deny"
	case "Audit":
		return "audit"
	case "Modify":
		var ops []string
		list, _ := details["operations"].([]any)
		for _, o := range list {
			if om, ok := o.(map[string]any); ok {
				val, err := a.scope(&Resource{}).evalValue(om["value"])
				if err != nil {
					val = om["value"]
				}
				ops = append(ops, fmt.Sprintf("%v %v = %s", om["operation"], om["field"], Render(val)))
			}
		}
		return "modify: " + strings.Join(ops, ", ")
	case "Append":
		return "append: " + Render(then["details"])
	case "DeployIfNotExists", "AuditIfNotExists":
		return fmt.Sprintf("%s: checks for a %v matching its existence condition after deployment (not evaluated offline)", strings.ToLower(effect[:1])+effect[1:], details["type"])
	}
	return strings.ToLower(effect)
}

// index of a plan's assignments: built once, then each resource is evaluated against the
// assignments its type can match.
type index struct {
	byType  map[string][]int // lower ARM type -> assignment indexes
	anyType []int
	effects []string
	applies []bool
	params  []map[string]any
	// scopes and notScopes lower-cased, per assignment.
	scopes    []string
	notScopes [][]string
}

// Evaluate evaluates every planned resource against every assignment of the plan whose mode
// and scope apply, and returns the report.
func Evaluate(doc *plan.Document) (plan.AzurePolicyReport, error) {
	as, err := AssignmentsOf(doc)
	if err != nil {
		return plan.AzurePolicyReport{}, err
	}
	return EvaluateWith(doc, as), nil
}

// EvaluateWith evaluates doc's resources against the given assignments (e.g. Governance's
// assignments planned separately, for fixtures that have none).
func EvaluateWith(doc *plan.Document, as []*Assignment) plan.AzurePolicyReport {
	e := &index{byType: map[string][]int{}}
	rep := plan.AzurePolicyReport{Evaluated: true, Assignments: []plan.AzureAssignment{}, Verdicts: []plan.AzureVerdict{}}
	for i, a := range as {
		pa := plan.AzureAssignment{Name: a.Name, URN: a.URN, DefinitionID: a.DefinitionID, EnforcementMode: a.EnforcementMode, Scope: a.Scope}
		e.effects = append(e.effects, "")
		e.applies = append(e.applies, false)
		e.params = append(e.params, nil)
		e.scopes = append(e.scopes, strings.ToLower(a.Scope))
		var ns []string
		for _, s := range a.NotScopes {
			ns = append(ns, strings.ToLower(s))
		}
		e.notScopes = append(e.notScopes, ns)
		if a.Definition == nil {
			pa.Status, pa.Note = "definition-not-found", "neither a planned definition nor a vendored built-in (policies/azure/builtin)"
			rep.Assignments = append(rep.Assignments, pa)
			continue
		}
		d := a.Definition
		pa.Definition, pa.DefinitionSource, pa.Mode = d.DisplayName, d.Source, d.Mode
		if !strings.EqualFold(d.Mode, "All") && !strings.EqualFold(d.Mode, "Indexed") {
			// Resource Provider modes (Microsoft.*.Data) are evaluated by the resource
			// provider on its data-plane requests, with their own effects
			// (definition-structure-basics.md, "Resource Provider modes"); a plan of ARM
			// resources has none.
			pa.Status, pa.Note = "not-applicable", "mode "+d.Mode+" is evaluated by the resource provider on data-plane requests, not on ARM resources"
			rep.Assignments = append(rep.Assignments, pa)
			continue
		}
		eff, err := a.Effect()
		pa.Effect = eff
		switch {
		case err != nil:
			pa.Status, pa.Note = "error", "the effect does not resolve: "+err.Error()
		case eff == "Disabled":
			// Disabled is checked first, to decide whether the rule is evaluated at all
			// (effect-basics.md, "Order of evaluation").
			pa.Status, pa.Note = "disabled", "effect Disabled: Azure does not evaluate it"
		default:
			pa.Status = "evaluated"
			e.effects[i], e.applies[i], e.params[i] = eff, true, a.parameters()
			if d.types == nil {
				e.anyType = append(e.anyType, i)
			}
			for _, t := range d.types {
				e.byType[t] = append(e.byType[t], i)
			}
		}
		rep.Assignments = append(rep.Assignments, pa)
	}
	// Only types some definition can match need their ARM body; the others are only counted.
	needsBody := func(armType string) bool { return len(e.anyType) > 0 || len(e.byType[strings.ToLower(armType)]) > 0 }
	resources := make([]*Resource, 0, len(doc.Resources))
	for _, r := range doc.Resources {
		if res, ok := fromPlan(r, needsBody); ok {
			resources = append(resources, res)
		}
	}
	withReadOnlyState(resources, doc)
	for _, r := range resources {
		candidates := e.byType[strings.ToLower(r.Type)]
		if len(e.anyType) > 0 {
			candidates = append(slices.Clone(candidates), e.anyType...)
			slices.Sort(candidates)
		}
		for i, a := range as {
			if !e.applies[i] || !e.covers(i, a, r) {
				continue
			}
			pa := &rep.Assignments[i]
			pa.Resources++
			if _, ok := slices.BinarySearch(candidates, i); !ok {
				pa.Compliant++ // fails the definition's type condition
				continue
			}
			v := a.evaluate(r, e.effects[i], e.params[i])
			switch v.Result {
			case Compliant:
				pa.Compliant++
			case NonCompliant:
				pa.NonCompliant++
			case Errored:
				pa.Errors++
			case Exempt:
				pa.Exempt++
			default:
				pa.Unevaluated++
			}
			rep.Verdicts = append(rep.Verdicts, v)
		}
	}
	return rep
}

// covers: the assignment's mode and scope apply to r.
func (e *index) covers(i int, a *Assignment, r *Resource) bool {
	if strings.EqualFold(a.Definition.Mode, "Indexed") && !r.Indexed {
		// "indexed: only evaluate resource types that support tags and location"
		// (definition-structure-basics.md, "Mode").
		return false
	}
	if !withinLower(r.lowerID, e.scopes[i]) {
		return false
	}
	for _, ns := range e.notScopes[i] {
		if withinLower(r.lowerID, ns) {
			return false
		}
	}
	return true
}

// withReadOnlyState adds the read-only properties Azure reports once the plan is deployed and
// that the plan itself determines: a workspace's privateEndpointConnections, one per planned
// private endpoint that targets it, Approved — endpoints created by someone with rights on
// the target are approved automatically (private-link/private-endpoint-overview.md, "Access
// to a private link resource using approval workflow"). Audit effects report this state;
// without it every workspace would look unreachable over private link.
func withReadOnlyState(resources []*Resource, doc *plan.Document) {
	targets := map[string]int{}
	for _, r := range doc.Resources {
		if plan.Unversioned(r.Type) != tokEndpoint {
			continue
		}
		conns, _ := r.Inputs["privateLinkServiceConnections"].([]any)
		for _, c := range conns {
			if cm, ok := c.(map[string]any); ok {
				if id, ok := cm["privateLinkServiceId"].(string); ok {
					targets[strings.ToLower(id)]++
				}
			}
		}
	}
	for _, r := range resources {
		if r.Type != "Microsoft.MachineLearningServices/workspaces" || r.Body == nil {
			continue
		}
		n := targets[strings.ToLower(r.ID)]
		if n == 0 {
			continue
		}
		props, _ := r.Body["properties"].(map[string]any)
		if props == nil {
			props = map[string]any{}
			r.Body["properties"] = props
		}
		conns := make([]any, n)
		for i := range conns {
			conns[i] = map[string]any{"properties": map[string]any{"privateLinkServiceConnectionState": map[string]any{"status": "Approved"}}}
		}
		props["privateEndpointConnections"] = conns
	}
}

// Apply evaluates doc's own assignments and records the report in doc.AzurePolicy.
func Apply(doc *plan.Document) error {
	rep, err := Evaluate(doc)
	if err != nil {
		return err
	}
	doc.AzurePolicy = rep
	return nil
}
