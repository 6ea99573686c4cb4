package legalform

import (
	"fmt"
	"strings"
)

// group returns the compatibility group of a class. Company is a wildcard.
func group(c Class) Class {
	switch c {
	case LLC, JSC, FreeZone, State:
		return LLC
	}
	return c
}

// classesAgree reports whether two classes can name the same entity when at
// least one side is generic: the vague Company class fits anything; limited
// companies, joint-stock, free-zone and state companies fit each other;
// a unitary enterprise fits a state company (State Enterprise / ФГУП) and
// no other company; partnerships, sole proprietors, cooperatives and
// non-profits fit only themselves.
func classesAgree(a, b Class) bool {
	return a == Company || b == Company || group(a) == group(b) || stateKinds(a, b)
}

// SameKind reports whether two classes are one kind of entity: the same
// class, or a unitary enterprise and a state company (ФГУП, and the State
// Owned Company of another jurisdiction's register).
func SameKind(a, b Class) bool { return a == b || stateKinds(a, b) }

func stateKinds(a, b Class) bool {
	return (a == Unitary && b == State) || (a == State && b == Unitary)
}

// Rule names the step of the compatibility rule that decided a Verdict (see
// Compatible).
type Rule uint8

// The rules, in the order Check tries them.
const (
	NoForm        Rule = iota // a zero Form on one side: compatible
	SameForm                  // the same canonical form: compatible
	Rendering                 // one form is how the other is rendered in English (ТОО / LLP): compatible
	KindsDiffer               // at least one generic or jurisdiction-less form, classes that differ: not compatible
	GenericFits               // a generic form whose class fits the other's: compatible
	SimilarKinds              // specific forms without a jurisdiction, classes that agree: compatible
	Jurisdictions             // specific forms of disjoint jurisdictions: not compatible
	Equivalent                // specific forms of a shared jurisdiction and the same class: compatible
	FormsDiffer               // specific forms of a shared jurisdiction, different classes: not compatible
)

var ruleNames = [...]string{"no_form", "same_form", "rendering", "kinds_differ", "generic_fits",
	"similar_kinds", "jurisdictions", "equivalent", "forms_differ"}

func (r Rule) String() string {
	if int(r) < len(ruleNames) {
		return ruleNames[r]
	}
	return fmt.Sprintf("rule(%d)", r)
}

// Verdict is the outcome of Check: whether two forms allow one entity, the
// rule that decided, and the two forms, from which Why builds the
// explanation only when it is asked for. A Verdict costs no allocation.
type Verdict struct {
	OK   bool
	Rule Rule
	a, b Form
}

// Check applies the compatibility rule to two forms (see Compatible) without
// building the explanation: the scorer's fast path.
func Check(a, b Form) Verdict {
	v := Verdict{a: a, b: b}
	switch {
	case a.Canonical == "" || b.Canonical == "":
		v.OK, v.Rule = true, NoForm
	case a.Canonical == b.Canonical:
		v.OK, v.Rule = true, SameForm
	case rendered(a.Canonical, b.Canonical) || rendered(b.Canonical, a.Canonical):
		v.OK, v.Rule = true, Rendering
	case !a.Specific || !b.Specific:
		v.OK = classesAgree(a.Class, b.Class)
		v.Rule = KindsDiffer
		if v.OK {
			v.Rule = GenericFits
		}
	case len(a.Countries) == 0 || len(b.Countries) == 0:
		v.OK = classesAgree(a.Class, b.Class)
		v.Rule = KindsDiffer
		if v.OK {
			v.Rule = SimilarKinds
		}
	case !shareCountry(a.Countries, b.Countries):
		v.Rule = Jurisdictions
	case a.Class == b.Class || a.Class == Company || b.Class == Company:
		v.OK, v.Rule = true, Equivalent
	default:
		v.Rule = FormsDiffer
	}
	return v
}

