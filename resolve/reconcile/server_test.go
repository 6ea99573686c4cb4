package reconcile

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/rs/zerolog"

	"github.com/resolve-tool/resolve/resolve/match"
)

// Fictional companies only.
func fixtureEntities() []Entity {
	return []Entity{
		{ID: "C00000000a1", Name: "Northwind Trading Co., Ltd.", Size: 5, Countries: []string{"KR"},
			Spellings: []Spelling{{"Northwind Trading Co., Ltd.", "KR"}, {"NORTHWIND TRADING CO LTD", "KR"}, {"Northwind Tradng Co", "KR"}}},
		{ID: "C00000000b2", Name: "Bluefin Maritime LLC", Size: 3, Countries: []string{"AE"},
			Spellings:  []Spelling{{"Bluefin Maritime LLC", "AE"}, {"BLUEFIN MARITIME L.L.C.", "AE"}},
			Indicators: []Indicator{{"mass_registration_address", "medium"}, {"no_web_presence", "low"}}, Risk: 0.325,
			Records: []RecordRef{{Source: "gleif", ID: "9845000FICTIONAL0042", Status: "active",
				URL: "https://search.gleif.org/#/record/9845000FICTIONAL0042"}}},
		{ID: "C00000000c3", Name: "Harbourlight Foods Ltd", Size: 2, Countries: []string{"GB"},
			Spellings: []Spelling{{"Harbourlight Foods Ltd", "GB"}}},
		{ID: "C00000000d4", Name: "Harbourlight Foods Limited", Size: 2, Countries: []string{"IE"},
			Spellings: []Spelling{{"Harbourlight Foods Limited", "IE"}}},
		{ID: "C00000000e5", Name: "Kestrel Avionics Ltd", Size: 1, Countries: []string{"GB"},
			Spellings: []Spelling{{"Kestrel Avionics Ltd", "GB"}, {"<script>alert(1)</script> Kestrel", "GB"}}},
	}
}

type fakeRegistry struct{ recs []Record }

func (f fakeRegistry) Sources() []string { return []string{"gleif", "ofac"} }

func (f fakeRegistry) Search(_ context.Context, name string, sources []string) ([]Record, error) {
	var out []Record
	for _, r := range f.recs {
		if slices.Contains(sources, r.Source) && strings.Contains(strings.ToLower(r.Name), strings.ToLower(strings.Fields(name)[0])) {
			out = append(out, r)
		}
	}
	return out, nil
}

func (f fakeRegistry) Record(_ context.Context, source, id string) (Record, error) {
	for _, r := range f.recs {
		if r.Source == source && r.ID == id {
			return r, nil
		}
	}
	return Record{}, ErrNotFound
}

var fixtureRecords = fakeRegistry{recs: []Record{
	{Source: "gleif", ID: "9845000FICTIONAL0042", Name: "Bluefin Maritime L.L.C.", Country: "AE", Status: "active",
		URL: "https://search.gleif.org/#/record/9845000FICTIONAL0042", Identifiers: []Identifier{{"lei", "9845000FICTIONAL0042"}}},
	{Source: "ofac", ID: "99999", Name: "Bluefin Shadow Shipping", Country: "IR", Listed: []string{"sanction"}},
}}

type fakeJudge struct {
	mu  sync.Mutex
	got []Judgement
}

func (f *fakeJudge) Record(_ context.Context, j Judgement) ([]string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case j.Kind != "same" && j.Kind != "different" && j.Kind != "ignore":
		return nil, ErrInvalid
	case j.Kind == "same" && j.A == "C00000000c3" && j.B == "C00000000d4" && !j.Force:
		return []string{`"different" judgements.csv:2 keeps them apart`}, nil
	}
	f.got = append(f.got, j)
	return nil, nil
}

var (
	ixOnce sync.Once
	ixFix  *Index
)

func fixtureIndex() *Index {
	ixOnce.Do(func() { ixFix = NewIndex(fixtureEntities(), IndexParams{Match: match.DefaultParams()}) })
	return ixFix
}

func newServer(t *testing.T, opt Options, judge Judge) *httptest.Server {
	t.Helper()
	opt.Loopback = true
	opt.Version = "test"
	svc := New(fixtureIndex(), fixtureRecords, judge, opt, zerolog.Nop())
	ts := httptest.NewServer(svc.Handler()) // 127.0.0.1 only
	t.Cleanup(ts.Close)
	return ts
}

func get(t *testing.T, ts *httptest.Server, path string, hdr ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, ts.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	return do(t, ts, req)
}

