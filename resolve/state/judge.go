package state

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/gofrs/flock"
	"go.yaml.in/yaml/v3"
)

// Kind is the kind of an investigator's judgement.
type Kind string

// Judgement kinds.
const (
	Same      Kind = "same"      // a and b are the same company
	Different Kind = "different" // a and b are different companies
	Ignore    Kind = "ignore"    // leave rows with name a out of clustering
	// Checked: an investigator reviewed cluster a (a cluster ID) in the
	// report of run b (a run ID, may be empty). It changes no cluster; the
	// next runs' reports show it on the cluster, and say when the cluster's
	// members changed since.
	Checked Kind = "checked"
)

// Judgement is one investigator decision. A and B are raw names or cluster
// IDs; B is empty for Ignore. For Checked, A is a cluster ID and B the run
// whose report was reviewed.
type Judgement struct {
	Kind Kind   `yaml:"kind"`
	A    string `yaml:"a"`
	B    string `yaml:"b,omitempty"`
	Note string `yaml:"note,omitempty"`
	// Where it was read from (empty for one built in code).
	File string `yaml:"-"`
	Line int    `yaml:"-"`
}

func (j Judgement) String() string {
	s := string(j.Kind) + " " + quote(j.A)
	if j.B != "" {
		s += " " + quote(j.B)
	}
	if j.File != "" {
		s = fmt.Sprintf("%s:%d: %s", j.File, j.Line, s)
	}
	return s
}

func quote(s string) string { return fmt.Sprintf("%q", s) }

// ParseError is a bad judgements file: file, line, column (1-based; 0 when
// unknown), the field, and what is wrong.
type ParseError struct {
	File         string
	Line, Column int
	Field        string
	Msg          string
}

func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&b, ":%d", e.Column)
		}
	}
	b.WriteString(": ")
	if e.Field != "" {
		fmt.Fprintf(&b, "column %s: ", e.Field)
	}
	b.WriteString(e.Msg)
	return b.String()
}

// isYAML tells the format by extension: .yaml/.yml is YAML, anything else CSV.
func isYAML(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	return ext == ".yaml" || ext == ".yml"
}

// LoadJudgements reads a judgements file: YAML when it ends in .yaml or
// .yml, else CSV with the header kind,a,b,note (note may be left out; lines
// starting with # are comments). A missing file is an error wrapping
// fs.ErrNotExist.
func LoadJudgements(path string) ([]Judgement, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("judgements: %w", err)
	}
	return ParseJudgements(data, path)
}

// ParseJudgements parses the bytes of a judgements file named name (the name
// picks the format and appears in errors).
func ParseJudgements(data []byte, name string) ([]Judgement, error) {
	if isYAML(name) {
		return parseYAML(data, name)
	}
	return parseCSV(data, name)
}

var csvHeader = []string{"kind", "a", "b", "note"}

func parseCSV(data []byte, name string) ([]Judgement, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	r := csv.NewReader(bytes.NewReader(data))
	r.Comment = '#'
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if errors.Is(err, io.EOF) {
		return nil, nil
	}
	if err != nil {
		return nil, csvErr(name, err)
	}
	for i := range head {
		head[i] = strings.ToLower(strings.TrimSpace(head[i]))
	}
	if len(head) < 3 || len(head) > 4 || !slices.Equal(head, csvHeader[:len(head)]) {
		line, _ := r.FieldPos(0)
		return nil, &ParseError{File: name, Line: line, Column: 1,
			Msg: fmt.Sprintf("header is %q, want \"kind,a,b,note\"", strings.Join(head, ","))}
	}
	var out []Judgement
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, csvErr(name, err)
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		line, _ := r.FieldPos(0)
		if len(rec) > len(head) {
			l, c := r.FieldPos(len(head))
			return nil, &ParseError{File: name, Line: l, Column: c,
				Msg: fmt.Sprintf("%d fields, the header has %d (quote values that hold a comma)", len(rec), len(head))}
		}
		get := func(i int) string {
			if i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		j := Judgement{Kind: Kind(strings.ToLower(get(0))), A: get(1), B: get(2), Note: get(3), File: name, Line: line}
		if field, msg := j.check(); msg != "" {
			col := 0
			if i := slices.Index(csvHeader, field); i >= 0 && i < len(rec) {
				_, col = r.FieldPos(i)
			}
			return nil, &ParseError{File: name, Line: line, Column: col, Field: field, Msg: msg}
		}
		out = append(out, j)
	}
}

