package input

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Fatal errors. The CLI maps ErrNoFile, ErrEmpty, ErrNoNameColumn,
// ErrHeader and ErrEncoding to exit code 2 (bad input or usage).
var (
	// ErrNoFile: the input file cannot be opened (missing, unreadable, a directory).
	ErrNoFile = errors.New("cannot open input file")
	// ErrEmpty: the input has no header row.
	ErrEmpty = errors.New("input is empty (no header row)")
	// ErrNoNameColumn: the header has no column with the configured name.
	ErrNoNameColumn = errors.New("no name column")
	// ErrHeader: the header row cannot be read (bad quoting, invalid bytes,
	// a recognised column given twice). Any other column given twice is kept
	// under a name of its own (see Field.Column).
	ErrHeader = errors.New("bad header row")
	// ErrEncoding: the configured encoding is unknown or unsupported, or the
	// file is UTF-16.
	ErrEncoding = errors.New("unsupported encoding")
)

// Default limits; see Options.
const (
	DefaultMaxRecordLines = 32
	DefaultMaxRecordBytes = 1 << 20
	// DefaultMaxNameRunes caps the part of a name that is matched; see
	// Options.MaxNameRunes.
	DefaultMaxNameRunes = 500
	// MaxRawBytes caps Rejected.Raw; longer raw text is cut and marked.
	MaxRawBytes = 4096
)

// Options say how to read the file. Empty column names take the defaults
// ("name", "id", "country", "address", "date", "website", "email"); column
// names match the header case-insensitively, ignoring surrounding spaces.
type Options struct {
	NameCol, IDCol, CountryCol, AddressCol, DateCol, WebsiteCol, EmailCol string
	// Encoding of the file: "utf-8" (default), "cp949"/"euc-kr",
	// "windows-1251", "gb18030", "gbk", "big5", "shift-jis", "euc-jp", or any
	// other ASCII-compatible WHATWG or IANA label. A UTF-8 byte-order mark
	// overrides it.
	Encoding string
	// Delimiter: "auto" (default: tab for .tsv/.tab files, otherwise the
	// most frequent of tab, semicolon and comma in the header line),
	// "comma", "tab" or "semicolon".
	Delimiter string
	// MaxRecordLines is how many physical lines one record (a quoted field
	// with line breaks) may span; 0 means DefaultMaxRecordLines.
	MaxRecordLines int
	// MaxRecordBytes caps a physical line and a record; 0 means
	// DefaultMaxRecordBytes.
	MaxRecordBytes int
	// MaxNameRunes caps the length of the name that is matched: a longer
	// name is cut (Record.NameCut) at the last white space before the cap,
	// or at the cap when the name has no white space in its second half.
	// Record.Name keeps the whole value. 0 means DefaultMaxNameRunes.
	MaxNameRunes int
}

// DefaultOptions are the options of config/default.yaml.
func DefaultOptions() Options {
	return Options{
		NameCol: "name", IDCol: "id", CountryCol: "country", AddressCol: "address",
		DateCol: "date", WebsiteCol: "website", EmailCol: "email",
		Encoding: "utf-8", Delimiter: "auto",
		MaxRecordLines: DefaultMaxRecordLines, MaxRecordBytes: DefaultMaxRecordBytes,
		MaxNameRunes: DefaultMaxNameRunes,
	}
}

func (o Options) withDefaults() Options {
	d := DefaultOptions()
	set := func(v *string, def string) {
		if strings.TrimSpace(*v) == "" {
			*v = def
		} else {
			*v = strings.TrimSpace(*v)
		}
	}
	set(&o.NameCol, d.NameCol)
	set(&o.IDCol, d.IDCol)
	set(&o.CountryCol, d.CountryCol)
	set(&o.AddressCol, d.AddressCol)
	set(&o.DateCol, d.DateCol)
	set(&o.WebsiteCol, d.WebsiteCol)
	set(&o.EmailCol, d.EmailCol)
	set(&o.Encoding, d.Encoding)
	set(&o.Delimiter, d.Delimiter)
	if o.MaxRecordLines <= 0 {
		o.MaxRecordLines = d.MaxRecordLines
	}
	if o.MaxRecordBytes <= 0 {
		o.MaxRecordBytes = d.MaxRecordBytes
	}
	if o.MaxNameRunes <= 0 {
		o.MaxNameRunes = d.MaxNameRunes
	}
	return o
}