func do(t *testing.T, ts *httptest.Server, req *http.Request) (*http.Response, []byte) {
	t.Helper()
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

func postForm(t *testing.T, ts *httptest.Server, key, val string, hdr ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, ts.URL+"/", strings.NewReader(url.Values{key: {val}}.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	return do(t, ts, req)
}

func wantStatus(t *testing.T, resp *http.Response, body []byte, code int) {
	t.Helper()
	if resp.StatusCode != code {
		t.Fatalf("status %d, want %d: %s", resp.StatusCode, code, body)
	}
}

type resultBatch map[string]struct {
	Result []struct {
		ID       string  `json:"id"`
		Name     string  `json:"name"`
		Desc     string  `json:"description"`
		Score    float64 `json:"score"`
		Match    bool    `json:"match"`
		Type     []struct{ ID string }
		Features []struct {
			ID    string `json:"id"`
			Value any    `json:"value"`
		}
	} `json:"result"`
}

func reconcileBatch(t *testing.T, ts *httptest.Server, queries string) resultBatch {
	t.Helper()
	valid(t, "reconciliation-query-batch.json", []byte(queries))
	resp, body := postForm(t, ts, "queries", queries)
	wantStatus(t, resp, body, http.StatusOK)
	valid(t, "reconciliation-result-batch.json", body)
	var rb resultBatch
	if err := json.Unmarshal(body, &rb); err != nil {
		t.Fatal(err)
	}
	return rb
}

func TestManifestContract(t *testing.T) {
	ts := newServer(t, Options{}, &fakeJudge{})
	resp, body := get(t, ts, "/")
	wantStatus(t, resp, body, http.StatusOK)
	valid(t, "manifest.json", body)
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type %q", ct)
	}
	var m map[string]any
	_ = json.Unmarshal(body, &m)
	if _, ok := m["authentication"]; ok {
		t.Error("manifest announces authentication without a token")
	}
	for _, k := range []string{"preview", "suggest", "extend", "view", "defaultTypes", "batchSize"} {
		if _, ok := m[k]; !ok {
			t.Errorf("manifest lacks %s", k)
		}
	}

	// With a token the manifest stays readable and says how to authenticate.
	ts = newServer(t, Options{Token: "fictional-token"}, nil)
	resp, body = get(t, ts, "/")
	wantStatus(t, resp, body, http.StatusOK)
	valid(t, "manifest.json", body)
	if !strings.Contains(string(body), `"authentication"`) {
		t.Errorf("manifest does not announce authentication: %s", body)
	}
}

func TestReconcileContract(t *testing.T) {
	ts := newServer(t, Options{}, nil)
	rb := reconcileBatch(t, ts, `{
		"q0": {"query": "NORTHWIND TRADING CO., LTD"},
		"q1": {"query": "Bluefin Maritime L.L.C", "type": "cluster", "limit": 3,
		       "properties": [{"pid": "countries", "v": "AE"}]},
		"q2": {"query": "Harbourlight Foods"},
		"q3": {"query": "Harbourlight Foods Ltd", "properties": [{"pid": "country", "v": ["GB"]}]},
		"q4": {"query": "Quillon Zephyr Industries"},
		"q5": {"query": "C00000000e5"},
		"q6": {"query": "Bluefin Maritime", "type": ["registry:gleif", "registry:ofac"]},
		"q7": {"properties": [{"pid": "lei", "v": "9845000FICTIONAL0042"}], "type": "registry"}
	}`)
	first := func(q string) (string, bool) {
		r := rb[q].Result
		if len(r) == 0 {
			return "", false
		}
		return r[0].ID, r[0].Match
	}
	for _, c := range []struct {
		q, id string
		match bool
		why   string
	}{
		{"q0", "C00000000a1", true, "a customs spelling of a cluster"},
		{"q1", "C00000000b2", true, "name and country agree"},
		{"q2", "", false, "two clusters equally close: no automatic match"},
		{"q3", "C00000000c3", true, "the country sets one ahead"},
		{"q5", "C00000000e5", true, "a cluster ID as the query"},
		{"q6", "gleif:9845000FICTIONAL0042", true, "registry records by source"},
		{"q7", "gleif:9845000FICTIONAL0042", true, "an LEI as a property"},
	} {
		id, m := first(c.q)
		if c.id != "" && id != c.id || m != c.match {
			t.Errorf("%s (%s): first %q match %v, want %q match %v; %+v", c.q, c.why, id, m, c.id, c.match, rb[c.q].Result)
		}
	}
	if r := rb["q4"].Result; len(r) > 0 && r[0].Match {
		t.Errorf("an unknown name matched: %+v", r)
	}
	if n := len(rb["q1"].Result); n > 3 {
		t.Errorf("limit 3 gave %d candidates", n)
	}
	for q, r := range rb {
		for i, c := range r.Result {
			if i > 0 && c.Match {
				t.Errorf("%s: candidate %d matches; only the first may", q, i)
			}
			if i > 0 && c.Score > r.Result[i-1].Score {
				t.Errorf("%s: not sorted by score", q)
			}
			if len(c.Type) == 0 {
				t.Errorf("%s: candidate %s without type", q, c.ID)
			}
		}
	}
	if d := rb["q1"].Result[0].Desc; !strings.Contains(d, "mass registration address (medium)") || !strings.Contains(d, "risk 0.33") {
		t.Errorf("description does not give the indicators in words: %q", d)
	}
	if typ := rb["q6"].Result[0].Type[0].ID; typ != "registry:gleif" {
		t.Errorf("registry candidate type %q", typ)
	}
	for _, c := range rb["q6"].Result {
		if strings.HasPrefix(c.ID, "C") {
			t.Errorf("a registry-only query returned cluster %s", c.ID)
		}
	}

	// GET works the same.
	resp, body := get(t, ts, "/?queries="+url.QueryEscape(`{"q0":{"query":"Kestrel Avionics"}}`))
	wantStatus(t, resp, body, http.StatusOK)
	valid(t, "reconciliation-result-batch.json", body)
}

func TestReconcileRefusesBadInput(t *testing.T) {
	ts := newServer(t, Options{BatchSize: 2}, nil)
	for _, c := range []struct {
		queries string
		code    int
	}{
		{`not json`, http.StatusBadRequest},
		{`{"q0":{"query":"x","limit":0}}`, http.StatusBadRequest},
		{`{"q0":{"query":"x","type":{"id":"cluster"}}}`, http.StatusBadRequest},
		{`{"a":{"query":"x"},"b":{"query":"y"},"c":{"query":"z"}}`, http.StatusRequestEntityTooLarge},
	} {
		resp, body := postForm(t, ts, "queries", c.queries)
		wantStatus(t, resp, body, c.code)
	}
	resp, body := postForm(t, ts, "queries", `{"q0":{"query":"`+strings.Repeat("x", 2<<20)+`"}}`)
	wantStatus(t, resp, body, http.StatusRequestEntityTooLarge)
	resp, body = get(t, ts, "/?callback=cb")
	wantStatus(t, resp, body, http.StatusBadRequest)
}

func TestSuggestContract(t *testing.T) {
	ts := newServer(t, Options{}, nil)
	resp, body := get(t, ts, "/suggest/entity?prefix=northwind")
	wantStatus(t, resp, body, http.StatusOK)
	valid(t, "suggest-entities-response.json", body)
	if !strings.Contains(string(body), "C00000000a1") {
		t.Errorf("prefix did not suggest the cluster: %s", body)
	}
	_, page0 := get(t, ts, "/suggest/entity?prefix=harbourlight")
	resp, page1 := get(t, ts, "/suggest/entity?prefix=harbourlight&cursor=1")
	wantStatus(t, resp, page1, http.StatusOK)
	valid(t, "suggest-entities-response.json", page1)
	var p0, p1 struct{ Result []struct{ ID string } }
	_ = json.Unmarshal(page0, &p0)
	_ = json.Unmarshal(page1, &p1)
	if len(p0.Result) != 2 || len(p1.Result) != 1 || p1.Result[0].ID != p0.Result[1].ID {
		t.Errorf("cursor did not skip the first suggestion: %s / %s", page0, page1)
	}
	resp, body = get(t, ts, "/suggest/entity?prefix=C00000000b2")
	valid(t, "suggest-entities-response.json", body)
	if !strings.Contains(string(body), "Bluefin") {
		t.Errorf("an ID as prefix did not suggest its cluster: %s", body)
	}
	resp, body = get(t, ts, "/suggest/type?prefix=reg")
	wantStatus(t, resp, body, http.StatusOK)
	valid(t, "suggest-types-response.json", body)
	if !strings.Contains(string(body), "registry:gleif") {
		t.Errorf("types: %s", body)
	}
	resp, body = get(t, ts, "/suggest/property?prefix=ri")
	wantStatus(t, resp, body, http.StatusOK)
	valid(t, "suggest-properties-response.json", body)
	if !strings.Contains(string(body), PropRiskScore) {
		t.Errorf("properties: %s", body)
	}
}

func TestExtendContract(t *testing.T) {
	ts := newServer(t, Options{}, nil)
	q := `{"ids":["C00000000b2","gleif:9845000FICTIONAL0042","C-unknown"],"properties":[
		{"id":"canonical_name"},{"id":"countries"},{"id":"indicators"},{"id":"risk_score"},{"id":"lei"},
		{"id":"registry_ids"},{"id":"size"},{"id":"names"},{"id":"status"}]}`
	valid(t, "data-extension-query.json", []byte(q))
	resp, body := postForm(t, ts, "extend", q)
	wantStatus(t, resp, body, http.StatusOK)
	valid(t, "data-extension-response.json", body)
	var got struct {
		Rows map[string]map[string][]map[string]any
	}
	_ = json.Unmarshal(body, &got)
	b2 := got.Rows["C00000000b2"]
	if b2["lei"][0]["str"] != "9845000FICTIONAL0042" || b2["risk_score"][0]["float"] != 0.325 ||
		b2["indicators"][0]["str"] != "mass_registration_address (medium)" || b2["size"][0]["int"] != 3.0 {
		t.Errorf("cluster values: %v", b2)
	}
	if got.Rows["gleif:9845000FICTIONAL0042"]["status"][0]["str"] != "active" {
		t.Errorf("record values: %v", got.Rows["gleif:9845000FICTIONAL0042"])
	}
	if len(got.Rows["C-unknown"]["canonical_name"]) != 0 {
		t.Errorf("an unknown id has values: %v", got.Rows["C-unknown"])
	}
	resp, body = get(t, ts, "/?extend="+url.QueryEscape(`{"ids":["C00000000a1"],"properties":[{"id":"countries"}]}`))
	wantStatus(t, resp, body, http.StatusOK)
	valid(t, "data-extension-response.json", body)
	resp, body = postForm(t, ts, "extend", `{"ids":["C00000000a1"],"properties":[{"id":"password"}]}`)
	wantStatus(t, resp, body, http.StatusBadRequest)

	// Property proposals: the 0.2 text's shape (no schema in 0.2).
	resp, body = get(t, ts, "/properties?type=cluster&limit=3")
	wantStatus(t, resp, body, http.StatusOK)
	var pp struct {
		Type       string `json:"type"`
		Limit      int    `json:"limit"`
		Properties []struct{ ID, Name string }
	}
	if err := json.Unmarshal(body, &pp); err != nil || pp.Type != "cluster" || pp.Limit != 3 || len(pp.Properties) != 3 ||
		pp.Properties[0].ID == "" || pp.Properties[0].Name == "" {
		t.Errorf("property proposal %s (%v)", body, err)
	}
}

func TestPreview(t *testing.T) {
	ts := newServer(t, Options{}, nil)
	resp, body := get(t, ts, "/preview?id=C00000000b2")
	wantStatus(t, resp, body, http.StatusOK)
	if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") || !strings.Contains(resp.Header.Get("Content-Security-Policy"), "default-src 'none'") {
		t.Errorf("headers %v", resp.Header)
	}
	for _, want := range []string{"Bluefin Maritime LLC", "AE", "mass_registration_address (medium)", "0.33",
		`href="https://search.gleif.org/#/record/9845000FICTIONAL0042"`} {
		if !strings.Contains(string(body), want) {
			t.Errorf("preview lacks %q:\n%s", want, body)
		}
	}
	_, body = get(t, ts, "/preview?id=C00000000e5")
	if strings.Contains(string(body), "<script>") {
		t.Errorf("a name was not escaped:\n%s", body)
	}
	resp, body = get(t, ts, "/preview?id=ofac:99999")
	wantStatus(t, resp, body, http.StatusOK)
	if !strings.Contains(string(body), "sanction") {
		t.Errorf("record preview: %s", body)
	}
	resp, body = get(t, ts, "/preview?id=nope")
	wantStatus(t, resp, body, http.StatusNotFound)
}

