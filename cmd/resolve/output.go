package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/resolve-tool/resolve/resolve/report"
)

// writeReport writes the report in the chosen format to path ("-" = stdout).
// A file is written to a temporary name beside it and renamed at the end, so
// an interrupted run never leaves a half-written report behind.
func writeReport(ctx context.Context, path string, stdout io.Writer, format string, r *report.Report) error {
	return writeAtomic(ctx, path, stdout, func(w io.Writer) error { return encode(w, format, r) })
}

func writeAtomic(ctx context.Context, path string, stdout io.Writer, write func(io.Writer) error) error {
	if path == "" || path == "-" {
		bw := bufio.NewWriterSize(stdout, 1<<16)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriterSize(tmp, 1<<16)
	if err := write(bw); err != nil {
		return fmt.Errorf("write report %s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write report %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("write report %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write report %s: %w", path, err)
	}
	if err := ctx.Err(); err != nil {
		return err // interrupted: the temporary file is removed, path untouched
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write report %s: %w", path, err)
	}
	done = true
	return nil
}

// encode writes r in one of the output formats.
func encode(w io.Writer, format string, r *report.Report) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(r)
	case "jsonl":
		return encodeJSONL(w, r)
	}
	return renderFormat(w, format, r)
}

// encodeJSONL writes one JSON object per line, each {"type": T, T: {...}}:
// first "run" (with schema_version), then one "cluster" line per cluster, one
// "rejected_row" line per rejected row, "changes" when there is a previous
// run, and "summary" last. A consumer can stream clusters without holding
// the whole report.
func encodeJSONL(w io.Writer, r *report.Report) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	type line struct {
		Type          string              `json:"type"`
		SchemaVersion int                 `json:"schema_version,omitempty"`
		Run           *report.Run         `json:"run,omitempty"`
		Cluster       *report.Cluster     `json:"cluster,omitempty"`
		RejectedRow   *report.RejectedRow `json:"rejected_row,omitempty"`
		Changes       *report.Changes     `json:"changes,omitempty"`
		Summary       *report.Summary     `json:"summary,omitempty"`
	}
	if err := enc.Encode(line{Type: "run", SchemaVersion: r.SchemaVersion, Run: &r.Run}); err != nil {
		return err
	}
	for i := range r.Clusters {
		if err := enc.Encode(line{Type: "cluster", Cluster: &r.Clusters[i]}); err != nil {
			return err
		}
	}
	for i := range r.RejectedRows {
		if err := enc.Encode(line{Type: "rejected_row", RejectedRow: &r.RejectedRows[i]}); err != nil {
			return err
		}
	}
	if r.Changes != nil {
		if err := enc.Encode(line{Type: "changes", Changes: r.Changes}); err != nil {
			return err
		}
	}
	return enc.Encode(line{Type: "summary", Summary: &r.Summary})
}
