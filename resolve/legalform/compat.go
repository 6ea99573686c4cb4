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
// partnerships, sole proprietors, cooperatives and non-profits fit only
// themselves.
func classesAgree(a, b Class) bool {
	return a == Company || b == Company || group(a) == group(b)
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
// Compatible is symmetric.
func Compatible(a, b Form) (ok bool, why string) {
	switch {
	case a.Canonical == "" || b.Canonical == "":
		return true, "no legal form on one side"
	case a.Canonical == b.Canonical:
		return true, fmt.Sprintf("same form %q", a.Canonical)
	case renderings[[2]string{a.Canonical, b.Canonical}] || renderings[[2]string{b.Canonical, a.Canonical}]:
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

// renderings are English forms a jurisdiction's companies use for their own
// form although the classes differ: a Kazakh ТОО (a limited-liability
// company) calls itself an LLP in English (Kazakhmys LLP).
var renderings = map[[2]string]bool{{"too", "llp"}: true}

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
