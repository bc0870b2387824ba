//go:build tools

// Package tools pins actionlint, the GitHub Actions workflow linter CI runs (make ci-lint),
// in its own module so the main module's dependencies stay unchanged.
package tools

import _ "github.com/rhysd/actionlint/cmd/actionlint"
