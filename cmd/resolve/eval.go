package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/resolve-tool/resolve/resolve/eval"
	"github.com/resolve-tool/resolve/resolve/job"
)

func (a *app) evalCmd() *cobra.Command {
	var truth, nameCol, clusterCol, countryCol, kindCol string
	var worst int
	cmd := &cobra.Command{
		Use:   "eval --truth FILE",
		Short: "Cluster a labelled file and print precision, recall, F1 and B-cubed F1",
		Long: `Cluster the names of a labelled file (one row per name, a cluster_id column
naming the true entity; CSV or TSV by extension) with the configured parameters,
and print pairwise precision, recall and F1, recall over true pairs that share a
distinctive word, blocking recall, B-cubed F1, and the worst false merges and
misses; and, when the file has a kind column (resolve gen writes one),
precision and recall over the pairs that involve each kind of variant.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if truth == "" {
				return usageErr("give the labelled file: resolve eval --truth FILE", "no --truth file")
			}
			items, err := readTruth(truth, nameCol, clusterCol, countryCol, kindCol)
			if err != nil {
				return err
			}
			met, err := eval.Run(cmd.Context(), items, job.EngineOptions(a.cfg), worst)
			if err != nil {
				return err
			}
			printMetrics(a.stdout, truth, met)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&truth, "truth", "", "labelled file (CSV or TSV) with a name and a cluster_id column")
	f.StringVar(&nameCol, "name-col", "name", "column holding the name")
	f.StringVar(&clusterCol, "cluster-col", "cluster_id", "column holding the true entity id")
	f.StringVar(&countryCol, "country-col", "", "column holding the country (unused unless given)")
	f.StringVar(&kindCol, "kind-col", "kind", "column holding the kind of variant of a row (used if present)")
	f.IntVar(&worst, "worst", 15, "how many false merges and misses to show")
	return cmd
}

func readTruth(path, nameCol, clusterCol, countryCol, kindCol string) ([]eval.Item, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, usageErr("check the path given to --truth", "open %s: %v", path, err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	if ext := strings.ToLower(filepath.Ext(path)); ext == ".tsv" || ext == ".tab" {
		r.Comma = '\t'
		r.LazyQuotes = true
	}
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return nil, usageErr("the file needs a header row", "%s: %v", path, err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))] = i
	}
	ni, ok1 := col[nameCol]
	ci, ok2 := col[clusterCol]
	if !ok1 || !ok2 {
		return nil, usageErr("use --name-col and --cluster-col", "%s: columns %q and %q are needed, header is %q", path, nameCol, clusterCol, header)
	}
	ki := -1
	if countryCol != "" {
		if i, ok := col[countryCol]; ok {
			ki = i
		}
	}
	kc := -1
	if i, ok := col[kindCol]; ok && kindCol != "" {
		kc = i
	}
	var items []eval.Item
	for row := 2; ; row++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, usageErr("fix the file's CSV syntax", "%s: row %d: %v", path, row, err)
		}
		if len(rec) <= max(ni, ci) || strings.TrimSpace(rec[ni]) == "" {
			continue
		}
		it := eval.Item{Name: rec[ni], Truth: rec[ci]}
		if ki >= 0 && ki < len(rec) {
			it.Country = rec[ki]
		}
		if kc >= 0 && kc < len(rec) {
			it.Kind = rec[kc]
		}
		items = append(items, it)
	}
	return items, nil
}

func printMetrics(w io.Writer, path string, m *eval.Metrics) {
	fmt.Fprintf(w, "file              %s\n", path)
	fmt.Fprintf(w, "rows              %d (true entities %d, predicted clusters %d)\n", m.Rows, m.TrueClusters, m.PredictedClusters)
	fmt.Fprintf(w, "pairwise          precision %.4f  recall %.4f  F1 %.4f  (true pairs %d, predicted %d, correct %d)\n",
		m.Precision, m.Recall, m.F1, m.TruePairs, m.PredictedPairs, m.CorrectPairs)
	fmt.Fprintf(w, "identical names   %d wrong pairs join rows with the same name but different entities; precision without them %.4f\n",
		m.IdenticalFalsePairs, m.PrecisionDistinct)
	fmt.Fprintf(w, "shared-word pairs recall %.4f  (%d of %d true pairs share a distinctive word)\n",
		m.SharedRecall, m.SharedTruePairs, m.TruePairs)
	fmt.Fprintf(w, "blocking recall   %.4f  of shared-word true pairs reached the scorer (%d candidate pairs)\n", m.BlockingRecall, m.CandidatePairs)
	ms := m.MissStages
	fmt.Fprintf(w, "misses by stage   %d not blocked (would match), %d scored below the threshold, %d refused by clustering, %d neither blocked nor matching (distinct-name pairs)\n",
		ms.Unblocked, ms.Below, ms.Refused, ms.Unreached)
	fmt.Fprintf(w, "B-cubed           precision %.4f  recall %.4f  F1 %.4f\n", m.BCubedPrecision, m.BCubedRecall, m.BCubedF1)
	if len(m.Kinds) > 0 {
		fmt.Fprintln(w, "\nper kind of variant (pairs with at least one row of the kind):")
		fmt.Fprintf(w, "  %-10s %7s %10s %10s %10s %10s %10s\n", "kind", "rows", "precision", "recall", "linked", "true", "predicted")
		for _, k := range m.Kinds {
			fmt.Fprintf(w, "  %-10s %7d %10.4f %10.4f %10.4f %10d %10d\n", k.Kind, k.Rows, k.Precision, k.Recall, k.Linked, k.TruePairs, k.PredictedPairs)
		}
		fmt.Fprintln(w, "  (linked: rows of the kind clustered with their entity's first row, the plain form resolve gen writes first)")
	}
	fmt.Fprintln(w, "\nworst false merges (score, name, name, true ids):")
	for _, e := range m.FalseMerges {
		fmt.Fprintf(w, "  %.4f  %q  %q  %s/%s\n", e.Score, e.A, e.B, e.TruthA, e.TruthB)
	}
	if len(ms.UnblockedExamples) > 0 {
		fmt.Fprintln(w, "\nworst misses that blocking lost (score, name, name, true id):")
		for _, e := range ms.UnblockedExamples {
			fmt.Fprintf(w, "  %.4f  %q  %q  %s\n", e.Score, e.A, e.B, e.TruthA)
		}
	}
	fmt.Fprintln(w, "\nworst misses among shared-word pairs (score, name, name, true id):")
	for _, e := range m.Misses {
		fmt.Fprintf(w, "  %.4f  %q  %q  %s\n", e.Score, e.A, e.B, e.TruthA)
	}
}
