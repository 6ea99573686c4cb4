package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/resolve-tool/resolve/resolve/engine"
	"github.com/resolve-tool/resolve/resolve/report"
	"github.com/resolve-tool/resolve/resolve/state"
)

// Investigator decisions (a judgements file, as resolve --judgements reads
// it) enter the pipeline in three places, as they enter engine.Run:
//
//   - ignore: the reader sets the rows aside before numbering them (readFn),
//     and the writer lists them as ignored_row lines;
//   - same: each pair of distinct names a "same" decision names is an edge
//     of the connected components (mustLinks), so that the two sides are
//     clustered together, by engine.ClusterComponent, which merges them
//     first unless a "different" decision separates them;
//   - same and different: each component's clustering gets the decisions
//     naming two of its names, in the file's order (judgedFn.decisions), as
//     engine.Run would apply them to those names.
//
// Cluster IDs in the file stand for the members of that cluster in the
// previous run's JSON lines (--previous), as resolve resolves them against
// the store's past runs.

// Decisions are the judgements resolved into what the stages need.
type Decisions struct {
	Same, Different [][2]string // raw names, as engine.Options
	Ignore          []string    // state.FoldName of the ignored names
	// Report is the report's judgements section but for the "same"
	// decisions the clustering refuses (added by the writer).
	Report *report.Judgements
}

// loadDecisions reads the judgements file (a local path or a Beam
// filesystem's), resolving cluster IDs against the previous run's lines.
// An empty path gives no decisions.
func loadDecisions(ctx context.Context, path, previous string) (Decisions, error) {
	if path == "" {
		return Decisions{}, nil
	}
	data, err := readAll(ctx, path)
	if err != nil {
		return Decisions{}, fmt.Errorf("judgements: %w", err)
	}
	js, err := state.ParseJudgements(data, path)
	if err != nil {
		return Decisions{}, err
	}
	var resolver state.ClusterResolver
	if previous != "" {
		prev, err := readPrevious(ctx, previous)
		if err != nil {
			return Decisions{}, err
		}
		resolver = newPreviousNames(prev)
	}
	dec, err := state.Decide(ctx, js, resolver)
	if err != nil {
		return Decisions{}, err
	}
	r := &report.Judgements{File: path, Conflicts: []string{}, Unresolved: []string{}}
	for _, x := range dec.Applied {
		if x.Outcome == "applied" {
			r.Applied++
		}
	}
	for _, c := range dec.Conflicts {
		r.Conflicts = append(r.Conflicts, c.String())
	}
	for _, u := range dec.Unresolved {
		r.Unresolved = append(r.Unresolved, u.String())
	}
	return Decisions{Same: dec.Same, Different: dec.Different, Ignore: dec.IgnoredNames(), Report: r}, nil
}

