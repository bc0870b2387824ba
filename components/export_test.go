package components

// Test helpers of this package, for its external tests (bootstrap_platform_test.go).
var (
	ConditionGUIDs   = conditionGUIDs
	ConditionGrants  = conditionGrants
	TestSubscription = testSub
)
