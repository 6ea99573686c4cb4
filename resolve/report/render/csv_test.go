package render

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strconv"
	"testing"

	"github.com/resolve-tool/resolve/resolve/report"
)

func TestCSVGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := CSV(&buf, sampleReport()); err != nil {
		t.Fatal(err)
	}
	golden(t, "sample.csv", buf.Bytes())
}

func readCSV(t *testing.T, r *report.Report) [][]string {
	t.Helper()
	var buf bytes.Buffer
	if err := CSV(&buf, r); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatalf("output is not valid CSV: %v", err)
	}
	return recs
}

func TestCSVOneLinePerInputRowInOrder(t *testing.T) {
	r := sampleReport()
	recs := readCSV(t, r)
	header, rows := recs[0], recs[1:]
	if want := r.Run.Rows.Read; len(rows) != want {
		t.Fatalf("got %d data lines, want one per row read (%d)", len(rows), want)
	}
	var nums []int
	for _, rec := range rows {
		n, err := strconv.Atoi(rec[0])
		if err != nil {
			t.Fatalf("row column %q: %v", rec[0], err)
		}
		nums = append(nums, n)
	}
	if !slices.IsSorted(nums) {
		t.Errorf("rows not in input order: %v", nums)
	}
	col := func(name string) int {
		i := slices.Index(header, name)
		if i < 0 {
			t.Fatalf("no column %q in %v", name, header)
		}
		return i
	}
	byRow := map[string][]string{}
	for _, rec := range rows {
		byRow[rec[0]] = rec
	}
	tests := []struct {
		row, column, want string
	}{
		// A member carries its cluster's ID, name, size, flags and score.
		{"5", "cluster_id", "C0001"},
		{"5", "name", "NORTHWIND HARBOR TRADING COMPANY LIMITED"},
		{"5", "canonical_name", "Northwind Harbour Trading Co., Ltd."},
		{"5", "cluster_size", "4"},
		{"5", "flag_codes", "mass_registration_address;new_company;parked_website"},
		{"5", "risk_score", "0.6"},
		{"5", "status", "clustered"},
		{"5", "hs_code", "8542.31"},
		// An input column that clashes with a fixed one is renamed.
		{"3", "input:status", "held"},
		{"4", "flag_codes", ""},
		{"4", "risk_score", "0"},
		// Rejected rows keep their place and reason.
		{"7", "status", "rejected"},
		{"7", "reject_reason", "name: empty name"},
		{"7", "cluster_id", ""},
		{"12", "status", "ignored"},
		// Carried values are written untouched.
		{"15", "hs_code", "=1+2"},
		{"15", "consignee", "line one\nline two"},
		{"15", "name", `Quux & Sons </script><script>alert("x")</script> <b>Ltd</b>`},
	}
	for _, tt := range tests {
		rec, ok := byRow[tt.row]
		if !ok {
			t.Errorf("no line for row %s", tt.row)
			continue
		}
		if got := rec[col(tt.column)]; got != tt.want {
			t.Errorf("row %s, %s = %q, want %q", tt.row, tt.column, got, tt.want)
		}
	}
	// Carried columns follow the input header's order.
	wantTail := []string{"hs_code", "consignee", "input:status"}
	if got := header[len(CSVColumns):]; !slices.Equal(got, wantTail) {
		t.Errorf("carried columns = %v, want %v", got, wantTail)
	}
}

func TestCSVCarriedColumnsNotInHeader(t *testing.T) {
	r := &report.Report{Clusters: []report.Cluster{{ID: "A", CanonicalName: "A", Size: 2, Members: []report.Member{
		{Row: 3, Name: "A", Extra: map[string]string{"zeta": "z3", "alpha": "a3"}},
		{Row: 2, Name: "A", Extra: map[string]string{"mid": "m2"}},
	}}}}
	recs := readCSV(t, r)
	// Row 2 comes first, so its key is first seen; row 3's keys follow sorted.
	want := []string{"mid", "alpha", "zeta"}
	if got := recs[0][len(CSVColumns):]; !slices.Equal(got, want) {
		t.Fatalf("carried columns = %v, want %v", got, want)
	}
	if got := recs[1]; got[0] != "2" || got[len(CSVColumns)] != "m2" || got[len(CSVColumns)+1] != "" {
		t.Errorf("first line = %v", got)
	}
}

func TestCSVEmptyReport(t *testing.T) {
	recs := readCSV(t, &report.Report{})
	if len(recs) != 1 || !slices.Equal(recs[0], CSVColumns) {
		t.Fatalf("got %v, want only the header", recs)
	}
}

func TestFormatScore(t *testing.T) {
	for in, want := range map[float64]string{0: "0", 1: "1", 0.35000000000000003: "0.35", 0.123456: "0.1235", 0.5: "0.5"} {
		if got := formatScore(in); got != want {
			t.Errorf("formatScore(%v) = %q, want %q", in, got, want)
		}
	}
}

func BenchmarkCSV50k(b *testing.B) {
	r := largeReport(50000)
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := CSV(&buf, r); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(buf.Len()))
}
