package input

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// readAll reads every row and checks the reader's invariants on the way:
// exactly one of Record / Rejected per row, rows in increasing order, and
// balanced line accounting at EOF.
func readAll(t testing.TB, r *Reader) ([]Record, []Rejected) {
	t.Helper()
	var recs []Record
	var rejs []Rejected
	last := 0
	for {
		rec, rej, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("Next: %v", err)
		}
		row := rec.Row
		if rej != nil {
			if rec.Row != 0 {
				t.Fatalf("Next returned both a record and a rejection: %+v %+v", rec, rej)
			}
			rejs = append(rejs, *rej)
			row = rej.Row
		} else {
			recs = append(recs, rec)
		}
		if row <= last {
			t.Fatalf("row %d after row %d", row, last)
		}
		last = row
	}
	st := r.Stats()
	if !st.Balanced() {
		t.Fatalf("line accounting does not balance: %+v", st)
	}
	if st.Records != len(recs) || st.Rejected != len(rejs) {
		t.Fatalf("stats %+v, got %d records, %d rejections", st, len(recs), len(rejs))
	}
	return recs, rejs
}

func read(t testing.TB, name, data string, opt Options) ([]Record, []Rejected) {
	t.Helper()
	r, err := NewReader(strings.NewReader(data), name, opt)
	if err != nil {
		t.Fatalf("NewReader: %v", err)
	}
	return readAll(t, r)
}

const hdr = "id,name,country\n"

