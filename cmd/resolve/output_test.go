package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/resolve-tool/resolve/resolve/report"
)

// encodeWhole is how --format json was written before encodeJSON: the whole
// report marshalled, then indented, in memory. The reference for the
// streamed bytes.
func encodeWhole(w io.Writer, r *report.Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// sampleReport runs the README's sample (the golden run) with --format json
// and returns the file's bytes and the report read back from them.
func sampleReport(t testing.TB) ([]byte, *report.Report) {
	t.Helper()
	dir := t.TempDir()
	out := filepath.Join(dir, "sample.json")
	var sink bytes.Buffer
	args := []string{"--in", "../../testdata/suppliers.csv", "--config", "../../testdata/sample.yaml",
		"--store", filepath.Join(dir, "s.db"), "--format", "json", "--out", out, "--log-format", "json"}
	if code := run(t.Context(), args, strings.NewReader(""), &sink, &sink); code != exitOK {
		t.Fatalf("exit %d: %s", code, sink.String())
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var r report.Report
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	return b, &r
}

// The streamed JSON is byte for byte what the whole-report encoder wrote:
// on the golden sample run as the CLI wrote it, and on that report with
// every optional part of the top level filled, characters the HTML-safe
// escaping would change, and empty and nil lists.
func TestStreamedJSONMatchesWholeEncoder(t *testing.T) {
	file, r := sampleReport(t)
	if len(r.Clusters) < 5 {
		t.Fatalf("sample run has %d clusters; want the golden sample", len(r.Clusters))
	}
	same := func(name string, r *report.Report) {
		t.Helper()
		var whole, streamed bytes.Buffer
		if err := encodeWhole(&whole, r); err != nil {
			t.Fatal(err)
		}
		if err := encode(&streamed, "json", r); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(whole.Bytes(), streamed.Bytes()) {
			a, b := whole.String(), streamed.String()
			i := 0
			for i < len(a) && i < len(b) && a[i] == b[i] {
				i++
			}
			t.Fatalf("%s: streamed JSON differs from the whole-report encoder at byte %d:\nwhole:    %q\nstreamed: %q",
				name, i, a[max(0, i-80):min(len(a), i+80)], b[max(0, i-80):min(len(b), i+80)])
		}
	}
	var whole bytes.Buffer
	if err := encodeWhole(&whole, r); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(file, whole.Bytes()) {
		t.Fatal("the sample run's JSON file is not what the whole-report encoder writes for it")
	}
	same("sample", r)

	full := *r
	full.Clusters = append([]report.Cluster(nil), r.Clusters...)
	full.Clusters[0].CanonicalName = `<A&B> "Ltd" ` + "\u2028 Ü 株式会社"
	full.IgnoredRows = []report.IgnoredRow{{Row: 9, Name: "<ignored>", Reason: "ignore judgement in j.csv"}}
	full.Judgements = &report.Judgements{File: "j.csv", Applied: 1, Conflicts: []string{}, Unresolved: []string{"x"}}
	full.Changes = &report.Changes{PreviousRunID: "r1", NewClusters: []string{"c1"}, Merged: []report.ClusterChange{{From: []string{"a", "b"}, To: []string{"c"}}}}
	full.Run.FinishedAt = time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC)
	same("every field", &full)

	// Enough clusters for several rounds of chunks on every worker, the
	// last chunk part full, and an error-free run through the workers.
	many := *r
	many.Clusters = nil
	for len(many.Clusters) < 5*listChunk*runtime.GOMAXPROCS(0)+7 {
		for i, c := range r.Clusters {
			c.ID = fmt.Sprintf("%s-%d-%d", c.ID, len(many.Clusters), i)
			many.Clusters = append(many.Clusters, c)
		}
	}
	same("many clusters", &many)

	empty := report.Report{SchemaVersion: report.SchemaVersion, Clusters: []report.Cluster{}}
	same("empty lists and nil lists", &empty)
	same("zero report", &report.Report{})
}

// BenchmarkEncodeJSON writes a report of 20,000 clusters (the sample's,
// repeated) to io.Discard: the whole-report encoder against the streamed one
// (compare B/op: the whole report's two buffers against one cluster's).
func BenchmarkEncodeJSON(b *testing.B) {
	_, sample := sampleReport(b)
	big := *sample
	big.Clusters = nil
	for len(big.Clusters) < 20000 {
		big.Clusters = append(big.Clusters, sample.Clusters...)
	}
	for _, c := range []struct {
		name string
		enc  func(io.Writer, *report.Report) error
	}{{"whole", encodeWhole}, {"streamed", encodeJSON}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := c.enc(io.Discard, &big); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// appendIndented writes what json.Indent writes for compact JSON as
// encoding/json marshals it: strings with escaped quotes and backslashes,
// brackets, commas and colons inside strings, empty and nested empty
// objects and arrays, numbers and literals.
func FuzzAppendIndented(f *testing.F) {
	for _, s := range []string{
		`{}`, `[]`, `[[],{}]`, `{"a":{"b":[]},"c":[{}]}`, `"x"`, `1.5e-7`, `null`,
		`{"k\"ey":"va\\lue\"}","[":"]","s":"a,b:c{d}[e]"}`,
		`[true,false,null,-0.25,"\u2028<&>",{"x":[1,[2,[3,[]]]]}]`,
		`{"name":"株式会社","tail":"\\"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		var v any
		if json.Unmarshal(src, &v) != nil {
			return
		}
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if enc.Encode(v) != nil {
			return
		}
		compact := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
		var want bytes.Buffer
		if err := json.Indent(&want, compact, "    ", "  "); err != nil {
			t.Fatal(err)
		}
		if got := appendIndented(nil, compact, "    "); !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("appendIndented(%s)\n got %s\nwant %s", compact, got, want.Bytes())
		}
	})
}
