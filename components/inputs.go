// Package components holds the package's ComponentResources: SharedServices and
// MLOpsWorkspace. Each validates all of its arguments before it registers anything, so bad
// input fails with an error naming the field and leaves nothing half-created.
package components

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/azure-mlops/pulumi-azure-mlops/pkg/regions"
)

// knownString returns the value of an input when it is a plain, known string (as a Go caller
// writes pulumi.String("...")); outputs of other resources are not known at this point.
func knownString(in pulumi.StringInput) (string, bool) {
	switch v := in.(type) {
	case pulumi.String:
		return string(v), true
	case *pulumi.String:
		if v != nil {
			return string(*v), true
		}
	}
	return "", false
}

// subscriptionOrRG matches a subscription or resource group id.
var subscriptionOrRG = regexp.MustCompile(`(?i)^/subscriptions/[^/]+(/resourceGroups/[^/]+)?$`)

// armIDPattern matches /subscriptions/<sub>/resourceGroups/<rg>/providers/<Namespace>/<type>/<name>[/...].
var armIDPattern = regexp.MustCompile(`(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/([^/]+/[^/]+)/[^/]+(/.*)?$`)

// checkARMID validates an ARM id of the given provider type ("Microsoft.KeyVault/vaults")
// when the value is known now. Unknown values (outputs) are checked by Azure at deploy time.
func checkARMID(field string, in pulumi.StringInput, providerType string) error {
	if in == nil {
		return nil
	}
	v, ok := knownString(in)
	if !ok {
		return nil
	}
	m := armIDPattern.FindStringSubmatch(v)
	if m == nil {
		return fmt.Errorf("%s: %q is not an Azure resource id (expected /subscriptions/<id>/resourceGroups/<name>/providers/%s/<name>)", field, v, providerType)
	}
	if !strings.EqualFold(m[1], providerType) {
		return fmt.Errorf("%s: %q is a %s id; expected a %s id", field, v, m[1], providerType)
	}
	return nil
}

// checkLocation refuses a known location that is no region of any Azure cloud (pkg/regions).
func checkLocation(field string, in pulumi.StringInput) error {
	if in == nil {
		return nil
	}
	v, ok := knownString(in)
	if !ok || v == "" || regions.CloudOf(v) != "" {
		return nil
	}
	hint := ""
	if s := regions.Suggest("AzureCloud", v); s != "" {
		hint = fmt.Sprintf("; did you mean %s?", s)
	}
	return fmt.Errorf("%s: %q is not an Azure region (names as `az account list-locations` prints them, e.g. westeurope)%s", field, v, hint)
}

// requireInput reports a missing required input.
func requireInput(field string, in pulumi.Input) error {
	if in == nil {
		return fmt.Errorf("%s: required", field)
	}
	if s, ok := in.(pulumi.StringInput); ok {
		if v, known := knownString(s); known && strings.TrimSpace(v) == "" {
			return fmt.Errorf("%s: must not be empty", field)
		}
	}
	return nil
}

// oneOf checks an enum-like plain value.
func oneOf(field, v string, allowed ...string) error {
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	return fmt.Errorf("%s: unknown value %q (allowed: %s)", field, v, strings.Join(allowed, ", "))
}

// idParts splits a known-or-unknown ARM id into its resource group and name.
func idParts(id pulumi.StringInput) (rg, name pulumi.StringOutput) {
	rg = id.ToStringOutput().ApplyT(func(s string) string {
		parts := strings.Split(strings.Trim(s, "/"), "/")
		for i := 0; i+1 < len(parts); i++ {
			if strings.EqualFold(parts[i], "resourceGroups") {
				return parts[i+1]
			}
		}
		return ""
	}).(pulumi.StringOutput)
	name = id.ToStringOutput().ApplyT(func(s string) string {
		parts := strings.Split(strings.Trim(s, "/"), "/")
		return parts[len(parts)-1]
	}).(pulumi.StringOutput)
	return rg, name
}

// tagsFor returns the tags every resource of a component carries: the caller's tags plus the
// platform's own (which the caller cannot override, so ownership is always visible).
func tagsFor(user map[string]string, workload, environment, component string) pulumi.StringMap {
	out := pulumi.StringMap{}
	keys := make([]string, 0, len(user))
	for k := range user {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		out[k] = pulumi.String(user[k])
	}
	out["managed-by"] = pulumi.String("azure-mlops")
	out["workload"] = pulumi.String(workload)
	out["environment"] = pulumi.String(environment)
	out["component"] = pulumi.String(component)
	return out
}

// reservedTags are the tags tagsFor sets on every resource.
var reservedTags = []string{"managed-by", "workload", "environment", "component"}

func checkTags(field string, tags map[string]string) error {
	var errs []error
	// Tag names are case-insensitive in Azure (learn.microsoft.com/azure/azure-resource-manager/
	// management/tag-resources#limitations): "owner" and "Owner" are one tag.
	byLower := map[string][]string{}
	for k := range tags {
		byLower[strings.ToLower(k)] = append(byLower[strings.ToLower(k)], k)
	}
	for _, ks := range byLower {
		if len(ks) > 1 {
			sort.Strings(ks)
			errs = append(errs, fmt.Errorf("%s: tag names %q are one tag in Azure (tag names are case-insensitive); keep one", field, ks))
		}
	}
	for k := range tags {
		for _, r := range reservedTags {
			if strings.EqualFold(k, r) {
				errs = append(errs, fmt.Errorf("%s: tag %q is set by azure-mlops on every resource; use another name", field, k))
			}
		}
	}
	for k, v := range tags {
		switch {
		case k == "" || len(k) > 512 || strings.ContainsAny(k, "<>%&\\?/"):
			errs = append(errs, fmt.Errorf("%s: tag name %q is not valid in Azure (1-512 characters, none of <>%%&\\?/)", field, k))
		case len(v) > 256:
			errs = append(errs, fmt.Errorf("%s[%s]: tag value is %d characters long (max 256)", field, k, len(v)))
		}
	}
	return joinSorted(errs)
}

// joinSorted joins errors in a stable order (map iteration is random).
func joinSorted(errs []error) error {
	if len(errs) == 0 {
		return nil
	}
	sort.Slice(errs, func(i, j int) bool { return errs[i].Error() < errs[j].Error() })
	return errors.Join(errs...)
}

// childOpts returns the options every child of a component gets.
func childOpts(parent pulumi.Resource, extra ...pulumi.ResourceOption) []pulumi.ResourceOption {
	return append([]pulumi.ResourceOption{pulumi.Parent(parent)}, extra...)
}

// construct is how every component comes into being: validate all arguments first (plan), so
// bad input fails naming the field before anything is registered; then register the component
// (with the same token from Go and through the provider); then build its children.
func construct[A any, P any, C pulumi.ComponentResource](ctx *pulumi.Context, token, field, name string, args *A,
	plan func(*A) (P, error), comp C, build func(C, P) error, opts []pulumi.ResourceOption,
) (C, error) {
	var zero C
	if args == nil {
		return zero, fmt.Errorf("%s: args are required", field)
	}
	// A zero-value output or typed nil would pass every nil check and fail (or panic) only
	// when first used, after other resources are registered: refuse it before anything.
	if err := checkZeroInputs(field, args); err != nil {
		return zero, err
	}
	p, err := plan(args)
	if err != nil {
		return zero, err
	}
	if err := ctx.RegisterComponentResource(token, name, comp, opts...); err != nil {
		return zero, err
	}
	if err := build(comp, p); err != nil {
		return zero, err
	}
	return comp, nil
}
