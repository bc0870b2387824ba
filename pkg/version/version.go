// Package version holds the package version, injected at build time with
// -ldflags "-X github.com/azure-mlops/pulumi-azure-mlops/pkg/version.Version=<v>".
package version

// Version of azure-mlops.
var Version = "0.1.0-dev"
