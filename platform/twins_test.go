package platform

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// twinExceptions are config structs allowed to share fields with a component's args, and why.
var twinExceptions = map[string]string{
	// The policy pack's parameters (policies/*.rego): Governance's args are derived from them
	// through profile.Guardrails, together with the profile's limits.
	"profile.Policy": "policy pack parameters",
}

// structFields maps each struct type declared in dir to its field keys (json or pulumi tag).
func structFields(t *testing.T, dir, pkg string) map[string][]string {
	t.Helper()
	pkgs, err := parser.ParseDir(token.NewFileSet(), dir, func(fi os.FileInfo) bool {
		return !strings.HasSuffix(fi.Name(), "_test.go")
	}, 0)
	require.NoError(t, err)
	out := map[string][]string{}
	for _, p := range pkgs {
		for _, f := range p.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				ts, ok := n.(*ast.TypeSpec)
				if !ok {
					return true
				}
				st, ok := ts.Type.(*ast.StructType)
				if !ok {
					return true
				}
				for _, fld := range st.Fields.List {
					if fld.Tag == nil {
						continue
					}
					tag := reflect.StructTag(strings.Trim(fld.Tag.Value, "`"))
					for _, k := range []string{"json", "pulumi"} {
						if n := strings.Split(tag.Get(k), ",")[0]; n != "" {
							out[pkg+"."+ts.Name.Name] = append(out[pkg+"."+ts.Name.Name], n)
							break
						}
					}
				}
				return true
			})
		}
	}
	return out
}

// TestNoTwinStructs: no struct of the config side (this package, pkg/profile) mirrors a
// component's args: config decodes into the component types themselves. A struct mirrors
// another when three or more of its keys, and half of them, are the other's.
func TestNoTwinStructs(t *testing.T) {
	comps := structFields(t, "../components", "components")
	for k, v := range structFields(t, "../pkg/privatelink", "privatelink") {
		comps[k] = v
	}
	config := structFields(t, ".", "platform")
	for k, v := range structFields(t, "../pkg/profile", "profile") {
		config[k] = v
	}
	require.Contains(t, config, "platform.Config", "the check sees the config structs")
	for name, keys := range config {
		if _, ok := twinExceptions[name]; ok || name == "platform.Config" {
			continue
		}
		for comp, ckeys := range comps {
			shared := 0
			for _, k := range keys {
				for _, c := range ckeys {
					if k == c {
						shared++
						break
					}
				}
			}
			assert.False(t, shared >= 3 && 2*shared >= len(keys),
				"%s mirrors %s (%d of its %d keys): decode config into %s itself", name, comp, shared, len(keys), comp)
		}
	}
}

// TestConfigHoldsComponentTypes: every struct reachable from Config is a component's own
// type (or an explained exception).
func TestConfigHoldsComponentTypes(t *testing.T) {
	seen := map[reflect.Type]bool{}
	var walk func(reflect.Type, string)
	walk = func(ty reflect.Type, path string) {
		for ty.Kind() == reflect.Pointer || ty.Kind() == reflect.Slice || ty.Kind() == reflect.Map {
			ty = ty.Elem()
		}
		if ty.Kind() != reflect.Struct || seen[ty] {
			return
		}
		seen[ty] = true
		name := ty.String()
		pkg := ty.PkgPath()
		isComponent := strings.HasSuffix(pkg, "/components") || strings.HasSuffix(pkg, "/pkg/privatelink")
		if _, ok := twinExceptions[name]; !ok && name != "platform.Config" {
			assert.True(t, isComponent, "%s: config type %s is not a component type", path, name)
		}
		for i := 0; i < ty.NumField(); i++ {
			if f := ty.Field(i); f.IsExported() {
				walk(f.Type, path+"."+f.Name)
			}
		}
	}
	walk(reflect.TypeOf(Config{}), "Config")
	assert.True(t, seen[reflect.TypeOf(Config{}.Projects).Elem()], "projects are MLOpsWorkspaceArgs")
}
