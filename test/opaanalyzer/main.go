// Command pulumi-analyzer-policy-opa is a stand-in for Pulumi's OPA policy analyzer
// (github.com/pulumi/pulumi-policy-opa), which cannot be fetched here: the module proxy refuses
// every version of it. It lets the real-engine suite run `pulumi preview --policy-pack policies`
// through the real engine: the CLI starts it for a policy pack with `runtime: opa` (as it would
// start the published analyzer), hands it the engine's AnalyzeRequest/AnalyzeStackRequest and
// the --policy-pack-config, and enforces what it reports.
//
// It evaluates the pack's *.rego files from the pack directory with pkg/policy (the evaluator of
// the offline plan): resource rules (deny_*, warn_*) per resource, stack rules (stack_*) over
// all resources, parameters under data.config. What it proves: the engine's wiring (pack
// loading, config delivery, enforcement levels, reporting) and that what the engine hands an
// analyzer carries the properties our rules read. What it cannot prove: the published
// analyzer's own construction of its input document.
package main

import (
	"context"
	"fmt"
	"os"
	"sort"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/plan"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/policy"
)

func main() {
	// Started as `pulumi-analyzer-policy-opa <engine address> <pack dir>` in the pack directory.
	dir := "."
	if len(os.Args) > 2 {
		dir = os.Args[2]
	}
	pack, err := policy.LoadFS(os.DirFS(dir))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	a := &analyzer{pack: pack}
	h, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{Init: func(s *grpc.Server) error {
		pulumirpc.RegisterAnalyzerServer(s, a)
		return nil
	}})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("%d\n", h.Port)
	if err := <-h.Done; err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

type analyzer struct {
	pulumirpc.UnimplementedAnalyzerServer
	pack   *policy.Pack
	mu     sync.Mutex
	config map[string]map[string]any
}

func (a *analyzer) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: "0.0.0-azure-mlops-e2e"}, nil
}

func level(enforcement string) pulumirpc.EnforcementLevel {
	if enforcement == policy.Mandatory {
		return pulumirpc.EnforcementLevel_MANDATORY
	}
	return pulumirpc.EnforcementLevel_ADVISORY
}

func (a *analyzer) GetAnalyzerInfo(context.Context, *emptypb.Empty) (*pulumirpc.AnalyzerInfo, error) {
	info := &pulumirpc.AnalyzerInfo{Name: a.pack.Name, DisplayName: a.pack.Name, Version: "1", SupportsConfig: true}
	for _, r := range a.pack.Rules {
		info.Policies = append(info.Policies, &pulumirpc.PolicyInfo{Name: r.ID, DisplayName: r.Title, Description: r.Title,
			EnforcementLevel: level(r.Enforcement)})
	}
	return info, nil
}

func (a *analyzer) Configure(_ context.Context, req *pulumirpc.ConfigureAnalyzerRequest) (*emptypb.Empty, error) {
	cfg := map[string]map[string]any{}
	for name, c := range req.GetPolicyConfig() {
		if c.GetProperties() != nil {
			cfg[name] = c.GetProperties().AsMap()
		}
	}
	a.mu.Lock()
	a.config = cfg
	a.mu.Unlock()
	return &emptypb.Empty{}, nil
}

func docResource(typ, urn, name string, props *structpb.Struct, opts *pulumirpc.AnalyzerResourceOptions, parent string,
	deps []string, propDeps map[string]*pulumirpc.AnalyzerPropertyDependencies) plan.DocResource {
	r := plan.DocResource{Type: typ, URN: urn, Name: name, Custom: true, Inputs: props.AsMap(),
		Protect: opts.GetProtect(), Parent: parent, Dependencies: deps}
	if len(propDeps) > 0 {
		r.PropertyDependencies = map[string][]string{}
		for k, v := range propDeps {
			r.PropertyDependencies[k] = v.GetUrns()
		}
	}
	return r
}

// evaluate runs the pack over resources and keeps the violations of resource rules or of stack
// rules.
func (a *analyzer) evaluate(ctx context.Context, resources []plan.DocResource, stack bool) (*pulumirpc.AnalyzeResponse, error) {
	a.mu.Lock()
	cfg := a.config
	a.mu.Unlock()
	doc := &plan.Document{Resources: resources}
	violations, err := a.pack.Evaluate(ctx, doc, cfg)
	if err != nil {
		return nil, err
	}
	resp := &pulumirpc.AnalyzeResponse{}
	for _, v := range violations {
		rule, _ := a.pack.Rule(v.Policy)
		if rule.Stack != stack {
			continue
		}
		d := &pulumirpc.AnalyzeDiagnostic{PolicyName: v.Policy, PolicyPackName: a.pack.Name, PolicyPackVersion: "1",
			Description: rule.Title, Message: v.Message, EnforcementLevel: level(v.Enforcement)}
		if !stack {
			d.Urn = v.URN
		}
		resp.Diagnostics = append(resp.Diagnostics, d)
	}
	sort.Slice(resp.Diagnostics, func(i, j int) bool { return resp.Diagnostics[i].PolicyName < resp.Diagnostics[j].PolicyName })
	return resp, nil
}

func (a *analyzer) Analyze(ctx context.Context, req *pulumirpc.AnalyzeRequest) (*pulumirpc.AnalyzeResponse, error) {
	r := docResource(req.GetType(), req.GetUrn(), req.GetName(), req.GetProperties(), req.GetOptions(), req.GetOptions().GetParent(), nil, nil)
	return a.evaluate(ctx, []plan.DocResource{r}, false)
}

func (a *analyzer) AnalyzeStack(ctx context.Context, req *pulumirpc.AnalyzeStackRequest) (*pulumirpc.AnalyzeResponse, error) {
	var rs []plan.DocResource
	for _, r := range req.GetResources() {
		rs = append(rs, docResource(r.GetType(), r.GetUrn(), r.GetName(), r.GetProperties(), r.GetOptions(), r.GetParent(),
			r.GetDependencies(), r.GetPropertyDependencies()))
	}
	return a.evaluate(ctx, rs, true)
}

func (a *analyzer) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, nil
}