// Why explains the verdict in a sentence naming both forms.
func (v Verdict) Why() string {
	a, b := v.a, v.b
	switch v.Rule {
	case NoForm:
		return "no legal form on one side"
	case SameForm:
		return fmt.Sprintf("same form %q", a.Canonical)
	case Rendering:
		return fmt.Sprintf("%q is how %q is rendered in English", b.Canonical, a.Canonical)
	case KindsDiffer:
		return fmt.Sprintf("%s (%s) and %s (%s) are different kinds of entity", a.Canonical, a.Class, b.Canonical, b.Class)
	case GenericFits:
		gen, other := a, b
		if a.Specific {
			gen, other = b, a
		}
		return fmt.Sprintf("generic form %q (%s) fits %q (%s)", gen.Canonical, gen.Class, other.Canonical, other.Class)
	case SimilarKinds:
		return fmt.Sprintf("%q (%s) and %q (%s) are similar kinds of entity", a.Canonical, a.Class, b.Canonical, b.Class)
	case Jurisdictions:
		return fmt.Sprintf("%q (%s) and %q (%s) belong to different jurisdictions",
			a.Canonical, strings.Join(a.Countries, ","), b.Canonical, strings.Join(b.Countries, ","))
	case Equivalent:
		return fmt.Sprintf("%q and %q are equivalent forms (%s) in %s", a.Canonical, b.Canonical, a.Class, sharedCountries(a.Countries, b.Countries))
	case FormsDiffer:
		return fmt.Sprintf("%q (%s) and %q (%s) are different forms in %s", a.Canonical, a.Class, b.Canonical, b.Class, sharedCountries(a.Countries, b.Countries))
	}
	return v.Rule.String()
}

// Compatible is the weak-evidence rule for two legal forms of names that
// otherwise match. It returns false when the forms say "different entities",
// with a reason for explanations. The rule, in order:
//
//  1. A zero Form on either side, or the same canonical form: compatible.
//     (ООО, OOO and "obshchestvo s ogranichennoy otvetstvennostyu" are one
//     canonical form, "ooo".)
//  2. At least one generic form (co, ltd, inc, corp, llc, jsc, plc, company,
//     公司): compatible unless the classes clearly differ, i.e. one is a
//     partnership, sole proprietor, cooperative or non-profit and the other
//     is not (the vague "company" class fits anything). So OOO ≡ LLC,
//     주식회사 ≡ Co., Ltd. (Korean and Japanese joint-stock companies are
//     called Co., Ltd. in English), Co Ltd ≡ Limited, Inc ≡ Ltd; but LP ≢ Inc.
//  3. Two specific forms sharing a jurisdiction: compatible when their
//     classes are equal or one is the vague "company" class (Swiss GmbH ≡
//     Sàrl, ОАО ≡ ПАО), else not (GmbH ≢ AG, ООО ≢ АО, GmbH ≢ GmbH & Co KG).
//  4. Two specific forms of disjoint jurisdictions: not compatible (GmbH ≢
//     S.p.A., ООО ≢ ТОВ, 株式会社 ≢ 주식회사): such names are usually sister
//     companies of a group in different countries.
//
// Compatible is symmetric. It builds the reason with fmt; a caller that
// shows the reason only sometimes calls Check and asks the Verdict's Why
// when it does.
func Compatible(a, b Form) (ok bool, why string) {
	v := Check(a, b)
	return v.OK, v.Why()
}

// renderings are English forms a jurisdiction's companies use for their own
// form although the classes differ: a Kazakh ТОО (a limited-liability
// company) calls itself an LLP in English (Kazakhmys LLP). A list, not a
// map: Check looks at it for every pair of forms that differ.
var renderings = [][2]string{{"too", "llp"}}

// rendered reports whether form b is how companies of form a render it in
// English.
func rendered(a, b string) bool {
	for _, r := range renderings {
		if r[0] == a && r[1] == b {
			return true
		}
	}
	return false
}

// shareCountry reports whether two sorted lists have a code in common.
func shareCountry(a, b []string) bool {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			return true
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return false
}

// sharedCountries returns the codes in both sorted lists, comma-separated.
func sharedCountries(a, b []string) string {
	var out []string
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			out = append(out, a[i])
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return strings.Join(out, ",")
}
