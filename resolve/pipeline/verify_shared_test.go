package pipeline

import (
	"encoding/json"
	"testing"

	"github.com/resolve-tool/resolve/resolve/report"
)

// Clusters with the same result share one coverage list and one encoded
// blob, the shared slices cannot be appended into, and what is stored
// decodes to what json.Marshal of the cluster's result would give.
func TestSharedResults(t *testing.T) {
	s := newSharedResults()
	cov := func() []report.Coverage {
		return []report.Coverage{{Source: "local", Status: "not_found", RegisterOf: []string{"GB"}},
			{Source: "gleif", Status: "skipped", Reason: "disabled"}}
	}
	a := &report.Cluster{RegistryMatches: []report.RegistryMatch{}, Web: []report.WebSite{}, Flags: []report.Flag{},
		Risk: report.Risk{Outcome: "no indicators"}}
	b := *a
	a.Coverage, _ = s.coverage(cov())
	b.Coverage, _ = s.coverage(cov())
	if &a.Coverage[0] != &b.Coverage[0] || cap(a.Coverage) != len(a.Coverage) {
		t.Fatal("equal coverage lists are not shared, or not clipped")
	}
	other, _ := s.coverage([]report.Coverage{{Source: "local", Status: "not_found", RegisterOf: []string{"HK"}}})
	if &other[0] == &a.Coverage[0] {
		t.Fatal("different coverage lists shared")
	}
	ba, err := s.encode(a)
	if err != nil {
		t.Fatal(err)
	}
	bb, _ := s.encode(&b)
	want, _ := json.Marshal(verified{a.RegistryMatches, a.Coverage, a.Web, a.Flags, a.Risk})
	if string(ba) != string(want) || &ba[0] != &bb[0] {
		t.Fatalf("plain results: %s (shared %v), want %s", ba, &ba[0] == &bb[0], want)
	}
	flagged := b
	flagged.Flags = []report.Flag{{Code: "sanctions_possible_match", Severity: "medium"}}
	bf, _ := s.encode(&flagged)
	if string(bf) == string(ba) {
		t.Fatal("a flagged result encoded as a plain one")
	}
	// Decoding: once per distinct blob, coverage interned.
	d1, ok1 := s.decode([]byte(string(ba)))
	d2, ok2 := s.decode([]byte(string(ba)))
	if !ok1 || !ok2 || &d1.Coverage[0] != &d2.Coverage[0] || &d1.Coverage[0] != &a.Coverage[0] {
		t.Fatal("a stored result is not decoded once and shared")
	}
	df, _ := s.decode(bf)
	if len(df.Flags) != 1 || cap(df.Flags) != 1 || &df.Coverage[0] != &a.Coverage[0] {
		t.Fatalf("flagged result decoded as %+v", df)
	}
	if _, ok := s.decode([]byte("{not json")); ok {
		t.Fatal("a broken blob decoded")
	}
}
