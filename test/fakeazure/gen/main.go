// Command gen extracts, from the npm package @pulumi/azure-native (its TypeScript declarations),
// the input schema of every azure-native resource type the platform registers, into
// test/fakeazure/schema.json. The test double of the azure-native provider checks what the
// engine sends against it, so a property name or type that azure-native 2.92.3 does not
// declare fails `pulumi up` in the real-engine suite as it would against Azure.
//
//	test/fakeazure/extract.sh   (packs the npm package and runs this program)
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/azure-mlops/pulumi-azure-mlops/test/fakeazure/schema"
)

func main() {
	pkg := flag.String("npm", "", "directory of the unpacked @pulumi/azure-native package")
	tokens := flag.String("tokens", "", "file with one resource type token per line")
	version := flag.String("version", "", "package version, recorded in the output")
	flag.Parse()
	toks, err := readLines(*tokens)
	check(err)
	ifaces, err := parseInterfaces(filepath.Join(*pkg, "types", "input.d.ts"), "inputs.")
	check(err)
	out := schema.Schema{Source: "@pulumi/azure-native@" + *version + " TypeScript declarations", Resources: map[string]schema.Object{}, Types: map[string]schema.Object{}}
	var pending []string
	for _, tok := range toks {
		parts := strings.Split(tok, ":")
		res := parts[2]
		file := filepath.Join(*pkg, filepath.FromSlash(parts[1]), lowerFirst(res)+".d.ts")
		mod, err := parseInterfaces(file, "")
		check(err)
		obj, ok := mod[res+"Args"]
		if !ok {
			check(fmt.Errorf("%s: no interface %sArgs in %s", tok, res, file))
		}
		out.Resources[tok] = obj
		pending = append(pending, refs(obj)...)
	}
	for len(pending) > 0 {
		name := pending[0]
		pending = pending[1:]
		if _, done := out.Types[name]; done {
			continue
		}
		obj, ok := ifaces["inputs."+name]
		if !ok {
			check(fmt.Errorf("type %s not found in types/input.d.ts", name))
		}
		out.Types[name] = obj
		pending = append(pending, refs(obj)...)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", " ")
	check(enc.Encode(out))
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func readLines(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out, nil
}

func lowerFirst(s string) string { r := []rune(s); r[0] = unicode.ToLower(r[0]); return string(r) }

var (
	nsLine    = regexp.MustCompile(`^(\s*)(?:export )?(?:declare )?namespace (\w+) \{$`)
	ifaceLine = regexp.MustCompile(`^(\s*)(?:export )?interface (\w+) \{$`)
	propLine  = regexp.MustCompile(`^\s*(\w+)(\??): (.*)$`)
)

// parseInterfaces reads every interface of a declaration file, keyed by its qualified name
// (namespaces joined with dots, prefixed with prefix).
func parseInterfaces(path, prefix string) (map[string]schema.Object, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	type ns struct {
		indent, name string
	}
	var stack []ns
	out := map[string]schema.Object{}
	var cur *schema.Object
	var curIndent, curName, pendingName, pendingType string
	var pendingOpt bool
	depth := 0
	for sc.Scan() {
		line := sc.Text()
		if cur == nil {
			if m := nsLine.FindStringSubmatch(line); m != nil {
				stack = append(stack, ns{m[1], m[2]})
				continue
			}
			if m := ifaceLine.FindStringSubmatch(line); m != nil {
				names := []string{}
				for _, n := range stack {
					names = append(names, n.name)
				}
				curName = prefix + strings.Join(append(names, m[2]), ".")
				curName = strings.TrimPrefix(curName, ".")
				curIndent = m[1]
				cur = &schema.Object{Properties: map[string]schema.Property{}}
				continue
			}
			if len(stack) > 0 && line == stack[len(stack)-1].indent+"}" {
				stack = stack[:len(stack)-1]
			}
			continue
		}
		if pendingName == "" && line == curIndent+"}" {
			out[curName] = *cur
			cur = nil
			continue
		}
		trimmed := strings.TrimSpace(line)
		if pendingName == "" {
			if strings.HasPrefix(trimmed, "/*") || strings.HasPrefix(trimmed, "*") {
				continue
			}
			m := propLine.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			pendingName, pendingOpt, pendingType = m[1], m[2] == "?", m[3]
		} else {
			pendingType += " " + trimmed
		}
		depth = strings.Count(pendingType, "<") + strings.Count(pendingType, "{") - strings.Count(pendingType, ">") - strings.Count(pendingType, "}")
		if depth == 0 && strings.HasSuffix(pendingType, ";") {
			t, err := parseType(strings.TrimSuffix(pendingType, ";"))
			if err != nil {
				return nil, fmt.Errorf("%s.%s: %w", curName, pendingName, err)
			}
			cur.Properties[pendingName] = schema.Property{Type: t, Required: !pendingOpt}
			pendingName, pendingType = "", ""
		}
	}
	return out, sc.Err()
}

// parseType turns a TypeScript type of the generated SDK into a schema type.
func parseType(s string) (*schema.Type, error) {
	s = strings.TrimSpace(s)
	if alts := splitTop(s, '|'); len(alts) > 1 {
		u := &schema.Type{Kind: "union"}
		for _, a := range alts {
			t, err := parseType(a)
			if err != nil {
				return nil, err
			}
			u.Of = append(u.Of, t)
		}
		return simplify(u), nil
	}
	switch {
	case strings.HasPrefix(s, "pulumi.Input<") && strings.HasSuffix(s, ">"):
		return parseType(s[len("pulumi.Input<") : len(s)-1])
	case strings.HasSuffix(s, "[]"):
		el, err := parseType(strings.TrimSuffix(s, "[]"))
		if err != nil {
			return nil, err
		}
		return &schema.Type{Kind: "array", Items: el}, nil
	case strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")"):
		return parseType(s[1 : len(s)-1])
	case strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}"):
		body := strings.TrimSpace(s[1 : len(s)-1])
		if !strings.HasPrefix(body, "[key: string]:") {
			return nil, fmt.Errorf("unsupported object type %q", s)
		}
		el, err := parseType(strings.TrimSuffix(strings.TrimSpace(strings.TrimPrefix(body, "[key: string]:")), ";"))
		if err != nil {
			return nil, err
		}
		return &schema.Type{Kind: "map", Items: el}, nil
	case s == "string" || s == "number" || s == "boolean" || s == "any":
		return &schema.Type{Kind: s}, nil
	case strings.HasPrefix(s, `"`) && strings.HasSuffix(s, `"`):
		return &schema.Type{Kind: "string", Const: strings.Trim(s, `"`)}, nil
	case strings.HasPrefix(s, "enums."):
		// azure-native enums are open: any string is accepted alongside the named values.
		return &schema.Type{Kind: "string"}, nil
	case strings.HasPrefix(s, "inputs."):
		return &schema.Type{Kind: "object", Ref: strings.TrimPrefix(s, "inputs.")}, nil
	}
	return nil, fmt.Errorf("unsupported type %q", s)
}

