package profile

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/suggest"
)

// Decoding config into the component types themselves (no twin structs): a field's config key
// is its `json` tag name, else its `pulumi` tag name. A struct field's `config` tag shapes the
// struct it holds (directly, or as the element of a list):
//
//	config:"key=field"         the config key "key" sets the field named "field" (projects[].name -> project)
//	config:"platform=a b c"    fields the program sets itself; config may not
//	config:"profile=a b"       fields whose default comes from the stack or the profile
//
// pulumi inputs are decoded from plain values: a string into pulumi.StringInput (as
// pulumi.String; an empty string leaves it unset), a map of strings into
// pulumi.StringMapInput, a list of strings into pulumi.StringArrayInput.

// Shape is the parsed `config` tag of a field.
type Shape struct {
	// Rename maps a config key to the field name it sets.
	Rename map[string]string
	// Platform lists the fields config may not set.
	Platform []string
	// Profile lists the fields whose default comes from the stack or the environment profile
	// rather than from the component (documentation; the program resolves them).
	Profile []string
}

// ShapeOf parses a field's `config` tag.
func ShapeOf(f reflect.StructField) Shape {
	var s Shape
	for _, part := range strings.Split(f.Tag.Get("config"), ";") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			continue
		}
		switch k {
		case "platform":
			s.Platform = strings.Fields(v)
			continue
		case "profile":
			s.Profile = strings.Fields(v)
			continue
		}
		if s.Rename == nil {
			s.Rename = map[string]string{}
		}
		s.Rename[k] = v
	}
	return s
}

// FieldName is a field's name in config and schema: its json tag, else its pulumi tag.
func FieldName(f reflect.StructField) string {
	for _, tag := range []string{"json", "pulumi"} {
		if n := strings.Split(f.Tag.Get(tag), ",")[0]; n != "" && n != "-" {
			return n
		}
	}
	return ""
}

// Fields are the config keys of struct type t under shape s, each with its field.
func Fields(t reflect.Type, s Shape) map[string]reflect.StructField {
	byName := map[string]reflect.StructField{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if n := FieldName(f); n != "" && f.IsExported() && !slices.Contains(s.Platform, n) {
			byName[n] = f
		}
	}
	for key, field := range s.Rename {
		if f, ok := byName[field]; ok {
			delete(byName, field)
			byName[key] = f
		}
	}
	return byName
}

// Decoded records which key paths a configuration wrote, so a default from the profile
// applies exactly where the user wrote nothing (a bool field cannot tell false from unset).
type Decoded map[string]bool

// Decode parses config values (as the Pulumi engine hands them to a program: plain strings,
// with structured values JSON-encoded) into the struct dst points to. Unknown keys, unknown
// fields and values of the wrong type are errors naming the key path, so a typo never
// silently becomes a default.
func Decode(values map[string]string, dst any) (Decoded, []error) {
	rv := reflect.ValueOf(dst).Elem()
	fields := Fields(rv.Type(), Shape{})
	d := Decoded{}
	var errs []error
	for _, k := range slices.Sorted(maps.Keys(values)) {
		f, ok := fields[k]
		if !ok {
			known := keyOrder(rv.Type())
			errs = append(errs, fmt.Errorf("%s: unknown configuration key (known: %s)%s", k, strings.Join(known, ", "), suggest.Hint(k, known)))
			continue
		}
		var v any
		s := values[k]
		if err := json.Unmarshal([]byte(s), &v); err != nil {
			v = s // a plain string value
		}
		errs = append(errs, d.assign(k, v, rv.FieldByIndex(f.Index), ShapeOf(f))...)
	}
	return d, errs
}

// keyOrder lists a struct's config keys in declaration order.
func keyOrder(t reflect.Type) []string {
	var out []string
	for i := 0; i < t.NumField(); i++ {
		if n := FieldName(t.Field(i)); n != "" && t.Field(i).IsExported() {
			out = append(out, n)
		}
	}
	return out
}

var (
	stringInput    = reflect.TypeOf((*pulumi.StringInput)(nil)).Elem()
	stringMapInput = reflect.TypeOf((*pulumi.StringMapInput)(nil)).Elem()
	stringArrInput = reflect.TypeOf((*pulumi.StringArrayInput)(nil)).Elem()
)

