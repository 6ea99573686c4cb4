// Command gen builds table.tsv.gz, the Russian → English table of package
// ru, by inverting the Mueller English–Russian dictionary (7th edition,
// electronic version by S. Starostin and E. S. Cymbalyuk, GPL-2+) as Debian
// packages it in mueller7-dict.
//
//	go run ./internal/gen -out table.tsv.gz              # apt-get download the pinned .deb
//	go run ./internal/gen -deb mueller7-dict_….deb -out table.tsv.gz
//
// Without -deb it runs `apt-get download mueller7-dict=<pinned version>` in
// a temporary directory and checks the file's SHA-256 against the pinned
// one, so the output is reproducible; `dpkg-deb --fsys-tarfile` unpacks it.
// Only this step needs apt and dpkg: the build reads the generated file.
//
// What it keeps, and how it ranks (see parse.go): the noun and adjective
// senses of each English headword of one or two lowercase words or one
// capitalised word (Russian, Crimean); in them, the Russian translations of
// one to three words before the first example; senses marked slang,
// obsolete, poetic, figurative, historical, botanical and the like are
// dropped, and so are the sub-senses that translate an example. Each
// (Russian stem, English headword) pair scores by sense number, position in
// the sense, the number of words of the Russian translation and how often
// the headword occurs in the dictionary's examples (a measure of how common
// it is); an _attr. sense (ремонтный of repair) counts as a first one. A
// Russian stem keeps its best six headwords within keepRatio of the best,
// after the hand-written ones of additions.tsv; a relational adjective gets
// its noun's best word (газовый: gas). The -v flag prints counts.
package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/resolve-tool/resolve/resolve/internal/debpkg"
)

// The pinned Debian package (bookworm) and the file taken from it. Change
// the version and the checksum together.
var mueller = debpkg.Package{Name: "mueller7-dict", Version: "2002.02.27-13",
	SHA256: "0f7f184219bc99f680ee41149fcb132e0a659897a6fea9279a18399bea2b4c6f"}

const dictPath = "./usr/share/dictd/mueller7.dict.dz"

func main() {
	deb := flag.String("deb", "", "use this mueller7-dict .deb instead of downloading it (its SHA-256 is still checked)")
	out := flag.String("out", "table.tsv.gz", "output file")
	additions := flag.String("additions", "internal/gen/additions.tsv", "hand-written translations, put first")
	stats := flag.Bool("v", false, "print statistics to stderr")
	flag.Parse()
	if err := run(*deb, *additions, *out, *stats); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(deb, additionsPath, out string, verbose bool) error {
	additions, err := readAdditions(additionsPath)
	if err != nil {
		return err
	}
	text, err := readDict(deb)
	if err != nil {
		return err
	}
	entries := readEntries(text)
	tbl := build(entries, additions)
	if verbose {
		fmt.Fprintf(os.Stderr, "gen: %d headwords, %d Russian stems, %d English words, %d translations\n",
			len(entries), len(tbl.rows), len(tbl.english), tbl.pairs())
	}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return err
	}
	if err := tbl.write(zw); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(out, buf.Bytes(), 0o644)
}

// readDict returns the text of the dictd data file of the pinned package:
// of the .deb at deb, or of one apt-get downloads when deb is "".
func readDict(deb string) (string, error) {
	files, err := debpkg.Open(mueller, deb, dictPath)
	if err != nil {
		return "", err
	}
	// dictzip is gzip with a random-access table in an extra field.
	zr, err := gzip.NewReader(bytes.NewReader(files[dictPath]))
	if err != nil {
		return "", fmt.Errorf("%s: %w", dictPath, err)
	}
	var sb strings.Builder
	if _, err := io.Copy(&sb, zr); err != nil {
		return "", fmt.Errorf("%s: %w", dictPath, err)
	}
	return sb.String(), nil
}
