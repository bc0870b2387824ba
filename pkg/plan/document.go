package plan

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// FormatVersion of the JSON document (docs/plan-format.md).
const FormatVersion = 1

// Document is the offline plan (see docs/plan-format.md): the contract other tools
// read. Fields are only ever added.
type Document struct {
	FormatVersion int            `json:"formatVersion"`
	Project       string         `json:"project"`
	Stack         string         `json:"stack"`
	Resources     []DocResource  `json:"resources"`
	Outputs       map[string]any `json:"outputs"`
	Policy        PolicyReport   `json:"policy"`
	// AzurePolicy: the Azure Policy definitions the plan assigns, evaluated over its resources
	// (pkg/azpolicy).
	AzurePolicy  AzurePolicyReport `json:"azurePolicy"`
	Summary      Summary           `json:"summary"`
	CriticalPath CriticalPath      `json:"criticalPath"`
}

// DocResource is one registered resource.
type DocResource struct {
	URN                  string              `json:"urn"`
	Type                 string              `json:"type"`
	Name                 string              `json:"name"`
	Custom               bool                `json:"custom"`
	Parent               string              `json:"parent"`
	Provider             string              `json:"provider"`
	Protect              bool                `json:"protect"`
	ID                   string              `json:"id,omitempty"`
	Inputs               map[string]any      `json:"inputs"`
	Dependencies         []string            `json:"dependencies"`
	PropertyDependencies map[string][]string `json:"propertyDependencies"`
}

// PolicyReport lists policy violations found in the plan.
type PolicyReport struct {
	// Evaluated says whether a policy pack ran over this plan.
	Evaluated  bool        `json:"evaluated"`
	Violations []Violation `json:"violations"`
}

// Violation is one policy finding.
type Violation struct {
	Policy      string `json:"policy"`
	Enforcement string `json:"enforcement"`
	URN         string `json:"urn"`
	Message     string `json:"message"`
	// Fix says how to comply (the rule's fix annotation); empty when the rule has none.
	Fix string `json:"fix,omitempty"`
}

// AzurePolicyReport is the plan's own Azure Policy assignments evaluated over its resources
// as Azure would evaluate them (docs/plan-format.md, "azurePolicy").
type AzurePolicyReport struct {
	Evaluated   bool              `json:"evaluated"`
	Assignments []AzureAssignment `json:"assignments"`
	// Verdicts: one per resource and assignment whose mode and scope apply and whose
	// definition's type condition selects the resource.
	Verdicts []AzureVerdict `json:"verdicts"`
}

// AzureAssignment is one policy assignment of the plan and what its evaluation found.
type AzureAssignment struct {
	Name             string `json:"name"`
	URN              string `json:"urn"`
	Definition       string `json:"definition"`
	DefinitionID     string `json:"definitionId"`
	DefinitionSource string `json:"definitionSource"`
	Mode             string `json:"mode"`
	Scope            string `json:"scope"`
	Effect           string `json:"effect"`
	EnforcementMode  string `json:"enforcementMode"`
	// Status: evaluated, disabled, not-applicable, definition-not-found or error.
	Status string `json:"status"`
	Note   string `json:"note,omitempty"`
	// Resources in the assignment's scope that its mode covers, and how they fared.
	Resources    int `json:"resources"`
	Compliant    int `json:"compliant"`
	NonCompliant int `json:"nonCompliant"`
	Errors       int `json:"errors"`
	Exempt       int `json:"exempt"`
	Unevaluated  int `json:"unevaluated"`
}

// AzureVerdict is one resource evaluated against one assignment.
type AzureVerdict struct {
	URN        string `json:"urn"`
	Resource   string `json:"resource"`
	Assignment string `json:"assignment"`
	Definition string `json:"definition"`
	Effect     string `json:"effect"`
	// Result: compliant, non-compliant, error (an expression failed: Azure denies), exempt,
	// unknown (reads a value the plan cannot know) or unevaluated (a construct pkg/azpolicy
	// does not implement).
	Result string `json:"result"`
	// Action: what Azure does with the request: none, deny, audit, modify: ..., ...
	Action string `json:"action"`
	// Field and Value: the last condition that decided the result, and the value it read.
	Field  string `json:"field,omitempty"`
	Value  string `json:"value,omitempty"`
	Reason string `json:"reason"`
	Error  string `json:"error,omitempty"`
}

// Denies says whether Azure would refuse the resource: a Deny verdict or a failed evaluation,
// under an enforced assignment.
func (v AzureVerdict) Denies() bool { return v.Action == "deny" }

// Summary counts the plan.
type Summary struct {
	Resources  int            `json:"resources"`
	Components int            `json:"components"`
	Custom     int            `json:"custom"`
	ByType     map[string]int `json:"byType"`
}

// HasMandatoryViolation reports whether the plan must fail: a mandatory Rego violation, or a
// resource Azure Policy would deny.
func (d *Document) HasMandatoryViolation() bool {
	for _, v := range d.Policy.Violations {
		if v.Enforcement == "mandatory" {
			return true
		}
	}
	return len(d.AzurePolicyDenials()) > 0
}

// AzurePolicyDenials are the verdicts under which Azure would refuse a resource.
func (d *Document) AzurePolicyDenials() []AzureVerdict {
	var out []AzureVerdict
	for _, v := range d.AzurePolicy.Verdicts {
		if v.Denies() {
			out = append(out, v)
		}
	}
	return out
}

