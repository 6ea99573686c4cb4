package input

import "bytes"

// status is the state of a record after feeding it a physical line.
type status int

const (
	stOK       status = iota // the record is complete
	stMore                   // a quoted field is open at the end of the line
	stBadQuote               // text follows the closing quote of a quoted field
)

// recParser splits one record into fields, a physical line at a time.
//
// The grammar is RFC 4180 with these choices: a field that starts with '"'
// is quoted, "" inside it is a literal quote, and it may span lines (a line
// break inside it is data: LF and CRLF are kept as "\n", a lone CR as "\r");
// the closing quote must be followed by the delimiter
// or the end of the line, otherwise the record has a bad quote. A '"' inside
// a field that does not start with one is an ordinary character, so
// `ООО "Аурус",RU` reads as two fields. Lines and fields are split on raw
// bytes, which is sound for UTF-8 and the ASCII-compatible legacy encodings
// the reader accepts: in none of them can '"', ',', ';', tab, '\r' or '\n' be
// part of a multi-byte character.
type recParser struct {
	delim      byte
	buf        []byte // the fields' bytes, one after the other
	ends       []int  // end offset in buf of each completed field
	inQuote    bool
	quoteField int // index of the field whose quote is open
	badField   int // index of the field with a bad quote
}

func (p *recParser) reset(delim byte) {
	p.delim = delim
	p.buf = p.buf[:0]
	p.ends = p.ends[:0]
	p.inQuote = false
	p.quoteField, p.badField = -1, -1
}

// feed parses the next physical line of the record (without its line break);
// brk is the line break that ended the line before ('\n' or '\r'), kept
// when a quoted field runs over it.
func (p *recParser) feed(line []byte, brk byte) status {
	i := 0
	if p.inQuote {
		p.buf = append(p.buf, brk)
	}
	for {
		if !p.inQuote {
			if i < len(line) && line[i] == '"' {
				p.inQuote = true
				p.quoteField = len(p.ends)
				i++
			} else {
				j := bytes.IndexByte(line[i:], p.delim)
				if j < 0 {
					p.buf = append(p.buf, line[i:]...)
					p.ends = append(p.ends, len(p.buf))
					return stOK
				}
				p.buf = append(p.buf, line[i:i+j]...)
				p.ends = append(p.ends, len(p.buf))
				i += j + 1
				continue
			}
		}
		j := bytes.IndexByte(line[i:], '"')
		if j < 0 {
			p.buf = append(p.buf, line[i:]...)
			return stMore
		}
		p.buf = append(p.buf, line[i:i+j]...)
		i += j + 1
		if i < len(line) && line[i] == '"' {
			p.buf = append(p.buf, '"')
			i++
			continue
		}
		p.inQuote = false
		p.ends = append(p.ends, len(p.buf))
		if i == len(line) {
			return stOK
		}
		if line[i] == p.delim {
			i++
			continue
		}
		p.badField = len(p.ends) - 1
		return stBadQuote
	}
}

// nfields is the number of completed fields.
func (p *recParser) nfields() int { return len(p.ends) }

// field returns the bytes of field i.
func (p *recParser) field(i int) []byte {
	start := 0
	if i > 0 {
		start = p.ends[i-1]
	}
	return p.buf[start:p.ends[i]]
}

// sniffDelimiter picks tab, semicolon or comma, whichever occurs most often
// outside quotes in the header line; comma when none does or on a tie.
func sniffDelimiter(line []byte) byte {
	var tabs, commas, semis int
	in := false
	for _, c := range line {
		switch c {
		case '"':
			in = !in
		case '\t':
			if !in {
				tabs++
			}
		case ',':
			if !in {
				commas++
			}
		case ';':
			if !in {
				semis++
			}
		}
	}
	switch {
	case tabs > commas && tabs >= semis:
		return '\t'
	case semis > commas && semis > tabs:
		return ';'
	default:
		return ','
	}
}
