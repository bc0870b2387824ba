package plan

import (
	"encoding/json"
	"fmt"
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
