//go:build tools

// Package tools pins the Pulumi CLI (github.com/pulumi/pulumi/pkg/v3/cmd/pulumi) at the version the
// package is built against.
package tools

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
