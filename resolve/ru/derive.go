package ru

import "strings"

// SameRoot reports whether two different English words are derivations of
// one root of five letters or more: the dictionary glosses a Russian word
// with one derivation and an English name uses another (нефтехимический:
// petrochemistry / Petrochemical; детский: childish / Children's;
// конструкторский: constructor / Construction). Each word loses at most
// one ending of derivingEndings (the longest that leaves five letters), and
// the roots must be equal: petrochem, child, construct.
//
// It is no table: two words that happen to share a root this way are taken
// as related (general / generation), so callers weigh it below a gloss.
func SameRoot(a, b string) bool {
	a, b = normEnglish(a), normEnglish(b)
	if a == b {
		return false
	}
	ra, rb := englishRoot(a), englishRoot(b)
	return len(ra) >= minRoot && ra == rb
}

// minRoot is the shortest root SameRoot compares.
const minRoot = 5

// derivingEndings are the English endings that make nouns and adjectives of
// one another, longest first (so that -ical goes before -al).
var derivingEndings = []string{
	"ations", "ically", "istry", "ation", "ities", "ments", "eries", "ings", "ical", "ions", "ists", "ness",
	"ship", "hood", "ment", "ers", "ors", "ery", "ary", "ics", "ish", "ist", "ism", "ity", "ive",
	"ous", "ion", "ren", "ing", "ee", "er", "or", "al", "ic", "ry", "es", "ed", "s", "y", "e",
}

// englishRoot returns a lowercase word less the longest ending of
// derivingEndings that leaves minRoot letters, and less a possessive 's.
func englishRoot(w string) string {
	w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
	for _, e := range derivingEndings {
		if len(w)-len(e) >= minRoot && strings.HasSuffix(w, e) {
			return w[:len(w)-len(e)]
		}
	}
	return w
}
