package naming

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestTypeRules: the documented rules refuse what Azure refuses.
func TestTypeRules(t *testing.T) {
	for _, c := range []struct {
		typ, name string
		ok        bool
	}{
		{"Microsoft.MachineLearningServices/workspaces", "mlw-fraud-dev", true},
		{"Microsoft.MachineLearningServices/workspaces", "mlw_fraud_dev", false}, // no underscores
		{"Microsoft.MachineLearningServices/workspaces", strings.Repeat("a", 34), false},
		{"Microsoft.MachineLearningServices/workspaces/computes", "cpu", true},
		{"Microsoft.MachineLearningServices/workspaces/computes", "cpu-01", false}, // hyphen needs a later letter
		{"Microsoft.MachineLearningServices/workspaces/computes", "cpu-cluster-abcd", true},
		{"Microsoft.MachineLearningServices/workspaces/computes", "cpu-cluster-abcde", false},
		{"Microsoft.Network/privateEndpoints", strings.Repeat("a", 64), true},
		{"Microsoft.Network/privateEndpoints", strings.Repeat("a", 65), false},
		{"Microsoft.Network/virtualNetworks", "v", false},
		{"Microsoft.Authorization/policyDefinitions", "mlops-prod-Deny-MachineLearning-ComputeCluster-RemoteLoginPortPublicAccess", false},
		{"Microsoft.Authorization/policyAssignments", "mlops-prod-ml-cluster-ssh", true},
		{"Microsoft.Authorization/policyAssignments", "mlops-prod-ml-cluster.", false},
		{ManagementGroupPolicyAssignment, "mlops-prod-ml-cluster-ssh", false}, // 25 > 24
		{"Microsoft.KeyVault/vaults", "kv--mlops", false},
		{"Microsoft.Storage/storageAccounts", "stFraud", false},
		{"Microsoft.Authorization/roleAssignments", "2f02c2ae-5f0d-07da-f6f9-fb149b8ffa77", true},
		{"Microsoft.Unknown/things", "x", false},
	} {
		err := CheckType(c.typ, c.name)
		assert.Equal(t, c.ok, err == nil, "%s %q: %v", c.typ, c.name, err)
	}
	for _, r := range TypeRules {
		assert.NotEmpty(t, r.Source, r.Type)
	}
}

// The operations types' rules as resource-name-rules states them.
func TestOperationsNameRules(t *testing.T) {
	for _, c := range []struct {
		typ, name string
		ok        bool
	}{
		{"Microsoft.Insights/metricAlerts", "ma-prod-fraud-mlw-failed-runs", true},
		{"Microsoft.Insights/metricAlerts", "ma-prod.", false},
		{"Microsoft.Insights/metricAlerts", "a@b", false},
		{"Microsoft.Insights/scheduledQueryRules", "la-prod-failed-jobs", true},
		{"Microsoft.Insights/scheduledQueryRules", "la#1", false},
		{"Microsoft.Insights/actionGroups", "ag-mlops-prod", true},
		{"Microsoft.Insights/actionGroups", "ag+1", false},
		{"Microsoft.Consumption/budgets", "budget-fraud-prod", true},
		{"Microsoft.Consumption/budgets", "budget.fraud", false},
		{"Microsoft.Authorization/locks", "do-not-delete", true},
		{"Microsoft.Authorization/locks", "lock(1)", true},
		{"Microsoft.Authorization/locks", "lock.", false},
		{"Microsoft.Authorization/locks", "lock:1", false},
		{"Microsoft.ContainerRegistry/registries/replications", "northeurope", true},
		{"Microsoft.ContainerRegistry/registries/replications", "uk", false},
		{"Microsoft.Insights/workbooks", "cc845ae9-8545-c273-cb09-633095a63930", true},
		{"Microsoft.Insights/workbooks", "platform", false},
	} {
		err := CheckType(c.typ, c.name)
		if c.ok && err != nil || !c.ok && err == nil {
			t.Errorf("%s %q: ok=%v, got %v", c.typ, c.name, c.ok, err)
		}
	}
}
