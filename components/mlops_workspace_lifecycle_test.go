package components

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/plan"
)

const (
	blobServiceToken      = "azure-native:storage:BlobServiceProperties"
	managementPolicyToken = "azure-native:storage:ManagementPolicy"
)

// prodLifecycle is the prod profile's lifecycle (pkg/profile), spelled out.
func prodLifecycle() *DataLifecycleArgs {
	return &DataLifecycleArgs{BlobSoftDeleteDays: 90, ContainerSoftDeleteDays: 90, Versioning: true,
		RunArtifactsCoolAfterDays: 30, RunArtifactsDeleteAfterDays: 365, SnapshotsDeleteAfterDays: 365, PreviousVersionsDeleteAfterDays: 90}
}

// Without dataLifecycle: soft delete is on (7 days) for blobs and containers, and nothing is
// tiered or deleted.
func TestWorkspaceLifecycleDefaults(t *testing.T) {
	rs, _ := runWorkspace(t, workspaceArgs())
	st := must(t, rs, "azure-native:storage:StorageAccount", "fraud-st")
	blob := must(t, rs, blobServiceToken, "fraud-st-blob")
	assert.Equal(t, "default", blob.Input("blobServicesName"))
	assert.Equal(t, true, blob.Input("deleteRetentionPolicy.enabled"))
	assert.Equal(t, float64(DefaultSoftDeleteDays), blob.Input("deleteRetentionPolicy.days"))
	assert.Equal(t, true, blob.Input("containerDeleteRetentionPolicy.enabled"))
	assert.Equal(t, float64(DefaultSoftDeleteDays), blob.Input("containerDeleteRetentionPolicy.days"))
	assert.Equal(t, false, blob.Input("isVersioningEnabled"))
	assert.Equal(t, testRG, blob.Input("resourceGroupName"))
	// Wired to the workspace's own account, by the account's output name.
	assert.Equal(t, []string{st.URN}, blob.PropertyDependencies["accountName"])
	_, ok := plan.Find(rs, managementPolicyToken, "fraud-st-lifecycle")
	assert.False(t, ok, "no lifecycle policy without rules")
}

func TestWorkspaceLifecycleRules(t *testing.T) {
	args := workspaceArgs()
	args.DataLifecycle = prodLifecycle()
	rs, _ := runWorkspace(t, args)
	st := must(t, rs, "azure-native:storage:StorageAccount", "fraud-st")
	blob := must(t, rs, blobServiceToken, "fraud-st-blob")
	assert.Equal(t, true, blob.Input("isVersioningEnabled"))
	assert.Equal(t, float64(90), blob.Input("deleteRetentionPolicy.days"))
	assert.Equal(t, float64(90), blob.Input("containerDeleteRetentionPolicy.days"))

	mp := must(t, rs, managementPolicyToken, "fraud-st-lifecycle")
	assert.Equal(t, "default", mp.Input("managementPolicyName"))
	assert.Equal(t, []string{st.URN}, mp.PropertyDependencies["accountName"])
	assert.Contains(t, mp.Dependencies, blob.URN, "versioning is on before the version rule")
	rules := map[string]map[string]any{}
	for _, r := range mp.Input("policy.rules").([]any) {
		m := r.(map[string]any)
		assert.Equal(t, true, m["enabled"])
		assert.Equal(t, "Lifecycle", m["type"])
		rules[m["name"].(string)] = m["definition"].(map[string]any)
	}
	require.Len(t, rules, 3)
	get := func(m map[string]any, path ...string) any {
		var v any = m
		for _, k := range path {
			v = v.(map[string]any)[k]
		}
		return v
	}
	run := rules["run-artifacts"]
	assert.Equal(t, []any{"azureml/ExperimentRun/"}, get(run, "filters", "prefixMatch"))
	assert.Equal(t, []any{"blockBlob"}, get(run, "filters", "blobTypes"))
	assert.Equal(t, float64(30), get(run, "actions", "baseBlob", "tierToCool", "daysAfterModificationGreaterThan"))
	assert.Equal(t, float64(365), get(run, "actions", "baseBlob", "delete", "daysAfterModificationGreaterThan"))
	assert.Nil(t, get(run, "actions", "baseBlob").(map[string]any)["tierToArchive"], "Azure ML reads online tiers only")

	snap := rules["snapshots"]
	assert.Equal(t, []any{"snapshotzips/"}, get(snap, "filters", "prefixMatch"))
	assert.Equal(t, float64(365), get(snap, "actions", "baseBlob", "delete", "daysAfterCreationGreaterThan"))

	ver := rules["previous-versions"]
	assert.Nil(t, get(ver, "filters").(map[string]any)["prefixMatch"], "previous versions expire in every container")
	assert.Equal(t, float64(90), get(ver, "actions", "version", "delete", "daysAfterCreationGreaterThan"))
	assert.Nil(t, get(ver, "actions").(map[string]any)["baseBlob"], "the version rule never deletes current blobs")

	// No rule may touch the containers Azure ML keeps: workspaceblobstore (azureml-blobstore-*),
	// the file share, or the whole account.
	for name, def := range rules {
		prefixes, _ := get(def, "filters").(map[string]any)["prefixMatch"].([]any)
		if name == "previous-versions" {
			continue
		}
		require.NotEmpty(t, prefixes, name)
		for _, p := range prefixes {
			assert.NotContains(t, p, "azureml-blobstore", name)
		}
	}
}

