package phon

import (
	"strings"
	"sync"
	"unicode/utf8"
)

var keyers = sync.Pool{New: func() any { return new(keyer) }}

func getKeyer() *keyer  { return keyers.Get().(*keyer) }
func putKeyer(k *keyer) { keyers.Put(k) }

// Hangul returns the Hangul transcriptions of an English word, the form by
// 외래어 표기법 first, then the variants in common use (at most 8):
//
//	Hangul("network")  // [네트워크 네트웍]
//	Hangul("capital")  // [캐피털 캐피탈 카피탈]
//
// Words CMUdict lacks are split into two dictionary words (bankware →
// 뱅크웨어) or read by their spelling (medizen → 메디젠). The word is
// lowercased; it returns nil for a word with letters other than a-z.
func Hangul(english string) []string { return get().distinctForms(english, true) }

// Katakana returns the katakana transcriptions of an English word, the
// usual form first, then variants (at most 8):
//
//	Katakana("holdings")  // [ホールディングス ホールディングズ …]
//	Katakana("vector")    // [ベクター ベクトル …]
func Katakana(english string) []string { return get().distinctForms(english, false) }

// EnglishFor returns the common English words (SCOWL level ≤ 50, at least 3
// letters, plus the company-name words of internal/gen/extra.tsv) that a
// Hangul or katakana word transcribes, most common first, by the tolerant
// keys of the package doc:
//
//	EnglishFor("네트웍")      // [network]
//	EnglishFor("ヘルスケア")  // [healthcare]
//
// It returns nil for a word of another script, or mixed scripts.
func EnglishFor(native string) []string {
	t := get()
	var buf [96]byte
	key, script := nativeKey(buf[:0], native)
	if script == 0 {
		return nil
	}
	k := t.idx.lookup(script, key)
	if k < 0 {
		return nil
	}
	return t.appendWords(make([]string, 0, len(t.idx.postings(k))), k)
}

// appendWords appends the English words of reverse-index key k to dst,
// most common first.
func (t *tables) appendWords(dst []string, k int) []string {
	for _, w := range t.idx.postings(k) {
		dst = append(dst, t.word(int(w)))
	}
	return dst
}

// Known reports whether english, lowercase a-z, is a word of CMUdict
// (tobacco, mexico): Known("tireco") is false.
func Known(english string) bool { return get().find(english) >= 0 }

// maxPrefixRunes bounds the words Prefixes tries: no indexed word is longer.
const maxPrefixRunes = 24

// Prefixes calls fn for each end (a byte offset, in increasing order) such
// that native[start:end] is a word of the reverse index, with its English
// words (most common first). It walks only the run of one script (Hangul,
// or kana) that begins at start. english is valid during the call only.
// This is the lattice for segmenting an unspaced run:
//
//	Prefixes("뱅크웨어글로벌", 0, fn)   // fn(3, [bang]), fn(6, [bank])
//	Prefixes("뱅크웨어글로벌", 6, fn)   // fn(12, [wear ware])
//	Prefixes("뱅크웨어글로벌", 12, fn)  // fn(18, [grow glow …]), fn(21, [global grovel])
func Prefixes(native string, start int, fn func(end int, english []string)) {
	if start < 0 || start >= len(native) {
		return
	}
	t := get()
	r0, _ := utf8.DecodeRuneInString(native[start:])
	hangul := isHangulSyllable(r0)
	if !hangul && !isKana(r0) {
		return
	}
	var buf [128]byte
	var words *[]string // from englishPool at the first word found
	defer func() {
		if words != nil {
			englishPool.Put(words)
		}
	}()
	end := start
	for n := 0; n < maxPrefixRunes && end < len(native); n++ {
		r, size := utf8.DecodeRuneInString(native[end:])
		if hangul != isHangulSyllable(r) || (!hangul && !isKana(r)) {
			return
		}
		end += size
		key, script := nativeKey(buf[:0], native[start:end])
		if script == 0 || len(key) < minKeyLen {
			continue
		}
		k := t.idx.lookup(script, key)
		if k < 0 {
			continue
		}
		if words == nil {
			words = englishPool.Get().(*[]string)
		}
		ws := t.appendWords((*words)[:0], k)
		*words = ws
		fn(end, ws)
	}
}

// englishPool holds the buffers Prefixes passes English words in, so that
// a worker reuses its own rather than growing one per call.
var englishPool = sync.Pool{New: func() any { return new([]string) }}

// Word calls fn with what Prefixes(native, 0, fn) reports for the end of
// native, if anything: the English words of native as a whole, without
// trying its shorter prefixes.
func Word(native string, fn func(english []string)) {
	if native == "" {
		return
	}
	r0, _ := utf8.DecodeRuneInString(native)
	hangul := isHangulSyllable(r0)
	n := 0
	for _, r := range native {
		if hangul != isHangulSyllable(r) || (!hangul && !isKana(r)) || n == maxPrefixRunes {
			return
		}
		n++
	}
	t := get()
	var buf [128]byte
	key, script := nativeKey(buf[:0], native)
	if script == 0 || len(key) < minKeyLen {
		return
	}
	k := t.idx.lookup(script, key)
	if k < 0 {
		return
	}
	var small [16]string
	fn(t.appendWords(small[:0], k))
}

