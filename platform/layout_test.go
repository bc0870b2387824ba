package platform

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// layers, lowest first: a package may import only packages of its own or lower layers.
var layers = [][]string{
	{"pkg/"},
	{"components"},
	{"platform"},
	{"provider", "cmd/"},
}

// layerExceptions are imports that run upwards, and why.
var layerExceptions = map[string]string{
	// A fixture helper: plans Governance alone so tests of resources planned without it can
	// meet the environment's policies (pkg/azpolicy and pkg/policy tests use it).
	"pkg/azpolicy/governance.go -> components": "test fixture helper",
}

func layerOf(rel string) int {
	for i, l := range layers {
		for _, prefix := range l {
			if rel == strings.TrimSuffix(prefix, "/") || strings.HasPrefix(rel, strings.TrimSuffix(prefix, "/")+"/") {
				return i
			}
		}
	}
	return -1
}

// TestLayering: the arrows of the package diagram point down: pkg/ (building blocks) <-
// components <- platform (config -> components) <- provider and cmd/ (entry points).
func TestLayering(t *testing.T) {
	checked := 0
	require.NoError(t, filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "sdk" || d.Name() == "node_modules" || strings.HasPrefix(d.Name(), ".")) && path != ".." {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		rel, _ := filepath.Rel("..", path)
		from := layerOf(filepath.Dir(rel))
		if from < 0 {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			target, ok := strings.CutPrefix(p, module+"/")
			if !ok {
				continue
			}
			checked++
			to := layerOf(target)
			if _, ok := layerExceptions[rel+" -> "+target]; ok {
				continue
			}
			assert.LessOrEqual(t, to, from, "%s imports %s: an arrow that runs back up", rel, target)
		}
		return nil
	}))
	assert.Greater(t, checked, 20)
}
