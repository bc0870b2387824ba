package plan

import (
	"encoding/json"
	"fmt"
	"math"
	"testing"

	"github.com/pulumi/pulumi-azure-native-sdk/keyvault/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEvaluateRedactsSecretsAndIsDeterministic(t *testing.T) {
	build := func(ctx *pulumi.Context) (pulumi.Map, error) {
		kv, err := keyvault.NewSecret(ctx, "s", &keyvault.SecretArgs{
			ResourceGroupName: pulumi.String("rg"),
			VaultName:         pulumi.String("kv"),
			SecretName:        pulumi.String("conn"),
			Properties:        &keyvault.SecretPropertiesArgs{Value: pulumi.ToSecret(pulumi.String("hunter2")).(pulumi.StringOutput)},
		})
		if err != nil {
			return nil, err
		}
		return pulumi.Map{
			"plain":  kv.Name,
			"secret": pulumi.ToSecret(pulumi.String("hunter2")),
		}, nil
	}
	doc, err := Evaluate(Options{Stack: "dev"}, build)
	require.NoError(t, err)
	b, err := doc.JSON()
	require.NoError(t, err)
	out := string(b)
	assert.NotContains(t, out, "hunter2")
	assert.Equal(t, SecretMarker, doc.Outputs["secret"])
	assert.Equal(t, "conn", doc.Outputs["plain"])
	assert.Equal(t, SecretMarker, doc.Resources[0].Inputs["properties"].(map[string]any)["value"])
	assert.Equal(t, "/subscriptions/"+DefaultSubscriptionID+"/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv/secrets/conn", doc.Resources[0].ID)

	again, err := Evaluate(Options{Stack: "dev"}, build)
	require.NoError(t, err)
	b2, _ := again.JSON()
	assert.Equal(t, out, string(b2))
}

func TestEvaluateReturnsProgramErrors(t *testing.T) {
	_, err := Evaluate(Options{}, func(ctx *pulumi.Context) (pulumi.Map, error) {
		return nil, assert.AnError
	})
	assert.ErrorIs(t, err, assert.AnError)
}

// WriteJSON streams exactly the bytes of json.MarshalIndent (the contract's format), for a
// document with resources, without, and with an empty list.
func TestWriteJSONIsMarshalIndent(t *testing.T) {
	docs := map[string]*Document{
		"nil":   {FormatVersion: FormatVersion, Project: "p", Stack: "s", Outputs: map[string]any{"a": "<b>&"}},
		"empty": {FormatVersion: FormatVersion, Project: "p", Stack: "s", Resources: []DocResource{}},
		"many":  manyResources(600),
		"some": {FormatVersion: FormatVersion, Project: "p", Stack: "s", Resources: []DocResource{
			{URN: "u1", Type: "t", Inputs: map[string]any{"z": 1, "a": []any{"x", map[string]any{"k": "<v>"}}}, Dependencies: []string{"u0"}},
			{URN: "u2", Type: "t", Inputs: map[string]any{}, PropertyDependencies: map[string][]string{"a": {"u1"}}},
		}, Policy: PolicyReport{Evaluated: true, Violations: []Violation{{Policy: "p", URN: "u1", Message: "m"}}}},
	}
	for name, doc := range docs {
		want, err := json.MarshalIndent(doc, "", "  ")
		require.NoError(t, err)
		got, err := doc.JSON()
		require.NoError(t, err)
		assert.Equal(t, string(append(want, '\n')), string(got), name)
	}
}

// manyResources is a document of more resources than one batch of WriteJSON.
func manyResources(n int) *Document {
	d := &Document{FormatVersion: FormatVersion, Project: "p", Stack: "s"}
	for i := 0; i < n; i++ {
		d.Resources = append(d.Resources, DocResource{URN: fmt.Sprintf("u%d", i), Inputs: map[string]any{"i": i}})
	}
	return d
}

