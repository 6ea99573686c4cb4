package input

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestGoldenBadInput reads the repository's testdata/bad_input.csv and
// compares every row's outcome with testdata/bad_input.golden.jsonl. Run
// `go test ./resolve/input -run Golden -update` after an intended change
// and review the diff.
func TestGoldenBadInput(t *testing.T) {
	r, err := Open(filepath.Join("..", "..", "testdata", "bad_input.csv"), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	r.name = "bad_input.csv" // independent of the working directory
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	recs, rejs := readAll(t, r)
	// Interleave in row order, as the reader returned them.
	for i, j := 0, 0; i < len(recs) || j < len(rejs); {
		if j == len(rejs) || (i < len(recs) && recs[i].Row < rejs[j].Row) {
			must(t, enc.Encode(map[string]any{"record": recs[i]}))
			i++
		} else {
			must(t, enc.Encode(map[string]any{"rejected": rejs[j], "error": rejs[j].Error()}))
			j++
		}
	}
	must(t, enc.Encode(map[string]any{"stats": r.Stats(), "sha256": r.SHA256(), "format": r.Format(), "encoding": r.Encoding()}))

	golden := filepath.Join("testdata", "bad_input.golden.jsonl")
	if *update {
		must(t, os.WriteFile(golden, out.Bytes(), 0o644))
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(out.Bytes(), want) {
		t.Errorf("output differs from %s (run with -update and review the diff):\n%s", golden, out.Bytes())
	}
	st := r.Stats()
	if st.Records != 5 || st.Rejected != 6 || st.BlankLines != 1 {
		t.Errorf("stats %+v: want 5 records, 6 rejections, 1 blank line", st)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
