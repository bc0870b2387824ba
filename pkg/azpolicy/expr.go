package azpolicy

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
)

// EvalError is a failed template function or condition: Azure treats a failed evaluation as
// an implicit deny ("If the result of a template function is an error, policy evaluation
// fails. A failed evaluation is an implicit deny." — MicrosoftDocs/azure-docs
// articles/governance/policy/concepts/definition-structure-policy-rule.md, "Avoiding template
// failures").
type EvalError struct{ Msg string }

func (e *EvalError) Error() string { return e.Msg }

func evalErr(format string, args ...any) error { return &EvalError{Msg: fmt.Sprintf(format, args...)} }

// Unsupported is a construct this evaluator does not implement (a function, an alias, a
// field). It is not Azure's behaviour but a gap here, so it never becomes a deny: the verdict
// says "unevaluated" and names what to add (see the package documentation).
type Unsupported struct{ Msg string }

func (e *Unsupported) Error() string { return e.Msg }

func unsupported(format string, args ...any) error {
	return &Unsupported{Msg: fmt.Sprintf(format, args...)}
}

// Unknown is a value the offline plan cannot know (an output of another resource during
// preview, or a secret): a condition that reads it has no verdict.
type Unknown struct{ What string }

func (u Unknown) Error() string { return u.What + " is not known before deployment" }

// expression AST: a literal, a function call with accessors (.prop, [index]).
type node interface{}

type literal struct{ v any }

type call struct {
	name      string
	args      []node
	accessors []accessor
}

type accessor struct {
	prop  string // .prop
	index node   // [expr]
}

// isExpression reports whether s is an ARM template expression: "[...]", but not "[[...",
// which is the escape for a literal string starting with "[" (ARM template syntax,
// articles/azure-resource-manager/templates/template-expressions.md, "Escape characters").
func isExpression(s string) bool {
	return len(s) >= 2 && s[0] == '[' && s[len(s)-1] == ']' && !strings.HasPrefix(s, "[[")
}

// literalString unescapes "[[x]" to "[x]".
func literalString(s string) string {
	if strings.HasPrefix(s, "[[") {
		return s[1:]
	}
	return s
}

// parseExpression parses the inside of "[...]".
func parseExpression(src string) (node, error) {
	p := &parser{s: src}
	n, err := p.expr()
	if err != nil {
		return nil, err
	}
	p.ws()
	if p.i != len(p.s) {
		return nil, evalErr("expression %q: unexpected %q at %d", src, p.s[p.i:], p.i)
	}
	return n, nil
}

type parser struct {
	s string
	i int
}

func (p *parser) ws() {
	for p.i < len(p.s) && unicode.IsSpace(rune(p.s[p.i])) {
		p.i++
	}
}

