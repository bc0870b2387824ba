// Package azureconsumption carries typed Go bindings for azure-native:consumption:Budget,
// whose published Go SDK module (github.com/pulumi/pulumi-azure-native-sdk/consumption/v2 at
// v2.92.3) the module proxy here refuses (403), in the style of pkg/azureml: the real token,
// pulumi.Version(ProviderVersion), an API that mirrors the generated SDK, and every wire name
// pinned by bindings_test.go against @pulumi/azure-native@2.92.3's declarations
// (consumption/budget.d.ts and the consumption namespace of types/input.d.ts; the default
// API version there is 2023-05-01).
package azureconsumption

import (
	"reflect"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/azurelean"
)

// ProviderVersion is the azure-native provider version these bindings were checked against.
const ProviderVersion = azurelean.ProviderVersion

// BudgetToken is the resource token of a budget.
const BudgetToken = "azure-native:consumption:Budget"

// BudgetComparisonExpression filters a budget by a dimension or a tag: name operator values.
type BudgetComparisonExpression struct {
	Name string `pulumi:"name"`
	// "In".
	Operator string   `pulumi:"operator"`
	Values   []string `pulumi:"values"`
}

// BudgetComparisonExpressionArgs is the input form of BudgetComparisonExpression.
type BudgetComparisonExpressionArgs struct {
	Name     pulumi.StringInput      `pulumi:"name"`
	Operator pulumi.StringInput      `pulumi:"operator"`
	Values   pulumi.StringArrayInput `pulumi:"values"`
}

// ElementType implements pulumi.Input.
func (BudgetComparisonExpressionArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*BudgetComparisonExpression)(nil)).Elem()
}

// BudgetFilter narrows what a budget tracks (one dimension or tag expression).
type BudgetFilter struct {
	Dimensions *BudgetComparisonExpression `pulumi:"dimensions"`
	Tags       *BudgetComparisonExpression `pulumi:"tags"`
}

// BudgetFilterArgs is the input form of BudgetFilter.
type BudgetFilterArgs struct {
	Dimensions *BudgetComparisonExpressionArgs `pulumi:"dimensions"`
	Tags       *BudgetComparisonExpressionArgs `pulumi:"tags"`
}

// ElementType implements pulumi.Input.
func (BudgetFilterArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*BudgetFilter)(nil)).Elem()
}

// BudgetTimePeriod is when a budget starts (the first of a month) and, optionally, ends.
type BudgetTimePeriod struct {
	EndDate   *string `pulumi:"endDate"`
	StartDate string  `pulumi:"startDate"`
}

// BudgetTimePeriodArgs is the input form of BudgetTimePeriod.
type BudgetTimePeriodArgs struct {
	EndDate   pulumi.StringPtrInput `pulumi:"endDate"`
	StartDate pulumi.StringInput    `pulumi:"startDate"`
}

// ElementType implements pulumi.Input.
func (BudgetTimePeriodArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*BudgetTimePeriod)(nil)).Elem()
}

// Notification is one threshold of a budget and whom it tells.
type Notification struct {
	ContactEmails []string `pulumi:"contactEmails"`
	ContactGroups []string `pulumi:"contactGroups"`
	ContactRoles  []string `pulumi:"contactRoles"`
	Enabled       bool     `pulumi:"enabled"`
	Locale        *string  `pulumi:"locale"`
	// "EqualTo", "GreaterThan" or "GreaterThanOrEqualTo".
	Operator string `pulumi:"operator"`
	// Percent of the amount, 0-1000.
	Threshold float64 `pulumi:"threshold"`
	// "Actual" or "Forecasted".
	ThresholdType *string `pulumi:"thresholdType"`
}

// NotificationArgs is the input form of Notification.
type NotificationArgs struct {
	ContactEmails pulumi.StringArrayInput `pulumi:"contactEmails"`
	// Action group ids (subscription and resource group scopes only).
	ContactGroups pulumi.StringArrayInput `pulumi:"contactGroups"`
	ContactRoles  pulumi.StringArrayInput `pulumi:"contactRoles"`
	Enabled       pulumi.BoolInput        `pulumi:"enabled"`
	Locale        pulumi.StringPtrInput   `pulumi:"locale"`
	Operator      pulumi.StringInput      `pulumi:"operator"`
	Threshold     pulumi.Float64Input     `pulumi:"threshold"`
	ThresholdType pulumi.StringPtrInput   `pulumi:"thresholdType"`
}

// ElementType implements pulumi.Input.
func (NotificationArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*Notification)(nil)).Elem()
}

// NotificationMap is a map of NotificationArgs (the budget's notifications by name).
type NotificationMap map[string]NotificationArgs

// ElementType implements pulumi.Input.
func (NotificationMap) ElementType() reflect.Type {
	return reflect.TypeOf((*map[string]Notification)(nil)).Elem()
}

// Budget is azure-native:consumption:Budget.
type Budget struct {
	pulumi.CustomResourceState

	Amount    pulumi.Float64Output `pulumi:"amount"`
	Category  pulumi.StringOutput  `pulumi:"category"`
	ETag      pulumi.StringOutput  `pulumi:"eTag"`
	Name      pulumi.StringOutput  `pulumi:"name"`
	TimeGrain pulumi.StringOutput  `pulumi:"timeGrain"`
	Type      pulumi.StringOutput  `pulumi:"type"`
}

type budgetArgs struct {
	Amount        float64                 `pulumi:"amount"`
	BudgetName    *string                 `pulumi:"budgetName"`
	Category      string                  `pulumi:"category"`
	ETag          *string                 `pulumi:"eTag"`
	Filter        *BudgetFilter           `pulumi:"filter"`
	Notifications map[string]Notification `pulumi:"notifications"`
	Scope         string                  `pulumi:"scope"`
	TimeGrain     string                  `pulumi:"timeGrain"`
	TimePeriod    BudgetTimePeriod        `pulumi:"timePeriod"`
}

// BudgetArgs are the inputs of a Budget.
type BudgetArgs struct {
	Amount     pulumi.Float64Input
	BudgetName pulumi.StringPtrInput
	// "Cost" or "Usage".
	Category pulumi.StringInput
	ETag     pulumi.StringPtrInput
	Filter   *BudgetFilterArgs
	// Up to five notifications (Microsoft's limit, in the property's description).
	Notifications NotificationMap
	// The ARM id the budget tracks, e.g. a resource group's.
	Scope pulumi.StringInput
	// "Monthly", "Quarterly", "Annually", or the BillingX grains of Web Direct customers.
	TimeGrain  pulumi.StringInput
	TimePeriod BudgetTimePeriodArgs
}

// ElementType implements pulumi.Input.
func (BudgetArgs) ElementType() reflect.Type {
	return reflect.TypeOf((*budgetArgs)(nil)).Elem()
}

// NewBudget registers a new Budget.
func NewBudget(ctx *pulumi.Context, name string, args *BudgetArgs, opts ...pulumi.ResourceOption) (*Budget, error) {
	if args == nil {
		return nil, azurelean.ErrMissingArgs
	}
	if err := azurelean.CheckRequired(azurelean.Arg("Amount", args.Amount), azurelean.Arg("Category", args.Category), azurelean.Arg("Scope", args.Scope), azurelean.Arg("TimeGrain", args.TimeGrain), azurelean.Arg("TimePeriod.StartDate", args.TimePeriod.StartDate)); err != nil {
		return nil, err
	}
	var r Budget
	if err := ctx.RegisterResource(BudgetToken, name, args, &r, azurelean.Pinned(opts)...); err != nil {
		return nil, err
	}
	return &r, nil
}
