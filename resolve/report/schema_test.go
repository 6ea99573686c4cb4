package report

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"
)

func TestSchemaUpToDate(t *testing.T) {
	got, err := GenerateSchema()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, SchemaJSON) {
		t.Fatal("schema.json is stale: run `go generate ./resolve/report`")
	}
}

func TestSchemaAcceptsReportAndRejectsBadOnes(t *testing.T) {
	r := Report{
		SchemaVersion: SchemaVersion,
		Run:           Run{Tool: "resolve", Version: "test", StartedAt: time.Unix(0, 0).UTC(), FinishedAt: time.Unix(1, 0).UTC(), Input: Input{Path: "x.csv", Format: "csv", Columns: []string{"name"}}, Sources: []SourceUse{}},
		Summary:       Summary{FlagsByCode: map[string]int{}, FlagsBySev: map[string]int{}},
		Clusters: []Cluster{{ID: "C1", CanonicalName: "Romashka LLC", Size: 1, Variants: []Variant{{Name: "Romashka LLC", Count: 1, Normalised: "romashka"}},
			Countries: []string{"RU"}, Members: []Member{{Row: 2, Name: "Romashka LLC"}}, RegistryMatches: []RegistryMatch{}, Coverage: []Coverage{},
			Web: []WebSite{}, Flags: []Flag{{Code: "x", Severity: "low", Title: "t", Evidence: map[string]any{"n": 1}, Caveat: "c"}}, Risk: Risk{Outcome: "no indicators"}}},
		RejectedRows: []RejectedRow{{Row: 3, Reason: "empty name", Raw: ","}},
	}
	b, _ := json.Marshal(r)
	if err := ValidateJSON(b); err != nil {
		t.Fatalf("valid report rejected: %v", err)
	}
	var m map[string]any
	_ = json.Unmarshal(b, &m)
	m["clusters"].([]any)[0].(map[string]any)["size"] = "one"
	bad, _ := json.Marshal(m)
	if err := ValidateJSON(bad); err == nil {
		t.Fatal("a report with a string size passed validation")
	}
	delete(m, "run")
	bad, _ = json.Marshal(m)
	if err := ValidateJSON(bad); err == nil {
		t.Fatal("a report without run passed validation")
	}
}
