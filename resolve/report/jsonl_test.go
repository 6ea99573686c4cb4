package report

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

// A report written as JSON lines reads back the same, with every row
// (clustered, rejected, ignored) and the judgements section.
func TestJSONLinesRoundTrip(t *testing.T) {
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	r := &Report{SchemaVersion: SchemaVersion,
		Run: Run{ID: "R1", Tool: "resolve", StartedAt: at, FinishedAt: at, Rows: RowCounts{Read: 4, Clustered: 2, Rejected: 1, Ignored: 1}},
		Clusters: []Cluster{{ID: "C0000000001", CanonicalName: "Fictional Widgets Ltd", Size: 2,
			Members: []Member{{Row: 2, Name: "Fictional Widgets Ltd"}, {Row: 3, Name: "FICTIONAL WIDGETS"}}}},
		RejectedRows: []RejectedRow{{Row: 4, Column: "name", Reason: "empty name", Raw: ","}},
		IgnoredRows:  []IgnoredRow{{Row: 5, Name: "Placeholder Test Co", Reason: "ignore judgement in j.csv"}},
		Judgements:   &Judgements{File: "j.csv", Applied: 1, Conflicts: []string{}, Unresolved: []string{}},
		Changes:      &Changes{PreviousRunID: "R0"},
		Summary:      Summary{Clusters: 1, LargestCluster: 2},
	}
	var buf bytes.Buffer
	if err := EncodeJSONLines(&buf, r); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(buf.String(), "\n"); n != 7 {
		t.Fatalf("%d lines, want 7:\n%s", n, buf.String())
	}
	got, err := DecodeJSONLines(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, r) {
		t.Fatalf("read back:\n%+v\nwant\n%+v", got, r)
	}
}

func TestJSONLinesErrors(t *testing.T) {
	run := `{"type":"run","schema_version":2,"run":{"id":"R1"}}` + "\n"
	summary := `{"type":"summary","summary":{"clusters":0}}` + "\n"
	for name, tc := range map[string]struct {
		text string
		line int
	}{
		"empty":            {"", 1},
		"no run first":     {summary, 1},
		"two runs":         {run + run + summary, 2},
		"cut short":        {run + `{"type":"cluster","cluster":{"id":"C1"}}` + "\n", 2},
		"unknown type":     {run + `{"type":"verdict"}` + "\n" + summary, 2},
		"type without obj": {run + `{"type":"cluster"}` + "\n" + summary, 2},
		"after summary":    {run + summary + summary, 3},
		"unknown field":    {run + `{"type":"cluster","clusters":{}}` + "\n" + summary, 2},
		"not JSON":         {run + "{\n", 2},
	} {
		_, err := DecodeJSONLines(strings.NewReader(tc.text))
		var le *JSONLinesError
		if !errors.As(err, &le) || le.Line != tc.line {
			t.Errorf("%s: error %v, want one on line %d", name, err, tc.line)
		}
	}
}
