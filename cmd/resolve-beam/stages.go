package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/resolve-tool/resolve/config"
	"github.com/resolve-tool/resolve/resolve/block"
	"github.com/resolve-tool/resolve/resolve/engine"
	"github.com/resolve-tool/resolve/resolve/input"
	"github.com/resolve-tool/resolve/resolve/match"
)

// Rec is one good input row and its position among the good rows, which
// is the row index engine.Run numbers clusters by.
type Rec struct {
	Index int
	R     input.Record
}

// Meta describes the input file, for the run line.
type Meta struct {
	Path, SHA256, Format, Encoding string
	Header                         []string
}

// NameRef is a distinct name: its engine.DedupKey and its representative
// raw name (the smallest, as engine.Run picks it) and country.
type NameRef struct {
	Key, Raw, Country string
}

// Posting files a distinct name under one of its blocking keys.
type Posting struct {
	Key  uint64
	Item string
}

// Hit is what one blocking key gives an item: N, the size of the posting
// list the item meets under the key (block.Index.others), and the items it
// meets there (all but itself when N <= MaxBlock, else the window of
// MaxCandidates either side of it that block uses when only common keys
// are left).
type Hit struct {
	Key    uint64
	N      int
	Others []string
}

func init() {
	register.DoFn5x1[context.Context, []byte, func(Rec), func(input.Rejected), func(Meta), error](&readFn{})
	register.Emitter1[Meta]()
	register.Emitter1[Rec]()
	register.Emitter1[input.Rejected]()
	register.Function1x2[Rec, string, string](dedupKeyFn)
	register.Function2x1[string, string, string](minString)
	register.Function2x1[string, string, NameRef](nameRefFn)
	register.DoFn3x0[NameRef, func(*NameRef) bool, func(uint64, Posting)](&blockKeysFn{})
	register.Iter1[NameRef]()
	register.Emitter2[uint64, Posting]()
	register.DoFn3x0[uint64, func(*Posting) bool, func(string, Hit)](&keyHitsFn{})
	register.Iter1[Posting]()
	register.Emitter2[string, Hit]()
	register.DoFn3x0[string, func(*Hit) bool, func(string)](&candidatesFn{})
	register.Iter1[Hit]()
	register.Emitter1[string]()
	register.DoFn3x0[string, func(*NameRef) bool, func(engine.KeyEdge)](&scoreFn{})
	register.Emitter1[engine.KeyEdge]()
}

// readFn reads the input file with package input, as resolve --in does:
// good rows in file order, rejected rows on their own output, and the
// file's description once it is read. The file is
// read by one worker (a CSV with quoted line breaks cannot be split at
// arbitrary offsets); everything after it is spread.
type readFn struct {
	Path  string
	Input config.Input
}

func openInput(ctx context.Context, path string, c config.Input) (*input.Reader, io.Closer, error) {
	fs, err := filesystem.New(ctx, path)
	if err != nil {
		return nil, nil, err
	}
	rc, err := fs.OpenRead(ctx, path)
	if err != nil {
		fs.Close()
		return nil, nil, fmt.Errorf("%s: %w: %w", path, input.ErrNoFile, err)
	}
	rd, err := input.NewReader(rc, path, inputOptions(c))
	if err != nil {
		rc.Close()
		fs.Close()
		return nil, nil, err
	}
	return rd, closers{rc, fs}, nil
}

type closers []io.Closer

func (cs closers) Close() error {
	var errs []error
	for _, c := range cs {
		errs = append(errs, c.Close())
	}
	return errors.Join(errs...)
}

func (f *readFn) ProcessElement(ctx context.Context, _ []byte, emit func(Rec), reject func(input.Rejected), meta func(Meta)) error {
	rd, c, err := openInput(ctx, f.Path, f.Input)
	if err != nil {
		return err
	}
	defer c.Close()
	for i := 0; ; {
		rec, rej, err := rd.Next()
		if errors.Is(err, io.EOF) {
			meta(Meta{Path: f.Path, SHA256: rd.SHA256(), Format: rd.Format(), Encoding: rd.Encoding(), Header: rd.Header()})
			return nil
		}
		if err != nil {
			return fmt.Errorf("read %s: %w", f.Path, err)
		}
		if rej != nil {
			reject(*rej)
			continue
		}
		emit(Rec{Index: i, R: rec})
		i++
	}
}

func rowOf(r input.Record) engine.Row { return engine.Row{Name: r.MatchName(), Country: r.Country} }

func dedupKeyFn(r Rec) (string, string) {
	row := rowOf(r.R)
	return engine.DedupKey(row), row.Name
}

func minString(a, b string) string { return min(a, b) }

func nameRefFn(key, raw string) NameRef {
	_, country, _ := strings.Cut(key, "\x00")
	return NameRef{Key: key, Raw: raw, Country: country}
}

// world is what a worker builds once from the side input of distinct
// names: the matcher with the whole corpus's word frequencies, and the
// prepared names. See the package doc on why the side input is the names,
// not the combined frequencies.
type world struct {
	m     *match.Matcher
	names map[string]*match.Name
}

// worldCache shares one world among the DoFn instances of a worker
// process: Beam makes DoFn instances per bundle, and a world costs an
// Analyse of every distinct name. It keeps the world of one pipeline (its
// CorpusID, drawn when the pipeline is built), as a worker serves one job.
type worldCache struct {
	mu  sync.Mutex
	cur *worldEntry
}

type worldEntry struct {
	id   string
	once sync.Once
	w    *world
}

var worlds worldCache