// Only the rules asked for are made.
func TestWorkspaceLifecycleSomeRules(t *testing.T) {
	args := workspaceArgs()
	args.DataLifecycle = &DataLifecycleArgs{SnapshotsDeleteAfterDays: 60}
	rs, _ := runWorkspace(t, args)
	mp := must(t, rs, managementPolicyToken, "fraud-st-lifecycle")
	rules := mp.Input("policy.rules").([]any)
	require.Len(t, rules, 1)
	assert.Equal(t, "snapshots", rules[0].(map[string]any)["name"])
}

func TestWorkspaceLifecycleBadInput(t *testing.T) {
	lc := func(f func(l *DataLifecycleArgs)) func(a *MLOpsWorkspaceArgs) {
		return func(a *MLOpsWorkspaceArgs) { a.DataLifecycle = prodLifecycle(); f(a.DataLifecycle) }
	}
	assertBadInput(t, workspaceArgs, func(ctx *pulumi.Context, a *MLOpsWorkspaceArgs) error {
		_, err := NewMLOpsWorkspace(ctx, "fraud", a)
		return err
	}, []badCase[MLOpsWorkspaceArgs]{
		{"blob soft delete too long", lc(func(l *DataLifecycleArgs) { l.BlobSoftDeleteDays = 366 }),
			"mlopsWorkspace.dataLifecycle.blobSoftDeleteDays: 366 is outside 1-365"},
		{"container soft delete negative", lc(func(l *DataLifecycleArgs) { l.ContainerSoftDeleteDays = -1 }),
			"mlopsWorkspace.dataLifecycle.containerSoftDeleteDays: -1 is outside 1-365"},
		{"negative age", lc(func(l *DataLifecycleArgs) { l.SnapshotsDeleteAfterDays = -5 }),
			"mlopsWorkspace.dataLifecycle.snapshotsDeleteAfterDays: -5 is outside 0-99999"},
		{"age too large", lc(func(l *DataLifecycleArgs) { l.RunArtifactsCoolAfterDays = 100000; l.RunArtifactsDeleteAfterDays = 0 }),
			"mlopsWorkspace.dataLifecycle.runArtifactsCoolAfterDays: 100000 is outside 0-99999"},
		{"deleted before the cool minimum", lc(func(l *DataLifecycleArgs) { l.RunArtifactsCoolAfterDays = 60; l.RunArtifactsDeleteAfterDays = 70 }),
			"mlopsWorkspace.dataLifecycle.runArtifactsDeleteAfterDays: must be at least 30 days after runArtifactsCoolAfterDays (70 < 60 + 30)"},
		{"version rule without versioning", lc(func(l *DataLifecycleArgs) { l.Versioning = false }),
			"mlopsWorkspace.dataLifecycle.previousVersionsDeleteAfterDays: needs versioning: true"},
	})
}
