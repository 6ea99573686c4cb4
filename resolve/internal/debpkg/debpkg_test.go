package debpkg

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// buildDeb builds a package holding usr/share/demo/words.txt with
// dpkg-deb and returns its path and SHA-256.
func buildDeb(t *testing.T) (string, string) {
	t.Helper()
	if _, err := exec.LookPath("dpkg-deb"); err != nil {
		t.Skip("dpkg-deb not installed: debpkg reads packages with it")
	}
	root := t.TempDir()
	for path, text := range map[string]string{
		"DEBIAN/control":           "Package: demo\nVersion: 1.0-1\nArchitecture: all\nMaintainer: nobody <nobody@example.invalid>\nDescription: test\n",
		"usr/share/demo/words.txt": "alpha\nbeta\n",
	} {
		p := filepath.Join(root, "pkg", path)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	deb := filepath.Join(root, "demo_1.0-1_all.deb")
	if out, err := exec.Command("dpkg-deb", "--build", "--root-owner-group", filepath.Join(root, "pkg"), deb).CombinedOutput(); err != nil {
		t.Fatalf("dpkg-deb --build: %v\n%s", err, out)
	}
	raw, err := os.ReadFile(deb)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(raw)
	return deb, hex.EncodeToString(sum[:])
}

func TestFiles(t *testing.T) {
	deb, sum := buildDeb(t)
	p := Package{Name: "demo", Version: "1.0-1", SHA256: sum}
	files, err := Open(p, deb, "./usr/share/demo/words.txt")
	if err != nil {
		t.Fatal(err)
	}
	if got := string(files["./usr/share/demo/words.txt"]); got != "alpha\nbeta\n" {
		t.Errorf("words.txt = %q", got)
	}
	if _, err := Files(p, deb, "./usr/share/demo/missing.txt"); err == nil || !strings.Contains(err.Error(), "no ./usr/share/demo/missing.txt") {
		t.Errorf("a missing file: err = %v", err)
	}
	p.SHA256 = strings.Repeat("0", 64)
	if _, err := Files(p, deb, "./usr/share/demo/words.txt"); err == nil || !strings.Contains(err.Error(), "SHA-256") {
		t.Errorf("a wrong checksum: err = %v", err)
	}
}