// JSON renders the document deterministically (map keys sorted by encoding/json).
func (d *Document) JSON() ([]byte, error) {
	var buf bytes.Buffer
	if err := d.WriteJSON(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// resourcesPlaceholder is how the document's resources read when they are left out.
const resourcesPlaceholder = "\n  \"resources\": null,\n"

// WriteJSON writes the document as JSON() returns it — the bytes of
// json.MarshalIndent(d, "", "  ") and a newline — one resource at a time, so a plan of
// thousands of resources is never held twice in memory as text (22 MB at 200 projects).
func (d *Document) WriteJSON(w io.Writer) error {
	shell := *d
	shell.Resources = nil
	head, err := json.MarshalIndent(&shell, "", "  ")
	if err != nil {
		return err
	}
	i := bytes.Index(head, []byte(resourcesPlaceholder))
	if i < 0 {
		return fmt.Errorf("plan document: no resources field in %.80s", head)
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.Write(head[:i+len("\n  \"resources\": ")])
	switch {
	case d.Resources == nil:
		bw.WriteString("null")
	case len(d.Resources) == 0:
		bw.WriteString("[]")
	default:
		bw.WriteString("[")
		// Resources are encoded in batches on every core and written in order; a batch is all
		// that is held as text at once.
		const batch = 256
		texts := make([][]byte, batch)
		for start := 0; start < len(d.Resources); start += batch {
			n := min(batch, len(d.Resources)-start)
			if err := Parallel(n, func(k int) (err error) {
				// The buffers of the previous batch are reused.
				texts[k], err = appendResourceJSON(texts[k][:0], &d.Resources[start+k], "    ")
				return err
			}); err != nil {
				return err
			}
			for k := 0; k < n; k++ {
				if start+k > 0 {
					bw.WriteString(",")
				}
				bw.WriteString("\n    ")
				bw.Write(texts[k])
			}
		}
		bw.WriteString("\n  ]")
	}
	bw.Write(head[i+len(resourcesPlaceholder)-2:])
	bw.WriteString("\n")
	return bw.Flush()
}

// Builder is a program that returns its stack outputs instead of exporting them, so the
// offline plan can record them.
type Builder func(ctx *pulumi.Context) (pulumi.Map, error)

// Evaluate runs build under the recorder and assembles the plan document.
func Evaluate(opts Options, build Builder) (*Document, error) {
	var mu sync.Mutex
	outputs := map[string]any{}
	rec, err := Run(opts, func(ctx *pulumi.Context) error {
		outs, err := build(ctx)
		if err != nil {
			return err
		}
		var wg sync.WaitGroup
		for k, in := range outs {
			o := pulumi.ToOutput(in)
			secret := pulumi.IsSecret(o)
			wg.Add(1)
			o.ApplyT(func(v any) any {
				mu.Lock()
				defer mu.Unlock()
				if secret {
					outputs[k] = SecretMarker
				} else {
					outputs[k] = normalize(v)
				}
				wg.Done()
				return v
			})
		}
		wg.Wait()
		return nil
	})
	if err != nil {
		return nil, err
	}
	o := rec.opts
	doc := &Document{
		FormatVersion: FormatVersion,
		Project:       o.Project,
		Stack:         o.Stack,
		Outputs:       outputs,
		Policy:        PolicyReport{Violations: []Violation{}},
		AzurePolicy:   AzurePolicyReport{Assignments: []AzureAssignment{}, Verdicts: []AzureVerdict{}},
		Summary:       Summary{ByType: map[string]int{}},
	}
	resources := rec.Resources()
	if len(resources) > 0 { // none: null, as before
		doc.Resources = make([]DocResource, len(resources))
	}
	// The inputs' plain values are built on every core.
	if err := Parallel(len(resources), func(i int) error {
		doc.Resources[i].Inputs = PlainMap(resources[i].Inputs)
		return nil
	}); err != nil {
		return nil, err
	}
	for i, r := range resources {
		dr := &doc.Resources[i]
		dr.URN, dr.Type, dr.Name, dr.Custom, dr.Parent, dr.Protect, dr.ID = r.URN, r.Type, r.Name, r.Custom, r.Parent, r.Protect, r.ID
		dr.Dependencies = append([]string{}, r.Dependencies...)
		dr.PropertyDependencies = make(map[string][]string, len(r.PropertyDependencies))
		if r.Custom {
			dr.Provider = r.Provider
			doc.Summary.Custom++
		} else {
			doc.Summary.Components++
		}
		for k, v := range r.PropertyDependencies {
			dr.PropertyDependencies[k] = v
		}
		doc.Summary.ByType[r.Type]++
	}
	doc.Summary.Resources = len(doc.Resources)
	doc.CriticalPath = ComputeCriticalPath(doc.Resources)
	return doc, nil
}

// normalize turns awaited Go values (typed slices and maps) into plain JSON values.
func normalize(v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	var out any
	_ = json.Unmarshal(b, &out)
	return out
}

// Parallel calls f(0..n-1) on every core and returns the error of the lowest index that
// failed (so the error reported does not depend on scheduling).
func Parallel(n int, f func(i int) error) error {
	errs := make([]error, n)
	workers := max(1, min(runtime.GOMAXPROCS(0), n))
	var wg sync.WaitGroup
	next := make(chan int, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				errs[i] = f(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
