package components

import (
	"errors"
	"fmt"

	"github.com/pulumi/pulumi-azure-native-sdk/storage/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/azurelean"
)

// Defaults and limits of DataLifecycleArgs.
const (
	// Shortest soft delete Microsoft recommends keeping on; the platform never turns it off.
	DefaultSoftDeleteDays = 7
	// Soft delete retention is 1-365 days for blobs and containers.
	// learn.microsoft.com/azure/storage/blobs/soft-delete-blob-overview,
	// learn.microsoft.com/azure/storage/blobs/soft-delete-container-overview
	minSoftDeleteDays, maxSoftDeleteDays = 1, 365
	// Lifecycle management conditions accept 0-99999 days.
	// learn.microsoft.com/azure/storage/blobs/lifecycle-management-overview#rule-actions
	maxLifecycleDays = 99999
	// The cool tier bills at least 30 days per blob (early deletion charge), so tiering to cool
	// later than deleting, or less than 30 days before it, only costs money.
	// learn.microsoft.com/azure/storage/blobs/access-tiers-overview#summary-of-access-tier-options
	coolMinimumDays = 30
)

// Containers of the workspace's default storage the lifecycle rules touch. Azure ML writes a
// job's logs and run history under azureml/ExperimentRun/dcid.<job-id>/ and the zipped code
// snapshot of each job into snapshotzips/ (learn.microsoft.com/azure/machine-learning/
// concept-workspace#associated-resources; how-to-log-view-metrics#view-and-download-log-files).
// Registered models, data assets and job outputs live in the azureml-blobstore-<guid>
// container (workspaceblobstore) and are never deleted by these rules: assets keep pointing at
// those paths. See DataLifecycleArgs.
var (
	runArtifactPrefixes = []string{"azureml/ExperimentRun/"}
	snapshotPrefixes    = []string{"snapshotzips/"}
)

// DataLifecycleArgs controls what the workspace's default storage keeps, and for how long.
// Azure ML needs kept: the workspaceblobstore container (registered models and data assets,
// job outputs) and the workspacefilestore share (notebooks); the rules below never touch
// them. They expire job logs/run history and job code snapshots: the studio then shows no
// logs or code for the expired jobs, while their metrics, models and outputs stay.
type DataLifecycleArgs struct {
	// Days a deleted blob stays recoverable (1-365). Default 7 (profile: dev 7, test 30, prod 90).
	BlobSoftDeleteDays int `pulumi:"blobSoftDeleteDays,optional"`
	// Days a deleted container stays recoverable (1-365). Default 7 (profile: dev 7, test 30, prod 90).
	ContainerSoftDeleteDays int `pulumi:"containerSoftDeleteDays,optional"`
	// Keep every overwritten or deleted blob as a previous version (profile: prod).
	Versioning bool `pulumi:"versioning,optional"`
	// Move job logs and run history to the cool tier this many days after their last change
	// (0: never; at least 30 days before runArtifactsDeleteAfterDays when both are set).
	RunArtifactsCoolAfterDays int `pulumi:"runArtifactsCoolAfterDays,optional"`
	// Delete job logs and run history this many days after their last change (0: never).
	RunArtifactsDeleteAfterDays int `pulumi:"runArtifactsDeleteAfterDays,optional"`
	// Delete job code snapshots this many days after their creation (0: never).
	SnapshotsDeleteAfterDays int `pulumi:"snapshotsDeleteAfterDays,optional"`
	// Delete previous blob versions this many days after they became previous (0: never;
	// needs versioning).
	PreviousVersionsDeleteAfterDays int `pulumi:"previousVersionsDeleteAfterDays,optional"`
}

// lifecyclePlan is DataLifecycleArgs with defaults applied.
type lifecyclePlan struct {
	DataLifecycleArgs
}

func planLifecycle(f string, a *DataLifecycleArgs) (lifecyclePlan, error) {
	var p lifecyclePlan
	if a != nil {
		p.DataLifecycleArgs = *a
	}
	if p.BlobSoftDeleteDays == 0 {
		p.BlobSoftDeleteDays = DefaultSoftDeleteDays
	}
	if p.ContainerSoftDeleteDays == 0 {
		p.ContainerSoftDeleteDays = DefaultSoftDeleteDays
	}
	var errs []error
	for _, d := range []struct {
		key string
		v   int
	}{{"blobSoftDeleteDays", p.BlobSoftDeleteDays}, {"containerSoftDeleteDays", p.ContainerSoftDeleteDays}} {
		if d.v < minSoftDeleteDays || d.v > maxSoftDeleteDays {
			errs = append(errs, fmt.Errorf("%s.%s: %d is outside %d-%d", f, d.key, d.v, minSoftDeleteDays, maxSoftDeleteDays))
		}
	}
	for _, d := range []struct {
		key string
		v   int
	}{{"runArtifactsCoolAfterDays", p.RunArtifactsCoolAfterDays}, {"runArtifactsDeleteAfterDays", p.RunArtifactsDeleteAfterDays},
		{"snapshotsDeleteAfterDays", p.SnapshotsDeleteAfterDays}, {"previousVersionsDeleteAfterDays", p.PreviousVersionsDeleteAfterDays}} {
		if d.v < 0 || d.v > maxLifecycleDays {
			errs = append(errs, fmt.Errorf("%s.%s: %d is outside 0-%d (0: never)", f, d.key, d.v, maxLifecycleDays))
		}
	}
	if c, d := p.RunArtifactsCoolAfterDays, p.RunArtifactsDeleteAfterDays; c > 0 && d > 0 && d < c+coolMinimumDays {
		errs = append(errs, fmt.Errorf("%s.runArtifactsDeleteAfterDays: must be at least %d days after runArtifactsCoolAfterDays (%d < %d + %d); the cool tier bills 30 days minimum",
			f, coolMinimumDays, d, c, coolMinimumDays))
	}
	if p.PreviousVersionsDeleteAfterDays > 0 && !p.Versioning {
		errs = append(errs, fmt.Errorf("%s.previousVersionsDeleteAfterDays: needs versioning: true (there are no previous versions without it)", f))
	}
	return p, errors.Join(errs...)
}

