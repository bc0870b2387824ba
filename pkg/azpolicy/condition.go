package azpolicy

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"
)

// Trace explains what decided a condition: the field (or value expression) read, the value
// it had, and the operator with its operand. Verdicts quote it.
type Trace struct {
	Field string `json:"field,omitempty"`
	Value string `json:"value,omitempty"`
	Path  string `json:"path,omitempty"`
	// Expression and Computed: a value condition's expression and its result.
	Expression string `json:"expression,omitempty"`
	Computed   string `json:"computed,omitempty"`
	Operator   string `json:"operator"`
	Operand    string `json:"operand"`
	Result     bool   `json:"result"`
}

func (t Trace) String() string {
	var b strings.Builder
	if t.Field != "" {
		b.WriteString(t.Field)
		if t.Path != "" {
			b.WriteString(" (" + t.Path + ")")
		}
		b.WriteString(" = " + t.Value + "; ")
	}
	if t.Expression != "" {
		b.WriteString(t.Expression + " = " + t.Computed + "; ")
	}
	fmt.Fprintf(&b, "%s %s → %t", t.Operator, t.Operand, t.Result)
	return b.String()
}

// outcome of a condition: its truth and the leaf conditions that decided it.
type outcome struct {
	ok     bool
	traces []Trace
}

// operators are the condition operators of definition-structure-policy-rule.md ("Conditions").
var operators = []string{"equals", "notEquals", "like", "notLike", "match", "matchInsensitively", "notMatch",
	"notMatchInsensitively", "contains", "notContains", "in", "notIn", "containsKey", "notContainsKey",
	"less", "lessOrEquals", "greater", "greaterOrEquals", "exists"}

var operatorByLower = func() map[string]string {
	m := map[string]string{}
	for _, o := range operators {
		m[strings.ToLower(o)] = o
	}
	return m
}()

// evalCondition evaluates a policy rule's "if" (or a count's "where").
func (s *scope) evalCondition(c any) (outcome, error) {
	m, ok := c.(map[string]any)
	if !ok {
		return outcome{}, evalErr("a condition must be an object, not %s", describe(c))
	}
	for k, v := range m {
		switch strings.ToLower(k) {
		case "allof":
			return s.evalAll(v, true)
		case "anyof":
			return s.evalAll(v, false)
		case "not":
			o, err := s.evalCondition(v)
			if err != nil {
				return outcome{}, err
			}
			return outcome{ok: !o.ok, traces: o.traces}, nil
		}
	}
	var op, opKey string
	for k := range m {
		if o, ok := operatorByLower[strings.ToLower(k)]; ok {
			if op != "" {
				return outcome{}, evalErr("a condition has two operators (%s, %s)", op, o)
			}
			op, opKey = o, k
		}
	}
	if op == "" {
		return outcome{}, unsupported("condition %s has no operator pkg/azpolicy implements", Render(m))
	}
	operand, err := s.evalValue(m[opKey])
	if err != nil {
		return outcome{}, err
	}
	if _, unk := operand.(Unknown); unk {
		return outcome{}, operand.(Unknown)
	}
	trace := Trace{Operator: op, Operand: Render(operand)}
	if f, ok := lookupKey(m, "field"); ok {
		name, err := s.evalValue(f)
		if err != nil {
			return outcome{}, err
		}
		fieldName, ok := name.(string)
		if !ok {
			return outcome{}, evalErr("field must name a field, not %s", describe(name))
		}
		sel, err := s.selectField(fieldName)
		if err != nil {
			return outcome{}, err
		}
		trace.Field, trace.Path = fieldName, sel.path
		isLocation := strings.EqualFold(fieldName, "location")
		// A field condition over a [*] alias holds when it holds for every selected member
		// (author-policies-for-arrays.md: "the field condition has an implicit 'all of'
		// behavior"); a missing array selects no member.
		result := true
		var shown []string
		for _, x := range sel.values {
			v := x.v
			if !x.found {
				v = nil
			}
			if isLocation {
				v, operand = normalizeLocation(v), normalizeLocation(operand)
			}
			shown = append(shown, Render(v))
			r, err := apply(op, v, x.found, operand)
			if err != nil {
				return outcome{}, fmt.Errorf("%s %s: %w", fieldName, op, err)
			}
			if !r {
				result = false
				break
			}
		}
		trace.Value = strings.Join(shown, ", ")
		if sel.collection {
			trace.Value = "[" + trace.Value + "]"
		}
		trace.Result = result
		return outcome{ok: result, traces: []Trace{trace}}, nil
	}
	if v, ok := lookupKey(m, "value"); ok {
		before := 0
		if s.reads != nil {
			before = len(*s.reads)
		}
		val, err := s.evalValue(v)
		if err != nil {
			return outcome{}, err
		}
		if u, unk := val.(Unknown); unk {
			return outcome{}, u
		}
		trace.Expression, trace.Computed = fmt.Sprint(v), Render(val)
		if s.reads != nil && len(*s.reads) > before {
			// The field the expression read is what decided it.
			last := (*s.reads)[len(*s.reads)-1]
			trace.Field, trace.Path, trace.Value = last.Field, last.Path, last.Value
		}
		r, err := apply(op, val, true, operand)
		if err != nil {
			return outcome{}, fmt.Errorf("value %s %s: %w", Render(v), op, err)
		}
		trace.Result = r
		return outcome{ok: r, traces: []Trace{trace}}, nil
	}
	if cnt, ok := lookupKey(m, "count"); ok {
		n, err := s.evalCount(cnt)
		if err != nil {
			return outcome{}, err
		}
		trace.Expression, trace.Computed = countLabel(cnt), formatNumber(float64(n))
		r, err := apply(op, float64(n), true, operand)
		if err != nil {
			return outcome{}, fmt.Errorf("count %s: %w", op, err)
		}
		trace.Result = r
		return outcome{ok: r, traces: []Trace{trace}}, nil
	}
	return outcome{}, unsupported("condition %s has no field, value or count", Render(m))
}

