package source

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"unicode"

	"github.com/resolve-tool/resolve/verify"
	"github.com/resolve-tool/resolve/verify/httpx"
)

// HKCR: the Hong Kong Companies Registry open-data search (no key). It
// covers live local companies only: name, BRN, type, incorporation date and
// registered office; directors and shareholders need the paid e-Search.
//
// Host: data.cr.gov.hk (base_url https://data.cr.gov.hk/cr/api/api/v1/api_builder/json).
// Search: GET /local/search?query[0][key1]=Comp_name&query[0][key2]=begins_with&query[0][key3]=<PREFIX>&format=json
// per searched name, PREFIX being the first two words of the English name in
// capitals (the API matches prefixes of the English name only). A cluster
// whose names have no Latin letters (Chinese-only names) is not searched: it
// is reported skipped with that reason, never "not found". An empty result
// is []. Errors are {"status":400,"message":...} (never cached).
// Limits: none published; default rate 1/s. Only live companies are listed:
// absence does not prove dissolution.
type HKCR struct{ base }

// NewHKCR builds the adapter. No key is needed.
func NewHKCR(s Settings, o Options) (*HKCR, error) {
	b, err := newBase("hk_cr", s, o, httpx.Options{})
	if err != nil {
		return nil, err
	}
	return &HKCR{b}, nil
}

// Covers: Hong Kong companies only.
func (h *HKCR) Covers(country string) bool { return country == "HK" }

// RegisterOfRecord: the Companies Registry is Hong Kong's register (its open
// data lists live local companies, so "not found" means "not a live company").
func (h *HKCR) RegisterOfRecord(country string) bool { return country == "HK" }

type hkCompany struct {
	BRN        string  `json:"Brn"`
	Chinese    string  `json:"Chinese_Company_Name"`
	English    string  `json:"English_Company_Name"`
	Address    string  `json:"Address_of_Registered_Office"`
	Type       string  `json:"Company_Type"`
	IncDate    string  `json:"Date_of_Incorporation"`
	Redomicile *string `json:"Re-domiciliation_Date"`
}

// hkPrefix is the first two words of the name in capitals, or "".
func hkPrefix(name string) string {
	words := strings.FieldsFunc(strings.ToUpper(name), func(r rune) bool {
		return !(r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) || r == '&' || r == '\'')
	})
	if len(words) == 0 || !hasLatin(words[0]) {
		return ""
	}
	if len(words) > 2 {
		words = words[:2]
	}
	return strings.Join(words, " ")
}

func hasLatin(s string) bool {
	for _, r := range s {
		if r < unicode.MaxASCII && unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func (h *HKCR) brnURL(brn string) string {
	return h.endpoint("/local/search", url.Values{"query[0][key1]": {"Brn"}, "query[0][key2]": {"equal"}, "query[0][key3]": {brn}, "format": {"json"}})
}

// Search implements verify.Registry.
func (h *HKCR) Search(ctx context.Context, q verify.Query) ([]verify.Record, error) {
	seen := map[string]bool{}
	var out []verify.Record
	prefixes := map[string]bool{}
	var unsearchable []string
	for _, name := range h.names(q) {
		p := hkPrefix(name)
		if p == "" {
			unsearchable = append(unsearchable, name)
		}
		if p == "" || prefixes[p] {
			continue
		}
		prefixes[p] = true
		u := h.endpoint("/local/search", url.Values{"query[0][key1]": {"Comp_name"}, "query[0][key2]": {"begins_with"},
			"query[0][key3]": {p}, "format": {"json"}})
		var list []hkCompany
		resp, err := h.c.Do(ctx, httpx.Request{URL: u, Check: func(status int, body []byte) error {
			if status == http.StatusNotFound {
				return h.searchError(&httpx.StatusError{Source: h.name, Status: status, URL: u, Snippet: snippet(body)})
			}
			// Errors come as {"status":400,"message":...}, whatever the HTTP status.
			if b := strings.TrimSpace(string(body)); strings.HasPrefix(b, "{") {
				var e struct {
					Status  int    `json:"status"`
					Message string `json:"message"`
				}
				if err := json.Unmarshal(body, &e); err != nil || e.Message == "" {
					return fmt.Errorf("hk_cr: %w: expected a JSON array", ErrMalformed)
				}
				return fmt.Errorf("hk_cr: API error %d: %s", e.Status, e.Message)
			}
			list = nil
			return h.decodeBody(body, u, &list)
		}})
		if err != nil {
			return nil, fmt.Errorf("hk_cr: search %q: %w", p, err)
		}
		for i, c := range list {
			if i >= 50 {
				break // a very common prefix; the best candidates are scored anyway
			}
			if c.BRN == "" || seen[c.BRN] {
				continue
			}
			seen[c.BRN] = true
			out = append(out, h.record(c, resp))
		}
	}
	if len(prefixes) == 0 {
		return nil, fmt.Errorf("%w: hk_cr searches the open-data register by English-name prefix; no name of the cluster has Latin letters (%s)",
			verify.ErrNotSearchable, strings.Join(unsearchable, ", "))
	}
	return out, nil
}

func hkNull(s string) string {
	if s = strings.TrimSpace(s); s == "NULL" {
		return ""
	}
	return s
}

func (h *HKCR) record(c hkCompany, resp *httpx.Response) verify.Record {
	name := hkNull(c.English)
	other := hkNull(c.Chinese)
	if name == "" {
		name, other = other, ""
	}
	r := verify.Record{Source: h.name, ID: c.BRN, URL: h.brnURL(c.BRN), Name: name, Jurisdiction: "HK",
		LegalForm: hkNull(c.Type), RegisteredAddress: hkNull(c.Address), IncorporatedOn: hkDate(c.IncDate),
		Status:      verify.StatusActive, // the open-data set lists live companies only
		Identifiers: []verify.Identifier{{Scheme: "brn", Value: c.BRN}}, RetrievedAt: resp.FetchedAt}
	if other != "" {
		r.OtherNames = []string{other}
	}
	return r
}

// hkDate turns DD-MM-YYYY into YYYY-MM-DD.
func hkDate(s string) string {
	s = strings.TrimSpace(s)
	if len(s) != 10 || s[2] != '-' || s[5] != '-' {
		return ""
	}
	return s[6:] + "-" + s[3:5] + "-" + s[:2]
}

var (
	_ verify.Registry         = (*HKCR)(nil)
	_ verify.RegisterOfRecord = (*HKCR)(nil)
)
