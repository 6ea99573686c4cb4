package render

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"path"
	"sort"
	"strings"

	"github.com/resolve-tool/resolve/resolve/report"
)

//go:embed assets/report.html.tmpl assets/app.js assets/style.css
var assets embed.FS

// PageSize is the number of clusters the HTML table shows a page.
const PageSize = 100

// dataMarker stands where the report JSON goes. The page is rendered once
// by html/template with the marker in place, then written around the JSON,
// which is streamed so a large report is never held twice in memory.
const dataMarker = "/*@resolve-report-data@*/"

type htmlPage struct {
	Title     string
	Subtitle  string
	Generator string
	CSP       string
	CSS       template.CSS
	JS        template.JS
	Data      template.JS
	Rest      bool
	RestData  template.JS
	PageSize  int
}

// InlineRows is how many input rows the page carries in full. Past it the
// page stays fast by carrying the clusters that need a look first (those
// with indicators, riskiest first, then the largest) with all their rows
// and evidence, and every other cluster as one short entry: ID, name, size,
// countries, risk and indicators, enough for the table, the counts and the
// search by name or ID. The page says so; the JSON and CSV outputs keep
// every row.
const InlineRows = 50_000

// serviceSources are the only addresses the page may connect to: a
// `resolve serve` on this machine, to which the investigator's click sends
// the review decisions (a remote service is reached through an SSH tunnel
// to its loopback port). The page requests nothing by itself.
const serviceSources = "http://127.0.0.1:* http://localhost:*"

// restMarker stands where the short entries go.
const restMarker = "/*@resolve-report-rest@*/"

// HTML writes the report as one self-contained HTML page: styles, script
// and data inline, no request to any other address (a Content-Security-Policy
// in the page forbids them) but, on the investigator's click, the review
// decisions POSTed to a `resolve serve` on loopback (serviceSources). Up to InlineRows input rows the report is
// embedded unchanged as JSON in <script type="application/json"
// id="report-data">; past it the clusters cut from it follow as short
// entries in <script type="application/json" id="report-rest"> (see
// InlineRows). <, > and & are written as \u003c, \u003e and \u0026 so no
// string in the data can close its element.
func HTML(w io.Writer, r *report.Report) error {
	return writeHTML(w, r, InlineRows)
}

