// Package plan evaluates a Pulumi program offline: it runs the program in-process under a mock
// resource monitor that records every registered resource (inputs exactly as sent, parent,
// dependencies) and answers with deterministic, ARM-shaped ids and plausible outputs.
//
// The same recorder backs the unit tests of every component, the offline `azure-mlops plan`
// and the provider tests, so they all see the program the same way.
package plan

import (
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// DefaultSubscriptionID is used for ids when no subscription is configured.
const DefaultSubscriptionID = "00000000-0000-0000-0000-000000000000"

// DefaultTenantID is the tenant the mock client config reports.
const DefaultTenantID = "11111111-1111-1111-1111-111111111111"

// Resource is one registered resource as the engine would have received it.
type Resource struct {
	URN      string
	Type     string
	Name     string
	Custom   bool
	Parent   string
	Provider string
	Protect  bool
	// ID is the deterministic ARM-shaped id (custom resources only).
	ID string
	// Inputs exactly as sent to the engine (secrets stay secret values).
	Inputs resource.PropertyMap
	// Outputs the mock returned (inputs plus computed properties).
	Outputs              resource.PropertyMap
	Dependencies         []string
	PropertyDependencies map[string][]string
	// Seq is the order in which the monitor received the registration.
	Seq int
}

// Options configure a run.
type Options struct {
	Project        string
	Stack          string
	SubscriptionID string
	TenantID       string
	// Config is the stack configuration, keys as "project:key" or "namespace:key".
	Config map[string]string
	// Secret config keys.
	ConfigSecretKeys []string
	// DryRun runs as a preview (unknown outputs stay unknown).
	DryRun bool
}

func (o *Options) defaults() {
	if o.Project == "" {
		o.Project = "azure-mlops"
	}
	if o.Stack == "" {
		o.Stack = "test"
	}
	if o.SubscriptionID == "" {
		o.SubscriptionID = DefaultSubscriptionID
	}
	if o.TenantID == "" {
		o.TenantID = DefaultTenantID
	}
}

// Recorder implements pulumi.MockResourceMonitor and records what it sees.
type Recorder struct {
	opts      Options
	mu        sync.Mutex
	resources []Resource
	calls     []string
}

// NewRecorder returns a Recorder for the given options.
func NewRecorder(opts Options) *Recorder {
	opts.defaults()
	return &Recorder{opts: opts}
}

var _ pulumi.MockResourceMonitor = (*Recorder)(nil)

// NewResource records a registration and returns its id and outputs.
func (r *Recorder) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	rpc := args.RegisterRPC
	res := Resource{
		Type:     args.TypeToken,
		Name:     args.Name,
		Custom:   args.Custom,
		Provider: providerRef(args.TypeToken, rpc.GetVersion(), args.Provider),
		Inputs:   args.Inputs,
		Protect:  rpc.GetProtect(),
		Parent:   rpc.GetParent(),
	}
	res.URN = newURN(r.opts.Project, r.opts.Stack, res.Parent, res.Type, res.Name)
	if res.Parent != "" && resource.URN(res.Parent).QualifiedType() == resource.RootStackType {
		// The engine records top-level resources as children of the stack; the plan shows them
		// as roots.
		res.Parent = ""
	}
	res.Dependencies = append([]string(nil), rpc.GetDependencies()...)
	sort.Strings(res.Dependencies)
	if pd := rpc.GetPropertyDependencies(); len(pd) > 0 {
		res.PropertyDependencies = map[string][]string{}
		for k, v := range pd {
			if urns := v.GetUrns(); len(urns) > 0 {
				s := append([]string(nil), urns...)
				sort.Strings(s)
				res.PropertyDependencies[k] = s
			}
		}
	}

	outputs := args.Inputs.Copy()
	if args.Custom {
		res.ID, _, outputs = NewAzure(r.opts).Create(args.TypeToken, args.Name, args.Inputs)
	}
	res.Outputs = outputs

	r.mu.Lock()
	res.Seq = len(r.resources)
	r.resources = append(r.resources, res)
	r.mu.Unlock()
	return res.ID, outputs, nil
}

// Call answers invokes (functions) with deterministic results.
func (r *Recorder) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	r.mu.Lock()
	r.calls = append(r.calls, args.Token)
	r.mu.Unlock()
	return answerCall(r.opts, args)
}

// Resources returns the recorded resources ordered so that each resource comes after its
// parent and its dependencies, ties broken by URN. (The Go SDK registers resources from
// goroutines as their inputs resolve, so raw arrival order is not deterministic; this order
// is, and it is an order in which the engine could have received them.)
func (r *Recorder) Resources() []Resource {
	r.mu.Lock()
	defer r.mu.Unlock()
	return stableOrder(r.resources)
}

