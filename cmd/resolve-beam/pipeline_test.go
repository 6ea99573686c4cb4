package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
	"github.com/google/go-cmp/cmp"

	"github.com/resolve-tool/resolve/config"
	"github.com/resolve-tool/resolve/resolve/engine"
	"github.com/resolve-tool/resolve/resolve/input"
	"github.com/resolve-tool/resolve/resolve/job"
	"github.com/resolve-tool/resolve/resolve/report"
	"github.com/resolve-tool/resolve/resolve/state"
	"github.com/resolve-tool/resolve/resolve/synth"
)

func TestMain(m *testing.M) {
	beam.Init()
	os.Exit(m.Run())
}

// runPipeline runs the pipeline on prism in-process and returns its lines.
func runPipeline(t *testing.T, j Job) []jsonLine {
	t.Helper()
	p, s := beam.NewPipelineWithRoot()
	if err := Build(context.Background(), s, j); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if _, err := prism.Execute(context.Background(), p); err != nil {
		t.Fatalf("pipeline: %v", err)
	}
	t.Logf("prism run on %s: %s", filepath.Base(j.In), time.Since(start).Round(time.Millisecond))
	return readLines(t, j.Out)
}

func readLines(t *testing.T, path string) []jsonLine {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []jsonLine
	dec := json.NewDecoder(bufio.NewReader(f))
	for {
		var l jsonLine
		if err := dec.Decode(&l); errors.Is(err, io.EOF) {
			return out
		} else if err != nil {
			t.Fatal(err)
		}
		out = append(out, l)
	}
}

func clustersOf(lines []jsonLine) []report.Cluster {
	var cs []report.Cluster
	for _, l := range lines {
		if l.Type == "cluster" {
			cs = append(cs, *l.Cluster)
		}
	}
	return cs
}

func summaryOf(t *testing.T, lines []jsonLine) report.Summary {
	t.Helper()
	last := lines[len(lines)-1]
	if last.Type != "summary" {
		t.Fatalf("last line is %q, not the summary", last.Type)
	}
	return *last.Summary
}

// engineClusters clusters the file with engine.Run, as resolve --in does,
// and gives the clusters in the report's form with first-run IDs.
func engineClusters(t *testing.T, path string, cfg *config.Config) ([]report.Cluster, int) {
	t.Helper()
	rd, err := input.Open(path, job.InputOptions(cfg.Input))
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	var recs []input.Record
	for {
		rec, rej, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if rej == nil {
			recs = append(recs, rec)
		}
	}
	rows := make([]engine.Row, len(recs))
	for i, r := range recs {
		rows[i] = rowOf(r)
	}
	start := time.Now()
	res, err := engine.Run(context.Background(), rows, paramsOf(cfg).engine())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("engine.Run on %s: %d rows, %d clusters, %d candidate pairs, %s", filepath.Base(path), len(rows),
		len(res.Clusters), res.CandidatePairs, time.Since(start).Round(time.Millisecond))
	cs := job.Clusters(recs, res)
	ids, _ := state.NewPrevious(nil).AssignIDs(state.ReportMemberKeys(&report.Report{Clusters: cs}), state.NewClusterID)
	for i := range cs {
		cs[i].ID = ids[i]
	}
	return cs, res.CandidatePairs
}