// TestBadRows has one case per kind of bad row: the rejection, and the good
// rows around it still read.
func TestBadRows(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		opt      Options
		want     Rejected // File is not compared
		wantRecs []string // names of the good records, in order
	}{
		{
			name:     "too few fields",
			in:       hdr + "1,Alpha Example Ltd,GB\n2,Beta Example Ltd\n3,Gamma Example Ltd,GB\n",
			want:     Rejected{Row: 3, Lines: 1, Kind: KindFieldCount, Reason: "wrong number of fields: 2, the header has 3", Raw: "2,Beta Example Ltd"},
			wantRecs: []string{"Alpha Example Ltd", "Gamma Example Ltd"},
		},
		{
			name:     "too many fields",
			in:       hdr + "1,Alpha Example Ltd,GB,extra\n2,Beta Example Ltd,GB\n",
			want:     Rejected{Row: 2, Lines: 1, Kind: KindFieldCount, Reason: "wrong number of fields: 4, the header has 3", Raw: "1,Alpha Example Ltd,GB,extra"},
			wantRecs: []string{"Beta Example Ltd"},
		},
		{
			name:     "unterminated quote at end of file",
			in:       hdr + "1,Alpha Example Ltd,GB\n2,\"Beta Example Ltd,GB\n",
			want:     Rejected{Row: 3, Lines: 1, Column: "name", Kind: KindUnterminatedQuote, Reason: "unterminated quote: the quoted field opened on this line does not close", Raw: "2,\"Beta Example Ltd,GB"},
			wantRecs: []string{"Alpha Example Ltd"},
		},
		{
			name:     "unterminated quote closed by a later quote: only its line is lost",
			in:       hdr + "1,\"Alpha Example Ltd,GB\n2,Beta Example Ltd,GB\n3,\"Gamma, Example\",GB\n",
			want:     Rejected{Row: 2, Lines: 1, Column: "name", Kind: KindUnterminatedQuote, Reason: "unterminated quote: the quoted field opened on this line does not close", Raw: "1,\"Alpha Example Ltd,GB"},
			wantRecs: []string{"Beta Example Ltd", "Gamma, Example"},
		},
		{
			name:     "unterminated quote beyond the line cap",
			in:       hdr + "1,Alpha,\"GB\n2,Beta,GB\n3,Gamma,GB\n4,Delta,GB\n",
			opt:      Options{MaxRecordLines: 2},
			want:     Rejected{Row: 2, Lines: 1, Column: "country", Kind: KindUnterminatedQuote, Reason: "unterminated quote: the quoted field opened on this line does not close", Raw: "1,Alpha,\"GB"},
			wantRecs: []string{"Beta", "Gamma", "Delta"},
		},
		{
			name:     "bad quote",
			in:       hdr + "1,\"Example \"Quoted\" Ltd\",GB\n2,Beta Example Ltd,GB\n",
			want:     Rejected{Row: 2, Lines: 1, Column: "name", Kind: KindBadQuote, Reason: `bad quote: text after the closing quote of a quoted field (write a quote inside a quoted field as "")`, Raw: "1,\"Example \"Quoted\" Ltd\",GB"},
			wantRecs: []string{"Beta Example Ltd"},
		},
		{
			name:     "invalid UTF-8",
			in:       hdr + "1,Caf\xe9 Example,FR\n2,Beta Example Ltd,GB\n",
			want:     Rejected{Row: 2, Lines: 1, Column: "name", Kind: KindEncoding, Reason: "invalid UTF-8 byte sequence", Raw: `1,Caf\xE9 Example,FR`},
			wantRecs: []string{"Beta Example Ltd"},
		},
		{
			name:     "invalid UTF-8 in a carried column",
			in:       "id,name,note\n1,Alpha Example Ltd,ok\n2,Beta Example Ltd,\xff\xfe\n",
			want:     Rejected{Row: 3, Lines: 1, Column: "note", Kind: KindEncoding, Reason: "invalid UTF-8 byte sequence", Raw: `2,Beta Example Ltd,\xFF\xFE`},
			wantRecs: []string{"Alpha Example Ltd"},
		},
		{
			name:     "invalid EUC-KR",
			in:       hdr + "1,\xb0\xe6\xb1\xe2,KR\n2,\xb0\xe6\xff,KR\n",
			opt:      Options{Encoding: "cp949"},
			want:     Rejected{Row: 3, Lines: 1, Column: "name", Kind: KindEncoding, Reason: "invalid EUC-KR byte sequence", Raw: `2,경\xFF,KR`},
			wantRecs: []string{"경기"},
		},
		{
			name:     "empty name",
			in:       hdr + "1,,GB\n2,Beta Example Ltd,GB\n",
			want:     Rejected{Row: 2, Lines: 1, Column: "name", Kind: KindEmptyName, Reason: "empty name", Raw: "1,,GB"},
			wantRecs: []string{"Beta Example Ltd"},
		},
		{
			name:     "blank name",
			in:       hdr + "1,\"  \t \",GB\n2,Beta Example Ltd,GB\n",
			want:     Rejected{Row: 2, Lines: 1, Column: "name", Kind: KindEmptyName, Reason: "empty name", Raw: "1,\"  \t \",GB"},
			wantRecs: []string{"Beta Example Ltd"},
		},
		{
			name:     "empty name in a custom column",
			in:       "ID;Company;Land\n1;;DE\n2;Beispiel GmbH;DE\n",
			opt:      Options{NameCol: "company", CountryCol: "land"},
			want:     Rejected{Row: 2, Lines: 1, Column: "Company", Kind: KindEmptyName, Reason: "empty name", Raw: "1;;DE"},
			wantRecs: []string{"Beispiel GmbH"},
		},
		{
			name:     "line too long",
			in:       hdr + "1," + strings.Repeat("x", 100) + ",GB\n2,Beta Example Ltd,GB\n",
			opt:      Options{MaxRecordBytes: 64},
			want:     Rejected{Row: 2, Lines: 1, Kind: KindLineTooLong, Reason: "line longer than 64 bytes", Raw: "1," + strings.Repeat("x", 62) + " …[cut]"},
			wantRecs: []string{"Beta Example Ltd"},
		},
		{
			name:     "multi-line record with a wrong field count is one rejection",
			in:       hdr + "1,\"Alpha\nExample\",GB,extra\n2,Beta Example Ltd,GB\n",
			want:     Rejected{Row: 2, Lines: 2, Kind: KindFieldCount, Reason: "wrong number of fields: 4, the header has 3", Raw: "1,\"Alpha\nExample\",GB,extra"},
			wantRecs: []string{"Beta Example Ltd"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, rejs := read(t, "in.csv", tt.in, tt.opt)
			if len(rejs) != 1 {
				t.Fatalf("got %d rejections, want 1: %+v", len(rejs), rejs)
			}
			got := rejs[0]
			if got.File != "in.csv" {
				t.Errorf("File = %q", got.File)
			}
			got.File = ""
			if got != tt.want {
				t.Errorf("rejection\n got %+v\nwant %+v", got, tt.want)
			}
			var names []string
			for _, r := range recs {
				names = append(names, r.Name)
			}
			if strings.Join(names, "|") != strings.Join(tt.wantRecs, "|") {
				t.Errorf("records %q, want %q", names, tt.wantRecs)
			}
		})
	}
}

