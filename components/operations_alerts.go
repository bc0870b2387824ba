package components

import (
	"fmt"

	"github.com/pulumi/pulumi-azure-native-sdk/insights/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/azurelean"
)

// SupportedMetrics are the platform metrics ("Name in REST API") this package alerts on or
// queries, per resource type, with the aggregations Microsoft lists for each and whether the
// metric is exported through diagnostic settings ("DS Export": only those reach AzureMetrics).
// Checked against the supported-metrics pages named in Source (their tables are generated from
// the Azure metric definitions API; the same rows are in Microsoft's Azure Monitor Baseline
// Alerts dump github.com/Azure/azure-monitor-baseline-alerts tooling/query-metrics-alerts/
// metric_definitions.json). Every metric alert's criteria use one of these with a listed
// aggregation (TestMetricAlertsUseDocumentedMetrics), and every AzureMetrics query a metric
// with DS Export (TestAzureMetricsQueriesUseExportedMetrics).
var SupportedMetrics = map[string]struct {
	Source  string
	Metrics map[string]MetricInfo
}{
	"Microsoft.MachineLearningServices/workspaces": {
		Source: "learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-machinelearningservices-workspaces-metrics",
		Metrics: map[string]MetricInfo{
			"Failed Runs":                  {[]string{"Total", "Average", "Minimum", "Maximum", "Count"}, true},
			"Quota Utilization Percentage": {[]string{"Average", "Maximum", "Minimum", "Total"}, true},
			"Unusable Nodes":               {[]string{"Average", "Maximum", "Minimum", "Total"}, true},
			"Preempted Nodes":              {[]string{"Average", "Maximum", "Minimum", "Total"}, true},
			"Active Cores":                 {[]string{"Average", "Maximum", "Minimum", "Total"}, true},
			"Active Nodes":                 {[]string{"Average", "Maximum", "Minimum", "Total"}, true},
		},
	},
	"Microsoft.KeyVault/vaults": {
		Source: "learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-keyvault-vaults-metrics",
		Metrics: map[string]MetricInfo{
			"Availability": {[]string{"Average"}, true},
			// SaturationShoebox ("Overall Vault Saturation") is not exported by diagnostic
			// settings (DS Export: No): alert on it, never query it from AzureMetrics.
			"SaturationShoebox": {[]string{"Average"}, false},
		},
	},
	"Microsoft.Storage/storageAccounts": {
		Source: "learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-storage-storageaccounts-metrics",
		Metrics: map[string]MetricInfo{
			"Availability": {[]string{"Average", "Minimum", "Maximum"}, true},
		},
	},
}

// MetricInfo is what Microsoft's supported-metrics table lists for one metric.
type MetricInfo struct {
	Aggregations []string
	DSExport     bool
}

// metricRule is one metric alert on every resource of a type.
type metricRule struct {
	key, metric, aggregation, operator string
	threshold                          float64
	// failure: an outage or failed work (pages where paging is on); else a warning (severity 2/3).
	failure bool
	reason  string
}

var (
	workspaceMetricRules = []metricRule{
		// Not a page: the log alert failed-jobs pages for the same failure and names the run, so
		// this one is a warning (severity 2 in prod), not a second page per failed job.
		{"failed-runs", "Failed Runs", "Total", "GreaterThan", 0, false, "jobs (runs) failed in the workspace (the log alert failed-jobs pages with the run's name)"},
		{"quota", "Quota Utilization Percentage", "Maximum", "GreaterThanOrEqual", 90, false, "the workspace uses 90 % of its compute quota; the next scale-up queues"},
		{"unusable-nodes", "Unusable Nodes", "Maximum", "GreaterThan", 0, false, "cluster nodes are unusable (Azure recycles them; jobs on them fail)"},
		{"preempted-nodes", "Preempted Nodes", "Maximum", "GreaterThan", 0, false, "low-priority nodes were preempted; their jobs restart or fail"},
	}
	vaultMetricRules = []metricRule{
		{"availability", "Availability", "Average", "LessThan", 99.9, true, "Key Vault requests fail (workspace secrets, CMK)"},
		{"saturation", "SaturationShoebox", "Average", "GreaterThan", 75, false, "the vault nears its request limits and will throttle"},
	}
	storageMetricRules = []metricRule{
		{"availability", "Availability", "Average", "LessThan", 99.9, true, "the workspace storage fails requests (datasets, job outputs, models)"},
	}
)

