package main

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/azure-mlops/pulumi-azure-mlops/components"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/naming"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/plan"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/profile"
	"github.com/azure-mlops/pulumi-azure-mlops/platform"
)

// worstCase is a stack at the length limits the configuration accepts: the longest environment
// (8), and with it the longest workload (7: the Key Vault name kv-<workload>-<env>-<suffix> has
// at most 24 characters) and project names (10: st<project><env><suffix>, 24), long cluster and
// rule names, every optional resource switched on. TestWorstCaseIsTheLimit shows one more
// character is refused.
const worstCase = `config:
  azure-mlops:profile: prod
  azure-mlops:environment: preprod8
  azure-mlops:workload: mlops-x
  azure-mlops:location: westeurope
  azure-mlops:network:
    addressSpace: 10.70.0.0/22
    privateEndpointSubnetPrefix: 10.70.0.0/24
    clientSubnetPrefix: 10.70.1.0/24
  azure-mlops:policy:
    allowedVmSizes: [Standard_DS3_v2, Standard_NC4as_T4_v3]
  azure-mlops:projects:
    - name: frauddetec
      computeClusters:
        - name: cpu-cluster-abcd
          vmSize: Standard_DS3_v2
          maxNodes: 4
        - name: gpu-cluster-abcd
          vmSize: Standard_NC4as_T4_v3
          maxNodes: 2
      storageQueueEndpoint: true
      storageTableEndpoint: true
      outboundRules:
        - name: a-rule-name-that-is-sixty-four-characters-long-and-no-longer-xy
          type: FQDN
          destination: example.org
    - name: churn-pred
      computeClusters:
        - name: cpu
          vmSize: Standard_DS3_v2
          maxNodes: 2
`

// plannedResources plans one stack of the project in dir under the mock monitor.
func plannedResources(t *testing.T, dir, stack string) []plan.Resource {
	t.Helper()
	files, err := profile.LoadStackFiles(dir, stack)
	require.NoError(t, err)
	rec, err := plan.Run(plan.Options{Project: files.Project, Stack: stack, Config: files.Config,
		SubscriptionID: files.Get("azure-native:subscriptionId")}, platform.PlatformProgram)
	require.NoError(t, err)
	return rec.Resources()
}

// TestEveryPlannedNameFollowsAzureRules plans the three stacks and a worst-case stack and
// checks the physical name of every Azure resource against Azure's documented rule for its
// type (pkg/naming TypeRules). A type without a rule fails too.
func TestEveryPlannedNameFollowsAzureRules(t *testing.T) {
	worst := t.TempDir()
	proj, err := os.ReadFile(filepath.Join(repoRoot, "Pulumi.yaml"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(worst, "Pulumi.yaml"), proj, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(worst, "Pulumi.worst.yaml"), []byte(worstCase), 0o644))

	seenTypes := map[string]bool{}
	for _, c := range []struct{ dir, stack string }{{repoRoot, "dev"}, {repoRoot, "test"}, {repoRoot, "prod"}, {worst, "worst"}} {
		t.Run(c.stack, func(t *testing.T) {
			checked := 0
			for _, r := range plannedResources(t, c.dir, c.stack) {
				if !r.Custom {
					continue
				}
				armType, name, ok := plan.PhysicalName(r)
				if !assert.Truef(t, ok, "%s (%s) has no ARM type in the plan catalog", r.Name, r.Type) {
					continue
				}
				seenTypes[armType] = true
				assert.NoError(t, naming.CheckType(armType, name), "%s (%s)", r.Name, r.Type)
				checked++
			}
			assert.Greater(t, checked, 50)
		})
	}
	// The worst case must exercise the long-named types.
	for _, typ := range []string{"Microsoft.Authorization/policyDefinitions", "Microsoft.Network/privateEndpoints",
		"Microsoft.MachineLearningServices/workspaces/computes", "Microsoft.MachineLearningServices/workspaces/outboundRules"} {
		assert.True(t, seenTypes[typ], "no %s planned", typ)
	}
	for _, typ := range slices.Sorted(maps.Keys(seenTypes)) {
		_, ok := naming.TypeRules[strings.ToLower(typ)]
		assert.True(t, ok, typ)
	}
}

// TestWorstCaseIsTheLimit: one more character in the workload or a project name is refused
// with an error at the key the user wrote, so worstCase really is the longest accepted stack.
func TestWorstCaseIsTheLimit(t *testing.T) {
	for _, c := range []struct{ from, to, key string }{
		{"workload: mlops-x", "workload: mlops-xy", "workload: "},
		{"- name: frauddetec", "- name: frauddetect", "projects[0].name: "},
	} {
		dir := t.TempDir()
		proj, err := os.ReadFile(filepath.Join(repoRoot, "Pulumi.yaml"))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi.yaml"), proj, 0o644))
		require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi.worst.yaml"), []byte(strings.Replace(worstCase, c.from, c.to, 1)), 0o644))
		_, errOut, code := runCLI("plan", "--stack", "worst", "--dir", dir)
		assert.Equal(t, 2, code)
		assert.Contains(t, errOut, c.key)
	}
}

// TestProdHuggingFaceRulesHaveMicrosoftsHosts: the prod stack's Hugging Face example allows
// every host Microsoft lists for the scenario (components.HuggingFaceOutboundHosts).
func TestProdHuggingFaceRulesHaveMicrosoftsHosts(t *testing.T) {
	var dests []string
	for _, r := range plannedResources(t, repoRoot, "prod") {
		if strings.HasPrefix(r.Name, "fraud-rule-") {
			if d, ok := r.Input("properties.destination").(string); ok {
				dests = append(dests, d)
			}
		}
	}
	assert.Subset(t, dests, components.HuggingFaceOutboundHosts)
}
