package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/transforms/filter"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/transforms/stats"

	"github.com/resolve-tool/resolve/config"
	"github.com/resolve-tool/resolve/resolve/engine"
	"github.com/resolve-tool/resolve/resolve/input"
	"github.com/resolve-tool/resolve/resolve/job"
	"github.com/resolve-tool/resolve/resolve/match"
	"github.com/resolve-tool/resolve/resolve/report"
	"github.com/resolve-tool/resolve/resolve/state"
)

// Job is one run of the pipeline.
type Job struct {
	In         string // input CSV/TSV: a local path or any Beam filesystem (gs://...)
	Out        string // clusters as JSON lines
	Previous   string // the previous run's JSON lines, for stable IDs; "" for none
	Judgements string // investigators' decisions (resolve's judgements file); "" for none
	Config     *config.Config
	Rounds     int    // label-propagation rounds before the residual union-find
	Version    string // written into the run line
}

// Build adds the resolve stage to the pipeline's root scope. It reads the
// judgements file (and, for the cluster IDs it names, the previous run)
// now, so that a bad file stops the run before the pipeline starts.
func Build(ctx context.Context, s beam.Scope, j Job) error {
	dec, err := loadDecisions(ctx, j.Judgements, j.Previous)
	if err != nil {
		return err
	}
	p := paramsOf(j.Config)
	id := corpusID()
	read := beam.ParDoN(s.Scope("read"), &readFn{Path: j.In, Input: j.Config.Input, Ignore: dec.Ignore, File: j.Judgements},
		beam.Impulse(s))
	recs, rejected, ignored, meta := beam.Reshuffle(s, read[0]), read[1], read[2], read[3]

	// Dedup: one representative (the smallest raw name) per distinct name;
	// then the word frequencies, counted per bundle and combined, as the
	// side input every stage that scores builds its matcher from.
	ds := s.Scope("dedup")
	names := beam.ParDo(ds, nameRefFn, beam.CombinePerKey(ds, minString, beam.ParDo(ds, dedupKeyFn, recs)))
	corpus := beam.SideInput{Input: beam.Combine(s.Scope("corpus"), &countsFn{}, names)}

	// Block: keys → posting lists → each item's hits → its candidates.
	bs := s.Scope("block")
	postings := beam.ParDo(bs, &blockKeysFn{P: p, CorpusID: id}, names, corpus)
	hits := beam.ParDo(bs, &keyHitsFn{P: p}, beam.GroupByKey(bs, postings))
	pairs := filter.Distinct(bs, beam.ParDo(bs, &candidatesFn{P: p}, beam.GroupByKey(bs, hits)))
	pairCount := stats.CountElms(bs, pairs)

	// Score: the edges at or above the threshold, and the reciprocal best
	// matches across scripts below it (reciprocal.go).
	scored, offers, nears := beam.ParDo3(s.Scope("score"), &scoreFn{P: p, CorpusID: id}, pairs, corpus)
	edges := beam.Flatten(s, scored, reciprocalEdges(s, offers, nears, corpus, p, id))
	links := edges
	if len(dec.Same) > 0 {
		links = beam.Flatten(s, edges, mustLinks(s, names, dec.Same))
	}
	labels := components(s, links, max(1, j.Rounds))

	// Rows and edges to their component, then cluster each component.
	cs := s.Scope("cluster")
	rowsBy := beam.ParDo(cs, rowToComponent, beam.CoGroupByKey(cs, labels, beam.ParDo(cs, keyedRec, recs)))
	edgesBy := beam.ParDo(cs, edgeToComponent, beam.CoGroupByKey(cs, labels, beam.ParDo(cs, keyedEdge, edges)))
	out := beam.ParDo(cs, &clusterFn{P: p, CorpusID: id, Decisions: dec}, beam.CoGroupByKey(cs, rowsBy, edgesBy), corpus)

	beam.ParDo0(s.Scope("write"), &writeFn{Out: j.Out, Previous: j.Previous, Version: j.Version, Digest: j.Config.Digest(),
		Judgements: dec.Report},
		beam.Impulse(s), beam.SideInput{Input: out}, beam.SideInput{Input: meta}, beam.SideInput{Input: rejected},
		beam.SideInput{Input: ignored}, beam.SideInput{Input: pairCount})
	return nil
}

// corpusID names one pipeline's side input of word frequencies, for
// matcherCache.
func corpusID() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// Out is one cluster in the report's form (without its ID), with what the
// writer orders and identifies it by.
type Out struct {
	Size  int      // rows
	First int      // index of its first row among the good rows
	Keys  []string // state.MemberKey of its distinct names, sorted
	JSON  []byte   // report.Cluster
	// Conflicts are the "same" decisions the clustering of the cluster's
	// component refused, on one cluster of the component.
	Conflicts []Conflict
}

