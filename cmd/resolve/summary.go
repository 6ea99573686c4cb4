package main

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/resolve-tool/resolve/resolve/pipeline"
	"github.com/resolve-tool/resolve/resolve/report"
)

// defaultReportName is where the main job writes its report when stdout is
// a terminal and neither --out nor --format is given: the terminal gets a
// short summary instead of the whole report.
const defaultReportName = "resolve-report"

// humanTarget decides where the report goes when stdout is a terminal: with
// no --out (output.path "-") and no --format flag, to resolve-report.FORMAT
// in the working directory, and the terminal gets the summary (true).
func (a *app) humanTarget(formatGiven bool) bool {
	if formatGiven || a.cfg.Output.Path != "-" || !isTerminal(a.stdout) {
		return false
	}
	a.cfg.Output.Path = defaultReportName + "." + a.cfg.Output.Format
	return true
}

// reportWritten says where the report went and what it holds: the log's
// last line, and, when the terminal got no report, a short summary on
// stdout.
func (a *app) reportWritten(rep *report.Report) {
	where := a.cfg.Output.Path
	if where == "-" {
		where = "stdout"
	}
	line := fmt.Sprintf("%s report written to %s: %s", a.cfg.Output.Format, where, holds(rep))
	a.log.Info().Str("report", where).Int("clusters", len(rep.Clusters)).Int("flagged", pipeline.CountFlagged(rep)).Msg(line)
	if a.summary {
		writeSummary(a.stdout, rep, a.cfg.Output.Path)
	}
}

// holds says what a report holds in one line.
func holds(rep *report.Report) string {
	s := fmt.Sprintf("%d rows in %d clusters, %d with indicators", rep.Run.Rows.Read, len(rep.Clusters), pipeline.CountFlagged(rep))
	if n := rep.Run.Rows.Rejected; n > 0 {
		s += fmt.Sprintf(", %d rows rejected", n)
	}
	return s
}

// flaggedBySeverity counts the clusters by their most severe indicator.
func flaggedBySeverity(rep *report.Report) map[string]int {
	out := map[string]int{}
	for _, c := range rep.Clusters {
		top := ""
		for _, f := range c.Flags {
			if pipeline.SeverityRank[f.Severity] > pipeline.SeverityRank[top] {
				top = f.Severity
			}
		}
		if top != "" {
			out[top]++
		}
	}
	return out
}

// writeSummary prints the terminal's summary of a run: the rows and
// clusters, the clusters with indicators by their most severe one, the
// riskiest few, and where the report is.
func writeSummary(w io.Writer, rep *report.Report, path string) {
	r := rep.Run.Rows
	fmt.Fprintf(w, "%d rows read: %d clustered into %d clusters (%d of one row)", r.Read, r.Clustered, len(rep.Clusters), rep.Summary.Singletons)
	if r.Rejected > 0 {
		fmt.Fprintf(w, ", %d rejected", r.Rejected)
	}
	if r.Ignored > 0 {
		fmt.Fprintf(w, ", %d ignored by a judgement", r.Ignored)
	}
	fmt.Fprintln(w, ".")
	by := flaggedBySeverity(rep)
	if n := by["high"] + by["medium"] + by["low"]; n == 0 {
		fmt.Fprintln(w, "No cluster has indicators.")
	} else {
		fmt.Fprintf(w, "%d clusters with indicators: %d high, %d medium, %d low (by their most severe).\n", n, by["high"], by["medium"], by["low"])
		for _, c := range riskiest(rep, 5) {
			codes := make([]string, len(c.Flags))
			for i, f := range c.Flags {
				codes[i] = f.Code
			}
			fmt.Fprintf(w, "  %s  %-40s risk %.2f  %s\n", c.ID, c.CanonicalName, c.Risk.Score, strings.Join(codes, ", "))
		}
	}
	if v := rep.Summary.Verification; v != nil && v.Outcome != "complete" {
		fmt.Fprintf(w, "Verification: %s.\n", v.Outcome)
	}
	fmt.Fprintf(w, "Report: %s", path)
	if rep.SchemaVersion > 0 && strings.HasSuffix(path, ".json") {
		fmt.Fprintf(w, " (resolve render %s --html --out report.html makes the page to review it)", path)
	}
	fmt.Fprintln(w)
}

// riskiest returns up to k clusters with indicators, highest risk first
// (ties by ID).
func riskiest(rep *report.Report, k int) []*report.Cluster {
	var out []*report.Cluster
	for i := range rep.Clusters {
		if len(rep.Clusters[i].Flags) > 0 {
			out = append(out, &rep.Clusters[i])
		}
	}
	slices.SortFunc(out, func(x, y *report.Cluster) int {
		if c := cmp.Compare(y.Risk.Score, x.Risk.Score); c != 0 {
			return c
		}
		return strings.Compare(x.ID, y.ID)
	})
	return out[:min(k, len(out))]
}
