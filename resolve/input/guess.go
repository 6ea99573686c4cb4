package input

import (
	"fmt"
	"strings"

	"github.com/saintfish/chardet"
)

// maxGuessSample caps the bytes of rows rejected as invalid UTF-8 that a
// Reader keeps for GuessEncoding.
const maxGuessSample = 64 << 10

// guessLabels maps the detector's charset names to the --encoding label an
// investigator types. A name not listed is tried as it is (lower-cased).
var guessLabels = map[string]string{
	"EUC-KR": "cp949", "Shift_JIS": "shift-jis", "EUC-JP": "euc-jp",
	"GB-18030": "gb18030", "Big5": "big5",
}

// WrongEncodingError is returned by CheckEncoding: a file read as UTF-8 in
// which most rows are not valid UTF-8. It wraps ErrEncoding.
type WrongEncodingError struct {
	File      string
	Bad, Rows int    // rows rejected for invalid bytes, of all rows
	Guess     string // a label for Options.Encoding, "" when none fits
}

func (e *WrongEncodingError) Error() string {
	msg := fmt.Sprintf("%s: %d of %d rows are not valid UTF-8", e.File, e.Bad, e.Rows)
	if e.Guess != "" {
		msg += fmt.Sprintf("; the file looks %s-encoded", strings.ToUpper(e.Guess))
	}
	return msg
}

func (e *WrongEncodingError) Unwrap() error { return ErrEncoding }

// CheckEncoding, called after Next has returned io.EOF, returns a
// *WrongEncodingError when the file was read as UTF-8 and more than half of
// its rows were rejected for invalid bytes: then the file is in another
// encoding, and rejecting it row by row would hide that.
func (r *Reader) CheckEncoding() error {
	if r.codec.enc != nil || r.stats.BadEncoding == 0 || 2*r.stats.BadEncoding <= r.stats.Rows() {
		return nil
	}
	return &WrongEncodingError{File: r.name, Bad: r.stats.BadEncoding, Rows: r.stats.Rows(), Guess: r.GuessEncoding()}
}

// GuessEncoding names the encoding that the bytes of the rows rejected as
// invalid UTF-8 are most likely in (as a label for Options.Encoding:
// "cp949", "shift-jis", "gb18030", "big5", "windows-1251", ...), or "" when
// no candidate decodes them all. The candidates come from a statistical
// charset detector (github.com/saintfish/chardet, a port of ICU's), best
// first.
func (r *Reader) GuessEncoding() string {
	if len(r.badSample) == 0 {
		return ""
	}
	found, err := chardet.NewTextDetector().DetectAll(r.badSample)
	if err != nil {
		return ""
	}
	for _, f := range found {
		label, ok := guessLabels[f.Charset]
		if !ok {
			label = strings.ToLower(f.Charset)
		}
		c, err := lookupEncoding(label)
		if err != nil || c.enc == nil {
			continue // unknown to the reader, unsafe, or UTF-8 itself
		}
		if _, ok := c.decode(r.badSample); ok {
			return label
		}
	}
	return ""
}

// keepBad adds the lines of a row rejected for invalid UTF-8 to the sample.
func (r *Reader) keepBad(lines []physLine) {
	r.stats.BadEncoding++
	for _, l := range lines {
		if len(r.badSample)+len(l.data)+1 > maxGuessSample {
			return
		}
		r.badSample = append(append(r.badSample, l.data...), '\n')
	}
}
