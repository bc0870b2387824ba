package azpolicy

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func cond(t *testing.T, s string) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal([]byte(s), &m), s)
	return m
}

// TestOperators: every condition operator, with Azure's documented edge cases
// (definition-structure-policy-rule.md "Conditions"; author-policies-for-arrays.md).
func TestOperators(t *testing.T) {
	ct := `"` + mc + `/computeType"`
	vm := `"` + mc + `/vmSize"`
	max := `"` + mc + `/scaleSettings.maxNodeCount"`
	missing := `"` + mc + `/resourceId"`
	local := `"` + mc + `/disableLocalAuth"`
	cases := []struct {
		name, cond string
		want       bool
		err        string
	}{
		// equals / notEquals: strings case-insensitive; booleans against "true"; missing fields.
		{"equals exact", `{"field":` + ct + `,"equals":"AmlCompute"}`, true, ""},
		{"equals ignores case", `{"field":` + ct + `,"equals":"amlcompute"}`, true, ""},
		{"equals other", `{"field":` + ct + `,"equals":"AKS"}`, false, ""},
		{"notEquals", `{"field":` + ct + `,"notEquals":"AKS"}`, true, ""},
		{"equals bool", `{"field":` + local + `,"equals":true}`, true, ""},
		{"equals bool as string", `{"field":` + local + `,"equals":"True"}`, true, ""},
		{"notEquals bool", `{"field":` + local + `,"notEquals":true}`, false, ""},
		{"equals number", `{"field":` + max + `,"equals":4}`, true, ""},
		{"equals number as string", `{"field":` + max + `,"equals":"4"}`, true, ""},
		{"missing equals", `{"field":` + missing + `,"equals":"x"}`, false, ""},
		{"missing notEquals", `{"field":` + missing + `,"notEquals":"x"}`, true, ""},
		{"missing notEquals true", `{"field":` + missing + `,"notEquals":true}`, true, ""},
		// exists: missing and null alike
		{"exists true", `{"field":` + ct + `,"exists":true}`, true, ""},
		{"exists string false", `{"field":` + ct + `,"exists":"false"}`, false, ""},
		{"missing exists false", `{"field":` + missing + `,"exists":false}`, true, ""},
		{"exists needs a boolean", `{"field":` + ct + `,"exists":"maybe"}`, false, "exists needs true or false"},
		// in / notIn
		{"in", `{"field":` + ct + `,"in":["ComputeInstance","amlcompute"]}`, true, ""},
		{"notIn", `{"field":` + vm + `,"notIn":["Standard_DS3_v2"]}`, false, ""},
		{"notIn missing", `{"field":` + missing + `,"notIn":["a"]}`, true, ""},
		{"in needs an array", `{"field":` + ct + `,"in":"AmlCompute"}`, false, "needs an array"},
		{"in parameter", `{"field":"name","in":"[parameters('list')]"}`, false, ""},
		// like / notLike: * wildcard, case-insensitive, whole string
		{"like prefix", `{"field":` + vm + `,"like":"standard_ds*"}`, true, ""},
		{"like middle", `{"field":` + vm + `,"like":"Standard_*_v2"}`, true, ""},
		{"like whole string", `{"field":` + vm + `,"like":"DS3*"}`, false, ""},
		{"like no wildcard", `{"field":` + vm + `,"like":"standard_ds3_v2"}`, true, ""},
		{"like regex chars literal", `{"field":"name","like":"c.u"}`, false, ""},
		{"notLike", `{"field":` + vm + `,"notLike":"Standard_NC*"}`, true, ""},
		{"like missing", `{"field":` + missing + `,"like":"*"}`, false, ""},
		// match: # digit, ? letter, . any; case-sensitive unless Insensitively
		{"match", `{"field":"name","match":"?p?"}`, true, ""},
		{"match digits", `{"value":"ab12","match":"??##"}`, true, ""},
		{"match length", `{"value":"ab12","match":"??#"}`, false, ""},
		{"match case", `{"value":"CPU","match":"cpu"}`, false, ""},
		{"matchInsensitively", `{"value":"CPU","matchInsensitively":"cpu"}`, true, ""},
		{"notMatch", `{"value":"CPU","notMatch":"cpu"}`, true, ""},
		{"notMatchInsensitively", `{"value":"CPU","notMatchInsensitively":"c.u"}`, false, ""},
		// contains / notContains: case-insensitive substring
		{"contains", `{"field":` + vm + `,"contains":"ds3"}`, true, ""},
		{"notContains", `{"field":` + vm + `,"notContains":"NC"}`, true, ""},
		{"contains missing", `{"field":` + missing + `,"contains":"x"}`, false, ""},
		// containsKey / notContainsKey on tags
		{"containsKey", `{"field":"tags","containsKey":"ENV"}`, true, ""},
		{"notContainsKey", `{"field":"tags","notContainsKey":"owner"}`, true, ""},
		// ordered comparisons: numbers, strings ignoring case, type mismatch is an error
		{"greater number", `{"field":` + max + `,"greater":3}`, true, ""},
		{"greater parameter", `{"field":` + max + `,"greater":"[parameters('n')]"}`, true, ""},
		{"lessOrEquals", `{"field":` + max + `,"lessOrEquals":4}`, true, ""},
		{"less", `{"field":` + max + `,"less":4}`, false, ""},
		{"greaterOrEquals", `{"field":` + max + `,"greaterOrEquals":5}`, false, ""},
		{"string comparison ignores case", `{"value":"b","greater":"A"}`, true, ""},
		{"number vs string is an error", `{"field":` + max + `,"greater":"3"}`, false, "cannot compare"},
		{"missing vs number is an error", `{"field":` + missing + `,"greater":3}`, false, "cannot compare"},
		// value conditions with template functions
		{"value function", `{"value":"[empty(field('` + mc + `/resourceId'))]","equals":true}`, true, ""},
		{"value bool vs string", `{"value":"[less(length(field('tags')), 3)]","equals":"true"}`, true, ""},
		{"value error", `{"value":"[int(last(split(field('` + mc + `/scaleSettings.nodeIdleTimeBeforeScaleDown'), 'M')))]","greater":1}`, false, "not an integer"},
		// location is normalised
		{"location", `{"field":"location","equals":"West Europe"}`, true, ""},
		// logical operators
		{"allOf", `{"allOf":[{"field":"type","equals":"` + mc + `"},{"field":` + ct + `,"equals":"AmlCompute"}]}`, true, ""},
		{"anyOf", `{"anyOf":[{"field":` + ct + `,"equals":"AKS"},{"field":` + ct + `,"equals":"AmlCompute"}]}`, true, ""},
		{"not", `{"not":{"field":` + ct + `,"equals":"AKS"}}`, true, ""},
		{"anyOf stops at the first true", `{"anyOf":[{"field":` + ct + `,"equals":"AmlCompute"},{"value":"[int('')]","equals":1}]}`, true, ""},
		{"allOf stops at the first false", `{"allOf":[{"field":` + ct + `,"equals":"AKS"},{"value":"[int('')]","equals":1}]}`, false, ""},
		{"two operators", `{"field":` + ct + `,"equals":"a","notEquals":"b"}`, false, "two operators"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o, err := testScope().evalCondition(cond(t, c.cond))
			if c.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), c.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, c.want, o.ok)
		})
	}
}

