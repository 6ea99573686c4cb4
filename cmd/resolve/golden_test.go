package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files of the sample run")

// retrievedAt masks retrieval times, the only thing that changes between runs.
var retrievedAt = regexp.MustCompile(`"(retrievedAt|retrieved_at)":\["[^"]*"\]`)

// The CSV and FtM outputs of the README's sample run, against golden files
// (go test ./cmd/resolve -run Golden -update rewrites them).
func TestSampleRunGolden(t *testing.T) {
	for _, format := range []string{"csv", "ftm"} {
		t.Run(format, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "sample."+format)
			var sink bytes.Buffer
			args := []string{"--in", "../../testdata/suppliers.csv", "--config", "../../testdata/sample.yaml",
				"--store", filepath.Join(dir, "s.db"), "--format", format, "--out", out, "--log-format", "json"}
			if code := run(context.Background(), args, strings.NewReader(""), &sink, &sink); code != exitOK {
				t.Fatalf("exit %d: %s", code, sink.String())
			}
			got, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			got = retrievedAt.ReplaceAll(got, []byte(`"$1":["(time)"]`))
			golden := filepath.Join("testdata", "golden", "sample."+format)
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("%s output differs from %s (rerun with -update after checking the change)", format, golden)
			}
			if format == "ftm" {
				checkFtM(t, out)
			}
		})
	}
}

// checkFtM validates an FtM file with the model Aleph publishes
// (@alephdata/followthemoney), or skips when it is not installed.
func checkFtM(t *testing.T, file string) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not on PATH: FtM model check skipped (.ci/ui.sh installs it)")
	}
	dir := filepath.Join("..", "..", "testdata", "ftm-check")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@alephdata", "followthemoney")); err != nil {
		t.Skip("@alephdata/followthemoney not installed: FtM model check skipped (.ci/ui.sh runs npm ci)")
	}
	out, err := exec.Command(node, filepath.Join(dir, "check.js"), file).CombinedOutput()
	if err != nil {
		t.Fatalf("the FtM model rejects the sample run's output: %v\n%s", err, out)
	}
	t.Logf("%s", bytes.TrimSpace(out))
}
