package render

import (
	"bufio"
	"cmp"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/resolve-tool/resolve/resolve/report"
)

// CSVColumns are the fixed leading columns of the CSV output. Carried input
// columns follow them.
var CSVColumns = []string{"row", "id", "name", "country", "address", "date", "website", "email",
	"cluster_id", "canonical_name", "cluster_size", "linked_to_row", "link_score", "link_reasons",
	"flag_codes", "risk_score", "status", "reject_reason"}

// The positions of CSVColumns.
const (
	colRow = iota
	colID
	colName
	colCountry
	colAddress
	colDate
	colWebsite
	colEmail
	colCluster
	colCanonical
	colSize
	colLinkedTo
	colLinkScore
	colLinkReasons
	colFlags
	colRisk
	colStatus
	colRejectReason
)

// Row statuses in the CSV status column.
const (
	StatusClustered = "clustered"
	StatusRejected  = "rejected"
	StatusIgnored   = "ignored"
)

// IgnoredReasonPrefix begins the reject_reason of a row that an
// investigator's "ignore" judgement set aside (report.IgnoredRows): such a
// row gets status "ignored" in the CSV.
const IgnoredReasonPrefix = "ignored"

// CSV writes one line per input row (every cluster member and every rejected
// row) in input order, so the file joins back to the input on the row column.
// See the package documentation for the columns.
func CSV(w io.Writer, r *report.Report) error {
	type line struct {
		row int
		m   *report.Member
		c   *report.Cluster
		rej *report.RejectedRow
	}
	n := len(r.RejectedRows)
	for i := range r.Clusters {
		n += len(r.Clusters[i].Members)
	}
	lines := make([]line, 0, n)
	for i := range r.Clusters {
		c := &r.Clusters[i]
		for j := range c.Members {
			lines = append(lines, line{row: c.Members[j].Row, m: &c.Members[j], c: c})
		}
	}
	for i := range r.RejectedRows {
		lines = append(lines, line{row: r.RejectedRows[i].Row, rej: &r.RejectedRows[i]})
	}
	for _, ig := range r.IgnoredRows {
		lines = append(lines, line{row: ig.Row, rej: &report.RejectedRow{Row: ig.Row, Reason: IgnoredReasonPrefix + ": " + ig.Reason, Raw: ig.Name}})
	}
	slices.SortStableFunc(lines, func(a, b line) int { return cmp.Compare(a.row, b.row) })

	// Carried columns: in the input header's order when the header names
	// them, otherwise in the order first seen (a row's own keys sorted).
	var extra []string
	seen := map[string]bool{}
	for _, col := range r.Run.Input.Columns {
		seen[col] = false
	}
	var keys []string
	var late []string
	for _, l := range lines {
		if l.m == nil {
			continue
		}
		keys = keys[:0]
		for k := range l.m.Extra.All() {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			used, inHeader := seen[k]
			switch {
			case used:
			case inHeader:
				seen[k] = true
			default:
				seen[k] = true
				late = append(late, k)
			}
		}
	}
	for _, col := range r.Run.Input.Columns {
		if seen[col] && !slices.Contains(extra, col) {
			extra = append(extra, col)
		}
	}
	extra = append(extra, late...)

	header := slices.Clone(CSVColumns)
	for _, k := range extra {
		if slices.Contains(CSVColumns, k) {
			k = "input:" + k
		}
		header = append(header, k)
	}

	bw := bufio.NewWriterSize(w, 64<<10)
	cw := csv.NewWriter(bw)
	for i := range header {
		header[i] = CSVCell(header[i])
	}
	if err := cw.Write(header); err != nil {
		return fmt.Errorf("render csv: header: %w", err)
	}
	rec := make([]string, len(header))
	for _, l := range lines {
		clear(rec)
		rec[colRow] = strconv.Itoa(l.row)
		if l.rej != nil {
			rec[colStatus] = StatusRejected
			if strings.HasPrefix(strings.ToLower(l.rej.Reason), IgnoredReasonPrefix) {
				rec[colStatus] = StatusIgnored
			}
			rec[colRejectReason] = l.rej.Reason
			if l.rej.Column != "" {
				rec[colRejectReason] = l.rej.Column + ": " + l.rej.Reason
			}
		} else {
			m := l.m
			rec[colID], rec[colName] = m.ID, m.Name
			rec[colCountry], rec[colAddress], rec[colDate], rec[colWebsite], rec[colEmail] = m.Country, m.Address, m.Date, m.Website, m.Email
			rec[colCluster] = l.c.ID
			rec[colCanonical] = l.c.CanonicalName
			rec[colSize] = strconv.Itoa(l.c.Size)
			if ev := m.Evidence; ev != nil {
				rec[colLinkedTo] = strconv.Itoa(ev.LinkedToRow)
				rec[colLinkScore] = formatScore(ev.Score)
				rec[colLinkReasons] = linkReasons(ev)
			}
			rec[colFlags] = flagCodes(l.c.Flags)
			rec[colRisk] = formatScore(l.c.Risk.Score)
			rec[colStatus] = StatusClustered
			for i, k := range extra {
				rec[len(CSVColumns)+i] = l.m.Extra.Get(k)
			}
		}
		for i := range rec {
			rec[i] = CSVCell(rec[i])
		}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("render csv: row %d: %w", l.row, err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("render csv: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("render csv: %w", err)
	}
	return nil
}

// CSVCell makes a value safe to open in a spreadsheet, as OWASP recommends
// against CSV (formula) injection: a value that begins with "=", "+", "-",
// "@", a tab or a carriage return gets a leading "'", so Excel, LibreOffice
// and Google Sheets show it as text instead of evaluating it. Every other
// value is returned unchanged; quoting is left to encoding/csv (RFC 4180).
func CSVCell(v string) string {
	if v == "" {
		return v
	}
	switch v[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + v
	}
	return v
}

// linkReasons says in one cell why a row joined its cluster: the judgement
// that made the link, or the kinds of the reasons of its score with their
// effect ("romanisation +0.78; legal_form 0"), in the evidence's order.
func linkReasons(ev *report.Evidence) string {
	if ev.Judgement != "" {
		return "judgement: " + ev.Judgement
	}
	parts := make([]string, len(ev.Reasons))
	for i, r := range ev.Reasons {
		e := formatScore(r.Effect)
		if r.Effect > 0 {
			e = "+" + e
		}
		parts[i] = r.Kind + " " + e
	}
	return strings.Join(parts, "; ")
}

// flagCodes joins a cluster's distinct flag codes with ";" in report order.
func flagCodes(flags []report.Flag) string {
	codes := make([]string, 0, len(flags))
	for _, f := range flags {
		if !slices.Contains(codes, f.Code) {
			codes = append(codes, f.Code)
		}
	}
	return strings.Join(codes, ";")
}

// formatScore writes a score with at most four decimals and no trailing
// zeros ("0.35", "1", "0").
func formatScore(x float64) string {
	return strconv.FormatFloat(math.Round(x*1e4)/1e4, 'f', -1, 64)
}