// logRule is one log search alert over the central Log Analytics workspace.
type logRule struct {
	key, query string
	failure    bool
	reason     string
}

// LogAlertQueries are the log alerts' KQL, over tables the workspaces' diagnostic settings
// (allLogs) send; TestQueriesUseSentColumns checks every column against LogTables.
var logRules = []logRule{
	{"failed-jobs", `AmlRunStatusChangedEvent | where Status == "Failed" | project TimeGenerated, WorkspaceName, RunId, RootRunId, Message`,
		true, "a job failed; the row names the workspace and the run"},
	{"cluster-at-max", `AmlComputeClusterEvent | where MaximumNodeCount > 0 and TargetNodeCount >= MaximumNodeCount | summarize arg_max(TimeGenerated, TargetNodeCount, MaximumNodeCount) by ClusterName, _ResourceId`,
		false, "a compute cluster asks for its maximum node count; more work queues"},
	{"cluster-quota", `AmlComputeClusterEvent | where toreal(QuotaAllocated) > 0 and toreal(QuotaUtilized) >= 0.9 * toreal(QuotaAllocated) | summarize arg_max(TimeGenerated, QuotaUtilized, QuotaAllocated) by ClusterName, VmFamilyName, _ResourceId`,
		false, "a cluster uses 90 % of its VM family quota"},
	{"unusable-preempted", `AmlComputeClusterEvent | where UnusableNodeCount > 0 or toint(PreemptedNodeCount) > 0 | summarize arg_max(TimeGenerated, UnusableNodeCount, PreemptedNodeCount) by ClusterName, _ResourceId`,
		false, "nodes of a cluster are unusable or preempted"},
}

// LogAlertQueries returns the KQL of every log alert, by key.
func LogAlertQueries() map[string]string {
	out := map[string]string{}
	for _, r := range logRules {
		out[r.key] = r.query
	}
	return out
}

func (p *operationsPlan) severityOf(failure bool) int {
	switch {
	case failure && p.args.Paging:
		return 1
	case failure:
		return 3
	case p.args.Paging:
		return 2
	}
	return 3
}

