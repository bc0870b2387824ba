package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/blang/semver"

	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// Languages SDKs are generated for.
var Languages = []string{"nodejs", "python", "go"}

const tool = "azure-mlops"

// GenerateSDK writes the SDK of one language for the schema in schemaJSON (schema.json)
// under outDir/<language>, with the official Pulumi code generators, in-process: the CLI's
// `package gen-sdk` needs language plugins, which this does not. version is stamped into
// the package (the committed schema carries none).
func GenerateSDK(schemaJSON []byte, language, version, outDir string) ([]string, error) {
	var spec schema.PackageSpec
	if err := json.Unmarshal(schemaJSON, &spec); err != nil {
		return nil, fmt.Errorf("reading the schema: %w", err)
	}
	spec.Version = version
	pkg, diags, err := schema.BindSpec(spec, selfContained{}, schema.ValidationOptions{})
	if err != nil {
		return nil, err
	}
	if diags.HasErrors() {
		return nil, fmt.Errorf("the schema is not valid: %s", diags.Error())
	}
	var files map[string][]byte
	switch language {
	case "nodejs":
		files, err = nodejs.GeneratePackage(tool, pkg, nil, nil, false, selfContained{})
	case "python":
		files, err = python.GeneratePackage(tool, pkg, nil, selfContained{})
	case "go":
		files, err = gogen.GeneratePackage(tool, pkg, nil)
	default:
		return nil, fmt.Errorf("unknown language %q (known: %v)", language, Languages)
	}
	if err != nil {
		return nil, fmt.Errorf("generating the %s SDK: %w", language, err)
	}
	dir := filepath.Join(outDir, language)
	if err := os.RemoveAll(dir); err != nil {
		return nil, err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(path, files[name], 0o644); err != nil {
			return nil, err
		}
	}
	return names, nil
}

// selfContained is the schema loader for a package that references no other package: the
// schema's types are all its own, so any request for another package is an error.
type selfContained struct{}

var _ schema.ReferenceLoader = selfContained{}

func (selfContained) LoadPackage(pkg string, _ *semver.Version) (*schema.Package, error) {
	return nil, fmt.Errorf("schema references package %q; azure-mlops's schema must be self-contained", pkg)
}

func (l selfContained) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return l.LoadPackage(d.Name, d.Version)
}

func (selfContained) LoadPackageReference(pkg string, _ *semver.Version) (schema.PackageReference, error) {
	return nil, fmt.Errorf("schema references package %q; azure-mlops's schema must be self-contained", pkg)
}

func (l selfContained) LoadPackageReferenceV2(_ context.Context, d *schema.PackageDescriptor) (schema.PackageReference, error) {
	return l.LoadPackageReference(d.Name, d.Version)
}