// appendResourceJSON writes what json.MarshalIndent writes for every kind of value a plan's
// inputs hold, including those it leaves to encoding/json (escaped strings, other Go types),
// and the float forms encoding/json switches between.
func TestAppendResourceJSONIsMarshalIndent(t *testing.T) {
	type other struct {
		A int `json:"a"`
		B []string
	}
	values := []any{
		nil, true, false, "", "plain", `quote " and \ backslash`, "<html> & more", "tab\tnew\nline\x01",
		"unicode é ü 日本", "line sep \u2028 para \u2029", "bad utf-8 \xff\xfe", "ünicode<",
		0.0, math.Copysign(0, -1), 1.0, -1.5, 123456789.0, 1e20, 1e21, 1.5e21, 1e-6, 1e-7, -2.5e-9, 0.1, 3.14159,
		float64(1 << 53), math.MaxFloat64, math.SmallestNonzeroFloat64,
		[]any{}, []any(nil), map[string]any{}, map[string]any(nil),
		[]any{1.0, "a", nil, []any{}, map[string]any{}, []any{[]any{"deep"}}},
		map[string]any{"b": 1.0, "a": map[string]any{"z": []any{"x", map[string]any{"k": "<v>"}}, "é": "k"}, "<": ">", "": "empty key"},
		[]string{"a", "<b>"}, []string{}, []string(nil),
		map[string][]string{"x": {"u"}, "a": nil, "m": {}},
		7, int64(-3), uint8(9), json.Number("12.50"), other{A: 1, B: []string{"x"}}, &other{}, []int{1, 2}, map[string]int{"b": 2, "a": 1},
	}
	for i, v := range values {
		for _, r := range []DocResource{
			{URN: "u", Type: "t", Name: "n", Inputs: map[string]any{"v": v, "list": []any{v}}},
			{URN: "u<&>", Type: "t", Custom: true, Protect: true, ID: "/subscriptions/x", Parent: "p", Provider: "pr",
				Inputs: map[string]any{"nested": map[string]any{"v": v}}, Dependencies: []string{"d1", "d0"},
				PropertyDependencies: map[string][]string{"b": {"d1"}, "a": {}, "c": nil}},
			{URN: "u", Inputs: nil, Dependencies: []string{}, PropertyDependencies: map[string][]string{}},
		} {
			want, err := json.MarshalIndent(&r, "    ", "  ")
			require.NoError(t, err)
			got, err := appendResourceJSON([]byte("reused"), &r, "    ")
			require.NoError(t, err)
			assert.Equal(t, "reused"+string(want), string(got), "value %d: %#v", i, v)
		}
	}
	// What encoding/json cannot encode is refused, as encoding/json refuses it.
	for _, v := range []any{math.Inf(1), math.NaN(), func() {}} {
		_, err := appendResourceJSON(nil, &DocResource{Inputs: map[string]any{"v": v}}, "")
		assert.Error(t, err, "%v", v)
	}
}

// Unversioned drops the module's version segment of three-part tokens and leaves every other
// token as it is.
func TestUnversioned(t *testing.T) {
	for in, want := range map[string]string{
		"azure-native:keyvault/v20230701:Vault":                           "azure-native:keyvault:Vault",
		"azure-native:keyvault:Vault":                                     "azure-native:keyvault:Vault",
		"azure-native:machinelearningservices/v20241001preview:Workspace": "azure-native:machinelearningservices:Workspace",
		"azure-native:a/b/c:T":                                            "azure-native:a:T",
		"a:/v1:T":                                                         "a::T",
		"pulumi:providers:azure-native":                                   "pulumi:providers:azure-native",
		"azure-native:storage/v1":                                         "azure-native:storage/v1",
		"a:b/v1:c:d":                                                      "a:b/v1:c:d",
		"":                                                                "",
		"::":                                                              "::",
	} {
		assert.Equal(t, want, Unversioned(in), in)
	}
}
