package state

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLoadJudgementsCSVAndYAMLAgree(t *testing.T) {
	want := []Judgement{
		{Kind: Same, A: "Zorbex Trading Co Ltd", B: "ZRBX Trading", Note: "same director, same address"},
		{Kind: Different, A: "Quillmore Shipping LLC", B: "Quillmore Shipping (Pty) Ltd", Note: "different registries"},
		{Kind: Ignore, A: "TO ORDER", Note: "placeholder consignee"},
		{Kind: Checked, A: "C0A1B2C3D4E", B: "R20261201T000000Z-000001", Note: "registry record and address verified"},
	}
	for file, lines := range map[string][]int{"testdata/judgements.csv": {3, 4, 5, 6}, "testdata/judgements.yaml": {2, 6, 10, 13}} {
		got, err := LoadJudgements(file)
		if err != nil {
			t.Fatal(err)
		}
		w := make([]Judgement, len(want))
		for i := range want {
			w[i] = want[i]
			w[i].File, w[i].Line = file, lines[i]
		}
		if diff := cmp.Diff(w, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", file, diff)
		}
	}
}

func TestParseJudgementsErrors(t *testing.T) {
	tests := []struct {
		name, file, data string
		want             string // the error text
	}{
		{"bad header", "j.csv", "kind,left,right\n", `j.csv:1:1: header is "kind,left,right", want "kind,a,b,note"`},
		{"unknown kind", "j.csv", "kind,a,b,note\nsame,x,y,\nmaybe,x,y,\n", `j.csv:3:1: column kind: "maybe" is not a kind (want same, different, ignore or checked)`},
		{"missing b", "j.csv", "kind,a,b,note\nsame,Zorbex,,\n", `j.csv:2:13: column b: empty: a same judgement needs two names or cluster IDs`},
		{"missing a", "j.csv", "kind,a,b\ndifferent,,Zorbex\n", `j.csv:2:11: column a: empty: a different judgement needs two names or cluster IDs`},
		{"same name twice", "j.csv", "kind,a,b\nsame,Zorbex Ltd,ZORBEX  LTD\n", `j.csv:2:17: column b: "ZORBEX  LTD" is the same name as a`},
		{"checked without a cluster", "j.csv", "kind,a,b,note\nchecked,,R1,\n", `j.csv:2:9: column a: empty: a checked judgement needs the cluster ID`},
		{"ignore with b", "j.csv", "kind,a,b,note\nignore,TO ORDER,x,\n", `j.csv:2:17: column b: must be empty for ignore`},
		{"too many fields", "j.csv", "kind,a,b,note\nsame,Zorbex, Ltd,ZRBX,x\n", `j.csv:2:23: 5 fields, the header has 4 (quote values that hold a comma)`},
		{"bad quote", "j.csv", "kind,a,b,note\nsame,\"Zorbex,ZRBX,\n", `j.csv:2:20: extraneous or missing " in quoted-field`},
		{"yaml not a list", "j.yaml", "kind: same\n", `j.yaml:1:1: want a list of judgements (- kind: same\n  a: ...\n  b: ...)`},
		{"yaml unknown key", "j.yaml", "- kind: same\n  a: x\n  c: y\n", `j.yaml:3:3: column c: unknown key (want kind, a, b, note)`},
		{"yaml bad kind", "j.yml", "- kind: same\n  a: x\n  b: y\n- kind: nope\n  a: x\n", `j.yml:4:9: column kind: "nope" is not a kind (want same, different, ignore or checked)`},
		{"yaml missing b", "j.yaml", "- kind: different\n  a: x\n", `j.yaml:1:3: column b: empty: a different judgement needs two names or cluster IDs`},
		{"yaml nested value", "j.yaml", "- kind: same\n  a: [x]\n  b: y\n", `j.yaml:2:6: column a: want a plain value`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseJudgements([]byte(tt.data), tt.file)
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("want a *ParseError, got %v", err)
			}
			if err.Error() != tt.want {
				t.Errorf("error\n got %s\nwant %s", err, tt.want)
			}
		})
	}
}

func TestParseJudgementsEmpty(t *testing.T) {
	for _, f := range []struct{ name, data string }{{"e.csv", ""}, {"h.csv", "kind,a,b,note\n"}, {"e.yaml", ""}, {"n.yaml", "# nothing yet\n"}, {"l.yaml", "[]\n"}} {
		js, err := ParseJudgements([]byte(f.data), f.name)
		if err != nil || len(js) != 0 {
			t.Errorf("%s: %v %v", f.name, js, err)
		}
	}
	_, err := LoadJudgements(filepath.Join(t.TempDir(), "none.csv"))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}