func TestRejectedError(t *testing.T) {
	r := Rejected{File: "suppliers.csv", Row: 7, Column: "name", Reason: "empty name"}
	if got, want := r.Error(), `suppliers.csv: row 7, column "name": empty name`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	r.Column = ""
	r.Reason = "wrong number of fields: 2, the header has 3"
	if got, want := r.Error(), `suppliers.csv: row 7: wrong number of fields: 2, the header has 3`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestRecordFields(t *testing.T) {
	in := "Website, ID ,hs_code,NAME,Country,address,,date,email,remark\n" +
		"https://a.example.com,A1,8708.29,  Alpha Example Ltd ,Deutschland,\"1 Example St, Town\",x, 2024-01-02 ,info@a.example.com,  keep  me \n"
	recs, rejs := read(t, "in.csv", in, Options{})
	if len(rejs) != 0 || len(recs) != 1 {
		t.Fatalf("recs %+v rejs %+v", recs, rejs)
	}
	got := recs[0]
	want := Record{
		Row: 2, Lines: 1, ID: "A1", Name: "Alpha Example Ltd", Country: "DE", CountryRaw: "Deutschland",
		Address: "1 Example St, Town", Date: "2024-01-02", Website: "https://a.example.com", Email: "info@a.example.com",
		Extra: []Field{{"hs_code", "8708.29"}, {"column_7", "x"}, {"remark", "  keep  me "}},
	}
	if !equalRecord(got, want) {
		t.Errorf("record\n got %+v\nwant %+v", got, want)
	}
}

func equalRecord(a, b Record) bool { return reflect.DeepEqual(a, b) }

func TestQuotedNewlines(t *testing.T) {
	in := "id,name,address\r\n" +
		"1,\"Alpha\r\nExample Ltd\",\"Line 1\r\nLine 2\r\n\r\nLine 4\"\r\n" +
		"2,\"Say \"\"hi\"\"\",\"\"\r\n" +
		"\r\n" +
		"3,Gamma,\"a,b\"\r\n"
	recs, rejs := read(t, "in.csv", in, Options{})
	if len(rejs) != 0 {
		t.Fatalf("rejections: %+v", rejs)
	}
	want := []Record{
		{Row: 2, Lines: 5, ID: "1", Name: "Alpha\nExample Ltd", Address: "Line 1\nLine 2\n\nLine 4"},
		{Row: 7, Lines: 1, ID: "2", Name: `Say "hi"`},
		{Row: 9, Lines: 1, ID: "3", Name: "Gamma", Address: "a,b"},
	}
	if len(recs) != len(want) {
		t.Fatalf("got %d records: %+v", len(recs), recs)
	}
	for i := range want {
		if !equalRecord(recs[i], want[i]) {
			t.Errorf("record %d\n got %+v\nwant %+v", i, recs[i], want[i])
		}
	}
}

// TestStrayQuote: one bad quote in a large file costs one line, however far
// the file goes on.
func TestStrayQuote(t *testing.T) {
	var b strings.Builder
	b.WriteString(hdr)
	b.WriteString("0,\"Stray Example,GB\n")
	for i := 0; i < 5000; i++ {
		b.WriteString("1,Example Company ")
		b.WriteString(strings.Repeat("x", i%7))
		b.WriteString(",GB\n")
	}
	recs, rejs := read(t, "in.csv", b.String(), Options{})
	if len(rejs) != 1 || rejs[0].Row != 2 || rejs[0].Kind != KindUnterminatedQuote {
		t.Fatalf("rejections %+v", rejs)
	}
	if len(recs) != 5000 {
		t.Fatalf("got %d records, want 5000", len(recs))
	}
}

func TestUnquotedQuotesAreLiteral(t *testing.T) {
	recs, rejs := read(t, "in.csv", hdr+"1,ООО \"Аурус\",RU\n2,12\" Pipe Example Co,GB\n", Options{})
	if len(rejs) != 0 || len(recs) != 2 {
		t.Fatalf("recs %+v rejs %+v", recs, rejs)
	}
	if recs[0].Name != `ООО "Аурус"` || recs[1].Name != `12" Pipe Example Co` {
		t.Errorf("names %q %q", recs[0].Name, recs[1].Name)
	}
}

func TestDelimiters(t *testing.T) {
	tests := []struct {
		name, file, in, delim string
		wantFormat            string
		wantDelim             rune
	}{
		{"tsv by extension", "in.tsv", "id\tname\n1\tAlpha, Example\n", "", "tsv", '\t'},
		{"tab by extension", "in.TAB", "id\tname\n1\tAlpha, Example\n", "auto", "tsv", '\t'},
		{"tab sniffed", "in.txt", "id\tname\tcountry\n1\tAlpha, Example\tGB\n", "auto", "tsv", '\t'},
		{"semicolon sniffed", "in.csv", "id;name;country\n1;Alpha, Example;GB\n", "auto", "csv", ';'},
		{"comma sniffed", "in.csv", "id,name,\"country;x\"\n1,\"Alpha, Example\",GB\n", "auto", "csv", ','},
		{"explicit tab", "in.csv", "id\tname\n1\tAlpha, Example\n", "tab", "tsv", '\t'},
		{"explicit semicolon", "in.txt", "id;name\n1;Alpha, Example\n", "semicolon", "csv", ';'},
		{"explicit comma over extension", "in.tsv", "id,name\n1,\"Alpha, Example\"\n", "comma", "csv", ','},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := NewReader(strings.NewReader(tt.in), tt.file, Options{Delimiter: tt.delim})
			if err != nil {
				t.Fatal(err)
			}
			if r.Format() != tt.wantFormat || r.Delimiter() != tt.wantDelim {
				t.Errorf("Format %q Delimiter %q, want %q %q", r.Format(), r.Delimiter(), tt.wantFormat, tt.wantDelim)
			}
			recs, rejs := readAll(t, r)
			if len(rejs) != 0 || len(recs) != 1 || recs[0].Name != "Alpha, Example" {
				t.Errorf("recs %+v rejs %+v", recs, rejs)
			}
		})
	}
	if _, err := NewReader(strings.NewReader("id|name\n"), "in.csv", Options{Delimiter: "pipe"}); err == nil {
		t.Error("unknown delimiter accepted")
	}
}

