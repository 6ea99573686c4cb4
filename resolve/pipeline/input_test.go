package pipeline

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rs/zerolog"

	"github.com/resolve-tool/resolve/config"
)

// TestReadInputKeepsEveryRowInOrder: across several of readInput's chunks
// (and a last one part full), every good row is a record in file order and
// every bad row is rejected with its row number.
func TestReadInputKeepsEveryRowInOrder(t *testing.T) {
	cfg, err := config.New().Load("")
	if err != nil {
		t.Fatal(err)
	}
	const rows = 3*recordChunk + 17
	var b strings.Builder
	b.WriteString("name,country\n")
	bad := map[int]bool{}
	for i := range rows {
		if i%5000 == 4999 {
			b.WriteString(",KR\n") // no name: rejected
			bad[i+2] = true
			continue
		}
		fmt.Fprintf(&b, "Borvane Trading %d Ltd,KR\n", i)
	}
	path := filepath.Join(t.TempDir(), "names.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	j := &Job{Config: cfg, Log: zerolog.Nop()}
	in, err := j.readInput(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(in.records) + len(in.rejected); got != rows {
		t.Fatalf("%d records and %d rejected rows, want %d rows in all", len(in.records), len(in.rejected), rows)
	}
	if len(in.rejected) != len(bad) {
		t.Fatalf("%d rejected rows, want %d", len(in.rejected), len(bad))
	}
	for _, r := range in.rejected {
		if !bad[r.Row] {
			t.Errorf("row %d rejected: %v", r.Row, r)
		}
	}
	prev := 0
	for _, r := range in.records {
		if r.Row <= prev || bad[r.Row] {
			t.Fatalf("record of row %d after row %d", r.Row, prev)
		}
		if want := fmt.Sprintf("Borvane Trading %d Ltd", r.Row-2); r.Name != want {
			t.Fatalf("row %d: name %q, want %q", r.Row, r.Name, want)
		}
		prev = r.Row
	}
}