func writeHTML(w io.Writer, r *report.Report, inlineRows int) error {
	tmplText, err := assets.ReadFile("assets/report.html.tmpl")
	if err != nil {
		return fmt.Errorf("render html: %w", err)
	}
	css, err := assets.ReadFile("assets/style.css")
	if err != nil {
		return fmt.Errorf("render html: %w", err)
	}
	js, err := assets.ReadFile("assets/app.js")
	if err != nil {
		return fmt.Errorf("render html: %w", err)
	}
	t, err := template.New("report").Parse(string(tmplText))
	if err != nil {
		return fmt.Errorf("render html: template: %w", err)
	}
	title := "resolve report"
	if p := r.Run.Input.Path; p != "" {
		title += ": " + path.Base(strings.ReplaceAll(p, `\`, "/"))
	}
	inline, rest := splitInline(r, inlineRows)
	page := htmlPage{
		Title:     title,
		Subtitle:  fmt.Sprintf("%d clusters from %d rows", len(r.Clusters), r.Run.Rows.Read),
		Generator: strings.TrimSpace(r.Run.Tool + " " + r.Run.Version),
		CSP: "default-src 'none'; script-src '" + cspHash(js) + "'; style-src '" + cspHash(css) +
			"'; img-src data:; connect-src " + serviceSources + "; base-uri 'none'; form-action 'none'",
		CSS:      template.CSS(css),
		JS:       template.JS(js),
		Data:     template.JS(dataMarker),
		Rest:     len(rest) > 0,
		RestData: template.JS(restMarker),
		PageSize: PageSize,
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, page); err != nil {
		return fmt.Errorf("render html: template: %w", err)
	}
	head, tail, ok := bytes.Cut(buf.Bytes(), []byte(dataMarker))
	if !ok || bytes.Contains(tail, []byte(dataMarker)) {
		return fmt.Errorf("render html: data marker not found exactly once in the page")
	}
	var mid []byte
	if page.Rest {
		if mid, tail, ok = bytes.Cut(tail, []byte(restMarker)); !ok || bytes.Contains(tail, []byte(restMarker)) {
			return fmt.Errorf("render html: rest marker not found exactly once in the page")
		}
	}

	bw := bufio.NewWriterSize(w, 64<<10)
	if _, err := bw.Write(head); err != nil {
		return fmt.Errorf("render html: %w", err)
	}
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(true) // <, >, & as \u003c..., so "</script>" cannot appear
	if err := enc.Encode(inline); err != nil {
		return fmt.Errorf("render html: report data: %w", err)
	}
	if page.Rest {
		if _, err := bw.Write(mid); err != nil {
			return fmt.Errorf("render html: %w", err)
		}
		if err := writeRest(bw, enc, r, rest, inlineRows); err != nil {
			return fmt.Errorf("render html: report data: %w", err)
		}
	}
	if _, err := bw.Write(tail); err != nil {
		return fmt.Errorf("render html: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("render html: %w", err)
	}
	return nil
}

// splitInline returns the report the page embeds in full and the indices
// of the clusters cut from it (nil when every row fits in inlineRows).
// Clusters with indicators come first, riskiest first, then the largest;
// the kept ones stay in the report's order.
func splitInline(r *report.Report, inlineRows int) (*report.Report, []int) {
	rows := 0
	for i := range r.Clusters {
		rows += len(r.Clusters[i].Members)
	}
	if rows <= inlineRows {
		return r, nil
	}
	order := make([]int, len(r.Clusters))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		x, y := &r.Clusters[order[a]], &r.Clusters[order[b]]
		if (len(x.Flags) > 0) != (len(y.Flags) > 0) {
			return len(x.Flags) > 0
		}
		if x.Risk.Score != y.Risk.Score {
			return x.Risk.Score > y.Risk.Score
		}
		return len(x.Members) > len(y.Members)
	})
	keep := make([]bool, len(r.Clusters))
	budget := inlineRows
	for _, i := range order {
		n := len(r.Clusters[i].Members)
		if n > budget {
			break
		}
		budget -= n
		keep[i] = true
	}
	cut := *r
	cut.Clusters = make([]report.Cluster, 0, len(r.Clusters))
	var rest []int
	for i := range r.Clusters {
		if keep[i] {
			cut.Clusters = append(cut.Clusters, r.Clusters[i])
		} else {
			rest = append(rest, i)
		}
	}
	return &cut, rest
}

// restCluster is the short entry of a cluster the page does not carry in
// full, written as a JSON array: [id, canonical name, size, countries,
// risk score, indicators as [code, severity, title]].
type restCluster struct {
	ID        string
	Name      string
	Size      int
	Countries []string
	Risk      float64
	Flags     [][3]string
}

func (c restCluster) MarshalJSON() ([]byte, error) {
	countries := c.Countries
	if countries == nil {
		countries = []string{}
	}
	flags := c.Flags
	if flags == nil {
		flags = [][3]string{}
	}
	return json.Marshal([]any{c.ID, c.Name, c.Size, countries, c.Risk, flags})
}

// writeRest writes {"inline_rows": n, "rows": cut rows, "clusters": [...]}
// one entry a line, so a million clusters are never held as one value.
func writeRest(w *bufio.Writer, enc *json.Encoder, r *report.Report, rest []int, inlineRows int) error {
	rows := 0
	for _, i := range rest {
		rows += len(r.Clusters[i].Members)
	}
	if _, err := fmt.Fprintf(w, `{"inline_rows":%d,"rows":%d,"clusters":[`, inlineRows, rows); err != nil {
		return err
	}
	for k, i := range rest {
		c := &r.Clusters[i]
		e := restCluster{ID: c.ID, Name: c.CanonicalName, Size: c.Size, Countries: c.Countries, Risk: c.Risk.Score}
		for _, f := range c.Flags {
			e.Flags = append(e.Flags, [3]string{f.Code, f.Severity, f.Title})
		}
		if k > 0 {
			if err := w.WriteByte(','); err != nil {
				return err
			}
		}
		if err := enc.Encode(e); err != nil { // Encode ends the entry with a newline
			return err
		}
	}
	_, err := w.WriteString("]}")
	return err
}

// cspHash is the CSP source expression allowing an inline element whose
// content is exactly b.
func cspHash(b []byte) string {
	sum := sha256.Sum256(b)
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}
