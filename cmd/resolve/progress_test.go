package main

import (
	"bytes"
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// fakeTerminal is a stderr that says it is a terminal.
type fakeTerminal struct{ bytes.Buffer }

func (*fakeTerminal) IsTerminal() bool { return true }

// TestProgressBarsOnTerminalOnly: on a terminal the stages of the main job
// that report as they go (read, prepare, block, score, verify, write) show
// a bar with the count (and, where the total is known, the time left); on
// anything else, no bar is drawn.
func TestProgressBarsOnTerminalOnly(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "names.csv")
	var sink bytes.Buffer
	if code := run(context.Background(), []string{"gen", "--rows", "20000", "--seed", "2", "--out", in}, strings.NewReader(""), &sink, &sink); code != exitOK {
		t.Fatalf("gen: exit %d: %s", code, sink.String())
	}
	args := []string{"--in", in, "--store", filepath.Join(dir, "s.db"), "--log-level", "error", "--log-format", "json"}

	term := &fakeTerminal{}
	a := newApp(strings.NewReader(""), &sink, term)
	a.progressAfter, a.progressEvery = 0, 0 // the test's stages are short: draw every report
	if code := a.run(context.Background(), append(args, "--out", filepath.Join(dir, "r1.json"))); code != exitOK {
		t.Fatalf("exit %d: %s", code, term.String())
	}
	got := term.String()
	if !regexp.MustCompile(`read \(\d+/-\)`).MatchString(got) {
		t.Errorf("no row count while reading in:\n%q", got)
	}
	if !regexp.MustCompile(`write \([\d.]+ [kM]?B, [\d.]+ [kM]?B/s\)`).MatchString(got) {
		t.Errorf("no bytes written while writing the report in:\n%q", got)
	}
	for _, stage := range []string{"prepare", "block", "score", "verify"} {
		if !regexp.MustCompile(stage + ` +\d+% \|[^|]*\| \(\d+/\d+\) \[\d+s:\d+s\]`).MatchString(got) {
			t.Errorf("no progress bar with a count for stage %q in:\n%q", stage, got)
		}
	}

	var plain bytes.Buffer
	b := newApp(strings.NewReader(""), &sink, &plain)
	b.progressAfter, b.progressEvery = 0, 0
	if code := b.run(context.Background(), append(args, "--out", filepath.Join(dir, "r2.json"))); code != exitOK {
		t.Fatalf("exit %d: %s", code, plain.String())
	}
	if strings.Contains(plain.String(), "\r") || strings.Contains(plain.String(), "score") {
		t.Errorf("progress drawn on a stderr that is not a terminal:\n%q", plain.String())
	}
}
