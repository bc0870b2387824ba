// Package azpolicy evaluates Azure Policy definitions over an offline plan, the way Azure
// evaluates them when the plan is deployed: the definitions the plan itself assigns
// (Governance's custom definitions exactly as planned, and the built-ins it assigns, vendored
// unchanged under policies/azure/builtin), with the assignments' parameter values, over each
// planned resource's ARM request body.
//
// # What it implements
//
// The policy rule language of MicrosoftDocs/azure-docs
// articles/governance/policy/concepts/definition-structure-policy-rule.md and
// how-to/author-policies-for-arrays.md:
//
//   - if/then; allOf, anyOf (left to right, stopping at the deciding member), not;
//   - field, value and count conditions (field count over a [*] alias, value count with name
//     and current(), both with where);
//   - the operators equals, notEquals, in, notIn, less, lessOrEquals, greater,
//     greaterOrEquals, exists, like, notLike, contains, notContains, containsKey,
//     notContainsKey, match, notMatch, matchInsensitively, notMatchInsensitively (condition.go);
//   - the template functions field, parameters, current, policy, if (lazy), and, or, not,
//     equals, less, lessOrEquals, greater, greaterOrEquals, concat, split, replace, first,
//     last, take, skip, int, string, bool, toLower, toUpper, trim, substring, startsWith,
//     endsWith, length, empty, contains, coalesce, createArray, array, true, false, null
//     (expr.go);
//   - fields type, name, fullName, id, kind, location (normalised), identity.type, tags and
//     tags['x'] / tags.x, and the aliases of the alias table (resource.go);
//   - modes All and Indexed; Resource Provider modes (Microsoft.*.Data) are reported as not
//     applicable to ARM resources; scopes, notScopes, exemptions, enforcementMode;
//   - effects: Deny and Audit as such, Disabled (not evaluated), Modify/Append reported with
//     the change they would make, AuditIfNotExists/DeployIfNotExists with the related
//     resource they would look for (their existence condition is not evaluated offline).
//
// Azure's semantics kept: strings compare case-insensitively except in match and in the
// template functions that Microsoft documents as case-sensitive (replace, contains); a
// missing property and a null one are the same to exists; field() of a missing property is
// ""; ordered comparisons of mismatched types fail; and a failed evaluation (a template
// function error such as int(”)) is an implicit deny, whatever the effect — "A failed
// evaluation is an implicit deny" (definition-structure-policy-rule.md, "Avoiding template
// failures").
//
// Where Microsoft documents nothing, this package reads as follows (each is a test row, to
// revisit if Azure is seen to differ): allOf/anyOf stop at the first deciding member, left to
// right; a field condition over a [*] alias that selects no member holds (it holds for "all"
// of none); an ordered comparison (less, greater, ...) of a missing field fails like any
// other type mismatch.
//
// Three kinds of failure are kept apart: EvalError (Azure fails too: the verdict is "error"
// and the action "deny"), Unknown (the plan cannot know the value: "unknown", never a deny)
// and Unsupported (this package lacks a function, operator or alias: "unevaluated", never a
// deny, and a test keeps the deployed definitions free of it).
//
// # The resource Azure sees
//
// FromPlan turns a planned azure-native resource into its ARM request body with the shape
// table (resource.go): which inputs are URL parameters (dropped), which are envelope
// properties (location, tags, identity, sku, kind, ...), and whether azure-native flattened
// the ARM "properties" object into top-level inputs (most types) or passes it as one input
// (the ML compute, the Key Vault). Read-only state the plan determines is added where Audit
// effects read it (a workspace's approved private endpoint connections).
//
// # Adding to it
//
//   - A new definition: assign it in components/governance.go. A built-in must also be
//     vendored: copy built-in-policies/policyDefinitions/<category>/<file>.json from
//     Azure/azure-policy to policies/azure/builtin/<guid>.json unchanged and add its upstream
//     path to BuiltinSources. TestEveryDeployedAliasIsMapped then names any alias it reads
//     that the table lacks.
//   - An alias: add it to Aliases with its ARM path (Get-AzPolicyAlias / the REST spec) and
//     the definition that reads it as its source. Paths are in the ARM body: a flattened
//     azure-native input x is properties.x.
//   - A resource type: add its azure-native token to shapes (ARM type, flattened or not, URL
//     parameters, whether it supports tags and location).
//   - A template function: add it to functions in expr.go with its Microsoft reference and a
//     row in TestFunctions; an operator: to apply in condition.go and TestOperators.
package azpolicy
