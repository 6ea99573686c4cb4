// Package block finds candidate pairs of names without comparing all pairs.
//
// Each item (a distinct name) comes with blocking keys: strings such that two
// names of one company very likely share at least one (package match derives
// them from rare words, romanisation keys, word prefixes and suffixes, and the
// words written together). Block builds an inverted index key → items and, for
// every item, ranks the items it shares keys with by
//
//	Σ over shared keys  1 / log2(1 + postings(key))
//
// so that sharing a rare key counts more than sharing a common one. A key
// with more than MaxBlock items (a Bipartite key: on either of its sides)
// says little and would cost quadratic work: under it an item meets only
// the items nearest it in the order of the items (alphabetical by name),
// CommonWindow on either side, or MaxCandidates when it has no other keys
// (and none across scripts through a common Bipartite key when it has
// others). Each item keeps at most
// MaxCandidates candidates, and MaxReserved more that Index.Reserve picks
// among the rest; a pair is emitted once, as (low, high) index.
//
// Stability: an item's ranking reads only the postings of its own keys, and
// ties are broken by the items' order, so adding items that share none of
// its keys changes none of its candidates, wherever they fall in the order
// (TestCandidatesUnchangedByUnrelatedItems). Items that share a key with it
// change them in two ways only: they compete for its MaxCandidates places
// (and for those of its candidates, so a pair that only the other side
// chose may go), and a key whose postings grow past MaxBlock counts from
// then on only for the items nearest in the order: an item's candidates
// under a common key change only when an added item falls among its
// nearest there (TestCommonKeyMeetsNearestItems). The cutoff is absolute,
// not relative to the corpus: a cutoff relative to the corpus would make
// the work grow with the square of the names.
//
// Cost: O(Σ postings visited) with a dense per-worker score array; no map in
// the hot loop. Determinism: results depend only on the items and their keys,
// never on goroutine scheduling; ties are broken by item index.
package block

import (
	"cmp"
	"context"
	"math"
	"runtime"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
)

// Params bound the work blocking may create.
type Params struct {
	MaxCandidates int // candidates kept per item
	MaxBlock      int // keys shared by more items are not used
	// MaxReserved is how many more candidates an item keeps, in rank order
	// after the MaxCandidates best, among those Index.Reserve picks for it.
	MaxReserved int
	Workers     int // 0 = GOMAXPROCS
}

// Bipartite marks a key that pairs items across two sides only. An item
// filed under a key k with Bipartite set is a candidate of the items filed
// under k^1 (the same key with its lowest bit flipped), never of the items
// filed under k itself: Hangul names meet Latin names on such a key without
// every Latin name meeting every other Latin name on it.
const Bipartite uint64 = 1 << 63

// Pair is a candidate pair, A < B.
type Pair struct{ A, B int32 }

// Index is the inverted index of blocking keys, in compressed sparse rows:
// no map and no slice header per key, so a million names with a dozen keys
// each cost a few hundred MB, not gigabytes.
type Index struct {
	keys     []uint64 // sorted distinct keys; key id = index
	postOff  []int32  // key id → offset in postings; len(keys)+1
	postings []int32  // items of each key, ascending
	itemOff  []int32  // item → offset in itemKeys; n+1
	itemKeys []int32  // key ids of each item
	// bucketOff[b] is the id of the first key whose top bits (key >> shift)
	// are b; len(bucketOff) = buckets + 1 (see keyIDs).
	bucketOff []int32
	shift     uint
	// partner[k-firstBipartite] is the id of the other side's key of
	// Bipartite key id k, or -1 (see others).
	partner        []int32
	firstBipartite int32
	// Reserve, if set, says which candidates cut after the MaxCandidates
	// best an item keeps (up to Params.MaxReserved), e.g. those of another
	// script that the item's own crowd out. Called from several goroutines.
	Reserve func(item, other int32) bool
}