func TestAddJudgement(t *testing.T) {
	for _, name := range []string{"j.csv", "j.yaml"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), name)
			if err := AddJudgement(path, "same", "Zorbex Trading", "ZRBX, Trading \"Co\"", "phone call"); err != nil {
				t.Fatal(err)
			}
			if err := AddJudgement(path, "IGNORE", " TO ORDER ", "", ""); err != nil {
				t.Fatal(err)
			}
			// Invalid: refused, file unchanged.
			before, _ := os.ReadFile(path)
			if err := AddJudgement(path, "different", "x", "", ""); err == nil || !strings.Contains(err.Error(), "b: empty") {
				t.Fatalf("want an error for a missing b, got %v", err)
			}
			after, _ := os.ReadFile(path)
			if string(before) != string(after) {
				t.Fatal("a refused judgement changed the file")
			}
			js, err := LoadJudgements(path)
			if err != nil {
				t.Fatalf("%v\n%s", err, after)
			}
			want := []Judgement{
				{Kind: Same, A: "Zorbex Trading", B: "ZRBX, Trading \"Co\"", Note: "phone call"},
				{Kind: Ignore, A: "TO ORDER"},
			}
			for i := range js {
				js[i].File, js[i].Line = "", 0
			}
			if diff := cmp.Diff(want, js); diff != "" {
				t.Errorf("(-want +got):\n%s\nfile:\n%s", diff, after)
			}
		})
	}
}

func TestAddJudgementConcurrent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "j.csv")
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			if err := AddJudgement(path, Ignore, "Name "+string(rune('A'+i)), "", ""); err != nil {
				t.Error(err)
			}
		}(i)
	}
	wg.Wait()
	js, err := LoadJudgements(path)
	if err != nil || len(js) != 8 {
		t.Fatalf("%d judgements, %v", len(js), err)
	}
}

func TestAddJudgementRefusesBrokenFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "j.csv")
	os.WriteFile(path, []byte("kind,left,right\n"), 0o644)
	err := AddJudgement(path, Same, "a", "b", "")
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("want a parse error, got %v", err)
	}
}

// fakeClusters resolves cluster IDs from a map.
type fakeClusters map[string][]string

func (f fakeClusters) ClusterNames(_ context.Context, id string) ([]string, bool, error) {
	n, ok := f[id]
	return n, ok, nil
}

func TestDecide(t *testing.T) {
	ctx := context.Background()
	clusters := fakeClusters{
		"C0000000001": {"Zorbex Trading Co Ltd", "ZORBEX TRADING LTD"},
		"C0000000002": {"Zorbex Holdings", "Zorbex Hldgs"},
	}
	js := []Judgement{
		{Kind: Same, A: "C0000000001", B: "ZRBX Trading"},
		{Kind: Different, A: "C0000000001", B: "C0000000002"},
		{Kind: Ignore, A: "to  order"},
		{Kind: Same, A: "CFFFFFFFFFF", B: "Kestrava Foods"}, // looks like an ID, in no run
	}
	d, err := Decide(ctx, js, clusters)
	if err != nil {
		t.Fatal(err)
	}
	wantSame := [][2]string{
		{"Zorbex Trading Co Ltd", "ZORBEX TRADING LTD"}, {"Zorbex Trading Co Ltd", "ZRBX Trading"},
		{"CFFFFFFFFFF", "Kestrava Foods"},
	}
	if diff := cmp.Diff(wantSame, d.Same); diff != "" {
		t.Errorf("same (-want +got):\n%s", diff)
	}
	wantDiff := [][2]string{
		{"Zorbex Trading Co Ltd", "Zorbex Holdings"}, {"Zorbex Trading Co Ltd", "Zorbex Hldgs"},
		{"ZORBEX TRADING LTD", "Zorbex Holdings"}, {"ZORBEX TRADING LTD", "Zorbex Hldgs"},
	}
	if diff := cmp.Diff(wantDiff, d.Different); diff != "" {
		t.Errorf("different (-want +got):\n%s", diff)
	}
	if !d.Ignored("TO ORDER") || !d.Ignored("To Order") || d.Ignored("TO ORDERS") {
		t.Error("ignore should match the folded name only")
	}
	if len(d.Conflicts) != 0 {
		t.Errorf("conflicts %v", d.Conflicts)
	}
	if len(d.Unresolved) != 1 || d.Unresolved[0].A != "CFFFFFFFFFF" {
		t.Errorf("unresolved %v", d.Unresolved)
	}
	var outcomes []string
	for _, a := range d.Applied {
		outcomes = append(outcomes, a.Outcome)
	}
	if diff := cmp.Diff([]string{"applied", "applied", "applied", "unresolved"}, outcomes); diff != "" {
		t.Errorf("outcomes (-want +got):\n%s", diff)
	}
}

