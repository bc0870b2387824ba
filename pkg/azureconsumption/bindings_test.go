package azureconsumption

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/bindingcheck"
)

// Every wire name exists in azure-native 2.92.3's declarations, and every required property
// there is bound (not as a pointer).
func TestWireNamesMatchAzureNativeDeclarations(t *testing.T) {
	bindingcheck.WireNamesAreDeclared(t, bindingcheck.Declarations(t, "testdata/declarations.txt"), map[string]any{
		"BudgetArgs":                     budgetArgs{},
		"BudgetFilterArgs":               BudgetFilter{},
		"BudgetComparisonExpressionArgs": BudgetComparisonExpression{},
		"BudgetTimePeriodArgs":           BudgetTimePeriod{},
		"NotificationArgs":               Notification{},
		"Budget.outputs":                 Budget{},
	})
}

// The Args structs map field-by-field onto the plain structs (the SDK marshals by field name).
func TestArgsMirrorPlainTypes(t *testing.T) {
	bindingcheck.ArgsMirrorPlain(t, []bindingcheck.Pair{
		{BudgetArgs{}, budgetArgs{}}, {BudgetFilterArgs{}, BudgetFilter{}}, {NotificationArgs{}, Notification{}},
		{BudgetTimePeriodArgs{}, BudgetTimePeriod{}}, {BudgetComparisonExpressionArgs{}, BudgetComparisonExpression{}},
	})
}

type mocks struct{ inputs resource.PropertyMap }

func (m *mocks) NewResource(a pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	m.inputs = a.Inputs
	return a.Name + "-id", a.Inputs, nil
}
func (m *mocks) Call(pulumi.MockCallArgs) (resource.PropertyMap, error) {
	return resource.PropertyMap{}, nil
}

// A budget reaches the engine with its token and the wire names of its nested inputs.
func TestBudgetRegistersWireShape(t *testing.T) {
	m := &mocks{}
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		_, err := NewBudget(ctx, "b", &BudgetArgs{
			Amount: pulumi.Float64(500), Category: pulumi.String("Cost"), TimeGrain: pulumi.String("Monthly"),
			Scope:      pulumi.String("/subscriptions/s/resourceGroups/rg"),
			TimePeriod: BudgetTimePeriodArgs{StartDate: pulumi.String("2026-12-01T00:00:00Z")},
			Filter: &BudgetFilterArgs{Tags: &BudgetComparisonExpressionArgs{Name: pulumi.String("workload"), Operator: pulumi.String("In"),
				Values: pulumi.StringArray{pulumi.String("fraud")}}},
			Notifications: NotificationMap{"actual80": {Enabled: pulumi.Bool(true), Operator: pulumi.String("GreaterThanOrEqualTo"),
				Threshold: pulumi.Float64(80), ThresholdType: pulumi.String("Actual"), ContactEmails: pulumi.StringArray{}}},
		})
		return err
	}, pulumi.WithMocks("p", "s", m))
	require.NoError(t, err)
	in := m.inputs.Mappable()
	assert.Equal(t, 500.0, in["amount"])
	assert.Equal(t, "2026-12-01T00:00:00Z", in["timePeriod"].(map[string]any)["startDate"])
	assert.Equal(t, "workload", in["filter"].(map[string]any)["tags"].(map[string]any)["name"])
	assert.Equal(t, 80.0, in["notifications"].(map[string]any)["actual80"].(map[string]any)["threshold"])
	err = pulumi.RunErr(func(ctx *pulumi.Context) error {
		_, err := NewBudget(ctx, "b", &BudgetArgs{Category: pulumi.String("Cost")})
		return err
	}, pulumi.WithMocks("p", "s", &mocks{}))
	assert.ErrorContains(t, err, "Amount")
}
