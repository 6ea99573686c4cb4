// Package debpkg fetches the pinned Debian packages that the project's go
// generate steps build their tables from, and reads their files after
// checking each .deb against its pinned SHA-256 (npmpkg does the same for
// npm packages). Only the generators use it; the build needs no apt or dpkg.
//
//	p := debpkg.Package{Name: "edict", Version: "2021.02.03-1", SHA256: "f1d5…"}
//	files, err := debpkg.Open(p, "", "./usr/share/edict/edict") // path → contents
package debpkg

import (
	"archive/tar"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
)

// Package is one pinned Debian package. Change the version and the
// checksum together.
type Package struct {
	Name, Version string
	SHA256        string // hex SHA-256 of the .deb
}

func (p Package) String() string { return p.Name + " " + p.Version }

// Fetch downloads the package into dir with `apt-get download` and returns
// the path of the .deb.
func Fetch(p Package, dir string) (string, error) {
	cmd := exec.Command("apt-get", "download", p.Name+"="+p.Version)
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("apt-get download %s=%s: %w (hint: run apt-get update, or pass the .deb)", p.Name, p.Version, err)
	}
	matches, err := filepath.Glob(filepath.Join(dir, p.Name+"_*.deb"))
	if err != nil || len(matches) != 1 {
		return "", fmt.Errorf("apt-get download %s: expected one .deb in %s, found %d", p.Name, dir, len(matches))
	}
	return matches[0], nil
}

// Files checks the .deb at deb against p's SHA-256 and returns the named
// files of its data archive (paths as dpkg-deb lists them: "./usr/share/…").
// A path the package lacks is an error.
func Files(p Package, deb string, paths ...string) (map[string][]byte, error) {
	raw, err := os.ReadFile(deb)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(raw)
	if got := hex.EncodeToString(sum[:]); got != p.SHA256 {
		return nil, fmt.Errorf("%s: SHA-256 %s, want %s (the pinned %s)", deb, got, p.SHA256, p)
	}
	cmd := exec.Command("dpkg-deb", "--fsys-tarfile", deb)
	var tarball bytes.Buffer
	cmd.Stdout, cmd.Stderr = &tarball, os.Stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("dpkg-deb --fsys-tarfile %s: %w", deb, err)
	}
	want := map[string]bool{}
	for _, path := range paths {
		want[path] = true
	}
	out := make(map[string][]byte, len(paths))
	tr := tar.NewReader(&tarball)
	for len(out) < len(want) {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", deb, err)
		}
		if !want[h.Name] {
			continue
		}
		if out[h.Name], err = io.ReadAll(tr); err != nil {
			return nil, fmt.Errorf("%s: %s: %w", deb, h.Name, err)
		}
	}
	for _, path := range paths {
		if _, ok := out[path]; !ok {
			return nil, fmt.Errorf("%s: no %s", deb, path)
		}
	}
	return out, nil
}

// Open returns the named files of the package: of the .deb at deb, or,
// when deb is "", of the one Fetch downloads into a temporary directory.
func Open(p Package, deb string, paths ...string) (map[string][]byte, error) {
	if deb == "" {
		dir, err := os.MkdirTemp("", "debpkg-")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(dir)
		if deb, err = Fetch(p, dir); err != nil {
			return nil, err
		}
	}
	return Files(p, deb, paths...)
}