// assign stores the decoded JSON value v into dst, reporting errors with their path; shape
// applies to the first struct reached.
func (d Decoded) assign(path string, v any, dst reflect.Value, shape Shape) []error {
	if v == nil {
		return nil
	}
	d[path] = true
	switch dst.Kind() {
	case reflect.Interface:
		var plain reflect.Value
		switch dst.Type() {
		case stringInput:
			var s string
			if errs := d.assign(path, v, reflect.ValueOf(&s).Elem(), shape); len(errs) > 0 {
				return errs
			}
			if s != "" {
				dst.Set(reflect.ValueOf(pulumi.String(s)))
			}
			return nil
		case stringMapInput:
			plain = reflect.New(reflect.TypeOf(map[string]string{})).Elem()
		case stringArrInput:
			plain = reflect.New(reflect.TypeOf([]string{})).Elem()
		default:
			return []error{fmt.Errorf("%s: cannot be set in config", path)}
		}
		if errs := d.assign(path, v, plain, shape); len(errs) > 0 {
			return errs
		}
		if m, ok := plain.Interface().(map[string]string); ok {
			dst.Set(reflect.ValueOf(pulumi.ToStringMap(m)))
		} else {
			dst.Set(reflect.ValueOf(pulumi.ToStringArray(plain.Interface().([]string))))
		}
	case reflect.Pointer:
		elem := reflect.New(dst.Type().Elem())
		errs := d.assign(path, v, elem.Elem(), shape)
		if len(errs) == 0 {
			dst.Set(elem)
		}
		return errs
	case reflect.String:
		switch x := v.(type) {
		case string:
			dst.SetString(x)
		case float64:
			// YAML "123" may arrive as a number; a string field keeps its text.
			dst.SetString(strconv.FormatFloat(x, 'f', -1, 64))
		default:
			return []error{fmt.Errorf("%s: must be a string, not %s", path, jsonKind(v))}
		}
	case reflect.Int:
		switch x := v.(type) {
		case float64:
			if x != math.Trunc(x) {
				return []error{fmt.Errorf("%s: must be a whole number, not %v", path, x)}
			}
			dst.SetInt(int64(x))
		case string:
			n, err := strconv.Atoi(x)
			if err != nil {
				return []error{fmt.Errorf("%s: must be a whole number, not %q", path, x)}
			}
			dst.SetInt(int64(n))
		default:
			return []error{fmt.Errorf("%s: must be a whole number, not %s", path, jsonKind(v))}
		}
	case reflect.Float64:
		switch x := v.(type) {
		case float64:
			dst.SetFloat(x)
		case string:
			n, err := strconv.ParseFloat(x, 64)
			if err != nil {
				return []error{fmt.Errorf("%s: must be a number, not %q", path, x)}
			}
			dst.SetFloat(n)
		default:
			return []error{fmt.Errorf("%s: must be a number, not %s", path, jsonKind(v))}
		}
	case reflect.Bool:
		switch x := v.(type) {
		case bool:
			dst.SetBool(x)
		case string:
			b, err := strconv.ParseBool(x)
			if err != nil {
				return []error{fmt.Errorf("%s: must be true or false, not %q", path, x)}
			}
			dst.SetBool(b)
		default:
			return []error{fmt.Errorf("%s: must be true or false, not %s", path, jsonKind(v))}
		}
	case reflect.Slice:
		arr, ok := v.([]any)
		if !ok {
			return []error{fmt.Errorf("%s: must be a list, not %s", path, jsonKind(v))}
		}
		out := reflect.MakeSlice(dst.Type(), len(arr), len(arr))
		var errs []error
		for i, e := range arr {
			errs = append(errs, d.assign(fmt.Sprintf("%s[%d]", path, i), e, out.Index(i), shape)...)
		}
		dst.Set(out)
		return errs
	case reflect.Map:
		obj, ok := v.(map[string]any)
		if !ok {
			return []error{fmt.Errorf("%s: must be a map, not %s", path, jsonKind(v))}
		}
		out := reflect.MakeMap(dst.Type())
		var errs []error
		for _, k := range slices.Sorted(maps.Keys(obj)) {
			e := reflect.New(dst.Type().Elem()).Elem()
			errs = append(errs, d.assign(path+"."+k, obj[k], e, Shape{})...)
			out.SetMapIndex(reflect.ValueOf(k), e)
		}
		dst.Set(out)
		return errs
	case reflect.Struct:
		obj, ok := v.(map[string]any)
		if !ok {
			return []error{fmt.Errorf("%s: must be an object, not %s", path, jsonKind(v))}
		}
		fields := Fields(dst.Type(), shape)
		var errs []error
		for _, k := range slices.Sorted(maps.Keys(obj)) {
			f, ok := fields[k]
			if !ok {
				known := slices.Sorted(maps.Keys(fields))
				errs = append(errs, fmt.Errorf("%s.%s: unknown field (known: %s)%s", path, k, strings.Join(known, ", "), suggest.Hint(k, known)))
				continue
			}
			errs = append(errs, d.assign(path+"."+k, obj[k], dst.FieldByIndex(f.Index), ShapeOf(f))...)
		}
		return errs
	default:
		return []error{fmt.Errorf("%s: cannot be set in config", path)}
	}
	return nil
}

func jsonKind(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case float64:
		return "a number"
	case bool:
		return "a boolean"
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}
