package input

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

var fuzzEncodings = []string{"utf-8", "cp949", "windows-1251", "gb18030", "big5", "shift-jis"}

func fuzzSeeds(f *testing.F) {
	for _, name := range []string{"bad_input.csv", "suppliers_euckr.csv", "suppliers.csv"} {
		if b, err := os.ReadFile(filepath.Join("..", "..", "testdata", name)); err == nil {
			f.Add(b, uint8(0), false)
			f.Add(b, uint8(1), true)
		}
	}
	for _, s := range []string{
		"", "\n", "name\n", "\xEF\xBB\xBFname\n\"a\"\n", "id,name\n1,\"a\n2,b\n3,\"c\"\"\",d\n",
		"id,name\r\n1,\"x\r\ny\"\r\n\r\n2,\"\"\"\"\r\n", "a\tname\n1\t\"q\"x\n", "name;x\n\"unterminated;1\n\n\nok;2\n",
		"id,name\n1,\"a\nb\"\n2,\"x\"\"y\",z\n\n3,,\n", "name\tid\n\"a\tb\"\t1\n",
		"id,name\n1,\xff\xfe\n2,\"\xb0\xe6\n\"\n", "name\n\"\n\"\n\"\n", "id,name\n,\n,,\n\"\",\"\"\n",
		"id,name\r1,a\r2,\"b\rc\"\r\r3,\"d\r\n", "name\nA\rB\r\nC\n\r\n\r", "id,name,x\n1,a\rb,c\n",
	} {
		f.Add([]byte(s), uint8(0), false)
		f.Add([]byte(s), uint8(3), true)
	}
}

// FuzzReader checks, for any input: no panic, Next ends, every physical line
// is in the header, a record, a rejection, or is blank, and nothing else;
// rows come in order and do not overlap; all text returned is valid UTF-8.
func FuzzReader(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte, enc uint8, small bool) {
		opt := Options{Encoding: fuzzEncodings[int(enc)%len(fuzzEncodings)]}
		if small {
			opt.MaxRecordLines, opt.MaxRecordBytes = 3, 32
		}
		r, err := NewReader(bytes.NewReader(data), "fuzz.csv", opt)
		if err != nil {
			for _, s := range []error{ErrEmpty, ErrNoNameColumn, ErrHeader, ErrEncoding} {
				if errors.Is(err, s) {
					return
				}
			}
			t.Fatalf("NewReader: unexpected error %v", err)
		}
		body := data
		if bytes.HasPrefix(body, []byte("\xEF\xBB\xBF")) {
			body = body[3:]
		}
		lines := physicalLines(body)
		blank := func(no int) bool { return len(lines[no-1]) == 0 } // 1-based
		covered := make([]bool, len(lines)+1)
		cover := func(row, n int) {
			if row < 1 || n < 1 || row+n-1 > len(lines) {
				t.Fatalf("row %d+%d outside the %d lines", row, n, len(lines))
			}
			for i := row; i < row+n; i++ {
				if covered[i] {
					t.Fatalf("line %d read twice", i)
				}
				covered[i] = true
			}
		}
		h := 1
		for h <= len(lines) && blank(h) {
			h++
		}
		cover(h, r.Stats().HeaderLines)
		last := 0
		for calls := 0; ; calls++ {
			if calls > len(lines)+1 {
				t.Fatal("Next does not end")
			}
			rec, rej, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("Next: %v", err)
			}
			if rej != nil {
				if rec.Row != 0 {
					t.Fatal("both a record and a rejection")
				}
				if rej.Row <= last || rej.Reason == "" || !utf8.ValidString(rej.Raw) || !utf8.ValidString(rej.Column) {
					t.Fatalf("bad rejection %+v after row %d", rej, last)
				}
				cover(rej.Row, rej.Lines)
				last = rej.Row
				continue
			}
			if rec.Row <= last || strings.TrimSpace(rec.Name) == "" || rec.Name != strings.TrimSpace(rec.Name) {
				t.Fatalf("bad record %+v after row %d", rec, last)
			}
			for _, s := range []string{rec.ID, rec.Name, rec.CountryRaw, rec.Address, rec.Date, rec.Website, rec.Email} {
				if !utf8.ValidString(s) {
					t.Fatalf("invalid UTF-8 in %+v", rec)
				}
			}
			if len(rec.Extra) != len(r.Header())-r.recognised() {
				t.Fatalf("record %+v has %d extra fields", rec, len(rec.Extra))
			}
			cols := map[string]bool{}
			for _, f := range rec.Extra {
				if cols[f.Column] {
					t.Fatalf("record %+v carries column %q twice", rec, f.Column)
				}
				cols[f.Column] = true
			}
			if rec.NameCut != "" && (!strings.HasPrefix(rec.Name, rec.NameCut) || utf8.RuneCountInString(rec.NameCut) > DefaultMaxNameRunes) {
				t.Fatalf("name %q cut to %q", rec.Name, rec.NameCut)
			}
			cover(rec.Row, rec.Lines)
			last = rec.Row
		}
		for i := 1; i <= len(lines); i++ {
			if !covered[i] && !blank(i) {
				t.Fatalf("line %d (%q) not accounted for", i, lines[i-1])
			}
		}
		st := r.Stats()
		if !st.Balanced() || st.Lines != len(lines) {
			t.Fatalf("stats %+v for %d lines", st, len(lines))
		}
		if r.SHA256() == "" {
			t.Fatal("no SHA-256 after EOF")
		}
	})
}