func (c *worldCache) get(id string, p match.Params, side func(*NameRef) bool) *world {
	c.mu.Lock()
	if c.cur == nil || c.cur.id != id {
		c.cur = &worldEntry{id: id}
	}
	e := c.cur
	c.mu.Unlock()
	e.once.Do(func() { e.w = buildWorld(p, side) })
	return e.w
}

func buildWorld(p match.Params, side func(*NameRef) bool) *world {
	w := &world{names: map[string]*match.Name{}}
	corpus := match.NewCorpus()
	var n NameRef
	for side(&n) {
		a := match.Analyse(n.Raw, n.Country)
		corpus.Add(a)
		w.names[n.Key] = a
	}
	w.m = match.New(p, corpus)
	for _, a := range w.names {
		w.m.Weigh(a)
	}
	return w
}

// blockKeysFn files each distinct name under its blocking keys. A
// Bipartite key and its partner (the key with the lowest bit flipped) are
// grouped together, since an item under one meets the items under the
// other.
type blockKeysFn struct {
	P        Params
	CorpusID string
	w        *world
}

func (f *blockKeysFn) ProcessElement(n NameRef, side func(*NameRef) bool, emit func(uint64, Posting)) {
	if f.w == nil {
		f.w = worlds.get(f.CorpusID, f.P.Match, side)
	}
	keys := f.w.m.BlockKeys(f.w.names[n.Key], nil)
	slices.Sort(keys)
	for _, k := range slices.Compact(keys) {
		g := k
		if k&block.Bipartite != 0 {
			g = k &^ 1
		}
		emit(g, Posting{Key: k, Item: n.Key})
	}
}

// keyHitsFn turns one key's posting list (with its Bipartite partner) into
// one Hit per item filed under it, as block.Index.candidatesOf reads it.
type keyHitsFn struct {
	P Params
}

func (f *keyHitsFn) ProcessElement(_ uint64, iter func(*Posting) bool, emit func(string, Hit)) {
	byKey := map[uint64][]string{}
	var p Posting
	for iter(&p) {
		byKey[p.Key] = append(byKey[p.Key], p.Item)
	}
	for _, items := range byKey {
		slices.Sort(items)
	}
	maxBlock, maxCand := f.P.Block.MaxBlock, f.P.Block.MaxCandidates
	for k, items := range byKey {
		others := items
		if k&block.Bipartite != 0 {
			others = byKey[k^1]
		}
		n := len(others)
		for _, item := range items {
			post := others
			if n > maxBlock {
				i := sort.SearchStrings(post, item)
				post = post[max(0, i-maxCand):min(len(post), i+maxCand+1)]
			}
			out := make([]string, 0, len(post))
			for _, o := range post {
				if o != item {
					out = append(out, o)
				}
			}
			emit(item, Hit{Key: k, N: n, Others: out})
		}
	}
}

// candidatesFn ranks an item's candidates exactly as block does: the sum,
// in float32 and in ascending key order, of 1/log2(1+N) over the keys
// shared; keys over MaxBlock only when the item has no other; at most
// MaxCandidates kept, ties to the smaller item. Each kept pair is emitted
// once per side that chose it, low key first (see pairKey).
type candidatesFn struct {
	P Params
}

func (f *candidatesFn) ProcessElement(item string, iter func(*Hit) bool, emit func(string)) {
	var hits []Hit
	var h Hit
	for iter(&h) {
		hits = append(hits, Hit{Key: h.Key, N: h.N, Others: slices.Clone(h.Others)})
	}
	slices.SortFunc(hits, func(a, b Hit) int {
		switch {
		case a.Key < b.Key:
			return -1
		case a.Key > b.Key:
			return 1
		}
		return 0
	})
	maxBlock, maxCand := f.P.Block.MaxBlock, f.P.Block.MaxCandidates
	usable := 0
	for _, h := range hits {
		if h.N <= maxBlock {
			usable++
		}
	}
	score := map[string]float32{}
	var touched []string
	for _, h := range hits {
		if h.N == 0 || (h.N > maxBlock && usable > 0) {
			continue
		}
		w := float32(1 / math.Log2(1+float64(h.N)))
		for _, o := range h.Others {
			if score[o] == 0 {
				touched = append(touched, o)
			}
			score[o] += w
		}
	}
	if len(touched) > maxCand {
		slices.SortFunc(touched, func(x, y string) int {
			if score[x] != score[y] {
				if score[x] > score[y] {
					return -1
				}
				return 1
			}
			return strings.Compare(x, y)
		})
		touched = touched[:maxCand]
	}
	for _, o := range touched {
		emit(pairKey(item, o))
	}
}

// pairKey encodes an unordered pair of keys as one string (the smaller
// first, length-prefixed), so that a pair chosen by both sides is one
// element after Distinct.
func pairKey(a, b string) string {
	if b < a {
		a, b = b, a
	}
	return strconv.Itoa(len(a)) + ":" + a + b
}

func splitPair(s string) (string, string) {
	n, rest, _ := strings.Cut(s, ":")
	l, _ := strconv.Atoi(n)
	return rest[:l], rest[l:]
}

// scoreFn scores a candidate pair with match's ScoreFast, as engine.Run
// does, and keeps the edges at or above the threshold.
type scoreFn struct {
	P        Params
	CorpusID string
	w        *world
	sc       match.Scratch
}

func (f *scoreFn) ProcessElement(pair string, side func(*NameRef) bool, emit func(engine.KeyEdge)) {
	if f.w == nil {
		f.w = worlds.get(f.CorpusID, f.P.Match, side)
	}
	a, b := splitPair(pair)
	s := f.w.m.ScoreFast(f.w.names[a], f.w.names[b], &f.sc)
	if s >= f.P.Cluster.Threshold {
		emit(engine.KeyEdge{A: a, B: b, Score: s})
	}
}
