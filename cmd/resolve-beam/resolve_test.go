package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/resolve-tool/resolve/resolve/report"
)

// buildResolve builds the resolve command of this repository (the module
// this one replaces with ../..), in that module, into a temporary directory.
func buildResolve(t *testing.T) string {
	t.Helper()
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go not on PATH: cannot build resolve to compare with")
	}
	bin := filepath.Join(t.TempDir(), "resolve")
	cmd := exec.Command(gobin, "build", "-o", bin, "./cmd/resolve")
	cmd.Dir = filepath.Join("..", "..")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build resolve: %v\n%s", err, out)
	}
	return bin
}

func runResolve(t *testing.T, bin string, args ...string) {
	t.Helper()
	cmd := exec.Command(bin, append(args, "--log-format", "json")...)
	cmd.Env = append(os.Environ(), "RESOLVE_VERIFY_WORKERS=2")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("resolve %v: %v\n%s", args, err, out)
	}
}

// reportTimes are the times a report holds, anywhere (flags' evidence too).
var reportTimes = regexp.MustCompile(`"(retrieved_at|checked_at|started_at|finished_at)":\s*"[^"]*"`)

// comparableReport reads a JSON report with what differs between two runs
// of one input blanked: run IDs, times, the configuration digest (it covers
// --store and --out).
func comparableReport(t *testing.T, path string) *report.Report {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := report.ValidateJSON(b); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var r report.Report
	if err := json.Unmarshal(reportTimes.ReplaceAll(b, []byte(`"$1":"0001-01-01T00:00:00Z"`)), &r); err != nil {
		t.Fatal(err)
	}
	r.Run.ID, r.Run.ConfigDigest = "", ""
	return &r
}

// TestJudgedAndVerifiedSameAsResolve: with the same judgements file (a
// must-link across components, a split, an ignored row, a refused "same",
// an unresolved cluster ID), the pipeline's lines are resolve --format
// jsonl's clusters, ignored rows and judgements section; and resolve
// verify --clusters on them writes the main job's report (verification of
// the sample's fictional bulk files included), but for run IDs and times.
func TestJudgedAndVerifiedSameAsResolve(t *testing.T) {
	bin := buildResolve(t)
	dir := t.TempDir()
	in := filepath.Join("..", "..", "testdata", "suppliers.csv")
	conf := filepath.Join("..", "..", "testdata", "sample.yaml")
	judgements := filepath.Join("..", "..", "testdata", "judgements_sample.csv")

	mainOut := filepath.Join(dir, "main.json")
	runResolve(t, bin, "--in", in, "--config", conf, "--judgements", judgements, "--store", filepath.Join(dir, "main.db"), "--out", mainOut)
	want := comparableReport(t, mainOut)
	if want.Judgements == nil || len(want.IgnoredRows) != 1 || len(want.Judgements.Conflicts) < 2 {
		t.Fatalf("the sample judgements do not show every kind of decision: %+v, %d ignored rows", want.Judgements, len(want.IgnoredRows))
	}

	cfg := loadConfig(t)
	clusters := filepath.Join(dir, "clusters.jsonl")
	lines := runPipeline(t, Job{In: in, Out: clusters, Judgements: judgements, Config: cfg, Rounds: 2, Version: "test"})
	var ignored []report.IgnoredRow
	var judged *report.Judgements
	for _, l := range lines {
		switch l.Type {
		case "ignored_row":
			ignored = append(ignored, *l.IgnoredRow)
		case "judgements":
			judged = l.Judgements
		}
	}
	// The clusters as resolve made them, without what verification adds.
	clustered := func(cs []report.Cluster) []report.Cluster {
		out := slices.Clone(cs)
		for i := range out {
			out[i].RegistryMatches, out[i].Coverage, out[i].Web, out[i].Flags, out[i].Risk = nil, nil, nil, nil, report.Risk{}
		}
		return out
	}
	if diff := cmp.Diff(clustered(want.Clusters), clustered(clustersOf(lines))); diff != "" {
		t.Fatalf("clusters differ from resolve's (-resolve +pipeline):\n%s", diff)
	}
	if diff := cmp.Diff(want.IgnoredRows, ignored); diff != "" {
		t.Errorf("ignored rows differ (-resolve +pipeline):\n%s", diff)
	}
	if diff := cmp.Diff(want.Judgements, judged); diff != "" {
		t.Errorf("judgements section differs (-resolve +pipeline):\n%s", diff)
	}

	verified := filepath.Join(dir, "verified.json")
	runResolve(t, bin, "verify", "--clusters", clusters, "--config", conf, "--judgements", judgements,
		"--store", filepath.Join(dir, "verify.db"), "--out", verified)
	got := comparableReport(t, verified)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("resolve verify --clusters on the pipeline's lines differs from resolve --in (-main job +verify):\n%s", diff)
	}
	if !bytes.Contains(mustRead(t, verified), []byte(`"mass_registration_address"`)) {
		t.Error("the verified report raises no indicator: the sample's verification did not run")
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
