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
	Path     string `json:"path"`
	From     string `json:"from"`
	To       string `json:"to"`
}

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
				res.Changes = append(res.Changes, Change{Resource: r.Name, Path: p, From: va, To: vb})
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

// Text renders the diff for people.
func (d *DiffResult) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Differences from %s to %s\n", d.From, d.To)
	if len(d.OnlyInTo) > 0 {
		fmt.Fprintf(&b, "\nOnly in %s:\n", d.To)
		for _, r := range d.OnlyInTo {
			fmt.Fprintf(&b, "  + %s [%s]\n", r.Name, r.Type)
		}
	}
	if len(d.OnlyInFrom) > 0 {
		fmt.Fprintf(&b, "\nOnly in %s:\n", d.From)
		for _, r := range d.OnlyInFrom {
			fmt.Fprintf(&b, "  - %s [%s]\n", r.Name, r.Type)
		}
	}
	if len(d.Changes) > 0 {
		fmt.Fprintf(&b, "\nSettings that differ (%s → %s):\n", d.From, d.To)
		last := ""
		for _, c := range d.Changes {
			if c.Resource != last {
				fmt.Fprintf(&b, "  %s\n", c.Resource)
				last = c.Resource
			}
			fmt.Fprintf(&b, "      %s: %s → %s\n", c.Path, c.From, c.To)
		}
	}
	changed := map[string]bool{}
	for _, c := range d.Changes {
		changed[c.Resource] = true
	}
	fmt.Fprintf(&b, "\nSummary: %s %d resources, %s %d; %d only in %s, %d only in %s, %d settings differ on %d resources\n",
		d.From, d.FromSummary.Resources, d.To, d.ToSummary.Resources, len(d.OnlyInTo), d.To, len(d.OnlyInFrom), d.From, len(d.Changes), len(changed))
	fmt.Fprintf(&b, "Critical path: %s %d hops ≈%.1f min, %s %d hops ≈%.1f min\n",
		d.From, d.FromCritical.Hops, d.FromCritical.Minutes, d.To, d.ToCritical.Hops, d.ToCritical.Minutes)
	return b.String()
}
