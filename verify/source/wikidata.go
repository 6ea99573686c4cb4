package source

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"unicode"

	"github.com/resolve-tool/resolve/verify"
	"github.com/resolve-tool/resolve/verify/httpx"
)

// Wikidata: entity search plus one SPARQL query for the found items. No key;
// content CC0. Wikimedia's User-Agent policy asks for a descriptive agent with
// contact (set http.user_agent_contact).
//
// Hosts: www.wikidata.org (base_url) for
// GET /w/api.php?action=wbsearchentities&search=<name>&language=<ko|zh|ru|ja|en>&type=item&limit=7&format=json
// per searched name, and query.wikidata.org for one
// GET /sparql?query=...&format=json per cluster (labels and aliases in every
// language, official website P856, LEI P1278, country P17 → ISO P297,
// inception P571, dissolved P576; only items that are organisations or have an LEI are kept).
// Limits: WDQS allows 60 s of query time per minute per IP and User-Agent and
// answers 429 with Retry-After; clients that ignore it are banned.
type Wikidata struct {
	base
	sparql string
}

// NewWikidata builds the adapter. No key is needed.
func NewWikidata(s Settings, o Options) (*Wikidata, error) {
	b, err := newBase("wikidata", s, o, httpx.Options{})
	if err != nil {
		return nil, err
	}
	sp := o.WikidataSPARQL
	if sp == "" {
		if u, _ := url.Parse(b.url); u != nil && u.Hostname() == "www.wikidata.org" {
			sp = "https://query.wikidata.org/sparql"
		} else {
			sp = b.url + "/sparql"
		}
	}
	return &Wikidata{base: b, sparql: sp}, nil
}

// Covers: Wikidata is global.
func (w *Wikidata) Covers(country string) bool { return true }

// searchLanguage picks the wbsearchentities language from the name's script.
func searchLanguage(name string) string {
	switch {
	case hasScript(name, unicode.Hangul):
		return "ko"
	case hasScript(name, unicode.Hiragana), hasScript(name, unicode.Katakana):
		return "ja"
	case hasScript(name, unicode.Han):
		return "zh"
	case hasScript(name, unicode.Cyrillic):
		return "ru"
	}
	return "en"
}

// Search implements verify.Registry.
func (w *Wikidata) Search(ctx context.Context, q verify.Query) ([]verify.Record, error) {
	var ids []string
	seen := map[string]bool{}
	for _, name := range w.names(q) {
		var res struct {
			Search []struct {
				ID string `json:"id"`
			} `json:"search"`
		}
		u := w.endpoint("/w/api.php", url.Values{"action": {"wbsearchentities"}, "search": {name},
			"language": {searchLanguage(name)}, "uselang": {"en"}, "type": {"item"}, "limit": {"7"}, "format": {"json"}})
		if _, err := w.getJSON(ctx, u, &res); err != nil {
			return nil, fmt.Errorf("wikidata: search %q: %w", name, w.searchError(err))
		}
		for _, s := range res.Search {
			if isQID(s.ID) && !seen[s.ID] {
				seen[s.ID] = true
				ids = append(ids, s.ID)
			}
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	return w.details(ctx, ids)
}

func isQID(s string) bool {
	if len(s) < 2 || s[0] != 'Q' {
		return false
	}
	for _, r := range s[1:] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// wikidataQuery returns one row per (item, property, value).
func wikidataQuery(ids []string) string {
	vals := make([]string, len(ids))
	for i, id := range ids {
		vals[i] = "wd:" + id
	}
	return `SELECT ?item ?p ?v WHERE {
  VALUES ?item { ` + strings.Join(vals, " ") + ` }
  { ?item rdfs:label ?v . BIND("label" AS ?p) }
  UNION { ?item skos:altLabel ?v . BIND("alias" AS ?p) }
  UNION { ?item wdt:P856 ?v . BIND("website" AS ?p) }
  UNION { ?item wdt:P1278 ?v . BIND("lei" AS ?p) }
  UNION { ?item wdt:P17/wdt:P297 ?v . BIND("country" AS ?p) }
  UNION { ?item wdt:P571 ?v . BIND("inception" AS ?p) }
  UNION { ?item wdt:P576 ?v . BIND("dissolved" AS ?p) }
  UNION { ?item wdt:P31/wdt:P279* wd:Q43229 . BIND("org" AS ?p) BIND("1" AS ?v) }
}`
}

func (w *Wikidata) details(ctx context.Context, ids []string) ([]verify.Record, error) {
	u := w.sparql + "?" + url.Values{"query": {wikidataQuery(ids)}, "format": {"json"}}.Encode()
	h := http.Header{}
	h.Set("Accept", "application/sparql-results+json")
	var res struct {
		Results struct {
			Bindings []map[string]struct {
				Type  string `json:"type"`
				Value string `json:"value"`
				Lang  string `json:"xml:lang"`
			} `json:"bindings"`
		} `json:"results"`
	}
	resp, err := w.doJSON(ctx, httpx.Request{URL: u, Header: h}, &res, true)
	if err != nil {
		return nil, fmt.Errorf("wikidata: sparql: %w", err)
	}
	type acc struct {
		labels           map[string]string // lang -> label
		aliases          []string
		websites, leis   []string
		country          string
		inception, ended string
		org              bool
	}
	items := map[string]*acc{}
	for _, b := range res.Results.Bindings {
		id := strings.TrimPrefix(b["item"].Value, "http://www.wikidata.org/entity/")
		a := items[id]
		if a == nil {
			a = &acc{labels: map[string]string{}}
			items[id] = a
		}
		v := b["v"]
		switch b["p"].Value {
		case "label":
			a.labels[v.Lang] = v.Value
		case "alias":
			a.aliases = append(a.aliases, v.Value)
		case "website":
			a.websites = append(a.websites, v.Value)
		case "lei":
			a.leis = append(a.leis, v.Value)
		case "country":
			a.country = v.Value
		case "inception":
			a.inception = firstNonEmpty(a.inception, date10(v.Value))
		case "dissolved":
			a.ended = firstNonEmpty(a.ended, date10(v.Value))
		case "org":
			a.org = true
		}
	}
	var out []verify.Record
	for _, id := range ids {
		a := items[id]
		if a == nil || (!a.org && len(a.leis) == 0) {
			continue // not a company or organisation
		}
		name := a.labels["en"]
		langs := make([]string, 0, len(a.labels))
		for l := range a.labels {
			langs = append(langs, l)
		}
		sort.Strings(langs)
		var others []string
		for _, l := range langs {
			if name == "" {
				name = a.labels[l]
			}
			others = append(others, a.labels[l])
		}
		if name == "" {
			continue
		}
		r := verify.Record{Source: w.name, ID: id, URL: "https://www.wikidata.org/wiki/" + id, Name: name,
			OtherNames: uniqStrings(append(others, a.aliases...), name), Jurisdiction: a.country,
			IncorporatedOn: a.inception, DissolvedOn: a.ended, Websites: uniqStrings(a.websites, ""),
			Identifiers: []verify.Identifier{{Scheme: "wikidata", Value: id}}, Status: verify.StatusUnknown,
			RetrievedAt: resp.FetchedAt}
		if a.ended != "" {
			r.Status = verify.StatusDissolved
		}
		for _, l := range uniqStrings(a.leis, "") {
			r.Identifiers = append(r.Identifiers, verify.Identifier{Scheme: "lei", Value: l})
		}
		out = append(out, r)
	}
	return out, nil
}

var _ verify.Registry = (*Wikidata)(nil)
