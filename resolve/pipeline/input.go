package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/resolve-tool/resolve/config"
	"github.com/resolve-tool/resolve/resolve/engine"
	"github.com/resolve-tool/resolve/resolve/input"
	"github.com/resolve-tool/resolve/resolve/job"
	"github.com/resolve-tool/resolve/resolve/report"
)

// loaded is the input held in memory for one run.
type loaded struct {
	path     string
	sha256   string
	format   string
	encoding string
	header   []string
	records  []input.Record
	rejected []input.Rejected
	ignored  []report.IgnoredRow // rows an "ignore" judgement set aside
}

// recordChunk is how many records readInput gathers before it starts another
// chunk.
const recordChunk = 1 << 14

// readInput streams the input file into memory, keeping every bad row.
func (j *Job) readInput(ctx context.Context, path string) (*loaded, error) {
	var rd *input.Reader
	var err error
	if path == "-" {
		rd, err = input.NewReader(j.Stdin, "stdin", job.InputOptions(j.Config.Input))
	} else {
		rd, err = input.Open(path, job.InputOptions(j.Config.Input))
	}
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	l := &loaded{path: path, format: rd.Format(), encoding: rd.Encoding(), header: rd.Header()}
	for _, c := range rd.Renamed() {
		j.Log.Warn().Int("column", c.Column).Str("header", c.Header).Str("carried_as", c.Name).
			Msgf("%s: column %d is named %q like an earlier column: it is carried as %q", path, c.Column, c.Header, c.Name)
	}
	bar := j.progress("read", -1)
	// Records are gathered in chunks and copied once into a slice of their
	// exact number: appending to one slice copies the records again at
	// every growth (at a million rows, 980 MB allocated for a slice of
	// 190 MB, which the collector then pays for).
	var chunks [][]input.Record
	var chunk []input.Record
	for i := 0; ; i++ {
		if i%8192 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			bar(i)
		}
		rec, rej, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		if rej != nil {
			j.Log.Warn().Int("row", rej.Row).Str("column", rej.Column).Str("kind", string(rej.Kind)).Msg("rejected: " + rej.Error())
			l.rejected = append(l.rejected, *rej)
			continue
		}
		if rec.NameCut != "" {
			j.Log.Warn().Int("row", rec.Row).Int("bytes", len(rec.Name)).
				Msgf("%s: row %d, column %q: name of %d bytes cut to its first %d characters for matching; the report keeps it whole",
					path, rec.Row, j.Config.Input.NameCol, len(rec.Name), input.DefaultMaxNameRunes)
		}
		if len(chunk) == cap(chunk) {
			if len(chunk) > 0 {
				chunks = append(chunks, chunk)
			}
			chunk = make([]input.Record, 0, recordChunk)
		}
		chunk = append(chunk, rec)
	}
	l.records = slices.Concat(append(chunks, chunk)...)
	bar(-1)
	if err := rd.CheckEncoding(); err != nil {
		return nil, wrongEncoding(err)
	}
	l.sha256 = rd.SHA256()
	return l, nil
}

// wrongEncoding turns the reader's *input.WrongEncodingError into a usage
// error (exit 2) whose hint names the encoding to give.
func wrongEncoding(err error) error {
	var we *input.WrongEncodingError
	if errors.As(err, &we) && we.Guess != "" {
		return &UsageError{Err: err, Hint: fmt.Sprintf("read it with --encoding %s (or save the file as UTF-8)", we.Guess)}
	}
	return &UsageError{Err: err, Hint: "give the file's encoding with --encoding (cp949, windows-1251, gb18030, big5, shift-jis, ...) or save it as UTF-8"}
}

// sourceUse reports the sources as configured when verification is off.
func sourceUse(c *config.Config) []report.SourceUse {
	var out []report.SourceUse
	for _, s := range c.Sources.ByName() {
		u := report.SourceUse{Name: s.Name, Enabled: s.Enabled && c.Verify.Enabled}
		if !c.Verify.Enabled {
			u.Note = "verification disabled (verify.enabled)"
		}
		out = append(out, u)
	}
	return out
}

// CountFlagged is the number of the report's clusters with an indicator.
func CountFlagged(r *report.Report) int {
	n := 0
	for _, c := range r.Clusters {
		if len(c.Flags) > 0 {
			n++
		}
	}
	return n
}

// SeverityRank orders the indicators' severities, low first.
var SeverityRank = map[string]int{"low": 1, "medium": 2, "high": 3}

func flaggedAtLeast(r *report.Report, sev string) bool {
	for _, c := range r.Clusters {
		for _, f := range c.Flags {
			if SeverityRank[f.Severity] >= SeverityRank[sev] {
				return true
			}
		}
	}
	return false
}

// buildReport converts the engine's result into the report schema.
func buildReport(in *loaded, res *engine.Result) *report.Report {
	rep := &report.Report{
		SchemaVersion: report.SchemaVersion,
		Run: report.Run{
			Tool: "resolve",
			Input: report.Input{Path: in.path, SHA256: in.sha256, Format: in.format, Encoding: in.encoding,
				Columns: in.header},
		},
		Clusters:     job.Clusters(in.records, res),
		RejectedRows: make([]report.RejectedRow, 0, len(in.rejected)),
	}
	for _, r := range in.rejected {
		rep.RejectedRows = append(rep.RejectedRows, report.RejectedRow{Row: r.Row, Column: r.Column, Reason: r.Reason, Raw: r.Raw})
	}
	rep.Run.Rows = report.RowCounts{Read: len(in.records) + len(in.rejected) + len(in.ignored), Clustered: len(in.records),
		Rejected: len(in.rejected), Ignored: len(in.ignored)}
	rep.IgnoredRows = in.ignored
	rep.Summary = summarise(rep, res.CandidatePairs)
	return rep
}

func summarise(rep *report.Report, pairs int) report.Summary {
	s := report.Summary{Clusters: len(rep.Clusters), CandidatePairs: pairs,
		FlagsByCode: map[string]int{}, FlagsBySev: map[string]int{}, Verification: rep.Summary.Verification}
	for _, c := range rep.Clusters {
		if c.Size == 1 {
			s.Singletons++
		}
		s.LargestCluster = max(s.LargestCluster, c.Size)
		if len(c.Flags) > 0 {
			s.ClustersFlagged++
		}
		for _, f := range c.Flags {
			s.FlagsByCode[f.Code]++
			s.FlagsBySev[f.Severity]++
		}
	}
	return s
}
