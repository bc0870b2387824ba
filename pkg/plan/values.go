package plan

import (
	"strconv"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// Redaction markers used in plain values (see docs/plan-format.md).
const (
	SecretMarker  = "[secret]"
	UnknownMarker = "[unknown]"
)

// Plain converts a property value to plain JSON-compatible Go values. Secrets become
// SecretMarker and unknowns UnknownMarker; resource references become their URN.
func Plain(v resource.PropertyValue) any {
	switch {
	case v.IsNull():
		return nil
	case v.IsSecret():
		return SecretMarker
	case v.IsComputed():
		return UnknownMarker
	case v.IsOutput():
		o := v.OutputValue()
		if o.Secret {
			return SecretMarker
		}
		if !o.Known {
			return UnknownMarker
		}
		return Plain(o.Element)
	case v.IsBool():
		return v.BoolValue()
	case v.IsNumber():
		return v.NumberValue()
	case v.IsString():
		return v.StringValue()
	case v.IsArray():
		arr := v.ArrayValue()
		out := make([]any, len(arr))
		for i, e := range arr {
			out[i] = Plain(e)
		}
		return out
	case v.IsObject():
		return PlainMap(v.ObjectValue())
	case v.IsResourceReference():
		return string(v.ResourceReferenceValue().URN)
	}
	return v.String()
}

// PlainMap converts a property map with Plain.
func PlainMap(m resource.PropertyMap) map[string]any {
	out := make(map[string]any, len(m))
	for k, e := range m {
		out[string(k)] = Plain(e)
	}
	return out
}

// pathStep is one segment of a dotted path: a key (empty in "[0]") and an index into its
// array when the segment reads key[i] (-1 otherwise).
type pathStep struct {
	key string
	idx int
}

// parsePath splits "a.b[1].c" into its steps; false when an index is not a number.
func parsePath(path string) ([]pathStep, bool) {
	var steps []pathStep
	for _, seg := range strings.Split(path, ".") {
		st := pathStep{key: seg, idx: -1}
		if i := strings.Index(seg, "["); i >= 0 && strings.HasSuffix(seg, "]") {
			n, err := strconv.Atoi(seg[i+1 : len(seg)-1])
			if err != nil {
				return nil, false
			}
			st.key, st.idx = seg[:i], n
		}
		steps = append(steps, st)
	}
	return steps, true
}

// Lookup returns the value at a dotted path ("properties.networkAcls.defaultAction",
// "logs[0].categoryGroup") of a property map, looking through secrets and outputs.
func Lookup(m resource.PropertyMap, path string) (resource.PropertyValue, bool) {
	steps, ok := parsePath(path)
	if !ok {
		return resource.PropertyValue{}, false
	}
	cur := resource.NewProperty(m)
	for _, st := range steps {
		cur = unwrap(cur)
		if st.key != "" {
			if !cur.IsObject() {
				return resource.PropertyValue{}, false
			}
			next, ok := cur.ObjectValue()[resource.PropertyKey(st.key)]
			if !ok {
				return resource.PropertyValue{}, false
			}
			cur = next
		}
		if st.idx >= 0 {
			cur = unwrap(cur)
			if !cur.IsArray() || st.idx >= len(cur.ArrayValue()) {
				return resource.PropertyValue{}, false
			}
			cur = cur.ArrayValue()[st.idx]
		}
	}
	return cur, true
}

func unwrap(v resource.PropertyValue) resource.PropertyValue {
	for {
		switch {
		case v.IsSecret():
			v = v.SecretValue().Element
		case v.IsOutput() && v.OutputValue().Known:
			v = v.OutputValue().Element
		default:
			return v
		}
	}
}

// Input returns the plain value (secrets unwrapped) at path of the resource's inputs, or nil.
func (r Resource) Input(path string) any {
	v, ok := Lookup(r.Inputs, path)
	if !ok {
		return nil
	}
	return Plain(unwrapDeep(v))
}

// IsSecretInput reports whether the input at path is a secret.
func (r Resource) IsSecretInput(path string) bool {
	v, ok := Lookup(r.Inputs, path)
	return ok && (v.IsSecret() || (v.IsOutput() && v.OutputValue().Secret))
}

func unwrapDeep(v resource.PropertyValue) resource.PropertyValue {
	v = unwrap(v)
	switch {
	case v.IsArray():
		arr := make([]resource.PropertyValue, len(v.ArrayValue()))
		for i, e := range v.ArrayValue() {
			arr[i] = unwrapDeep(e)
		}
		return resource.NewProperty(arr)
	case v.IsObject():
		m := resource.PropertyMap{}
		for k, e := range v.ObjectValue() {
			m[k] = unwrapDeep(e)
		}
		return resource.NewProperty(m)
	}
	return v
}

// Filter returns the resources of a type token, matching with or without API version.
func Filter(rs []Resource, typeToken string) []Resource {
	var out []Resource
	for _, r := range rs {
		if r.Type == typeToken || Unversioned(r.Type) == Unversioned(typeToken) {
			out = append(out, r)
		}
	}
	return out
}

// Find returns the resource with the given logical name (and type, when typeToken != "").
func Find(rs []Resource, typeToken, name string) (Resource, bool) {
	for _, r := range rs {
		if r.Name == name && (typeToken == "" || r.Type == typeToken || Unversioned(r.Type) == Unversioned(typeToken)) {
			return r, true
		}
	}
	return Resource{}, false
}
