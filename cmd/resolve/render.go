package main

import (
	"encoding/json"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/resolve-tool/resolve/config"
	"github.com/resolve-tool/resolve/resolve/report"
	"github.com/resolve-tool/resolve/resolve/report/render"
)

// renderFormat writes the human-facing formats.
func renderFormat(w io.Writer, format string, r *report.Report) error {
	switch format {
	case "html":
		return render.HTML(w, r)
	case "csv":
		return render.CSV(w, r)
	case "ftm":
		return render.FtM(w, r)
	}
	return usageErr("use one of json, jsonl, csv, ftm, html", "unknown output format %q", format)
}

func (a *app) renderCmd() *cobra.Command {
	var out string
	var html bool
	format := newChoice("html", config.OutputFormats...)
	cmd := &cobra.Command{
		Use:   "render REPORT.json [--html | --format csv|ftm|jsonl] [--out FILE]",
		Short: "Render a JSON report as HTML, CSV, FtM or JSON lines",
		Args:  exactArgs(1, "a JSON report file"),
		RunE: func(cmd *cobra.Command, args []string) error {
			b, err := os.ReadFile(args[0])
			if err != nil {
				return usageErr("give a report written by resolve --format json", "read report: %v", err)
			}
			var r report.Report
			if err := json.Unmarshal(b, &r); err != nil {
				return usageErr("give a report written by resolve --format json", "%s: %v", args[0], err)
			}
			if !report.ReadableVersion(r.SchemaVersion) {
				return usageErr("render it with the resolve version that wrote it",
					"%s: schema_version %d, this resolve reads 1 and %d", args[0], r.SchemaVersion, report.SchemaVersion)
			}
			r.SchemaVersion = report.SchemaVersion // a version 1 report is a version 2 one; written as such
			if html {
				format.value = "html"
			}
			return writeAtomic(cmd.Context(), out, a.stdout, func(w io.Writer) error { return encode(w, format.value, &r) })
		},
	}
	cmd.Flags().BoolVar(&html, "html", false, "render as one self-contained HTML page")
	cmd.Flags().Var(format, "format", "output format: "+strings.Join(config.OutputFormats, ", "))
	cmd.Flags().StringVar(&out, "out", "-", "output file; - is stdout")
	return cmd
}
