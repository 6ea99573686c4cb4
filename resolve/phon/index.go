package phon

import (
	"cmp"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// index is the reverse index: tolerant key → English words. Keys carry the
// script as their first byte ('h' Hangul, 'k' kana) and are stored sorted
// in one string with offsets; the words of a key are dictionary ids, most
// common first. wordKeyOff/wordKeys give the keys of each indexed word, so
// Similar needs no transcription for it.
type index struct {
	keys       string
	keyOff     []uint32 // len nkeys+1
	postOff    []uint32 // len nkeys+1
	post       []uint32
	wordKeyOff []uint32 // len dict words+1
	wordKeys   []uint32 // key ids
}

func (x *index) nkeys() int { return len(x.keyOff) - 1 }

func (x *index) key(i int) string { return x.keys[x.keyOff[i]:x.keyOff[i+1]] }

// minKeyLen is the shortest key indexed: one-symbol keys (이, オ) would
// match everywhere.
const minKeyLen = 2

// lookup returns the id of the key script+key, or -1.
func (x *index) lookup(script byte, key []byte) int {
	lo, hi := 0, x.nkeys()
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if cmpKey(x.key(m), script, key) < 0 {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < x.nkeys() && cmpKey(x.key(lo), script, key) == 0 {
		return lo
	}
	return -1
}

// cmpKey compares a stored key with script+key without building the latter.
func cmpKey(stored string, script byte, key []byte) int {
	if len(stored) == 0 {
		return -1
	}
	if c := cmp.Compare(stored[0], script); c != 0 {
		return c
	}
	s := stored[1:]
	for i := 0; i < len(s) && i < len(key); i++ {
		if s[i] != key[i] {
			return cmp.Compare(s[i], key[i])
		}
	}
	return cmp.Compare(len(s), len(key))
}

func (x *index) postings(k int) []uint32 { return x.post[x.postOff[k]:x.postOff[k+1]] }

// buildIndex transcribes and keys every common word of d (SCOWL level ≤
// commonLevel, at least minIndexLetters letters), on all CPUs.
func buildIndex(d *dict) index {
	var ids []uint32
	for i := 0; i < d.len(); i++ {
		if d.common(i) {
			ids = append(ids, uint32(i))
		}
	}
	type wk struct{ h, k string }
	res := make([]wk, len(ids))
	t := &tables{dict: *d}
	workers := min(runtime.GOMAXPROCS(0), 8)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			k := new(keyer)
			for j := w; j < len(ids); j += workers {
				word := d.word(int(ids[j]))
				res[j].h, res[j].k = t.wordKeys(word, k)
			}
		}(w)
	}
	wg.Wait()

	type pair struct {
		key string // script byte + key
		w   uint32
	}
	var pairs []pair
	for j, r := range res {
		for script, list := range map[byte]string{'h': r.h, 'k': r.k} {
			for list != "" {
				e := strings.IndexByte(list, '|')
				if e >= minKeyLen {
					pairs = append(pairs, pair{string(script) + list[:e], ids[j]})
				}
				list = list[e+1:]
			}
		}
	}
	slices.SortFunc(pairs, func(a, b pair) int {
		if c := strings.Compare(a.key, b.key); c != 0 {
			return c
		}
		if c := cmp.Compare(d.level[a.w], d.level[b.w]); c != 0 {
			return c
		}
		return cmp.Compare(a.w, b.w)
	})
	// Sized exactly: the index lives as long as the process.
	nkeys, keyBytes := 0, 0
	for i, p := range pairs {
		if i == 0 || p.key != pairs[i-1].key {
			nkeys++
			keyBytes += len(p.key)
		}
	}
	var x index
	var keys strings.Builder
	keys.Grow(keyBytes)
	x.keyOff = make([]uint32, 1, nkeys+1)
	x.postOff = make([]uint32, 1, nkeys+1)
	x.post = make([]uint32, 0, len(pairs))
	counts := make([]uint32, d.len()+1)
	for i, p := range pairs {
		if i == 0 || p.key != pairs[i-1].key {
			if i > 0 {
				x.keyOff = append(x.keyOff, uint32(keys.Len()))
				x.postOff = append(x.postOff, uint32(len(x.post)))
			}
			keys.WriteString(p.key)
		}
		x.post = append(x.post, p.w)
		counts[p.w+1]++
	}
	if len(pairs) > 0 {
		x.keyOff = append(x.keyOff, uint32(keys.Len()))
		x.postOff = append(x.postOff, uint32(len(x.post)))
	}
	x.keys = keys.String()
	for i := 1; i < len(counts); i++ {
		counts[i] += counts[i-1]
	}
	x.wordKeyOff = counts
	x.wordKeys = make([]uint32, len(x.post))
	fill := slices.Clone(counts[:len(counts)-1])
	for k := 0; k < x.nkeys(); k++ {
		for _, w := range x.postings(k) {
			x.wordKeys[fill[w]] = uint32(k)
			fill[w]++
		}
	}
	return x
}