func (c *Operations) buildAlerts(ctx *pulumi.Context, name string, p *operationsPlan, tags pulumi.StringMap) error {
	a := p.args
	actions := insights.MetricAlertActionArray{insights.MetricAlertActionArgs{ActionGroupId: c.ActionGroupId}}
	// typ is the alerted resource type, also the criteria's metric namespace: the supported-metrics
	// pages list these metrics under the resource type's own namespace (Source in SupportedMetrics),
	// and Microsoft's baseline alerts set it so (metricNamespace in Azure/azure-monitor-baseline-alerts
	// services/{MachineLearningServices/workspaces,KeyVault/vaults,Storage/storageAccounts}/alerts.yaml).
	metricAlerts := func(key string, scope pulumi.StringInput, typ string, rules []metricRule) error {
		for _, r := range rules {
			ruleName := fmt.Sprintf("ma-%s-%s-%s", a.Environment, key, r.key)
			if _, err := azurelean.Register(ctx, "azure-native:insights:MetricAlert", name+"-"+key+"-"+r.key, &insights.MetricAlertArgs{
				RuleName:          pulumi.String(ruleName),
				ResourceGroupName: a.ResourceGroupName,
				// Metric alert rules are global (learn.microsoft.com/azure/azure-monitor/alerts/alerts-create-metric-alert-rule).
				Location:            pulumi.String("global"),
				Description:         pulumi.String(r.reason),
				Severity:            pulumi.Int(p.severityOf(r.failure)),
				Enabled:             pulumi.Bool(true),
				Scopes:              pulumi.StringArray{scope},
				EvaluationFrequency: pulumi.String("PT5M"),
				WindowSize:          pulumi.String("PT15M"),
				AutoMitigate:        pulumi.Bool(true),
				Criteria: insights.MetricAlertSingleResourceMultipleMetricCriteriaArgs{
					OdataType: pulumi.String("Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria"),
					AllOf: insights.MetricCriteriaArray{insights.MetricCriteriaArgs{
						CriterionType:   pulumi.String("StaticThresholdCriterion"),
						Name:            pulumi.String(r.key),
						MetricName:      pulumi.String(r.metric),
						MetricNamespace: pulumi.String(typ),
						TimeAggregation: pulumi.String(r.aggregation),
						Operator:        pulumi.String(r.operator),
						Threshold:       pulumi.Float64(r.threshold),
					}},
				},
				Actions: actions,
				Tags:    tags,
			}, childOpts(c)...); err != nil {
				return err
			}
		}
		return nil
	}
	if a.SharedKeyVaultId != nil {
		if err := metricAlerts("kv", a.SharedKeyVaultId, "Microsoft.KeyVault/vaults", vaultMetricRules); err != nil {
			return err
		}
	}
	for _, w := range a.Workspaces {
		if w.WorkspaceId != nil {
			if err := metricAlerts(w.Project+"-mlw", w.WorkspaceId, "Microsoft.MachineLearningServices/workspaces", workspaceMetricRules); err != nil {
				return err
			}
		}
		if w.StorageAccountId != nil {
			if err := metricAlerts(w.Project+"-st", w.StorageAccountId, "Microsoft.Storage/storageAccounts", storageMetricRules); err != nil {
				return err
			}
		}
		if w.KeyVaultId != nil {
			if err := metricAlerts(w.Project+"-kv", w.KeyVaultId, "Microsoft.KeyVault/vaults", vaultMetricRules); err != nil {
				return err
			}
		}
	}
	for _, r := range logRules {
		if _, err := insights.NewScheduledQueryRule(ctx, name+"-log-"+r.key, &insights.ScheduledQueryRuleArgs{
			RuleName:          pulumi.String(fmt.Sprintf("la-%s-%s", a.Environment, r.key)),
			ResourceGroupName: a.ResourceGroupName,
			Location:          pulumi.String(a.Location),
			Kind:              pulumi.String("LogAlert"),
			Description:       pulumi.String(r.reason),
			Severity:          pulumi.Float64(float64(p.severityOf(r.failure))),
			Enabled:           pulumi.Bool(true),
			Scopes:            pulumi.StringArray{a.LogAnalyticsWorkspaceId},
			// Resource logs reach Log Analytics within minutes; a 15-minute window over a 5-minute
			// cadence sees each event (learn.microsoft.com/azure/azure-monitor/alerts/alerts-create-log-alert-rule).
			EvaluationFrequency: pulumi.String("PT5M"),
			WindowSize:          pulumi.String("PT15M"),
			Criteria: insights.ScheduledQueryRuleCriteriaArgs{AllOf: insights.ConditionArray{insights.ConditionArgs{
				Query:           pulumi.String(r.query),
				TimeAggregation: pulumi.String("Count"),
				Operator:        pulumi.String("GreaterThan"),
				Threshold:       pulumi.Float64(0),
				FailingPeriods: insights.ConditionFailingPeriodsArgs{
					NumberOfEvaluationPeriods: pulumi.Float64(1), MinFailingPeriodsToAlert: pulumi.Float64(1),
				},
			}}},
			Actions: insights.ActionsArgs{ActionGroups: pulumi.StringArray{c.ActionGroupId}},
			Tags:    tags,
		}, childOpts(c)...); err != nil {
			return err
		}
	}
	return nil
}