// rules returns the management policy's rules (none: no policy is created).
func (p lifecyclePlan) rules() storage.ManagementPolicyRuleArray {
	var rules storage.ManagementPolicyRuleArray
	rule := func(name string, prefixes []string, actions storage.ManagementPolicyActionArgs) {
		rules = append(rules, storage.ManagementPolicyRuleArgs{
			Name:    pulumi.String(name),
			Enabled: pulumi.Bool(true),
			Type:    pulumi.String("Lifecycle"),
			Definition: storage.ManagementPolicyDefinitionArgs{
				Filters: &storage.ManagementPolicyFilterArgs{
					BlobTypes:   pulumi.ToStringArray([]string{"blockBlob"}),
					PrefixMatch: pulumi.ToStringArray(prefixes),
				},
				Actions: actions,
			},
		})
	}
	if p.RunArtifactsCoolAfterDays > 0 || p.RunArtifactsDeleteAfterDays > 0 {
		base := &storage.ManagementPolicyBaseBlobArgs{}
		if d := p.RunArtifactsCoolAfterDays; d > 0 {
			base.TierToCool = &storage.DateAfterModificationArgs{DaysAfterModificationGreaterThan: pulumi.Float64(float64(d))}
		}
		if d := p.RunArtifactsDeleteAfterDays; d > 0 {
			base.Delete = &storage.DateAfterModificationArgs{DaysAfterModificationGreaterThan: pulumi.Float64(float64(d))}
		}
		rule("run-artifacts", runArtifactPrefixes, storage.ManagementPolicyActionArgs{BaseBlob: base})
	}
	if d := p.SnapshotsDeleteAfterDays; d > 0 {
		// Snapshots are written once: creation time is their age.
		rule("snapshots", snapshotPrefixes, storage.ManagementPolicyActionArgs{BaseBlob: &storage.ManagementPolicyBaseBlobArgs{
			Delete: &storage.DateAfterModificationArgs{DaysAfterCreationGreaterThan: pulumi.Float64(float64(d))},
		}})
	}
	if d := p.PreviousVersionsDeleteAfterDays; d > 0 {
		// Every container: without it versioning keeps every overwrite forever.
		rules = append(rules, storage.ManagementPolicyRuleArgs{
			Name: pulumi.String("previous-versions"), Enabled: pulumi.Bool(true), Type: pulumi.String("Lifecycle"),
			Definition: storage.ManagementPolicyDefinitionArgs{
				Filters: &storage.ManagementPolicyFilterArgs{BlobTypes: pulumi.ToStringArray([]string{"blockBlob"})},
				Actions: storage.ManagementPolicyActionArgs{Version: &storage.ManagementPolicyVersionArgs{
					Delete: &storage.DateAfterCreationArgs{DaysAfterCreationGreaterThan: pulumi.Float64(float64(d))},
				}},
			},
		})
	}
	return rules
}

// newWorkspaceLifecycle sets the blob service's soft delete and versioning and, when there
// are rules, the account's lifecycle management policy.
func newWorkspaceLifecycle(ctx *pulumi.Context, c *MLOpsWorkspace, name string, p *workspacePlan, st *azurelean.StorageAccountResource) error {
	a, l := p.args, p.lifecycle
	// learn.microsoft.com/azure/storage/blobs/soft-delete-blob-overview,
	// soft-delete-container-overview, versioning-overview
	blob, err := azurelean.Register(ctx, "azure-native:storage:BlobServiceProperties", name+"-st-blob", &storage.BlobServicePropertiesArgs{
		AccountName:                    st.Name,
		ResourceGroupName:              a.ResourceGroupName,
		BlobServicesName:               pulumi.String("default"),
		IsVersioningEnabled:            pulumi.Bool(l.Versioning),
		DeleteRetentionPolicy:          &storage.DeleteRetentionPolicyArgs{Enabled: pulumi.Bool(true), Days: pulumi.Int(l.BlobSoftDeleteDays)},
		ContainerDeleteRetentionPolicy: &storage.DeleteRetentionPolicyArgs{Enabled: pulumi.Bool(true), Days: pulumi.Int(l.ContainerSoftDeleteDays)},
	}, pulumi.Parent(c))
	if err != nil {
		return err
	}
	rules := l.rules()
	if len(rules) == 0 {
		return nil
	}
	// The policy's name is always "default".
	// learn.microsoft.com/rest/api/storagerp/management-policies/create-or-update
	// After the blob service: a rule for previous versions presumes versioning is on.
	_, err = azurelean.Register(ctx, "azure-native:storage:ManagementPolicy", name+"-st-lifecycle", &storage.ManagementPolicyArgs{
		AccountName:          st.Name,
		ResourceGroupName:    a.ResourceGroupName,
		ManagementPolicyName: pulumi.String("default"),
		Policy:               storage.ManagementPolicySchemaArgs{Rules: rules},
	}, pulumi.Parent(c), pulumi.DependsOn([]pulumi.Resource{blob}))
	return err
}
