package report

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// Coverage is said once: the most common list goes to the run, clusters
// keep only lists that differ, and every cluster reads back what it had.
func TestCompactCoverage(t *testing.T) {
	local := func(reg ...string) []Coverage {
		return []Coverage{{Source: "local", Status: "not_found", RegisterOf: reg}, {Source: "gleif", Status: "skipped", Reason: "disabled"}}
	}
	shared := local() // one list shared in memory by two clusters, as the verify stage interns them
	lists := [][]Coverage{local("GB"), shared, shared, local(), local("HK"), {}, local("GB")}
	r := &Report{SchemaVersion: SchemaVersion}
	for _, l := range lists {
		r.Clusters = append(r.Clusters, Cluster{Coverage: l})
	}
	r.CompactCoverage()
	if !equalCoverage(r.Run.Coverage, local()) {
		t.Fatalf("run coverage %+v; want the list of three clusters", r.Run.Coverage)
	}
	for i, want := range lists {
		c := &r.Clusters[i]
		if got := r.ClusterCoverage(c); !equalCoverage(got, want) || (got == nil) != (want == nil) {
			t.Errorf("cluster %d reads %+v; want %+v", i, got, want)
		}
		if differs := !equalCoverage(want, local()); differs != (c.Coverage != nil) {
			t.Errorf("cluster %d keeps %+v", i, c.Coverage)
		}
	}
	again := slices.Clone(r.Clusters)
	r.CompactCoverage() // idempotent
	for i := range again {
		if !equalCoverage(again[i].Coverage, r.Clusters[i].Coverage) || (again[i].Coverage == nil) != (r.Clusters[i].Coverage == nil) {
			t.Fatalf("second compaction changed cluster %d", i)
		}
	}

	// Through JSON: the empty list of the cluster nothing was asked for
	// stays, absent lists stay absent, and it all reads back.
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(b), `"coverage":`); n != 1+4 {
		t.Fatalf("%d coverage lists written; want the run's and four clusters': %s", n, b)
	}
	var back Report
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	for i, want := range lists {
		if got := back.ClusterCoverage(&back.Clusters[i]); !equalCoverage(got, want) || (got == nil) != (want == nil) {
			t.Errorf("cluster %d reads back %+v; want %+v", i, got, want)
		}
	}
}

// With nothing verified every cluster's list is empty: the run says so
// once ("coverage": []) and no cluster carries one.
func TestCompactCoverageNothingAsked(t *testing.T) {
	r := &Report{Clusters: []Cluster{{Coverage: []Coverage{}}, {Coverage: []Coverage{}}}}
	r.CompactCoverage()
	b, _ := json.Marshal(r)
	if r.Run.Coverage == nil || len(r.Run.Coverage) != 0 || strings.Count(string(b), `"coverage":[]`) != 1 {
		t.Fatalf("got %s", b)
	}
	if got := r.ClusterCoverage(&r.Clusters[1]); got == nil || len(got) != 0 {
		t.Fatalf("cluster reads %v", got)
	}
	empty := &Report{}
	empty.CompactCoverage()
	if empty.Run.Coverage != nil {
		t.Fatal("a report without clusters got a run coverage")
	}
}

// A version 1 report (a list in every cluster, none on the run) reads the
// same through ClusterCoverage.
func TestVersionOneCoverageReads(t *testing.T) {
	v1 := `{"schema_version":1,"run":{},"clusters":[{"coverage":[{"source":"gleif","status":"found"}]},{"coverage":[]}]}`
	var r Report
	if err := json.Unmarshal([]byte(v1), &r); err != nil {
		t.Fatal(err)
	}
	if !ReadableVersion(r.SchemaVersion) || !ReadableVersion(SchemaVersion) || ReadableVersion(SchemaVersion+1) {
		t.Fatal("ReadableVersion")
	}
	if got := r.ClusterCoverage(&r.Clusters[0]); len(got) != 1 || got[0].Status != "found" {
		t.Fatalf("cluster 0 reads %v", got)
	}
	if got := r.ClusterCoverage(&r.Clusters[1]); got == nil || len(got) != 0 {
		t.Fatalf("cluster 1 reads %v", got)
	}
}

// Closed sets are enums in schema.json: a severity, a coverage status or a
// risk outcome outside them fails validation, and the schema's
// schema_version is this package's.
func TestSchemaEnums(t *testing.T) {
	var doc struct {
		Defs map[string]struct {
			Properties map[string]struct {
				Enum          []any `json:"enum"`
				PropertyNames *struct {
					Enum []string `json:"enum"`
				} `json:"propertyNames"`
			} `json:"properties"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(SchemaJSON, &doc); err != nil {
		t.Fatal(err)
	}
	if v := doc.Defs["Report"].Properties["schema_version"].Enum; len(v) != 1 || v[0] != float64(SchemaVersion) {
		t.Fatalf("schema.json schema_version enum %v; want [%d]", v, SchemaVersion)
	}
	if sev := doc.Defs["Flag"].Properties["severity"].Enum; len(sev) != len(Severities) {
		t.Fatalf("severity enum %v; want %v", sev, Severities)
	}
	if p := doc.Defs["Summary"].Properties["flags_by_severity"].PropertyNames; p == nil || !slices.Equal(p.Enum, Severities) {
		t.Fatalf("flags_by_severity keys %+v; want %v", p, Severities)
	}
	base := func() map[string]any {
		r := Report{SchemaVersion: SchemaVersion,
			Run:     Run{Tool: "resolve", Input: Input{Path: "x.csv", Format: "csv", Columns: []string{"name"}}, Sources: []SourceUse{}},
			Summary: Summary{FlagsByCode: map[string]int{}, FlagsBySev: map[string]int{"high": 1}},
			Clusters: []Cluster{{ID: "C1", Variants: []Variant{}, Countries: []string{}, Members: []Member{}, RegistryMatches: []RegistryMatch{}, Web: []WebSite{},
				Flags: []Flag{{Code: "x", Severity: "high", Evidence: map[string]any{}}}, Risk: Risk{Outcome: "indicators present"},
				Coverage: []Coverage{{Source: "gleif", Status: "found"}}}},
			RejectedRows: []RejectedRow{}}
		b, _ := json.Marshal(r)
		var m map[string]any
		_ = json.Unmarshal(b, &m)
		return m
	}
	m := base()
	if b, _ := json.Marshal(m); ValidateJSON(b) != nil {
		t.Fatalf("valid report rejected: %v", ValidateJSON(b))
	}
	cluster := func(m map[string]any) map[string]any { return m["clusters"].([]any)[0].(map[string]any) }
	for name, spoil := range map[string]func(map[string]any){
		"severity":        func(m map[string]any) { cluster(m)["flags"].([]any)[0].(map[string]any)["severity"] = "urgent" },
		"coverage status": func(m map[string]any) { cluster(m)["coverage"].([]any)[0].(map[string]any)["status"] = "maybe" },
		"risk outcome":    func(m map[string]any) { cluster(m)["risk"].(map[string]any)["outcome"] = "guilty" },
		"schema version":  func(m map[string]any) { m["schema_version"] = 3 },
		"flags_by_severity": func(m map[string]any) {
			m["summary"].(map[string]any)["flags_by_severity"] = map[string]any{"severe": 1}
		},
	} {
		m := base()
		spoil(m)
		b, _ := json.Marshal(m)
		if ValidateJSON(b) == nil {
			t.Errorf("a report with a bad %s passed validation", name)
		}
	}
}
