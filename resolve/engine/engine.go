// Package engine runs the resolve stage end to end on names in memory:
// deduplicate, prepare (package match), block (package block), score the
// candidate pairs on every CPU (but those whose score nothing can need:
// see score.go), cluster without chaining (package cluster), and explain
// every member's place in its cluster.
//
// Entry point: Run. Results never depend on the order of the input rows:
// distinct names are sorted before any index is assigned.
package engine

import (
	"context"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/resolve-tool/resolve/resolve/block"
	"github.com/resolve-tool/resolve/resolve/cluster"
	"github.com/resolve-tool/resolve/resolve/match"
	"github.com/resolve-tool/resolve/resolve/normalize"
)

// Row is one input name.
type Row struct {
	Name    string
	Country string
}

// Options configure a run.
type Options struct {
	Match   match.Params
	Cluster cluster.Params
	Block   block.Params
	// Same and Different are investigator decisions between raw names.
	Same, Different [][2]string
	// Progress, if set, is called with a stage name and counts.
	Progress func(stage string, done, total int)
	// StageDone, if set, is called once at the end of each stage of Run,
	// in order: dedup (items: distinct names), prepare (names analysed and
	// weighed), block (candidate pairs), score (pairs scored: ScoredPairs), cluster
	// (names) and assemble (clusters). The caller times the stages by the
	// calls (a profile of a run needs no patch).
	StageDone func(stage string, items int)
}

// Result is the clustering of the rows.
type Result struct {
	Clusters       []Cluster
	Names          []*match.Name // distinct names, index = name id
	RowName        []int         // input row index → name id
	CandidatePairs int
	// ScoredPairs is how many candidate pairs were scored: all but those
	// whose score no consumer can need (see deferrablePairs).
	ScoredPairs int
	Pairs       []block.Pair // the candidate pairs
	Matcher     *match.Matcher
	// Conflicts are "same" decisions refused because of a "different" one.
	Conflicts [][2]string
}

// Cluster is a group of rows.
type Cluster struct {
	Rows      []int // indices into the input rows, ascending
	Names     []int // distinct name ids
	Canonical int   // name id of the canonical name
	// Links explains every distinct name but the canonical one: the name it
	// is linked to on the path to the canonical name, and why.
	Links map[int]Link
}

// Link ties a name to another name of its cluster.
type Link struct {
	To        int
	Score     float64
	Judgement string
	// Reciprocal is set when the names were linked as each other's best
	// match across scripts, below the threshold (see Reciprocal).
	Reciprocal bool
}

// dedupKey identifies rows that are the same name for matching purposes.
func dedupKey(r Row) string {
	return strings.Join(strings.Fields(normalize.Fold(r.Name)), " ") + "\x00" + r.Country
}

// Run clusters rows.
func Run(ctx context.Context, rows []Row, opt Options) (*Result, error) {
	return run(ctx, rows, opt, false)
}

