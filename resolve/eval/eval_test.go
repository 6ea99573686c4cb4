package eval

import (
	"context"
	"encoding/csv"
	"hash/fnv"
	"os"
	"testing"

	"github.com/resolve-tool/resolve/resolve/block"
	"github.com/resolve-tool/resolve/resolve/cluster"
	"github.com/resolve-tool/resolve/resolve/engine"
	"github.com/resolve-tool/resolve/resolve/internal/shared"
	"github.com/resolve-tool/resolve/resolve/match"
	"github.com/resolve-tool/resolve/resolve/synth"
)

func options() engine.Options {
	p := match.DefaultParams()
	return engine.Options{
		Match:   p,
		Cluster: cluster.Params{Threshold: p.Threshold, CrossThreshold: 0.88, LinkThreshold: 0.8, Sample: 12, ReciprocalFloor: 0.68, ReciprocalMargin: 0.10},
		Block:   block.Params{MaxCandidates: 40, MaxBlock: 1000, MaxReserved: 10},
	}
}

// Synthetic names with planted variants (romanisation, scripts, legal forms,
// typos) and sibling companies that share a stem: floors on precision,
// recall and blocking recall.
func TestSyntheticAccuracy(t *testing.T) {
	var items []Item
	_ = synth.Generate(synth.Options{Rows: 5000, Seed: 11}, func(r synth.Row) error {
		items = append(items, Item{Name: r.Name, Country: r.Country, Truth: r.Truth})
		return nil
	})
	m, err := Run(context.Background(), items, options(), 10)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("synthetic: precision %.4f recall %.4f shared-word recall %.4f blocking recall %.4f B-cubed F1 %.4f",
		m.Precision, m.Recall, m.SharedRecall, m.BlockingRecall, m.BCubedF1)
	if m.Precision < 0.90 || m.SharedRecall < 0.85 || m.BlockingRecall < 0.99 {
		t.Errorf("below floors (precision 0.90, shared-word recall 0.85, blocking recall 0.99)")
	}
}

// The OFAC 2021 organisation clusters (dev set). Aliases of sanctioned
// entities include translations and acronyms no string matcher can link, so
// recall is low by nature; the floors guard precision and what we have.
func TestOFACDev(t *testing.T) {
	f, err := os.Open(shared.Path(t, "eval/dev/ofac_sdn_2021_org_clusters.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma, r.LazyQuotes, r.FieldsPerRecord = '\t', true, -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var items []Item
	for _, row := range rows[1:] {
		items = append(items, Item{Truth: row[0], Name: row[1], Country: row[6]})
	}
	m, err := Run(context.Background(), items, options(), 10)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("OFAC dev: precision %.4f (without identical-name pairs %.4f) recall %.4f shared-word recall %.4f B-cubed P %.4f R %.4f F1 %.4f",
		m.Precision, m.PrecisionDistinct, m.Recall, m.SharedRecall, m.BCubedPrecision, m.BCubedRecall, m.BCubedF1)
	if m.Precision < 0.90 || m.BCubedPrecision < 0.97 || m.BCubedF1 < 0.69 {
		t.Errorf("below floors (precision 0.90, B-cubed precision 0.97, B-cubed F1 0.69)")
	}
}

// Real native / English name pairs of Korean, Japanese, Chinese, Taiwanese
// and EU registers (../shared/data/eval/crossscript, development half; see
// its README). The floors hold what the matcher reaches today, so a change
// that loses cross-script matches or merges different companies fails; the
// issue's targets are in the README's accuracy table.
func TestCrossScript(t *testing.T) {
	floors := []struct {
		group             string
		precision, recall float64
	}{
		{"ko", 0.95, 0.76},
		{"ja", 0.95, 0.775},
		{"zh", 0.99, 0.48},
		{"ru", 0.95, 0.67},
		{"zh_tw", 0.60, 0.04},
		{"zh_foreign", 0.80, 0.17},
	}
	for _, fl := range floors {
		t.Run(fl.group, func(t *testing.T) {
			items := readTruth(t, shared.Path(t, "eval/crossscript/clusters_"+fl.group+".tsv"))
			m, err := Run(context.Background(), items, options(), 10)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: pairwise precision %.4f recall %.4f F1 %.4f; B-cubed F1 %.4f; blocking recall %.4f",
				fl.group, m.Precision, m.Recall, m.F1, m.BCubedF1, m.BlockingRecall)
			if m.Precision < fl.precision || m.Recall < fl.recall {
				t.Errorf("below floors (precision %.2f, recall %.2f)", fl.precision, fl.recall)
			}
		})
	}
}

// The cross-script sets hold both names of every company, which is where a
// reciprocal best match is right. With a third of the companies' English
// names and another third's native names left out, a native name's best
// partner may be a related company's English name (한화 / Hanwha
// Solutions): these floors bound what that costs.
func TestCrossScriptPartnersMissing(t *testing.T) {
	floors := []struct {
		group     string
		precision float64
	}{{"ko", 0.93}, {"ja", 0.95}, {"zh", 0.96}, {"ru", 0.95}}
	for _, fl := range floors {
		t.Run(fl.group, func(t *testing.T) {
			var items []Item
			for _, it := range readTruth(t, shared.Path(t, "eval/crossscript/clusters_"+fl.group+".tsv")) {
				h := fnv.New32a()
				h.Write([]byte(it.Truth))
				latin := match.SideOf(match.Analyse(it.Name, it.Country)) == match.SideLatin
				if third := h.Sum32() % 3; (latin && third == 0) || (!latin && third == 1) {
					continue
				}
				items = append(items, it)
			}
			m, err := Run(context.Background(), items, options(), 10)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s, partners missing: pairwise precision %.4f recall %.4f F1 %.4f", fl.group, m.Precision, m.Recall, m.F1)
			if m.Precision < fl.precision {
				t.Errorf("precision below %.2f", fl.precision)
			}
		})
	}
}

// readTruth reads a clusters file with name, cluster_id and country columns.
func readTruth(t *testing.T, path string) []Item {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma, r.LazyQuotes = '\t', true
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	var items []Item
	for _, row := range rows[1:] {
		items = append(items, Item{Name: row[col["name"]], Truth: row[col["cluster_id"]], Country: row[col["country"]]})
	}
	return items
}
