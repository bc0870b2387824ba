package plan

import (
	"encoding/json"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strings"
)

var guidPattern = regexp.MustCompile(`^"?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"?$`)

// Change is one setting that differs between two plans.
type Change struct {
	Resource string `json:"resource"`
	// Type of the resource (logical names are unique per type only).
	Type string `json:"type"`
	Path string `json:"path"`
	From string `json:"from"`
	To   string `json:"to"`
}

// securityPaths match the settings that decide who and what can reach a resource, whether it
// survives a mistake, and what policy enforces: the differences a reviewer of two
// environments must see first.
var securityPaths = regexp.MustCompile(`(?i)(^|\.)(` +
	`isolationMode|publicNetworkAccess\w*|\w*PublicAccess|\w*PublicIp|anonymousPullEnabled|adminUserEnabled|` + // isolation, public access
	`allowSharedKeyAccess|disableLocalAuth|minimumTlsVersion|defaultAction|principalType|credentialsType|` + // how callers get in
	`securityRules\[\d+\]\.(access|direction|sourceAddressPrefix|sourceAddressPrefixes|destinationPortRange|destinationPortRanges)|` +
	`enablePurgeProtection|enableSoftDelete|enableRbacAuthorization|hbiWorkspace|encryption|identity\.type|` + // protection of data
	`effect|enforcementMode)` + // policy
	`(\.|$)|^\(protect\)$`)

// Security says whether the setting is security-relevant: isolation, public access, local
// authentication, data protection, Pulumi protection or a policy effect.
func (c Change) Security() bool { return securityPaths.MatchString(c.Path) }

// Tag says whether the setting is a resource tag.
func (c Change) Tag() bool { return strings.HasPrefix(c.Path, "tags.") || c.Path == "tags" }

// DiffResult is how two environments differ.
type DiffResult struct {
	From, To     string
	OnlyInFrom   []DocResource
	OnlyInTo     []DocResource
	Changes      []Change
	FromSummary  Summary
	ToSummary    Summary
	FromCritical CriticalPath
	ToCritical   CriticalPath
}

// Diff compares two plans resource by resource (matched by type and logical name). Names
// that differ only because of the environment (physical names, ids, the stack name) are
// normalized first, so what remains are real differences in settings.
func Diff(a, b *Document) *DiffResult {
	res := &DiffResult{From: a.Stack, To: b.Stack, FromSummary: a.Summary, ToSummary: b.Summary,
		FromCritical: a.CriticalPath, ToCritical: b.CriticalPath}
	key := func(r DocResource) string { return Unversioned(r.Type) + "::" + r.Name }
	ia, ib := map[string]DocResource{}, map[string]DocResource{}
	for _, r := range a.Resources {
		ia[key(r)] = r
	}
	for _, r := range b.Resources {
		ib[key(r)] = r
	}
	na, nb := normalizer(a, ib, key), normalizer(b, ia, key)
	for _, r := range a.Resources {
		if _, ok := ib[key(r)]; !ok {
			res.OnlyInFrom = append(res.OnlyInFrom, r)
		}
	}
	for _, r := range b.Resources {
		other, ok := ia[key(r)]
		if !ok {
			res.OnlyInTo = append(res.OnlyInTo, r)
			continue
		}
		fa, fb := map[string]string{}, map[string]string{}
		flatten("", other.Inputs, fa, na)
		flatten("", r.Inputs, fb, nb)
		if other.Protect != r.Protect {
			fa["(protect)"], fb["(protect)"] = fmt.Sprint(other.Protect), fmt.Sprint(r.Protect)
		}
		paths := map[string]bool{}
		for p := range fa {
			paths[p] = true
		}
		for p := range fb {
			paths[p] = true
		}
		for _, p := range slices.Sorted(maps.Keys(paths)) {
			va, okA := fa[p]
			vb, okB := fb[p]
			if !okA {
				va = "(unset)"
			}
			if !okB {
				vb = "(unset)"
			}
			// Generated GUIDs (principal ids, assignment names) differ between any two
			// deployments; they are not settings.
			if va != vb && !(guidPattern.MatchString(va) && guidPattern.MatchString(vb)) {
				res.Changes = append(res.Changes, Change{Resource: r.Name, Type: r.Type, Path: p, From: va, To: vb})
			}
		}
	}
	return res
}

// normalizer replaces environment-specific strings of doc with stable placeholders: each
// matched resource's id and physical name become <logical name>, the stack name <env>.
func normalizer(doc *Document, other map[string]DocResource, key func(DocResource) string) func(string) string {
	type pair struct{ old, new string }
	var pairs []pair
	for _, r := range doc.Resources {
		if r.ID == "" {
			continue
		}
		if _, ok := other[key(r)]; !ok {
			continue
		}
		pairs = append(pairs, pair{r.ID, "<" + r.Name + ".id>"})
		if n := physicalName(r); len(n) > 3 {
			pairs = append(pairs, pair{n, "<" + r.Name + ".name>"})
		}
	}
	// Longest first, so ids are replaced before the names inside them.
	sort.SliceStable(pairs, func(i, j int) bool { return len(pairs[i].old) > len(pairs[j].old) })
	olds := make([]string, 0, 2*len(pairs))
	for _, p := range pairs {
		olds = append(olds, p.old, p.new)
	}
	r := strings.NewReplacer(olds...)
	env := doc.Stack
	return func(s string) string {
		if s == env {
			return "<env>"
		}
		s = r.Replace(s)
		return strings.ReplaceAll(s, "-"+env, "-<env>")
	}
}