// keyCache holds the keys of English words outside the index that Similar
// has seen: the words of the current generation, and of the one before.
// When the current one reaches maxCached/2 words it becomes the old one and
// the oldest is dropped, so that the cache keeps the words in use however
// many a run meets (a cache that stopped taking words once full recomputed
// every word met after the first maxCached, most of the scoring of a
// million names). A word found in the old generation moves to the current.
// (Maps under a RWMutex rather than a sync.Map: its Load would box the
// string key on every call.)
var (
	keyCacheMu  sync.RWMutex
	keyCache    = map[string]*cachedKeys{}
	keyCacheOld = map[string]*cachedKeys{}
)

// maxCached bounds the cache at about 140 bytes a word (40 MB at most): a
// nightly run over a million names meets a few hundred thousand distinct
// coined words, and computing one's keys costs tens of µs, so a smaller
// cache is recomputed for every candidate pair (measured: half the CPU of a
// 200,000-name run at 50,000).
const maxCached = 300000

// cacheKeys files c as the keys of w, starting a new generation if the
// current one is full.
func cacheKeys(w string, c *cachedKeys) {
	keyCacheMu.Lock()
	if len(keyCache) >= maxCached/2 {
		keyCacheOld, keyCache = keyCache, make(map[string]*cachedKeys, maxCached/2)
	}
	keyCache[w] = c
	keyCacheMu.Unlock()
}

type cachedKeys struct{ h, k string }

// eachKey calls fn with each key of the English word w (lowercase a-z) in
// script ('h' or 'k').
func (t *tables) eachKey(w string, script byte, fn func(key string)) {
	if id := t.find(w); id >= 0 && t.common(id) {
		x := &t.idx
		for _, k := range x.wordKeys[x.wordKeyOff[id]:x.wordKeyOff[id+1]] {
			if key := x.key(int(k)); key[0] == script {
				fn(key[1:])
			}
		}
		return
	}
	keyCacheMu.RLock()
	c, cur := keyCache[w]
	if !cur {
		c = keyCacheOld[w]
	}
	keyCacheMu.RUnlock()
	switch {
	case c == nil:
		k := getKeyer()
		h, j := t.wordKeys(w, k)
		putKeyer(k)
		c = &cachedKeys{h, j}
		cacheKeys(strings.Clone(w), c)
	case !cur:
		cacheKeys(strings.Clone(w), c)
	}
	list := c.h
	if script == 'k' {
		list = c.k
	}
	for list != "" {
		e := strings.IndexByte(list, '|')
		fn(list[:e])
		list = list[e+1:]
	}
}

// Similar reports whether the Hangul or katakana word native writes the
// English word english by sound, and how closely (1 = a transcription's
// key exactly). It compares the tolerant key of native with the keys of
// english's transcriptions (CMUdict, splits, spelling readings) by a
// weighted edit distance; ok allows about one vowel change per four symbols
// and needs the first sounds to agree (see the package doc). A native word
// that spells english's letters (엘지, LG) is 1, ok. english is lowercased
// (lowercase input saves an allocation).
//
//	Similar("메디젠", "Medizen")      // 1, true
//	Similar("휴먼케어", "Humancare")  // 1, true
//	Similar("デサント", "Descente")   // 0.93, true
//	Similar("골드", "cold")           // 0.88, false
func Similar(native, english string) (float64, bool) { return similar(native, english, true) }

// Accepted is Similar for a caller that needs only the pairs Similar
// accepts: the same similarity and true for them, 0 and false for the
// others. It is cheaper: no distance above the tolerance is computed.
func Accepted(native, english string) (float64, bool) { return similar(native, english, false) }

// similar is Similar, or Accepted unless exact.
func similar(native, english string, exact bool) (float64, bool) {
	w, ok := normWord(english)
	if !ok || native == "" {
		return 0, false
	}
	if len(w) <= 5 && spellsLetters(toKatakana(native), w) {
		return 1, true
	}
	var buf [96]byte
	nk, script := nativeKey(buf[:0], native)
	if script == 0 || len(nk) == 0 || len(nk) > maxKey {
		return 0, false
	}
	tol := tolerance(len(nk))
	// Exact below bound: with exact, below both bests (bestOK ≥ best);
	// else also below the tolerance, since an accepted pair's best key is
	// no farther than its bestOK.
	limit := alignInf - 1
	if !exact {
		limit = tol
	}
	t := get()
	best, bestLen := alignInf, 0 // over all keys: the similarity
	bestOK := alignInf           // over keys with the same first sound: ok
	t.eachKey(w, script, func(key string) {
		if bestOK == 0 || len(key) > maxKey || len(key) == 0 {
			return
		}
		d := keyDist(nk, key, min(bestOK, limit)+1)
		if d < best || (d == best && sameStart(nk[0], key[0])) {
			best, bestLen = d, len(key)
		}
		if sameStart(nk[0], key[0]) && d < bestOK {
			bestOK = d
		}
	})
	if best >= alignInf || (!exact && bestOK > tol) {
		return 0, false
	}
	sim := 1 - float64(best)/float64(2*max(len(nk), bestLen))
	return max(sim, 0), bestOK <= tol
}

// sameStart reports first key symbols that agree: equal, or both vowels
// or glides. A word that starts with another consonant is another word
// (マックス is not works, 골드 is not cold).
func sameStart(a, b byte) bool {
	return a == b || (symClass[a&0x7f] == 1 && symClass[b&0x7f] == 1)
}

// tolerance is the largest key distance (in half edits) accepted for a
// native key of n symbols.
func tolerance(n int) int {
	for i, limit := range tolSteps {
		if n <= limit {
			return i
		}
	}
	return len(tolSteps)
}

// tolSteps[i] is the longest native key allowed a distance of i.
var tolSteps = []int{3, 5, 8, 12}