// run is Run; with scoreAll it scores every candidate pair, none left
// unscored (tests compare the two).
func run(ctx context.Context, rows []Row, opt Options, scoreAll bool) (*Result, error) {
	progress := opt.Progress
	if progress == nil {
		progress = func(string, int, int) {}
	}
	stageDone := opt.StageDone
	if stageDone == nil {
		stageDone = func(string, int) {}
	}
	// 1. Distinct names, sorted, so nothing depends on row order.
	byKey := make(map[string]int, len(rows))
	var keys []string
	rowName := make([]int, len(rows))
	rowKeys := make([]string, len(rows))
	if err := parallel(ctx, len(rows), func(i int) { rowKeys[i] = dedupKey(rows[i]) }); err != nil {
		return nil, err
	}
	for i := range rows {
		k := rowKeys[i]
		id, ok := byKey[k]
		if !ok {
			id = len(keys)
			byKey[k] = id
			keys = append(keys, k)
		}
		rowName[i] = id
	}
	order := make([]int, len(keys))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(keys[a], keys[b]) })
	rank := make([]int, len(keys))
	for r, id := range order {
		rank[id] = r
	}
	rep := make([]Row, len(keys)) // a representative raw row per distinct name
	seen := make([]bool, len(keys))
	for i, r := range rows {
		id := rank[rowName[i]]
		rowName[i] = id
		if !seen[id] || r.Name < rep[id].Name {
			rep[id], seen[id] = r, true
		}
	}
	// A judgement names a raw name; it applies to that name under every
	// country it was seen with. The dedup map goes now, not after scoring:
	// at a million names it holds about 100 MB.
	var byName map[string][]int32
	if len(opt.Same)+len(opt.Different) > 0 {
		byName = make(map[string][]int32)
		for k, id := range byKey {
			name, _, _ := strings.Cut(k, "\x00")
			byName[name] = append(byName[name], int32(rank[id]))
		}
	}
	byKey, keys, rowKeys, order, rank, seen = nil, nil, nil, nil, nil, nil
	stageDone("dedup", len(rep))

	// 2. Prepare on every CPU, then weigh by rarity over the whole corpus.
	names, m, err := prepare(ctx, rep, opt.Match, progress)
	if err != nil {
		return nil, err
	}
	stageDone("prepare", len(names))
	rep = nil

	// 3. Blocking.
	ix := newIndex(names, m, opt.Block)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	pairs, err := ix.Candidates(ctx, opt.Block, func(done int) { progress("block", done, len(names)) })
	if err != nil {
		return nil, err
	}
	stageDone("block", len(pairs))

	// 4. Score candidate pairs on every CPU: first every pair but those
	// that may be left for later (deferrablePairs, in score.go), then those
	// of the later pairs that a reciprocal best match may need.
	side := make([]match.Side, len(names))
	for i, n := range names {
		side[i] = match.SideOf(n)
	}
	scores := make([]float64, len(pairs))
	conflicts := make([]bool, len(pairs))
	workers := max(1, opt.Block.Workers)
	if opt.Block.Workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	deferrable := deferrablePairs(names, side, m, opt.Cluster)
	if scoreAll {
		deferrable = func(block.Pair) bool { return false }
	}
	var now, later []int32
	for i, p := range pairs {
		if deferrable(p) {
			later = append(later, int32(i))
		} else {
			now = append(now, int32(i))
		}
	}
	scored := &counter{stage: "score", total: len(pairs), report: progress}
	if err := scorePairs(ctx, m, names, pairs, now, scores, conflicts, workers, scored); err != nil {
		return nil, err
	}
	later = neededLater(later, len(names), pairs, side, scores, conflicts, opt.Cluster)
	scored.add(len(pairs) - len(now) - len(later)) // left unscored: done
	if err := scorePairs(ctx, m, names, pairs, later, scores, conflicts, workers, scored); err != nil {
		return nil, err
	}
	scoredPairs := len(now) + len(later)
	now, later = nil, nil
	progress("score", len(pairs), len(pairs))
	stageDone("score", scoredPairs)

	edges := make([]cluster.Edge, 0, len(pairs)/4)
	for i, p := range pairs {
		if scores[i] >= opt.Cluster.EdgeThreshold(match.CrossScript(side[p.A], side[p.B])) {
			edges = append(edges, cluster.Edge{A: p.A, B: p.B, Score: scores[i]})
		}
	}
	edges = append(edges, reciprocalEdges(len(names), side, pairs, scores, conflicts, opt.Cluster)...)

	// 5. Cluster with investigator decisions.
	var cons cluster.Constraints
	lookup := func(name string) []int32 {
		ids := byName[strings.Join(strings.Fields(normalize.Fold(name)), " ")]
		slices.Sort(ids)
		return ids
	}
	for _, s := range opt.Same {
		for _, a := range lookup(s[0]) {
			for _, b := range lookup(s[1]) {
				cons.MustLink = append(cons.MustLink, [2]int32{a, b})
			}
		}
	}
	for _, d := range opt.Different {
		for _, a := range lookup(d[0]) {
			for _, b := range lookup(d[1]) {
				cons.CannotLink = append(cons.CannotLink, [2]int32{a, b})
			}
		}
	}
	var sc match.Scratch
	var smu sync.Mutex
	scorer := func(a, b int32) (float64, bool) {
		smu.Lock()
		defer smu.Unlock()
		return m.ScoreConflict(names[a], names[b], &sc)
	}
	cp := opt.Cluster
	cp.Progress = func(done, total int) {
		if done < total { // the end is reported once, below
			progress("cluster", done, total)
		}
	}
	cr := cluster.Run(len(names), edges, scorer, cp, cons)
	progress("cluster", len(edges), len(edges))
	stageDone("cluster", len(names))

	res := &Result{Names: names, RowName: rowName, CandidatePairs: len(pairs), ScoredPairs: scoredPairs, Pairs: pairs, Matcher: m}
	for _, r := range cr.Refused {
		res.Conflicts = append(res.Conflicts, [2]string{names[r[0]].Raw, names[r[1]].Raw})
	}
	res.Clusters = assemble(rowName, rows, names, cr)
	stageDone("assemble", len(res.Clusters))
	return res, nil
}