// arrayResource is the example resource of author-policies-for-arrays.md.
func arrayResource() *Resource {
	return &Resource{Type: ws, Body: map[string]any{"properties": map[string]any{
		"privateEndpointConnections": []any{
			map[string]any{"properties": map[string]any{"privateLinkServiceConnectionState": map[string]any{"status": "Approved"}}},
			map[string]any{"properties": map[string]any{"privateLinkServiceConnectionState": map[string]any{"status": "Pending"}}},
		}}}}
}

// TestArrays: [*] aliases select every member (field conditions hold for all), field count
// with and without where, value count with current().
func TestArrays(t *testing.T) {
	pec := `"` + ws + `/privateEndpointConnections[*]"`
	status := `"` + ws + `/privateEndpointConnections[*].privateLinkServiceConnectionState.status"`
	cases := []struct {
		name, cond string
		want       bool
	}{
		{"field [*] is all of", `{"field":` + status + `,"equals":"Approved"}`, false},
		{"field [*] notEquals all", `{"field":` + status + `,"notEquals":"Rejected"}`, true},
		{"count", `{"count":{"field":` + pec + `},"equals":2}`, true},
		{"count where", `{"count":{"field":` + pec + `,"where":{"field":` + status + `,"equals":"approved"}},"equals":1}`, true},
		{"count where current", `{"count":{"field":` + pec + `,"where":{"value":"[current('` + ws + `/privateEndpointConnections[*].privateLinkServiceConnectionState.status')]","equals":"Pending"}},"equals":1}`, true},
		{"count where first(field())", `{"count":{"field":` + pec + `,"where":{"value":"[first(field('` + ws + `/privateEndpointConnections[*].privateLinkServiceConnectionState.status'))]","equals":"Pending"}},"equals":1}`, true},
		{"value count", `{"count":{"value":["Approved","x"],"name":"s","where":{"value":"[current('s')]","equals":"approved"}},"equals":1}`, true},
		{"value count unnamed", `{"count":{"value":"[parameters('list')]","where":{"value":"[current()]","in":["a"]}},"equals":1}`, true},
		{"value count without where", `{"count":{"value":"[parameters('list')]"},"equals":2}`, true},
		{"the 40cec1dd rule on two connections", `{"count":{"field":` + pec + `,"where":{"field":` + status + `,"equals":"Approved"}},"less":1}`, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := testScope()
			s.res = arrayResource()
			o, err := s.evalCondition(cond(t, c.cond))
			require.NoError(t, err)
			assert.Equal(t, c.want, o.ok)
		})
	}
	// A missing array selects no member: count 0, field() [].
	s := testScope()
	s.res = &Resource{Type: ws, Body: map[string]any{}}
	o, err := s.evalCondition(cond(t, `{"count":{"field":`+pec+`},"equals":0}`))
	require.NoError(t, err)
	assert.True(t, o.ok)
	v, err := s.evalValue("[field('" + ws + "/privateEndpointConnections[*].privateLinkServiceConnectionState.status')]")
	require.NoError(t, err)
	assert.Equal(t, []any{}, v)
	// A field condition over no member holds ("all" of none) — this package's reading.
	o, err = s.evalCondition(cond(t, `{"field":`+status+`,"equals":"Approved"}`))
	require.NoError(t, err)
	assert.True(t, o.ok)
}
