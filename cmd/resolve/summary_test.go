package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestTerminalGetsSummary: with stdout a terminal and neither --out nor
// --format, the report is written to resolve-report.json in the working
// directory and the terminal gets a short summary that says where it is;
// with --format json, or when stdout is not a terminal, the JSON goes to
// stdout as before. The log's last line says where the report went and
// what it holds.
func TestTerminalGetsSummary(t *testing.T) {
	sample, err := filepath.Abs("../../testdata/suppliers.csv")
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := filepath.Abs("../../testdata/sample.yaml")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	args := []string{"--in", sample, "--config", cfg, "--store", "s.db", "--log-format", "json"}

	term := &fakeTerminal{}
	var log bytes.Buffer
	if code := newApp(strings.NewReader(""), term, &log).run(context.Background(), args); code != exitOK {
		t.Fatalf("exit %d: %s", code, log.String())
	}
	out := term.String()
	for _, want := range []string{"169 rows read: 169 clustered into ", "clusters with indicators: ", "Report: resolve-report.json"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, `"schema_version"`) || len(out) > 2000 {
		t.Errorf("the terminal got the report (%d bytes), not a summary:\n%s", len(out), out)
	}
	r := readReport(t, "resolve-report.json")
	if len(r.Clusters) == 0 || !strings.Contains(out, "clustered into "+strconv.Itoa(len(r.Clusters))+" clusters") {
		t.Errorf("summary does not give the report's %d clusters:\n%s", len(r.Clusters), out)
	}
	lines := strings.Split(strings.TrimSpace(log.String()), "\n")
	var last struct{ Message, Report string }
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &last); err != nil || last.Report != "resolve-report.json" ||
		!strings.Contains(last.Message, "json report written to resolve-report.json: 169 rows in ") {
		t.Errorf("last log line %q, want where the report went and what it holds", lines[len(lines)-1])
	}

	// --format json on a terminal, and a pipe: the JSON on stdout.
	for name, tc := range map[string]struct {
		stdout interface {
			Write([]byte) (int, error)
			String() string
		}
		extra []string
	}{
		"terminal with --format json": {&fakeTerminal{}, []string{"--format", "json"}},
		"pipe":                        {&bytes.Buffer{}, nil},
	} {
		if err := os.Remove("resolve-report.json"); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		if code := newApp(strings.NewReader(""), tc.stdout, &log).run(context.Background(), append(args, tc.extra...)); code != exitOK {
			t.Fatalf("%s: exit %d: %s", name, code, log.String())
		}
		if !strings.Contains(tc.stdout.String(), `"schema_version": 2`) {
			t.Errorf("%s: no JSON report on stdout: %.200s", name, tc.stdout.String())
		}
		if _, err := os.Stat("resolve-report.json"); err == nil {
			t.Errorf("%s: resolve-report.json written, want the report on stdout only", name)
		}
	}
}