// Calls returns the invoke tokens called, sorted.
func (r *Recorder) Calls() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := append([]string(nil), r.calls...)
	sort.Strings(s)
	return s
}

func stableOrder(in []Resource) []Resource {
	byURN := map[string]Resource{}
	for _, res := range in {
		byURN[res.URN] = res
	}
	urns := make([]string, 0, len(byURN))
	for u := range byURN {
		urns = append(urns, u)
	}
	sort.Strings(urns)

	// Group resources by their top-level ancestor. A group comes after every group that one of
	// its resources depends on, so the shared services precede the workspaces that use them
	// and each component's resources stay together.
	root := func(u string) string {
		for {
			p := byURN[u].Parent
			if _, ok := byURN[p]; !ok || p == "" {
				return u
			}
			u = p
		}
	}
	members := map[string][]string{}
	groupDeps := map[string]map[string]bool{}
	var roots []string
	for _, u := range urns {
		r := root(u)
		if u == r {
			roots = append(roots, u)
		}
		members[r] = append(members[r], u)
		for _, d := range byURN[u].Dependencies {
			if _, ok := byURN[d]; !ok {
				continue
			}
			if rd := root(d); rd != r {
				if groupDeps[r] == nil {
					groupDeps[r] = map[string]bool{}
				}
				groupDeps[r][rd] = true
			}
		}
	}
	var orderedRoots []string
	rootState := map[string]int{}
	var visitRoot func(r string)
	visitRoot = func(r string) {
		if rootState[r] != 0 {
			return
		}
		rootState[r] = 1
		for _, d := range slices.Sorted(maps.Keys(groupDeps[r])) {
			visitRoot(d)
		}
		rootState[r] = 2
		orderedRoots = append(orderedRoots, r)
	}
	for _, r := range roots {
		visitRoot(r)
	}

	out := make([]Resource, 0, len(urns))
	state := map[string]int{} // 0 new, 1 visiting, 2 done
	var visit func(u string)
	visit = func(u string) {
		res, ok := byURN[u]
		if !ok || state[u] != 0 {
			return
		}
		state[u] = 1
		before := append([]string{res.Parent}, res.Dependencies...)
		for _, d := range before {
			visit(d)
		}
		state[u] = 2
		out = append(out, res)
	}
	for _, r := range orderedRoots {
		for _, u := range members[r] {
			visit(u)
		}
	}
	return out
}

func newURN(project, stack, parent, typ, name string) string {
	parentType := tokens.Type("")
	if p := resource.URN(parent); p != "" && p.QualifiedType() != resource.RootStackType {
		parentType = p.QualifiedType()
	}
	return string(resource.NewURN(tokens.QName(stack), tokens.PackageName(project), parentType, tokens.Type(typ), name))
}

// providerRef names the provider that serves a resource: "<package>@<version>".
func providerRef(token, version, provider string) string {
	pkg := strings.SplitN(token, ":", 2)[0]
	if version != "" {
		return pkg + "@" + version
	}
	if provider != "" {
		return provider
	}
	return pkg
}

// Run executes program under a Recorder and returns it. The program's error (for example a
// validation error) is returned as is, together with the recorder so callers can check that
// nothing was registered.
func Run(opts Options, program pulumi.RunFunc) (*Recorder, error) {
	rec := NewRecorder(opts)
	o := rec.opts
	// The Go SDK sends the engine the whole Go stack of every registration
	// (RegisterResourceRequest.stackTrace, Context.getStackTrace in sdk/go/pulumi/context.go),
	// resolving the file and line of each frame: at 200 projects that was 15 % of the program's
	// CPU, and half of the frames were the evaluator's and its callers', below the program. The
	// program runs on a goroutine of its own, so its stacks start at the program.
	shallow := func(ctx *pulumi.Context) error {
		done := make(chan error, 1)
		go func() { done <- program(ctx) }()
		return <-done
	}
	err := pulumi.RunErr(shallow,
		pulumi.WithMocks(o.Project, o.Stack, rec),
		func(info *pulumi.RunInfo) {
			info.DryRun = o.DryRun
			if o.Config != nil {
				info.Config = o.Config
			}
			if o.ConfigSecretKeys != nil {
				info.ConfigSecretKeys = o.ConfigSecretKeys
			}
		})
	// The SDK wraps a program's error in a multi-error ("1 error occurred: * ..."); the program's
	// own message already says how many problems there are.
	if w, ok := err.(interface{ WrappedErrors() []error }); ok && len(w.WrappedErrors()) == 1 {
		err = w.WrappedErrors()[0]
	}
	return rec, err
}