func readAll(ctx context.Context, path string) ([]byte, error) {
	rc, err := openRead(ctx, path)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

// previousNames finds a cluster's member names in a previous run's
// report, as the store's ClusterNames does: one name per member key (the
// smallest), in key order.
type previousNames map[string][]string

func newPreviousNames(rep *report.Report) previousNames {
	p := previousNames{}
	for _, c := range state.FromReport(rep).Clusters {
		ms := slices.SortedFunc(slices.Values(c.Members), func(a, b state.Member) int { return strings.Compare(a.Key, b.Key) })
		names := make([]string, 0, len(ms))
		for _, m := range ms {
			names = append(names, m.Name)
		}
		p[c.ID] = slices.Compact(names)
	}
	return p
}

func (p previousNames) ClusterNames(_ context.Context, id string) ([]string, bool, error) {
	names, ok := p[id]
	return names, ok && len(names) > 0, nil
}

// foldName is the name part of engine.DedupKey, under which engine.Run
// looks up the names of a decision.
func foldName(name string) string {
	k := engine.DedupKey(engine.Row{Name: name})
	return k[:len(k)-1] // without the NUL before the empty country
}

func keyName(key string) string {
	name, _, _ := strings.Cut(key, "\x00")
	return name
}

func init() {
	register.DoFn2x0[NameRef, func(string)](&sameNamesFn{})
	register.DoFn3x0[int, func(*string) bool, func(engine.KeyEdge)](&mustLinkFn{})
}

// mustLinks gives an edge (score 0: it only joins components) between the
// distinct names of each pair a "same" decision names, under every country
// they were seen with, as engine.Run's must-links. Decisions are few: the
// names they name go to one worker.
func mustLinks(s beam.Scope, names beam.PCollection, same [][2]string) beam.PCollection {
	s = s.Scope("judgements")
	named := beam.ParDo(s, &sameNamesFn{Same: same}, names)
	return beam.ParDo(s, &mustLinkFn{Same: same}, beam.GroupByKey(s, beam.AddFixedKey(s, named)))
}

// sameNamesFn keeps the keys of the distinct names a "same" decision names.
type sameNamesFn struct {
	Same  [][2]string
	names map[string]bool
}

func (f *sameNamesFn) ProcessElement(n NameRef, emit func(string)) {
	if f.names == nil {
		f.names = map[string]bool{}
		for _, s := range f.Same {
			f.names[foldName(s[0])], f.names[foldName(s[1])] = true, true
		}
	}
	if f.names[keyName(n.Key)] {
		emit(n.Key)
	}
}

type mustLinkFn struct {
	Same [][2]string
}

func (f *mustLinkFn) ProcessElement(_ int, keys func(*string) bool, emit func(engine.KeyEdge)) {
	byName := map[string][]string{}
	var k string
	for keys(&k) {
		byName[keyName(k)] = append(byName[keyName(k)], k)
	}
	for _, s := range f.Same {
		for _, a := range byName[foldName(s[0])] {
			for _, b := range byName[foldName(s[1])] {
				if a != b {
					emit(engine.KeyEdge{A: min(a, b), B: max(a, b)})
				}
			}
		}
	}
}

// judged picks, for one component, the decisions naming two of its
// names, keeping the file's order (the order engine.Run applies them in).
type judged struct {
	same, different map[string][]int // foldName → indices of the decisions naming it
}

func newJudged(d *Decisions) *judged {
	index := func(pairs [][2]string) map[string][]int {
		m := map[string][]int{}
		for i, p := range pairs {
			m[foldName(p[0])] = append(m[foldName(p[0])], i)
			m[foldName(p[1])] = append(m[foldName(p[1])], i)
		}
		return m
	}
	return &judged{same: index(d.Same), different: index(d.Different)}
}

// decisions returns the Same and Different decisions both of whose names
// are among the component's distinct names (engine.DedupKey), and the
// indices in d.Same of the Same ones.
func (j *judged) decisions(d *Decisions, keys []string) (same, different [][2]string, sameIdx []int) {
	in := map[string]bool{}
	for _, k := range keys {
		in[keyName(k)] = true
	}
	pick := func(index map[string][]int, pairs [][2]string) ([][2]string, []int) {
		var idx []int
		for n := range in {
			for _, i := range index[n] {
				if in[foldName(pairs[i][0])] && in[foldName(pairs[i][1])] {
					idx = append(idx, i)
				}
			}
		}
		slices.Sort(idx)
		idx = slices.Compact(idx)
		out := make([][2]string, len(idx))
		for x, i := range idx {
			out[x] = pairs[i]
		}
		return out, idx
	}
	same, sameIdx = pick(j.same, d.Same)
	different, _ = pick(j.different, d.Different)
	return same, different, sameIdx
}

// Conflict is a "same" decision the clustering of a component refused (a
// "different" one separates the names), with what orders it as engine.Run
// lists it: the decision's index, then the two names' keys.
type Conflict struct {
	Same       int
	KeyA, KeyB string
	A, B       string // raw names
}

// conflicts places the refused pairs of a component's result among the
// decisions it was given (sameIdx: their indices in the whole file).
func conflicts(res *engine.Result, same [][2]string, sameIdx []int) []Conflict {
	var out []Conflict
	for _, c := range res.Conflicts {
		x := Conflict{A: c[0], B: c[1], Same: -1}
		for _, n := range res.Names {
			k := engine.DedupKey(engine.Row{Name: n.Raw, Country: n.Country})
			if n.Raw == c[0] && x.KeyA == "" {
				x.KeyA = k
			}
			if n.Raw == c[1] && x.KeyB == "" {
				x.KeyB = k
			}
		}
		for i, s := range same {
			if foldName(s[0]) == keyName(x.KeyA) && foldName(s[1]) == keyName(x.KeyB) {
				x.Same = sameIdx[i]
				break
			}
		}
		out = append(out, x)
	}
	return out
}

// conflictLines orders the refused decisions of all components as
// engine.Run lists them and words them as resolve's report does.
func conflictLines(cs []Conflict) []string {
	slices.SortStableFunc(cs, func(a, b Conflict) int {
		return cmp.Or(cmp.Compare(a.Same, b.Same), strings.Compare(a.KeyA, b.KeyA), strings.Compare(a.KeyB, b.KeyB))
	})
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = fmt.Sprintf("same %q %q was not applied: a different judgement separates them", c.A, c.B)
	}
	return out
}
