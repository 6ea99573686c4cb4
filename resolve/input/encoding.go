package input

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/ianaindex"
)

// encodingAliases are names investigators use that neither the WHATWG
// (htmlindex) nor the IANA index knows, mapped to a name they know.
var encodingAliases = map[string]string{
	"cp949": "euc-kr", "ms949": "euc-kr", "uhc": "euc-kr", "windows-949": "euc-kr",
	"cp936": "gbk", "ms936": "gbk",
	"cp932": "shift_jis", "ms932": "shift_jis", "sjis": "shift_jis", "shift-jis": "shift_jis",
	"cp950": "big5", "ms950": "big5",
	"utf8": "utf-8",
}

// unsafeEncodings are encodings in which the bytes of '"', ',', ';', tab or
// newline can occur inside a multi-byte character, or which are stateful.
// The reader splits lines and fields on raw bytes, so it cannot read them.
var unsafeEncodings = map[string]bool{
	"utf-16le": true, "utf-16be": true, "utf-16": true, "utf-32": true, "utf-32le": true, "utf-32be": true,
	"iso-2022-jp": true, "iso-2022-kr": true, "iso-2022-cn": true, "hz-gb-2312": true, "replacement": true,
	"utf-7": true,
}

// codec decodes one field or line at a time and tells whether the bytes were
// valid in the encoding.
type codec struct {
	name string            // canonical name, e.g. "utf-8", "euc-kr"
	enc  encoding.Encoding // nil for UTF-8
	// fffd is how the encoding writes U+FFFD, nil if it cannot: a U+FFFD in
	// the decoded text that does not come from these bytes marks invalid input.
	fffd []byte
	dec  *encoding.Decoder
	buf  []byte
}

// lookupEncoding resolves an encoding label ("cp949", "EUC-KR",
// "windows-1251", "gb18030", "big5", "shift-jis", "utf-8"; "" is UTF-8).
func lookupEncoding(label string) (*codec, error) {
	l := strings.ToLower(strings.TrimSpace(label))
	if l == "" {
		l = "utf-8"
	}
	if a, ok := encodingAliases[l]; ok {
		l = a
	}
	var (
		enc  encoding.Encoding
		name string
	)
	if e, err := htmlindex.Get(l); err == nil {
		enc = e
		name, _ = htmlindex.Name(e)
	} else if e, err2 := ianaindex.IANA.Encoding(l); err2 == nil && e != nil {
		enc = e
		name, _ = ianaindex.IANA.Name(e)
		name = strings.ToLower(name)
	} else {
		return nil, fmt.Errorf("%w: unknown encoding %q (try utf-8, cp949, windows-1251, gb18030, big5, shift-jis)", ErrEncoding, label)
	}
	if name == "" {
		name = l
	}
	if unsafeEncodings[name] || unsafeEncodings[l] {
		return nil, fmt.Errorf("%w: encoding %q is not supported (convert the file to UTF-8)", ErrEncoding, label)
	}
	if name == "utf-8" {
		return &codec{name: "utf-8"}, nil
	}
	// The reader needs an ASCII-compatible encoding.
	if out, err := enc.NewEncoder().String("\t\",;\r\nAz09"); err != nil || out != "\t\",;\r\nAz09" {
		return nil, fmt.Errorf("%w: encoding %q is not ASCII-compatible (convert the file to UTF-8)", ErrEncoding, label)
	}
	c := &codec{name: name, enc: enc, dec: enc.NewDecoder()}
	if b, err := enc.NewEncoder().Bytes([]byte("\uFFFD")); err == nil && !bytes.Equal(b, []byte("\x1a")) && !bytes.Equal(b, []byte("?")) {
		c.fffd = b
	}
	return c, nil
}

const replacement = "\uFFFD"

// decode returns the text of b and whether b was valid in the encoding.
// Invalid sequences come out as U+FFFD.
func (c *codec) decode(b []byte) (string, bool) {
	if c.enc == nil {
		if utf8.Valid(b) {
			return string(b), true
		}
		return strings.ToValidUTF8(string(b), replacement), false
	}
	if isASCII(b) {
		return string(b), true
	}
	c.dec.Reset()
	out, _, err := c.transform(b)
	if err != nil {
		return string(b), false
	}
	s := string(out)
	n := strings.Count(s, replacement)
	if n == 0 {
		return s, true
	}
	legit := 0
	if c.fffd != nil {
		legit = bytes.Count(b, c.fffd)
	}
	return s, n <= legit
}

func (c *codec) transform(b []byte) ([]byte, int, error) {
	if cap(c.buf) < 4*len(b)+16 {
		c.buf = make([]byte, 4*len(b)+16)
	}
	dst := c.buf[:cap(c.buf)]
	nDst, nSrc, err := c.dec.Transform(dst, b, true)
	return dst[:nDst], nSrc, err
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// raw renders bytes for a rejected row: the decoded text where the bytes are
// valid, and \xNN for every byte that is not part of a valid sequence.
func (c *codec) raw(b []byte) string {
	if s, ok := c.decode(b); ok {
		return s
	}
	var sb strings.Builder
	if c.enc == nil {
		for i := 0; i < len(b); {
			r, n := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && n == 1 {
				sb.WriteString(hexByte(b[i]))
			} else {
				sb.Write(b[i : i+n])
			}
			i += n
		}
		return sb.String()
	}
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			sb.WriteByte(b[i])
			i++
			continue
		}
		done := false
		for n := 1; n <= 4 && i+n <= len(b); n++ {
			// A fresh decoder per try: the sequence b[i:i+n] is judged alone.
			s, ok := c.decodeFresh(b[i : i+n])
			if ok && s != "" {
				sb.WriteString(s)
				i += n
				done = true
				break
			}
		}
		if !done {
			sb.WriteString(hexByte(b[i]))
			i++
		}
	}
	return sb.String()
}

func (c *codec) decodeFresh(b []byte) (string, bool) {
	out, err := c.enc.NewDecoder().Bytes(b)
	if err != nil {
		return "", false
	}
	s := string(out)
	if strings.Contains(s, replacement) && (c.fffd == nil || !bytes.Equal(b, c.fffd)) {
		return s, false
	}
	return s, true
}

func hexByte(b byte) string {
	return fmt.Sprintf(`\x%02X`, b)
}
