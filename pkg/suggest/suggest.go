// Package suggest finds the closest known word to a mistyped one, for "did you mean"
// hints in error messages (stack names, configuration keys).
package suggest

import "strings"

// Closest returns the candidate nearest to word by edit distance (case-insensitive), or ""
// when none is close enough to be a plausible typo: at most a third of the word's length
// (minimum 1) edits away. Ties go to the earlier candidate, so results are deterministic
// for a sorted candidate list.
func Closest(word string, candidates []string) string {
	best, bestD := "", -1
	limit := max(1, len(word)/3)
	lw := strings.ToLower(word)
	for _, c := range candidates {
		if c == word {
			continue
		}
		d := Distance(lw, strings.ToLower(c))
		if d <= limit && (bestD < 0 || d < bestD) {
			best, bestD = c, d
		}
	}
	return best
}

// Hint is "; did you mean X?" for the closest candidate, or "".
func Hint(word string, candidates []string) string {
	if c := Closest(word, candidates); c != "" {
		return "; did you mean " + c + "?"
	}
	return ""
}

// Distance is the Levenshtein distance between a and b (insertions, deletions and
// substitutions of bytes), with adjacent transpositions counting one edit ("prdo" → "prod").
func Distance(a, b string) int {
	// Optimal string alignment over three rows.
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
