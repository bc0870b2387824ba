//go:build e2e

package e2e

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/auto/events"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Scenario 7: `pulumi preview --policy-pack policies --policy-pack-config <azure-mlops
// policy-config>` through the real engine. Pulumi's OPA analyzer cannot be fetched here, so the
// CLI starts test/opaanalyzer in its place (see its doc comment for what that proves). The
// engine's verdicts must equal the offline plan's; a mandatory violation must stop the preview.
func TestPolicyPackThroughTheEngine(t *testing.T) {
	ctx, _, _, s := platformStack(t, "dev")

	cmd := exec.Command(filepath.Join(binDir, "azure-mlops"), "policy-config", "--stack", "dev")
	cmd.Dir = repoRoot
	cfgJSON, err := cmd.Output()
	require.NoError(t, err)
	cfgFile := filepath.Join(t.TempDir(), "policy-config.json")
	require.NoError(t, os.WriteFile(cfgFile, cfgJSON, 0o644))
	pack := filepath.Join(repoRoot, "policies")

	preview := func(cfg string) ([]apitype.PolicyEvent, error) {
		ch := make(chan events.EngineEvent)
		var mu sync.Mutex
		var got []apitype.PolicyEvent
		done := make(chan struct{})
		go func() {
			defer close(done)
			for ev := range ch {
				if ev.PolicyEvent != nil {
					mu.Lock()
					got = append(got, *ev.PolicyEvent)
					mu.Unlock()
				}
			}
		}()
		_, err := s.Preview(ctx, optpreview.PolicyPacks(pack), optpreview.PolicyPackConfigs(cfg), optpreview.EventStreams(ch))
		ops := &opsRecorder{done: done}
		ops.result() // wait for the stream, bounded
		mu.Lock()
		defer mu.Unlock()
		return got, err
	}

	got, err := preview(cfgFile)
	require.NoError(t, err, "dev passes every mandatory policy")
	doc := offlinePlan(t, "dev")
	want := map[string]int{}
	for _, v := range doc.Policy.Violations {
		want[v.Policy+"/"+v.Enforcement]++
	}
	seen := map[string]int{}
	for _, p := range got {
		seen[p.PolicyName+"/"+p.EnforcementLevel]++
	}
	assert.Equal(t, want, seen, "policy verdicts: engine + analyzer vs offline plan")

	// The same pack with a stricter VM-size list: the dev clusters' size is no longer allowed.
	var cfg map[string]map[string]any
	require.NoError(t, json.Unmarshal(cfgJSON, &cfg))
	cfg["deny_compute_vm_size"]["allowedVmSizes"] = []string{"Standard_F8s_v2"}
	strict, _ := json.Marshal(cfg)
	strictFile := filepath.Join(t.TempDir(), "strict.json")
	require.NoError(t, os.WriteFile(strictFile, strict, 0o644))
	got, err = preview(strictFile)
	require.Error(t, err, "a mandatory violation stops the preview")
	n := 0
	for _, p := range got {
		if p.PolicyName == "deny_compute_vm_size" {
			n++
			assert.Equal(t, "mandatory", p.EnforcementLevel)
		}
	}
	computes := 0
	for _, r := range doc.Resources {
		if r.Custom && strings.HasPrefix(r.Type, "azure-native:machinelearningservices") && strings.HasSuffix(r.Type, ":Compute") {
			computes++
		}
	}
	// Two clusters and, like the landing-zone definition, dev's two compute instances.
	assert.Equal(t, 4, computes)
	assert.Equal(t, computes, n, "every dev cluster and compute instance violates the stricter list")
}