// Field is a carried column of a record.
type Field struct {
	// Column is the header name as read, "column_N" when the header cell is
	// empty (N counts from 1). Names are unique within a record: a name
	// already taken by an earlier column, or a generated column_N that is
	// also a real header cell, gets the first free suffix _2, _3, ... (a
	// header note,note reads as "note" and "note_2"); see Reader.Renamed.
	Column string
	Value  string // untouched
}

// Record is one good input row. Recognised values are trimmed of
// surrounding white space; carried values are untouched.
type Record struct {
	Row   int // physical line of the record's first line; the header is row 1
	Lines int // physical lines the record spans (more than 1 with quoted line breaks)
	ID    string
	Name  string // whole, however long
	// NameCut is set only when Name is longer than Options.MaxNameRunes: the
	// name cut to that length, which is what is matched (see MatchName).
	NameCut    string
	Country    string // ISO 3166-1 alpha-2, "" when CountryRaw is empty or not recognised
	CountryRaw string
	Address    string
	Date       string
	Website    string
	Email      string
	Extra      []Field // carried columns in header order
}

// MatchName is the name to match: NameCut when the name was cut, else Name.
func (r Record) MatchName() string {
	if r.NameCut != "" {
		return r.NameCut
	}
	return r.Name
}

// Kind classifies a rejected row.
type Kind string

// The kinds of bad row.
const (
	KindFieldCount        Kind = "field_count"        // wrong number of fields
	KindUnterminatedQuote Kind = "unterminated_quote" // a quoted field that never closes
	KindBadQuote          Kind = "bad_quote"          // text after a closing quote
	KindEncoding          Kind = "bad_encoding"       // bytes not valid in the declared encoding
	KindEmptyName         Kind = "empty_name"         // the name is empty or blank
	KindLineTooLong       Kind = "line_too_long"      // a physical line over MaxRecordBytes
)

// Rejected is a row that could not be read as a record.
type Rejected struct {
	File   string // as given to Open or NewReader
	Row    int    // physical line of the row's first line; the header is row 1
	Lines  int    // physical lines the rejection covers
	Column string // header name of the offending column, "" when none applies
	Kind   Kind
	Reason string // human-readable, e.g. "empty name"
	// Raw is the row's text: decoded where the bytes are valid, each invalid
	// byte written as \xNN; lines joined by "\n"; cut after MaxRawBytes.
	Raw string
}

// Error formats the rejection as `suppliers.csv: row 7, column "name": empty name`.
func (r Rejected) Error() string {
	if r.Column != "" {
		return fmt.Sprintf("%s: row %d, column %q: %s", r.File, r.Row, r.Column, r.Reason)
	}
	return fmt.Sprintf("%s: row %d: %s", r.File, r.Row, r.Reason)
}

// Stats count what the reader has consumed. After Next returns io.EOF,
// Balanced holds: every physical line is in the header, a record, a
// rejection, or is blank.
type Stats struct {
	Lines         int // physical lines read, header included
	HeaderLines   int
	BlankLines    int // empty lines between records, skipped
	Records       int
	RecordLines   int
	Rejected      int
	RejectedLines int
	BadEncoding   int // rows rejected as invalid UTF-8 (only when reading UTF-8)
}

// Rows is the number of rows read: records plus rejections.
func (s Stats) Rows() int { return s.Records + s.Rejected }

// Balanced reports whether every line read is accounted for.
func (s Stats) Balanced() bool {
	return s.Lines == s.HeaderLines+s.BlankLines+s.RecordLines+s.RejectedLines
}

// lineEnd is how a physical line ends.
type lineEnd uint8

const (
	endEOF  lineEnd = iota // the input ends
	endLF                  // "\n"
	endCRLF                // "\r\n"
	endCR                  // a lone "\r"
)

