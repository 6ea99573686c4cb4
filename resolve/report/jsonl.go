package report

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// JSONLine is one line of the report written as JSON lines: {"type": T,
// T: {...}}, T one of run (with schema_version), cluster, rejected_row,
// ignored_row, judgements, changes and summary.
type JSONLine struct {
	Type          string       `json:"type"`
	SchemaVersion int          `json:"schema_version,omitempty"`
	Run           *Run         `json:"run,omitempty"`
	Cluster       *Cluster     `json:"cluster,omitempty"`
	RejectedRow   *RejectedRow `json:"rejected_row,omitempty"`
	IgnoredRow    *IgnoredRow  `json:"ignored_row,omitempty"`
	Judgements    *Judgements  `json:"judgements,omitempty"`
	Changes       *Changes     `json:"changes,omitempty"`
	Summary       *Summary     `json:"summary,omitempty"`
}

// EncodeJSONLines writes r as JSON lines: first "run", then one "cluster"
// line per cluster, one "rejected_row" line per rejected row, one
// "ignored_row" line per row an ignore judgement set aside, "judgements"
// when a judgements file was applied, "changes" when there is a previous
// run, and "summary" last, so that a consumer can stream clusters without
// holding the whole report. HTML characters are not escaped.
func EncodeJSONLines(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(JSONLine{Type: "run", SchemaVersion: r.SchemaVersion, Run: &r.Run}); err != nil {
		return err
	}
	for i := range r.Clusters {
		if err := enc.Encode(JSONLine{Type: "cluster", Cluster: &r.Clusters[i]}); err != nil {
			return err
		}
	}
	for i := range r.RejectedRows {
		if err := enc.Encode(JSONLine{Type: "rejected_row", RejectedRow: &r.RejectedRows[i]}); err != nil {
			return err
		}
	}
	for i := range r.IgnoredRows {
		if err := enc.Encode(JSONLine{Type: "ignored_row", IgnoredRow: &r.IgnoredRows[i]}); err != nil {
			return err
		}
	}
	if r.Judgements != nil {
		if err := enc.Encode(JSONLine{Type: "judgements", Judgements: r.Judgements}); err != nil {
			return err
		}
	}
	if r.Changes != nil {
		if err := enc.Encode(JSONLine{Type: "changes", Changes: r.Changes}); err != nil {
			return err
		}
	}
	return enc.Encode(JSONLine{Type: "summary", Summary: &r.Summary})
}

// JSONLinesError is a bad line of a report's JSON lines.
type JSONLinesError struct {
	Line int // 1-based
	Msg  string
}

func (e *JSONLinesError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// DecodeJSONLines reads a report written by EncodeJSONLines (by resolve
// --format jsonl or resolve-beam) back into a Report. The run line must
// come first and the summary last; a line of an unknown type, or one whose
// type and content disagree, is an error naming the line. Nothing is
// validated beyond the form of the lines (see ValidateJSON).
func DecodeJSONLines(rd io.Reader) (*Report, error) {
	r := &Report{RejectedRows: []RejectedRow{}}
	dec := json.NewDecoder(bufio.NewReader(rd))
	dec.DisallowUnknownFields()
	line, summary := 0, false
	for {
		var l JSONLine
		err := dec.Decode(&l)
		if errors.Is(err, io.EOF) {
			break
		}
		line++
		if err != nil {
			return nil, &JSONLinesError{Line: line, Msg: err.Error()}
		}
		bad := func(msg string) error { return &JSONLinesError{Line: line, Msg: msg} }
		if summary {
			return nil, bad(fmt.Sprintf("a %q line after the summary", l.Type))
		}
		if line == 1 && (l.Type != "run" || l.Run == nil) {
			return nil, bad(fmt.Sprintf("the first line is %q, want the run line", l.Type))
		}
		switch {
		case l.Type == "run" && l.Run != nil && line == 1:
			r.SchemaVersion, r.Run = l.SchemaVersion, *l.Run
		case l.Type == "cluster" && l.Cluster != nil:
			r.Clusters = append(r.Clusters, *l.Cluster)
		case l.Type == "rejected_row" && l.RejectedRow != nil:
			r.RejectedRows = append(r.RejectedRows, *l.RejectedRow)
		case l.Type == "ignored_row" && l.IgnoredRow != nil:
			r.IgnoredRows = append(r.IgnoredRows, *l.IgnoredRow)
		case l.Type == "judgements" && l.Judgements != nil && r.Judgements == nil:
			r.Judgements = l.Judgements
		case l.Type == "changes" && l.Changes != nil && r.Changes == nil:
			r.Changes = l.Changes
		case l.Type == "summary" && l.Summary != nil:
			r.Summary, summary = *l.Summary, true
		default:
			return nil, bad(fmt.Sprintf("a line of type %q without its %q object, or one too many", l.Type, l.Type))
		}
	}
	switch {
	case line == 0:
		return nil, &JSONLinesError{Line: 1, Msg: "empty: no run line"}
	case !summary:
		return nil, &JSONLinesError{Line: line, Msg: "no summary line: the file is cut short"}
	}
	if r.Clusters == nil {
		r.Clusters = []Cluster{}
	}
	return r, nil
}
