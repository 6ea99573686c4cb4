// Package translit turns company names written in non-Latin scripts into
// lowercase ASCII Latin, deterministically, so that the name matcher can
// compare them with names already written in Latin letters.
//
// It works on strings only. Entry points:
//
//   - Latinize(s): the whole string, each run of one script with the right
//     function below, lowercase ASCII out. This is what a tokenizer calls.
//   - Hangul(s), HangulSyllables(s): Korean by the Revised Romanization (RR),
//     computed from the jamo of each syllable, with RR's sound changes
//     between the syllables of a word (신라 → silla, 종로 → jongno,
//     한국어 → hangugeo).
//   - Cyrillic(s): one BGN/PCGN-like scheme for Russian and the letters of
//     the other Cyrillic alphabets (Ромашка → romashka, щ → shch, ь dropped).
//   - Han(s): toneless pinyin per Chinese character, simplified or
//     traditional, from github.com/mozillazg/go-pinyin (華為 → [hua wei]).
//   - Kana(s): passport Hepburn for hiragana and katakana (トヨタ → toyota).
//   - Fallback(s): everything else, rune by rune: Latin diacritics removed
//     through NFKD, small tables for Greek, Armenian, Georgian, Arabic and
//     Hebrew (the last two consonantal).
//   - Script(r): the coarse script class of a rune, for tokenizers.
//
// Worked examples (Latinize):
//
//	삼성전자                 → samseongjeonja
//	현대모비스               → hyeondaemobiseu
//	华为技术有限公司         → huaweijishuyouxiangongsi
//	ООО «Ромашка»            → ooo romashka
//	LG전자                   → lg jeonja   (space at the script change)
//	Société Générale         → societe generale
//
// Costs: every function is linear in the length of its input; Latinize
// allocates the NFKC copy, the output and one string per script run.
// Han allocates a slice per call and looks each character up in go-pinyin's
// map.
//
// Results are lossy by design: RR's hyphen for ambiguous syllable
// boundaries is never written, tones and vowel length are not marked,
// Japanese kanji get Chinese readings, and scripts without a table are
// dropped by Fallback. Variant spellings of the same name in Latin letters
// (McCune–Reischauer, Wade–Giles, other Cyrillic schemes) are the business
// of package romanize, not of this package.
//
// Data: the Cyrillic values follow BGN/PCGN as tabled by nalgeon/iuliia
// (MIT, see NOTICE.iuliia); the pinyin dictionary is go-pinyin's (MIT).
package translit
