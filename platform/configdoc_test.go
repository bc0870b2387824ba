package platform

import (
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/profile"
)

// Pulumi.yaml's config block and the README's configuration reference are generated from
// Config and the component types it holds (their doc comments, tags and Go types), so a new
// field is documented by the edit that adds it. `make docs` rewrites them.

var update = flag.Bool("update", false, "rewrite generated files")

const module = "github.com/azure-mlops/pulumi-azure-mlops"

// fieldDocs returns the doc comments of type t's fields by Go field name, read from its
// package's source.
var docCache = map[string]map[string]map[string]string{}

func fieldDocs(t *testing.T, ty reflect.Type) map[string]string {
	t.Helper()
	pkg := ty.PkgPath()
	if docCache[pkg] == nil {
		dir := filepath.Join("..", strings.TrimPrefix(strings.TrimPrefix(pkg, module), "/"))
		pkgs, err := parser.ParseDir(token.NewFileSet(), dir, func(fi os.FileInfo) bool {
			return !strings.HasSuffix(fi.Name(), "_test.go")
		}, parser.ParseComments)
		require.NoError(t, err)
		types := map[string]map[string]string{}
		for _, p := range pkgs {
			for _, f := range p.Files {
				ast.Inspect(f, func(n ast.Node) bool {
					ts, ok := n.(*ast.TypeSpec)
					if !ok {
						return true
					}
					if st, ok := ts.Type.(*ast.StructType); ok {
						docs := map[string]string{}
						for _, fld := range st.Fields.List {
							for _, name := range fld.Names {
								docs[name.Name] = strings.Join(strings.Fields(fld.Doc.Text()), " ")
							}
						}
						types[ts.Name.Name] = docs
					}
					return true
				})
			}
		}
		docCache[pkg] = types
	}
	return docCache[pkg][ty.Name()]
}

// configField is one config key of a struct, in declaration order.
type configField struct {
	key   string
	field reflect.StructField
}

func configFields(ty reflect.Type, shape profile.Shape) []configField {
	keys := profile.Fields(ty, shape)
	var out []configField
	for i := 0; i < ty.NumField(); i++ {
		for k, f := range keys {
			if f.Index[0] == i {
				out = append(out, configField{k, f})
			}
		}
	}
	return out
}

var (
	stringInputT    = reflect.TypeOf((*pulumi.StringInput)(nil)).Elem()
	stringMapInputT = reflect.TypeOf((*pulumi.StringMapInput)(nil)).Elem()
	stringArrInputT = reflect.TypeOf((*pulumi.StringArrayInput)(nil)).Elem()
)

// typeName is a config value's type as Pulumi.yaml spells it, and its element struct if any.
func typeName(ty reflect.Type) (yamlType, doc string, elem reflect.Type) {
	for ty.Kind() == reflect.Pointer {
		ty = ty.Elem()
	}
	switch {
	case ty == stringInputT || ty.Kind() == reflect.String:
		return "string", "string", nil
	case ty == stringMapInputT:
		return "object", "map of string", nil
	case ty == stringArrInputT:
		return "array", "list of string", nil
	case ty.Kind() == reflect.Int:
		return "integer", "integer", nil
	case ty.Kind() == reflect.Float64:
		return "number", "number", nil
	case ty.Kind() == reflect.Bool:
		return "boolean", "boolean", nil
	case ty.Kind() == reflect.Map:
		_, d, _ := typeName(ty.Elem())
		return "object", "map of " + d, nil
	case ty.Kind() == reflect.Slice:
		_, d, e := typeName(ty.Elem())
		return "array", "list of " + d, e
	case ty.Kind() == reflect.Struct:
		return "object", "object", ty
	}
	panic(fmt.Sprintf("no config type for %s", ty))
}

func quote(s string) string {
	b, err := yaml.Marshal(s)
	if err != nil {
		panic(err)
	}
	return strings.TrimSuffix(string(b), "\n")
}

// pulumiYAMLConfig renders Pulumi.yaml's config block.
func pulumiYAMLConfig(t *testing.T) string {
	ty := reflect.TypeOf(Config{})
	docs := fieldDocs(t, ty)
	var undeclared, required []string
	var b strings.Builder
	for _, cf := range configFields(ty, profile.Shape{}) {
		switch {
		case cf.field.Tag.Get("profile") == "true":
			undeclared = append(undeclared, cf.key)
		case cf.field.Tag.Get("required") == "true":
			required = append(required, cf.key)
		}
	}
	b.WriteString(comment("Generated from platform.Config (go test ./platform -run TestPulumiYAMLIsCurrent -update); do not edit. " +
		"Declared keys: the Pulumi CLI requires every key declared here without a `default` (" +
		strings.Join(required[:len(required)-1], ", ") + " and " + required[len(required)-1] + " are required on purpose). " +
		"Keys whose default comes from the environment profile are deliberately NOT declared, because a static default " +
		"would override the profile: " + strings.Join(undeclared, ", ") + ". They are typed and validated by the program " +
		"(platform.Decode), and documented in the README's configuration reference."))
	b.WriteString("config:\n")
	for _, cf := range configFields(ty, profile.Shape{}) {
		if cf.field.Tag.Get("profile") == "true" {
			continue
		}
		yt, _, elem := typeName(cf.field.Type)
		fmt.Fprintf(&b, "  %s:\n    type: %s\n", cf.key, yt)
		if yt == "array" {
			it, _, _ := typeName(cf.field.Type.Elem())
			fmt.Fprintf(&b, "    items:\n      type: %s\n", it)
		}
		desc := docs[cf.field.Name]
		if elem != nil {
			desc += " Fields: " + fieldList(elem, profile.ShapeOf(cf.field)) + "."
		}
		fmt.Fprintf(&b, "    description: %s\n", quote(desc))
		if d, ok := cf.field.Tag.Lookup("default"); ok {
			if d == "" {
				d = `""`
			}
			fmt.Fprintf(&b, "    default: %s\n", d)
		}
	}
	return b.String()
}

