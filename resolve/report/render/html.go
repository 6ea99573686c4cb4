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
	PageSize  int
}

// HTML writes the report as one self-contained HTML page: styles, script
// and data inline, no request to any other address (a Content-Security-Policy
// in the page forbids them). The report is embedded unchanged as JSON in
// <script type="application/json" id="report-data">, with <, > and & written
// as \u003c, \u003e and \u0026 so no string in it can close the element.
func HTML(w io.Writer, r *report.Report) error {
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
	page := htmlPage{
		Title:     title,
		Subtitle:  fmt.Sprintf("%d clusters from %d rows", len(r.Clusters), r.Run.Rows.Read),
		Generator: strings.TrimSpace(r.Run.Tool + " " + r.Run.Version),
		CSP: "default-src 'none'; script-src '" + cspHash(js) + "'; style-src '" + cspHash(css) +
			"'; img-src data:; base-uri 'none'; form-action 'none'",
		CSS:      template.CSS(css),
		JS:       template.JS(js),
		Data:     template.JS(dataMarker),
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

	bw := bufio.NewWriterSize(w, 64<<10)
	if _, err := bw.Write(head); err != nil {
		return fmt.Errorf("render html: %w", err)
	}
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(true) // <, >, & as \u003c..., so "</script>" cannot appear
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("render html: report data: %w", err)
	}
	if _, err := bw.Write(tail); err != nil {
		return fmt.Errorf("render html: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("render html: %w", err)
	}
	return nil
}

// cspHash is the CSP source expression allowing an inline element whose
// content is exactly b.
func cspHash(b []byte) string {
	sum := sha256.Sum256(b)
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}
