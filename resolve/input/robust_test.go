package input

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestLineEnds: LF, CRLF and a lone CR each end a line, in any mix, as RFC
// 4180 readers accept them; a line break inside a quoted field is data; a
// lone CR never joins two rows.
func TestLineEnds(t *testing.T) {
	type rec struct {
		row  int
		name string
	}
	tests := []struct {
		name     string
		in       string
		wantRecs []rec
		wantRejs []int // rows rejected
	}{
		{"CR only", "id,name,country\r1,Alpha,GB\r2,Beta,GB\r",
			[]rec{{2, "Alpha"}, {3, "Beta"}}, nil},
		{"CR only, no final line break", "id,name,country\r1,Alpha,GB\r2,Beta,GB",
			[]rec{{2, "Alpha"}, {3, "Beta"}}, nil},
		{"CR only, blank lines", "id,name\r\r1,Alpha\r\r\r2,Beta\r",
			[]rec{{3, "Alpha"}, {6, "Beta"}}, nil},
		{"LF, CRLF and CR mixed", "id,name,country\n1,Alpha,GB\r\n2,Beta,GB\r3,Gamma,GB\n4,Delta,GB",
			[]rec{{2, "Alpha"}, {3, "Beta"}, {4, "Gamma"}, {5, "Delta"}}, nil},
		{"CRLF header, CR rows", "id,name\r\n1,Alpha\r2,Beta\r",
			[]rec{{2, "Alpha"}, {3, "Beta"}}, nil},
		{"a lone CR in an LF file ends a row", "name\nAlpha\rBeta\nGamma\n",
			[]rec{{2, "Alpha"}, {3, "Beta"}, {4, "Gamma"}}, nil},
		{"a lone CR between two rows whose fields add up", "id,name,country\n1,Alpha,GB\n2,Beta\r3,Gamma\n4,Delta,GB\n",
			[]rec{{2, "Alpha"}, {5, "Delta"}}, []int{3, 4}},
		{"a lone CR inside an unquoted field: both parts rejected", "id,name,country\n1,Alpha\rTrading,GB\n2,Beta,GB\n",
			[]rec{{4, "Beta"}}, []int{2, 3}},
		{"CR inside a quoted field is data", "id,name\n1,\"Alpha\rExample\"\n2,Beta\n",
			[]rec{{2, "Alpha\rExample"}, {4, "Beta"}}, nil},
		{"CR-only file with a quoted line break", "id,name,address\r1,Alpha,\"Line 1\rLine 2\"\r2,Beta,x\r",
			[]rec{{2, "Alpha"}, {4, "Beta"}}, nil},
		{"CRLF inside a quoted field is kept as LF", "id,name\r\n1,\"Alpha\r\nExample\"\r\n",
			[]rec{{2, "Alpha\nExample"}}, nil},
		{"CR right after a closing quote ends the row", "id,name\r1,\"Alpha\"\r2,\"Beta\"\r",
			[]rec{{2, "Alpha"}, {3, "Beta"}}, nil},
		{"unterminated quote in a CR file costs one line", "id,name\r1,\"Alpha\r2,Beta\r3,Gamma\r",
			[]rec{{3, "Beta"}, {4, "Gamma"}}, []int{2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, rejs := read(t, "in.csv", tt.in, Options{})
			var got []rec
			for _, r := range recs {
				got = append(got, rec{r.Row, r.Name})
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.wantRecs) {
				t.Errorf("records %v, want %v", got, tt.wantRecs)
			}
			var rows []int
			for _, r := range rejs {
				rows = append(rows, r.Row)
				if r.Reason == "" || r.Raw == "" {
					t.Errorf("rejection without reason or raw text: %+v", r)
				}
			}
			if fmt.Sprint(rows) != fmt.Sprint(tt.wantRejs) {
				t.Errorf("rejected rows %v, want %v: %+v", rows, tt.wantRejs, rejs)
			}
		})
	}
}