// evalAll: allOf (all true) or anyOf (one true), left to right, stopping at the first
// deciding member. Azure does not document its evaluation order; short-circuiting left to
// right is the reading under which the documented if() guard pattern is needed only for
// value expressions, and it is what the agreement tests rely on.
func (s *scope) evalAll(v any, all bool) (outcome, error) {
	list, ok := v.([]any)
	if !ok {
		return outcome{}, evalErr("allOf/anyOf needs an array of conditions, not %s", describe(v))
	}
	var traces []Trace
	for _, c := range list {
		o, err := s.evalCondition(c)
		if err != nil {
			return outcome{}, err
		}
		if all && !o.ok {
			return outcome{ok: false, traces: o.traces}, nil
		}
		if !all && o.ok {
			return outcome{ok: true, traces: o.traces}, nil
		}
		traces = append(traces, o.traces...)
	}
	return outcome{ok: all, traces: traces}, nil
}

// evalCount: field count (members of a [*] alias) or value count (members of an array value),
// with an optional where (definition-structure-policy-rule.md, "Count").
func (s *scope) evalCount(c any) (int, error) {
	m, ok := c.(map[string]any)
	if !ok {
		return 0, evalErr("count needs an object, not %s", describe(c))
	}
	where, hasWhere := lookupKey(m, "where")
	if f, ok := lookupKey(m, "field"); ok {
		name, ok := f.(string)
		if !ok || !strings.HasSuffix(name, "[*]") {
			return 0, evalErr("count.field must be an array alias ending in [*], not %s", Render(f))
		}
		sel, err := s.selectField(name)
		if err != nil {
			return 0, err
		}
		n := 0
		for _, x := range sel.values {
			if !x.found {
				continue
			}
			if !hasWhere {
				n++
				continue
			}
			o, err := s.withField(name, x.v).evalCondition(where)
			if err != nil {
				return 0, err
			}
			if o.ok {
				n++
			}
		}
		return n, nil
	}
	if v, ok := lookupKey(m, "value"); ok {
		val, err := s.evalValue(v)
		if err != nil {
			return 0, err
		}
		if u, unk := val.(Unknown); unk {
			return 0, u
		}
		arr, ok := val.([]any)
		if !ok {
			return 0, evalErr("count.value must be an array, not %s", describe(val))
		}
		name, _ := lookupKey(m, "name")
		nameStr, _ := name.(string)
		n := 0
		for _, x := range arr {
			if !hasWhere {
				n++
				continue
			}
			o, err := s.withValue(nameStr, x).evalCondition(where)
			if err != nil {
				return 0, err
			}
			if o.ok {
				n++
			}
		}
		return n, nil
	}
	return 0, evalErr("count needs field or value")
}