// NewIndex builds the index over n items; keysOf appends the keys (hashes)
// of item i to dst and returns it. It is called from several goroutines at
// once, for different items.
//
// Memory: the items' keys are collected once as 8-byte hashes (E of them),
// copied with their places into buckets by their top bits (16 bytes an
// entry) to find the distinct keys and give every entry its 4-byte key id,
// then postings are made by counting; about 24 bytes an entry at the peak,
// for a moment, then 20. (Sorting (key, item) entries and merging the
// workers' runs, as before, took 40 or more: at a million names with 18
// keys each, 600 MB on top of the prepared names, enough to push the heap
// to the memory limit.)
//
// Time: the keys are hashes, so their top bits spread them evenly over the
// buckets; each bucket is sorted on its own, on every CPU, and walking it
// gives the ids (at a million names one serial sort of 12 million entries
// and then a binary search over 5 million keys for each took 6 s of CPU).
// Buckets in order of their top bits are the keys in order, so the index is
// the one a single sort would give.
func NewIndex(n int, keysOf func(i int, dst []uint64) []uint64) *Index {
	workers := max(1, min(runtime.GOMAXPROCS(0), n))
	ix := &Index{itemOff: make([]int32, n+1)}
	// The items' keys, a part of consecutive items at a time, the workers
	// taking the parts in turn (names of some scripts cost far more than
	// others, and they sit together in the order: halves left one CPU idle
	// for seconds at a million names).
	per := max(1024, n/(16*workers)) // items in a part
	nparts := (n + per - 1) / per
	parts := make([][]uint64, nparts) // part p's items' keys, item by item
	var next atomic.Int64
	parallelRanges(workers, workers, func(int, int, int) {
		// A part's keys grow in out, reused from part to part, and are
		// copied once at their size: growing a slice per part by doubling
		// made 0.7 GB of garbage at a million names, each collection of it
		// marking the prepared names.
		var buf, out []uint64
		for {
			p := int(next.Add(1) - 1)
			if p >= nparts {
				return
			}
			out = out[:0]
			for item := p * per; item < min(n, (p+1)*per); item++ {
				buf = keysOf(item, buf[:0])
				slices.Sort(buf)
				buf = slices.Compact(buf)
				out = append(out, buf...)
				ix.itemOff[item+1] = int32(len(buf))
			}
			parts[p] = slices.Clone(out)
		}
	})
	for i := 1; i <= n; i++ {
		ix.itemOff[i] += ix.itemOff[i-1]
	}
	entries := int(ix.itemOff[n])
	base := make([]int, nparts) // where part p's keys start in itemKeys
	for p := range base {
		base[p] = int(ix.itemOff[p*per])
	}
	// The distinct keys, sorted, and each item's keys as key ids
	// (ascending, as its keys are).
	ix.keyIDs(parts, base, entries)
	parts = nil
	ix.postOff = make([]int32, len(ix.keys)+1)
	for _, id := range ix.itemKeys {
		ix.postOff[id+1]++
	}
	for k := 1; k < len(ix.postOff); k++ {
		ix.postOff[k] += ix.postOff[k-1]
	}
	// Postings by counting: items in ascending order fill each key's run.
	ix.postings = make([]int32, entries)
	fill := slices.Clone(ix.postOff[:len(ix.keys)])
	for item := range n {
		for _, id := range ix.itemKeys[ix.itemOff[item]:ix.itemOff[item+1]] {
			ix.postings[fill[id]] = int32(item)
			fill[id]++
		}
	}
	ix.partners(workers)
	return ix
}

