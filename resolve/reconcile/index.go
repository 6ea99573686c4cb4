package reconcile

import (
	"cmp"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/resolve-tool/resolve/resolve/block"
	"github.com/resolve-tool/resolve/resolve/match"
	"github.com/resolve-tool/resolve/resolve/normalize"
)

// Spelling is one distinct name of a cluster with the country it was seen
// with ("" when unknown).
type Spelling struct {
	Name    string
	Country string
}

// Indicator is a flag raised on a cluster.
type Indicator struct {
	Code     string // e.g. "no_web_presence"
	Severity string // high, medium, low
}

// RecordRef is a registry record matched to a cluster by the batch run.
type RecordRef struct {
	Source string // e.g. "gleif", "local/gleif"
	ID     string // the source's identifier (an LEI for GLEIF)
	Status string
	URL    string // the record's page, when known
}

// Entity is a cluster of the last successful run, as the service serves it.
type Entity struct {
	ID         string
	Name       string // canonical name
	Size       int    // input rows
	Spellings  []Spelling
	Countries  []string
	Indicators []Indicator
	Risk       float64 // 0..1
	Records    []RecordRef
}

// IndexParams tune candidate retrieval and the match decision.
type IndexParams struct {
	Match match.Params
	// Margin is how far the best candidate must be ahead of the next one for
	// match: true (default 0.1).
	Margin float64
	// MaxBlock: a blocking key carried by more names than this is not used
	// (unless the query has no other), as in package block (the batch run's
	// cluster.max_block). Default 1,000.
	MaxBlock int
	// MaxNames is how many names, ranked by shared keys, are scored per
	// query. Default 100: scoring is most of a query's cost, and names
	// full of generic words (Electro-Mechanical Engineering) share keys
	// with many.
	MaxNames int
}

func (p IndexParams) withDefaults() IndexParams {
	if p.Margin <= 0 {
		p.Margin = 0.1
	}
	if p.MaxBlock <= 0 {
		p.MaxBlock = 1000
	}
	if p.MaxNames <= 0 {
		p.MaxNames = 100
	}
	return p
}

// Index finds the clusters whose names match a query name. It is immutable
// once built and safe for concurrent use.
type Index struct {
	p     IndexParams
	m     *match.Matcher
	ents  []Entity
	byID  map[string]int32
	names []*match.Name // every spelling, prepared
	owner []int32       // name → entity

	keys []uint64 // sorted distinct blocking keys
	off  []int32  // key → offset in post; len(keys)+1
	post []int32  // names of each key

	folded []foldedName // for suggest: sorted by text
	byLEI  map[string][]int32

	ranks sync.Pool // *ranker, one per query under way
}

// ranker sums the weights of the keys each name shares with a query in a
// dense array over all names (a map of the tens of thousands of names a
// query of a million clusters meets cost most of its time), remembering the
// names it touched so that resetting costs what filling did.
type ranker struct {
	w       []float64 // by name
	touched []int32
	best    []ranked
}

type ranked struct {
	name int32
	w    float64
}

func (r *ranker) add(n int32, w float64) {
	if r.w[n] == 0 {
		r.touched = append(r.touched, n)
	}
	r.w[n] += w
}

// top returns the k names of highest weight, ties to the lower name, best
// first, and resets the ranker. The slice is valid until the next use.
func (r *ranker) top(k int) []ranked {
	better := func(a, b ranked) int {
		if c := cmp.Compare(b.w, a.w); c != 0 {
			return c
		}
		return cmp.Compare(a.name, b.name)
	}
	r.best = r.best[:0]
	for _, n := range r.touched {
		c := ranked{n, r.w[n]}
		r.w[n] = 0
		if len(r.best) == k && better(c, r.best[k-1]) >= 0 {
			continue // not among the best k
		}
		i, _ := slices.BinarySearchFunc(r.best, c, better)
		if len(r.best) < k {
			r.best = append(r.best, ranked{})
		}
		copy(r.best[i+1:], r.best[i:len(r.best)-1])
		r.best[i] = c
	}
	r.touched = r.touched[:0]
	return r.best
}

type foldedName struct {
	text string
	ent  int32
}