// simplify folds "string | enums.X" into string.
func simplify(u *schema.Type) *schema.Type {
	kinds := map[string]bool{}
	for _, t := range u.Of {
		kinds[t.Kind+t.Ref+t.Const] = true
	}
	if len(kinds) == 1 || (kinds["string"] && !slices.ContainsFunc(u.Of, func(t *schema.Type) bool { return t.Kind != "string" })) {
		return &schema.Type{Kind: "string"}
	}
	return u
}

// splitTop splits s at sep outside <>, {}, ().
func splitTop(s string, sep rune) []string {
	var out []string
	depth, start := 0, 0
	for i, r := range s {
		switch r {
		case '<', '{', '(':
			depth++
		case '>', '}', ')':
			depth--
		case sep:
			if depth == 0 {
				out = append(out, s[start:i])
				start = i + 1
			}
		}
	}
	return append(out, s[start:])
}

func refs(o schema.Object) []string {
	var out []string
	var walk func(t *schema.Type)
	walk = func(t *schema.Type) {
		if t == nil {
			return
		}
		if t.Ref != "" {
			out = append(out, t.Ref)
		}
		walk(t.Items)
		for _, x := range t.Of {
			walk(x)
		}
	}
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range o.Properties {
			if !yield(k) {
				return
			}
		}
	}) {
		walk(o.Properties[k].Type)
	}
	return out
}
