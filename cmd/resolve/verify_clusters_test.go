package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/resolve-tool/resolve/resolve/pipeline"
	"github.com/resolve-tool/resolve/resolve/report"
)

// sampleJudgements are decisions on the sample's fictional companies: a
// must-link across components, a split, an ignored row, a refused "same",
// an unresolved cluster ID.
const sampleJudgements = "../../testdata/judgements_sample.csv"

// runSample runs resolve in-process with the sample's configuration and
// its own store; env are extra configuration overrides.
func runSample(t *testing.T, store string, env map[string]string, args ...string) {
	t.Helper()
	for k, v := range env {
		t.Setenv(k, v)
	}
	var sink bytes.Buffer
	args = append(args, "--config", "../../testdata/sample.yaml", "--store", store, "--log-format", "json")
	if code := run(context.Background(), args, strings.NewReader(""), &sink, &sink); code != exitOK {
		t.Fatalf("resolve %s: exit %d:\n%s", strings.Join(args, " "), code, sink.String())
	}
	for k := range env {
		os.Unsetenv(k)
	}
}

// runTimes are the times a report holds, anywhere (flags' evidence too).
var runTimes = regexp.MustCompile(`"(retrieved_at|checked_at|started_at|finished_at)":\s*"[^"]*"`)

// comparableReport reads a report with what differs between two runs of the
// same input blanked: run IDs, times, and the configuration digest (it
// covers --store and --out, which differ).
func comparableReport(t *testing.T, path string) *report.Report {
	t.Helper()
	r := readReport(t, path) // validates against the schema
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	*r = report.Report{}
	if err := json.Unmarshal(runTimes.ReplaceAll(b, []byte(`"$1":"0001-01-01T00:00:00Z"`)), r); err != nil {
		t.Fatal(err)
	}
	r.Run.ID, r.Run.ConfigDigest = "", ""
	return r
}

// TestVerifyClustersSameAsMainJob: the clusters of a run written as JSON
// lines without verification (the form resolve-beam writes), verified by
// resolve verify --clusters, give the main job's report: clusters, IDs,
// verification, indicators, judgements, ignored and rejected rows, summary.
// A second verify on the same store reuses every stored verification and
// compares with the first.
func TestVerifyClustersSameAsMainJob(t *testing.T) {
	dir := t.TempDir()
	in := "../../testdata/suppliers.csv"
	main := filepath.Join(dir, "main.json")
	runSample(t, filepath.Join(dir, "main.db"), nil, "--in", in, "--judgements", sampleJudgements, "--out", main)
	clusters := filepath.Join(dir, "clusters.jsonl")
	runSample(t, filepath.Join(dir, "clusters.db"), map[string]string{"RESOLVE_VERIFY_ENABLED": "false"},
		"--in", in, "--judgements", sampleJudgements, "--format", "jsonl", "--out", clusters)
	verified := filepath.Join(dir, "verified.json")
	store := filepath.Join(dir, "verify.db")
	runSample(t, store, nil, "verify", "--clusters", clusters, "--judgements", sampleJudgements, "--out", verified)

	want, got := comparableReport(t, main), comparableReport(t, verified)
	if want.Judgements == nil || len(want.IgnoredRows) != 1 || len(want.Judgements.Conflicts) < 2 || len(want.Judgements.Unresolved) != 1 {
		t.Fatalf("the sample judgements do not show every kind of decision: %+v, %d ignored rows", want.Judgements, len(want.IgnoredRows))
	}
	if pipeline.CountFlagged(want) == 0 {
		t.Fatal("the sample run raised no indicator: nothing shows verification")
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("resolve verify --clusters differs from the main job (-main +verify):\n%s", diff)
	}

	again := filepath.Join(dir, "again.json")
	runSample(t, store, nil, "verify", "--clusters", clusters, "--judgements", sampleJudgements, "--out", again)
	second := readReport(t, again)
	first := readReport(t, verified)
	if r := second.Run.Reuse; r == nil || r.ClustersReused != len(second.Clusters) || r.ClustersVerified != 0 || r.PreviousRunID != first.Run.ID {
		t.Errorf("second verify on the same store: reuse %+v, want all %d clusters reused from run %s", r, len(second.Clusters), first.Run.ID)
	}
	if c := second.Changes; c == nil || len(c.NewClusters)+len(c.RemovedClusters)+len(c.Merged)+len(c.Split) != 0 {
		t.Errorf("second verify: changes %+v, want none against the first", c)
	}
}

// TestVerifyClustersBadFile: a clusters file that is not one (cut short,
// a bad line, another schema) stops with exit 2 naming the file and line.
func TestVerifyClustersBadFile(t *testing.T) {
	dir := t.TempDir()
	run1 := `{"type":"run","schema_version":2,"run":{"id":"R1"}}` + "\n"
	for name, tc := range map[string]struct{ text, want string }{
		"cut short":    {run1 + `{"type":"cluster","cluster":{"id":"C1","members":[{"row":2,"name":"Fictional Widgets Ltd"}]}}` + "\n", "line 2: no summary line"},
		"bad line":     {run1 + "{\"type\":\"cluster\",\n", "line 2"},
		"other schema": {`{"type":"run","schema_version":1,"run":{"id":"R1"}}` + "\n" + `{"type":"summary","summary":{}}` + "\n", "line 1: schema_version 1"},
		"no members":   {run1 + `{"type":"cluster","cluster":{"id":"C1"}}` + "\n" + `{"type":"summary","summary":{}}` + "\n", "line 2: cluster \"C1\" has no members"},
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(name, " ", "_")+".jsonl")
			if err := os.WriteFile(path, []byte(tc.text), 0o644); err != nil {
				t.Fatal(err)
			}
			code, _, stderr := runCLI(t, context.Background(), "verify", "--clusters", path)
			if code != exitUsage || !strings.Contains(stderr, path) || !strings.Contains(stderr, tc.want) {
				t.Fatalf("exit %d, want %d naming %s and %q; stderr:\n%s", code, exitUsage, path, tc.want, stderr)
			}
		})
	}
}
