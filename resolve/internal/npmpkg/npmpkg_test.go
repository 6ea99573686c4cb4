package npmpkg

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"
)

func TestRead(t *testing.T) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	body := []byte("hello")
	if err := tw.WriteHeader(&tar.Header{Name: "package/a.txt", Mode: 0o644, Size: int64(len(body)), Typeflag: tar.TypeReg}); err != nil {
		t.Fatal(err)
	}
	tw.Write(body)
	tw.Close()
	zw.Close()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "x-1.0.0.tgz"), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(buf.Bytes())
	p := Package{Spec: "x@1.0.0", Tarball: "x-1.0.0.tgz", Integrity: "sha256:" + hex.EncodeToString(sum[:])}
	files, err := Read(dir, p)
	if err != nil {
		t.Fatal(err)
	}
	if string(files["package/a.txt"]) != "hello" {
		t.Fatalf("files = %q", files)
	}
	p.Integrity = "sha256:" + hex.EncodeToString(make([]byte, 32))
	if _, err := Read(dir, p); err == nil {
		t.Fatal("a tarball that does not match its pinned hash was read")
	}
}