// keyIDs sets ix.keys to the distinct keys of parts (entries of them in
// all), sorted, ix.bucketOff to where each bucket of them starts, and
// ix.itemKeys to the id of every entry (part p's entries start at
// base[p]). The entries, each with its place in itemKeys, are copied into
// buckets by their top bits (a counting sort on them, each part in places
// of its own so the copy needs no lock); each bucket is sorted on its own,
// on every CPU; the buckets in the order of their top bits are the keys in
// order, and walking a sorted bucket gives its keys their ids and writes
// them where their entries go (looking every entry's key up afterwards,
// even within its bucket, cost a cache miss or two each: 3.5 s of CPU at a
// million names).
func (ix *Index) keyIDs(parts [][]uint64, base []int, entries int) {
	bits := 0
	for bits < maxBucketBits && entries>>bits > keysPerBucket {
		bits++
	}
	ix.shift = uint(64 - bits)
	if bits == 0 {
		ix.shift = 63 // a shift of 64 would leave the key, not 0, in Go
	}
	nb := 1 << bits
	bucket := func(k uint64) int { return int(k>>ix.shift) & (nb - 1) }
	// counts[p][b]: how many keys of part p fall in bucket b, turned into
	// where they go.
	counts := make([][]int, len(parts))
	workers := max(1, min(runtime.GOMAXPROCS(0), len(parts)))
	parallelRanges(len(parts), workers, func(_, lo, hi int) {
		for p := lo; p < hi; p++ {
			c := make([]int, nb)
			for _, k := range parts[p] {
				c[bucket(k)]++
			}
			counts[p] = c
		}
	})
	start := make([]int, nb+1) // bucket b is ents[start[b]:start[b+1]]
	off := 0
	for b := range nb {
		start[b] = off
		for p := range parts {
			c := counts[p][b]
			counts[p][b] = off
			off += c
		}
	}
	start[nb] = off
	type entry struct {
		key uint64
		at  int32 // index in itemKeys
	}
	ents := make([]entry, entries)
	parallelRanges(len(parts), workers, func(_, lo, hi int) {
		for p := lo; p < hi; p++ {
			at := counts[p]
			for i, k := range parts[p] {
				b := bucket(k)
				ents[at[b]] = entry{k, int32(base[p] + i)}
				at[b]++
			}
		}
	})
	counts = nil
	// Each bucket sorted, its distinct keys counted; then, at their
	// places in ix.keys, written out with the entries' ids.
	distinct := make([]int32, nb+1)
	eachBucket(nb, func(b int) {
		run := ents[start[b]:start[b+1]]
		slices.SortFunc(run, func(x, y entry) int { return cmp.Compare(x.key, y.key) })
		d := int32(0)
		for i := range run {
			if i == 0 || run[i].key != run[i-1].key {
				d++
			}
		}
		distinct[b+1] = d
	})
	for b := range nb {
		distinct[b+1] += distinct[b]
	}
	ix.bucketOff = distinct
	ix.keys = make([]uint64, distinct[nb])
	ix.itemKeys = make([]int32, entries)
	eachBucket(nb, func(b int) {
		id := distinct[b] - 1
		run := ents[start[b]:start[b+1]]
		for i, e := range run {
			if i == 0 || e.key != run[i-1].key {
				id++
				ix.keys[id] = e.key
			}
			ix.itemKeys[e.at] = id
		}
	})
}

// eachBucket calls f for buckets 0 to nb-1 on every CPU, each bucket once,
// and waits for them.
func eachBucket(nb int, f func(b int)) {
	var next atomic.Int64
	workers := max(1, min(runtime.GOMAXPROCS(0), nb))
	parallelRanges(workers, workers, func(int, int, int) {
		for {
			b := int(next.Add(1) - 1)
			if b >= nb {
				return
			}
			f(b)
		}
	})
}

// Buckets of distinct keys: about keysPerBucket entries (repeats counted)
// in each, at most 1<<maxBucketBits of them.
const (
	keysPerBucket = 1024
	maxBucketBits = 16
)

// find returns the id of key and whether the index has it, by a binary
// search within the key's bucket.
func (ix *Index) find(key uint64) (int32, bool) {
	if len(ix.bucketOff) == 0 { // an index built otherwise (tests)
		i, ok := slices.BinarySearch(ix.keys, key)
		return int32(i), ok
	}
	b := int(key>>ix.shift) & (len(ix.bucketOff) - 2)
	lo, hi := ix.bucketOff[b], ix.bucketOff[b+1]
	i, ok := slices.BinarySearch(ix.keys[lo:hi], key)
	return lo + int32(i), ok
}