func TestBOM(t *testing.T) {
	in := "\xEF\xBB\xBFname,country\nAlpha Example,GB\n"
	// The byte-order mark says UTF-8, whatever the configured encoding.
	for _, enc := range []string{"", "utf-8", "cp949", "windows-1251"} {
		r, err := NewReader(strings.NewReader(in), "in.csv", Options{Encoding: enc})
		if err != nil {
			t.Fatal(err)
		}
		if h := r.Header(); h[0] != "name" {
			t.Errorf("%s: header %q", enc, h)
		}
		if r.Encoding() != "utf-8" {
			t.Errorf("%s: Encoding %q", enc, r.Encoding())
		}
		recs, _ := readAll(t, r)
		if len(recs) != 1 || recs[0].Name != "Alpha Example" || recs[0].Row != 2 {
			t.Errorf("%s: %+v", enc, recs)
		}
	}
	_, err := NewReader(strings.NewReader("\xFF\xFEn\x00a\x00"), "in.csv", Options{})
	if !errors.Is(err, ErrEncoding) {
		t.Errorf("UTF-16: err %v, want ErrEncoding", err)
	}
}

// TestEncodings writes Korean, Russian, Chinese and Japanese names in each
// legacy encoding with x/text's encoders and reads them back.
func TestEncodings(t *testing.T) {
	tests := []struct {
		label, canonical string
		enc              encoding.Encoding
		names            []string
	}{
		{"euc-kr", "euc-kr", korean.EUCKR, []string{"경기산업 주식회사", "한빛가상부품(주)", "대박예시테크"}},
		{"CP949", "euc-kr", korean.EUCKR, []string{"똠양꿍식품 유한회사", "경기산업"}},
		{"windows-1251", "windows-1251", charmap.Windows1251, []string{"ООО «Ромашка»", "АО «Пример-Авто»", "Вымысел Логистик"}},
		{"cp1251", "windows-1251", charmap.Windows1251, []string{"ПАО «Небылица»"}},
		{"gb18030", "gb18030", simplifiedchinese.GB18030, []string{"深圳虚构莲花贸易有限公司", "义乌想象纽扣厂", "𠀀 Example"}},
		{"gbk", "gbk", simplifiedchinese.GBK, []string{"浙江不存在汽车配件有限公司"}},
		{"big5", "big5", traditionalchinese.Big5, []string{"虛構蓮花貿易有限公司", "香港範例公司"}},
		{"shift-jis", "shift_jis", japanese.ShiftJIS, []string{"架空商事株式会社", "サンプル工業"}},
		{"euc-jp", "euc-jp", japanese.EUCJP, []string{"架空商事株式会社"}},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			var b strings.Builder
			b.WriteString("id,name\n")
			for i, n := range tt.names {
				b.WriteString(string(rune('1' + i)))
				b.WriteString(",\"")
				b.WriteString(n)
				b.WriteString("\"\n")
			}
			data, err := tt.enc.NewEncoder().String(b.String())
			if err != nil {
				t.Fatalf("encode: %v", err)
			}
			r, err := NewReader(strings.NewReader(data), "in.csv", Options{Encoding: tt.label})
			if err != nil {
				t.Fatal(err)
			}
			if r.Encoding() != tt.canonical {
				t.Errorf("Encoding %q, want %q", r.Encoding(), tt.canonical)
			}
			recs, rejs := readAll(t, r)
			if len(rejs) != 0 || len(recs) != len(tt.names) {
				t.Fatalf("recs %+v rejs %+v", recs, rejs)
			}
			for i, n := range tt.names {
				if recs[i].Name != n {
					t.Errorf("name %d = %q, want %q", i, recs[i].Name, n)
				}
			}
			// Read as UTF-8, the same bytes are rejected with \xNN escapes.
			_, rejs = read(t, "in.csv", data, Options{})
			if len(rejs) != len(tt.names) || rejs[0].Kind != KindEncoding || !strings.Contains(rejs[0].Raw, `\x`) {
				t.Errorf("as UTF-8: %+v", rejs)
			}
		})
	}
}