func csvErr(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &ParseError{File: name, Line: pe.Line, Column: pe.Column, Msg: pe.Err.Error()}
	}
	return &ParseError{File: name, Msg: err.Error()}
}

func parseYAML(data []byte, name string) ([]Judgement, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, &ParseError{File: name, Msg: err.Error()}
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, nil // empty file
	}
	seq := doc.Content[0]
	if seq.Kind == yaml.ScalarNode && seq.Tag == "!!null" {
		return nil, nil
	}
	if seq.Kind != yaml.SequenceNode {
		return nil, &ParseError{File: name, Line: seq.Line, Column: seq.Column,
			Msg: "want a list of judgements (- kind: same\\n  a: ...\\n  b: ...)"}
	}
	var out []Judgement
	for _, item := range seq.Content {
		if item.Kind != yaml.MappingNode {
			return nil, &ParseError{File: name, Line: item.Line, Column: item.Column,
				Msg: "want a mapping with kind, a, b, note"}
		}
		j := Judgement{File: name, Line: item.Line}
		pos := map[string][2]int{}
		for i := 0; i+1 < len(item.Content); i += 2 {
			k, v := item.Content[i], item.Content[i+1]
			if v.Kind != yaml.ScalarNode {
				return nil, &ParseError{File: name, Line: v.Line, Column: v.Column, Field: k.Value, Msg: "want a plain value"}
			}
			val := strings.TrimSpace(v.Value)
			if v.Tag == "!!null" {
				val = ""
			}
			pos[k.Value] = [2]int{v.Line, v.Column}
			switch k.Value {
			case "kind":
				j.Kind = Kind(strings.ToLower(val))
			case "a":
				j.A = val
			case "b":
				j.B = val
			case "note":
				j.Note = val
			default:
				return nil, &ParseError{File: name, Line: k.Line, Column: k.Column, Field: k.Value,
					Msg: "unknown key (want kind, a, b, note)"}
			}
		}
		if field, msg := j.check(); msg != "" {
			line, col := item.Line, item.Column
			if p, ok := pos[field]; ok {
				line, col = p[0], p[1]
			}
			return nil, &ParseError{File: name, Line: line, Column: col, Field: field, Msg: msg}
		}
		out = append(out, j)
	}
	return out, nil
}

// check validates one judgement: the field at fault and the message.
func (j Judgement) check() (field, msg string) {
	switch j.Kind {
	case Same, Different:
		if j.A == "" {
			return "a", "empty: a " + string(j.Kind) + " judgement needs two names or cluster IDs"
		}
		if j.B == "" {
			return "b", "empty: a " + string(j.Kind) + " judgement needs two names or cluster IDs"
		}
		if FoldName(j.A) == FoldName(j.B) {
			return "b", fmt.Sprintf("%q is the same name as a", j.B)
		}
	case Ignore:
		if j.A == "" {
			return "a", "empty: an ignore judgement needs the name to ignore"
		}
		if j.B != "" {
			return "b", "must be empty for ignore"
		}
	case Checked:
		if j.A == "" {
			return "a", "empty: a checked judgement needs the cluster ID"
		}
	case "":
		return "kind", "empty (want same, different, ignore or checked)"
	default:
		return "kind", fmt.Sprintf("%q is not a kind (want same, different, ignore or checked)", string(j.Kind))
	}
	return "", ""
}