// brk is the line break kept in a quoted field that runs over the end.
func (e lineEnd) brk() byte {
	if e == endCR {
		return '\r'
	}
	return '\n'
}

// physLine is one physical line without its line break.
type physLine struct {
	no   int
	data []byte // cut at MaxRecordBytes when long
	long bool
	end  lineEnd
	prev lineEnd // how the line before ended (endEOF for the first line)
}

// column indexes of the recognised fields; -1 when absent.
type columns struct {
	name, id, country, address, date, website, email int
}

// Reader reads records from a CSV or TSV stream. It holds one record (at
// most MaxRecordLines lines) in memory at a time. It is not safe for
// concurrent use.
type Reader struct {
	name    string
	opt     Options
	closer  io.Closer
	hash    hash.Hash
	br      *bufio.Reader
	codec   *codec
	delim   byte
	header  []string
	hdrEnd  lineEnd // how the header's last line ended
	cols    columns
	colName []string // every column's name in messages and Field.Column
	renamed []Renamed
	extra   []int    // carried column indexes, header order
	extraNm []string // their names
	lineNo  int
	lastEnd lineEnd    // how the last line read from the input ended
	pending []physLine // lines read ahead and given back after an unterminated quote
	eof     bool
	done    bool
	stats   Stats
	p       recParser
	lines   []physLine
	arena   []byte // the current record's lines
	// badSample holds the lines of rows rejected as invalid UTF-8, up to
	// maxGuessSample bytes, for GuessEncoding.
	badSample []byte
}

// Open opens a file and reads its header. Errors wrap ErrNoFile, ErrEmpty,
// ErrNoNameColumn, ErrHeader or ErrEncoding. The SHA-256 of the file's bytes
// is computed as they stream (see SHA256).
func Open(path string, opt Options) (*Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %w", path, ErrNoFile, err)
	}
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		f.Close()
		return nil, fmt.Errorf("%s: %w: is a directory", path, ErrNoFile)
	}
	r, err := NewReader(f, path, opt)
	if err != nil {
		f.Close()
		return nil, err
	}
	r.closer = f
	return r, nil
}

// NewReader reads the header from src. name is used in messages and, with
// Delimiter "auto", its extension picks tab for ".tsv" and ".tab".
func NewReader(src io.Reader, name string, opt Options) (*Reader, error) {
	opt = opt.withDefaults()
	c, err := lookupEncoding(opt.Encoding)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	h := sha256.New()
	r := &Reader{
		name:  name,
		opt:   opt,
		hash:  h,
		br:    bufio.NewReaderSize(io.TeeReader(src, h), 64<<10),
		codec: c,
	}
	if err := r.readHeader(); err != nil {
		return nil, err
	}
	return r, nil
}

func (r *Reader) readHeader() error {
	if b, _ := r.br.Peek(3); bytes.Equal(b, []byte("\xEF\xBB\xBF")) {
		_, _ = r.br.Discard(3)
		r.codec = &codec{name: "utf-8"}
	} else if len(b) >= 2 && (b[0] == 0xFF && b[1] == 0xFE || b[0] == 0xFE && b[1] == 0xFF) {
		return fmt.Errorf("%s: %w: the file is UTF-16 (byte-order mark %X); save it as UTF-8", r.name, ErrEncoding, b[:2])
	}
	var first physLine
	for {
		l, err := r.readLine()
		if err == io.EOF {
			return fmt.Errorf("%s: %w", r.name, ErrEmpty)
		}
		if err != nil {
			return err
		}
		if len(l.data) == 0 && !l.long {
			r.stats.BlankLines++
			continue
		}
		first = l
		break
	}
	if first.long {
		return fmt.Errorf("%s: %w: row %d: header line longer than %d bytes", r.name, ErrHeader, first.no, r.opt.MaxRecordBytes)
	}
	switch strings.ToLower(r.opt.Delimiter) {
	case "comma", ",":
		r.delim = ','
	case "tab", "\t", `\t`:
		r.delim = '\t'
	case "semicolon", ";":
		r.delim = ';'
	case "auto":
		switch strings.ToLower(filepath.Ext(r.name)) {
		case ".tsv", ".tab":
			r.delim = '\t'
		default:
			r.delim = sniffDelimiter(first.data)
		}
	default:
		return fmt.Errorf("%s: unknown delimiter %q (want auto, comma, tab or semicolon)", r.name, r.opt.Delimiter)
	}

	lines, st, err := r.assemble(first)
	if err != nil {
		return err
	}
	r.stats.HeaderLines = len(lines)
	r.hdrEnd = lines[len(lines)-1].end
	if st != stOK {
		return fmt.Errorf("%s: %w: row %d: bad quoting in the header", r.name, ErrHeader, first.no)
	}
	n := r.p.nfields()
	r.header = make([]string, n)
	for i := 0; i < n; i++ {
		s, ok := r.codec.decode(r.p.field(i))
		if !ok {
			return fmt.Errorf("%s: %w: row %d, column %d: invalid %s bytes in the header (hint: set the file's encoding with --encoding, e.g. cp949, windows-1251, gb18030)",
				r.name, ErrHeader, first.no, i+1, strings.ToUpper(r.codec.name))
		}
		r.header[i] = s
	}
	return r.mapColumns(first.no)
}

