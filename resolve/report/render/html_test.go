package render

import (
	"bytes"
	"encoding/json"
	"html"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/resolve-tool/resolve/resolve/report"
)

func renderHTML(t testing.TB, r *report.Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := HTML(&buf, r); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestHTMLGolden(t *testing.T) {
	golden(t, "sample.html", renderHTML(t, sampleReport()))
}

var (
	styleBlock  = regexp.MustCompile(`(?s)<style>(.*?)</style>`)
	scriptBlock = regexp.MustCompile(`(?s)<script>(.*?)</script>`)
	cspMeta     = regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]*)">`)
)

// embeddedReport returns the report JSON embedded in a page.
func embeddedReport(t testing.TB, page []byte) []byte {
	t.Helper()
	open := []byte(`<script type="application/json" id="report-data">`)
	if n := bytes.Count(page, open); n != 1 {
		t.Fatalf("found %d report-data blocks, want 1", n)
	}
	_, rest, _ := bytes.Cut(page, open)
	data, _, ok := bytes.Cut(rest, []byte("</script>"))
	if !ok {
		t.Fatal("report-data block not closed")
	}
	return data
}

func asJSONValue(t testing.TB, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestHTMLEmbedsTheReportSafely(t *testing.T) {
	r := sampleReport()
	page := renderHTML(t, r)
	data := embeddedReport(t, page)
	// A cluster name that closes the script element stays inside it.
	if bytes.Contains(bytes.ToLower(data), []byte("</script")) || bytes.Contains(data, []byte("<!--")) {
		t.Fatal("embedded JSON contains a sequence that ends the script element")
	}
	if !bytes.Contains(data, []byte(`Quux \u0026 Sons \u003c/script\u003e`)) {
		t.Error("the hostile name is not escaped as \\u003c/script\\u003e")
	}
	// The data is the report, unchanged.
	var got any
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatalf("embedded data is not JSON: %v", err)
	}
	if want := asJSONValue(t, r); !reflect.DeepEqual(got, want) {
		t.Error("embedded JSON differs from the report")
	}
	if n := bytes.Count(page, []byte("<script")); n != 2 {
		t.Errorf("page has %d script elements, want 2 (data and viewer)", n)
	}
}

func TestHTMLSelfContained(t *testing.T) {
	page := renderHTML(t, sampleReport())
	// Only the data block may hold URLs (as text); the markup, style and
	// script load nothing.
	shell := bytes.Replace(page, embeddedReport(t, page), nil, 1)
	for _, bad := range []string{" src=", "<link rel=\"stylesheet\"", "@import", "url(", "@font-face", "<iframe", "<img", "XMLHttpRequest", "https://", "sendBeacon", "WebSocket"} {
		if bytes.Contains(shell, []byte(bad)) {
			t.Errorf("page outside the data contains %q", bad)
		}
	}
	// The one request the page can make: the review decisions, POSTed on a
	// click to resolve serve on loopback, which the CSP alone allows.
	if n := bytes.Count(shell, []byte("fetch(")); n != 1 {
		t.Errorf("page outside the data calls fetch %d times, want once (postOne)", n)
	}
	for _, m := range regexp.MustCompile(`http://[^\s"'<;]*`).FindAll(shell, -1) {
		if !bytes.HasPrefix(m, []byte("http://127.0.0.1:")) && !bytes.HasPrefix(m, []byte("http://localhost:")) {
			t.Errorf("page outside the data names %s, not a loopback address", m)
		}
	}
	// The CSP allows exactly the inline style and script that are there.
	csp := cspMeta.FindSubmatch(page)
	if csp == nil {
		t.Fatal("no Content-Security-Policy meta element")
	}
	policy := html.UnescapeString(string(csp[1]))
	for _, part := range []string{"default-src 'none'", "base-uri 'none'", "form-action 'none'", "connect-src http://127.0.0.1:* http://localhost:*;"} {
		if !strings.Contains(policy, part) {
			t.Errorf("CSP %q lacks %q", policy, part)
		}
	}
	style := styleBlock.FindSubmatch(page)
	script := scriptBlock.FindSubmatch(page)
	if style == nil || script == nil {
		t.Fatal("no inline style or script")
	}
	if !strings.Contains(policy, "style-src '"+cspHash(style[1])+"'") {
		t.Errorf("CSP does not allow the inline style as written (hash %s)", cspHash(style[1]))
	}
	if !strings.Contains(policy, "script-src '"+cspHash(script[1])+"'") {
		t.Errorf("CSP does not allow the inline script as written (hash %s)", cspHash(script[1]))
	}
}

func TestHTMLWording(t *testing.T) {
	for _, name := range []string{"assets/app.js", "assets/report.html.tmpl", "assets/style.css"} {
		b, err := assets.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(bytes.ToLower(b), []byte("shell compan")) {
			t.Errorf("%s speaks of shell companies; say \"indicators present\"", name)
		}
		if name == "assets/app.js" && (bytes.Contains(bytes.ToLower(b), []byte("<script")) || bytes.Contains(bytes.ToLower(b), []byte("</script")) || bytes.Contains(b, []byte("<!--"))) {
			t.Errorf("%s contains a sequence that would change how the inline script element parses", name)
		}
	}
}