func TestInvalidLegacyBytes(t *testing.T) {
	tests := []struct {
		enc, in, wantRaw string
	}{
		{"windows-1251", "1,\xcf\xd0\x98\xc0\n", `1,ПР\x98А`}, // 0x98 is undefined in windows-1251
		{"shift-jis", "1,\x89\xcb\xff\x8b\xf3\n", `1,架\xFF空`},
		{"big5", "1,\xa4\xa4\x80\n", `1,中\x80`},
		{"gb18030", "1,\xd6\xd0\xff\n", `1,中\xFF`},
	}
	for _, tt := range tests {
		t.Run(tt.enc, func(t *testing.T) {
			_, rejs := read(t, "in.csv", "id,name\n"+tt.in, Options{Encoding: tt.enc})
			if len(rejs) != 1 || rejs[0].Kind != KindEncoding || rejs[0].Raw != tt.wantRaw || rejs[0].Column != "name" {
				t.Errorf("got %+v, want raw %q", rejs, tt.wantRaw)
			}
		})
	}
	// GB18030 can write U+FFFD itself: that is not an error.
	fffd, _ := simplifiedchinese.GB18030.NewEncoder().String("id,name\n1,A\uFFFDB\n")
	recs, rejs := read(t, "in.csv", fffd, Options{Encoding: "gb18030"})
	if len(rejs) != 0 || len(recs) != 1 || recs[0].Name != "A\uFFFDB" {
		t.Errorf("gb18030 U+FFFD: recs %+v rejs %+v", recs, rejs)
	}
}

