// Package diagnostics is the one place diagnostic settings are made: every resource the
// package creates sends its logs and metrics to the central Log Analytics workspace through
// Enable, in the same shape.
package diagnostics

import (
	"github.com/pulumi/pulumi-azure-native-sdk/insights/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/azurelean"
)

// SettingName is the name of every diagnostic setting this package creates (a resource can
// carry several settings; the name says who owns this one).
const SettingName = "to-central-law"

// Profile says what a resource type can send.
type Profile struct {
	// LogCategoryGroups to enable ("allLogs" covers audit and everything else).
	LogCategoryGroups []string
	// MetricCategories to enable ("AllMetrics" where the type supports it).
	MetricCategories []string
}

var (
	// LogsAndMetrics fits Key Vault, container registry, ML workspace and storage services.
	LogsAndMetrics = Profile{LogCategoryGroups: []string{"allLogs"}, MetricCategories: []string{"AllMetrics"}}
	// StorageAccount: the account resource itself emits only transaction metrics; its logs come
	// from the blob/file/queue/table services (see StorageServices).
	StorageAccount = Profile{MetricCategories: []string{"Transaction"}}
	// LogsOnly fits network security groups (events and rule counters; no metrics).
	LogsOnly = Profile{LogCategoryGroups: []string{"allLogs"}}
	// StorageService fits <account>/blobServices/default and the other storage services.
	StorageService = Profile{LogCategoryGroups: []string{"allLogs"}, MetricCategories: []string{"Transaction"}}
)

// StorageServices are the storage sub-services whose logs are collected.
var StorageServices = []string{"blobServices", "fileServices"}

// Enable creates a diagnostic setting on targetID that sends profile to workspaceID.
func Enable(ctx *pulumi.Context, parent pulumi.Resource, name string, targetID, workspaceID pulumi.StringInput,
	profile Profile, opts ...pulumi.ResourceOption,
) (*azurelean.Resource, error) {
	var logs insights.LogSettingsArray
	for _, g := range profile.LogCategoryGroups {
		logs = append(logs, insights.LogSettingsArgs{CategoryGroup: pulumi.String(g), Enabled: pulumi.Bool(true)})
	}
	var metrics insights.MetricSettingsArray
	for _, c := range profile.MetricCategories {
		metrics = append(metrics, insights.MetricSettingsArgs{Category: pulumi.String(c), Enabled: pulumi.Bool(true)})
	}
	return azurelean.Register(ctx, "azure-native:insights:DiagnosticSetting", name, &insights.DiagnosticSettingArgs{
		Name:        pulumi.String(SettingName),
		ResourceUri: targetID,
		WorkspaceId: workspaceID,
		Logs:        logs,
		Metrics:     metrics,
	}, append([]pulumi.ResourceOption{pulumi.Parent(parent)}, opts...)...)
}
