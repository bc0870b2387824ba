package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/azpolicy"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/plan"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/profile"
	"github.com/azure-mlops/pulumi-azure-mlops/platform"
)

// scaleProject writes a project directory whose stack "scale" has n projects, each like one of
// dev's (alternating), in dev's environment with a network sized for them. It is the
// configuration a platform team with one workspace per project reaches (50-200 projects).
func scaleProject(tb testing.TB, n int) string { return scaleProjectWith(tb, n, false) }

// scaleProjectWith is scaleProject; with people, every project is exactly like dev's (fraud's
// team access, datastores and compute instances in every other project, the instances renamed
// per project since their names are unique per region), which Azure's 4,000 role assignments
// per subscription allow up to about 140 projects.
func scaleProjectWith(tb testing.TB, n int, people bool) string {
	tb.Helper()
	dir := tb.TempDir()
	pj, err := os.ReadFile(filepath.Join(repoRoot, "Pulumi.yaml"))
	require.NoError(tb, err)
	require.NoError(tb, os.WriteFile(filepath.Join(dir, "Pulumi.yaml"), pj, 0o644))
	var dev struct {
		Config map[string]any `yaml:"config"`
	}
	b, err := os.ReadFile(filepath.Join(repoRoot, "Pulumi.dev.yaml"))
	require.NoError(tb, err)
	require.NoError(tb, yaml.Unmarshal(b, &dev))
	shapes := dev.Config["azure-mlops:projects"].([]any)
	var projects []any
	for i := 0; i < n; i++ {
		p := map[string]any{}
		for k, v := range shapes[i%len(shapes)].(map[string]any) {
			// Team access, datastores and compute instances add about 20 role assignments
			// per project (README, review list): 200 such projects exceed Azure's 4,000 per
			// subscription, which validation refuses. The scale figures measure the platform
			// without them, as before.
			if !people && (k == "access" || k == "datastores" || k == "computeInstances") {
				continue
			}
			p[k] = v
		}
		p["name"] = fmt.Sprintf("p%03d", i)
		if cis, ok := p["computeInstances"].([]any); ok {
			renamed := make([]any, len(cis))
			for j, ci := range cis {
				c := map[string]any{}
				for k, v := range ci.(map[string]any) {
					c[k] = v
				}
				c["name"] = fmt.Sprintf("p%03d-ci%d", i, j)
				renamed[j] = c
			}
			p["computeInstances"] = renamed
		}
		projects = append(projects, p)
	}
	cfg := dev.Config
	cfg["azure-mlops:profile"] = "dev"
	cfg["azure-mlops:projects"] = projects
	// Without the shared ML registry: its two role assignments per project would take 200
	// projects past the subscription's 4,000 (the plan refuses that, see limits.go); a
	// platform that size spreads its projects over subscriptions.
	delete(cfg, "azure-mlops:mlRegistry")
	// The environment's budget and alerts; the dev stack's project budgets name its own projects.
	cfg["azure-mlops:operations"] = map[string]any{"alertEmails": []string{"ml@contoso.com"}, "monthlyBudget": 50000, "budgetStartDate": "2026-12-01"}
	// Four private endpoints per project (workspace, blob, file, registry): a /22 holds them.
	cfg["azure-mlops:network"] = map[string]any{"addressSpace": "10.60.0.0/16",
		"privateEndpointSubnetPrefix": "10.60.0.0/22", "clientSubnetPrefix": "10.60.8.0/24"}
	out, err := yaml.Marshal(map[string]any{"config": cfg})
	require.NoError(tb, err)
	require.NoError(tb, os.WriteFile(filepath.Join(dir, "Pulumi.scale.yaml"), out, 0o644))
	return dir
}

// A 200-project platform plans, passes its own mandatory policies and keeps every project's
// resources (not timed: figures are in BenchmarkPlanScale).
func TestPlan200Projects(t *testing.T) {
	if testing.Short() {
		t.Skip("plans 6,000 resources")
	}
	doc, err := Plan(scaleProject(t, 200), "scale")
	require.NoError(t, err)
	assert.False(t, doc.HasMandatoryViolation(), "mandatory violations at 200 projects")
	ws := 0
	for _, r := range doc.Resources {
		if strings.HasSuffix(r.Type, ":Workspace") && strings.Contains(r.Type, "machinelearningservices") {
			ws++
		}
	}
	assert.Equal(t, 200, ws)
	assert.Greater(t, len(doc.Resources), 6000)
}

// 100 projects with people and data (every other one like dev's fraud: team access,
// datastores, compute instances) plan and pass the mandatory policies; 200 such projects are
// refused by Azure's role-assignment limit, at the key that says so.
func TestPlan100ProjectsWithPeople(t *testing.T) {
	if testing.Short() {
		t.Skip("plans 6,000 resources")
	}
	doc, err := Plan(scaleProjectWith(t, 100, true), "scale")
	require.NoError(t, err)
	assert.False(t, doc.HasMandatoryViolation(), "mandatory violations at 100 projects with people")
	instances := 0
	for _, r := range doc.Resources {
		if r.Type == "azure-native:machinelearningservices/v20241001preview:Compute" {
			instances++
		}
	}
	assert.Equal(t, 100, instances, "two compute instances in every other project")
	_, err = Plan(scaleProjectWith(t, 200, true), "scale")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "role assignments")
}

