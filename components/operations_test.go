package components

import (
	"encoding/json"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/diagnostics"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/plan"
)

const (
	actionGroupToken = "azure-native:insights:ActionGroup"
	metricAlertToken = "azure-native:insights:MetricAlert"
	logAlertToken    = "azure-native:insights:ScheduledQueryRule"
	workbookToken    = "azure-native:insights:Workbook"
	budgetToken      = "azure-native:consumption:Budget"
	lockToken        = "azure-native:authorization:ManagementLockByScope"
	replicaToken     = "azure-native:containerregistry/v20231101preview:Replication"
)

var (
	opsLAW = armID("Microsoft.OperationalInsights/workspaces", "log-mlops-dev")
	opsKV  = armID("Microsoft.KeyVault/vaults", "kv-mlops-dev")
	opsRG  = "/subscriptions/" + testSub + "/resourceGroups/" + testRG
)

func opsArgs() *OperationsArgs {
	return &OperationsArgs{
		ResourceGroupName: pulumi.String(testRG), ResourceGroupId: pulumi.String(opsRG), Location: "westeurope",
		Workload: "mlops", Environment: "dev", LogAnalyticsWorkspaceId: pulumi.String(opsLAW), SharedKeyVaultId: pulumi.String(opsKV),
		AlertEmails: []string{"mlops-oncall@contoso.com"}, MonthlyBudget: 3000, BudgetStartDate: "2026-12-01",
		ProjectBudgets: []ProjectBudgetArgs{{Project: "fraud", Amount: 1200}},
		Workspaces: []MonitoredWorkspaceArgs{{Project: "fraud",
			WorkspaceId:           pulumi.String(armID("Microsoft.MachineLearningServices/workspaces", "mlw-fraud-dev")),
			StorageAccountId:      pulumi.String(armID("Microsoft.Storage/storageAccounts", "stfrauddev")),
			KeyVaultId:            pulumi.String(armID("Microsoft.KeyVault/vaults", "kv-fraud-dev")),
			ContainerRegistryId:   pulumi.String(armID("Microsoft.ContainerRegistry/registries", "crfrauddev")),
			ContainerRegistryName: pulumi.String("crfrauddev"),
		}},
		Workbook: true,
	}
}

func runOps(t *testing.T, a *OperationsArgs) []plan.Resource {
	return run(t, func(ctx *pulumi.Context) error { _, err := NewOperations(ctx, "ops", a); return err })
}

