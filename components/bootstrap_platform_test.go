package components_test

// In an external test package: the platform program (package platform) builds on components,
// so components' own tests cannot import it.

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/azure-mlops/pulumi-azure-mlops/components"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/plan"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/profile"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/rbac"
	"github.com/azure-mlops/pulumi-azure-mlops/platform"
)

// The drift guard: plan every stack of the platform and check each role assignment it would
// make is one the deployer's ABAC condition permits (parsed from the condition text). Adding
// a grant of a role outside pkg/rbac's table fails here.
func TestPlatformAssignsOnlyRolesTheDeployerConditionAllows(t *testing.T) {
	w, d := components.ConditionGrants(t, components.RoleAssignmentCondition(components.PlatformAssignableRoles()))
	for _, stack := range profile.Stacks("..") {
		t.Run(stack, func(t *testing.T) {
			files, err := profile.LoadStackFiles("..", stack)
			require.NoError(t, err)
			doc, err := plan.Evaluate(plan.Options{Project: files.Project, Stack: stack, SubscriptionID: components.TestSubscription, Config: files.Config}, platform.PlatformFromConfig)
			require.NoError(t, err)
			n := 0
			groups := map[bool]bool{}
			for _, r := range doc.Resources {
				if r.Type != "azure-native:authorization:RoleAssignment" {
					continue
				}
				n++
				id, _ := r.Inputs["roleDefinitionId"].(string)
				guid := strings.ToLower(id[strings.LastIndex(id, "/")+1:])
				pt, _ := r.Inputs["principalType"].(string)
				assert.True(t, w[pt][guid] && d[pt][guid], "%s assigns role %s (%s) to a %s, which the deployer's condition forbids: add it to pkg/rbac.Known "+
					"(and, for a group, rbac.GroupAssignable)", r.Name, guid, rbac.NameOf(id), pt)
				groups[pt == "Group"] = true
				// And the scope is inside a resource group (the environment's, or the data
				// landing zone's for datastores), where the deployer holds the constrained
				// administrator role.
				scope, _ := r.Inputs["scope"].(string)
				assert.Contains(t, strings.ToLower(scope), "/resourcegroups/", "%s: role assignment outside a resource group", r.Name)
			}
			assert.Positive(t, n, "the platform assigns roles; none found means this test checks nothing")
			assert.True(t, groups[true], "every stack grants its team personas (Entra groups) access; none found means the group branch is untested")
		})
	}
	assert.NotEmpty(t, profile.Stacks(".."))
}