// partners sets ix.partner: for each Bipartite key, the id of the key of
// the other side (its lowest bit flipped), -1 when no item has it; nil when
// there are no Bipartite keys.
func (ix *Index) partners(workers int) {
	// The Bipartite keys are the last ones: the flag is the top bit.
	first, _ := slices.BinarySearch(ix.keys, Bipartite)
	if first == len(ix.keys) {
		return
	}
	ix.partner = make([]int32, len(ix.keys)-first)
	ix.firstBipartite = int32(first)
	parallelRanges(len(ix.partner), workers, func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			p, ok := ix.find(ix.keys[first+i] ^ 1)
			if !ok {
				p = -1
			}
			ix.partner[i] = p
		}
	})
}

// parallelRanges calls f for workers contiguous ranges [lo, hi) of n items
// at once and waits for them.
func parallelRanges(n, workers int, f func(w, lo, hi int)) {
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(w, w*n/workers, (w+1)*n/workers)
		}()
	}
	wg.Wait()
}

func (ix *Index) post(k int32) []int32 { return ix.postings[ix.postOff[k]:ix.postOff[k+1]] }

// others returns the items an item filed under key id k meets there: the
// key's own postings, or for a Bipartite key its partner's.
func (ix *Index) others(k int32) []int32 {
	if ix.keys[k]&Bipartite == 0 {
		return ix.post(k)
	}
	if ix.partner != nil {
		if p := ix.partner[k-ix.firstBipartite]; p >= 0 {
			return ix.post(p)
		}
		return nil
	}
	if p, ok := ix.find(ix.keys[k] ^ 1); ok { // an index built otherwise (tests)
		return ix.post(p)
	}
	return nil
}

// tooCommon reports whether key id k is shared by more than maxBlock items:
// the items it pairs an item with, or, for a Bipartite key, those on the
// item's own side. A word shared by ten thousand Latin names says nothing
// of any of them, however few native names it pairs them with (M:power:
// 11,034 Latin and 68 Hangul names among a million generated ones, each
// Latin name taking the 68 as candidates).
func (ix *Index) tooCommon(k int32, maxBlock int) bool {
	return len(ix.others(k)) > maxBlock || ix.keys[k]&Bipartite != 0 && len(ix.post(k)) > maxBlock
}

// Postings returns how many items carry key.
func (ix *Index) Postings(key uint64) int {
	if k, ok := ix.find(key); ok {
		return len(ix.post(k))
	}
	return 0
}

// Candidates returns the candidate pairs, sorted.
func (ix *Index) Candidates(ctx context.Context, p Params, progress func(done int)) ([]Pair, error) {
	n := len(ix.itemOff) - 1
	workers := p.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	per := make([][]Pair, workers)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	var ctxErr error
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			s := newScratch(n)
			mine := 0 // items this worker has done since it last reported
			for item := w; item < n; item += workers {
				if item == w || mine == 4096 {
					if err := ctx.Err(); err != nil {
						mu.Lock()
						ctxErr = err
						mu.Unlock()
						return
					}
					if progress != nil && mine > 0 {
						// Each worker adds the items it did, so the count
						// reaches n when every item is done.
						mu.Lock()
						done += mine
						progress(done)
						mu.Unlock()
					}
					mine = 0
				}
				mine++
				for _, c := range ix.candidatesOf(int32(item), p, s) {
					// A pair chosen by either side is kept; normalised to
					// (low, high) and de-duplicated below.
					a, b := int32(item), c
					if a > b {
						a, b = b, a
					}
					per[w] = append(per[w], Pair{a, b})
				}
			}
		}(w)
	}
	wg.Wait()
	if ctxErr != nil {
		return nil, ctxErr
	}
	if progress != nil {
		progress(n)
	}
	var total int
	for _, ps := range per {
		total += len(ps)
	}
	all := make([]Pair, 0, total)
	for _, ps := range per {
		all = append(all, ps...)
	}
	slices.SortFunc(all, func(x, y Pair) int {
		if x.A != y.A {
			return int(x.A - y.A)
		}
		return int(x.B - y.B)
	})
	return slices.Compact(all), nil
}

