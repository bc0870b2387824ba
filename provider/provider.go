// Package provider assembles the azure-mlops component provider from the components'
// constructors (pulumi-go-provider infer.ComponentF), and renders its schema in-process.
package provider

import (
	"context"
	"encoding/json"
	"strings"

	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"

	"github.com/azure-mlops/pulumi-azure-mlops/components"
	"github.com/azure-mlops/pulumi-azure-mlops/pkg/privatelink"
)

// Name is the Pulumi package name.
const Name = "azure-mlops"

// GoImportPath is where the generated Go SDK lives.
const GoImportPath = "github.com/azure-mlops/pulumi-azure-mlops/sdk/go/azuremlops"

// New builds the provider.
func New() (p.Provider, error) {
	prov, err := infer.NewProviderBuilder().
		WithDisplayName("Azure MLOps").
		WithDescription("A secure, enterprise-grade Azure Machine Learning platform: shared services, ML workspaces on a managed VNet with private endpoints, and governance.").
		WithKeywords("azure", "machine learning", "mlops", "private link", "category/cloud", "kind/component").
		WithHomepage("https://github.com/azure-mlops/pulumi-azure-mlops").
		WithRepository("https://github.com/azure-mlops/pulumi-azure-mlops").
		WithPublisher("azure-mlops").
		WithLicense("Apache-2.0").
		WithLanguageMap(map[string]any{
			"nodejs": map[string]any{
				"packageName":          "@azure-mlops/pulumi-azure-mlops",
				"packageDescription":   "A secure, enterprise-grade Azure Machine Learning platform as Pulumi components.",
				"dependencies":         map[string]string{"@pulumi/pulumi": "^3.142.0"},
				"devDependencies":      map[string]string{"typescript": "^5.4.0", "@types/node": "^20.0.0"},
				"respectSchemaVersion": true,
			},
			"python": map[string]any{
				"packageName":          "pulumi_azure_mlops",
				"requires":             map[string]string{"pulumi": ">=3.142.0,<4.0.0"},
				"pyproject":            map[string]any{"enabled": true},
				"respectSchemaVersion": true,
			},
			"go": map[string]any{
				"importBasePath":                 GoImportPath,
				"generateResourceContainerTypes": true,
				"respectSchemaVersion":           true,
			},
			"csharp": map[string]any{
				"rootNamespace":        "AzureMlops",
				"packageReferences":    map[string]string{"Pulumi": "3.*"},
				"respectSchemaVersion": true,
			},
		}).
		WithGoImportPath(GoImportPath).
		// Every token is azure-mlops:index:<Name>, whatever Go package the type lives in.
		WithModuleMap(map[tokens.ModuleName]tokens.ModuleName{"components": "index", "privatelink": "index"}).
		WithComponents(
			infer.ComponentF(components.NewSharedServices),
			infer.ComponentF(components.NewMLOpsWorkspace),
			infer.ComponentF(components.NewPrivateNetwork),
			infer.ComponentF(components.NewGovernance),
			infer.ComponentF(components.NewBootstrap),
			infer.ComponentF(components.NewOperations),
		).
		Build()
	if err != nil {
		return p.Provider{}, err
	}
	inner := prov.GetSchema
	prov.GetSchema = func(ctx context.Context, req p.GetSchemaRequest) (p.GetSchemaResponse, error) {
		resp, err := inner(ctx, req)
		if err != nil {
			return resp, err
		}
		resp.Schema, err = describeTypes(resp.Schema)
		return resp, err
	}
	return prov, nil
}

// describeTypes gives every schema type without a description (the framework leaves enum
// types undescribed) the doc comment of its Go type.
func describeTypes(raw string) (string, error) {
	var spec schema.PackageSpec
	if err := json.Unmarshal([]byte(raw), &spec); err != nil {
		return "", err
	}
	for tok, t := range spec.Types {
		if t.Description != "" {
			continue
		}
		name := tok[strings.LastIndex(tok, ":")+1:]
		for _, m := range []map[string]string{components.TypeDescriptions, privatelink.TypeDescriptions} {
			if d, ok := m[name]; ok {
				t.Description = d
			}
		}
		spec.Types[tok] = t
	}
	b, err := json.Marshal(spec)
	return string(b), err
}

// Schema returns the provider's package schema (no CLI, no plugin host). With version ""
// the schema has no version field, as schema.json is committed.
func Schema(ctx context.Context, version string) (schema.PackageSpec, error) {
	prov, err := New()
	if err != nil {
		return schema.PackageSpec{}, err
	}
	v := version
	if v == "" {
		v = "0.0.0"
	}
	spec, err := p.GetSchema(ctx, Name, v, prov)
	if err != nil {
		return spec, err
	}
	if version == "" {
		spec.Version = ""
	}
	return spec, nil
}

// SchemaJSON renders the schema as committed in schema.json: indented, no version.
func SchemaJSON(ctx context.Context) ([]byte, error) {
	spec, err := Schema(ctx, "")
	if err != nil {
		return nil, err
	}
	b, err := json.MarshalIndent(spec, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