func TestEncodingNames(t *testing.T) {
	for _, l := range []string{"utf-8", "UTF8", "cp949", "euc-kr", "windows-1251", "gb18030", "big5", "shift-jis", "Shift_JIS", "koi8-r", "iso-8859-5", "cp936"} {
		if _, err := lookupEncoding(l); err != nil {
			t.Errorf("%s: %v", l, err)
		}
	}
	for _, l := range []string{"utf-16le", "UTF-16", "iso-2022-jp", "klingon"} {
		if _, err := lookupEncoding(l); !errors.Is(err, ErrEncoding) {
			t.Errorf("%s: err %v, want ErrEncoding", l, err)
		}
	}
}

func TestFatalErrors(t *testing.T) {
	dir := t.TempDir()
	_, err := Open(filepath.Join(dir, "missing.csv"), Options{})
	if !errors.Is(err, ErrNoFile) || !errors.Is(err, os.ErrNotExist) || !strings.Contains(err.Error(), "missing.csv") {
		t.Errorf("missing file: %v", err)
	}
	if _, err := Open(dir, Options{}); !errors.Is(err, ErrNoFile) {
		t.Errorf("directory: %v", err)
	}
	tests := []struct {
		name, in string
		opt      Options
		want     error
		msg      []string
	}{
		{"empty", "", Options{}, ErrEmpty, []string{"in.csv"}},
		{"only blank lines", "\n\r\n\n", Options{}, ErrEmpty, nil},
		{"only a BOM", "\xEF\xBB\xBF", Options{}, ErrEmpty, nil},
		{"no name column", "id,company,country\n1,Alpha,GB\n", Options{}, ErrNoNameColumn,
			[]string{`in.csv`, `"name"`, `"id", "company", "country"`}}, // the CLI adds the --name-col hint
		{"custom name column missing", "id,name\n", Options{NameCol: "firma"}, ErrNoNameColumn, []string{`"firma"`}},
		{"duplicate name column", "name,id,Name\n", Options{}, ErrHeader, []string{"twice", "columns 1 and 3"}},
		{"header with bad quote", "\"id\"x,name\n", Options{}, ErrHeader, []string{"row 1"}},
		{"header unterminated", "id,\"name\n", Options{}, ErrHeader, nil},
		{"header not UTF-8", "id,\xc0\xc1\n", Options{}, ErrHeader, []string{"--encoding"}},
		{"unknown encoding", "id,name\n", Options{Encoding: "ebcdic-klingon"}, ErrEncoding, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewReader(strings.NewReader(tt.in), "in.csv", tt.opt)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err %v, want %v", err, tt.want)
			}
			for _, m := range tt.msg {
				if !strings.Contains(err.Error(), m) {
					t.Errorf("message %q lacks %q", err, m)
				}
			}
		})
	}
}

func TestHeaderOnlyAndBlankLines(t *testing.T) {
	recs, rejs := read(t, "in.csv", "\n\nid,name\n\n\n", Options{})
	if len(recs)+len(rejs) != 0 {
		t.Errorf("recs %+v rejs %+v", recs, rejs)
	}
	// Rows are physical line numbers even after leading blank lines.
	recs, _ = read(t, "in.csv", "\nid,name\n1,Alpha\n", Options{})
	if len(recs) != 1 || recs[0].Row != 3 {
		t.Errorf("recs %+v", recs)
	}
	// No final newline.
	recs, _ = read(t, "in.csv", "id,name\n1,Alpha", Options{})
	if len(recs) != 1 || recs[0].Name != "Alpha" {
		t.Errorf("recs %+v", recs)
	}
}