func TestSafeByDefault(t *testing.T) {
	ts := newServer(t, Options{Token: "fictional-token", AllowOrigins: []string{"http://127.0.0.1:3333"}, Rate: 1, Burst: 200}, nil)
	q := "/?queries=" + url.QueryEscape(`{"q0":{"query":"Northwind"}}`)

	resp, body := get(t, ts, q)
	wantStatus(t, resp, body, http.StatusUnauthorized)
	resp, body = get(t, ts, q, "Authorization", "Bearer wrong")
	wantStatus(t, resp, body, http.StatusUnauthorized)
	resp, body = get(t, ts, q, "Authorization", "Bearer fictional-token")
	wantStatus(t, resp, body, http.StatusOK)
	resp, body = get(t, ts, "/preview?id=C00000000a1")
	wantStatus(t, resp, body, http.StatusUnauthorized)

	// CORS: the allowed origin only, preflight included.
	resp, _ = get(t, ts, "/", "Origin", "http://127.0.0.1:3333")
	if resp.Header.Get("Access-Control-Allow-Origin") != "http://127.0.0.1:3333" {
		t.Errorf("allowed origin not granted: %v", resp.Header)
	}
	resp, _ = get(t, ts, "/", "Origin", "https://attacker.example")
	if resp.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("another origin granted: %v", resp.Header)
	}
	req, _ := http.NewRequest(http.MethodOptions, ts.URL+"/", nil)
	req.Header.Set("Origin", "http://127.0.0.1:3333")
	req.Header.Set("Access-Control-Request-Method", "POST")
	resp, _ = do(t, ts, req)
	if resp.StatusCode != http.StatusNoContent || !strings.Contains(resp.Header.Get("Access-Control-Allow-Headers"), "Authorization") {
		t.Errorf("preflight: %d %v", resp.StatusCode, resp.Header)
	}
	if resp.Header.Get("Access-Control-Allow-Private-Network") != "" {
		t.Errorf("private network access granted unasked: %v", resp.Header)
	}
	// Private Network Access: a preflight that asks for it, from an allowed
	// origin only.
	for _, c := range []struct {
		origin, want string
	}{{"http://127.0.0.1:3333", "true"}, {"https://attacker.example", ""}} {
		req, _ = http.NewRequest(http.MethodOptions, ts.URL+"/judgements", nil)
		req.Header.Set("Origin", c.origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Private-Network", "true")
		resp, _ = do(t, ts, req)
		if got := resp.Header.Get("Access-Control-Allow-Private-Network"); got != c.want {
			t.Errorf("private network preflight from %s: %q, want %q", c.origin, got, c.want)
		}
	}

	// DNS rebinding: a loopback service answers loopback host names only.
	req, _ = http.NewRequest(http.MethodGet, ts.URL+"/", nil)
	req.Host = "attacker.example"
	resp, _ = do(t, ts, req)
	if resp.StatusCode != http.StatusMisdirectedRequest {
		t.Errorf("foreign Host answered: %d", resp.StatusCode)
	}

	// Rate limit.
	ts = newServer(t, Options{Rate: 0.001, Burst: 2}, nil)
	var codes []int
	for range 4 {
		resp, _ := get(t, ts, "/")
		codes = append(codes, resp.StatusCode)
	}
	if codes[0] != 200 || codes[1] != 200 || codes[3] != http.StatusTooManyRequests {
		t.Errorf("rate limit: %v", codes)
	}
}