func (p *parser) expr() (node, error) {
	p.ws()
	if p.i >= len(p.s) {
		return nil, evalErr("expression %q ends early", p.s)
	}
	c := p.s[p.i]
	switch {
	case c == '\'':
		p.i++
		var b strings.Builder
		for {
			if p.i >= len(p.s) {
				return nil, evalErr("expression %q: unterminated string", p.s)
			}
			if p.s[p.i] == '\'' {
				// '' is an escaped quote inside a string literal.
				if p.i+1 < len(p.s) && p.s[p.i+1] == '\'' {
					b.WriteByte('\'')
					p.i += 2
					continue
				}
				p.i++
				break
			}
			b.WriteByte(p.s[p.i])
			p.i++
		}
		return literal{b.String()}, nil
	case c == '-' || (c >= '0' && c <= '9'):
		start := p.i
		p.i++
		for p.i < len(p.s) && (p.s[p.i] >= '0' && p.s[p.i] <= '9' || p.s[p.i] == '.') {
			p.i++
		}
		f, err := strconv.ParseFloat(p.s[start:p.i], 64)
		if err != nil {
			return nil, evalErr("expression %q: bad number %q", p.s, p.s[start:p.i])
		}
		return literal{f}, nil
	case unicode.IsLetter(rune(c)):
		start := p.i
		for p.i < len(p.s) && (unicode.IsLetter(rune(p.s[p.i])) || unicode.IsDigit(rune(p.s[p.i])) || p.s[p.i] == '_') {
			p.i++
		}
		name := p.s[start:p.i]
		p.ws()
		if p.i >= len(p.s) || p.s[p.i] != '(' {
			return nil, evalErr("expression %q: %s is not a function call", p.s, name)
		}
		p.i++
		cl := call{name: strings.ToLower(name)}
		p.ws()
		if p.i < len(p.s) && p.s[p.i] == ')' {
			p.i++
		} else {
			for {
				a, err := p.expr()
				if err != nil {
					return nil, err
				}
				cl.args = append(cl.args, a)
				p.ws()
				if p.i >= len(p.s) {
					return nil, evalErr("expression %q: unclosed call of %s", p.s, name)
				}
				if p.s[p.i] == ',' {
					p.i++
					continue
				}
				if p.s[p.i] == ')' {
					p.i++
					break
				}
				return nil, evalErr("expression %q: unexpected %q in call of %s", p.s, p.s[p.i], name)
			}
		}
		for {
			p.ws()
			if p.i < len(p.s) && p.s[p.i] == '.' {
				p.i++
				start := p.i
				for p.i < len(p.s) && (unicode.IsLetter(rune(p.s[p.i])) || unicode.IsDigit(rune(p.s[p.i])) || p.s[p.i] == '_') {
					p.i++
				}
				cl.accessors = append(cl.accessors, accessor{prop: p.s[start:p.i]})
				continue
			}
			if p.i < len(p.s) && p.s[p.i] == '[' {
				p.i++
				idx, err := p.expr()
				if err != nil {
					return nil, err
				}
				p.ws()
				if p.i >= len(p.s) || p.s[p.i] != ']' {
					return nil, evalErr("expression %q: unclosed [", p.s)
				}
				p.i++
				cl.accessors = append(cl.accessors, accessor{index: idx})
				continue
			}
			break
		}
		return cl, nil
	}
	return nil, evalErr("expression %q: unexpected %q", p.s, c)
}

// scope is what an expression can see: the resource, the assignment's parameters, and the
// array members a count expression enumerates.
type scope struct {
	res    *Resource
	params map[string]any
	// fieldBindings: lower-cased array alias (ending in [*]) -> the member being enumerated.
	fieldBindings map[string]any
	// valueBindings: count.name -> current member; "" is the innermost unnamed one.
	valueBindings map[string]any
	policy        map[string]any
	// reads records what field() returned, to explain a failed expression.
	reads *[]Trace
}

func (s *scope) withField(alias string, member any) *scope {
	n := *s
	n.fieldBindings = map[string]any{}
	for k, v := range s.fieldBindings {
		n.fieldBindings[k] = v
	}
	n.fieldBindings[strings.ToLower(alias)] = member
	n.valueBindings = withBinding(s.valueBindings, strings.ToLower(alias), member)
	return &n
}

func (s *scope) withValue(name string, member any) *scope {
	n := *s
	n.valueBindings = withBinding(s.valueBindings, strings.ToLower(name), member)
	return &n
}

func withBinding(m map[string]any, k string, v any) map[string]any {
	out := make(map[string]any, len(m)+2)
	for a, b := range m {
		out[a] = b
	}
	out[k] = v
	out[""] = v
	return out
}

// evalValue evaluates a condition operand or value: expressions are evaluated, "[[" literals
// unescaped, anything else returned as is.
func (s *scope) evalValue(v any) (any, error) {
	str, ok := v.(string)
	if !ok {
		return v, nil
	}
	if !isExpression(str) {
		return literalString(str), nil
	}
	n, err := parseCached(str[1 : len(str)-1])
	if err != nil {
		return nil, err
	}
	return s.eval(n)
}

func (s *scope) eval(n node) (any, error) {
	switch n := n.(type) {
	case literal:
		return n.v, nil
	case call:
		f, ok := functions[n.name]
		if !ok {
			return nil, unsupported("template function %s() is not implemented by pkg/azpolicy", n.name)
		}
		v, err := f(s, n.args)
		if err != nil {
			return nil, err
		}
		for _, a := range n.accessors {
			if v, err = s.access(v, a); err != nil {
				return nil, err
			}
		}
		return v, nil
	}
	return nil, evalErr("bad expression node %T", n)
}