// Renamed is a carried column read under another name than its header
// cell, so that no two columns share a name.
type Renamed struct {
	Column int    // 1-based position in the header
	Header string // the header cell as read
	Name   string // the name it is carried under (Field.Column)
}

// Renamed lists the carried columns whose name is not their header cell
// because an earlier column, or a real header cell, has that name.
func (r *Reader) Renamed() []Renamed { return append([]Renamed(nil), r.renamed...) }

// Limits of the missing-name-column message: a header of thousands of
// cells, or one huge cell, must not make a megabyte-long error.
const (
	maxListedColumns = 20
	maxListedRunes   = 40
)

func (r *Reader) mapColumns(row int) error {
	find := func(want string) (int, error) {
		var at []int
		for i, h := range r.header {
			if strings.EqualFold(strings.TrimSpace(h), want) {
				at = append(at, i)
			}
		}
		switch len(at) {
		case 0:
			return -1, nil
		case 1:
			return at[0], nil
		}
		times := "twice"
		if len(at) > 2 {
			times = fmt.Sprintf("%d times", len(at))
		}
		pos := make([]string, len(at))
		for j, i := range at {
			pos[j] = strconv.Itoa(i + 1)
		}
		list := strings.Join(pos[:len(pos)-1], ", ") + " and " + pos[len(pos)-1]
		return -1, fmt.Errorf("%s: %w: row %d: column %q appears %s (columns %s); rename all but one",
			r.name, ErrHeader, row, clip(want, maxListedRunes), times, list)
	}
	roles := []struct {
		want string
		dst  *int
	}{
		{r.opt.NameCol, &r.cols.name}, {r.opt.IDCol, &r.cols.id}, {r.opt.CountryCol, &r.cols.country},
		{r.opt.AddressCol, &r.cols.address}, {r.opt.DateCol, &r.cols.date},
		{r.opt.WebsiteCol, &r.cols.website}, {r.opt.EmailCol, &r.cols.email},
	}
	used := make([]bool, len(r.header))
	for _, role := range roles {
		i, err := find(role.want)
		if err != nil {
			return err
		}
		*role.dst = i
		if i >= 0 {
			used[i] = true
		}
	}
	if r.cols.name < 0 {
		n := min(len(r.header), maxListedColumns)
		q := make([]string, n)
		for i, h := range r.header[:n] {
			q[i] = strconv.Quote(clip(h, maxListedRunes))
		}
		more := ""
		if len(r.header) > n {
			more = fmt.Sprintf(" and %d more (%d in all)", len(r.header)-n, len(r.header))
		}
		return fmt.Errorf("%s: %w: the header has no column %q; columns found: %s%s",
			r.name, ErrNoNameColumn, clip(r.opt.NameCol, maxListedRunes), strings.Join(q, ", "), more)
	}
	// Carried columns keep their header name unless it is taken: by an
	// earlier carried column of that name, or, for the column_N of an empty
	// cell, by a real header cell.
	cells := map[string]bool{}
	for i, h := range r.header {
		if !used[i] && strings.TrimSpace(h) != "" {
			cells[h] = true
		}
	}
	taken := map[string]bool{}
	r.colName = make([]string, len(r.header))
	for i, h := range r.header {
		if used[i] {
			r.colName[i] = strings.TrimSpace(h)
			continue
		}
		name, blank := h, strings.TrimSpace(h) == ""
		if blank {
			name = fmt.Sprintf("column_%d", i+1)
		}
		if taken[name] || blank && cells[name] {
			base := strings.TrimSpace(name)
			for k := 2; ; k++ {
				name = base + "_" + strconv.Itoa(k)
				if !taken[name] && !cells[name] {
					break
				}
			}
			r.renamed = append(r.renamed, Renamed{Column: i + 1, Header: h, Name: name})
		}
		taken[name] = true
		r.colName[i] = strings.TrimSpace(name)
		r.extra = append(r.extra, i)
		r.extraNm = append(r.extraNm, name)
	}
	return nil
}

