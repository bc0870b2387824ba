package platform

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/azure-mlops/pulumi-azure-mlops/components"
)

// TestLimits: each of Azure's limits refuses one over and accepts the limit itself.
func TestLimits(t *testing.T) {
	// 400 projects: 800 identities (the limit), but 400 storage accounts (> 250).
	errs := fmt.Sprint(limitErrors(401, 0, 0, ""))
	assert.Contains(t, errs, "401 projects need 802 user-assigned identities in the resource group; Azure allows 800")
	assert.NotContains(t, fmt.Sprint(limitErrors(400, 0, 0, "")), "user-assigned identities")
	assert.Empty(t, limitErrors(250, 0, 4000, "10.0.0.0/24"))
	assert.Contains(t, fmt.Sprint(limitErrors(251, 0, 0, "")), "251 storage accounts")
	assert.Contains(t, fmt.Sprint(limitErrors(1, 0, 4001, "")), "4001 role assignments")
	// A /29 leaves 3 addresses: 3 endpoints fit, 4 do not.
	assert.Empty(t, limitErrors(1, 3, 0, "10.0.0.0/29"))
	assert.Contains(t, fmt.Sprint(limitErrors(1, 4, 0, "10.0.0.0/29")), "has 3 usable addresses")
}

// A compute instance's name is refused when another project of the environment (same region)
// already gives a compute that name, cluster or instance, whatever the case; clusters may
// repeat across projects, and an instance may not repeat its own project's names (the
// workspace's own check says so).
func TestComputeInstanceNamesAreUniqueInTheRegion(t *testing.T) {
	ci := func(names ...string) []components.ComputeInstanceArgs {
		var out []components.ComputeInstanceArgs
		for _, n := range names {
			out = append(out, components.ComputeInstanceArgs{Name: n})
		}
		return out
	}
	cl := func(names ...string) []components.ComputeClusterArgs {
		var out []components.ComputeClusterArgs
		for _, n := range names {
			out = append(out, components.ComputeClusterArgs{Name: n})
		}
		return out
	}
	projects := []components.MLOpsWorkspaceArgs{
		{Project: "fraud", ComputeClusters: cl("cpu"), ComputeInstances: ci("fraud-alice", "shared")},
		{Project: "churn", ComputeClusters: cl("cpu", "GPU"), ComputeInstances: ci("churn-bob")},
	}
	assert.Empty(t, computeInstanceNameErrors(projects), "clusters repeat across projects")

	// fraud's "gpu" is churn's cluster; churn's "Fraud-Alice" is fraud's instance (the later
	// project's is refused, once); churn's own "gpu" instance beside its "GPU" cluster is the
	// workspace's own error, not repeated here.
	projects[0].ComputeInstances = ci("fraud-alice", "gpu")
	projects[1].ComputeInstances = ci("churn-bob", "Fraud-Alice", "gpu", "")
	errs := computeInstanceNameErrors(projects)
	if assert.Len(t, errs, 2) {
		assert.Equal(t, `projects[0].computeInstances[1].name: "gpu" is also projects[1].computeClusters[1] (churn); `+
			`Azure wants a compute instance's name unique among the computes of the region (how-to-create-compute-instance), so include the project, e.g. "fraud-gpu"`, errs[0].Error())
		assert.Contains(t, errs[1].Error(), `projects[1].computeInstances[1].name: "Fraud-Alice" is also projects[0].computeInstances[0] (fraud)`)
	}
}
