package azure_mlops

import future.keywords.in

# Library routines (not policies: only deny_*, warn_* and stack_* rules are).
#
# Input shape (Pulumi OPA analyzer): a resource's properties at the top level plus __type,
# __name, __urn, __options and __properties (the whole property bag). Stack rules get
# input.resources, each with dependencies and propertyDependencies.

# base_type drops the API version: azure-native:storage/v20230101:StorageAccount ->
# azure-native:storage:StorageAccount.
base_type(t) = out {
	parts := split(t, ":")
	count(parts) == 3
	out := sprintf("%s:%s:%s", [parts[0], split(parts[1], "/")[0], parts[2]])
}

# input_type: the evaluated resource's type without its API version. A complete rule, so it
# is computed once per resource, not once per rule that asks.
input_type := base_type(input.__type)

is_type(t) {
	input_type == t
}

res_is_type(r, t) {
	base_type(r.__type) == t
}

props := input.__properties

# param reads data.config.<rule>.<key> (policy pack config), falling back to a default.
param(rule, key, fallback) = v {
	v := data.config[rule][key]
} else = fallback {
	true
}

# alz_idle_text reads an ISO 8601 duration the way the landing-zone Scale policy does
# (Azure/Enterprise-Scale Deny-MachineLearning-ComputeCluster-Scale.json):
# int(last(split(replace(...replace(d, 'P', '/')..., 'S', ''), '/'))). Only "PT<n>S" leaves
# a number; "PT15M" leaves "" and int('') fails, which Azure treats as a deny.
alz_idle_text(d) = t {
	s := replace(replace(replace(replace(replace(replace(replace(d, "P", "/"), "Y", "/"), "M", "/"), "D", "/"), "T", "/"), "H", "/"), "S", "")
	parts := split(s, "/")
	t := trim_space(parts[count(parts) - 1])
}

# alz_idle_seconds is the number the landing-zone Scale policy compares, when it parses.
alz_idle_seconds(d) = n {
	t := alz_idle_text(d)
	regex.match(`^[+-]?[0-9]+$`, t)
	n := to_number(t)
}

# Indexes of a stack's resources. Each is a complete rule, so OPA builds it once per
# evaluation; stack rules look resources up in them instead of scanning input.resources per
# resource, which kept the cost linear in the number of resources (a 200-project stack has
# ~10,000). The offline plan (pkg/policy) sends them built in Go, as input.__index; Pulumi's
# OPA analyzer sends no __index, and the comprehensions below build the same objects over its
# input (TestStackIndexIsTheRegoIndex compares the two on every stack).

# resource_by_urn: URN -> resource.
resource_by_urn = idx {
	idx := input.__index.resource_by_urn
} else = idx {
	idx := {r.__urn: r | some r in input.resources}
}

# typed_resources: [base type, resource] pairs (base_type computed once per resource).
typed_resources := [[base_type(r.__type), r] | some r in input.resources]

# resources_of_type: base type -> the stack's resources of that type, in input order.
resources_of_type = idx {
	idx := input.__index.resources_of_type
} else = idx {
	idx := {t: [r | some p in typed_resources; p[0] == t; r := p[1]] | some t in {p[0] | some p in typed_resources}}
}

# stack_resources(t): the stack's resources of base type t (none when absent).
stack_resources(t) = rs {
	rs := resources_of_type[t]
} else = [] {
	true
}

# dependency_of_type: resource r has a property dependency (prop) on a resource of type t.
dependency_of_type(r, prop, t) = dep {
	some u in r.propertyDependencies[prop]
	dep := resource_by_urn[u]
	res_is_type(dep, t)
}
