// Package bindingcheck holds the checks every hand-written azure-native binding of this
// repository passes (pkg/azureml, pkg/azureconsumption): its wire names are the ones
// @pulumi/azure-native@2.92.3 declares (testdata/declarations.txt, extracted from the npm
// package's .d.ts files by testdata/extract.sh), every required property is bound, and each
// Args struct mirrors its plain struct. Tests only.
package bindingcheck

import (
	"bufio"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Declarations reads a declarations file: type label -> property -> required. A line is
// "<label> <property>" with a trailing "?" for optional properties; # starts a comment.
func Declarations(t testing.TB, path string) map[string]map[string]bool {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	out := map[string]map[string]bool{}
	s := bufio.NewScanner(f)
	for s.Scan() {
		line := s.Text()
		if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		typ, prop, ok := strings.Cut(line, " ")
		require.True(t, ok, line)
		if out[typ] == nil {
			out[typ] = map[string]bool{}
		}
		out[typ][strings.TrimSuffix(prop, "?")] = !strings.HasSuffix(prop, "?")
	}
	require.NoError(t, s.Err())
	return out
}

// WireNames returns a struct's fields by their pulumi tag (the wire name).
func WireNames(typ reflect.Type) map[string]reflect.StructField {
	out := map[string]reflect.StructField{}
	for i := 0; i < typ.NumField(); i++ {
		f := typ.Field(i)
		if tag := strings.Split(f.Tag.Get("pulumi"), ",")[0]; tag != "" {
			out[tag] = f
		}
	}
	return out
}

// WireNamesAreDeclared checks each binding (label -> a value of the plain struct) against
// decl: every wire name is declared, and, unless the label ends in ".outputs", every required
// property is bound and not as a pointer. A label may carry "#<note>" to check a second struct
// against the same declaration.
func WireNamesAreDeclared(t *testing.T, decl map[string]map[string]bool, bindings map[string]any) {
	t.Helper()
	for label, v := range bindings {
		t.Run(label, func(t *testing.T) {
			props, ok := decl[strings.Split(label, "#")[0]]
			require.True(t, ok, "no declarations for %s; rerun testdata/extract.sh", label)
			fields := WireNames(reflect.TypeOf(v))
			require.NotEmpty(t, fields)
			for wire, f := range fields {
				_, declared := props[wire]
				assert.True(t, declared, "%s.%s (wire name %q) is not declared by azure-native", label, f.Name, wire)
			}
			if strings.HasSuffix(label, ".outputs") {
				return
			}
			for prop, required := range props {
				if !required {
					continue
				}
				f, bound := fields[prop]
				if assert.True(t, bound, "required property %s.%s is not bound", label, prop) {
					assert.NotEqual(t, reflect.Pointer, f.Type.Kind(), "required %s.%s must not be optional here", label, prop)
				}
			}
		})
	}
}

// Pair is an Args struct and the plain struct it stands for: {Args{}, plain{}}.
type Pair [2]any

// ArgsMirrorPlain checks that each Args struct has exactly the plain struct's field names
// (the SDK marshals by field name) and names it as its element type.
func ArgsMirrorPlain(t *testing.T, pairs []Pair) {
	t.Helper()
	for _, p := range pairs {
		at, pt := reflect.TypeOf(p[0]), reflect.TypeOf(p[1])
		var an, pn []string
		for i := 0; i < at.NumField(); i++ {
			an = append(an, at.Field(i).Name)
		}
		for i := 0; i < pt.NumField(); i++ {
			pn = append(pn, pt.Field(i).Name)
		}
		sort.Strings(an)
		sort.Strings(pn)
		assert.Equal(t, pn, an, "%s vs %s", at.Name(), pt.Name())
		assert.Equal(t, pt, p[0].(pulumi.Input).ElementType(), at.Name())
	}
}