// TestLoneCRReason: a row cut in two by a stray CR is rejected with a
// reason that names the CR.
func TestLoneCRReason(t *testing.T) {
	_, rejs := read(t, "in.csv", "id,name,country\n1,Alpha\rTrading,GB\n", Options{})
	if len(rejs) != 2 {
		t.Fatalf("rejections %+v", rejs)
	}
	for _, r := range rejs {
		if r.Kind != KindFieldCount || !strings.Contains(r.Reason, "carriage return (CR)") {
			t.Errorf("row %d: %s %q", r.Row, r.Kind, r.Reason)
		}
	}
	if rejs[0].Raw != "1,Alpha" || rejs[1].Raw != "Trading,GB" {
		t.Errorf("raw %q %q", rejs[0].Raw, rejs[1].Raw)
	}
	// In a file whose lines end with CR, a short row is just a short row.
	_, rejs = read(t, "in.csv", "id,name,country\r1,Alpha\r", Options{})
	if len(rejs) != 1 || strings.Contains(rejs[0].Reason, "CR") {
		t.Errorf("CR file: %+v", rejs)
	}
}

// TestLineEndsAcrossBuffer: a CRLF whose CR ends the reader's buffer is one
// line break, not two.
func TestLineEndsAcrossBuffer(t *testing.T) {
	for _, pad := range []int{64<<10 - 40, 64<<10 - 39, 64<<10 - 38, 64<<10 - 20} {
		head := "id,name,note\r\n"
		row := "1,Alpha," + strings.Repeat("x", pad-len(head)-len("1,Alpha,")) + "\r\n"
		in := head + row + "2,Beta,y\r\n3,Gamma,z\r4,Delta,w"
		recs, rejs := read(t, "in.csv", in, Options{MaxRecordBytes: 1 << 17})
		if len(rejs) != 0 || len(recs) != 4 || recs[1].Row != 3 || recs[3].Row != 5 {
			t.Fatalf("pad %d: %d records, rejections %+v", pad, len(recs), rejs)
		}
	}
}

