package reconcile

import (
	"fmt"
	"html/template"
	"net/http"
	"strings"
)

// words turns an indicator code into words: no_web_presence → "no web presence".
func words(code string) string { return strings.ReplaceAll(code, "_", " ") }

// describe is a cluster's description: its size, countries and indicators
// in words, and the risk score.
func describe(e *Entity) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d %s", len(e.Spellings), plural(len(e.Spellings), "spelling", "spellings"))
	if e.Size > 0 {
		fmt.Fprintf(&b, ", %d %s", e.Size, plural(e.Size, "row", "rows"))
	}
	if len(e.Countries) > 0 {
		b.WriteString("; " + strings.Join(e.Countries, ", "))
	}
	if len(e.Indicators) == 0 {
		b.WriteString("; no indicators")
	} else {
		parts := make([]string, len(e.Indicators))
		for i, f := range e.Indicators {
			parts[i] = words(f.Code) + " (" + f.Severity + ")"
		}
		fmt.Fprintf(&b, "; indicators: %s; risk %.2f", strings.Join(parts, ", "), e.Risk)
	}
	return b.String()
}

func describeRecord(r Record) string {
	parts := []string{r.Source + " " + r.ID}
	if r.Country != "" {
		parts = append(parts, r.Country)
	}
	if r.Status != "" {
		parts = append(parts, r.Status)
	}
	if len(r.Listed) > 0 {
		parts = append(parts, "listed: "+strings.Join(r.Listed, ", "))
	}
	return strings.Join(parts, "; ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// card is what the preview template shows.
type card struct {
	ID, Name, Kind string
	Names          []string
	More           int // names not shown
	Countries      []string
	Indicators     []Indicator
	Risk           string
	Status         string
	Links          []link
}

type link struct{ Text, URL string }

var previewTmpl = template.Must(template.New("preview").Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Name}}</title>
<style>body{font:13px/1.35 sans-serif;margin:8px;color:#222}h1{font-size:15px;margin:0 0 4px}
.k{color:#666}.high{color:#a00}.medium{color:#a60}.low{color:#666}ul{margin:2px 0 6px 16px;padding:0}</style></head>
<body><h1>{{.Name}}</h1><div class="k">{{.Kind}} {{.ID}}</div>
{{if .Names}}<div>Names:</div><ul>{{range .Names}}<li>{{.}}</li>{{end}}{{if .More}}<li class="k">and {{.More}} more</li>{{end}}</ul>{{end}}
{{if .Countries}}<div>Countries: {{range $i, $c := .Countries}}{{if $i}}, {{end}}{{$c}}{{end}}</div>{{end}}
{{if .Status}}<div>Status: {{.Status}}</div>{{end}}
{{if .Indicators}}<div>Indicators (not findings):</div><ul>{{range .Indicators}}<li class="{{.Severity}}">{{.Code}} ({{.Severity}})</li>{{end}}</ul>{{end}}
{{if .Risk}}<div>Risk score: {{.Risk}}</div>{{end}}
{{if .Links}}<div>Records:</div><ul>{{range .Links}}<li>{{if .URL}}<a href="{{.URL}}" target="_blank" rel="noopener noreferrer">{{.Text}}</a>{{else}}{{.Text}}{{end}}</li>{{end}}</ul>{{end}}
</body></html>
`))

// preview serves the HTML card of a cluster or record (GET /preview?id=).
func (s *Service) preview(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	var c card
	if e, ok := s.index().Entity(id); ok {
		c = card{ID: e.ID, Name: e.Name, Kind: "Cluster", Countries: e.Countries, Indicators: e.Indicators,
			Risk: fmt.Sprintf("%.2f", e.Risk)}
		for i, sp := range e.Spellings {
			if i == 8 {
				c.More = len(e.Spellings) - i
				break
			}
			c.Names = append(c.Names, sp.Name)
		}
		for _, rr := range e.Records {
			text := rr.Source + " " + rr.ID
			if rr.Status != "" {
				text += " (" + rr.Status + ")"
			}
			c.Links = append(c.Links, link{text, safeURL(rr.URL)})
		}
	} else {
		rec, ok, err := s.record(r.Context(), id)
		if err != nil {
			s.log.Error().Err(err).Msg("preview failed")
			httpError(w, http.StatusInternalServerError, "preview failed; see the service log")
			return
		}
		if !ok {
			httpError(w, http.StatusNotFound, "no cluster or record with that id")
			return
		}
		c = card{ID: rec.ID, Name: rec.Name, Kind: "Record of " + rec.Source, Names: rec.OtherNames, Status: rec.Status}
		if rec.Country != "" {
			c.Countries = []string{rec.Country}
		}
		for _, i := range rec.Identifiers {
			c.Links = append(c.Links, link{Text: i.Scheme + " " + i.Value})
		}
		if rec.URL != "" {
			c.Links = append(c.Links, link{"the record at " + rec.Source, safeURL(rec.URL)})
		}
		if len(rec.Listed) > 0 {
			c.Status = strings.TrimSpace(c.Status + " listed: " + strings.Join(rec.Listed, ", "))
		}
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	// No script, no outside resource: the card is shown in the client's iframe.
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'")
	if err := previewTmpl.Execute(w, c); err != nil {
		s.log.Error().Err(err).Msg("preview template")
	}
}

// safeURL keeps http(s) links only.
func safeURL(u string) string {
	if strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://") {
		return u
	}
	return ""
}
