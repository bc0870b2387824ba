// Package policy evaluates the Rego policy pack in policies/ over an offline plan, the same
// way Pulumi's OPA analyzer evaluates it during `pulumi preview --policy-pack ./policies`:
// same files, same Rego version, same rule naming (deny_* and violation_* are mandatory,
// warn_* advisory, stack_* rules see the whole stack), same input shape, and policy
// parameters under data.config.<rule>.
package policy

import (
	"context"
	"fmt"
	"io/fs"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage/inmem"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/plan"
	"github.com/azure-mlops/pulumi-azure-mlops/policies"
)

// Enforcement levels.
const (
	Mandatory = "mandatory"
	Advisory  = "advisory"
)

// Rule is one policy of the pack.
type Rule struct {
	// ID is the Rego rule name, which is also the Pulumi policy name.
	ID          string `json:"id"`
	Title       string `json:"title"`
	Enforcement string `json:"enforcement"`
	// Stack rules see every resource at once.
	Stack bool `json:"stack"`
	// Mirrors names the Azure built-in policy or benchmark control the rule mirrors.
	Mirrors string `json:"mirrors"`
	// Fix says how to comply.
	Fix string `json:"fix"`
	// Types are the resource types (without API version) a resource rule can apply to, read
	// from the type guard each of its bodies starts with (is_type("..."), or a helper rule
	// that does); nil when some body has no such guard, i.e. the rule is evaluated for every
	// resource. Evaluate asks each resource only the rules of its type.
	Types []string `json:"-"`
}

// Pack is the compiled policy pack.
type Pack struct {
	Name     string
	Rules    []Rule
	compiler *ast.Compiler
}

var (
	denyPattern      = regexp.MustCompile(`^(deny|violation)(_[a-zA-Z0-9]+)*$`)
	warnPattern      = regexp.MustCompile(`^warn(_[a-zA-Z0-9]+)*$`)
	stackDenyPattern = regexp.MustCompile(`^stack_(deny|violation)(_[a-zA-Z0-9]+)*$`)
	stackWarnPattern = regexp.MustCompile(`^stack_warn(_[a-zA-Z0-9]+)*$`)
)

// Load returns the embedded pack (policies/*.rego), compiled once per process: the files are
// embedded and a Pack is not changed by evaluation, so every plan can share it.
func Load() (*Pack, error) { return loadEmbedded() }

var loadEmbedded = sync.OnceValues(func() (*Pack, error) { return LoadFS(policies.FS) })

// LoadFS compiles the *.rego files at the root of fsys.
func LoadFS(fsys fs.FS) (*Pack, error) {
	names, err := fs.Glob(fsys, "*.rego")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	modules := map[string]string{}
	for _, n := range names {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		modules[n] = string(b)
	}
	compiler, err := ast.CompileModulesWithOpt(modules, ast.CompileOpts{
		EnablePrintStatements: false,
		ParserOptions:         ast.ParserOptions{RegoVersion: ast.RegoV0, ProcessAnnotation: true},
	})
	if err != nil {
		return nil, fmt.Errorf("compiling the policy pack: %w", err)
	}
	p := &Pack{compiler: compiler}
	seen := map[string]bool{}
	for _, n := range names {
		m := compiler.Modules[n]
		pkg := strings.TrimPrefix(m.Package.Path.String(), "data.")
		if p.Name == "" {
			p.Name = pkg
		} else if p.Name != pkg {
			return nil, fmt.Errorf("%s: package %s differs from %s (a pack has one package)", n, pkg, p.Name)
		}
		for _, r := range m.Rules {
			id := r.Head.Name.String()
			if id == "" {
				id = r.Head.Ref().String()
			}
			rule := Rule{ID: id}
			switch {
			case stackDenyPattern.MatchString(id):
				rule.Enforcement, rule.Stack = Mandatory, true
			case stackWarnPattern.MatchString(id):
				rule.Enforcement, rule.Stack = Advisory, true
			case denyPattern.MatchString(id):
				rule.Enforcement = Mandatory
			case warnPattern.MatchString(id):
				rule.Enforcement = Advisory
			default:
				continue
			}
			if seen[id] {
				continue // further bodies of the same rule
			}
			seen[id] = true
			for _, a := range r.Annotations {
				rule.Title = a.Title
				if a.Custom != nil {
					rule.Mirrors, _ = a.Custom["mirrors"].(string)
					rule.Fix, _ = a.Custom["fix"].(string)
				}
			}
			p.Rules = append(p.Rules, rule)
		}
	}
	sort.Slice(p.Rules, func(i, j int) bool { return p.Rules[i].ID < p.Rules[j].ID })
	for i, r := range p.Rules {
		if !r.Stack {
			p.Rules[i].Types = p.guardTypes(ast.MustParseRef("data."+p.Name+"."+r.ID), 0)
		}
	}
	return p, nil
}