// apply evaluates one operator. found is false when the field does not exist.
func apply(op string, v any, found bool, operand any) (bool, error) {
	if _, unk := v.(Unknown); unk {
		return false, v.(Unknown)
	}
	switch op {
	case "exists":
		want, err := truthy(operand)
		if err != nil {
			return false, err
		}
		// A missing property and a null one select the same value, null
		// (author-policies-for-arrays.md: a missing alias selects `null`).
		return (found && v != nil) == want, nil
	case "equals":
		return looseEqual(v, operand), nil
	case "notEquals":
		return !looseEqual(v, operand), nil
	case "in", "notIn":
		arr, ok := operand.([]any)
		if !ok {
			// "With the in and notIn condition, the policy engine expects the type array"
			// (author-policies-for-arrays.md).
			return false, evalErr("%s needs an array, not %s", op, describe(operand))
		}
		in := false
		for _, x := range arr {
			if looseEqual(v, x) {
				in = true
				break
			}
		}
		return in == (op == "in"), nil
	case "like", "notLike":
		pattern, ok := operand.(string)
		if !ok {
			return false, evalErr("%s needs a string pattern, not %s", op, describe(operand))
		}
		str, isStr := scalarString(v)
		return (isStr && like(str, pattern)) == (op == "like"), nil
	case "match", "notMatch", "matchInsensitively", "notMatchInsensitively":
		pattern, ok := operand.(string)
		if !ok {
			return false, evalErr("%s needs a string pattern, not %s", op, describe(operand))
		}
		str, isStr := scalarString(v)
		insensitive := strings.HasSuffix(op, "Insensitively")
		r := isStr && match(str, pattern, insensitive)
		return r == strings.HasPrefix(op, "match"), nil
	case "contains", "notContains":
		var r bool
		switch x := v.(type) {
		case string:
			sub, _ := scalarString(operand)
			r = strings.Contains(strings.ToLower(x), strings.ToLower(sub))
		case []any:
			for _, e := range x {
				if looseEqual(e, operand) {
					r = true
				}
			}
		}
		return r == (op == "contains"), nil
	case "containsKey", "notContainsKey":
		key, _ := scalarString(operand)
		r := false
		if m, ok := v.(map[string]any); ok {
			_, r = lookupKey(m, key)
		}
		return r == (op == "containsKey"), nil
	case "less", "lessOrEquals", "greater", "greaterOrEquals":
		c, err := compareOrdered(v, operand)
		if err != nil {
			return false, evalErr("%s: %v", op, err)
		}
		switch op {
		case "less":
			return c < 0, nil
		case "lessOrEquals":
			return c <= 0, nil
		case "greater":
			return c > 0, nil
		}
		return c >= 0, nil
	}
	return false, unsupported("operator %s is not implemented", op)
}

func truthy(v any) (bool, error) {
	switch x := v.(type) {
	case bool:
		return x, nil
	case string:
		switch strings.ToLower(x) {
		case "true":
			return true, nil
		case "false":
			return false, nil
		}
	}
	return false, evalErr("exists needs true or false, not %s", describe(v))
}

// scalarString renders strings, numbers and booleans as the string Azure compares.
func scalarString(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case float64:
		return formatNumber(x), true
	case bool:
		return strconv.FormatBool(x), true
	}
	return "", false
}