func loadConfig(t *testing.T) *config.Config {
	t.Helper()
	cfg, err := config.New().Load("")
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// checkSame asserts the pipeline's clusters are the engine's: the same
// partition, in the same order, with the same canonical names, members,
// evidence (links, scores, reasons), variants and IDs.
func checkSame(t *testing.T, path string, rounds int) []jsonLine {
	t.Helper()
	return checkSameWith(t, path, rounds, loadConfig(t))
}

// checkSameWith is checkSame under the configuration cfg.
func checkSameWith(t *testing.T, path string, rounds int, cfg *config.Config) []jsonLine {
	t.Helper()
	want, pairs := engineClusters(t, path, cfg)
	out := filepath.Join(t.TempDir(), "clusters.jsonl")
	lines := runPipeline(t, Job{In: path, Out: out, Config: cfg, Rounds: rounds, Version: "test"})
	got := clustersOf(lines)
	wantRep := &report.Report{Clusters: want}
	wantRep.CompactCoverage()
	if diff := cmp.Diff(wantRep.Clusters, got); diff != "" {
		t.Fatalf("pipeline clusters differ from engine.Run's (-engine +pipeline):\n%s", diff)
	}
	if s := summaryOf(t, lines); s.CandidatePairs != pairs || s.Clusters != len(want) {
		t.Errorf("summary: %d clusters, %d candidate pairs; engine: %d, %d", s.Clusters, s.CandidatePairs, len(want), pairs)
	}
	if lines[0].Type != "run" || lines[0].SchemaVersion != report.SchemaVersion {
		t.Fatalf("first line: %+v", lines[0])
	}
	// The lines put together are a report of the schema.
	rep := report.Report{SchemaVersion: lines[0].SchemaVersion, Run: *lines[0].Run, Summary: summaryOf(t, lines), Clusters: got,
		RejectedRows: []report.RejectedRow{}}
	for _, l := range lines {
		if l.Type == "rejected_row" {
			rep.RejectedRows = append(rep.RejectedRows, *l.RejectedRow)
		}
	}
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	if err := report.ValidateJSON(b); err != nil {
		t.Errorf("the lines as a report: %v", err)
	}
	return lines
}

func TestSuppliersSameAsEngine(t *testing.T) {
	path := filepath.Join("..", "..", "testdata", "suppliers.csv")
	// One round of label propagation: most components are finished by the
	// residual union-find, which must give the same clusters.
	lines := checkSame(t, path, 1)
	var rejected int
	for _, l := range lines {
		if l.Type == "rejected_row" {
			rejected++
		}
	}
	if r := lines[0].Run.Rows; r.Rejected != rejected || r.Read != r.Clustered+r.Rejected {
		t.Errorf("row counts %+v with %d rejected_row lines", r, rejected)
	}
}

// TestGeneratedSameAsEngine runs 20,000 generated names (3,000 with
// -short; RESOLVE_BEAM_ROWS=100000 for the README's measurement), with
// Korean, Chinese and Russian variants, against the engine.
func TestGeneratedSameAsEngine(t *testing.T) {
	rows := 20000
	if testing.Short() {
		rows = 3000
	}
	if v := os.Getenv("RESOLVE_BEAM_ROWS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("RESOLVE_BEAM_ROWS=%q: want a number of rows", v)
		}
		rows = n
	}
	checkSame(t, writeSynth(t, synth.Options{Rows: rows, Seed: 16}), 4)
}

// TestCommonKeysSameAsEngine: with max_block at 30, thousands of keys of
// 5,000 generated names are common (more than 30 names, Bipartite keys
// too: their own side counts), and the pipeline takes under them the
// nearest names in the order that block takes (block.CommonWindow when the
// name has other keys, max_candidates when it has none).
func TestCommonKeysSameAsEngine(t *testing.T) {
	cfg := loadConfig(t)
	cfg.Cluster.MaxBlock = 30
	checkSameWith(t, writeSynth(t, synth.Options{Rows: 5000, Seed: 21, Customs: true}), 2, cfg)
}

// TestCustomsSameAsEngine: customs-record noise brings acronyms (Bipartite
// blocking keys, initials counted in the corpus), abbreviations and cut
// names.
func TestCustomsSameAsEngine(t *testing.T) {
	checkSame(t, writeSynth(t, synth.Options{Rows: 5000, Seed: 12, Customs: true}), 2)
}

// reciprocalNames are fictional companies whose native-script and English
// names score below match.threshold (0.80): three reciprocal best matches
// across scripts (0.776, 0.7055, 0.777), a Hangul name as close to two
// English names (0.7462 each: no clear lead), an English name whose best
// Hangul name has a better partner at or above the threshold (0.97: an
// offer the pipeline must count though the pair is an edge anyway), and two
// Latin names at 0.79 (never within one script).
const reciprocalNames = `name,country
새빛생명,KR
"SAEBIT LIFE INSURANCE CO., LTD.",KR
"Saebit Life Insurance Co., Ltd.",KR
은하수증권,KR
"EUNHASU SECURITIES INVESTMENT CO., LTD.",KR
별빛전자,KR
"BYEOLBIT ELECTRONICS MATERIALS CO., LTD.",KR
푸른별,KR
"PUREUNBYEOL ENGINEERING CO., LTD.",KR
"PUREUNBYEOL ENERGY CO., LTD.",KR
가람생명,KR
GARAM SAENGMYEONG,KR
"GARAM LIFE INSURANCE CO., LTD.",KR
"DAON FIRE & MARINE INSURANCE CO., LTD.",KR
"DAON FIRE INSURANCE HOLDINGS CO., LTD.",KR
`

// TestReciprocalSameAsEngine: the reciprocal best matches across scripts,
// found by combining each name's offers on many workers, are the engine's:
// the same clusters, and the links below the threshold explained by
// reciprocal_best.
func TestReciprocalSameAsEngine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "reciprocal.csv")
	if err := os.WriteFile(path, []byte(reciprocalNames), 0o644); err != nil {
		t.Fatal(err)
	}
	got := clustersOf(checkSame(t, path, 2))
	// What the fixture is for, so that a change of scores that leaves it
	// without reciprocal pairs (or with more) does not pass unnoticed.
	var joined [][]string
	for _, c := range got {
		if len(c.Members) < 2 {
			continue
		}
		var names []string
		recip := false
		for _, m := range c.Members {
			names = append(names, m.Name)
			if m.Evidence != nil {
				for _, r := range m.Evidence.Reasons {
					recip = recip || r.Kind == "reciprocal_best"
				}
			}
		}
		slices.Sort(names)
		if recip {
			joined = append(joined, names)
		}
	}
	slices.SortFunc(joined, slices.Compare)
	want := [][]string{
		{"BYEOLBIT ELECTRONICS MATERIALS CO., LTD.", "별빛전자"},
		{"EUNHASU SECURITIES INVESTMENT CO., LTD.", "은하수증권"},
		{"SAEBIT LIFE INSURANCE CO., LTD.", "Saebit Life Insurance Co., Ltd.", "새빛생명"},
	}
	if diff := cmp.Diff(want, joined); diff != "" {
		t.Errorf("clusters with a reciprocal_best link (-want +got):\n%s", diff)
	}
	if len(got) != 10 {
		t.Errorf("%d clusters, want 10 (푸른별, GARAM LIFE INSURANCE and the DAON names alone)", len(got))
	}
}