func (s *scope) access(v any, a accessor) (any, error) {
	if _, unk := v.(Unknown); unk {
		return v, nil
	}
	if a.index == nil {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, evalErr("cannot read property %q of %s", a.prop, describe(v))
		}
		if x, ok := lookupKey(m, a.prop); ok {
			return x, nil
		}
		return nil, evalErr("the object has no property %q", a.prop)
	}
	idx, err := s.eval(a.index)
	if err != nil {
		return nil, err
	}
	switch c := v.(type) {
	case []any:
		i, ok := idx.(float64)
		if !ok || i != math.Trunc(i) || i < 0 || int(i) >= len(c) {
			return nil, evalErr("index %v is out of range of an array of %d", idx, len(c))
		}
		return c[int(i)], nil
	case map[string]any:
		k, ok := idx.(string)
		if !ok {
			return nil, evalErr("an object is indexed by a string, not %s", describe(idx))
		}
		if x, ok := lookupKey(c, k); ok {
			return x, nil
		}
		return nil, evalErr("the object has no property %q", k)
	}
	return nil, evalErr("cannot index %s", describe(v))
}

// lookupKey finds a property by name; ARM property names are case-insensitive, so an exact
// match wins and a case-insensitive one is accepted.
func lookupKey(m map[string]any, k string) (any, bool) {
	if v, ok := m[k]; ok {
		return v, true
	}
	for mk, v := range m {
		if strings.EqualFold(mk, k) {
			return v, true
		}
	}
	return nil, false
}

func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return fmt.Sprintf("the string %q", x)
	case float64:
		return "the number " + formatNumber(x)
	case bool:
		return fmt.Sprintf("the boolean %t", x)
	case []any:
		return fmt.Sprintf("an array of %d", len(x))
	case map[string]any:
		return "an object"
	case Unknown:
		return "an unknown value"
	}
	return fmt.Sprintf("%T", v)
}