func TestHTMLTitleEscaped(t *testing.T) {
	r := sampleReport()
	r.Run.Input.Path = `C:\data\<b>ship&ments.csv`
	page := renderHTML(t, r)
	if !bytes.Contains(page, []byte("<title>resolve report: &lt;b&gt;ship&amp;ments.csv</title>")) {
		t.Errorf("title not escaped: %s", regexp.MustCompile(`<title>.*</title>`).Find(page))
	}
}

// TestHTMLLarge renders 50,000 clusters. The page must stay the report's
// JSON plus a constant shell: no per-cluster markup is generated on the
// server, and the viewer draws PageSize rows at a time.
func TestHTMLLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("large report")
	}
	const n = 50000
	r := largeReport(n)
	var buf bytes.Buffer
	if err := writeHTML(&buf, r, 3*n); err != nil { // every row inline
		t.Fatal(err)
	}
	page := buf.Bytes()
	raw, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	data := embeddedReport(t, page)
	shell := len(page) - len(data)
	if shell > 64<<10 {
		t.Errorf("page shell is %d bytes, want under 64 KiB", shell)
	}
	if len(data) > len(raw)+len(raw)/20+1 {
		t.Errorf("embedded data is %d bytes for %d bytes of JSON", len(data), len(raw))
	}
	var got struct {
		Clusters []struct {
			ID string `json:"id"`
		} `json:"clusters"`
	}
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Clusters) != n || got.Clusters[n-1].ID != r.Clusters[n-1].ID {
		t.Fatalf("embedded %d clusters, want %d", len(got.Clusters), n)
	}
	if c := bytes.Count(page, []byte("<tr")); c > 2 {
		t.Errorf("server-side markup has %d table rows; the viewer should build them", c)
	}
	t.Logf("50,000 clusters: page %.1f MiB (shell %d bytes)", float64(len(page))/(1<<20), shell)
}

// TestHTMLInlineCap: past the rows a page carries in full, the clusters
// with indicators stay whole, riskiest first, and the others become short
// entries in report-rest that say everything the table needs.
func TestHTMLInlineCap(t *testing.T) {
	r := largeReport(1000) // 3 rows a cluster; every fifth has an indicator
	var buf bytes.Buffer
	if err := writeHTML(&buf, r, 900); err != nil {
		t.Fatal(err)
	}
	page := buf.Bytes()
	var inline report.Report
	if err := json.Unmarshal(embeddedReport(t, page), &inline); err != nil {
		t.Fatal(err)
	}
	if len(inline.Clusters) != 300 {
		t.Fatalf("%d clusters inline, want 300 (900 rows)", len(inline.Clusters))
	}
	flagged := 0
	for _, c := range inline.Clusters {
		if len(c.Members) != 3 {
			t.Fatalf("inline cluster %s has %d rows, want all 3", c.ID, len(c.Members))
		}
		if len(c.Flags) > 0 {
			flagged++
		}
	}
	if flagged != 200 {
		t.Errorf("%d of the 200 clusters with indicators inline, want all", flagged)
	}
	if inline.Summary.Clusters != 1000 {
		t.Errorf("summary says %d clusters, want the run's 1000", inline.Summary.Clusters)
	}
	open := []byte(`<script type="application/json" id="report-rest">`)
	_, after, ok := bytes.Cut(page, open)
	if !ok {
		t.Fatal("no report-rest block")
	}
	data, _, _ := bytes.Cut(after, []byte("</script>"))
	var rest struct {
		InlineRows int                 `json:"inline_rows"`
		Rows       int                 `json:"rows"`
		Clusters   [][]json.RawMessage `json:"clusters"`
	}
	if err := json.Unmarshal(data, &rest); err != nil {
		t.Fatalf("report-rest: %v", err)
	}
	if rest.InlineRows != 900 || rest.Rows != 2100 || len(rest.Clusters) != 700 {
		t.Fatalf("report-rest: %d inline rows, %d rows, %d clusters; want 900, 2100, 700", rest.InlineRows, rest.Rows, len(rest.Clusters))
	}
	var id, name string
	if err := json.Unmarshal(rest.Clusters[0][0], &id); err != nil || len(rest.Clusters[0]) != 6 {
		t.Fatalf("short entry %s: want [id, name, size, countries, risk, indicators]", data[:200])
	}
	_ = json.Unmarshal(rest.Clusters[0][1], &name)
	found := false
	for _, c := range r.Clusters {
		if c.ID == id {
			found = c.CanonicalName == name && len(c.Flags) == 0
		}
	}
	if !found {
		t.Errorf("short entry %s %q is not a cluster without indicators of the report", id, name)
	}
	// Under the cap the page is as before: one data block, the report unchanged.
	small := renderHTML(t, sampleReport())
	if bytes.Contains(small, open) {
		t.Error("a small report has a report-rest block")
	}
}

func BenchmarkHTML50k(b *testing.B) {
	r := largeReport(50000)
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := HTML(&buf, r); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(buf.Len()))
}