// A name in Han characters keeps its best candidate in Latin letters beyond
// max_candidates, in resolve-beam as in the engine: with two candidates a
// name, 深圳星光科技 would keep two of its look-alikes in Han characters and
// lose its English name.
func TestReservedSameAsEngine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "reserved.csv")
	names := "name,country\n深圳星光科技股份有限公司,CN\n深圳星光电子股份有限公司,CN\n深圳星光材料股份有限公司,CN\n" +
		"深圳星光能源股份有限公司,CN\n\"Shenzhen Xingguang Technology Co., Ltd.\",CN\n"
	if err := os.WriteFile(path, []byte(names), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, reserved := range []int{0, 1} {
		cfg := loadConfig(t)
		cfg.Cluster.MaxCandidates, cfg.Cluster.MaxCross = 2, reserved
		together := false
		for _, c := range clustersOf(checkSameWith(t, path, 2, cfg)) {
			var names []string
			for _, m := range c.Members {
				names = append(names, m.Name)
			}
			together = together || (slices.Contains(names, "深圳星光科技股份有限公司") && slices.Contains(names, "Shenzhen Xingguang Technology Co., Ltd."))
		}
		if together != (reserved > 0) {
			t.Errorf("max_cross_candidates %d: the English name joined the Chinese one: %v", reserved, together)
		}
	}
}

func writeSynth(t *testing.T, opt synth.Options) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "generated.csv")
	var buf bytes.Buffer
	if err := synth.WriteCSV(&buf, opt); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestStableIDs: a second run given the first run's lines keeps every
// cluster's ID, even IDs the first run did not derive from its members.
func TestStableIDs(t *testing.T) {
	cfg := loadConfig(t)
	dir := t.TempDir()
	path := filepath.Join("..", "..", "testdata", "suppliers.csv")
	first := filepath.Join(dir, "first.jsonl")
	lines := runPipeline(t, Job{In: path, Out: first, Config: cfg, Rounds: 2})
	// Rename every ID, as an earlier run with other members might have.
	var b strings.Builder
	enc := json.NewEncoder(&b)
	want := map[string]string{} // first member key → ID
	for i, l := range lines {
		if l.Type == "cluster" {
			l.Cluster.ID = "P" + string(rune('A'+i%26)) + l.Cluster.ID
			want[state.ReportMemberKeys(&report.Report{Clusters: []report.Cluster{*l.Cluster}})[0][0]] = l.Cluster.ID
		}
		if err := enc.Encode(l); err != nil {
			t.Fatal(err)
		}
	}
	prev := filepath.Join(dir, "prev.jsonl")
	if err := os.WriteFile(prev, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	second := runPipeline(t, Job{In: path, Out: filepath.Join(dir, "second.jsonl"), Previous: prev, Config: cfg, Rounds: 2})
	for _, c := range clustersOf(second) {
		k := state.ReportMemberKeys(&report.Report{Clusters: []report.Cluster{c}})[0][0]
		if c.ID != want[k] {
			t.Errorf("cluster of %q: ID %q, want %q carried over", k, c.ID, want[k])
		}
	}
	var changes *report.Changes
	for _, l := range second {
		if l.Type == "changes" {
			changes = l.Changes
		}
	}
	if changes == nil || len(changes.NewClusters)+len(changes.RemovedClusters)+len(changes.Merged)+len(changes.Split) != 0 {
		t.Errorf("changes against an identical previous run: %+v", changes)
	}
}

// TestParamsAsEngineOptions: the parameters the stages carry are every
// tunable resolve --in runs the engine with (a field left out of
// ClusterParams would change the clusters only where it matters).
func TestParamsAsEngineOptions(t *testing.T) {
	cfg := loadConfig(t)
	cfg.Cluster.ReciprocalFloor, cfg.Cluster.ReciprocalMargin = 0.71, 0.09 // not the defaults
	if diff := cmp.Diff(job.EngineOptions(cfg), paramsOf(cfg).engine()); diff != "" {
		t.Errorf("paramsOf(cfg).engine() differs from job.EngineOptions (-job +pipeline):\n%s", diff)
	}
}
