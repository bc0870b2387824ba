// Package policies embeds the Rego policy pack so that the offline plan evaluates exactly the
// files the Pulumi CLI loads with `pulumi preview --policy-pack ./policies`.
package policies

import "embed"

// FS holds PulumiPolicy.yaml and every *.rego file of the pack.
//
//go:embed PulumiPolicy.yaml *.rego
var FS embed.FS