func formatNumber(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// Render shows a value as JSON, the way verdicts quote values.
func Render(v any) string {
	switch v.(type) {
	case Unknown:
		return "[unknown]"
	case nil:
		return "null"
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// fn is a template function. Arguments arrive unevaluated so that if() evaluates only the
// branch it takes.
type fn func(s *scope, args []node) (any, error)

// strict evaluates every argument first, checking the count.
func strict(name string, minArgs, maxArgs int, f func(args []any) (any, error)) fn {
	return func(s *scope, nodes []node) (any, error) {
		if len(nodes) < minArgs || (maxArgs >= 0 && len(nodes) > maxArgs) {
			return nil, evalErr("%s() takes %s arguments, not %d", name, arity(minArgs, maxArgs), len(nodes))
		}
		args := make([]any, len(nodes))
		for i, n := range nodes {
			v, err := s.eval(n)
			if err != nil {
				return nil, err
			}
			if u, ok := v.(Unknown); ok {
				return u, nil
			}
			args[i] = v
		}
		return f(args)
	}
}

func arity(minArgs, maxArgs int) string {
	switch {
	case minArgs == maxArgs:
		return strconv.Itoa(minArgs)
	case maxArgs < 0:
		return fmt.Sprintf("%d or more", minArgs)
	}
	return fmt.Sprintf("%d to %d", minArgs, maxArgs)
}

func argString(fname string, i int, v any) (string, error) {
	s, ok := v.(string)
	if !ok {
		return "", evalErr("%s(): argument %d must be a string, not %s", fname, i+1, describe(v))
	}
	return s, nil
}

func argInt(fname string, i int, v any) (int, error) {
	f, ok := v.(float64)
	if !ok || f != math.Trunc(f) {
		return 0, evalErr("%s(): argument %d must be an integer, not %s", fname, i+1, describe(v))
	}
	return int(f), nil
}

func argBool(fname string, i int, v any) (bool, error) {
	b, ok := v.(bool)
	if !ok {
		return false, evalErr("%s(): argument %d must be a boolean, not %s", fname, i+1, describe(v))
	}
	return b, nil
}

// functions are the ARM template functions the deployed definitions call, plus the policy-only
// field(), current() and policy(). Semantics follow MicrosoftDocs/azure-docs
// articles/azure-resource-manager/templates/template-functions-{string,array,comparison,
// logical,numeric,object}.md; policy-only functions follow
// articles/governance/policy/concepts/definition-structure-policy-rule.md ("Policy functions").
var functions map[string]fn

func init() {
	functions = map[string]fn{
		// field(alias): the value of a field of the evaluated resource; a missing property is
		// "" and a [*] alias an array of the selected values (author-policies-for-arrays.md,
		// "Referencing array resource properties", the field() table).
		"field": func(s *scope, args []node) (any, error) {
			if len(args) != 1 {
				return nil, evalErr("field() takes 1 argument, not %d", len(args))
			}
			v, err := s.eval(args[0])
			if err != nil {
				return nil, err
			}
			name, err := argString("field", 0, v)
			if err != nil {
				return nil, err
			}
			sel, err := s.selectField(name)
			if err != nil {
				return nil, err
			}
			if s.reads != nil {
				var shown []string
				for _, x := range sel.values {
					shown = append(shown, Render(x.v))
				}
				*s.reads = append(*s.reads, Trace{Field: name, Path: sel.path, Value: strings.Join(shown, ", ")})
			}
			if sel.collection {
				out := make([]any, 0, len(sel.values))
				for _, x := range sel.values {
					if x.found {
						out = append(out, x.v)
					}
				}
				return out, nil
			}
			if !sel.values[0].found || sel.values[0].v == nil {
				return "", nil
			}
			return sel.values[0].v, nil
		},
		"parameters": strict("parameters", 1, 1, nil),
		// current(name) / current(): the member a count expression enumerates.
		"current": func(s *scope, args []node) (any, error) {
			name := ""
			if len(args) > 1 {
				return nil, evalErr("current() takes 0 or 1 arguments")
			}
			if len(args) == 1 {
				v, err := s.eval(args[0])
				if err != nil {
					return nil, err
				}
				if name, err = argString("current", 0, v); err != nil {
					return nil, err
				}
			}
			v, ok := s.valueBindings[strings.ToLower(name)]
			if !ok {
				// current('<alias of a property of the array member>'): the alias, read with
				// the enumerated member in place of its array.
				if len(s.fieldBindings) > 0 && strings.Contains(name, "[*]") {
					sel, err := s.selectField(name)
					if err != nil {
						return nil, err
					}
					if len(sel.values) == 1 && sel.values[0].found {
						return sel.values[0].v, nil
					}
					return nil, nil
				}
				return nil, evalErr("current(%q) is used outside a count expression that defines it", name)
			}
			return v, nil
		},
		"policy": strict("policy", 0, 0, nil),
		// if(condition, true, false) evaluates only the branch it takes: the documented way to
		// avoid template failures relies on it (definition-structure-policy-rule.md).
		"if": func(s *scope, args []node) (any, error) {
			if len(args) != 3 {
				return nil, evalErr("if() takes 3 arguments, not %d", len(args))
			}
			c, err := s.eval(args[0])
			if err != nil {
				return nil, err
			}
			if u, ok := c.(Unknown); ok {
				return u, nil
			}
			b, err := argBool("if", 0, c)
			if err != nil {
				return nil, err
			}
			if b {
				return s.eval(args[1])
			}
			return s.eval(args[2])
		},
		"and": strict("and", 2, -1, func(a []any) (any, error) {
			for i, v := range a {
				b, err := argBool("and", i, v)
				if err != nil || !b {
					return false, err
				}
			}
			return true, nil
		}),
		"or": strict("or", 2, -1, func(a []any) (any, error) {
			for i, v := range a {
				b, err := argBool("or", i, v)
				if err != nil {
					return nil, err
				}
				if b {
					return true, nil
				}
			}
			return false, nil
		}),
		"not": strict("not", 1, 1, func(a []any) (any, error) {
			b, err := argBool("not", 0, a[0])
			return !b, err
		}),
		"true":  strict("true", 0, 0, func([]any) (any, error) { return true, nil }),
		"false": strict("false", 0, 0, func([]any) (any, error) { return false, nil }),
		"null":  strict("null", 0, 0, func([]any) (any, error) { return nil, nil }),
		"bool": strict("bool", 1, 1, func(a []any) (any, error) {
			switch x := a[0].(type) {
			case bool:
				return x, nil
			case string:
				switch strings.ToLower(x) {
				case "true":
					return true, nil
				case "false":
					return false, nil
				}
			case float64:
				return x != 0, nil
			}
			return nil, evalErr("bool(): cannot convert %s", describe(a[0]))
		}),
		// int(): a string that is not an integer is an error — int('') is the failure the ALZ
		// Scale rule hits on "PT15M" (template-functions-numeric.md, int).
		"int": strict("int", 1, 1, func(a []any) (any, error) {
			switch x := a[0].(type) {
			case float64:
				return math.Trunc(x), nil
			case string:
				n, err := strconv.ParseInt(strings.TrimSpace(x), 10, 64)
				if err != nil {
					return nil, evalErr("int(%q): the string is not an integer", x)
				}
				return float64(n), nil
			}
			return nil, evalErr("int(): cannot convert %s", describe(a[0]))
		}),
		"string": strict("string", 1, 1, func(a []any) (any, error) {
			switch x := a[0].(type) {
			case string:
				return x, nil
			case float64:
				return formatNumber(x), nil
			case bool:
				// ARM renders booleans as "True"/"False" (.NET); comparisons are
				// case-insensitive, so this only shows in concatenations.
				if x {
					return "True", nil
				}
				return "False", nil
			case nil:
				return "", nil
			}
			b, _ := json.Marshal(a[0])
			return string(b), nil
		}),
		"concat": strict("concat", 1, -1, func(a []any) (any, error) {
			if _, isArr := a[0].([]any); isArr {
				var out []any
				for i, v := range a {
					arr, ok := v.([]any)
					if !ok {
						return nil, evalErr("concat(): argument %d must be an array like the first, not %s", i+1, describe(v))
					}
					out = append(out, arr...)
				}
				if out == nil {
					out = []any{}
				}
				return out, nil
			}
			var b strings.Builder
			for _, v := range a {
				switch x := v.(type) {
				case string:
					b.WriteString(x)
				case float64:
					b.WriteString(formatNumber(x))
				case bool:
					b.WriteString(strconv.FormatBool(x))
				case nil:
				default:
					return nil, evalErr("concat(): cannot concatenate %s to a string", describe(v))
				}
			}
			return b.String(), nil
		}),
		"split": strict("split", 2, 2, func(a []any) (any, error) {
			s, err := argString("split", 0, a[0])
			if err != nil {
				return nil, err
			}
			var seps []string
			switch d := a[1].(type) {
			case string:
				seps = []string{d}
			case []any:
				for i, x := range d {
					sx, err := argString("split", i, x)
					if err != nil {
						return nil, err
					}
					seps = append(seps, sx)
				}
			default:
				return nil, evalErr("split(): the delimiter must be a string or an array of strings, not %s", describe(a[1]))
			}
			parts := []string{s}
			for _, sep := range seps {
				if sep == "" {
					continue
				}
				var next []string
				for _, p := range parts {
					next = append(next, strings.Split(p, sep)...)
				}
				parts = next
			}
			out := make([]any, len(parts))
			for i, p := range parts {
				out[i] = p
			}
			return out, nil
		}),
		// replace() is case-sensitive (ordinal), like .NET String.Replace.
		"replace": strict("replace", 3, 3, func(a []any) (any, error) {
			var s [3]string
			for i := range s {
				x, err := argString("replace", i, a[i])
				if err != nil {
					return nil, err
				}
				s[i] = x
			}
			if s[1] == "" {
				return nil, evalErr("replace(): the string to replace cannot be empty")
			}
			return strings.ReplaceAll(s[0], s[1], s[2]), nil
		}),
		"tolower": strict("toLower", 1, 1, func(a []any) (any, error) {
			s, err := argString("toLower", 0, a[0])
			return strings.ToLower(s), err
		}),
		"toupper": strict("toUpper", 1, 1, func(a []any) (any, error) {
			s, err := argString("toUpper", 0, a[0])
			return strings.ToUpper(s), err
		}),
		"trim": strict("trim", 1, 1, func(a []any) (any, error) {
			s, err := argString("trim", 0, a[0])
			return strings.TrimSpace(s), err
		}),
		"substring": strict("substring", 2, 3, func(a []any) (any, error) {
			s, err := argString("substring", 0, a[0])
			if err != nil {
				return nil, err
			}
			start, err := argInt("substring", 1, a[1])
			if err != nil {
				return nil, err
			}
			n := len(s) - start
			if len(a) == 3 {
				if n, err = argInt("substring", 2, a[2]); err != nil {
					return nil, err
				}
			}
			// "If the ... parameters are out of range, the function fails" — the documented
			// example of a template failure (definition-structure-policy-rule.md).
			if start < 0 || n < 0 || start+n > len(s) {
				return nil, evalErr("substring(%q, %d, %d): out of range", s, start, n)
			}
			return s[start : start+n], nil
		}),
		"startswith": strict("startsWith", 2, 2, func(a []any) (any, error) {
			s, err1 := argString("startsWith", 0, a[0])
			p, err2 := argString("startsWith", 1, a[1])
			return strings.HasPrefix(strings.ToLower(s), strings.ToLower(p)), errors.Join(err1, err2)
		}),
		"endswith": strict("endsWith", 2, 2, func(a []any) (any, error) {
			s, err1 := argString("endsWith", 0, a[0])
			p, err2 := argString("endsWith", 1, a[1])
			return strings.HasSuffix(strings.ToLower(s), strings.ToLower(p)), errors.Join(err1, err2)
		}),
		"first": strict("first", 1, 1, func(a []any) (any, error) {
			switch x := a[0].(type) {
			case string:
				if x == "" {
					return "", nil
				}
				return x[:1], nil
			case []any:
				if len(x) == 0 {
					return nil, nil
				}
				return x[0], nil
			}
			return nil, evalErr("first(): needs a string or an array, not %s", describe(a[0]))
		}),
		"last": strict("last", 1, 1, func(a []any) (any, error) {
			switch x := a[0].(type) {
			case string:
				if x == "" {
					return "", nil
				}
				return x[len(x)-1:], nil
			case []any:
				if len(x) == 0 {
					return nil, nil
				}
				return x[len(x)-1], nil
			}
			return nil, evalErr("last(): needs a string or an array, not %s", describe(a[0]))
		}),
		"take": strict("take", 2, 2, func(a []any) (any, error) { return takeSkip("take", a, true) }),
		"skip": strict("skip", 2, 2, func(a []any) (any, error) { return takeSkip("skip", a, false) }),
		"length": strict("length", 1, 1, func(a []any) (any, error) {
			switch x := a[0].(type) {
			case string:
				return float64(len([]rune(x))), nil
			case []any:
				return float64(len(x)), nil
			case map[string]any:
				return float64(len(x)), nil
			}
			return nil, evalErr("length(): needs a string, an array or an object, not %s", describe(a[0]))
		}),
		"empty": strict("empty", 1, 1, func(a []any) (any, error) {
			switch x := a[0].(type) {
			case nil:
				return true, nil
			case string:
				return x == "", nil
			case []any:
				return len(x) == 0, nil
			case map[string]any:
				return len(x) == 0, nil
			}
			return nil, evalErr("empty(): needs a string, an array or an object, not %s", describe(a[0]))
		}),
		// contains(): case-sensitive for strings and array members; object keys are
		// case-insensitive (template-functions-array.md, contains).
		"contains": strict("contains", 2, 2, func(a []any) (any, error) {
			switch c := a[0].(type) {
			case string:
				item, ok := a[1].(string)
				if !ok {
					item = fmt.Sprint(a[1])
				}
				return strings.Contains(c, item), nil
			case []any:
				for _, x := range c {
					if jsonEqual(x, a[1]) {
						return true, nil
					}
				}
				return false, nil
			case map[string]any:
				k, ok := a[1].(string)
				if !ok {
					return false, nil
				}
				_, found := lookupKey(c, k)
				return found, nil
			}
			return nil, evalErr("contains(): needs a string, an array or an object, not %s", describe(a[0]))
		}),
		"equals":          strict("equals", 2, 2, func(a []any) (any, error) { return jsonEqual(a[0], a[1]), nil }),
		"less":            compareFn("less", func(c int) bool { return c < 0 }),
		"lessorequals":    compareFn("lessOrEquals", func(c int) bool { return c <= 0 }),
		"greater":         compareFn("greater", func(c int) bool { return c > 0 }),
		"greaterorequals": compareFn("greaterOrEquals", func(c int) bool { return c >= 0 }),
		"coalesce": strict("coalesce", 1, -1, func(a []any) (any, error) {
			for _, v := range a {
				if v != nil {
					return v, nil
				}
			}
			return nil, nil
		}),
		"createarray": strict("createArray", 0, -1, func(a []any) (any, error) { return append([]any{}, a...), nil }),
		"array": strict("array", 1, 1, func(a []any) (any, error) {
			if arr, ok := a[0].([]any); ok {
				return arr, nil
			}
			return []any{a[0]}, nil
		}),
	}
	functions["parameters"] = func(s *scope, args []node) (any, error) {
		if len(args) != 1 {
			return nil, evalErr("parameters() takes 1 argument, not %d", len(args))
		}
		v, err := s.eval(args[0])
		if err != nil {
			return nil, err
		}
		name, err := argString("parameters", 0, v)
		if err != nil {
			return nil, err
		}
		p, ok := lookupKey(s.params, name)
		if !ok {
			return nil, evalErr("parameters(%q): the definition has no such parameter", name)
		}
		return p, nil
	}
	functions["policy"] = func(s *scope, args []node) (any, error) {
		if len(args) != 0 {
			return nil, evalErr("policy() takes no arguments")
		}
		return s.policy, nil
	}
}

func takeSkip(name string, a []any, take bool) (any, error) {
	n, err := argInt(name, 1, a[1])
	if err != nil {
		return nil, err
	}
	clamp := func(l int) int { return max(0, min(n, l)) }
	switch x := a[0].(type) {
	case string:
		k := clamp(len(x))
		if take {
			return x[:k], nil
		}
		return x[k:], nil
	case []any:
		k := clamp(len(x))
		if take {
			return append([]any{}, x[:k]...), nil
		}
		return append([]any{}, x[k:]...), nil
	}
	return nil, evalErr("%s(): needs a string or an array, not %s", name, describe(a[0]))
}

// compareFn: the comparison functions take two integers or two strings; anything else is an
// error. Unlike the policy conditions they compare strings case-sensitively, in culture
// order: greater('A', 'a') is True (template-functions-comparison.md, the greater example).
func compareFn(name string, ok func(int) bool) fn {
	return strict(name, 2, 2, func(a []any) (any, error) {
		x, xs := a[0].(string)
		y, ys := a[1].(string)
		if xs && ys {
			return ok(compareCulture(x, y)), nil
		}
		c, err := compareOrdered(a[0], a[1])
		if err != nil {
			return nil, evalErr("%s(): %v", name, err)
		}
		return ok(c), nil
	})
}

// compareCulture approximates .NET's invariant-culture string order: letters compare
// alphabetically ignoring case, and only when that ties does case decide, lower before upper.
func compareCulture(a, b string) int {
	if c := strings.Compare(strings.ToLower(a), strings.ToLower(b)); c != 0 {
		return c
	}
	ar, br := []rune(a), []rune(b)
	for i := range ar {
		if ar[i] != br[i] {
			if unicode.IsLower(ar[i]) {
				return -1
			}
			return 1
		}
	}
	return 0
}

// compareOrdered compares two numbers, or two strings case-insensitively
// (InvariantCultureIgnoreCase, definition-structure-policy-rule.md "Conditions"); other type
// pairs are an error ("if the property type doesn't match the condition type, an error is
// thrown", ibid.).
func compareOrdered(a, b any) (int, error) {
	switch x := a.(type) {
	case float64:
		if y, ok := b.(float64); ok {
			switch {
			case x < y:
				return -1, nil
			case x > y:
				return 1, nil
			}
			return 0, nil
		}
	case string:
		if y, ok := b.(string); ok {
			return strings.Compare(strings.ToLower(x), strings.ToLower(y)), nil
		}
	}
	return 0, fmt.Errorf("cannot compare %s with %s", describe(a), describe(b))
}

// jsonEqual is exact, type-strict equality (the equals() template function).
func jsonEqual(a, b any) bool {
	switch x := a.(type) {
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !jsonEqual(x[i], y[i]) {
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
			w, ok := y[k]
			if !ok || !jsonEqual(v, w) {
				return false
			}
		}
		return true
	}
	return a == b
}
