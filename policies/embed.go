// Package policies embeds the Rego policy pack so that the offline plan evaluates exactly the
// files the Pulumi CLI loads with `pulumi preview --policy-pack ./policies`.
package policies

import "embed"

// FS holds PulumiPolicy.yaml and every *.rego file of the pack.
//
//go:embed PulumiPolicy.yaml *.rego
var FS embed.FS

// AzureBuiltins holds the built-in Azure Policy definitions that Governance assigns, vendored
// unchanged from Azure/azure-policy (azure/builtin/<guid>.json; upstream paths and commit in
// pkg/azpolicy.BuiltinSources), so the plan evaluates the definitions Azure will enforce.
//
//go:embed azure/builtin/*.json
var AzureBuiltins embed.FS

// AzureLandingZone holds the landing-zone Deny-MachineLearning-* definitions, copied unchanged
// from Azure/Enterprise-Scale (azure/alz/<name>.json): the reference the definitions
// Governance sends are recognised by and checked against.
//
//go:embed azure/alz/*.json
var AzureLandingZone embed.FS
