package plan

import (
	"encoding/json"
	"fmt"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// FormatVersion of the JSON document (PLAN_FORMAT.md).
const FormatVersion = 1

// Document is the offline plan (see shared/design/PLAN_FORMAT.md): the contract other tools
// read. Fields are only ever added.
type Document struct {
	FormatVersion int            `json:"formatVersion"`
	Project       string         `json:"project"`
	Stack         string         `json:"stack"`
	Resources     []DocResource  `json:"resources"`
	Outputs       map[string]any `json:"outputs"`
	Policy        PolicyReport   `json:"policy"`
	Summary       Summary        `json:"summary"`
	CriticalPath  CriticalPath   `json:"criticalPath"`
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
}

// Summary counts the plan.
type Summary struct {
	Resources  int            `json:"resources"`
	Components int            `json:"components"`
	Custom     int            `json:"custom"`
	ByType     map[string]int `json:"byType"`
}

// HasMandatoryViolation reports whether the plan must fail.
func (d *Document) HasMandatoryViolation() bool {
	for _, v := range d.Policy.Violations {
		if v.Enforcement == "mandatory" {
			return true
		}
	}
	return false
}

// JSON renders the document deterministically (map keys sorted by encoding/json).
func (d *Document) JSON() ([]byte, error) {
	b, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
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
		Summary:       Summary{ByType: map[string]int{}},
	}
	resources := rec.Resources()
	for _, r := range resources {
		dr := DocResource{
			URN: r.URN, Type: r.Type, Name: r.Name, Custom: r.Custom, Parent: r.Parent, Protect: r.Protect, ID: r.ID,
			Inputs:               PlainMap(r.Inputs),
			Dependencies:         append([]string{}, r.Dependencies...),
			PropertyDependencies: map[string][]string{},
		}
		if r.Custom {
			dr.Provider = r.Provider
			doc.Summary.Custom++
		} else {
			doc.Summary.Components++
		}
		for k, v := range r.PropertyDependencies {
			dr.PropertyDependencies[k] = v
		}
		doc.Resources = append(doc.Resources, dr)
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