// AddJudgement appends one judgement to the file at path (for `resolve
// judge`), creating the file (with the CSV header) if needed. The format
// follows the extension as in LoadJudgements. The judgement is validated,
// and the whole new file is parsed before it replaces the old one (written
// to a temporary file and renamed), so a bad file is never left behind.
// Concurrent calls are serialised with a lock file path+".lock".
func AddJudgement(path string, kind Kind, a, b, note string) error {
	j := Judgement{Kind: Kind(strings.ToLower(strings.TrimSpace(string(kind)))),
		A: strings.TrimSpace(a), B: strings.TrimSpace(b), Note: strings.TrimSpace(note)}
	if field, msg := j.check(); msg != "" {
		return fmt.Errorf("judgement: %s: %s", field, msg)
	}
	lk := flock.New(path + ".lock")
	if err := lk.Lock(); err != nil {
		return fmt.Errorf("judgements: lock %s: %w", path, err)
	}
	defer lk.Unlock()

	old, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("judgements: %w", err)
	}
	if _, err := ParseJudgements(old, path); err != nil {
		return fmt.Errorf("judgements: not adding to a file that does not parse: %w", err)
	}
	var buf bytes.Buffer
	buf.Write(old)
	if len(old) > 0 && old[len(old)-1] != '\n' {
		buf.WriteByte('\n')
	}
	if isYAML(path) {
		out, err := yaml.Marshal([]Judgement{j})
		if err != nil {
			return fmt.Errorf("judgements: %w", err)
		}
		if strings.TrimSpace(string(old)) == "[]" {
			buf.Reset()
		}
		buf.Write(out)
	} else {
		w := csv.NewWriter(&buf)
		if len(bytes.TrimSpace(old)) == 0 {
			buf.Reset()
			_ = w.Write(csvHeader)
		}
		_ = w.Write([]string{string(j.Kind), j.A, j.B, j.Note})
		w.Flush()
		if err := w.Error(); err != nil {
			return fmt.Errorf("judgements: %w", err)
		}
	}
	if _, err := ParseJudgements(buf.Bytes(), path); err != nil {
		return fmt.Errorf("judgements: adding would make %s unreadable (left unchanged): %w", path, err)
	}
	mode := fs.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		mode = fi.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("judgements: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		tmp.Close()
		return fmt.Errorf("judgements: write %s: %w", tmp.Name(), err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("judgements: write %s: %w", tmp.Name(), err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("judgements: write %s: %w", tmp.Name(), err)
	}
	_ = os.Chmod(tmp.Name(), mode)
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("judgements: %w", err)
	}
	return nil
}

// ClusterResolver finds the member names of a cluster ID. Store implements it.
type ClusterResolver interface {
	ClusterNames(ctx context.Context, clusterID string) ([]string, bool, error)
}

// Decisions are judgements turned into what the engine takes.
type Decisions struct {
	// Same and Different are raw-name pairs for engine.Options.
	Same, Different [][2]string
	// Conflicts are contradicting judgements. They are still passed on (the
	// engine lets "different" win and lists the refused "same" pairs in
	// Result.Conflicts); report them.
	Conflicts []Conflict
	// Unresolved are judgements naming something that looks like a cluster ID
	// but is in no past run; the value was used as a name.
	Unresolved []Judgement
	// Applied are all judgements with their outcome, for Snapshot.Judgements.
	Applied []AppliedJudgement
	// Checked are the "checked" judgements, in file order.
	Checked []Judgement

	ignore map[string]bool // FoldName
}

// Ignored reports whether rows with this raw name are to be left out of
// clustering (an ignore judgement, compared as FoldName).
func (d *Decisions) Ignored(name string) bool {
	return d != nil && d.ignore[FoldName(name)]
}

// IgnoredNames returns the ignored names (folded), sorted.
func (d *Decisions) IgnoredNames() []string { return sortedKeys(d.ignore) }

// Conflict is a "different" judgement contradicted by a "same" judgement on
// the same pair or by a chain of "same" judgements joining its two sides.
type Conflict struct {
	Different Judgement
	Same      []Judgement // the chain, in path order
	// Path is the names along the chain, from a side of Different to the other.
	Path []string
}

func (c Conflict) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s contradicts ", c.Different)
	for i, s := range c.Same {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(s.String())
	}
	if len(c.Path) > 0 {
		fmt.Fprintf(&b, " (%s)", strings.Join(c.Path, " = "))
	}
	return b.String()
}

var clusterIDPattern = regexp.MustCompile(`^C[0-9A-F]{10}(-[0-9]+)?$`)