// clip cuts s after n runes, marking the cut with "…".
func clip(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i] + "…"
		}
		n--
	}
	return s
}

// readLine returns the next physical line, from the lines given back first.
// A line ends at LF, CRLF or a lone CR (as RFC 4180 readers such as
// Python's csv module accept them), or at the end of the input.
func (r *Reader) readLine() (physLine, error) {
	if len(r.pending) > 0 {
		l := r.pending[0]
		r.pending = r.pending[1:]
		return l, nil
	}
	if r.eof {
		return physLine{}, io.EOF
	}
	max := r.opt.MaxRecordBytes
	// Lines are copied into r.arena, which Next empties for each record. An
	// append that moves the arena leaves earlier lines in the old array,
	// untouched.
	start := len(r.arena)
	size := 0 // bytes of the line without its break
	keep := func(b []byte) {
		size += len(b)
		// Keep at most max+1 bytes: enough to tell a long line.
		if room := max + 1 - (len(r.arena) - start); room > 0 {
			r.arena = append(r.arena, b[:min(len(b), room)]...)
		}
	}
	end := endEOF
	for end == endEOF {
		if _, err := r.br.Peek(1); err != nil {
			if err == io.EOF {
				r.eof = true
				if size == 0 {
					return physLine{}, io.EOF
				}
				break
			}
			return physLine{}, fmt.Errorf("%s: read: %w", r.name, err)
		}
		buf, _ := r.br.Peek(r.br.Buffered())
		lf := bytes.IndexByte(buf, '\n')
		seg := buf
		if lf >= 0 {
			seg = buf[:lf]
		}
		cr := bytes.IndexByte(seg, '\r')
		switch {
		case cr >= 0 && cr == lf-1:
			keep(buf[:cr])
			_, _ = r.br.Discard(cr + 2)
			end = endCRLF
		case cr >= 0 && cr+1 < len(buf):
			keep(buf[:cr])
			_, _ = r.br.Discard(cr + 1)
			end = endCR
		case cr >= 0:
			// A CR at the end of the buffer: the next byte decides.
			keep(buf[:cr])
			_, _ = r.br.Discard(cr + 1)
			end = endCR
			if b, err := r.br.Peek(1); err == nil && b[0] == '\n' {
				_, _ = r.br.Discard(1)
				end = endCRLF
			} else if err != nil && err != io.EOF {
				return physLine{}, fmt.Errorf("%s: read: %w", r.name, err)
			}
		case lf >= 0:
			keep(buf[:lf])
			_, _ = r.br.Discard(lf + 1)
			end = endLF
		default:
			keep(buf)
			_, _ = r.br.Discard(len(buf))
		}
	}
	buf := r.arena[start:len(r.arena):len(r.arena)]
	long := size > max
	if long {
		buf = buf[:max]
	}
	r.lineNo++
	r.stats.Lines++
	l := physLine{no: r.lineNo, data: buf, long: long, end: end, prev: r.lastEnd}
	r.lastEnd = end
	return l, nil
}

