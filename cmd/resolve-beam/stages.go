package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/resolve-tool/resolve/config"
	"github.com/resolve-tool/resolve/resolve/block"
	"github.com/resolve-tool/resolve/resolve/engine"
	"github.com/resolve-tool/resolve/resolve/input"
	"github.com/resolve-tool/resolve/resolve/job"
	"github.com/resolve-tool/resolve/resolve/match"
	"github.com/resolve-tool/resolve/resolve/report"
	"github.com/resolve-tool/resolve/resolve/state"
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
	Item NameRef
}

// Hit is what one blocking key gives an item: N, the size of the posting
// list the item meets under the key (block.Index.others), whether the key
// is common (more than MaxBlock items there, or a Bipartite key's own side
// more), and the items it meets there: all but itself, or under a common
// key the window of max(MaxCandidates, block.CommonWindow) either side of
// it, which candidatesFn narrows as block does.
type Hit struct {
	Key    uint64
	N      int
	Common bool
	Item   NameRef // the item itself
	Others []NameRef
}

func init() {
	register.DoFn6x1[context.Context, []byte, func(Rec), func(input.Rejected), func(report.IgnoredRow), func(Meta), error](&readFn{})
	register.Emitter1[Meta]()
	register.Emitter1[Rec]()
	register.Emitter1[input.Rejected]()
	register.Emitter1[report.IgnoredRow]()
	register.Function1x2[Rec, string, string](dedupKeyFn)
	register.Function2x1[string, string, string](minString)
	register.Function2x1[string, string, NameRef](nameRefFn)
	beam.RegisterCoder(reflect.TypeFor[match.CorpusCounts](), encodeCounts, decodeCounts)
	register.Combiner3[match.CorpusCounts, NameRef, []byte](&countsFn{})
	register.DoFn3x1[NameRef, func(*[]byte) bool, func(uint64, Posting), error](&blockKeysFn{})
	register.Iter1[[]byte]()
	register.Emitter2[uint64, Posting]()
	register.DoFn3x0[uint64, func(*Posting) bool, func(string, Hit)](&keyHitsFn{})
	register.Iter1[Posting]()
	register.Emitter2[string, Hit]()
	register.DoFn3x0[string, func(*Hit) bool, func(string)](&candidatesFn{})
	register.Iter1[Hit]()
	register.Emitter1[string]()
	register.DoFn5x1[string, func(*[]byte) bool, func(engine.KeyEdge), func(string, Offer), func(string, Near), error](&scoreFn{})
	register.Emitter1[engine.KeyEdge]()
	register.Emitter2[string, Offer]()
	register.Emitter2[string, Near]()
}

// readFn reads the input file with package input, as resolve --in does:
// good rows in file order, rejected rows on their own output, and the
// file's description once it is read. The file is
// read by one worker (a CSV with quoted line breaks cannot be split at
// arbitrary offsets); everything after it is spread.
type readFn struct {
	Path  string
	Input config.Input
	// Ignore are the names (state.FoldName) an ignore judgement sets
	// aside, and File the judgements file, for the reason.
	Ignore []string
	File   string
}

func openInput(ctx context.Context, path string, c config.Input) (*input.Reader, io.Closer, error) {
	rc, err := openRead(ctx, path)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w: %w", path, input.ErrNoFile, err)
	}
	rd, err := input.NewReader(rc, path, job.InputOptions(c))
	if err != nil {
		rc.Close()
		return nil, nil, err
	}
	return rd, rc, nil
}

// openRead opens a file on any Beam filesystem (local, gs://); closing it
// closes the filesystem too.
func openRead(ctx context.Context, path string) (io.ReadCloser, error) {
	fs, err := filesystem.New(ctx, path)
	if err != nil {
		return nil, err
	}
	rc, err := fs.OpenRead(ctx, path)
	if err != nil {
		fs.Close()
		return nil, err
	}
	return struct {
		io.Reader
		io.Closer
	}{rc, closers{rc, fs}}, nil
}

type closers []io.Closer