// prepare analyses the names of rows on every CPU (reporting to
// progress), weighs them by rarity over them all, and compacts them for
// blocking and scoring (slabs, shared strings); the names are in the order
// of rows.
func prepare(ctx context.Context, rows []Row, p match.Params, progress func(stage string, done, total int)) ([]*match.Name, *match.Matcher, error) {
	names := make([]*match.Name, len(rows))
	prepared := &counter{stage: "prepare", total: len(rows), report: progress}
	if err := parallel(ctx, len(rows), func(i int) {
		names[i] = match.Analyse(rows[i].Name, rows[i].Country)
		if i%1024 == 1023 {
			prepared.add(1024) // about: the workers go through the names side by side
		}
	}); err != nil {
		return nil, nil, err
	}
	progress("prepare", len(rows), len(rows))
	corpus := match.NewCorpus()
	for _, n := range names {
		corpus.Add(n)
	}
	m := match.New(p, corpus)
	if err := parallel(ctx, len(names), func(i int) { m.Weigh(names[i]) }); err != nil {
		return nil, nil, err
	}
	match.Compact(names)
	return names, m, nil
}

// newIndex is the blocking index of prepared names, with the candidates
// across scripts that p.MaxReserved keeps (see ReserveSides).
func newIndex(names []*match.Name, m *match.Matcher, p block.Params) *block.Index {
	ix := block.NewIndex(len(names), func(i int, dst []uint64) []uint64 { return m.BlockKeys(names[i], dst) })
	if p.MaxReserved > 0 {
		native := make([]bool, len(names))
		latin := make([]bool, len(names))
		for i, n := range names {
			native[i], latin[i] = ReserveSides(n.Raw)
		}
		ix.Reserve = func(item, other int32) bool { return native[item] && latin[other] }
	}
	return ix
}

// counter reports how far a stage done by several workers is: add may be
// called from any of them, and the report function is called by one at a
// time, never with more than total.
type counter struct {
	mu     sync.Mutex
	stage  string
	done   int
	total  int
	report func(stage string, done, total int)
}

func (c *counter) add(n int) {
	c.mu.Lock()
	c.done = min(c.done+n, c.total)
	if c.done < c.total { // the stage's end is reported once, by Run
		c.report(c.stage, c.done, c.total)
	}
	c.mu.Unlock()
}

func parallel(ctx context.Context, n int, f func(i int)) error {
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < n; i += workers {
				if i%4096 == w && ctx.Err() != nil {
					return
				}
				f(i)
			}
		}(w)
	}
	wg.Wait()
	return ctx.Err()
}