func init() {
	register.Function1x2[Rec, string, Rec](keyedRec)
	register.Function1x2[engine.KeyEdge, string, engine.KeyEdge](keyedEdge)
	register.Function4x0[string, func(*string) bool, func(*Rec) bool, func(string, Rec)](rowToComponent)
	register.Iter1[Rec]()
	register.Emitter2[string, Rec]()
	register.Function4x0[string, func(*string) bool, func(*engine.KeyEdge) bool, func(string, engine.KeyEdge)](edgeToComponent)
	register.Iter1[engine.KeyEdge]()
	register.Emitter2[string, engine.KeyEdge]()
	register.DoFn6x1[context.Context, string, func(*Rec) bool, func(*engine.KeyEdge) bool, func(*[]byte) bool, func(Out), error](&clusterFn{})
	register.Emitter1[Out]()
	register.DoFn7x1[context.Context, []byte, func(*Out) bool, func(*Meta) bool, func(*input.Rejected) bool,
		func(*report.IgnoredRow) bool, func(*int) bool, error](&writeFn{})
	register.Iter1[report.IgnoredRow]()
	register.Iter1[Out]()
	register.Iter1[Meta]()
	register.Iter1[input.Rejected]()
	register.Iter1[int]()
}

func keyedRec(r Rec) (string, Rec) { return engine.DedupKey(rowOf(r.R)), r }

func keyedEdge(e engine.KeyEdge) (string, engine.KeyEdge) { return e.A, e }

func rowToComponent(key string, label func(*string) bool, rows func(*Rec) bool, emit func(string, Rec)) {
	l, ok := first(label)
	if !ok {
		l = key // no edge: a component of its own
	}
	var r Rec
	for rows(&r) {
		emit(l, r)
	}
}

func edgeToComponent(key string, label func(*string) bool, edges func(*engine.KeyEdge) bool, emit func(string, engine.KeyEdge)) {
	l, ok := first(label)
	if !ok {
		l = key
	}
	var e engine.KeyEdge
	for edges(&e) {
		emit(l, e)
	}
}

// clusterFn runs the engine's constrained clustering and explanations on
// one component (engine.ClusterComponent) and converts the clusters to the
// report's form.
type clusterFn struct {
	P         Params
	CorpusID  string
	Decisions Decisions
	m         *match.Matcher
	judged    *judged
}

func (f *clusterFn) ProcessElement(ctx context.Context, _ string, rowsIt func(*Rec) bool, edgesIt func(*engine.KeyEdge) bool,
	counts func(*[]byte) bool, emit func(Out)) error {
	if f.m == nil {
		m, err := matchers.get(f.CorpusID, f.P.Match, counts)
		if err != nil {
			return err
		}
		f.m, f.judged = m, newJudged(&f.Decisions)
	}
	var recs []Rec
	var r Rec
	for rowsIt(&r) {
		recs = append(recs, r)
	}
	slices.SortFunc(recs, func(a, b Rec) int { return a.Index - b.Index })
	var edges []engine.KeyEdge
	var e engine.KeyEdge
	for edgesIt(&e) {
		edges = append(edges, e)
	}
	rows := make([]engine.Row, len(recs))
	records := make([]input.Record, len(recs))
	dedup := make([]string, len(recs))
	for i, r := range recs {
		rows[i], records[i] = rowOf(r.R), r.R
		dedup[i] = engine.DedupKey(rows[i])
	}
	opt := f.P.engine()
	var sameIdx []int
	if f.Decisions.Report != nil {
		opt.Same, opt.Different, sameIdx = f.judged.decisions(&f.Decisions, dedup)
	}
	res, err := engine.ClusterComponent(ctx, f.m, rows, edges, opt)
	if err != nil {
		return err
	}
	refused := conflicts(res, opt.Same, sameIdx)
	for i, c := range job.Clusters(records, res) {
		b, err := json.Marshal(c)
		if err != nil {
			return err
		}
		keys := state.ReportMemberKeys(&report.Report{Clusters: []report.Cluster{c}})[0]
		emit(Out{Size: c.Size, First: recs[res.Clusters[i].Rows[0]].Index, Keys: keys, JSON: b, Conflicts: refused})
		refused = nil
	}
	return nil
}

// writeFn writes the JSON lines on one worker: the run line, the clusters
// (largest first, then by first row, as the engine orders them) with IDs
// carried over from the previous run by state's rule, the rejected rows,
// the changes when there is a previous run, and the summary.
type writeFn struct {
	Out, Previous   string
	Version, Digest string
	Judgements      *report.Judgements // nil without a judgements file
}

