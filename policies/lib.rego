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

is_type(t) {
	base_type(input.__type) == t
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

# alz_idle_seconds evaluates a node idle time exactly as ALZ's Deny-MachineLearning-ComputeCluster-Scale
# does: replace P, Y, M, D, T, H with "/", drop S, int() of the last "/"-separated part. PT900S
# gives 900; PT15M leaves "" and is undefined here, as int('') is an error in Azure Policy.
alz_idle_seconds(d) = n {
	s := replace(replace(replace(replace(replace(replace(replace(d, "P", "/"), "Y", "/"), "M", "/"), "D", "/"), "T", "/"), "H", "/"), "S", "")
	parts := split(s, "/")
	last := parts[count(parts) - 1]
	regex.match(`^[+-]?[0-9]+$`, last)
	n := to_number(last)
}

# depends_on_type: resource r has a property dependency on a resource of type t in stack.
dependency_of_type(r, prop, t) = dep {
	some u in r.propertyDependencies[prop]
	some dep in input.resources
	dep.__urn == u
	res_is_type(dep, t)
}