// guardTypes returns the types every body of the rules at ref is guarded by, or nil.
func (p *Pack) guardTypes(ref ast.Ref, depth int) []string {
	rules := p.compiler.GetRulesExact(ref)
	if len(rules) == 0 || depth > 3 {
		return nil
	}
	seen := map[string]bool{}
	for _, r := range rules {
		types := p.bodyGuard(r.Body, depth)
		if types == nil {
			return nil
		}
		for _, t := range types {
			seen[t] = true
		}
	}
	return slices.Sorted(maps.Keys(seen))
}

// bodyGuard reads the type guard a rule body starts with: is_type("T"), or a reference to a
// helper rule whose bodies are all guarded (aml_compute, monitoring_endpoint). nil when the
// body starts otherwise.
func (p *Pack) bodyGuard(body ast.Body, depth int) []string {
	if len(body) == 0 {
		return nil
	}
	isType := ast.MustParseRef("data." + p.Name + ".is_type")
	e := body[0]
	if e.Negated || len(e.With) > 0 {
		return nil
	}
	if e.IsCall() && e.Operator().Equal(isType) && len(e.Operands()) == 1 {
		if s, ok := e.Operand(0).Value.(ast.String); ok {
			return []string{string(s)}
		}
		return nil
	}
	if t, ok := e.Terms.(*ast.Term); ok {
		if ref, ok := t.Value.(ast.Ref); ok && ref.HasPrefix(ast.MustParseRef("data."+p.Name)) {
			return p.guardTypes(ref, depth+1)
		}
	}
	return nil
}

