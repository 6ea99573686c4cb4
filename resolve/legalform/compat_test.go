package legalform

import (
	"flag"
	"fmt"
	"strings"
	"testing"
)

var allText = flag.Bool("alltext", false, "compare the explanation of every pair of forms, not every seventh (slow)")

// compatibleBefore is Compatible as it was before Check and Verdict, which
// built the reason with Sprintf on every call: the reference the split must
// reproduce, verdict and text.
func compatibleBefore(a, b Form) (ok bool, why string) {
	switch {
	case a.Canonical == "" || b.Canonical == "":
		return true, "no legal form on one side"
	case a.Canonical == b.Canonical:
		return true, fmt.Sprintf("same form %q", a.Canonical)
	case a.Canonical == "too" && b.Canonical == "llp" || b.Canonical == "too" && a.Canonical == "llp":
		return true, fmt.Sprintf("%q is how %q is rendered in English", b.Canonical, a.Canonical)
	}
	if !a.Specific || !b.Specific {
		if !classesAgree(a.Class, b.Class) {
			return false, fmt.Sprintf("%s (%s) and %s (%s) are different kinds of entity", a.Canonical, a.Class, b.Canonical, b.Class)
		}
		gen := a
		other := b
		if a.Specific {
			gen, other = b, a
		}
		return true, fmt.Sprintf("generic form %q (%s) fits %q (%s)", gen.Canonical, gen.Class, other.Canonical, other.Class)
	}
	if len(a.Countries) == 0 || len(b.Countries) == 0 {
		if !classesAgree(a.Class, b.Class) {
			return false, fmt.Sprintf("%s (%s) and %s (%s) are different kinds of entity", a.Canonical, a.Class, b.Canonical, b.Class)
		}
		return true, fmt.Sprintf("%q (%s) and %q (%s) are similar kinds of entity", a.Canonical, a.Class, b.Canonical, b.Class)
	}
	shared := sharedCountries(a.Countries, b.Countries)
	if shared == "" {
		return false, fmt.Sprintf("%q (%s) and %q (%s) belong to different jurisdictions",
			a.Canonical, strings.Join(a.Countries, ","), b.Canonical, strings.Join(b.Countries, ","))
	}
	if a.Class == b.Class || a.Class == Company || b.Class == Company {
		return true, fmt.Sprintf("%q and %q are equivalent forms (%s) in %s", a.Canonical, b.Canonical, a.Class, shared)
	}
	return false, fmt.Sprintf("%q (%s) and %q (%s) are different forms in %s", a.Canonical, a.Class, b.Canonical, b.Class, shared)
}

// TestCheckAgreesWithBefore runs every ordered pair of forms in the table
// (and the zero Form) through Check and compares verdict and explanation
// with the former Compatible: every seventh pair of the three common rules
// and every pair of the others (every pair with -alltext; the split was
// checked so on all 2,134,521), and every rule the table can reach used.
func TestCheckAgreesWithBefore(t *testing.T) {
	forms := append([]Form{{}}, tbl().forms...)
	if testing.Short() {
		forms = forms[:200]
	}
	rules := map[Rule]int{}
	k := 0
	for _, a := range forms {
		for _, b := range forms {
			v := Check(a, b)
			rules[v.Rule]++
			k++
			if !*allText && k%7 != 0 && (v.Rule == Jurisdictions || v.Rule == KindsDiffer || v.Rule == GenericFits) {
				continue
			}
			ok, why := compatibleBefore(a, b)
			if got, gotWhy := Compatible(a, b); got != ok || v.OK != ok || gotWhy != why || v.Why() != why {
				t.Fatalf("Check(%q, %q) = %v %q (%s); before: %v %q", a.Canonical, b.Canonical, v.OK, v.Why(), v.Rule, ok, why)
			}
		}
	}
	t.Logf("%d pairs; by rule: %v", k, rules)
	// No specific form in the table lacks a jurisdiction, so SimilarKinds is
	// never reached from it.
	if !testing.Short() && len(rules) != len(ruleNames)-1 {
		t.Errorf("rules used: %v; want all but similar_kinds", rules)
	}
}

// benchForms are pairs that reach each rule of the cascade.
var benchForms = [][2]string{
	{"co ltd", "ltd"}, {"ooo", "llc"}, {"ooo", "ooo"}, {"ag", "gmbh"}, {"ooo", "tov"},
	{"gmbh", "sarl"}, {"lp", "ltd"}, {"too", "llp"},
}

func benchPairs() [][2]Form {
	var out [][2]Form
	for _, p := range benchForms {
		out = append(out, [2]Form{Lookup(p[0]), Lookup(p[1])})
	}
	return out
}

// BenchmarkCheck is the scorer's fast path: the verdict without its text.
func BenchmarkCheck(b *testing.B) {
	pairs := benchPairs()
	b.ReportAllocs()
	n := 0
	for i := 0; b.Loop(); i++ {
		p := pairs[i%len(pairs)]
		if Check(p[0], p[1]).OK {
			n++
		}
	}
	_ = n
}

// BenchmarkCompatible builds the explanation as well (the --explain path,
// and what every scored pair paid before Check).
func BenchmarkCompatible(b *testing.B) {
	pairs := benchPairs()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		p := pairs[i%len(pairs)]
		Compatible(p[0], p[1])
	}
}
