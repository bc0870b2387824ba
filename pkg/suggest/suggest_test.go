package suggest

import "testing"

func TestDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"dev", "dev", 0}, {"", "dev", 3}, {"dev", "", 3},
		{"prod", "prd", 1}, {"prod", "prdo", 1}, {"locaton", "location", 1},
		{"kitten", "sitting", 3}, {"staging", "test", 6},
	} {
		if got := Distance(c.a, c.b); got != c.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}

func TestClosest(t *testing.T) {
	stacks := []string{"dev", "prod", "test"}
	keys := []string{"existingKeyVaultId", "location", "network", "policy", "projects", "workload"}
	for _, c := range []struct {
		word       string
		candidates []string
		want       string
	}{
		{"prd", stacks, "prod"},
		{"Prod", stacks, "prod"},
		{"tset", stacks, "test"},
		{"staging", stacks, ""}, // not a typo of anything
		{"dev", stacks, ""},     // the word itself is no suggestion
		{"locaton", keys, "location"},
		{"project", keys, "projects"},
		{"polcy", keys, "policy"},
		{"existingKeyvaultID", keys, "existingKeyVaultId"},
		{"zzz", keys, ""},
		{"x", nil, ""},
	} {
		if got := Closest(c.word, c.candidates); got != c.want {
			t.Errorf("Closest(%q) = %q, want %q", c.word, got, c.want)
		}
	}
	if got := Hint("prdo", stacks); got != "; did you mean prod?" {
		t.Errorf("Hint = %q", got)
	}
	if got := Hint("staging", stacks); got != "" {
		t.Errorf("Hint = %q", got)
	}
}