func TestOperationsActionGroupAndBudgets(t *testing.T) {
	rs := runOps(t, opsArgs())
	ag := must(t, rs, actionGroupToken, "ops-ag")
	assert.Equal(t, "ag-mlops-dev", ag.Input("actionGroupName"))
	assert.Equal(t, "mlopsdev", ag.Input("groupShortName"))
	assert.Equal(t, "mlops-oncall@contoso.com", ag.Input("emailReceivers[0].emailAddress"))
	assert.Nil(t, ag.Input("webhookReceivers"), "dev only emails")
	agID := armID("Microsoft.Insights/actionGroups", "ag-mlops-dev")

	env := must(t, rs, budgetToken, "ops-budget-env")
	assert.Equal(t, opsRG, env.Input("scope"), "the environment's budget covers its resource group")
	assert.Equal(t, 3000.0, env.Input("amount"))
	assert.Equal(t, "Monthly", env.Input("timeGrain"))
	assert.Equal(t, "2026-12-01T00:00:00Z", env.Input("timePeriod.startDate"))
	assert.Nil(t, env.Input("filter"))
	notes := env.Input("notifications").(map[string]any)
	var keys []string
	for k := range notes {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	assert.Equal(t, []string{"actual100", "actual50", "actual80", "forecasted100"}, keys)
	f := notes["forecasted100"].(map[string]any)
	assert.Equal(t, "Forecasted", f["thresholdType"])
	assert.Equal(t, "GreaterThan", f["operator"])
	assert.Equal(t, []any{agID}, f["contactGroups"], "budgets notify the action group")
	assert.Equal(t, []any{"mlops-oncall@contoso.com"}, f["contactEmails"])

	proj := must(t, rs, budgetToken, "ops-budget-fraud")
	assert.Equal(t, "budget-fraud-dev", proj.Input("budgetName"))
	assert.Equal(t, opsRG, proj.Input("scope"))
	assert.Equal(t, "workload", proj.Input("filter.tags.name"), "a project's budget filters on its workload tag")
	assert.Equal(t, []any{"fraud"}, proj.Input("filter.tags.values"))
	assert.Equal(t, "In", proj.Input("filter.tags.operator"))
}

// Without resourceGroupId, the budgets' scope is the resource group of that name in the
// deployment's subscription (YAML and TypeScript users need not build the id).
func TestOperationsBudgetScopeDefault(t *testing.T) {
	a := opsArgs()
	a.ResourceGroupId = nil
	rs := runOps(t, a)
	for _, key := range []string{"env", "fraud"} {
		assert.Equal(t, opsRG, must(t, rs, budgetToken, "ops-budget-"+key).Input("scope"), key)
	}
}

func TestOperationsAlertsWiring(t *testing.T) {
	rs := runOps(t, opsArgs())
	agID := armID("Microsoft.Insights/actionGroups", "ag-mlops-dev")
	mas := byType(rs, metricAlertToken)
	// shared vault 2, workspace 4, storage 1, project vault 2
	require.Len(t, mas, 9)
	for _, m := range mas {
		assert.Equal(t, []any{map[string]any{"actionGroupId": agID}}, m.Input("actions"), m.Name)
		assert.Equal(t, 3.0, m.Input("severity"), "%s: dev alerts are severity 3 (email)", m.Name)
		assert.Equal(t, "global", m.Input("location"))
	}
	failed := must(t, rs, metricAlertToken, "ops-fraud-mlw-failed-runs")
	assert.Equal(t, []any{armID("Microsoft.MachineLearningServices/workspaces", "mlw-fraud-dev")}, failed.Input("scopes"))
	assert.Equal(t, "Failed Runs", failed.Input("criteria.allOf[0].metricName"))
	assert.Equal(t, "Microsoft.MachineLearningServices/workspaces", failed.Input("criteria.allOf[0].metricNamespace"))
	assert.Equal(t, "Total", failed.Input("criteria.allOf[0].timeAggregation"))
	kv := must(t, rs, metricAlertToken, "ops-kv-availability")
	assert.Equal(t, []any{opsKV}, kv.Input("scopes"))
	assert.Equal(t, "Microsoft.KeyVault/vaults", kv.Input("criteria.allOf[0].metricNamespace"))
	// Every alert's namespace is its scope's resource type (the metrics' namespace on the supported-metrics pages).
	for _, m := range mas {
		scopes, _ := m.Input("scopes").([]any)
		ns, _ := m.Input("criteria.allOf[0].metricNamespace").(string)
		if assert.Len(t, scopes, 1, m.Name) && assert.NotEmpty(t, ns, m.Name) {
			if id, ok := scopes[0].(string); ok {
				assert.Contains(t, strings.ToLower(id), "/providers/"+strings.ToLower(ns)+"/", "%s: namespace %s, scope %s", m.Name, ns, id)
			}
		}
	}

	las := byType(rs, logAlertToken)
	require.Len(t, las, len(logRules))
	for _, l := range las {
		assert.Equal(t, []any{opsLAW}, l.Input("scopes"), "log alerts query the central workspace")
		assert.Equal(t, []any{agID}, l.Input("actions.actionGroups"), l.Name)
		assert.Equal(t, "LogAlert", l.Input("kind"))
		assert.Equal(t, "PT5M", l.Input("evaluationFrequency"), l.Name)
		assert.Equal(t, "PT15M", l.Input("windowSize"), l.Name)
		assert.Equal(t, "Count", l.Input("criteria.allOf[0].timeAggregation"), l.Name)
		assert.Equal(t, "GreaterThan", l.Input("criteria.allOf[0].operator"), l.Name)
		assert.Equal(t, 0.0, l.Input("criteria.allOf[0].threshold"), l.Name)
		assert.Equal(t, 1.0, l.Input("criteria.allOf[0].failingPeriods.numberOfEvaluationPeriods"), l.Name)
		assert.Equal(t, 1.0, l.Input("criteria.allOf[0].failingPeriods.minFailingPeriodsToAlert"), l.Name)
	}
	// Each log alert queries its table (literal expectations, not the rule list).
	for name, table := range map[string]string{"ops-log-failed-jobs": "AmlRunStatusChangedEvent", "ops-log-cluster-at-max": "AmlComputeClusterEvent",
		"ops-log-cluster-quota": "AmlComputeClusterEvent", "ops-log-unusable-preempted": "AmlComputeClusterEvent"} {
		q, _ := must(t, rs, logAlertToken, name).Input("criteria.allOf[0].query").(string)
		assert.True(t, strings.HasPrefix(q, table+" | where "), "%s: %q", name, q)
	}
	fj, _ := must(t, rs, logAlertToken, "ops-log-failed-jobs").Input("criteria.allOf[0].query").(string)
	assert.Contains(t, fj, `Status == "Failed"`)
	assert.Contains(t, fj, "RunId", "the page names the run")
	assert.Equal(t, "la-dev-failed-jobs", must(t, rs, logAlertToken, "ops-log-failed-jobs").Input("ruleName"))

	// Metric alerts: single-resource static thresholds every 5 minutes over 15.
	for _, m := range mas {
		assert.Equal(t, "Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria", m.Input("criteria.odataType"), m.Name)
		assert.Equal(t, "StaticThresholdCriterion", m.Input("criteria.allOf[0].criterionType"), m.Name)
		assert.Equal(t, "PT5M", m.Input("evaluationFrequency"), m.Name)
		assert.Equal(t, "PT15M", m.Input("windowSize"), m.Name)
	}
	for name, want := range map[string][3]any{
		"ops-fraud-mlw-failed-runs":     {"Total", "GreaterThan", 0.0},
		"ops-fraud-mlw-quota":           {"Maximum", "GreaterThanOrEqual", 90.0},
		"ops-fraud-mlw-unusable-nodes":  {"Maximum", "GreaterThan", 0.0},
		"ops-fraud-mlw-preempted-nodes": {"Maximum", "GreaterThan", 0.0},
		"ops-kv-availability":           {"Average", "LessThan", 99.9},
		"ops-kv-saturation":             {"Average", "GreaterThan", 75.0},
		"ops-fraud-st-availability":     {"Average", "LessThan", 99.9},
		"ops-fraud-kv-availability":     {"Average", "LessThan", 99.9},
	} {
		m := must(t, rs, metricAlertToken, name)
		assert.Equal(t, want[0], m.Input("criteria.allOf[0].timeAggregation"), name)
		assert.Equal(t, want[1], m.Input("criteria.allOf[0].operator"), name)
		assert.Equal(t, want[2], m.Input("criteria.allOf[0].threshold"), name)
	}
}

func TestOperationsPagingInProd(t *testing.T) {
	a := opsArgs()
	a.Environment, a.Paging = "prod", true
	a.AlertWebhooks = []string{"https://events.pagerduty.com/integration/abc/enqueue"}
	rs := runOps(t, a)
	ag := must(t, rs, actionGroupToken, "ops-ag")
	assert.Equal(t, "https://events.pagerduty.com/integration/abc/enqueue", ag.Input("webhookReceivers[0].serviceUri"))
	assert.True(t, ag.IsSecretInput("webhookReceivers[0].serviceUri"), "the webhook URL (an integration key) is a secret in state")
	// One page per failed job: the log alert (it names the run); the metric alert on Failed Runs warns.
	assert.Equal(t, 2.0, must(t, rs, metricAlertToken, "ops-fraud-mlw-failed-runs").Input("severity"), "the metric alert does not page twice")
	assert.Equal(t, 1.0, must(t, rs, metricAlertToken, "ops-fraud-st-availability").Input("severity"), "outages page in prod")
	assert.Equal(t, 2.0, must(t, rs, metricAlertToken, "ops-fraud-mlw-quota").Input("severity"))
	assert.Equal(t, 1.0, must(t, rs, logAlertToken, "ops-log-failed-jobs").Input("severity"))
}

func TestOperationsLocksAndReplicas(t *testing.T) {
	a := opsArgs()
	rs := runOps(t, a)
	assert.Empty(t, byType(rs, lockToken))
	assert.Empty(t, byType(rs, replicaToken))

	mlr := armID("Microsoft.MachineLearningServices/registries", "mlr-mlops")
	a.Locks, a.RegistryReplicaLocation, a.MlRegistryId = true, "northeurope", pulumi.String(mlr)
	rs = runOps(t, a)
	var scopes []string
	for _, l := range byType(rs, lockToken) {
		assert.Equal(t, "CanNotDelete", l.Input("level"))
		scopes = append(scopes, l.Input("scope").(string))
	}
	// Every stateful resource: Log Analytics, the shared vault and ML registry, the project's
	// storage, vault and registry.
	projectScopes := []string{armID("Microsoft.Storage/storageAccounts", "stfrauddev"),
		armID("Microsoft.KeyVault/vaults", "kv-fraud-dev"), armID("Microsoft.ContainerRegistry/registries", "crfrauddev")}
	assert.ElementsMatch(t, append([]string{opsLAW, opsKV, mlr}, projectScopes...), scopes)
	for _, s := range scopes {
		assert.NotEqual(t, opsRG, s, "never a resource-group lock (Azure ML's managed network)")
		assert.NotContains(t, s, "Microsoft.MachineLearningServices/workspaces", "never a lock on a workspace")
	}
	// An external central Log Analytics workspace (its owner's) and no shared registry.
	a.LogAnalyticsWorkspaceExternal, a.MlRegistryId = true, nil
	rs = runOps(t, a)
	scopes = nil
	for _, l := range byType(rs, lockToken) {
		scopes = append(scopes, l.Input("scope").(string))
	}
	assert.ElementsMatch(t, append([]string{opsKV}, projectScopes...), scopes)
	r := must(t, rs, replicaToken, "ops-cr-fraud-replica")
	assert.Equal(t, "northeurope", r.Input("location"))
	assert.Equal(t, "crfrauddev", r.Input("registryName"))
	assert.Equal(t, testRG, r.Input("resourceGroupName"))
	assert.Equal(t, true, r.Input("regionEndpointEnabled"))
	assert.Equal(t, "Disabled", r.Input("zoneRedundancy"))
	a.RegistryReplicaZoneRedundancy = true
	assert.Equal(t, "Enabled", must(t, runOps(t, a), replicaToken, "ops-cr-fraud-replica").Input("zoneRedundancy"))
}

func TestOperationsWorkbook(t *testing.T) {
	rs := runOps(t, opsArgs())
	wb := must(t, rs, workbookToken, "ops-workbook")
	assert.Equal(t, opsLAW, wb.Input("sourceId"))
	assert.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`, wb.Input("resourceName"))
	data := wb.Input("serializedData").(string)
	var doc map[string]any
	require.NoError(t, json.Unmarshal([]byte(data), &doc), "the deployed workbook is valid JSON")
	assert.NotContains(t, data, workbookLAWPlaceholder)
	assert.Contains(t, data, opsLAW, "queries run against the central workspace")

	a := opsArgs()
	a.Workbook = false
	assert.Empty(t, byType(runOps(t, a), workbookToken))
}

// The template is valid JSON with at least the sections the issue asks for.
func TestWorkbookTemplateIsValid(t *testing.T) {
	var doc struct {
		Version string           `json:"version"`
		Items   []map[string]any `json:"items"`
	}
	require.NoError(t, json.Unmarshal([]byte(WorkbookTemplate), &doc))
	assert.Equal(t, "Notebook/1.0", doc.Version)
	qs, err := WorkbookQueries()
	require.NoError(t, err)
	for _, k := range []string{"job-status", "failed-jobs", "cluster-nodes", "quota", "core-hours"} {
		assert.Contains(t, qs, k)
	}
	// Costs by project (issue 16): a text item pointing at Cost analysis grouped by the workload tag.
	var costs map[string]any
	for _, it := range doc.Items {
		if it["name"] == "costs-by-project" {
			costs = it
		}
	}
	require.NotNil(t, costs, "the workbook has a costs-by-project item")
	assert.Equal(t, 1.0, costs["type"], "a text (markdown) item")
	text, _ := costs["content"].(map[string]any)["json"].(string)
	assert.Contains(t, text, "`workload`")
	assert.Contains(t, text, "Cost analysis")
	assert.Contains(t, text, "https://learn.microsoft.com/azure/cost-management-billing/costs/customize-cost-analysis-views")
}

var (
	kqlString = regexp.MustCompile(`"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'`)
	kqlIdent  = regexp.MustCompile(`\b_?[A-Z][A-Za-z0-9_]*\b`)
)

// Every query of the alerts and the workbook reads a table the diagnostic settings send, and
// every column it names (PascalCase identifiers outside strings; aliases here are lowercase)
// is one Microsoft documents for that table.
func TestQueriesUseSentColumns(t *testing.T) {
	wq, err := WorkbookQueries()
	require.NoError(t, err)
	all := map[string]string{}
	for k, q := range wq {
		all["workbook/"+k] = q
	}
	for k, q := range LogAlertQueries() {
		all["alert/"+k] = q
	}
	for name, q := range all {
		table := strings.Fields(q)[0]
		lt, ok := LogTables[table]
		if !assert.True(t, ok, "%s: table %s is not one the diagnostic settings send", name, table) {
			continue
		}
		cols := map[string]bool{table: true}
		for _, c := range lt.Columns {
			cols[c] = true
		}
		for _, id := range kqlIdent.FindAllString(kqlString.ReplaceAllString(q, `""`), -1) {
			assert.True(t, cols[id], "%s: %s is not a column of %s (%s)", name, id, table, lt.Source)
		}
	}
	// The ML tables come from the workspaces' allLogs, AzureMetrics from AllMetrics.
	assert.Contains(t, diagnostics.LogsAndMetrics.LogCategoryGroups, "allLogs")
	assert.Contains(t, diagnostics.LogsAndMetrics.MetricCategories, "AllMetrics")
}

// Every metric an alert uses is one Microsoft lists for the alerted resource type.
func TestMetricAlertsUseDocumentedMetrics(t *testing.T) {
	for typ, rules := range map[string][]metricRule{
		"Microsoft.MachineLearningServices/workspaces": workspaceMetricRules,
		"Microsoft.KeyVault/vaults":                    vaultMetricRules,
		"Microsoft.Storage/storageAccounts":            storageMetricRules,
	} {
		for _, r := range rules {
			m, ok := SupportedMetrics[typ].Metrics[r.metric]
			if assert.True(t, ok, "%s: %s uses %q, not a documented metric", typ, r.key, r.metric) {
				assert.Contains(t, m.Aggregations, r.aggregation, "%s: %s aggregates %q by %s", typ, r.key, r.metric, r.aggregation)
			}
			assert.NotEmpty(t, r.reason)
		}
		assert.Contains(t, SupportedMetrics[typ].Source, "learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/")
	}
}

// Diagnostic settings export only the metrics Microsoft marks "DS Export: Yes" to AzureMetrics;
// every metric an AzureMetrics query names must be one of them.
func TestAzureMetricsQueriesUseExportedMetrics(t *testing.T) {
	wq, err := WorkbookQueries()
	require.NoError(t, err)
	all := map[string]string{}
	for k, q := range wq {
		all["workbook/"+k] = q
	}
	for k, q := range LogAlertQueries() {
		all["alert/"+k] = q
	}
	exported := map[string]bool{}
	for _, sm := range SupportedMetrics {
		for name, m := range sm.Metrics {
			exported[name] = exported[name] || m.DSExport
		}
	}
	names := regexp.MustCompile(`MetricName\s*==\s*"([^"]+)"`)
	seen := 0
	for k, q := range all {
		if strings.Fields(q)[0] != "AzureMetrics" {
			continue
		}
		for _, m := range names.FindAllStringSubmatch(q, -1) {
			seen++
			assert.True(t, exported[m[1]], "%s: %q is not a documented metric exported by diagnostic settings", k, m[1])
		}
	}
	assert.NotZero(t, seen, "no AzureMetrics query names a metric")
	assert.False(t, SupportedMetrics["Microsoft.KeyVault/vaults"].Metrics["SaturationShoebox"].DSExport)
}

func TestOperationsBadInput(t *testing.T) {
	build := func(ctx *pulumi.Context, a *OperationsArgs) error { _, err := NewOperations(ctx, "ops", a); return err }
	assertBadInput(t, opsArgs, build, []badCase[OperationsArgs]{
		{"no email", func(a *OperationsArgs) { a.AlertEmails = nil }, "operations.alertEmails: at least one"},
		{"bad email", func(a *OperationsArgs) { a.AlertEmails = []string{"oncall"} }, "operations.alertEmails[0]"},
		{"webhook without paging", func(a *OperationsArgs) { a.AlertWebhooks = []string{"https://x.example/hook"} }, "operations.alertWebhooks: webhooks page"},
		{"http webhook", func(a *OperationsArgs) { a.Paging = true; a.AlertWebhooks = []string{"http://x.example/hook"} }, "operations.alertWebhooks[0]: must be an https"},
		{"zero budget", func(a *OperationsArgs) { a.MonthlyBudget = 0 }, "operations.monthlyBudget: must be > 0"},
		{"start mid-month", func(a *OperationsArgs) { a.BudgetStartDate = "2026-12-15" }, "operations.budgetStartDate"},
		{"start not a date", func(a *OperationsArgs) { a.BudgetStartDate = "December" }, "operations.budgetStartDate"},
		{"threshold 0", func(a *OperationsArgs) { a.BudgetThresholds = []BudgetThresholdArgs{{Percent: 0, Type: "Actual"}} }, "operations.budgetThresholds[0].percent: 0 is outside 1-1000"},
		{"threshold 1001", func(a *OperationsArgs) { a.BudgetThresholds = []BudgetThresholdArgs{{Percent: 1001, Type: "Actual"}} }, "outside 1-1000"},
		{"threshold type", func(a *OperationsArgs) { a.BudgetThresholds = []BudgetThresholdArgs{{Percent: 80, Type: "Projected"}} }, "operations.budgetThresholds[0].type"},
		{"six thresholds", func(a *OperationsArgs) {
			for i := 1; i <= 6; i++ {
				a.BudgetThresholds = append(a.BudgetThresholds, BudgetThresholdArgs{Percent: 10 * i, Type: "Actual"})
			}
		}, "1-5 notifications"},
		{"project budget 0", func(a *OperationsArgs) { a.ProjectBudgets[0].Amount = 0 }, "operations.projectBudgets[0].amount: must be > 0"},
		{"unknown project", func(a *OperationsArgs) { a.ProjectBudgets[0].Project = "fruad" }, `operations.projectBudgets[0].project: "fruad" is not a project of this environment; did you mean fraud?`},
		{"project over env", func(a *OperationsArgs) { a.ProjectBudgets[0].Amount = 5000 }, "exceeds the environment's monthlyBudget"},
		{"replica in own region", func(a *OperationsArgs) { a.RegistryReplicaLocation = "westeurope" }, "operations.registryReplicaLocation"},
		{"replica unknown region", func(a *OperationsArgs) { a.RegistryReplicaLocation = "europe" }, "is not an Azure region"},
		{"bad law id", func(a *OperationsArgs) { a.LogAnalyticsWorkspaceId = pulumi.String("log-mlops-dev") }, "operations.logAnalyticsWorkspaceId"},
		{"bad ml registry id", func(a *OperationsArgs) { a.MlRegistryId = pulumi.String("mlr-mlops") }, "operations.mlRegistryId"},
		{"replica without registry name", func(a *OperationsArgs) {
			a.RegistryReplicaLocation = "northeurope"
			a.Workspaces[0].ContainerRegistryName = nil
		},
			"operations.workspaces[0].containerRegistryName: required with registryReplicaLocation"},
		{"start before 2017-06", func(a *OperationsArgs) { a.BudgetStartDate = "2017-05-01" }, "operations.budgetStartDate: \"2017-05-01\" is before 2017-06-01"},
	})
}
