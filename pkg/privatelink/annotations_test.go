package privatelink

import (
	"flag"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/annotate"
)

var update = flag.Bool("update", false, "rewrite generated files")

func TestAnnotationsAreCurrent(t *testing.T) {
	got, err := annotate.Generate(".", []annotate.Type{
		{Name: "Args", Token: "PrivateEndpoints"}, {Name: "DNSMode", Token: "DnsMode"}, {Name: "Cloud", Token: "AzureCloudName"},
	})
	require.NoError(t, err)
	if *update {
		require.NoError(t, os.WriteFile("zz_annotations.go", got, 0o600))
		return
	}
	want, err := os.ReadFile("zz_annotations.go")
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got), "zz_annotations.go is stale: go test ./pkg/privatelink -run TestAnnotations -update")
}