// NewIndex prepares every spelling of every entity (on every CPU), weighs
// words by their rarity over all spellings, and files each spelling under
// the matcher's blocking keys.
func NewIndex(ents []Entity, p IndexParams) *Index {
	p = p.withDefaults()
	ix := &Index{p: p, ents: ents, byID: make(map[string]int32, len(ents)), byLEI: map[string][]int32{}}
	defer func() {
		n := len(ix.names)
		ix.ranks.New = func() any { return &ranker{w: make([]float64, n)} }
	}()
	var spell []Spelling
	for i, e := range ents {
		ix.byID[e.ID] = int32(i)
		for _, l := range leis(&e) {
			ix.byLEI[strings.ToUpper(l)] = append(ix.byLEI[strings.ToUpper(l)], int32(i))
		}
		ss := e.Spellings
		if len(ss) == 0 {
			ss = []Spelling{{Name: e.Name}}
		}
		for _, s := range ss {
			spell = append(spell, s)
			ix.owner = append(ix.owner, int32(i))
		}
	}
	ix.names = make([]*match.Name, len(spell))
	parallel(len(spell), func(lo, hi int) {
		for j := lo; j < hi; j++ {
			ix.names[j] = match.Analyse(spell[j].Name, spell[j].Country)
		}
	})
	corpus := match.NewCorpus()
	for _, n := range ix.names {
		corpus.Add(n)
	}
	ix.m = match.New(p.Match, corpus)
	type entry struct {
		key  uint64
		name int32
	}
	parts := make([][]entry, runtime.GOMAXPROCS(0))
	var mu sync.Mutex
	next := 0
	parallel(len(spell), func(lo, hi int) {
		var es []entry
		var buf []uint64
		for j := lo; j < hi; j++ {
			ix.m.Weigh(ix.names[j])
			buf = ix.m.BlockKeys(ix.names[j], buf[:0])
			for _, k := range buf {
				es = append(es, entry{k, int32(j)})
			}
		}
		mu.Lock()
		parts[next] = es
		next++
		mu.Unlock()
	})
	var all []entry
	for _, es := range parts {
		all = append(all, es...)
	}
	slices.SortFunc(all, func(a, b entry) int {
		if c := cmp.Compare(a.key, b.key); c != 0 {
			return c
		}
		return cmp.Compare(a.name, b.name)
	})
	all = slices.Compact(all)
	ix.post = make([]int32, len(all))
	for i, e := range all {
		if i == 0 || e.key != all[i-1].key {
			ix.keys = append(ix.keys, e.key)
			ix.off = append(ix.off, int32(i))
		}
		ix.post[i] = e.name
	}
	ix.off = append(ix.off, int32(len(all)))

	ix.folded = make([]foldedName, 0, len(spell)+len(ents))
	for i, e := range ents {
		seen := map[string]bool{}
		for _, s := range append([]Spelling{{Name: e.Name}}, e.Spellings...) {
			f := fold(s.Name)
			if f != "" && !seen[f] {
				seen[f] = true
				ix.folded = append(ix.folded, foldedName{f, int32(i)})
			}
		}
	}
	slices.SortFunc(ix.folded, func(a, b foldedName) int {
		if c := strings.Compare(a.text, b.text); c != 0 {
			return c
		}
		return cmp.Compare(a.ent, b.ent)
	})
	return ix
}

// parallel runs fn over [0,n) cut into one range per CPU.
func parallel(n int, fn func(lo, hi int)) {
	w := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for i := 0; i < w; i++ {
		lo, hi := i*n/w, (i+1)*n/w
		wg.Add(1)
		go func() { defer wg.Done(); fn(lo, hi) }()
	}
	wg.Wait()
}

// fold is the comparison form for prefix search: case-folded, NFKC, white
// space collapsed.
func fold(s string) string { return strings.Join(strings.Fields(normalize.Fold(s)), " ") }

// Len returns the number of entities.
func (ix *Index) Len() int { return len(ix.ents) }

// Entity returns the entity with the ID.
func (ix *Index) Entity(id string) (*Entity, bool) {
	i, ok := ix.byID[id]
	if !ok {
		return nil, false
	}
	return &ix.ents[i], true
}

// ByLEI returns the entities matched to a GLEIF record with the LEI.
func (ix *Index) ByLEI(lei string) []*Entity {
	var out []*Entity
	for _, i := range ix.byLEI[strings.ToUpper(strings.TrimSpace(lei))] {
		out = append(out, &ix.ents[i])
	}
	return out
}

// Matcher returns the matcher the index scores with (its corpus is every
// spelling of every entity), for scoring registry records alike.
func (ix *Index) Matcher() *match.Matcher { return ix.m }

// Hit is an entity scored against a query.
type Hit struct {
	Entity *Entity
	Score  float64 // best score of the query against one of its spellings
	Best   string  // that spelling
	// Conflict: the best spelling carries explicit negative evidence
	// against the query (see match.Result.Conflict).
	Conflict bool
}