func TestOpenSHA256(t *testing.T) {
	path := filepath.Join("..", "..", "testdata", "suppliers.csv")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	r, err := Open(path, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if r.SHA256() != "" {
		t.Error("SHA256 before EOF")
	}
	readAll(t, r)
	if got := r.SHA256(); got != hex.EncodeToString(sum[:]) {
		t.Errorf("SHA256 %s, want %x", got, sum)
	}
	if err := r.Close(); err != nil {
		t.Error(err)
	}
}

// TestSuppliersSample checks the committed sample: every row reads, every
// country but the deliberately unknown one is recognised.
func TestSuppliersSample(t *testing.T) {
	r, err := Open(filepath.Join("..", "..", "testdata", "suppliers.csv"), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if got := strings.Join(r.Header(), ","); got != "id,name,country,address,date,hs_code,website" {
		t.Errorf("header %q", got)
	}
	recs, rejs := readAll(t, r)
	if len(rejs) != 0 || len(recs) != 169 {
		t.Fatalf("%d records, rejections %+v", len(recs), rejs)
	}
	mass := 0
	for _, rec := range recs {
		if rec.CountryRaw != "" && rec.Country == "" && rec.CountryRaw != "Unknownland" {
			t.Errorf("row %d: country %q not recognised", rec.Row, rec.CountryRaw)
		}
		if len(rec.Extra) != 1 || rec.Extra[0].Column != "hs_code" {
			t.Errorf("row %d: extra %+v", rec.Row, rec.Extra)
		}
		if strings.HasPrefix(rec.Address, "Unit 1203, 12/F, Fictional Tower") {
			mass++
		}
		if rec.Row <= 86 && (rec.Address != "" || rec.Date != "" || rec.Website != "" || rec.Extra[0].Value != "") {
			t.Errorf("row %d: a real company's row carries more than its name and country", rec.Row)
		}
	}
	if mass < 10 {
		t.Errorf("%d rows at the shared fictional address", mass)
	}
}

func TestSuppliersEUCKR(t *testing.T) {
	path := filepath.Join("..", "..", "testdata", "suppliers_euckr.csv")
	r, err := Open(path, Options{Encoding: "cp949"})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	recs, rejs := readAll(t, r)
	if len(rejs) != 0 || len(recs) != 11 {
		t.Fatalf("recs %d rejs %+v", len(recs), rejs)
	}
	want := map[int]string{2: "경기산업 주식회사", 3: "㈜경기산업", 5: "에너테크인터내셔널", 11: "대박예시테크, 주식회사", 12: "똠양꿍식품 유한회사"}
	for _, rec := range recs {
		if w, ok := want[rec.Row]; ok && rec.Name != w {
			t.Errorf("row %d: %q, want %q", rec.Row, rec.Name, w)
		}
		if rec.Country != "KR" {
			t.Errorf("row %d: country %q (%q)", rec.Row, rec.Country, rec.CountryRaw)
		}
	}
	// Read with the wrong encoding, every data row is rejected, none lost.
	r2, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r2.Close()
	recs, rejs = readAll(t, r2)
	if len(recs) != 0 || len(rejs) != 11 {
		t.Fatalf("as UTF-8: %d records, %d rejections", len(recs), len(rejs))
	}
	if !strings.HasPrefix(rejs[0].Raw, `K001,\xB0\xE6`) {
		t.Errorf("raw %q", rejs[0].Raw)
	}
}

// TestReaderMemoryIsBounded: a file of a single unterminated quoted field
// followed by very long lines costs at most the record caps.
func TestLongLinesBounded(t *testing.T) {
	var b bytes.Buffer
	b.WriteString(hdr)
	b.WriteString("1,\"open,GB\n")
	for i := 0; i < 50; i++ {
		b.WriteString(strings.Repeat("y", 10_000))
		b.WriteString("\n")
	}
	recs, rejs := read(t, "in.csv", b.String(), Options{MaxRecordBytes: 4096, MaxRecordLines: 8})
	if len(recs) != 0 || len(rejs) != 51 {
		t.Fatalf("recs %d rejs %d", len(recs), len(rejs))
	}
	if rejs[0].Kind != KindUnterminatedQuote || rejs[1].Kind != KindLineTooLong {
		t.Errorf("kinds %s %s", rejs[0].Kind, rejs[1].Kind)
	}
	for _, r := range rejs {
		if len(r.Raw) > MaxRawBytes+16 {
			t.Errorf("raw of %d bytes", len(r.Raw))
		}
	}
}
