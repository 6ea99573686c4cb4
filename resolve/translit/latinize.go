package translit

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Latinize returns s in lowercase ASCII, transliterating each run of one
// script with the function for that script:
//
//	Hangul   → Hangul (RR with sound changes inside the run)
//	Han      → Han, syllables of a run joined without spaces (华为 → huawei)
//	Cyrillic → Cyrillic
//	Kana     → Kana
//	other    → Fallback (Latin diacritics removed, Greek, Arabic ... tables)
//
// s is first put in NFKC, so fullwidth Latin letters and digits become
// ASCII, halfwidth katakana become full width and ㈜ becomes (주). ASCII
// spaces and punctuation are kept as they are; other punctuation is mapped
// as Fallback does. Where two runs of letters of different scripts touch, a
// space is put between them ("LG전자" → "lg jeonja"), so a script change is
// always a token boundary. Japanese kanji get Chinese readings, as Han does.
//
//	삼성전자 → samseongjeonja
//	华为技术有限公司 → huaweijishuyouxiangongsi
//	ООО «Ромашка» → ooo romashka
//	Société Générale → societe generale
func Latinize(s string) string {
	s = norm.NFKC.String(s)
	var b strings.Builder
	b.Grow(len(s) + len(s)/2)
	runStart, runKind := 0, ScriptSpacePunct
	prevLetter := ScriptSpacePunct // kind of the last letter run written
	flush := func(end int) {
		if end <= runStart {
			return
		}
		run := s[runStart:end]
		if runKind.IsLetter() {
			if prevLetter.IsLetter() && prevLetter != runKind {
				b.WriteByte(' ')
			}
			prevLetter = runKind
		} else {
			prevLetter = ScriptSpacePunct
		}
		switch runKind {
		case ScriptHangul:
			b.WriteString(Fallback(Hangul(run)))
		case ScriptHan:
			for _, p := range Han(run) {
				b.WriteString(Fallback(p))
			}
		case ScriptCyrillic:
			b.WriteString(Cyrillic(run))
		case ScriptKana:
			b.WriteString(Fallback(Kana(run)))
		default:
			b.WriteString(Fallback(run))
		}
	}
	for i, r := range s {
		k := Script(r)
		if k == ScriptMark {
			continue // stays in the current run
		}
		if k == ScriptDigit {
			k = ScriptSpacePunct // digits and punctuation share a run
		}
		if k != runKind {
			flush(i)
			runStart, runKind = i, k
		}
	}
	flush(len(s))
	return b.String()
}