// Search returns the entities best matching the name, best first, at most
// limit. country (ISO alpha-2 or "") takes part in the score as in the batch
// run: a different country on both sides lowers it.
//
// Cost: the query's blocking keys are looked up (keys carried by more than
// MaxBlock names are skipped), the names sharing keys are ranked by
// Σ 1/log2(1+postings) over the keys they share (in a dense array over all
// names, kept per query under way, with a bounded insertion of the best),
// and the best MaxNames of them are scored with the matcher (about 1.5 µs
// each).
func (ix *Index) Search(name, country string, limit int) []Hit {
	q := ix.m.Prepare(name, country)
	return ix.search(q, limit)
}

func (ix *Index) search(q *match.Name, limit int) []Hit {
	if limit <= 0 {
		return nil
	}
	keys := ix.m.BlockKeys(q, nil)
	type posting struct {
		list []int32
	}
	var lists []posting
	var smallest []int32
	for _, k := range keys {
		if k&block.Bipartite != 0 {
			k ^= 1 // a bipartite key meets its partner's names
		}
		p, ok := slices.BinarySearch(ix.keys, k)
		if !ok {
			continue
		}
		l := ix.post[ix.off[p]:ix.off[p+1]]
		if len(l) > ix.p.MaxBlock {
			if smallest == nil || len(l) < len(smallest) {
				smallest = l
			}
			continue
		}
		lists = append(lists, posting{l})
	}
	if len(lists) == 0 && smallest != nil {
		lists = append(lists, posting{smallest[:min(len(smallest), ix.p.MaxNames)]})
	}
	r := ix.ranks.Get().(*ranker)
	defer ix.ranks.Put(r)
	for _, l := range lists {
		w := 1 / math.Log2(1+float64(len(l.list)))
		for _, n := range l.list {
			r.add(n, w)
		}
	}
	cands := r.top(ix.p.MaxNames)
	best := map[int32]int{} // entity → index in hits
	var hits []Hit
	var s match.Scratch
	for _, c := range cands {
		score, conflict := ix.m.ScoreConflict(q, ix.names[c.name], &s)
		e := ix.owner[c.name]
		if i, ok := best[e]; ok {
			if score > hits[i].Score || (score == hits[i].Score && hits[i].Conflict && !conflict) {
				hits[i].Score, hits[i].Conflict, hits[i].Best = score, conflict, ix.names[c.name].Raw
			}
			continue
		}
		best[e] = len(hits)
		hits = append(hits, Hit{Entity: &ix.ents[e], Score: score, Conflict: conflict, Best: ix.names[c.name].Raw})
	}
	sortHits(hits)
	return hits[:min(len(hits), limit)]
}

func sortHits(hits []Hit) {
	slices.SortStableFunc(hits, func(a, b Hit) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return strings.Compare(a.Entity.ID, b.Entity.ID)
	})
}

// Suggest returns entities one of whose names starts with prefix (folded),
// skipping the first cursor, at most limit; an entity ID given as the
// prefix comes first.
func (ix *Index) Suggest(prefix string, cursor, limit int) []*Entity {
	var out []*Entity
	seen := map[int32]bool{}
	if i, ok := ix.byID[strings.TrimSpace(prefix)]; ok {
		seen[i] = true
		out = append(out, &ix.ents[i])
	}
	f := fold(prefix)
	if f == "" {
		return window(out, cursor, limit)
	}
	lo, _ := slices.BinarySearchFunc(ix.folded, f, func(a foldedName, t string) int { return strings.Compare(a.text, t) })
	for j := lo; j < len(ix.folded) && strings.HasPrefix(ix.folded[j].text, f); j++ {
		e := ix.folded[j].ent
		if seen[e] {
			continue
		}
		seen[e] = true
		out = append(out, &ix.ents[e])
		if len(out) >= cursor+limit {
			break
		}
	}
	return window(out, cursor, limit)
}

func window[T any](s []T, cursor, limit int) []T {
	if cursor >= len(s) {
		return nil
	}
	s = s[cursor:]
	return s[:min(len(s), limit)]
}

// Decide sets the match decision over hits sorted best first: only the
// first can match, when its score reaches the threshold, it carries no
// conflict, and it is at least Margin ahead of the next.
func (ix *Index) Decide(scores []float64, conflict bool) bool {
	if len(scores) == 0 || conflict || scores[0] < ix.p.Match.Threshold {
		return false
	}
	return len(scores) == 1 || scores[0]-scores[1] >= ix.p.Margin
}