// assemble feeds first and, while a quoted field is open, the lines after
// it to the parser, within the MaxRecordLines and MaxRecordBytes limits.
func (r *Reader) assemble(first physLine) ([]physLine, status, error) {
	lines := append(r.lines[:0], first)
	r.p.reset(r.delim)
	st := r.p.feed(first.data, 0)
	total := len(first.data)
	for st == stMore && len(lines) < r.opt.MaxRecordLines && total <= r.opt.MaxRecordBytes {
		l, err := r.readLine()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, 0, err
		}
		lines = append(lines, l)
		if l.long {
			break
		}
		total += len(l.data) + 1
		st = r.p.feed(l.data, l.prev.brk())
	}
	r.lines = lines
	return lines, st, nil
}

// Header returns the header cells as read.
func (r *Reader) Header() []string { return append([]string(nil), r.header...) }

// Format is "tsv" for tab-delimited input, "csv" otherwise.
func (r *Reader) Format() string {
	if r.delim == '\t' {
		return "tsv"
	}
	return "csv"
}

// Encoding is the canonical name of the encoding in use ("utf-8",
// "euc-kr", "windows-1251", ...): "utf-8" when a byte-order mark said so.
func (r *Reader) Encoding() string { return r.codec.name }

// Delimiter is the field delimiter in use.
func (r *Reader) Delimiter() rune { return rune(r.delim) }

// Stats returns the counts so far.
func (r *Reader) Stats() Stats { return r.stats }

// SHA256 is the hex SHA-256 of the input's bytes, available once Next has
// returned io.EOF ("" before).
func (r *Reader) SHA256() string {
	if !r.done {
		return ""
	}
	return hex.EncodeToString(r.hash.Sum(nil))
}

// Close closes the file opened by Open; it does nothing for NewReader.
func (r *Reader) Close() error {
	if r.closer == nil {
		return nil
	}
	c := r.closer
	r.closer = nil
	return c.Close()
}

