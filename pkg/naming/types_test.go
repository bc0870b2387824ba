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