// Rule returns a rule by id.
func (p *Pack) Rule(id string) (Rule, bool) {
	for _, r := range p.Rules {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}

// stackResourceValue is a resource as the stack rules see it (an element of the analyzer's
// input.resources: stackInput in input_test.go): its fields (resourceTerms) and its
// dependencies.
func stackResourceValue(r plan.DocResource, kvs [][2]*ast.Term, urns urnTerms) ast.Value {
	obj := ast.NewObject(kvs...)
	obj.Insert(keyDependencies, stringsTerm(r.Dependencies, false, urns))
	pdeps := ast.NullTerm()
	if r.PropertyDependencies != nil {
		o := ast.NewObject()
		for k, v := range r.PropertyDependencies {
			o.Insert(ast.StringTerm(k), stringsTerm(v, true, urns))
		}
		pdeps = ast.NewTerm(o)
	}
	obj.Insert(keyPropertyDependencies, pdeps)
	return obj
}

// stackValue is the stack rules' input as an AST value (the analyzer's shape: stackInput in
// input_test.go), from the resources' stack values (stackResourceValue).
func stackValue(doc *plan.Document, resources []ast.Value) (ast.Object, error) {
	terms := make([]*ast.Term, len(resources))
	for i, v := range resources {
		terms[i] = ast.NewTerm(v)
	}
	outputs, err := ast.InterfaceToValue(doc.Outputs)
	if err != nil {
		return nil, err
	}
	return ast.NewObject(
		[2]*ast.Term{ast.StringTerm("resources"), ast.ArrayTerm(terms...)},
		[2]*ast.Term{ast.StringTerm("outputs"), ast.NewTerm(outputs)},
	), nil
}

// indexKey is the field of the stack input that carries the stack's indexes (withIndex).
// Pulumi's OPA analyzer sends no such field; policies/lib.rego then builds the same indexes
// with comprehensions, which took 80 % of the stack rules' time at 200 projects.
const indexKey = "__index"

// withIndex is the stack input with its indexes added under indexKey: the same objects
// policies/lib.rego's resource_by_urn and resources_of_type build in Rego, built here in one
// pass (TestStackIndexIsTheRegoIndex requires them equal on every stack).
func withIndex(stack ast.Object, doc *plan.Document, urns urnTerms) ast.Object {
	resources := stack.Get(ast.StringTerm("resources")).Value.(*ast.Array)
	byURN := ast.NewObject()
	var types []string
	ofType := map[string][]*ast.Term{}
	for i, r := range doc.Resources {
		term := resources.Elem(i)
		byURN.Insert(urns.term(r.URN), term)
		if t, ok := baseType(r.Type); ok {
			if _, seen := ofType[t]; !seen {
				types = append(types, t)
			}
			ofType[t] = append(ofType[t], term)
		}
	}
	byType := ast.NewObject()
	for _, t := range types {
		byType.Insert(ast.StringTerm(t), ast.ArrayTerm(ofType[t]...))
	}
	index := ast.NewObject(
		[2]*ast.Term{ast.StringTerm("resource_by_urn"), ast.NewTerm(byURN)},
		[2]*ast.Term{ast.StringTerm("resources_of_type"), ast.NewTerm(byType)},
	)
	out := ast.NewObject()
	stack.Foreach(func(k, v *ast.Term) { out.Insert(k, v) })
	out.Insert(ast.StringTerm(indexKey), ast.NewTerm(index))
	return out
}

// baseType is policies/lib.rego's base_type: the type without its API version
// (azure-native:storage/v20230101:StorageAccount -> azure-native:storage:StorageAccount),
// undefined (false) unless the type has three parts.
func baseType(t string) (string, bool) {
	if strings.Count(t, ":") != 2 {
		return "", false
	}
	return plan.Unversioned(t), true
}

// stringsTerm is a []string as ast.InterfaceToValue converts it: a nil slice is [] where it is
// a field of the input object and null where it is a value of a map[string][]string.
func stringsTerm(ss []string, nilIsNull bool, urns urnTerms) *ast.Term {
	if ss == nil && nilIsNull {
		return ast.NullTerm()
	}
	ts := make([]*ast.Term, len(ss))
	for i, s := range ss {
		ts[i] = urns.term(s)
	}
	return ast.ArrayTerm(ts...)
}

// resourceTerms are the fields of a resource's input (the analyzer's shape: resourceInput in
// input_test.go; resourceValue there makes the object), built without converting the property
// bag twice (it appears at the top level and as __properties); the fields that follow the
// properties win over a property of the same name, as in the analyzer's map.
func resourceTerms(r plan.DocResource, urns urnTerms) ([][2]*ast.Term, error) {
	props, err := ast.InterfaceToValue(r.Inputs)
	if err != nil {
		return nil, err
	}
	bag, ok := props.(ast.Object)
	if !ok {
		bag = ast.NewObject()
		props = bag
	}
	opts := ast.NewTerm(ast.NewObject(
		[2]*ast.Term{keyParent, urns.term(r.Parent)},
		[2]*ast.Term{keyProtect, ast.BooleanTerm(r.Protect)},
	))
	kvs := make([][2]*ast.Term, 0, bag.Len()+13)
	bag.Foreach(func(k, v *ast.Term) { kvs = append(kvs, [2]*ast.Term{k, v}) })
	typ, urn, name, propsTerm := ast.StringTerm(r.Type), urns.term(r.URN), ast.StringTerm(r.Name), ast.NewTerm(props)
	kvs = append(kvs,
		[2]*ast.Term{keyType, typ}, [2]*ast.Term{keyURN, urn}, [2]*ast.Term{keyName, name},
		[2]*ast.Term{keyOptions, opts}, [2]*ast.Term{keyProperties, propsTerm},
		[2]*ast.Term{keyTypeMeta, typ}, [2]*ast.Term{keyURNMeta, urn}, [2]*ast.Term{keyNameMeta, name},
		[2]*ast.Term{keyOptionsMeta, opts}, [2]*ast.Term{keyPropertiesMeta, propsTerm},
	)
	if r.ID != "" {
		kvs = append(kvs, [2]*ast.Term{keyID, ast.StringTerm(r.ID)})
	}
	return kvs, nil
}

// The keys of the analyzer's input objects, made once: terms are immutable, and every
// resource's object shares them.
var (
	keyType, keyURN, keyName                 = ast.StringTerm("type"), ast.StringTerm("urn"), ast.StringTerm("name")
	keyOptions, keyProperties                = ast.StringTerm("options"), ast.StringTerm("properties")
	keyTypeMeta, keyURNMeta, keyNameMeta     = ast.StringTerm("__type"), ast.StringTerm("__urn"), ast.StringTerm("__name")
	keyOptionsMeta, keyPropertiesMeta, keyID = ast.StringTerm("__options"), ast.StringTerm("__properties"), ast.StringTerm("__id")
	keyParent, keyProtect                    = ast.StringTerm("parent"), ast.StringTerm("protect")
	keyDependencies, keyPropertyDependencies = ast.StringTerm("dependencies"), ast.StringTerm("propertyDependencies")
)

// urnTerms are the stack's URNs as terms, made once: a resource's urn, its parent and every
// dependency on it refer to the same term. Read-only once built, so safe on every core.
type urnTerms map[string]*ast.Term

func newURNTerms(doc *plan.Document) urnTerms {
	u := make(urnTerms, len(doc.Resources))
	for _, r := range doc.Resources {
		u[r.URN] = ast.StringTerm(r.URN)
	}
	return u
}

// term is s's term: the stack's own when s is one of its URNs.
func (u urnTerms) term(s string) *ast.Term {
	if t, ok := u[s]; ok {
		return t
	}
	return ast.StringTerm(s)
}

// Evaluate runs every rule over doc with the given policy configuration
// (rule id -> parameter -> value, the shape of `pulumi preview --policy-pack-config`) and
// returns the violations, sorted.
func (p *Pack) Evaluate(ctx context.Context, doc *plan.Document, config map[string]map[string]any) ([]plan.Violation, error) {
	data := map[string]any{}
	if len(config) > 0 {
		cfg := map[string]any{}
		for k, v := range config {
			cfg[k] = v
		}
		data["config"] = cfg
	}
	store := inmem.NewFromObject(data)

	// One query per scope returns every rule's messages at once ([rule1, rule2, ...]), so a
	// resource costs one evaluation, not one per rule.
	var resourceRules, stackRules []Rule
	for _, r := range p.Rules {
		if r.Stack {
			stackRules = append(stackRules, r)
		} else {
			resourceRules = append(resourceRules, r)
		}
	}
	prepare := func(rules []Rule) (rego.PreparedEvalQuery, error) {
		refs := make([]string, len(rules))
		for i, r := range rules {
			refs[i] = fmt.Sprintf("data.%s.%s", p.Name, r.ID)
		}
		return rego.New(
			rego.Query("["+strings.Join(refs, ", ")+"]"),
			rego.Compiler(p.compiler),
			rego.Store(store),
			rego.SetRegoVersion(ast.RegoV0),
		).PrepareForEval(ctx)
	}
	// Each resource is asked only the rules that can apply to its type (Rule.Types); one
	// prepared query per type.
	type typed struct {
		rules []Rule
		query rego.PreparedEvalQuery
	}
	byType := map[string]*typed{}
	for _, r := range doc.Resources {
		t := plan.Unversioned(r.Type)
		if _, ok := byType[t]; ok {
			continue
		}
		var rules []Rule
		for _, rule := range resourceRules {
			if rule.Types == nil || slices.Contains(rule.Types, t) {
				rules = append(rules, rule)
			}
		}
		tq := &typed{rules: rules}
		if len(rules) > 0 {
			q, err := prepare(rules)
			if err != nil {
				return nil, err
			}
			tq.query = q
		}
		byType[t] = tq
	}

	// Each resource's input is converted to AST terms once (on every core): they make the
	// resource's own input, when a rule applies to its type, and, with its dependencies
	// added, its element of the stack rules' input.
	values := make([]ast.Value, len(doc.Resources))
	stackValues := make([]ast.Value, len(doc.Resources))
	urns := newURNTerms(doc)
	if err := plan.Parallel(len(doc.Resources), func(i int) error {
		r := doc.Resources[i]
		kvs, err := resourceTerms(r, urns)
		if err != nil {
			return fmt.Errorf("policy input of %s: %w", r.URN, err)
		}
		if len(byType[plan.Unversioned(r.Type)].rules) > 0 {
			values[i] = ast.NewObject(kvs...) // resourceValue in input_test.go
		}
		stackValues[i] = stackResourceValue(r, kvs, urns)
		return nil
	}); err != nil {
		return nil, err
	}

	// The input goes in as an AST value: rego.EvalInput would round-trip it through JSON for
	// every resource.
	eval := func(q rego.PreparedEvalQuery, rules []Rule, value ast.Value, urn string) ([]plan.Violation, error) {
		rs, err := q.Eval(ctx, rego.EvalParsedInput(value))
		if err != nil {
			return nil, fmt.Errorf("evaluating the policy pack for %s: %w", urn, err)
		}
		var out []plan.Violation
		for _, result := range rs {
			for _, expr := range result.Expressions {
				perRule, _ := expr.Value.([]any)
				for i, msgs := range perRule {
					list, _ := msgs.([]any)
					for _, m := range list {
						msg, ok := m.(string)
						if !ok {
							msg = fmt.Sprint(m)
						}
						out = append(out, plan.Violation{Policy: rules[i].ID, Enforcement: rules[i].Enforcement, URN: urn, Message: msg})
					}
				}
			}
		}
		return out, nil
	}

	var violations []plan.Violation
	stackURN := fmt.Sprintf("urn:pulumi:%s::%s::pulumi:pulumi:Stack::%s-%s", doc.Stack, doc.Project, doc.Project, doc.Stack)
	// The stack rules are one evaluation over the whole plan: run it beside the per-resource
	// evaluations rather than before them.
	var stackViolations []plan.Violation
	var stackErr error
	stackDone := make(chan struct{})
	go func() {
		defer close(stackDone)
		if len(stackRules) == 0 {
			return
		}
		q, err := prepare(stackRules)
		if err != nil {
			stackErr = err
			return
		}
		value, err := stackValue(doc, stackValues)
		if err != nil {
			stackErr = fmt.Errorf("policy input of the stack: %w", err)
			return
		}
		stackViolations, stackErr = eval(q, stackRules, withIndex(value, doc, urns), stackURN)
	}()
	if len(resourceRules) > 0 {
		// Resources are independent: evaluate them on every core. A prepared query is safe
		// for concurrent use.
		perResource := make([][]plan.Violation, len(doc.Resources))
		if err := plan.Parallel(len(doc.Resources), func(i int) error {
			r := doc.Resources[i]
			tq := byType[plan.Unversioned(r.Type)]
			if len(tq.rules) == 0 {
				return nil
			}
			var err error
			perResource[i], err = eval(tq.query, tq.rules, values[i], r.URN)
			return err
		}); err != nil {
			return nil, err
		}
		for i := range doc.Resources {
			violations = append(violations, perResource[i]...)
		}
	}
	<-stackDone
	if stackErr != nil {
		return nil, stackErr
	}
	violations = append(violations, stackViolations...)
	sort.Slice(violations, func(i, j int) bool {
		a, b := violations[i], violations[j]
		if a.Policy != b.Policy {
			return a.Policy < b.Policy
		}
		if a.URN != b.URN {
			return a.URN < b.URN
		}
		return a.Message < b.Message
	})
	if violations == nil {
		violations = []plan.Violation{}
	}
	return violations, nil
}

// Apply evaluates the pack over doc and records the result in doc.Policy.
func (p *Pack) Apply(ctx context.Context, doc *plan.Document, config map[string]map[string]any) error {
	v, err := p.Evaluate(ctx, doc, config)
	if err != nil {
		return err
	}
	doc.Policy = plan.PolicyReport{Evaluated: true, Violations: v}
	return nil
}
