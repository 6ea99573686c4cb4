package report

import (
	"encoding/json"
	"io"
)

// JSONLine is one line of the report written as JSON lines: {"type": T,
// T: {...}}, T one of run (with schema_version), cluster, rejected_row,
// changes and summary.
type JSONLine struct {
	Type          string       `json:"type"`
	SchemaVersion int          `json:"schema_version,omitempty"`
	Run           *Run         `json:"run,omitempty"`
	Cluster       *Cluster     `json:"cluster,omitempty"`
	RejectedRow   *RejectedRow `json:"rejected_row,omitempty"`
	Changes       *Changes     `json:"changes,omitempty"`
	Summary       *Summary     `json:"summary,omitempty"`
}

// EncodeJSONLines writes r as JSON lines: first "run", then one "cluster"
// line per cluster, one "rejected_row" line per rejected row, "changes"
// when there is a previous run, and "summary" last, so that a consumer can
// stream clusters without holding the whole report. HTML characters are
// not escaped.
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
	if r.Changes != nil {
		if err := enc.Encode(JSONLine{Type: "changes", Changes: r.Changes}); err != nil {
			return err
		}
	}
	return enc.Encode(JSONLine{Type: "summary", Summary: &r.Summary})
}
