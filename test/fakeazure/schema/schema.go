// Package schema is the input schema of the azure-native resource types the platform uses, as
// the azure-native SDK declares them (extracted into schema.json by test/fakeazure/gen), and the
// check the azure-native test double applies to what the Pulumi engine sends.
package schema

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/plan"
)

// Schema maps resource type tokens and input type names to their properties.
type Schema struct {
	Source    string            `json:"source"`
	Resources map[string]Object `json:"resources"`
	Types     map[string]Object `json:"types"`
}

// Object is a resource's inputs or an input type.
type Object struct {
	Properties map[string]Property `json:"properties"`
}

// Property is one declared property.
type Property struct {
	Type     *Type `json:"type"`
	Required bool  `json:"required,omitempty"`
}

// Type is a property type: string (optionally one constant), number, boolean, any, array and
// map (of Items), object (Ref names an input type), union (Of).
type Type struct {
	Kind  string  `json:"kind"`
	Const string  `json:"const,omitempty"`
	Ref   string  `json:"ref,omitempty"`
	Items *Type   `json:"items,omitempty"`
	Of    []*Type `json:"of,omitempty"`
}

//go:embed schema.json
var embedded []byte

// Load returns the embedded schema.
func Load() (*Schema, error) {
	var s Schema
	if err := json.Unmarshal(embedded, &s); err != nil {
		return nil, fmt.Errorf("schema.json: %w", err)
	}
	return &s, nil
}

// Failure is one property azure-native would refuse.
type Failure struct {
	Property string
	Reason   string
}

// Check returns what azure-native would refuse in the inputs of a resource of type token.
func (s *Schema) Check(token string, inputs resource.PropertyMap) []Failure {
	obj, ok := s.Resources[token]
	if !ok {
		return []Failure{{Reason: fmt.Sprintf("resource type %s is not in the schema (test/fakeazure/tokens.txt)", token)}}
	}
	return s.object("", obj, inputs)
}

// CheckRecorded checks every custom resource a program registered (a plan recording) and
// returns how many it checked and one line per refusal: "name (type): property: reason".
func (s *Schema) CheckRecorded(rs []plan.Resource) (checked int, refusals []string) {
	for _, r := range rs {
		if !r.Custom {
			continue
		}
		checked++
		for _, f := range s.Check(r.Type, r.Inputs) {
			refusals = append(refusals, fmt.Sprintf("%s (%s): %s: %s", r.Name, r.Type, f.Property, f.Reason))
		}
	}
	return checked, refusals
}

func (s *Schema) object(path string, obj Object, m resource.PropertyMap) []Failure {
	var out []Failure
	for _, k := range slices.Sorted(maps.Keys(m)) {
		p, ok := obj.Properties[string(k)]
		if !ok {
			out = append(out, Failure{join(path, string(k)), fmt.Sprintf("unknown property (azure-native declares: %s)", strings.Join(slices.Sorted(maps.Keys(obj.Properties)), ", "))})
			continue
		}
		out = append(out, s.value(join(path, string(k)), p.Type, m[k])...)
	}
	for _, k := range slices.Sorted(maps.Keys(obj.Properties)) {
		if obj.Properties[k].Required {
			if v, ok := m[resource.PropertyKey(k)]; !ok || v.IsNull() {
				out = append(out, Failure{join(path, k), "missing required property"})
			}
		}
	}
	return out
}

func (s *Schema) value(path string, t *Type, v resource.PropertyValue) []Failure {
	for v.IsSecret() {
		v = v.SecretValue().Element
	}
	if v.IsOutput() {
		if !v.OutputValue().Known {
			return nil
		}
		v = v.OutputValue().Element
	}
	if v.IsComputed() || v.IsNull() || t.Kind == "any" {
		return nil
	}
	bad := func(want string) []Failure {
		return []Failure{{path, fmt.Sprintf("must be %s, not %s", want, v.TypeString())}}
	}
	switch t.Kind {
	case "string":
		if !v.IsString() {
			return bad("a string")
		}
		if t.Const != "" && v.StringValue() != t.Const {
			return []Failure{{path, fmt.Sprintf("must be %q, not %q", t.Const, v.StringValue())}}
		}
	case "number":
		if !v.IsNumber() {
			return bad("a number")
		}
	case "boolean":
		if !v.IsBool() {
			return bad("a boolean")
		}
	case "array":
		if !v.IsArray() {
			return bad("an array")
		}
		var out []Failure
		for i, e := range v.ArrayValue() {
			out = append(out, s.value(fmt.Sprintf("%s[%d]", path, i), t.Items, e)...)
		}
		return out
	case "map":
		if !v.IsObject() {
			return bad("a map")
		}
		var out []Failure
		m := v.ObjectValue()
		for _, k := range slices.Sorted(maps.Keys(m)) {
			out = append(out, s.value(join(path, string(k)), t.Items, m[k])...)
		}
		return out
	case "object":
		if !v.IsObject() {
			return bad("an object (" + t.Ref + ")")
		}
		obj, ok := s.Types[t.Ref]
		if !ok {
			return []Failure{{path, "type " + t.Ref + " is not in the schema"}}
		}
		return s.object(path, obj, v.ObjectValue())
	case "union":
		// A discriminated union (e.g. compute properties): the value must fit one alternative;
		// report the alternative it fits best.
		var best []Failure
		for i, alt := range t.Of {
			f := s.value(path, alt, v)
			if len(f) == 0 {
				return nil
			}
			if i == 0 || len(f) < len(best) {
				best = f
			}
		}
		return best
	default:
		return []Failure{{path, "schema type " + t.Kind + " is not supported"}}
	}
	return nil
}

func join(path, k string) string {
	if path == "" {
		return k
	}
	return path + "." + k
}
