package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/resolve-tool/resolve/resolve/job"
	"github.com/resolve-tool/resolve/resolve/match"
)

func (a *app) matchCmd() *cobra.Command {
	var explain bool
	var pairs, countryA, countryB string
	cmd := &cobra.Command{
		Use:   "match NAME NAME | match --pairs FILE",
		Short: "Score two names (with --explain, say why), or a CSV of pairs",
		Long: `Score two company names with the matching engine and the configured parameters.

With --pairs FILE, read a CSV with a header holding name1 and name2 (other
columns are ignored) and write CSV with header name1,name2,score,match,reasons,
where match is true/false at the configured threshold (match.threshold).`,
		Args: func(cmd *cobra.Command, args []string) error {
			if pairs != "" {
				return noArgs(cmd, args)
			}
			return exactArgs(2, "two names, or --pairs FILE")(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			m := match.New(job.MatchParams(a.cfg.Match), nil)
			if pairs != "" {
				return a.matchPairs(m, pairs)
			}
			r := m.Score(m.Prepare(args[0], countryA), m.Prepare(args[1], countryB))
			fmt.Fprintf(a.stdout, "%.4f\t%s\n", r.Score, verdict(r.Match))
			if explain {
				for _, x := range r.Reasons {
					fmt.Fprintf(a.stdout, "  %+.4f  %-20s %s\n", x.Effect, x.Kind, x.Detail)
				}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&explain, "explain", false, "print the reasons behind the score")
	cmd.Flags().StringVar(&pairs, "pairs", "", "CSV file of pairs (header with name1,name2)")
	cmd.Flags().StringVar(&countryA, "country1", "", "country of the first name (ISO code)")
	cmd.Flags().StringVar(&countryB, "country2", "", "country of the second name (ISO code)")
	return cmd
}

func verdict(ok bool) string {
	if ok {
		return "match"
	}
	return "no match"
}

func (a *app) matchPairs(m *match.Matcher, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return usageErr("check the path given to --pairs", "open pairs file: %v", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return usageErr("the pairs file needs a header row with name1,name2", "%s: %v", path, err)
	}
	c1, c2 := -1, -1
	for i, h := range header {
		switch strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")) {
		case "name1":
			c1 = i
		case "name2":
			c2 = i
		}
	}
	if c1 < 0 || c2 < 0 {
		return usageErr("the header must name the columns name1 and name2", "%s: columns name1/name2 not found in header %q", path, header)
	}
	w := csv.NewWriter(a.stdout)
	_ = w.Write([]string{"name1", "name2", "score", "match", "reasons"})
	row := 1
	for {
		rec, err := r.Read()
		row++
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return usageErr("fix the CSV syntax of the pairs file", "%s: row %d: %v", path, row, err)
		}
		if len(rec) <= max(c1, c2) {
			return usageErr("every row needs name1 and name2", "%s: row %d: too few fields", path, row)
		}
		res := m.Score(m.Prepare(rec[c1], ""), m.Prepare(rec[c2], ""))
		kinds := make([]string, 0, len(res.Reasons))
		for _, x := range res.Reasons {
			kinds = append(kinds, x.Kind+":"+x.Left+"/"+x.Right)
		}
		_ = w.Write([]string{rec[c1], rec[c2], strconv.FormatFloat(res.Score, 'f', 4, 64), strconv.FormatBool(res.Match), strings.Join(kinds, "; ")})
	}
	w.Flush()
	return w.Error()
}
