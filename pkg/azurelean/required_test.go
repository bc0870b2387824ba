package azurelean_test

import (
	"testing"

	"github.com/pulumi/pulumi-azure-native-sdk/storage/v2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/azurelean"
)

// CheckRequired names the first unset input in the order given, whether the input is an
// interface, a pointer or a value, with the generated SDK's message.
func TestCheckRequired(t *testing.T) {
	var unsetInput pulumi.StringInput
	var unsetPtr *storage.SkuArgs
	var unsetMap pulumi.StringMap
	assert.NoError(t, azurelean.CheckRequired())
	assert.NoError(t, azurelean.CheckRequired(azurelean.Arg("A", pulumi.String("x")), azurelean.Arg("B", &storage.SkuArgs{}), azurelean.Arg("C", storage.SkuArgs{}), azurelean.Arg("D", 0)))
	assert.EqualError(t, azurelean.CheckRequired(azurelean.Arg("A", pulumi.String("x")), azurelean.Arg("B", unsetInput), azurelean.Arg("C", unsetPtr)),
		"invalid value for required argument 'B'")
	assert.EqualError(t, azurelean.CheckRequired(azurelean.Arg("A", pulumi.String("x")), azurelean.Arg("C", unsetPtr), azurelean.Arg("B", unsetInput)),
		"invalid value for required argument 'C'")
	assert.EqualError(t, azurelean.CheckRequired(azurelean.Arg("M", unsetMap)), "invalid value for required argument 'M'")
	assert.EqualError(t, azurelean.ErrMissingArgs, "missing one or more required arguments")
}