// CommonWindow is how many items on either side of an item, in the order
// of the items, it meets under each of its common keys (more than MaxBlock
// items) when it has other keys: the names nearest it in alphabetical
// order among those sharing the key, where a spelling of the same company
// that shares no rarer key often is (Marcoralcoble / Marcorlacobel
// Electric Power Equipment, two letters swapped twice: only words shared
// by ten thousand names in common). Without it a key that grows past
// MaxBlock stopped counting at all, so a larger input lost pairs a smaller
// one found. A million resolve gen names: true pairs that score as matches
// but were never candidates 13,101 -> 9,520, candidate pairs +3.3%,
// pairwise recall 0.8292 -> 0.8312, precision 0.9979 -> 0.9977; 5 gave
// little more at 100,000 names (1,251 -> 1,124 for three times the extra
// pairs). The labelled sets are too small to have a common key: unchanged.
const CommonWindow = 2

type scratch struct {
	score   []float32
	touched []int32
	order   []uint64 // touched by rank, see candidatesOf
}

func newScratch(n int) *scratch { return &scratch{score: make([]float32, n)} }

func (ix *Index) candidatesOf(item int32, p Params, s *scratch) []int32 {
	keys := ix.itemKeys[ix.itemOff[item]:ix.itemOff[item+1]]
	usable := 0
	for _, k := range keys {
		if !ix.tooCommon(k, p.MaxBlock) {
			usable++
		}
	}
	s.touched = s.touched[:0]
	for _, k := range keys {
		post := ix.others(k)
		if len(post) == 0 || (len(post) == 1 && post[0] == item) {
			continue
		}
		n := len(post)
		if ix.tooCommon(k, p.MaxBlock) {
			// A common key: only a bounded window around the item in the
			// posting list, so the work stays linear; a wide one when the
			// item has no other keys, its nearest neighbours (CommonWindow)
			// when it has. Across scripts the order says nothing: there an
			// item with other keys looks at none.
			window := p.MaxCandidates
			if usable > 0 {
				window = CommonWindow
				if ix.keys[k]&Bipartite != 0 {
					continue
				}
			}
			i := sort.Search(len(post), func(i int) bool { return post[i] >= item })
			lo, hi := max(0, i-window), min(len(post), i+window+1)
			post = post[lo:hi]
		}
		w := float32(1 / math.Log2(1+float64(n)))
		for _, other := range post {
			if other == item {
				continue
			}
			if s.score[other] == 0 {
				s.touched = append(s.touched, other)
			}
			s.score[other] += w
		}
	}
	if len(s.touched) > p.MaxCandidates {
		// By score, highest first, then by item: sorted as one number
		// each, the score's bits (positive floats order as their bits do)
		// flipped above the item (a comparison function reading the scores
		// cost three times as much).
		s.order = s.order[:0]
		for _, o := range s.touched {
			s.order = append(s.order, uint64(^math.Float32bits(s.score[o]))<<32|uint64(uint32(o)))
		}
		slices.Sort(s.order)
		for i, x := range s.order {
			s.touched[i] = int32(uint32(x))
		}
		keep := p.MaxCandidates
		if p.MaxReserved > 0 && ix.Reserve != nil {
			for i := keep; i < len(s.touched) && keep-p.MaxCandidates < p.MaxReserved; i++ {
				if o := s.touched[i]; ix.Reserve(item, o) {
					// Moved up to follow the kept ones, rank order kept
					// among the reserved.
					copy(s.touched[keep+1:i+1], s.touched[keep:i])
					s.touched[keep] = o
					keep++
				}
			}
		}
		for _, o := range s.touched[keep:] {
			s.score[o] = 0
		}
		s.touched = s.touched[:keep]
	}
	for _, o := range s.touched {
		s.score[o] = 0
	}
	return s.touched
}
