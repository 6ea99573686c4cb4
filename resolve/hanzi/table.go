package hanzi

import (
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// gunzip decompresses an embedded gzip file into one string, sized from the
// gzip trailer so that the text is allocated once.
func gunzip(name, gz string) string {
	zr, err := gzip.NewReader(strings.NewReader(gz))
	if err != nil {
		panic(fmt.Sprintf("hanzi: %s: %v", name, err))
	}
	var b strings.Builder
	if len(gz) >= 4 {
		b.Grow(int(binary.LittleEndian.Uint32([]byte(gz[len(gz)-4:]))))
	}
	if _, err := io.Copy(&b, zr); err != nil {
		panic(fmt.Sprintf("hanzi: %s: %v", name, err))
	}
	return b.String()
}

// lines iterates over the lines of a generated file. Its first line is a
// header, "#name v1<TAB>k=n<TAB>k=n...", whose counts it returns by key.
type lines struct {
	name string // file name, for errors
	rest string
	off  int // offset of rest in the file
	line int
}

func newLines(name, data string) (*lines, map[string]int) {
	l := &lines{name: name, rest: data}
	head, _ := l.next()
	fields := strings.Split(head, "\t")
	if !strings.HasPrefix(fields[0], "#hanzi-") || !strings.HasSuffix(fields[0], " v1") {
		l.fail("unknown header %q", head)
	}
	counts := map[string]int{}
	for _, f := range fields[1:] {
		k, v, _ := strings.Cut(f, "=")
		counts[k] = l.atoi(v)
	}
	return l, counts
}

// next returns the next line and the offset of its start in the file.
func (l *lines) next() (string, int) {
	if l.rest == "" {
		l.fail("unexpected end of file")
	}
	line, rest, _ := strings.Cut(l.rest, "\n")
	off := l.off
	l.off += len(l.rest) - len(rest)
	l.rest = rest
	l.line++
	return line, off
}

// cut splits a line at its first tab.
func (l *lines) cut(line string) (string, string) {
	a, b, ok := strings.Cut(line, "\t")
	if !ok {
		l.fail("no tab in %q", line)
	}
	return a, b
}

func (l *lines) atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		l.fail("bad number %q", s)
	}
	return n
}

// fail panics: the files are generated and embedded, so a bad one is a
// build error that the package tests catch.
func (l *lines) fail(format string, args ...any) {
	panic(fmt.Sprintf("hanzi: %s:%d: %s", l.name, l.line, fmt.Sprintf(format, args...)))
}
