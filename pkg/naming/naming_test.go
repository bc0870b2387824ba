package naming

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNames(t *testing.T) {
	n, err := New("w", "fraud", "e", "dev", "rg-mlops-dev")
	require.NoError(t, err)
	cases := []struct {
		kind  Kind
		quals []string
		want  string
	}{
		{LogAnalyticsWorkspace, nil, "log-fraud-dev"},
		{AppInsights, nil, "appi-fraud-dev"},
		{MLWorkspace, nil, "mlw-fraud-dev"},
		{ManagedIdentity, []string{"mlw"}, "id-mlw-fraud-dev"},
		{KeyVault, nil, "kv-fraud-dev-" + n.Suffix},
		{StorageAccount, nil, "stfrauddev" + n.Suffix},
		{ContainerRegistry, nil, "crfrauddev" + n.Suffix},
		{PrivateEndpoint, []string{"mlw"}, "pe-mlw-fraud-dev"},
	}
	for _, c := range cases {
		got, err := n.Name("w", c.kind, c.quals...)
		require.NoError(t, err, c.kind)
		assert.Equal(t, c.want, got)
		assert.NoError(t, Check("w", c.kind, got))
	}
}

func TestHyphenatedWorkloadIsStrippedWhereAzureForbidsHyphens(t *testing.T) {
	n, err := New("w", "fraud-ml", "e", "dev")
	require.NoError(t, err)
	st, err := n.Name("w", StorageAccount)
	require.NoError(t, err)
	assert.Equal(t, "stfraudmldev"+n.Suffix, st)
	cr, err := n.Name("w", ContainerRegistry)
	require.NoError(t, err)
	assert.NotContains(t, cr, "-")
}

func TestSuffixIsDeterministicAndDependsOnEveryPart(t *testing.T) {
	a := Suffix("fraud", "dev", "rg1")
	assert.Equal(t, a, Suffix("fraud", "dev", "rg1"))
	assert.Len(t, a, SuffixLength)
	assert.Regexp(t, `^[0-9a-z]{4}$`, a)
	assert.NotEqual(t, a, Suffix("fraud", "dev", "rg2"))
	assert.NotEqual(t, a, Suffix("fraud", "prod", "rg1"))
	// Joining is unambiguous: ("ab","c") and ("a","bc") differ.
	assert.NotEqual(t, Suffix("ab", "c"), Suffix("a", "bc"))
}

func TestLengthErrorsNameTheField(t *testing.T) {
	n, err := New("mlopsWorkspace.project", "frauddetection16", "mlopsWorkspace.environment", "dev")
	require.NoError(t, err)
	_, err = n.Name("mlopsWorkspace.project", StorageAccount)
	require.Error(t, err)
	assert.True(t, strings.HasPrefix(err.Error(), "mlopsWorkspace.project: the storage account name"), err.Error())
	assert.Contains(t, err.Error(), "Azure allows 3 to 24")
}

func TestValidateIdentifiers(t *testing.T) {
	bad := map[string]string{"": "required", "A": "2 to 16", "Fraud": "lowercase", "fraud_x": "lowercase", "-fraud": "lowercase",
		"fraud-": "lowercase", "fr--aud": "single hyphens", "abcdefghijklmnopq": "2 to 16"}
	for v, want := range bad {
		err := ValidateWorkload("p", v)
		require.Error(t, err, v)
		assert.Contains(t, err.Error(), want, v)
	}
	for _, v := range []string{"ab", "fraud", "fraud-ml", "x1"} {
		assert.NoError(t, ValidateWorkload("p", v), v)
	}
	for _, v := range []string{"", "Dev", "d-e", "production1", "1dev"} {
		assert.Error(t, ValidateEnvironment("e", v), v)
	}
	for _, v := range []string{"dev", "test", "prod", "stg2"} {
		assert.NoError(t, ValidateEnvironment("e", v), v)
	}
}

func TestCheckRules(t *testing.T) {
	assert.Error(t, Check("f", KeyVault, "kv--double"))
	assert.Error(t, Check("f", KeyVault, "1kv"))
	assert.Error(t, Check("f", StorageAccount, "St-upper"))
	assert.Error(t, Check("f", ContainerRegistry, "cr1"))
	assert.Error(t, Check("f", MLWorkspace, strings.Repeat("a", 34)))
	assert.NoError(t, Check("f", MLWorkspace, strings.Repeat("a", 33)))
}