// TestDuplicateColumns: no value is dropped when a carried column name
// repeats or a generated column_N meets a real column of that name; a
// recognised column given twice stops the run, naming every position.
func TestDuplicateColumns(t *testing.T) {
	tests := []struct {
		name, in string
		want     []Field
	}{
		{"a carried column twice", "id,name,note,note\n1,Alpha,a,b\n",
			[]Field{{"note", "a"}, {"note_2", "b"}}},
		{"three times, and the suffix taken by a real column", "name,note,note,note_2,note\nAlpha,a,b,c,d\n",
			[]Field{{"note", "a"}, {"note_3", "b"}, {"note_2", "c"}, {"note_4", "d"}}},
		{"an empty header cell meets a real column_N", "id,name,,column_3\n1,Alpha,x,y\n",
			[]Field{{"column_3_2", "x"}, {"column_3", "y"}}},
		{"two empty cells", "name,,\nAlpha,x,y\n",
			[]Field{{"column_2", "x"}, {"column_3", "y"}}},
		{"names differing in case or spaces are distinct", "name,Note,note, note\nAlpha,a,b,c\n",
			[]Field{{"Note", "a"}, {"note", "b"}, {" note", "c"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, rejs := read(t, "in.csv", tt.in, Options{})
			if len(recs) != 1 || len(rejs) != 0 {
				t.Fatalf("recs %+v rejs %+v", recs, rejs)
			}
			if fmt.Sprint(recs[0].Extra) != fmt.Sprint(tt.want) {
				t.Errorf("extra %q, want %q", recs[0].Extra, tt.want)
			}
			// As the report holds them: a map by column name.
			byName := map[string]string{}
			for _, f := range recs[0].Extra {
				byName[f.Column] = f.Value
			}
			if len(byName) != len(tt.want) {
				t.Errorf("%d values in the report's map, want %d", len(byName), len(tt.want))
			}
		})
	}
	for _, in := range []string{"name,id,Name\n", "id,name,country, Country ,COUNTRY\n"} {
		_, err := NewReader(strings.NewReader(in), "in.csv", Options{})
		if !errors.Is(err, ErrHeader) || !strings.Contains(err.Error(), "in.csv") || !strings.Contains(err.Error(), "row 1") {
			t.Errorf("%q: err %v, want ErrHeader naming the file and row", in, err)
		}
		if err != nil && strings.HasPrefix(in, "id") && !strings.Contains(err.Error(), "3 times (columns 3, 4 and 5)") {
			t.Errorf("%q: %v does not name every position", in, err)
		}
	}
}

func TestRenamedAndRejectedColumn(t *testing.T) {
	r, err := NewReader(strings.NewReader("id,name,note,note,\n1,Alpha,a,\xff,c\n"), "in.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []Renamed{{Column: 4, Header: "note", Name: "note_2"}}
	if got := r.Renamed(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Renamed %+v, want %+v", got, want)
	}
	_, rejs := readAll(t, r)
	if len(rejs) != 1 || rejs[0].Column != "note_2" {
		t.Errorf("rejections %+v: want column note_2", rejs)
	}
}

// TestNoNameColumnMessageCapped: a header of thousands of cells, or one huge
// cell, gives a short message that still names the first columns.
func TestNoNameColumnMessageCapped(t *testing.T) {
	var cells []string
	for i := range 100_000 {
		cells = append(cells, fmt.Sprintf("col%d", i))
	}
	huge := strings.Repeat("x", 900_000)
	for _, header := range []string{strings.Join(cells, ","), "id," + huge + ",country", huge} {
		_, err := NewReader(strings.NewReader(header+"\n1,a,b\n"), "in.csv", Options{})
		if !errors.Is(err, ErrNoNameColumn) {
			t.Fatalf("err %v", err)
		}
		msg := err.Error()
		if len(msg) > 2000 || !strings.Contains(msg, "in.csv") || !strings.Contains(msg, `"name"`) {
			t.Errorf("message of %d bytes: %.300s", len(msg), msg)
		}
	}
	_, err := NewReader(strings.NewReader(strings.Join(cells, ",")+"\n"), "in.csv", Options{})
	if msg := err.Error(); !strings.Contains(msg, `"col0", "col1"`) || !strings.Contains(msg, "and 99980 more (100000 in all)") {
		t.Errorf("message %q", msg)
	}
}

// TestLongNameCut: the matched part of a name is capped, the name itself is
// kept whole.
func TestLongNameCut(t *testing.T) {
	long := strings.Repeat("Example Trading ", 60_000) // 960,000 bytes
	cjk := strings.Repeat("경기산업", 300)                 // no spaces
	in := "id,name\n1," + long + "\n2," + cjk + "\n3,Alpha Example Ltd\n"
	recs, rejs := read(t, "in.csv", in, Options{})
	if len(recs) != 3 || len(rejs) != 0 {
		t.Fatalf("recs %d rejs %+v", len(recs), rejs)
	}
	if recs[0].Name != strings.TrimSpace(long) {
		t.Errorf("name not kept whole: %d bytes", len(recs[0].Name))
	}
	if got := recs[0].MatchName(); utf8.RuneCountInString(got) > DefaultMaxNameRunes || !strings.HasSuffix(got, "Trading") ||
		!strings.HasPrefix(recs[0].Name, got) {
		t.Errorf("long name cut to %d runes, ending %q", utf8.RuneCountInString(got), got[max(0, len(got)-20):])
	}
	if got := recs[1].MatchName(); utf8.RuneCountInString(got) != DefaultMaxNameRunes || !strings.HasPrefix(cjk, got) {
		t.Errorf("CJK name cut to %d runes", utf8.RuneCountInString(got))
	}
	if recs[2].NameCut != "" || recs[2].MatchName() != "Alpha Example Ltd" {
		t.Errorf("a short name was cut: %+v", recs[2])
	}
	// The cap is an option.
	recs, _ = read(t, "in.csv", "name\nAlpha Example Trading Ltd\n", Options{MaxNameRunes: 15})
	if got := recs[0].MatchName(); got != "Alpha Example" {
		t.Errorf("cut at 15: %q", got)
	}
}

func TestCutName(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"Alpha", 5, ""},
		{"Alpha Beta", 5, "Alpha"},
		{"Alpha Beta", 7, "Alpha"},
		{"Alphabet Soup", 6, "Alphab"}, // no space in the second half
		{"경기산업 주식회사", 5, "경기산업"},
		{"경기산업주식회사", 5, "경기산업주"},
		{"A  B  C", 5, "A  B"},
	}
	for _, tt := range tests {
		if got := cutName(tt.in, tt.max); got != tt.want {
			t.Errorf("cutName(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
		}
	}
}
