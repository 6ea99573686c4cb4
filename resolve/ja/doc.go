// Package ja reads Japanese company names so that they can meet their
// romanised (English) names: it cuts a name into words, gives each word its
// reading in katakana and in Hepburn romaji, and keys romaji so that the
// spellings of one word in the romanisations in use compare equal.
//
//	Readings("三菱商事株式会社")  → [mitsubishi shoji]
//	Readings("株式会社まるなか")  → [marunaka]
//	Readings("ＡＢＣマート")      → [abc mato]
//	WordReadings("日本郵船")      → [[nippon nihon] [yusen]]
//	Key("kougyou") == Key("KOGYO") == Key("kōgyō")        // "kogyo"
//	Key(Romaji("ショウジ")) == Key("SHOUJI") == Key("syozi") // "syozi"
//
// Entry points:
//
//   - Analyse(name) []Morpheme: the words, each with its surface, reading,
//     romaji, alternative readings, class (proper noun, noun, suffix,
//     legal form, unknown...) and where its reading came from (the
//     dictionary, the kana as written, or a per-character guess).
//   - Readings(name) []string and WordReadings(name) [][]string: the romaji
//     words, for a caller that aligns them with the Latin words of another
//     name. Compare words with Key; a Latin word may also equal several
//     adjacent reading words written together (Toyotajidosha).
//   - Romaji(kana), Katakana(kana): modified Hepburn romanisation of kana.
//   - Key(word): the romanisation-variant key of a romaji or Latin word.
//   - Load(), Loaded(): the dictionary loads on first use (sync.Once), by
//     the first name with kana or kanji; a process that never sees one
//     pays nothing but the binary size. Load loads it ahead of time.
//
// Analyse and the functions built on it are safe for concurrent use.
//
// # How a name is read
//
//  1. NFKC: full-width Latin and digits become ASCII (ＡＢＣ → ABC),
//     half-width katakana full-width, the ideographic space a space, ㈱
//     (株); then a few kanji variants that names use and the dictionary
//     lacks become the common form (髙 → 高).
//  2. A name without kana or kanji is cut into runs of letters, digits and
//     symbols, without the dictionary.
//  3. kagome (github.com/ikawaha/kagome/v2, IPADIC, normal mode) segments
//     the name. A dictionary word takes IPADIC's reading; the tokenizer's
//     choice among its readings comes first, and the other readings of
//     the same surface and part of speech become Alt (日本 ニッポン, Alt
//     nihon), for words of two characters or more.
//  4. A long word is cut into its words (see split in compound.go):
//     IPADIC lists many company names whole (三菱商事 ミツビシショウジ), and
//     the tokenizer reads a run of katakana it does not know as one word
//     (サイバーエージェント). The cut is into dictionary words whose
//     readings spell the whole's reading (三菱 ミツビシ + 商事 ショウジ),
//     so no part is misread; failing that, one part may be no dictionary
//     word and reads as what the others leave (日本精工 → 日本 + 精工).
//  5. A word the dictionary does not know: kana is read as written;
//     kanji are read character by character, each by the commonest
//     reading of its own dictionary entry, a guess marked PerChar (or
//     NoReading if a character has none); Latin letters and digits are
//     their own romaji.
//  6. A run of hiragana the tokenizer covered with particles and adverbs
//     (まる・なか) is one word read as written (まるなか marunaka).
//  7. Legal forms (株式会社, 有限会社, (株), 一般社団法人...) become one
//     morpheme of class LegalForm, which Readings leaves out.
//
// Romaji is modified Hepburn in lowercase ASCII with long vowels folded as
// on a passport (コウギョウ kogyo, ホールディングス horudingusu, ニッシン
// nisshin, シンブン shinbun); see Romaji. Key merges what the systems and
// company spellings write differently (shi/si, chi/ti, tsu/tu, fu/hu,
// ji/zi/di, long vowels ō/ou/oo/oh, ei/e, m/n before b, m, p, double
// consonants); see Key.
//
// # Cost
//
// Loading takes 1.2 to 1.4 s (ipa.Dict() decoding its embedded tables).
// Once loaded, the dictionary takes 36 MB of live heap and adds about 50 MB to the resident set (39 MB
// anonymous, 11 MB the pages of the dictionary embedded in the binary,
// which the kernel may drop). While loading, the resident set peaks near
// 160 MB: ipa.Dict() decodes every entry's features as [][]string (about
// 60 MB of string headers). This package keeps the reading and a class of
// each entry (7 MB) and releases the features of the process-wide
// ipa.Dict(), so another kagome user in the process afterwards sees
// Token.Features without the columns after the part of speech. kagome
// offers no loader that keeps only the readings: ipa.DictShrink() drops
// all features (28 MB of heap, an 82 MB peak), readings included.
//
// Analyse takes about 13 µs of CPU per name of common company names (8 µs
// of it kagome's tokenizer) and 28 µs per name of a register (21 µs of it
// kagome's), with about a dozen allocations; Key takes 0.4 µs and Romaji
// 0.15 µs per word. The benchmarks in ja_test.go and pairs_test.go
// measure them.
//
// # Limits
//
//   - Readings are the dictionary's. A company's own reading can differ
//     from the one the dictionary prefers (a family name read カシマ by
//     the dictionary and Kajima by its company), and Alt lists other
//     readings only for words of two characters or more.
//   - Katakana loanwords romanise as pronounced (ホールディングス
//     horudingusu, グループ gurupu), which meets no English spelling
//     (Holdings, Group); nor do translations (工業 kogyo, Industries).
//     Comparing those is outside this package.
//   - kagome-dict v1.1.7's IndexTable.Search reports entry 0 (Tシャツ) for
//     a string that is only the prefix of an entry (バ of バス); this
//     package looks entries up by common-prefix search instead.
package ja
