package azpolicy

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testResource is an ML compute as the plan sends it, in ARM shape.
func testResource() *Resource {
	return &Resource{Type: mc, Name: "cpu", FullName: "mlw/cpu", ID: "/subscriptions/s/resourceGroups/rg/providers/" + mc[:len("Microsoft.MachineLearningServices/workspaces")] + "/mlw/computes/cpu",
		Indexed: true,
		Body: map[string]any{
			"location": "westeurope",
			"tags":     map[string]any{"env": "dev", "Cost.Center": "ml"},
			"properties": map[string]any{"computeType": "AmlCompute", "disableLocalAuth": true,
				"properties": map[string]any{"vmSize": "Standard_DS3_v2", "scaleSettings": map[string]any{
					"maxNodeCount": 4.0, "minNodeCount": 0.0, "nodeIdleTimeBeforeScaleDown": "PT15M"}}},
		}}
}

func testScope() *scope {
	return &scope{res: testResource(), params: map[string]any{"list": []any{"a", "b"}, "n": 3.0, "s": "x", "empty": []any{}}}
}

// TestFunctions: each template function with its documented behaviour and its error cases.
func TestFunctions(t *testing.T) {
	idle := "field('" + mc + "/scaleSettings.nodeIdleTimeBeforeScaleDown')"
	alzSeconds := func(v string) string {
		return "[int(last(split(replace(replace(replace(replace(replace(replace(replace(" + v +
			", 'P', '/'), 'Y', '/'), 'M', '/'), 'D', '/'), 'T', '/'), 'H', '/'), 'S', ''), '/')))]"
	}
	cases := []struct {
		expr string
		want any
		err  string // substring of an EvalError
	}{
		// field(): values, missing properties ("" per author-policies-for-arrays.md), arrays.
		{"[field('" + mc + "/computeType')]", "AmlCompute", ""},
		{"[field('" + mc + "/resourceId')]", "", ""},
		{"[field('type')]", mc, ""},
		{"[field('fullName')]", "mlw/cpu", ""},
		{"[field('tags[''env'']')]", "dev", ""},
		{"[field('tags[''Cost.Center'']')]", "ml", ""},
		{"[field('location')]", "westeurope", ""},
		// parameters()
		{"[parameters('n')]", 3.0, ""},
		{"[parameters('list')]", []any{"a", "b"}, ""},
		{"[parameters('missing')]", nil, "no such parameter"},
		// string functions
		{"[concat('a', 'b', 1)]", "ab1", ""},
		{"[concat(parameters('list'), createArray('c'))]", []any{"a", "b", "c"}, ""},
		{"[split('a/b//c', '/')]", []any{"a", "b", "", "c"}, ""},
		{"[split('a,b;c', createArray(',', ';'))]", []any{"a", "b", "c"}, ""},
		{"[replace('PT15M', 'M', '/')]", "PT15/", ""},
		{"[replace('aAa', 'a', 'x')]", "xAx", ""}, // ordinal, case-sensitive
		{"[toLower('AbC')]", "abc", ""},
		{"[toUpper('AbC')]", "ABC", ""},
		{"[substring('abcdef', 1, 3)]", "bcd", ""},
		{"[substring('ab', 0, 3)]", nil, "out of range"}, // the documented template failure
		{"[if(greaterOrEquals(length('ab'), 3), substring('ab', 0, 3), 'short')]", "short", ""},
		{"[startsWith('Standard_DS3', 'standard')]", true, ""},
		{"[endsWith('Standard_DS3', 'ds3')]", true, ""},
		{"[trim('  x ')]", "x", ""},
		{"[string(4)]", "4", ""},
		{"[string(true())]", "True", ""},
		// first/last on strings and arrays, empty ones
		{"[first('abc')]", "a", ""},
		{"[last('abc')]", "c", ""},
		{"[last(split('//15/', '/'))]", "", ""},
		{"[first(parameters('empty'))]", nil, ""},
		{"[last(parameters('list'))]", "b", ""},
		{"[take('abc', 2)]", "ab", ""},
		{"[skip(parameters('list'), 1)]", []any{"b"}, ""},
		// int(): integers, strings of integers, and the failure on ''
		{"[int('900')]", 900.0, ""},
		{"[int(4)]", 4.0, ""},
		{"[int('')]", nil, "not an integer"},
		{"[int('15M')]", nil, "not an integer"},
		// the ALZ Scale expression on the values we send
		{alzSeconds("'PT900S'"), 900.0, ""},
		{alzSeconds("'PT15M'"), nil, "not an integer"},
		{alzSeconds("'PT1H'"), nil, "not an integer"},
		{alzSeconds(idle), nil, "not an integer"},
		// length/empty/contains
		{"[length('abc')]", 3.0, ""},
		{"[length(parameters('list'))]", 2.0, ""},
		{"[length(1)]", nil, "needs a string"},
		{"[empty('')]", true, ""},
		{"[empty(parameters('empty'))]", true, ""},
		{"[empty(field('" + mc + "/resourceId'))]", true, ""},
		{"[empty('x')]", false, ""},
		{"[contains('abc', 'b')]", true, ""},
		{"[contains('abc', 'B')]", false, ""}, // case-sensitive
		{"[contains(parameters('list'), 'a')]", true, ""},
		// logical and comparison
		{"[and(true(), false())]", false, ""},
		{"[or(false(), true())]", true, ""},
		{"[not(true())]", false, ""},
		{"[and('x', true())]", nil, "must be a boolean"},
		{"[equals(1, 1)]", true, ""},
		{"[equals('a', 'a')]", true, ""},
		{"[less(1, 2)]", true, ""},
		{"[greater('b', 'A')]", true, ""},
		// template-functions-comparison.md's examples: case decides only a tie, lower first
		{"[greater('A', 'a')]", true, ""},
		{"[greaterOrEquals('A', 'a')]", true, ""},
		{"[less('A', 'a')]", false, ""},
		{"[lessOrEquals('A', 'a')]", false, ""},
		{"[greater(1, '0')]", nil, "cannot compare"},
		{"[coalesce(null(), 'x')]", "x", ""},
		// if() evaluates only the branch it takes
		{"[if(true(), 'a', int(''))]", "a", ""},
		{"[if('yes', 'a', 'b')]", nil, "must be a boolean"},
		// accessors
		{"[createArray('a', 'b')[1]]", "b", ""},
		{"[createArray('a')[2]]", nil, "out of range"},
		// escapes: '' inside a literal, "[[" is not an expression
		{"[concat('it''s')]", "it's", ""},
		{"[[not an expression]", "[not an expression]", ""},
		{"plain", "plain", ""},
	}
	for _, c := range cases {
		t.Run(c.expr, func(t *testing.T) {
			got, err := testScope().evalValue(c.expr)
			if c.err != "" {
				require.Error(t, err)
				var ee *EvalError
				assert.ErrorAs(t, err, &ee)
				assert.Contains(t, err.Error(), c.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, c.want, got)
		})
	}
}

func TestUnsupportedIsNotAnEvaluationError(t *testing.T) {
	_, err := testScope().evalValue("[utcNow()]")
	require.Error(t, err)
	assert.True(t, isUnsupported(err))
	_, err = testScope().evalValue("[field('Microsoft.Nope/things/x')]")
	assert.True(t, isUnsupported(err), "an alias missing from the table is a gap here, not a deny")
}

func TestParseErrors(t *testing.T) {
	for _, e := range []string{"[concat('a']", "[concat('a' 'b')]", "['unterminated]", "[notafunction]", "[f(1) x]"} {
		_, err := testScope().evalValue(e)
		assert.Error(t, err, e)
	}
}
