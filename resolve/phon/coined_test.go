package phon

import (
	"crypto/sha256"
	"encoding/hex"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// coinedWords returns n deterministic coined words that CMUdict lacks, in
// the shapes a company name has: syllables alone (medizen), a common word
// and syllables (testech), two common words (bankware), and letters that
// no English word starts with before a word (nplex). No word comes from the
// evaluation data.
func coinedWords(n int) []string {
	t := get()
	onsets := []string{"", "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "qu", "r", "s", "t",
		"v", "w", "x", "y", "z", "bl", "br", "ch", "cl", "cr", "dr", "fl", "fr", "gl", "gr", "ph", "pl",
		"pr", "sc", "sh", "sk", "sl", "sm", "sn", "sp", "st", "sw", "th", "tr", "wh", "wr", "kn"}
	nuclei := []string{"a", "e", "i", "o", "u", "y", "ai", "ay", "ea", "ee", "ei", "ie", "oa", "oi",
		"oo", "ou", "ow", "ue", "au", "ew"}
	codas := []string{"", "", "", "b", "ck", "d", "g", "k", "l", "m", "n", "ng", "nk", "p", "r", "s",
		"t", "x", "le", "tion", "ture", "ing", "tch", "sh", "th", "st", "nt", "rd", "ss", "ll", "e"}
	var common []string
	for i := 0; i < t.dict.len(); i++ {
		if t.common(i) && len(t.word(i)) <= 7 {
			common = append(common, t.word(i))
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	pick := func(list []string) string { return list[r.IntN(len(list))] }
	syllables := func(k int) string {
		var b strings.Builder
		for range k {
			b.WriteString(pick(onsets))
			b.WriteString(pick(nuclei))
			b.WriteString(pick(codas))
		}
		return b.String()
	}
	seen := map[string]bool{}
	var out []string
	for len(out) < n {
		var w string
		switch r.IntN(8) {
		case 0, 1, 2:
			w = syllables(1 + r.IntN(3))
		case 3, 4:
			w = pick(common) + syllables(1)
		case 5:
			w = syllables(1) + pick(common)
		case 6:
			w = pick(common) + pick(common)
		default:
			w = string(rune('b'+r.IntN(24))) + string(rune('b'+r.IntN(24))) + syllables(1+r.IntN(2))
		}
		if len(w) < 3 || len(w) > 20 || seen[w] || t.find(w) >= 0 {
			continue
		}
		seen[w] = true
		out = append(out, w)
	}
	return out
}

// dictWords returns n dictionary words spread over CMUdict, common or not.
func dictWords(n int) []string {
	t := get()
	var out []string
	step := t.dict.len() / n
	for i := 0; i < t.dict.len() && len(out) < n; i += step {
		if w := t.word(i); len(w) >= 2 && strings.Trim(w, "abcdefghijklmnopqrstuvwxyz") == "" {
			out = append(out, w)
		}
	}
	return out
}

// keysDigest hashes what the package says about each word: its keys
// (wordKeys on a fresh keyer), its skeletons, its transcriptions and how
// Similar compares them with the next word.
func keysDigest(words []string) string {
	t := get()
	h := sha256.New()
	put := func(s ...string) {
		for _, x := range s {
			h.Write([]byte(x))
			h.Write([]byte{0})
		}
	}
	for i, w := range words {
		k := new(keyer)
		hk, jk := t.wordKeys(w, k)
		put(w, hk, jk)
		for _, script := range []byte{'h', 'k'} {
			EnglishSkeletons(w, script, func(s string) { put(s) })
			put("/")
		}
		hs, ks := Hangul(w), Katakana(w)
		put(hs...)
		put(ks...)
		next := words[(i+1)%len(words)]
		for _, native := range append(hs[:min(len(hs), 2)], ks[:min(len(ks), 2)]...) {
			for _, e := range []string{w, next} {
				sim, ok := Similar(native, e)
				put(strconv.FormatFloat(sim, 'g', -1, 64), strconv.FormatBool(ok))
			}
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// TestKeysPinned pins the keys, skeletons, transcriptions and similarities
// of 3,000 coined words and 400 dictionary words: an optimisation of the
// transcription may not change any of them. The digests were recorded on
// the code before the coined-word optimisations (commit a2a507d).
func TestKeysPinned(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	for _, c := range []struct {
		name, want string
		words      []string
	}{
		{"coined", wantCoined, coinedWords(3000)},
		{"dict", wantDict, dictWords(400)},
	} {
		if got := keysDigest(c.words); got != c.want {
			t.Errorf("%s words: digest %s, want %s", c.name, got, c.want)
		}
	}
}

const (
	wantCoined = "d4bdc71e78d6822a7979eeb1bdf6e26e8def3a72856a5cc6e6a20ec2a338ef27"
	wantDict   = "db03e0c0d2a4b1f028257150a62cc4fbe7e53a877d443b78329ef153e47d1047"
)

// BenchmarkWordKeysCoined computes the keys of coined words as a word
// missing from the key cache costs (eachKey on a miss): one op is one word.
// cpu-ns/op is the process's CPU time per word, steadier than the wall
// clock on a shared machine.
func BenchmarkWordKeysCoined(b *testing.B) {
	t := get()
	words := coinedWords(3000)
	b.ReportAllocs()
	c0, n := cpuTime(), 0
	for i := 0; b.Loop(); i++ {
		k := getKeyer()
		t.wordKeys(words[i%len(words)], k)
		putKeyer(k)
		n++
	}
	b.ReportMetric(float64(cpuTime()-c0)/float64(n), "cpu-ns/op")
}

// BenchmarkEnglishSkeletonsCoined is EnglishSkeletons of coined words with
// the key cache emptied before each pass over them: one op is one word in
// both scripts.
func BenchmarkEnglishSkeletonsCoined(b *testing.B) {
	words := coinedWords(3000)
	b.ReportAllocs()
	c0, n := cpuTime(), 0
	for i := 0; b.Loop(); i++ {
		n++
		if i%len(words) == 0 {
			keyCacheMu.Lock()
			keyCache, keyCacheOld = map[string]*cachedKeys{}, map[string]*cachedKeys{}
			keyCacheMu.Unlock()
		}
		w := words[i%len(words)]
		EnglishSkeletons(w, 'h', func(string) {})
		EnglishSkeletons(w, 'k', func(string) {})
	}
	b.ReportMetric(float64(cpuTime()-c0)/float64(n), "cpu-ns/op")
}

// Accepted agrees with Similar on every pair Similar accepts and rejects
// the others: each transcription of 1,000 coined and 200 dictionary words
// against the word, its neighbours in the list and the word with a letter
// changed (near misses, where the bounded distance matters).
func TestAcceptedIsSimilar(t *testing.T) {
	words := append(coinedWords(1000), dictWords(200)...)
	accepted := 0
	for i, w := range words {
		natives := append(Hangul(w), Katakana(w)...)
		others := []string{w, words[(i+1)%len(words)], words[(i+7)%len(words)], w[:len(w)-1] + "x"}
		for _, native := range natives {
			for _, e := range others {
				sim, ok := Similar(native, e)
				asim, aok := Accepted(native, e)
				if ok != aok || (ok && sim != asim) || (!ok && (asim != 0)) {
					t.Fatalf("%s / %s: Similar %v %v, Accepted %v %v", native, e, sim, ok, asim, aok)
				}
				if ok {
					accepted++
				}
			}
		}
	}
	if accepted == 0 {
		t.Fatal("no pair accepted: the test compares nothing")
	}
}