func flatten(prefix string, v any, out map[string]string, norm func(string) string) {
	switch x := v.(type) {
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(x)) {
			p := k
			if prefix != "" {
				p = prefix + "." + k
			}
			flatten(p, x[k], out, norm)
		}
	case []any:
		allScalar := true
		for _, e := range x {
			switch e.(type) {
			case map[string]any, []any:
				allScalar = false
			}
		}
		if allScalar {
			b, _ := json.Marshal(x)
			out[prefix] = norm(string(b))
			return
		}
		for i, e := range x {
			flatten(fmt.Sprintf("%s[%d]", prefix, i), e, out, norm)
		}
	case string:
		out[prefix] = norm(x)
	default:
		b, _ := json.Marshal(x)
		out[prefix] = string(b)
	}
}

// Text renders the diff for people, resource by resource: first the resources with
// security-relevant differences (those first within each), then the resources only one plan
// has, then other settings, and last the resources whose only differences are tags, one line
// each. A resource's tag differences are always folded into one line.
func (d *DiffResult) Text() string {
	type group struct {
		name, typ       string
		security, other []Change
		tags            []Change
	}
	var groups []*group
	byKey := map[string]*group{}
	for _, c := range d.Changes {
		k := Unversioned(c.Type) + "::" + c.Resource
		g := byKey[k]
		if g == nil {
			g = &group{name: c.Resource, typ: c.Type}
			byKey[k] = g
			groups = append(groups, g)
		}
		switch {
		case c.Tag():
			g.tags = append(g.tags, c)
		case c.Security():
			g.security = append(g.security, c)
		default:
			g.other = append(g.other, c)
		}
	}
	foldTags := func(cs []Change) string {
		parts := make([]string, len(cs))
		for i, c := range cs {
			parts[i] = fmt.Sprintf("%s %s → %s", strings.TrimPrefix(c.Path, "tags."), c.From, c.To)
		}
		return "tags: " + strings.Join(parts, ", ")
	}
	var b strings.Builder
	write := func(g *group) {
		fmt.Fprintf(&b, "  %s [%s]\n", g.name, Kind(g.typ))
		for _, c := range append(append([]Change{}, g.security...), g.other...) {
			fmt.Fprintf(&b, "      %s: %s → %s\n", c.Path, c.From, c.To)
		}
		if len(g.tags) > 0 {
			fmt.Fprintf(&b, "      %s\n", foldTags(g.tags))
		}
	}
	fmt.Fprintf(&b, "Differences from %s to %s\n", d.From, d.To)
	nSecurity, nOther, nTags := 0, 0, 0
	for _, g := range groups {
		switch {
		case len(g.security) > 0:
			nSecurity++
		case len(g.other) > 0:
			nOther++
		default:
			nTags++
		}
	}
	if nSecurity > 0 {
		fmt.Fprintf(&b, "\nSecurity-relevant settings (isolation, public access, authentication, protection, policy effect), %s → %s:\n", d.From, d.To)
		for _, g := range groups {
			if len(g.security) > 0 {
				write(g)
			}
		}
	}
	if len(d.OnlyInTo) > 0 {
		fmt.Fprintf(&b, "\nOnly in %s:\n", d.To)
		for _, r := range d.OnlyInTo {
			fmt.Fprintf(&b, "  + %s [%s]\n", r.Name, Kind(r.Type))
		}
	}
	if len(d.OnlyInFrom) > 0 {
		fmt.Fprintf(&b, "\nOnly in %s:\n", d.From)
		for _, r := range d.OnlyInFrom {
			fmt.Fprintf(&b, "  - %s [%s]\n", r.Name, Kind(r.Type))
		}
	}
	if nOther > 0 {
		fmt.Fprintf(&b, "\nOther settings, %s → %s:\n", d.From, d.To)
		for _, g := range groups {
			if len(g.security) == 0 && len(g.other) > 0 {
				write(g)
			}
		}
	}
	if nTags > 0 {
		fmt.Fprintf(&b, "\nTags only, %s → %s:\n", d.From, d.To)
		for _, g := range groups {
			if len(g.security) == 0 && len(g.other) == 0 {
				fmt.Fprintf(&b, "  %s [%s]  %s\n", g.name, Kind(g.typ), foldTags(g.tags))
			}
		}
	}
	fmt.Fprintf(&b, "\nSummary: %s %d resources, %s %d; %d only in %s, %d only in %s; %d resources differ: %d in security-relevant settings, %d in other settings, %d in tags only\n",
		d.From, d.FromSummary.Resources, d.To, d.ToSummary.Resources, len(d.OnlyInTo), d.To, len(d.OnlyInFrom), d.From,
		len(groups), nSecurity, nOther, nTags)
	fmt.Fprintf(&b, "Critical path: %s %d hops ≈%.1f min, %s %d hops ≈%.1f min\n",
		d.From, d.FromCritical.Hops, d.FromCritical.Minutes, d.To, d.ToCritical.Hops, d.ToCritical.Minutes)
	return b.String()
}