func TestDecideConflicts(t *testing.T) {
	ctx := context.Background()
	j := func(kind Kind, a, b string, line int) Judgement {
		return Judgement{Kind: kind, A: a, B: b, File: "j.csv", Line: line}
	}
	tests := []struct {
		name  string
		js    []Judgement
		r     ClusterResolver
		want  []string // Conflict.String()
		state []string // outcomes
	}{
		{name: "same and different on one pair",
			js:    []Judgement{j(Same, "Zorbex Ltd", "ZRBX Ltd", 2), j(Different, "zrbx ltd", "ZORBEX LTD", 3)},
			want:  []string{`j.csv:3: different "zrbx ltd" "ZORBEX LTD" contradicts j.csv:2: same "Zorbex Ltd" "ZRBX Ltd" (ZRBX Ltd = Zorbex Ltd)`},
			state: []string{"conflict", "conflict"}},
		{name: "a chain of sames",
			js: []Judgement{j(Same, "Alpha Kestrel", "Beta Kestrel", 2), j(Same, "Gamma Kestrel", "Beta Kestrel", 3),
				j(Same, "Delta Osprey", "Epsilon Osprey", 4), j(Different, "Alpha Kestrel", "Gamma Kestrel", 5)},
			want:  []string{`j.csv:5: different "Alpha Kestrel" "Gamma Kestrel" contradicts j.csv:2: same "Alpha Kestrel" "Beta Kestrel", j.csv:3: same "Gamma Kestrel" "Beta Kestrel" (Alpha Kestrel = Beta Kestrel = Gamma Kestrel)`},
			state: []string{"conflict", "conflict", "applied", "conflict"}},
		{name: "through a cluster ID",
			r:     fakeClusters{"C00000000AA": {"Alpha Kestrel", "Alpha Kestrel Ltd"}},
			js:    []Judgement{j(Same, "C00000000AA", "Beta Kestrel", 2), j(Different, "Alpha Kestrel Ltd", "Beta Kestrel", 3)},
			want:  []string{`j.csv:3: different "Alpha Kestrel Ltd" "Beta Kestrel" contradicts j.csv:2: same "C00000000AA" "Beta Kestrel" (Alpha Kestrel Ltd = Alpha Kestrel = Beta Kestrel)`},
			state: []string{"conflict", "conflict"}},
		{name: "no conflict across components",
			js:    []Judgement{j(Same, "Alpha", "Beta", 2), j(Same, "Gamma", "Delta", 3), j(Different, "Alpha", "Gamma", 4)},
			state: []string{"applied", "applied", "applied"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Decide(ctx, tt.js, tt.r)
			if err != nil {
				t.Fatal(err)
			}
			var got, state []string
			for _, c := range d.Conflicts {
				got = append(got, c.String())
			}
			for _, a := range d.Applied {
				state = append(state, a.Outcome)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("conflicts (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.state, state); diff != "" {
				t.Errorf("outcomes (-want +got):\n%s", diff)
			}
		})
	}
}

// FuzzParseJudgements: no panic on any input; whatever parses is valid and
// names its line.
func FuzzParseJudgements(f *testing.F) {
	for _, name := range []string{"testdata/judgements.csv", "testdata/judgements.yaml"} {
		data, _ := os.ReadFile(name)
		f.Add(data, strings.HasSuffix(name, ".yaml"))
	}
	f.Add([]byte("kind,a,b\nsame,\"x\ny\",z\n"), false)
	f.Fuzz(func(t *testing.T, data []byte, yml bool) {
		name := "f.csv"
		if yml {
			name = "f.yaml"
		}
		js, err := ParseJudgements(data, name)
		if err != nil {
			return
		}
		for _, j := range js {
			if field, msg := j.check(); msg != "" {
				t.Fatalf("parsed an invalid judgement %+v: %s %s", j, field, msg)
			}
			if j.Line < 1 || j.File != name {
				t.Fatalf("judgement without a position: %+v", j)
			}
		}
	})
}

// TestDecideChecked: a checked judgement joins and separates nothing, is
// listed under Checked in file order, and is recorded as applied.
func TestDecideChecked(t *testing.T) {
	js := []Judgement{
		{Kind: Checked, A: "C0A1B2C3D4E", B: "R1", Note: "looked", File: "j.csv", Line: 2},
		{Kind: Same, A: "Zorbex Trading", B: "ZRBX Trading", File: "j.csv", Line: 3},
	}
	d, err := Decide(context.Background(), js, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Same) != 1 || len(d.Different) != 0 || len(d.Unresolved) != 0 {
		t.Errorf("same %v different %v unresolved %v: the checked judgement must join and separate nothing", d.Same, d.Different, d.Unresolved)
	}
	if len(d.Checked) != 1 || d.Checked[0] != js[0] {
		t.Errorf("Checked = %+v, want the checked judgement", d.Checked)
	}
	if len(d.Applied) != 2 || d.Applied[0].Kind != Checked || d.Applied[0].Outcome != "applied" {
		t.Errorf("Applied = %+v, want the checked judgement applied first", d.Applied)
	}
}
