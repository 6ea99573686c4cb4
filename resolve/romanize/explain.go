package romanize

import (
	"strings"
)

// Explain reports whether tokens a and b are romanisation variants of each
// other (the same Key, or failing that the same TranslitKey) and names the
// rule that made them equal, for the match explanation:
//
//	Explain("kyungki", "gyeonggi") → true, "korean: kyung=gyeong, ki=gi (McCune–Reischauer vs Revised Romanization)"
//	Explain("zhang", "chang")      → true, "mandarin: zhang=chang (pinyin vs Wade–Giles)"
//	Explain("obshchestvo", "obshestvo") → true, "transliteration: shch/sch/sh=ш/щ"
//	Explain("motor", "mobis")      → false, "different keys: motor → motor, mobis → mobis"
//
// Identical tokens give (true, "identical"). The system labels in
// parentheses are a reading of the spellings (eo and eu only occur in RR,
// oo, ee, ai, woo in company spellings, an initial k/t/p/ch with no RR-only
// vowel suggests McCune–Reischauer), not a certainty; they are left out
// where both sides read the same.
func Explain(a, b string) (same bool, rule string) {
	ka, kb := Key(a), Key(b)
	if strings.EqualFold(a, b) {
		return true, "identical"
	}
	if ka != kb {
		if TranslitKey(a) != TranslitKey(b) {
			return false, "different keys: " + a + " → " + ka + ", " + b + " → " + kb
		}
		return true, "transliteration: " + ruleList(a, b)
	}
	sa, sysA := Syllables(a)
	sb, sysB := Syllables(b)
	if sysA != sysB && sysA != None && sysB != None {
		// Explain both in the system one of them was read in, if the
		// other reads in it too ("zhang" is Mandarin, "chang" reads both ways).
		for _, sys := range []System{Mandarin, Korean} {
			xa, _ := syllablesIn(a, sys)
			xb, _ := syllablesIn(b, sys)
			if xa != nil && xb != nil {
				sa, sb, sysA, sysB = xa, xb, sys, sys
				break
			}
		}
	}
	if sysA != None && sysB != None {
		var w strings.Builder
		if sysA == sysB {
			w.WriteString(sysA.String())
		} else {
			w.WriteString(sysA.String() + "/" + sysB.String())
		}
		w.WriteString(": ")
		if len(sa) == len(sb) {
			first := true
			for i := range sa {
				if sa[i] == sb[i] {
					continue
				}
				if !first {
					w.WriteString(", ")
				}
				first = false
				w.WriteString(sa[i] + "=" + sb[i])
			}
		} else {
			w.WriteString(strings.Join(sa, "-") + "=" + strings.Join(sb, "-"))
		}
		la, lb := label(sa, sysA), label(sb, sysB)
		if la != lb {
			w.WriteString(" (" + la + " vs " + lb + ")")
		}
		return true, w.String()
	}
	if sysA != None || sysB != None {
		return true, "syllables/transliteration: " + a + " → " + ka + ", " + b + " → " + kb
	}
	return true, "transliteration: " + ruleList(a, b)
}

// ruleList names the generic-key rules that fired on a or b.
func ruleList(a, b string) string {
	var buf [3 * maxParse]byte
	fa, _ := foldToken(buf[:0], a)
	_, ra := genericKey(nil, fa)
	fb, _ := foldToken(buf[:0], b)
	_, rb := genericKey(nil, fb)
	var names []string
	for i, n := range ruleNames {
		if (ra|rb)&(1<<i) != 0 {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return "spelling"
	}
	return strings.Join(names, ", ")
}

// label guesses which romanisation a parsed token is written in.
func label(syls []string, sys System) string {
	t := loadTables()
	if sys == Mandarin {
		for _, s := range syls {
			if e := t.md.lookup(s); e < 0 || t.mdSyls[e].sys&sysPinyin == 0 {
				return "Wade–Giles"
			}
		}
		return "pinyin"
	}
	rrOnly, variant := false, false
	for i, s := range syls {
		e := t.ko.lookup(s)
		if e < 0 {
			continue
		}
		sy := t.koSyls[e].sys
		if sy&(sysRR|sysMR) == 0 || strings.Contains(s, "oo") || strings.Contains(s, "ee") || strings.Contains(s, "ai") {
			variant = true
		}
		if strings.Contains(s, "eo") || strings.Contains(s, "eu") {
			rrOnly = true
		}
		if i == 0 && s != "" && strings.IndexByte("gdbj", s[0]) >= 0 {
			rrOnly = true
		}
	}
	switch {
	case variant:
		return "company spelling"
	case rrOnly:
		return "Revised Romanization"
	}
	return "McCune–Reischauer"
}
