// Package input reads the customs-record CSV or TSV file that resolve works
// on, one row at a time, and accounts for every line of it.
//
// # Entry points
//
//	r, err := input.Open("suppliers.csv", input.DefaultOptions())
//	// err wraps ErrNoFile, ErrEmpty, ErrNoNameColumn, ErrHeader or
//	// ErrEncoding: the CLI exits 2.
//	defer r.Close()
//	for {
//		rec, rej, err := r.Next()
//		if err == io.EOF {
//			break
//		}
//		if err != nil { ... }        // I/O error: fatal
//		if rej != nil { ... }        // a bad row: report it, go on
//		...                          // rec: a good row
//	}
//	r.Stats()   // Rows() == records + rejections; Balanced() holds
//	r.SHA256()  // of the file's bytes, once Next has returned io.EOF
//
// NewReader does the same on any io.Reader. Country normalises a country
// column value to ISO 3166-1 alpha-2.
//
// # The file
//
// A header row, then one row per record. The name column is "name" unless
// Options.NameCol says otherwise; "id", "country", "address", "date",
// "website" and "email" are recognised by name too (case-insensitively,
// ignoring spaces around the header cell) and every other column is carried
// through untouched in Record.Extra, in header order. A recognised column
// given twice is an ErrHeader that names every position (nothing says which
// one holds the name). Any other column keeps every value: a carried column
// named like an earlier one, or the "column_N" of an empty header cell that
// a real header cell also names, is carried under the first free name with a
// suffix ("note", "note_2"; Reader.Renamed lists them). A header without the
// name column is an ErrNoNameColumn whose message lists at most 20 cells of
// at most 40 characters each. The delimiter is a
// comma, tab or semicolon: with "auto", files named *.tsv or *.tab are
// tab-delimited and others get the delimiter that occurs most often in the
// header line. The encoding is UTF-8 (a byte-order mark is skipped) or a
// legacy encoding named in Options.Encoding: cp949/euc-kr, windows-1251,
// gb18030, gbk, big5, shift-jis, euc-jp, koi8-r, ... (any ASCII-compatible
// WHATWG or IANA name; UTF-16 and ISO-2022 are refused).
//
// # Line ends
//
// A physical line ends at LF, CRLF or a lone CR, in any mix, as RFC 4180
// readers (Python's csv module among them) accept them. Inside a quoted field
// a line break is data (kept as "\n", a lone CR as "\r"); outside quotes a
// CR always ends the row, so a stray CR in a file with LF line ends never
// joins two rows into one: each part is read as a row of its own, and a
// part with the wrong number of fields is rejected with a reason that names
// the CR. A file whose lines all end with CR (old Mac exports) reads like
// any other.
//
// # Rows and bad rows
//
// Row numbers are physical line numbers: the header is row 1, and a record
// whose quoted field spans lines 7 to 9 is row 7 with Lines 3. Blank lines
// are skipped (and counted). A row is rejected, with its row number, the
// column where one applies, a reason and its raw text, when it has the
// wrong number of fields, a quote that does not close, text after a closing
// quote, bytes that are not valid in the encoding, an empty name, or a
// physical line longer than Options.MaxRecordBytes. Reading then goes on:
// Next returns exactly one Record or one *Rejected per row, and at the end
// every physical line is in the header, a record, a rejection or is blank
// (Stats.Balanced). The fuzz tests check this for any input.
//
// Quoting follows RFC 4180: a field that starts with '"' is quoted, "" is a
// literal quote inside it, and it may contain delimiters and line breaks. A
// '"' inside a field that does not start with one is an ordinary character,
// so `ООО "Аурус",RU` reads as two fields (encoding/csv would reject it).
//
// # One stray quote cannot swallow the file
//
// A quoted field may run over at most Options.MaxRecordLines physical lines
// (32) and MaxRecordBytes bytes (1 MiB). When it does not close within
// those limits, or closes into a malformed record (text after the closing
// quote), only the line where the quote opened is rejected as "unterminated
// quote", and reading resumes on the next line, which is read again as the
// start of a row. Example (header id,name,country):
//
//	line 5: 5,"Acme Example Ltd,GB        <- rejected: unterminated quote
//	line 6: 6,Beta Example Ltd,GB         <- record, row 6
//	line 7: 7,"Gamma, Example",GB         <- record, row 7
//
// A quoted field that closes cleanly is one record however many lines it
// spans; if that record has the wrong field count it is one rejection
// covering all its lines.
//
// # Raw text of a rejected row
//
// The row's decoded text, lines joined by "\n"; a byte that is not part of
// a valid sequence in the encoding is written as \xNN, so a Latin-1 "Café"
// in a UTF-8 file shows as `Caf\xE9`. Raw is cut after MaxRawBytes.
//
// # Long names
//
// Record.Name is the whole value. The name that is matched, MatchName, is
// cut to Options.MaxNameRunes (500) characters, at the last white space in
// the second half of the cut where there is one (Record.NameCut holds it):
// company names are far shorter, and matching a broken row's megabyte-long
// "name" whole would cost memory in proportion.
//
// # Memory and speed
//
// The reader holds one record (and, after an unterminated quote, at most
// MaxRecordLines lines read ahead) at a time: memory does not grow with the
// number of rows. BenchmarkRead1M reads a generated 1,000,000-row, 134 MB
// CSV in 1.3 to 1.9 s on 2 cores (500,000 to 750,000 rows/s), with a peak
// HeapInuse of 5 to 8 MiB, allocating about 4 objects (400 bytes) per row.
package input