// phases plans dir's scale stack in process and returns the time of each phase.
func phases(tb testing.TB, dir string) (resources int, program, policies, render time.Duration) {
	files, err := profile.LoadStackFiles(dir, "scale")
	require.NoError(tb, err)
	// Each phase starts from a collected heap (not timed): it then pays for the collections its
	// own allocations cause, not for the garbage of the phase before, which otherwise lands in
	// whichever phase the collector happens to run in and blurs the per-phase ratios. The
	// process figures below include everything.
	runtime.GC()
	t0 := time.Now()
	doc, err := plan.Evaluate(plan.Options{Project: files.Project, Stack: "scale", Config: files.Config}, platform.PlatformFromConfig)
	require.NoError(tb, err)
	program = time.Since(t0)
	env, err := environment(files)
	require.NoError(tb, err)
	runtime.GC()
	t1 := time.Now()
	require.NoError(tb, evaluatePolicies(doc, env))
	require.NoError(tb, azpolicy.Apply(doc))
	policies = time.Since(t1)
	runtime.GC()
	t2 := time.Now()
	_ = doc.Tree()
	// Streamed, as `plan --format json` writes it (not gathered into one 25 MB buffer).
	require.NoError(tb, doc.WriteJSON(io.Discard))
	_ = doc.Mermaid()
	render = time.Since(t2)
	return len(doc.Resources), program, policies, render
}

// BenchmarkPlanScale is `make bench`: the plan of 1-200 projects, with what a user waits for.
// In process, per phase: program (the platform program under the mock monitor), policy (the
// Rego pack and the Azure Policy definitions), render (tree, JSON, Mermaid). Process level:
// `azure-mlops plan --format json` as a user runs it, wall time, CPU time and peak RSS.
func BenchmarkPlanScale(b *testing.B) {
	bin := filepath.Join(b.TempDir(), "azure-mlops")
	build := exec.Command("go", "build", "-o", bin, ".")
	out, err := build.CombinedOutput()
	require.NoError(b, err, "%s", out)

	type figures struct{ program, policy, render, total float64 }
	got := map[int]figures{}
	sizes := []int{1, 10, 50, 100, 200}
	type run struct {
		n      int
		people bool
	}
	var runs []run
	for _, n := range sizes {
		runs = append(runs, run{n, false})
	}
	// With people and data (team access, datastores, compute instances) as far as Azure's
	// role-assignment limit allows.
	runs = append(runs, run{50, true}, run{100, true})
	for _, rn := range runs {
		n := rn.n
		dir := scaleProjectWith(b, n, rn.people)
		label := fmt.Sprintf("projects=%d", n)
		if rn.people {
			label += ",people"
		}
		b.Run(label, func(b *testing.B) {
			var f figures
			var res int
			var wall, cpu time.Duration
			var peak int64
			for i := 0; i < b.N; i++ {
				r, p1, p2, p3 := phases(b, dir)
				res = r
				f.program += ms(p1)
				f.policy += ms(p2)
				f.render += ms(p3)

				cmd := exec.Command(bin, "plan", "--stack", "scale", "--dir", dir, "--format", "json")
				cmd.Stdout = nil
				// The in-process phases above leave garbage whose collection (and the return of
				// its memory to the OS) would run beside the process and slow it down: do both
				// first, so the process runs on an idle machine as a user's does.
				debug.FreeOSMemory()
				start := time.Now()
				require.NoError(b, cmd.Start())
				hwm := watchPeakRSS(cmd.Process.Pid)
				err := cmd.Wait()
				wall += time.Since(start)
				if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() != 1) {
					b.Fatal(err)
				}
				cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
				peak = max(peak, hwm())
			}
			k := float64(b.N)
			f = figures{f.program / k, f.policy / k, f.render / k, ms(wall) / k}
			if !rn.people {
				got[n] = f
			}
			b.ReportMetric(float64(res), "resources")
			b.ReportMetric(f.program, "program-ms")
			b.ReportMetric(f.policy, "policy-ms")
			b.ReportMetric(f.render, "render-ms")
			b.ReportMetric(f.total, "process-ms")
			b.ReportMetric(ms(cpu)/k, "process-cpu-ms")
			b.ReportMetric(float64(peak)/1024, "peak-MB")
		})
	}
	if f1, ok := got[1]; ok {
		f50, f200 := got[50], got[200]
		ratio := func(a, b float64) string { return fmt.Sprintf("%.1f", a/b) }
		b.Logf("cost ratios  time(200)/time(50) [target ≤ 4.4]: program %s, policy %s, render %s, process %s",
			ratio(f200.program, f50.program), ratio(f200.policy, f50.policy), ratio(f200.render, f50.render), ratio(f200.total, f50.total))
		b.Logf("cost ratios  time(50)/time(1)   [target ≤ 55]:  program %s, policy %s, render %s, process %s",
			ratio(f50.program, f1.program), ratio(f50.policy, f1.policy), ratio(f50.render, f1.render), ratio(f50.total, f1.total))
	}
}

// watchPeakRSS polls a running process's high-water RSS (VmHWM, KiB) until it exits and
// returns a function that waits for the last reading. Every 20 ms: a high-water mark misses at
// most the last interval, and polling more often slows the measured process (2 ms cost it
// 5 % at 200 projects). The exit status's ru_maxrss cannot be
// used: Go starts children with vfork semantics, so a child's ru_maxrss includes this
// benchmark process's own peak at the moment of exec.
func watchPeakRSS(pid int) func() int64 {
	done := make(chan int64, 1)
	go func() {
		var peak int64
		for {
			b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
			if err != nil {
				break
			}
			found := false
			for _, line := range strings.Split(string(b), "\n") {
				if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
					var kb int64
					fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), &kb)
					peak, found = max(peak, kb), true
				}
			}
			if !found {
				break // exited: a zombie has no memory
			}
			time.Sleep(20 * time.Millisecond)
		}
		done <- peak
	}()
	return func() int64 { return <-done }
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
