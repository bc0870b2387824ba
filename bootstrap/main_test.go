package main

import (
	"bytes"
	"encoding/json"
	"io"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/azure-mlops/pulumi-azure-mlops/components"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/plan"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/profile"
	"github.com/azure-mlops/pulumi-azure-mlops/test/fakeazure/schema"
)

// The committed example stack plans offline, passes the policy pack, and exports what the
// pipelines need per environment.
func TestDeliveryStackPlansCleanOffline(t *testing.T) {
	var buf bytes.Buffer
	require.Equal(t, 0, planOffline(".", "delivery", &buf), "plan exit code (1 = a mandatory policy violation)")
	var doc struct {
		Outputs map[string]any `json:"outputs"`
		Policy  struct {
			Violations []map[string]any `json:"violations"`
		} `json:"policy"`
		Resources []struct {
			Type   string         `json:"type"`
			Inputs map[string]any `json:"inputs"`
		} `json:"resources"`
	}
	require.NoError(t, json.Unmarshal(buf.Bytes(), &doc))
	assert.Empty(t, doc.Policy.Violations)
	out := func(k, env string) string { m, _ := doc.Outputs[k].(map[string]any); s, _ := m[env].(string); return s }
	for _, env := range []string{"dev", "test", "prod"} {
		assert.Equal(t, "azblob://state-"+env, out("backendUrls", env))
		assert.Contains(t, out("secretsProviders", env), "azurekeyvault://")
		assert.NotEmpty(t, out("deployerClientIds", env))
	}
	// The example puts the state behind private endpoints in the hub (seed 000's agents).
	for _, r := range doc.Resources {
		if r.Type == "azure-native:storage:StorageAccount" {
			assert.Equal(t, "Disabled", r.Inputs["publicNetworkAccess"])
		}
	}
}

// Every resource the bootstrap registers is accepted by azure-native 2.92.3's input schema
// (test/fakeazure/schema, extracted from the npm declarations): names and types of every
// property, as the e2e double checks the platform's.
func TestDeliveryResourcesMatchAzureNativeSchema(t *testing.T) {
	s, err := schema.Load()
	require.NoError(t, err)
	files, err := profile.LoadStackFiles(".", "delivery")
	require.NoError(t, err)
	rec, err := plan.Run(plan.Options{Project: files.Project, Stack: "delivery", Config: files.Config},
		func(ctx *pulumi.Context) error { _, err := components.BootstrapProgram(ctx); return err })
	require.NoError(t, err)
	n, refusals := s.CheckRecorded(rec.Resources())
	assert.Empty(t, refusals)
	assert.Greater(t, n, 40)
}

func TestUnknownStackExitsTwo(t *testing.T) {
	assert.Equal(t, 2, planOffline(".", "nope", io.Discard))
}
