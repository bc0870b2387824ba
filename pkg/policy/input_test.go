package policy

import (
	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/plan"
)

// The analyzer's input shapes written the plain way (the map Pulumi's OPA analyzer converts):
// the reference TestFastInputsAreTheAnalyzersInputs checks resourceValue and stackValue against.

// resourceInput builds the analyzer's per-resource input object.
func resourceInput(r plan.DocResource) map[string]any {
	obj := map[string]any{}
	opts := map[string]any{"protect": r.Protect, "parent": r.Parent}
	obj["type"], obj["urn"], obj["name"] = r.Type, r.URN, r.Name
	obj["options"] = opts
	obj["properties"] = r.Inputs
	for k, v := range r.Inputs {
		obj[k] = v
	}
	obj["__type"], obj["__urn"], obj["__name"] = r.Type, r.URN, r.Name
	obj["__options"] = opts
	obj["__properties"] = r.Inputs
	// Not in the analyzer's input (ids are outputs there); the offline plan knows them, so
	// rules that compare ids can check them here and skip when absent.
	if r.ID != "" {
		obj["__id"] = r.ID
	}
	return obj
}

// stackInput builds the analyzer's input of the stack rules: every resource's input with its
// dependencies, and the stack outputs.
func stackInput(doc *plan.Document) map[string]any {
	resources := make([]any, 0, len(doc.Resources))
	for _, r := range doc.Resources {
		obj := resourceInput(r)
		obj["dependencies"] = r.Dependencies
		obj["propertyDependencies"] = r.PropertyDependencies
		resources = append(resources, obj)
	}
	return map[string]any{"resources": resources, "outputs": doc.Outputs}
}

// resourceValue is a resource's input as Evaluate builds it.
func resourceValue(r plan.DocResource) (ast.Value, error) {
	kvs, err := resourceTerms(r, nil)
	if err != nil {
		return nil, err
	}
	return ast.NewObject(kvs...), nil
}