// looseEqual is the equals condition: strings compare case-insensitively ("all other
// conditions that evaluate a stringValue are case-insensitive", definition-structure-policy-
// rule.md); a boolean or a number compares with its string form ("equals": "true" on a
// boolean, as the documented `"value": "[less(length(field('tags')), 3)]", "equals": "true"`
// example does); arrays and objects compare member by member.
func looseEqual(a, b any) bool {
	switch x := a.(type) {
	case nil:
		return b == nil
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !looseEqual(x[i], y[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, v := range x {
			w, ok := lookupKey(y, k)
			if !ok || !looseEqual(v, w) {
				return false
			}
		}
		return true
	}
	if b == nil {
		return false
	}
	if xf, ok := a.(float64); ok {
		if yf, ok := b.(float64); ok {
			return xf == yf
		}
	}
	as, ok1 := scalarString(a)
	bs, ok2 := scalarString(b)
	return ok1 && ok2 && strings.EqualFold(as, bs)
}

// like: `*` matches any run of characters, case-insensitively; everything else is literal
// (definition-structure-policy-rule.md: "you provide a wildcard character (*) in the value").
func like(s, pattern string) bool {
	re := likeCache.get(pattern, func() *regexp.Regexp {
		parts := strings.Split(pattern, "*")
		for i, p := range parts {
			parts[i] = regexp.QuoteMeta(p)
		}
		return regexp.MustCompile("(?is)^" + strings.Join(parts, ".*") + "$")
	})
	return re.MatchString(s)
}

// match: `#` a digit, `?` a letter, `.` any character, anything else itself; whole string;
// case-sensitive unless insensitive (definition-structure-policy-rule.md).
func match(s, pattern string, insensitive bool) bool {
	pr, sr := []rune(pattern), []rune(s)
	if len(pr) != len(sr) {
		return false
	}
	for i, p := range pr {
		c := sr[i]
		switch p {
		case '#':
			if !unicode.IsDigit(c) {
				return false
			}
		case '?':
			if !unicode.IsLetter(c) {
				return false
			}
		case '.':
		default:
			if insensitive {
				if unicode.ToLower(p) != unicode.ToLower(c) {
					return false
				}
			} else if p != c {
				return false
			}
		}
	}
	return true
}

// normalizeLocation: "East US 2" equals "eastus2" for the location field
// (definition-structure-policy-rule.md, "Fields").
func normalizeLocation(v any) any {
	if s, ok := v.(string); ok {
		return strings.ToLower(strings.ReplaceAll(s, " ", ""))
	}
	return v
}

type regexCache struct {
	mu sync.Mutex
	m  map[string]*regexp.Regexp
}

func (c *regexCache) get(k string, build func() *regexp.Regexp) *regexp.Regexp {
	c.mu.Lock()
	defer c.mu.Unlock()
	if re, ok := c.m[k]; ok {
		return re
	}
	if c.m == nil {
		c.m = map[string]*regexp.Regexp{}
	}
	re := build()
	c.m[k] = re
	return re
}

var likeCache regexCache

var parsed sync.Map // expression source -> node

func parseCached(src string) (node, error) {
	if n, ok := parsed.Load(src); ok {
		return n, nil
	}
	n, err := parseExpression(src)
	if err != nil {
		return nil, err
	}
	parsed.Store(src, n)
	return n, nil
}

// isUnsupported / isUnknown classify evaluation failures.
func isUnsupported(err error) bool {
	var u *Unsupported
	return errors.As(err, &u)
}

func isUnknown(err error) bool {
	var u Unknown
	return errors.As(err, &u)
}

// countLabel names a count expression by what it counts: "count(<alias> where ...)".
func countLabel(c any) string {
	m, _ := c.(map[string]any)
	what, _ := lookupKey(m, "field")
	if what == nil {
		what, _ = lookupKey(m, "value")
	}
	label := fmt.Sprint(what)
	if _, ok := what.(string); !ok {
		label = Render(what)
	}
	if w, ok := lookupKey(m, "where"); ok {
		label += " where " + Render(w)
	}
	return "count(" + label + ")"
}