func (f *writeFn) ProcessElement(ctx context.Context, _ []byte, outs func(*Out) bool, metas func(*Meta) bool,
	rejs func(*input.Rejected) bool, igns func(*report.IgnoredRow) bool, counts func(*int) bool) error {
	started := time.Now().UTC()
	var all []Out
	var refused []Conflict
	var o Out
	for outs(&o) {
		refused = append(refused, o.Conflicts...)
		o.Conflicts = nil
		all = append(all, o)
	}
	slices.SortFunc(all, func(a, b Out) int {
		if a.Size != b.Size {
			return b.Size - a.Size
		}
		return a.First - b.First
	})
	var meta Meta
	metas(&meta)
	var rejected []report.RejectedRow
	var rj input.Rejected
	for rejs(&rj) {
		rejected = append(rejected, report.RejectedRow{Row: rj.Row, Column: rj.Column, Reason: rj.Reason, Raw: rj.Raw})
	}
	slices.SortFunc(rejected, func(a, b report.RejectedRow) int { return a.Row - b.Row })
	var ignored []report.IgnoredRow
	var ig report.IgnoredRow
	for igns(&ig) {
		ignored = append(ignored, ig)
	}
	slices.SortFunc(ignored, func(a, b report.IgnoredRow) int { return a.Row - b.Row })
	pairs := 0
	var n int
	for counts(&n) {
		pairs += n
	}

	var prev []state.PrevCluster
	var prevRun string
	if f.Previous != "" {
		rep, err := readPrevious(ctx, f.Previous)
		if err != nil {
			return err
		}
		prevRun = rep.Run.ID
		for i, ks := range state.ReportMemberKeys(rep) {
			prev = append(prev, state.PrevCluster{ID: rep.Clusters[i].ID, Members: ks})
		}
	}
	keys := make([][]string, len(all))
	clusters := make([]report.Cluster, len(all))
	clustered := 0
	for i, o := range all {
		keys[i] = o.Keys
		if err := json.Unmarshal(o.JSON, &clusters[i]); err != nil {
			return err
		}
		clustered += o.Size
	}
	before := state.NewPrevious(prev)
	ids, changes := before.AssignIDs(keys, state.NewClusterID)
	for i := range clusters {
		clusters[i].ID = ids[i]
	}
	run := report.Run{Tool: "resolve-beam", Version: f.Version, StartedAt: started, FinishedAt: time.Now().UTC(),
		Input: report.Input{Path: meta.Path, SHA256: meta.SHA256, Format: meta.Format, Encoding: meta.Encoding, Columns: meta.Header},
		Rows: report.RowCounts{Read: clustered + len(rejected) + len(ignored), Clustered: clustered, Rejected: len(rejected),
			Ignored: len(ignored)},
		ConfigDigest: f.Digest, Sources: []report.SourceUse{}}
	var ch *report.Changes
	if f.Previous != "" {
		reuse := &report.Reuse{PreviousRunID: prevRun, PairsScored: pairs}
		reuse.NamesReused, reuse.NamesNew = before.CountKnown(keys)
		run.Reuse = reuse
		changes.PreviousRunID = prevRun
		ch = &changes
	}
	if rejected == nil {
		rejected = []report.RejectedRow{}
	}
	var judgements *report.Judgements
	if f.Judgements != nil {
		j := *f.Judgements
		j.Conflicts = append(slices.Clone(j.Conflicts), conflictLines(refused)...)
		judgements = &j
	}
	rep := &report.Report{SchemaVersion: report.SchemaVersion, Run: run, Clusters: clusters, RejectedRows: rejected,
		IgnoredRows: ignored, Judgements: judgements, Changes: ch, Summary: summarise(clusters, pairs)}
	rep.CompactCoverage() // coverage said once, as resolve writes every format
	return writeJSONL(ctx, f.Out, rep)
}

// jsonLine is one line of the report's JSON lines.
type jsonLine = report.JSONLine

func writeJSONL(ctx context.Context, path string, r *report.Report) (err error) {
	fs, err := filesystem.New(ctx, path)
	if err != nil {
		return err
	}
	defer fs.Close()
	wc, err := fs.OpenWrite(ctx, path)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer func() {
		if cerr := wc.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("write %s: %w", path, cerr)
		}
	}()
	bw := bufio.NewWriter(wc)
	if err := report.EncodeJSONLines(bw, r); err != nil {
		return err
	}
	return bw.Flush()
}

// readPrevious reads a previous run's JSON lines; every cluster must
// have its ID.
func readPrevious(ctx context.Context, path string) (*report.Report, error) {
	rc, err := openRead(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("previous run %s: %w", path, err)
	}
	defer rc.Close()
	rep, err := report.DecodeJSONLines(rc)
	if err != nil {
		return nil, fmt.Errorf("previous run %s: %w", path, err)
	}
	for i, c := range rep.Clusters {
		if c.ID == "" {
			return nil, fmt.Errorf("previous run %s: cluster %d (%q) has no id", path, i+1, c.CanonicalName)
		}
	}
	return rep, nil
}