// comment wraps text as a YAML comment of lines up to 100 characters.
func comment(text string) string {
	var b strings.Builder
	line := "#"
	for _, w := range strings.Fields(text) {
		if len(line)+1+len(w) > 100 {
			b.WriteString(line + "\n")
			line = "#"
		}
		line += " " + w
	}
	return b.String() + line + "\n"
}

// fieldList lists a struct's config keys, nested structs' in parentheses.
func fieldList(ty reflect.Type, shape profile.Shape) string {
	var parts []string
	for _, cf := range configFields(ty, shape) {
		p := cf.key
		if _, _, e := typeName(cf.field.Type); e != nil {
			p += " (" + fieldList(e, profile.ShapeOf(cf.field)) + ")"
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, ", ")
}

// configReference renders the README's configuration reference: one row per key path.
func configReference(t *testing.T) string {
	var b strings.Builder
	b.WriteString("| key | type | default | description |\n|---|---|---|---|\n")
	var walk func(ty reflect.Type, shape profile.Shape, prefix string, top bool)
	walk = func(ty reflect.Type, shape profile.Shape, prefix string, top bool) {
		docs := fieldDocs(t, ty)
		for _, cf := range configFields(ty, shape) {
			_, td, elem := typeName(cf.field.Type)
			def := ""
			switch {
			case cf.field.Tag.Get("required") == "true":
				def = "required"
			case cf.field.Tag.Get("profile") == "true":
				def = "profile"
			case slices.Contains(shape.Profile, cf.key) && slices.Contains(Keys(), cf.key):
				def = "stack key or profile"
			case slices.Contains(shape.Profile, cf.key):
				def = "profile"
			case top:
				if d, ok := cf.field.Tag.Lookup("default"); ok && d != "" && d != "{}" {
					def = "`" + d + "`"
				}
			case !top && !optional(cf.field):
				def = "required"
			}
			desc := docs[cf.field.Name]
			if cf.key == "name" && cf.field.Name == "Project" {
				desc = "Project name: the workspace's name and the prefix of its resources."
			}
			desc = strings.ReplaceAll(desc, "|", "\\|")
			fmt.Fprintf(&b, "| `%s%s` | %s | %s | %s |\n", prefix, cf.key, td, def, desc)
			if elem != nil {
				sub := prefix + cf.key
				if cf.field.Type.Kind() == reflect.Slice {
					sub += "[]"
				}
				walk(elem, profile.ShapeOf(cf.field), sub+".", false)
			}
		}
	}
	walk(reflect.TypeOf(Config{}), profile.Shape{}, "", true)
	return b.String()
}

// optional reports whether a nested field may be left out (pulumi "optional", json "omitempty").
func optional(f reflect.StructField) bool {
	return slices.Contains(strings.Split(f.Tag.Get("pulumi"), ",")[1:], "optional") ||
		slices.Contains(strings.Split(f.Tag.Get("json"), ",")[1:], "omitempty")
}

// TestPulumiYAMLIsCurrent: Pulumi.yaml's config block is generated from Config.
func TestPulumiYAMLIsCurrent(t *testing.T) {
	path := filepath.Join("..", "Pulumi.yaml")
	cur, err := os.ReadFile(path)
	require.NoError(t, err)
	head, _, _ := strings.Cut(string(cur), "# Generated from platform.Config")
	if head == string(cur) {
		head, _, _ = strings.Cut(string(cur), "# Declared keys")
	}
	want := head + pulumiYAMLConfig(t)
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(want), 0o644))
		return
	}
	assert.Equal(t, want, string(cur), "Pulumi.yaml's config block is stale: go test ./platform -run TestPulumiYAMLIsCurrent -update")
}

const refBegin, refEnd = "<!-- config-reference: generated by go test ./platform -run TestConfigReferenceIsCurrent -update -->\n", "<!-- config-reference end -->\n"

// TestConfigReferenceIsCurrent: the README's configuration reference is generated from Config.
func TestConfigReferenceIsCurrent(t *testing.T) {
	path := filepath.Join("..", "README.md")
	cur, err := os.ReadFile(path)
	require.NoError(t, err)
	before, rest, ok := strings.Cut(string(cur), refBegin)
	require.True(t, ok, "README.md has no %q marker", strings.TrimSpace(refBegin))
	_, after, ok := strings.Cut(rest, refEnd)
	require.True(t, ok, "README.md has no %q marker", strings.TrimSpace(refEnd))
	want := before + refBegin + configReference(t) + refEnd + after
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(want), 0o644))
		return
	}
	assert.Equal(t, want, string(cur), "README.md's configuration reference is stale: go test ./platform -run TestConfigReferenceIsCurrent -update")
}
