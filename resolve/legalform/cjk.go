package legalform

import (
	"strings"
	"unicode/utf8"
)

// circled maps the enclosed CJK legal-form signs to their NFKC spelling, so
// SplitCJK works on raw text as well as on folded text.
var circled = strings.NewReplacer("㈜", "(주)", "㈱", "(株)", "㈲", "(有)", "㈴", "(名)", "㈾", "(資)", "㈶", "(財)",
	"（", "(", "）", ")")

// SplitCJK cuts legal forms from the end and the start of an unspaced run of
// Han, Hangul or Kana text: 삼성전자주식회사 → 삼성전자 + 주식회사,
// ㈜경기산업 → 경기산업 + (주), 深圳市华为技术有限公司 → 深圳市华为技术 + 有限公司,
// 株式会社ソニー → ソニー + 株式会社.
//
// Longest match first (股份有限公司 before 有限公司), repeatedly. Chinese
// forms are cut only at the end; Japanese and Korean ones at either end.
// 集团 (group) is not a legal form and stays in rest. A form right after 分
// (分公司, branch) is not cut. Unlike Strip, SplitCJK may return an empty rest
// when s is nothing but a form ("(주)"), so a caller can test a bracket.
// Found.Start and End are byte offsets in s after the enclosed signs
// (㈜ → (주)) are expanded.
func SplitCJK(s string) (rest string, forms []Found) {
	t := tbl()
	if strings.ContainsAny(s, "㈜㈱㈲㈴㈾㈶（）") {
		s = circled.Replace(s)
	}
	lo, hi := 0, len(s)
	var buf [4]Found // the suffixes, end first: on the stack for up to four
	suffixes := buf[:0]
	for hi > lo {
		cut, fi := longestCJK(t.cjkSuffix, s[lo:hi], false)
		if fi < 0 {
			break
		}
		start := hi - cut
		if r, _ := utf8.DecodeLastRuneInString(s[lo:start]); r == '分' {
			break
		}
		suffixes = append(suffixes, Found{Form: t.forms[fi], Text: s[start:hi], Start: start, End: hi})
		hi = start
	}
	for hi > lo {
		cut, fi := longestCJK(t.cjkPrefix, s[lo:hi], true)
		if fi < 0 {
			break
		}
		forms = append(forms, Found{Form: t.forms[fi], Text: s[lo : lo+cut], Start: lo, End: lo + cut, Prefix: true})
		lo += cut
	}
	for i := len(suffixes) - 1; i >= 0; i-- {
		forms = append(forms, suffixes[i])
	}
	return strings.TrimSpace(s[lo:hi]), forms
}

// longestCJK returns the byte length of the longest pattern that ends (or,
// with atStart, begins) s and is shorter than s or equal to it, and its
// form; -1 if none.
func longestCJK(m map[rune][]cjkPattern, s string, atStart bool) (int, int32) {
	var r rune
	if atStart {
		r, _ = utf8.DecodeRuneInString(s)
	} else {
		r, _ = utf8.DecodeLastRuneInString(s)
	}
	for _, p := range m[r] {
		if atStart && strings.HasPrefix(s, p.text) || !atStart && strings.HasSuffix(s, p.text) {
			return len(p.text), p.form
		}
	}
	return 0, -1
}