// Decide resolves judgements into engine decisions. A value that is a cluster
// ID of a past run (ClusterNames finds it) stands for that cluster's member
// names as of the latest succeeded run that had it: "same C1 C2" ties all
// names of both clusters together (a chain, so n-1 pairs), "different C1 C2"
// separates every name of C1 from every name of C2 (|C1|·|C2| pairs), and
// "ignore C1" ignores all its names. Anything else is a raw name. r may be
// nil (no past runs).
//
// Conflicts: the "same" judgements form a graph over folded names; a
// "different" judgement whose two sides are joined in that graph is a
// conflict, reported with the shortest chain of "same" judgements that joins
// them.
func Decide(ctx context.Context, js []Judgement, r ClusterResolver) (*Decisions, error) {
	d := &Decisions{ignore: map[string]bool{}}
	unresolved := false // set by expand for the judgement at hand
	expand := func(j Judgement, v string) ([]string, error) {
		if r != nil {
			names, ok, err := r.ClusterNames(ctx, v)
			if err != nil {
				return nil, fmt.Errorf("judgements: %s: look up cluster %s: %w", j, v, err)
			}
			if ok && len(names) > 0 {
				return names, nil
			}
		}
		if clusterIDPattern.MatchString(v) {
			unresolved = true
		}
		return []string{v}, nil
	}

	// Same-graph over folded names; an edge remembers its judgement.
	type edge struct {
		to string
		j  int
	}
	graph := map[string][]edge{}
	display := map[string]string{} // folded → a raw spelling
	addEdge := func(a, b string, j int) {
		fa, fb := FoldName(a), FoldName(b)
		if _, ok := display[fa]; !ok {
			display[fa] = a
		}
		if _, ok := display[fb]; !ok {
			display[fb] = b
		}
		if fa == fb {
			return
		}
		graph[fa] = append(graph[fa], edge{fb, j})
		graph[fb] = append(graph[fb], edge{fa, j})
	}
	type diff struct {
		j    int
		a, b []string
	}
	var diffs []diff
	outcome := make([]string, len(js))
	for i, j := range js {
		outcome[i] = "applied"
		if field, msg := j.check(); msg != "" {
			return nil, fmt.Errorf("judgements: %s: %s: %s", j, field, msg)
		}
		if j.Kind == Checked {
			d.Checked = append(d.Checked, j)
			continue
		}
		unresolved = false
		a, err := expand(j, j.A)
		if err != nil {
			return nil, err
		}
		var b []string
		if j.Kind != Ignore {
			if b, err = expand(j, j.B); err != nil {
				return nil, err
			}
		}
		if unresolved {
			outcome[i] = "unresolved"
			d.Unresolved = append(d.Unresolved, j)
		}
		if j.Kind == Ignore {
			for _, n := range a {
				d.ignore[FoldName(n)] = true
			}
			continue
		}
		if j.Kind == Same {
			all := append(slices.Clone(a), b...)
			for _, n := range all[1:] {
				if FoldName(n) == FoldName(all[0]) {
					continue
				}
				d.Same = append(d.Same, [2]string{all[0], n})
				addEdge(all[0], n, i)
			}
			continue
		}
		for _, x := range a {
			for _, y := range b {
				if FoldName(x) != FoldName(y) {
					d.Different = append(d.Different, [2]string{x, y})
				}
			}
		}
		diffs = append(diffs, diff{i, a, b})
	}

	// Connected components of the same-graph.
	comp := map[string]int{}
	nextComp := 0
	for n := range graph {
		if _, ok := comp[n]; ok {
			continue
		}
		stack := []string{n}
		comp[n] = nextComp
		for len(stack) > 0 {
			x := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, e := range graph[x] {
				if _, ok := comp[e.to]; !ok {
					comp[e.to] = nextComp
					stack = append(stack, e.to)
				}
			}
		}
		nextComp++
	}
	for _, df := range diffs {
		var from, to string
	search:
		for _, x := range df.a {
			cx, ok := comp[FoldName(x)]
			if !ok {
				continue
			}
			for _, y := range df.b {
				if cy, ok := comp[FoldName(y)]; ok && cy == cx {
					from, to = FoldName(x), FoldName(y)
					break search
				}
			}
		}
		if from == "" {
			continue
		}
		// Shortest path (BFS; neighbours in insertion order, so deterministic).
		prev := map[string]edge{from: {to: "", j: -1}}
		queue := []string{from}
		for len(queue) > 0 && queue[0] != to {
			x := queue[0]
			queue = queue[1:]
			for _, e := range graph[x] {
				if _, seen := prev[e.to]; !seen {
					prev[e.to] = edge{to: x, j: e.j}
					queue = append(queue, e.to)
				}
			}
		}
		c := Conflict{Different: js[df.j]}
		var path []string
		var chain []int
		for x := to; x != from; x = prev[x].to {
			path = append(path, display[x])
			if len(chain) == 0 || chain[len(chain)-1] != prev[x].j {
				chain = append(chain, prev[x].j)
			}
		}
		path = append(path, display[from])
		slices.Reverse(path)
		slices.Reverse(chain)
		c.Path = path
		for _, ji := range chain {
			c.Same = append(c.Same, js[ji])
			outcome[ji] = "conflict"
		}
		outcome[df.j] = "conflict"
		d.Conflicts = append(d.Conflicts, c)
	}
	for i, j := range js {
		d.Applied = append(d.Applied, AppliedJudgement{Judgement: j, Outcome: outcome[i]})
	}
	return d, nil
}