// Next returns the next row: a Record, or a *Rejected for a bad row, or
// io.EOF after the last row. Any other error is fatal (an I/O error).
// Blank lines between records are skipped and counted in Stats.BlankLines.
//
// After an unterminated quote only the line where the quote opened is
// rejected, and reading resumes on the line after it: a stray quote cannot
// swallow the rest of the file. A quoted field that does close, within
// MaxRecordLines lines, into a well-formed record makes one multi-line
// record (or one multi-line rejection, e.g. for a wrong field count).
func (r *Reader) Next() (Record, *Rejected, error) {
	if r.done {
		return Record{}, nil, io.EOF
	}
	r.arena = r.arena[:0]
	var first physLine
	for {
		l, err := r.readLine()
		if err == io.EOF {
			r.done = true
			return Record{}, nil, io.EOF
		}
		if err != nil {
			return Record{}, nil, err
		}
		if len(l.data) == 0 && !l.long {
			r.stats.BlankLines++
			continue
		}
		first = l
		break
	}
	if first.long {
		return Record{}, r.reject([]physLine{first}, -1, KindLineTooLong,
			fmt.Sprintf("line longer than %d bytes", r.opt.MaxRecordBytes)), nil
	}
	lines, st, err := r.assemble(first)
	if err != nil {
		return Record{}, nil, err
	}
	if st == stMore || (st == stBadQuote && len(lines) > 1) {
		// Give back every line after the first: the quote is most likely a
		// stray one, and those lines are rows of their own.
		// They are copied out of the arena, which the next record reuses.
		back := make([]physLine, 0, len(lines)-1+len(r.pending))
		for _, l := range lines[1:] {
			l.data = bytes.Clone(l.data)
			back = append(back, l)
		}
		r.pending = append(back, r.pending...)
		return Record{}, r.reject(lines[:1], r.p.quoteField, KindUnterminatedQuote,
			"unterminated quote: the quoted field opened on this line does not close"), nil
	}
	if st == stBadQuote {
		return Record{}, r.reject(lines, r.p.badField, KindBadQuote,
			`bad quote: text after the closing quote of a quoted field (write a quote inside a quoted field as "")`), nil
	}
	if n := r.p.nfields(); n != len(r.header) {
		reason := fmt.Sprintf("wrong number of fields: %d, the header has %d", n, len(r.header))
		if r.hdrEnd != endCR && (first.prev == endCR || lines[len(lines)-1].end == endCR) {
			// A file with LF or CRLF line ends and a stray CR: the CR ended a
			// row, as it does in a file with CR line ends; say so.
			reason += "; a lone carriage return (CR) ends this row or the one before, and a CR outside quotes ends a row"
		}
		return Record{}, r.reject(lines, -1, KindFieldCount, reason), nil
	}
	vals := make([]string, len(r.header))
	if r.codec.enc == nil {
		// UTF-8: one string for the whole record, fields sliced from it.
		all := string(r.p.buf)
		start := 0
		for i, end := range r.p.ends {
			if !utf8.ValidString(all[start:end]) {
				r.keepBad(lines)
				return Record{}, r.reject(lines, i, KindEncoding, "invalid UTF-8 byte sequence"), nil
			}
			vals[i] = all[start:end]
			start = end
		}
	} else {
		for i := range vals {
			s, ok := r.codec.decode(r.p.field(i))
			if !ok {
				return Record{}, r.reject(lines, i, KindEncoding,
					fmt.Sprintf("invalid %s byte sequence", strings.ToUpper(r.codec.name))), nil
			}
			vals[i] = s
		}
	}
	get := func(i int) string {
		if i < 0 {
			return ""
		}
		return strings.TrimSpace(vals[i])
	}
	rec := Record{
		Row:        first.no,
		Lines:      len(lines),
		ID:         get(r.cols.id),
		Name:       get(r.cols.name),
		CountryRaw: get(r.cols.country),
		Address:    get(r.cols.address),
		Date:       get(r.cols.date),
		Website:    get(r.cols.website),
		Email:      get(r.cols.email),
	}
	if rec.Name == "" {
		return Record{}, r.reject(lines, r.cols.name, KindEmptyName, "empty name"), nil
	}
	rec.NameCut = cutName(rec.Name, r.opt.MaxNameRunes)
	rec.Country = Country(rec.CountryRaw)
	if len(r.extra) > 0 {
		rec.Extra = make([]Field, len(r.extra))
		for j, i := range r.extra {
			rec.Extra[j] = Field{Column: r.extraNm[j], Value: vals[i]}
		}
	}
	r.stats.Records++
	r.stats.RecordLines += len(lines)
	return rec, nil, nil
}

func (r *Reader) reject(lines []physLine, col int, kind Kind, reason string) *Rejected {
	var sb strings.Builder
	for i, l := range lines {
		if i > 0 {
			sb.WriteByte('\n')
		}
		sb.WriteString(r.codec.raw(l.data))
		if sb.Len() > MaxRawBytes {
			break
		}
	}
	raw := sb.String()
	if len(raw) > MaxRawBytes {
		raw = strings.ToValidUTF8(raw[:MaxRawBytes], "") + " …[cut]"
	} else if len(lines) == 1 && lines[0].long {
		raw += " …[cut]"
	}
	column := ""
	if col >= 0 && col < len(r.colName) {
		column = r.colName[col]
	}
	r.stats.Rejected++
	r.stats.RejectedLines += len(lines)
	return &Rejected{
		File:   r.name,
		Row:    lines[0].no,
		Lines:  len(lines),
		Column: column,
		Kind:   kind,
		Reason: reason,
		Raw:    raw,
	}
}

// cutName returns name cut to at most max runes, at the last white space
// in the second half of the cut when there is one, or "" when name is not
// longer than max runes.
func cutName(name string, max int) string {
	if len(name) <= max { // fewer bytes than max: fewer runes too
		return ""
	}
	end, n := -1, 0
	for i := range name {
		if n == max {
			end = i
			break
		}
		n++
	}
	if end < 0 {
		return ""
	}
	cut := name[:end]
	if sp := strings.LastIndexFunc(cut, unicode.IsSpace); sp >= len(cut)/2 {
		cut = cut[:sp]
	}
	return strings.TrimRightFunc(cut, unicode.IsSpace)
}
