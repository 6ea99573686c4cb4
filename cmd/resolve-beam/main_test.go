package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunExitCodes: the command's contract, in-process: usage errors exit
// 2 with a hint, a run on prism (the default runner) exits 0 and writes
// the JSON lines.
func TestRunExitCodes(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("match:\n  threshhold: 0.9\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	in := filepath.Join("..", "..", "testdata", "suppliers.csv")
	out := filepath.Join(dir, "clusters.jsonl")
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"no flags", nil, exitUsage, "hint:"},
		{"unknown flag", []string{"--inn", in}, exitUsage, "flag provided but not defined"},
		{"config typo", []string{"--in", in, "--out", out, "--config", bad}, exitUsage, "threshhold"},
		{"missing input", []string{"--in", filepath.Join(dir, "none.csv"), "--out", out}, exitFailed, "none.csv"},
		{"suppliers", []string{"--in", in, "--out", out}, exitOK, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), tc.args, &stdout, &stderr)
			if code != tc.code || !strings.Contains(stderr.String(), tc.stderr) {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, tc.code, stderr.String())
			}
		})
	}
	lines := readLines(t, out)
	if len(clustersOf(lines)) == 0 || lines[0].Type != "run" || lines[len(lines)-1].Type != "summary" {
		t.Fatalf("output of the run: %d lines, first %q", len(lines), lines[0].Type)
	}
}
