package azureconsumption

import (
	"bufio"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func declarations(t *testing.T) map[string]map[string]bool {
	t.Helper()
	f, err := os.Open("testdata/declarations.txt")
	require.NoError(t, err)
	defer f.Close()
	out := map[string]map[string]bool{}
	s := bufio.NewScanner(f)
	for s.Scan() {
		line := s.Text()
		if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		typ, prop, ok := strings.Cut(line, " ")
		require.True(t, ok, line)
		if out[typ] == nil {
			out[typ] = map[string]bool{}
		}
		out[typ][strings.TrimSuffix(prop, "?")] = !strings.HasSuffix(prop, "?")
	}
	return out
}

func wireNames(typ reflect.Type) map[string]reflect.StructField {
	out := map[string]reflect.StructField{}
	for i := 0; i < typ.NumField(); i++ {
		f := typ.Field(i)
		if tag := strings.Split(f.Tag.Get("pulumi"), ",")[0]; tag != "" {
			out[tag] = f
		}
	}
	return out
}

// Every wire name exists in azure-native 2.92.3's declarations, and every required property
// there is bound (not as a pointer).
func TestWireNamesMatchAzureNativeDeclarations(t *testing.T) {
	decl := declarations(t)
	bindings := map[string]any{
		"BudgetArgs":                     budgetArgs{},
		"BudgetFilterArgs":               BudgetFilter{},
		"BudgetComparisonExpressionArgs": BudgetComparisonExpression{},
		"BudgetTimePeriodArgs":           BudgetTimePeriod{},
		"NotificationArgs":               Notification{},
		"Budget.outputs":                 Budget{},
	}
	for label, v := range bindings {
		t.Run(label, func(t *testing.T) {
			props, ok := decl[label]
			require.True(t, ok, "no declarations for %s; rerun testdata/extract.sh", label)
			fields := wireNames(reflect.TypeOf(v))
			require.NotEmpty(t, fields)
			for wire, f := range fields {
				_, declared := props[wire]
				assert.True(t, declared, "%s.%s (wire name %q) is not declared by azure-native", label, f.Name, wire)
			}
			if strings.HasSuffix(label, ".outputs") {
				return
			}
			for prop, required := range props {
				if !required {
					continue
				}
				f, bound := fields[prop]
				if assert.True(t, bound, "required property %s.%s is not bound", label, prop) {
					assert.NotEqual(t, reflect.Pointer, f.Type.Kind(), "required %s.%s must not be optional here", label, prop)
				}
			}
		})
	}
}

// The Args structs map field-by-field onto the plain structs (the SDK marshals by field name).
func TestArgsMirrorPlainTypes(t *testing.T) {
	for _, p := range []struct{ args, plain any }{
		{BudgetArgs{}, budgetArgs{}}, {BudgetFilterArgs{}, BudgetFilter{}}, {NotificationArgs{}, Notification{}},
		{BudgetTimePeriodArgs{}, BudgetTimePeriod{}}, {BudgetComparisonExpressionArgs{}, BudgetComparisonExpression{}},
	} {
		at, pt := reflect.TypeOf(p.args), reflect.TypeOf(p.plain)
		var an, pn []string
		for i := 0; i < at.NumField(); i++ {
			an = append(an, at.Field(i).Name)
		}
		for i := 0; i < pt.NumField(); i++ {
			pn = append(pn, pt.Field(i).Name)
		}
		sort.Strings(an)
		sort.Strings(pn)
		assert.Equal(t, pn, an, "%s vs %s", at.Name(), pt.Name())
		assert.Equal(t, pt, p.args.(pulumi.Input).ElementType(), at.Name())
	}
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