// physicalLines splits data at LF, CRLF and lone CR, as the reader does;
// a final line break ends the last line.
func physicalLines(data []byte) [][]byte {
	var lines [][]byte
	start := 0
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '\n':
			lines = append(lines, data[start:i])
			start = i + 1
		case '\r':
			lines = append(lines, data[start:i])
			if i+1 < len(data) && data[i+1] == '\n' {
				i++
			}
			start = i + 1
		}
	}
	if start < len(data) {
		lines = append(lines, data[start:])
	}
	return lines
}

// recognised counts the header columns mapped to Record fields.
func (r *Reader) recognised() int {
	n := 0
	for _, i := range []int{r.cols.name, r.cols.id, r.cols.country, r.cols.address, r.cols.date, r.cols.website, r.cols.email} {
		if i >= 0 {
			n++
		}
	}
	return n
}

// FuzzParserMatchesEncodingCSV: where encoding/csv (strict quotes) reads
// UTF-8 input without error, the record parser splits it into the same
// fields.
func FuzzParserMatchesEncodingCSV(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte, delimSel uint8, _ bool) {
		if !utf8.Valid(data) || bytes.ContainsRune(data, '\r') {
			return // encoding/csv's handling of a lone \r differs by design
		}
		delim := []byte{',', '\t', ';'}[int(delimSel)%3]
		cr := csv.NewReader(bytes.NewReader(data))
		cr.Comma = rune(delim)
		cr.FieldsPerRecord = -1
		want, err := cr.ReadAll()
		if err != nil {
			return
		}
		lines := bytes.Split(data, []byte("\n"))
		if len(lines) > 0 && len(lines[len(lines)-1]) == 0 {
			lines = lines[:len(lines)-1]
		}
		var got [][]string
		var p recParser
		for i := 0; i < len(lines); {
			if len(lines[i]) == 0 {
				i++
				continue
			}
			p.reset(delim)
			st := p.feed(lines[i], 0)
			i++
			for st == stMore && i < len(lines) {
				st = p.feed(lines[i], '\n')
				i++
			}
			if st != stOK {
				t.Fatalf("encoding/csv read %q but the parser says %d", data, st)
			}
			rec := make([]string, p.nfields())
			for j := range rec {
				rec[j] = string(p.field(j))
			}
			got = append(got, rec)
		}
		if len(want) == 0 {
			want = nil
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("input %q\n got %q\nwant %q", data, got, want)
		}
	})
}