func TestJudgementsPosted(t *testing.T) {
	j := &fakeJudge{}
	ts := newServer(t, Options{}, j)
	post := func(ct, body string) (*http.Response, []byte) {
		req, _ := http.NewRequest(http.MethodPost, ts.URL+"/judgements", strings.NewReader(body))
		req.Header.Set("Content-Type", ct)
		return do(t, ts, req)
	}
	resp, body := post("application/json", `{"kind":"same","a":"C00000000a1","b":"Northwind Tradng Co","note":"same LEI"}`)
	wantStatus(t, resp, body, http.StatusCreated)
	resp, body = post("application/json", `{"kind":"same","a":"C00000000c3","b":"C00000000d4"}`)
	wantStatus(t, resp, body, http.StatusConflict)
	if !strings.Contains(string(body), "judgements.csv:2") {
		t.Errorf("conflict not named: %s", body)
	}
	resp, body = post("application/json", `{"kind":"same","a":"C00000000c3","b":"C00000000d4","force":true}`)
	wantStatus(t, resp, body, http.StatusCreated)
	resp, body = post("application/json", `{"kind":"maybe","a":"x"}`)
	wantStatus(t, resp, body, http.StatusBadRequest)
	resp, body = post("application/json", `{"kind":"same","a":"x","b":"y","extra":1}`)
	wantStatus(t, resp, body, http.StatusBadRequest)
	resp, body = post("application/x-www-form-urlencoded", `kind=same&a=x&b=y`)
	wantStatus(t, resp, body, http.StatusUnsupportedMediaType)
	if len(j.got) != 2 || j.got[0].Note != "same LEI" {
		t.Errorf("recorded %+v", j.got)
	}
	// Without a Judge there is no endpoint.
	ts = newServer(t, Options{}, nil)
	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/judgements", strings.NewReader(`{}`))
	req.Header.Set("Content-Type", "application/json")
	if resp, _ := do(t, ts, req); resp.StatusCode != http.StatusNotFound {
		t.Errorf("judgements without a judge: %d", resp.StatusCode)
	}
}