func (cs closers) Close() error {
	var errs []error
	for _, c := range cs {
		errs = append(errs, c.Close())
	}
	return errors.Join(errs...)
}

func (f *readFn) ProcessElement(ctx context.Context, _ []byte, emit func(Rec), reject func(input.Rejected),
	ignore func(report.IgnoredRow), meta func(Meta)) error {
	rd, c, err := openInput(ctx, f.Path, f.Input)
	if err != nil {
		return err
	}
	defer c.Close()
	ignored := make(map[string]bool, len(f.Ignore))
	for _, n := range f.Ignore {
		ignored[n] = true
	}
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
		if ignored[state.FoldName(rec.Name)] { // as resolve --in sets them aside, before numbering the rows
			ignore(report.IgnoredRow{Row: rec.Row, ID: rec.ID, Name: rec.Name, Reason: "ignore judgement in " + f.File})
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

// countsFn counts the word frequencies of the distinct names where they
// are (match.CorpusCounts, merged in any order: the sums do not depend on
// bundles), and gives the whole input's counts encoded, for a side input
// from which every worker builds the matcher once.
type countsFn struct{}

func (countsFn) CreateAccumulator() match.CorpusCounts { return match.CorpusCounts{} }

func (countsFn) AddInput(a match.CorpusCounts, n NameRef) match.CorpusCounts {
	engine.CountName(&a, engine.Row{Name: n.Raw, Country: n.Country})
	return a
}

func (countsFn) MergeAccumulators(a, b match.CorpusCounts) match.CorpusCounts {
	a.Merge(&b)
	return a
}

// ExtractOutput encodes the counts (MarshalBinary never fails).
func (countsFn) ExtractOutput(a match.CorpusCounts) []byte {
	b, _ := a.MarshalBinary()
	return b
}

// encodeCounts and decodeCounts are the Beam coder of the accumulator,
// which crosses workers between the partial and the final combine.
func encodeCounts(c match.CorpusCounts) ([]byte, error) { return c.MarshalBinary() }

func decodeCounts(b []byte) (match.CorpusCounts, error) {
	var c match.CorpusCounts
	err := c.UnmarshalBinary(b)
	return c, err
}

// matcherCache shares one matcher among the DoFn instances of a worker
// process: Beam makes DoFn instances per bundle, and a matcher costs a
// decoding of the whole input's counts. It keeps the matcher of one
// pipeline (its CorpusID, drawn when the pipeline is built), as a worker
// serves one job.
type matcherCache struct {
	mu  sync.Mutex
	cur *matcherEntry
}

type matcherEntry struct {
	id   string
	once sync.Once
	m    *match.Matcher
	err  error
}

var matchers matcherCache

func (c *matcherCache) get(id string, p match.Params, counts func(*[]byte) bool) (*match.Matcher, error) {
	c.mu.Lock()
	if c.cur == nil || c.cur.id != id {
		c.cur = &matcherEntry{id: id}
	}
	e := c.cur
	c.mu.Unlock()
	e.once.Do(func() { e.m, e.err = buildMatcher(p, counts) })
	return e.m, e.err
}

// buildMatcher is match.New over the corpus of the side input's counts:
// the matcher engine.Run builds.
func buildMatcher(p match.Params, counts func(*[]byte) bool) (*match.Matcher, error) {
	var cc match.CorpusCounts
	var b []byte
	if counts(&b) {
		if err := cc.UnmarshalBinary(b); err != nil {
			return nil, err
		}
	}
	return match.New(p, match.NewCorpusFromCounts(&cc)), nil
}

// prepared gives a DoFn's prepared names (Analyse, then Weigh with the
// whole input's counts), keeping the last few thousand: the pairs of a
// bundle come from the candidates of a few items and share names.
type prepared struct {
	m     *match.Matcher
	names map[string]*match.Name
}

const preparedKept = 8192

func (p *prepared) init(id string, mp match.Params, counts func(*[]byte) bool) error {
	if p.m != nil {
		return nil
	}
	m, err := matchers.get(id, mp, counts)
	if err != nil {
		return err
	}
	p.m, p.names = m, make(map[string]*match.Name, preparedKept)
	return nil
}

func (p *prepared) name(r NameRef) *match.Name {
	if n, ok := p.names[r.Key]; ok {
		return n
	}
	if len(p.names) >= preparedKept {
		clear(p.names)
	}
	n := p.m.Prepare(r.Raw, r.Country)
	p.names[r.Key] = n
	return n
}

// blockKeysFn files each distinct name under its blocking keys. A
// Bipartite key and its partner (the key with the lowest bit flipped) are
// grouped together, since an item under one meets the items under the
// other.
type blockKeysFn struct {
	P        Params
	CorpusID string
	prep     prepared
}

func (f *blockKeysFn) ProcessElement(n NameRef, counts func(*[]byte) bool, emit func(uint64, Posting)) error {
	if err := f.prep.init(f.CorpusID, f.P.Match, counts); err != nil {
		return err
	}
	keys := f.prep.m.BlockKeys(f.prep.name(n), nil)
	slices.Sort(keys)
	for _, k := range slices.Compact(keys) {
		g := k
		if k&block.Bipartite != 0 {
			g = k &^ 1
		}
		emit(g, Posting{Key: k, Item: n})
	}
	return nil
}

// keyHitsFn turns one key's posting list (with its Bipartite partner) into
// one Hit per item filed under it, as block.Index.candidatesOf reads it.
type keyHitsFn struct {
	P Params
}

func byKey(a, b NameRef) int { return strings.Compare(a.Key, b.Key) }

func (f *keyHitsFn) ProcessElement(_ uint64, iter func(*Posting) bool, emit func(string, Hit)) {
	lists := map[uint64][]NameRef{}
	var p Posting
	for iter(&p) {
		lists[p.Key] = append(lists[p.Key], p.Item)
	}
	for _, items := range lists {
		slices.SortFunc(items, byKey)
	}
	maxBlock := f.P.Block.MaxBlock
	window := max(f.P.Block.MaxCandidates, block.CommonWindow)
	for k, items := range lists {
		others := items
		if k&block.Bipartite != 0 {
			others = lists[k^1]
		}
		n := len(others)
		common := n > maxBlock || k&block.Bipartite != 0 && len(items) > maxBlock // block.Index.tooCommon
		for _, item := range items {
			post := others
			if common {
				i, _ := slices.BinarySearchFunc(post, item, byKey)
				post = post[max(0, i-window):min(len(post), i+window+1)]
			}
			out := make([]NameRef, 0, len(post))
			for _, o := range post {
				if o.Key != item.Key {
					out = append(out, o)
				}
			}
			emit(item.Key, Hit{Key: k, N: n, Common: common, Item: item, Others: out})
		}
	}
}

// candidatesFn ranks an item's candidates exactly as block does: the sum,
// in float32 and in ascending key order, of 1/log2(1+N) over the keys
// shared; under a common key only the MaxCandidates nearest either side
// when the item has no other keys, else the block.CommonWindow nearest
// (none under a common Bipartite key); at most
// MaxCandidates kept, ties to the smaller item, and MaxReserved more that
// engine.Reserved picks among the rest. Each kept pair is emitted
// once per side that chose it, low key first (see pairKey).
type candidatesFn struct {
	P Params
}

func (f *candidatesFn) ProcessElement(_ string, iter func(*Hit) bool, emit func(string)) {
	var hits []Hit
	var h Hit
	for iter(&h) {
		hits = append(hits, Hit{Key: h.Key, N: h.N, Common: h.Common, Item: h.Item, Others: slices.Clone(h.Others)})
	}
	if len(hits) == 0 {
		return
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
	maxCand := f.P.Block.MaxCandidates
	usable := 0
	for _, h := range hits {
		if !h.Common {
			usable++
		}
	}
	score := map[string]float32{}
	refs := map[string]NameRef{}
	var touched []string
	for _, h := range hits {
		if h.N == 0 {
			continue
		}
		others := h.Others
		if h.Common {
			window := maxCand
			if usable > 0 {
				if h.Key&block.Bipartite != 0 {
					continue
				}
				window = block.CommonWindow
			}
			// block's window, post[i-window : i+window+1] from the first
			// item at or after this one, read in the others: without the
			// item itself, which a key's own posting list holds.
			i, _ := slices.BinarySearchFunc(others, h.Item, byKey)
			hi := i + window
			if h.Key&block.Bipartite != 0 {
				hi++
			}
			others = others[max(0, i-window):min(len(others), hi)]
		}
		w := float32(1 / math.Log2(1+float64(h.N)))
		for _, o := range others {
			if score[o.Key] == 0 {
				touched = append(touched, o.Key)
				refs[o.Key] = o
			}
			score[o.Key] += w
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
		kept := touched[:maxCand:maxCand]
		if r := f.P.Block.MaxReserved; r > 0 {
			// The candidates block's Index.Reserve keeps beyond the cut,
			// in rank order (engine.Reserved on the raw names).
			if native, _ := engine.ReserveSides(hits[0].Item.Raw); native {
				for _, o := range touched[maxCand:] {
					if len(kept) == maxCand+r {
						break
					}
					if _, latin := engine.ReserveSides(refs[o].Raw); latin {
						kept = append(kept, o)
					}
				}
			}
		}
		touched = kept
	}
	for _, o := range touched {
		emit(pairKey(hits[0].Item, refs[o]))
	}
}

// pairKey encodes an unordered pair of distinct names as one string (the
// smaller key first, each field length-prefixed), so that a pair chosen by
// both sides is one element after Distinct, and the scorer has the raw
// names without a side input of every name.
func pairKey(a, b NameRef) string {
	if b.Key < a.Key {
		a, b = b, a
	}
	var s strings.Builder
	for _, f := range []string{a.Key, a.Raw, a.Country, b.Key, b.Raw, b.Country} {
		s.WriteString(strconv.Itoa(len(f)))
		s.WriteByte(':')
		s.WriteString(f)
	}
	return s.String()
}

func splitPair(s string) (NameRef, NameRef) {
	var f [6]string
	for i := range f {
		n, rest, _ := strings.Cut(s, ":")
		l, _ := strconv.Atoi(n)
		f[i], s = rest[:l], rest[l:]
	}
	return NameRef{Key: f[0], Raw: f[1], Country: f[2]}, NameRef{Key: f[3], Raw: f[4], Country: f[5]}
}

// scoreFn scores a candidate pair with match's ScoreFast, as engine.Run
// does, and keeps the edges at or above the threshold. When reciprocal
// best matches are on (see reciprocal.go), a pair across scripts scoring
// above 0 also gives each name an Offer of the other, and one scoring in
// [ReciprocalFloor, Threshold) is a Near pair, keyed by its first name.
type scoreFn struct {
	P        Params
	CorpusID string
	prep     prepared
	sc       match.Scratch
}

func (f *scoreFn) ProcessElement(pair string, counts func(*[]byte) bool, emit func(engine.KeyEdge),
	offer func(string, Offer), near func(string, Near)) error {
	if err := f.prep.init(f.CorpusID, f.P.Match, counts); err != nil {
		return err
	}
	a, b := splitPair(pair)
	na, nb := f.prep.name(a), f.prep.name(b)
	s := f.prep.m.ScoreFast(na, nb, &f.sc)
	c := f.P.Cluster
	cross := match.CrossScript(match.SideOf(na), match.SideOf(nb))
	threshold := c.edgeThreshold(cross)
	if s >= threshold {
		emit(engine.KeyEdge{A: a.Key, B: b.Key, Score: s})
	}
	// Pairs at or above the threshold are offers too: they may be a
	// name's best, which no pair below it then is.
	if !reciprocalOn(c) || s <= 0 || !cross {
		return nil
	}
	offer(a.Key, Offer{Partner: b.Key, Score: s})
	offer(b.Key, Offer{Partner: a.Key, Score: s})
	if s >= c.ReciprocalFloor && s < threshold {
		near(a.Key, Near{A: a, B: b, Score: s})
	}
	return nil
}
