package plan

import (
	"encoding/json"
	"maps"
	"math"
	"slices"
	"strconv"
	"unicode/utf8"
)

// appendResourceJSON appends r as json.MarshalIndent(r, prefix, "  ") writes it, without
// reflection: a resource's inputs are the plain values of PlainMap (nil, bool, float64, string,
// []any, map[string]any), which are written directly; any other value falls back to
// encoding/json. At 200 projects this is most of what the JSON rendering does
// (TestAppendResourceJSONIsMarshalIndent and the stacks' WriteJSON tests hold it to the bytes
// of encoding/json).
func appendResourceJSON(b []byte, r *DocResource, prefix string) ([]byte, error) {
	e := jsonIndenter{prefix: prefix}
	first := true
	field := func(name string) {
		if !first {
			b = append(b, ',')
		}
		first = false
		b = e.newline(b, 1)
		b = append(b, '"')
		b = append(b, name...)
		b = append(b, `": `...)
	}
	b = append(b, '{')
	field("urn")
	b = appendJSONString(b, r.URN)
	field("type")
	b = appendJSONString(b, r.Type)
	field("name")
	b = appendJSONString(b, r.Name)
	field("custom")
	b = strconv.AppendBool(b, r.Custom)
	field("parent")
	b = appendJSONString(b, r.Parent)
	field("provider")
	b = appendJSONString(b, r.Provider)
	field("protect")
	b = strconv.AppendBool(b, r.Protect)
	if r.ID != "" {
		field("id")
		b = appendJSONString(b, r.ID)
	}
	var err error
	field("inputs")
	if b, err = e.appendValue(b, r.Inputs, 1); err != nil {
		return nil, err
	}
	field("dependencies")
	if b, err = e.appendValue(b, r.Dependencies, 1); err != nil {
		return nil, err
	}
	field("propertyDependencies")
	if b, err = e.appendValue(b, r.PropertyDependencies, 1); err != nil {
		return nil, err
	}
	return append(e.newline(b, 0), '}'), nil
}

// jsonIndenter writes the line breaks of json.MarshalIndent(v, prefix, "  ").
type jsonIndenter struct{ prefix string }

func (e jsonIndenter) newline(b []byte, depth int) []byte {
	b = append(b, '\n')
	b = append(b, e.prefix...)
	for i := 0; i < depth; i++ {
		b = append(b, "  "...)
	}
	return b
}

// appendValue appends v at the given depth as encoding/json indents it.
func (e jsonIndenter) appendValue(b []byte, v any, depth int) ([]byte, error) {
	switch x := v.(type) {
	case nil:
		return append(b, "null"...), nil
	case bool:
		return strconv.AppendBool(b, x), nil
	case string:
		return appendJSONString(b, x), nil
	case float64:
		return appendJSONFloat(b, x)
	case []any:
		return appendJSONArray(e, b, x, depth)
	case []string:
		return appendJSONArray(e, b, x, depth)
	case map[string]any:
		return appendJSONObject(e, b, x, depth)
	case map[string][]string:
		return appendJSONObject(e, b, x, depth)
	}
	// Anything else: encoding/json itself, indented at this depth.
	p := e.prefix
	for i := 0; i < depth; i++ {
		p += "  "
	}
	text, err := json.MarshalIndent(v, p, "  ")
	if err != nil {
		return nil, err
	}
	return append(b, text...), nil
}

// appendJSONArray appends a slice as encoding/json indents it (nil is null).
func appendJSONArray[V any](e jsonIndenter, b []byte, x []V, depth int) ([]byte, error) {
	if x == nil {
		return append(b, "null"...), nil
	}
	if len(x) == 0 {
		return append(b, "[]"...), nil
	}
	b = append(b, '[')
	for i, el := range x {
		if i > 0 {
			b = append(b, ',')
		}
		var err error
		if b, err = e.appendValue(e.newline(b, depth+1), el, depth+1); err != nil {
			return nil, err
		}
	}
	return append(e.newline(b, depth), ']'), nil
}

// appendJSONObject appends a map as encoding/json indents it: keys sorted, nil is null.
func appendJSONObject[V any](e jsonIndenter, b []byte, x map[string]V, depth int) ([]byte, error) {
	if x == nil {
		return append(b, "null"...), nil
	}
	if len(x) == 0 {
		return append(b, "{}"...), nil
	}
	b = append(b, '{')
	for i, k := range slices.Sorted(maps.Keys(x)) {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(appendJSONString(e.newline(b, depth+1), k), ": "...)
		var err error
		if b, err = e.appendValue(b, x[k], depth+1); err != nil {
			return nil, err
		}
	}
	return append(e.newline(b, depth), '}'), nil
}

// appendJSONFloat is encoding/json's float64 encoding.
func appendJSONFloat(b []byte, f float64) ([]byte, error) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		_, err := json.Marshal(f) // the same UnsupportedValueError encoding/json returns
		return nil, err
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// clean up e-09 to e-9
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, nil
}

// appendJSONString is encoding/json's string encoding (HTML-safe): strings of printable ASCII
// without a quote, backslash or HTML character are written as they are, the rest by
// encoding/json.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= utf8.RuneSelf || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			text, _ := json.Marshal(s)
			return append(b, text...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}
