package source

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/resolve-tool/resolve/config"
	"github.com/resolve-tool/resolve/resolve/store"
	"github.com/resolve-tool/resolve/verify"
	"github.com/resolve-tool/resolve/verify/httpx"
)

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func serve(t testing.TB, w http.ResponseWriter, status int, name string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(fixture(t, name))
}

// Replay handlers: each answers like the real API from the fixtures.
func gleifHandler(t testing.TB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		switch {
		case r.URL.Path == "/lei-records" && q.Get("filter[lei]") != "":
			serve(t, w, 200, "gleif/records_by_lei.json")
		case r.URL.Path == "/lei-records" && strings.Contains(strings.ToLower(q.Get("filter[entity.names]")), "northwind"):
			serve(t, w, 200, "gleif/search_northwind.json")
		case r.URL.Path == "/lei-records":
			serve(t, w, 200, "gleif/search_empty.json")
		case r.URL.Path == "/fuzzycompletions" && strings.Contains(strings.ToLower(q.Get("q")), "gleif"):
			serve(t, w, 200, "gleif/fuzzycompletions.json")
		case r.URL.Path == "/fuzzycompletions":
			_, _ = w.Write([]byte(`{"data":[]}`))
		case r.URL.Path == "/lei-records/254900OPPU84GM83MG36":
			serve(t, w, 200, "gleif/record_254900OPPU84GM83MG36.json")
		case strings.HasSuffix(r.URL.Path, "/ultimate-parent") && strings.HasPrefix(r.URL.Path, "/lei-records/FICT00HK"):
			serve(t, w, 200, "gleif/record_254900OPPU84GM83MG36.json") // a fictional parent link for the test
		default:
			serve(t, w, 404, "gleif/error_404.json")
		}
	}
}

func companiesHouseHandler(t testing.TB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if u, p, ok := r.BasicAuth(); !ok || u != "test-key" || p != "" {
			w.WriteHeader(401)
			_, _ = w.Write([]byte(`{"error":"Invalid Authorization","type":"ch:service"}`))
			return
		}
		switch r.URL.Path {
		case "/search/companies":
			serve(t, w, 200, "companies_house/search_fabrikam.json")
		case "/company/00000001":
			serve(t, w, 200, "companies_house/profile_00000001.json")
		case "/company/00000001/officers":
			serve(t, w, 200, "companies_house/officers_00000001.json")
		case "/company/00000001/persons-with-significant-control":
			serve(t, w, 200, "companies_house/psc_00000001.json")
		default:
			serve(t, w, 404, "companies_house/error_404.json")
		}
	}
}

func openSanctionsHandler(t testing.TB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/match/default" || r.Header.Get("Authorization") != "ApiKey test-key" {
			w.WriteHeader(404)
			_, _ = w.Write([]byte(`{"detail":"Not Found"}`))
			return
		}
		serve(t, w, 200, "opensanctions/match_northwind.json")
	}
}

func openCorporatesHandler(t testing.TB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("api_token") != "test-key" {
			w.WriteHeader(401)
			_, _ = w.Write([]byte(`{"error":{"message":"Invalid Api Token"}}`))
			return
		}
		if r.URL.Path != "/companies/search" {
			w.WriteHeader(404)
			return
		}
		serve(t, w, 200, "opencorporates/search_northwind.json")
	}
}

func wikidataHandler(t testing.TB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/w/api.php" && r.URL.Query().Get("action") == "wbsearchentities":
			serve(t, w, 200, "wikidata/wbsearchentities_northwind.json")
		case r.URL.Path == "/sparql" && strings.Contains(r.URL.Query().Get("query"), "wd:Q9999999901"):
			serve(t, w, 200, "wikidata/sparql_northwind.json")
		default:
			w.WriteHeader(404)
		}
	}
}

func openDARTHandler(t testing.TB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if r.URL.Path != "/company.json" {
			w.WriteHeader(404)
			return
		}
		if q.Get("crtfc_key") != "test-key" {
			_, _ = w.Write([]byte(`{"status":"010","message":"등록되지 않은 키입니다."}`))
			return
		}
		switch q.Get("corp_code") {
		case "99999901":
			serve(t, w, 200, "opendart/company_99999901.json")
		default:
			serve(t, w, 200, "opendart/status_013.json")
		}
	}
}

func hkcrHandler(t testing.TB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if r.URL.Path != "/local/search" {
			w.WriteHeader(404)
			return
		}
		if q.Get("query[0][key1]") != "Comp_name" || q.Get("query[0][key2]") != "begins_with" {
			serve(t, w, 400, "hk_cr/error_bad_field.json")
			return
		}
		switch q.Get("query[0][key3]") {
		case "NORTHWIND TRADING":
			serve(t, w, 200, "hk_cr/search_northwind.json")
		case "HELENA LIMITED":
			serve(t, w, 200, "hk_cr/search_helena.json")
		default:
			_, _ = w.Write([]byte(`[]`))
		}
	}
}

// fakeCorpCodes stands in for the bulk index of CORPCODE.xml.
type fakeCorpCodes struct{}

func (fakeCorpCodes) SearchSource(ctx context.Context, source string, names []string) ([]verify.Record, bool, error) {
	return []verify.Record{{ID: "99999901", Name: "한빛가상부품"}, {ID: "99999902", Name: "한빛가상"}}, true, nil
}

type adapterCase struct {
	name    string
	handler func(testing.TB) http.HandlerFunc
	query   verify.Query
	wantID  string
	check   func(t *testing.T, r verify.Record)
}

var adapterCases = []adapterCase{
	{"gleif", gleifHandler, verify.Query{Names: []string{"Northwind Trading Ltd"}, Countries: []string{"HK"}}, "FICT00HK000000000149",
		func(t *testing.T, r verify.Record) {
			if !slices.Contains(r.OtherNames, "北風貿易有限公司") || r.LegalForm != "Private company limited by shares" ||
				r.IncorporatedOn != "2019-03-14" || r.Status != verify.StatusActive || r.Jurisdiction != "HK" ||
				r.RegisteredAddress != "Unit 1203, 12/F, Fictional Tower, 88 Example Road, Kowloon, HK" {
				t.Errorf("gleif record %+v", r)
			}
		}},
	{"companies_house", companiesHouseHandler, verify.Query{Names: []string{"Fabrikam Components Ltd"}, Countries: []string{"GB"}}, "00000001",
		func(t *testing.T, r verify.Record) {
			if r.Name != "FABRIKAM COMPONENTS LIMITED" || r.IncorporatedOn != "2012-10-05" || r.Status != verify.StatusActive ||
				r.URL != "https://find-and-update.company-information.service.gov.uk/company/00000001" {
				t.Errorf("companies house record %+v", r)
			}
		}},
	{"opensanctions", openSanctionsHandler, verify.Query{Names: []string{"Northwind Trading Limited"}, Countries: []string{"HK"}}, "fict-northwind",
		func(t *testing.T, r verify.Record) {
			if !slices.Equal(r.Topics, []string{"export.control"}) || r.Jurisdiction != "HK" || r.URL != "https://www.opensanctions.org/entities/fict-northwind/" {
				t.Errorf("opensanctions record %+v", r)
			}
		}},
	{"opencorporates", openCorporatesHandler, verify.Query{Names: []string{"Northwind Trading Limited"}, Countries: []string{"HK"}}, "hk/90000001",
		func(t *testing.T, r verify.Record) {
			if r.Jurisdiction != "HK" || r.Status != verify.StatusActive || !slices.Contains(r.OtherNames, "NORTHWIND TRADING (HK) LIMITED") ||
				r.URL != "https://opencorporates.com/companies/hk/90000001" {
				t.Errorf("opencorporates record %+v", r)
			}
		}},
	{"wikidata", wikidataHandler, verify.Query{Names: []string{"Northwind Trading"}, Countries: []string{"HK"}}, "Q9999999901",
		func(t *testing.T, r verify.Record) {
			if r.Name != "Northwind Trading Limited" || !slices.Contains(r.OtherNames, "北風貿易有限公司") || r.Jurisdiction != "HK" ||
				r.IncorporatedOn != "2019-03-14" || len(r.Websites) != 1 || !slices.Contains(r.Identifiers, verify.Identifier{Scheme: "lei", Value: "FICT00HK000000000149"}) {
				t.Errorf("wikidata record %+v", r)
			}
		}},
	{"opendart", openDARTHandler, verify.Query{Names: []string{"Hanbit Gasang Parts Co Ltd"}, Countries: []string{"KR"}}, "99999901",
		func(t *testing.T, r verify.Record) {
			if r.Name != "한빛가상부품(주)" || !slices.Contains(r.OtherNames, "HANBIT GASANG PARTS CO.,LTD") || r.IncorporatedOn != "2005-05-05" ||
				len(r.Websites) != 1 || r.Websites[0] != "http://hanbit-gasang.example.kr" || strings.Contains(r.URL, "crtfc_key") {
				t.Errorf("opendart record %+v", r)
			}
		}},
	{"hk_cr", hkcrHandler, verify.Query{Names: []string{"Northwind Trading Ltd"}, Countries: []string{"HK"}}, "90000001",
		func(t *testing.T, r verify.Record) {
			if r.Name != "NORTHWIND TRADING LIMITED" || !slices.Equal(r.OtherNames, []string{"北風貿易有限公司"}) || r.IncorporatedOn != "2019-03-14" ||
				r.Status != verify.StatusActive || !strings.Contains(r.URL, "key3%5D=90000001") {
				t.Errorf("hk_cr record %+v", r)
			}
		}},
}

// fault injects failures in front of a replay handler.
type fault struct {
	mu      sync.Mutex
	mode    string // "", "500once", "429once", "malformed", "huge", "slow", "404", "500", "429", "401", "errorbody", "echo"
	errBody []byte // the source's own error document, served with HTTP 200 in mode "errorbody"
	done    bool
	n       atomic.Int64
	release chan struct{}
}

func (f *fault) wrap(t testing.TB, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		f.n.Add(1)
		f.mu.Lock()
		mode, done := f.mode, f.done
		if strings.HasSuffix(mode, "once") {
			f.done = true
		}
		f.mu.Unlock()
		switch {
		case mode == "500once" && !done:
			w.WriteHeader(500)
			_, _ = w.Write([]byte("internal error"))
		case mode == "429once" && !done:
			w.Header().Set("Retry-After", "3")
			w.WriteHeader(429)
		case mode == "malformed":
			_, _ = w.Write([]byte(`{"data": [ {"truncated`))
		case mode == "huge":
			_, _ = w.Write([]byte(`[` + strings.Repeat(`{"a":1},`, 200_000) + `{}]`))
		case mode == "slow":
			select {
			case <-f.release:
			case <-r.Context().Done():
			}
		case mode == "404":
			w.WriteHeader(404)
			_, _ = w.Write([]byte(`{"errors":[{"status":"404"}]}`))
		case mode == "500":
			w.WriteHeader(500)
			_, _ = w.Write([]byte("internal error"))
		case mode == "429":
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(429)
		case mode == "401":
			w.WriteHeader(401)
			_, _ = w.Write([]byte(`{"error":"Invalid Authorization"}`))
		case mode == "errorbody":
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write(f.errBody)
		case mode == "echo":
			// A misbehaving registry that echoes the request, credentials
			// included, in an error body and in a successful answer.
			echo := r.URL.String() + " " + r.Header.Get("Authorization") + " " + r.URL.Query().Encode()
			if f.n.Load()%2 == 1 {
				w.WriteHeader(400)
				_, _ = w.Write([]byte("bad request: " + echo))
				return
			}
			h(&echoWriter{ResponseWriter: w, echo: echo}, r)
		default:
			h(w, r)
		}
	}
}

// echoWriter puts the echoed request into the first JSON string value of a
// successful answer ("name": "... <echo>"), as a reflecting proxy might.
type echoWriter struct {
	http.ResponseWriter
	echo string
	done bool
}

func (e *echoWriter) Write(b []byte) (int, error) {
	if !e.done {
		if i := strings.Index(string(b), `": "`); i >= 0 {
			e.done = true
			b = []byte(string(b[:i+4]) + strings.NewReplacer(`"`, `\"`, `\`, `\\`).Replace(e.echo) + " " + string(b[i+4:]))
		}
	}
	return e.ResponseWriter.Write(b)
}

// errorBodies are each source's own error documents, as the real APIs shape
// them, served here with HTTP 200 (a proxy, a gateway or the API itself:
// OpenDART and MediaWiki put errors in 200 answers).
var errorBodies = map[string]string{
	"gleif":           `{"errors":[{"status":"500","title":"Internal Server Error"}]}`,
	"companies_house": `{"errors":[{"type":"ch:service","error":"rate-limit-exceeded"}]}`,
	"opensanctions":   `{"responses":{"q":{"status":500,"results":[]}},"limit":10}`,
	"opencorporates":  `{"error":{"message":"Usage limits exceeded"}}`,
	"wikidata":        `{"error":{"code":"badvalue","info":"Unrecognized value for parameter \"language\"."},"servedby":"mw-api-ext"}`,
	"opendart":        `{"status":"020","message":"요청 제한을 초과하였습니다."}`,
	"hk_cr":           `{"status":400,"message":"Invalid requested Item."}`,
}

type clock struct {
	mu    sync.Mutex
	now   time.Time
	waits []time.Duration
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.waits = append(c.waits, d)
	c.now = c.now.Add(d)
	return ctx.Err()
}

type built struct {
	reg   verify.Registry
	fault *fault
	clk   *clock
}

func build(t *testing.T, tc adapterCase) built {
	t.Helper()
	f := &fault{release: make(chan struct{}), errBody: []byte(errorBodies[tc.name])}
	srv := httptest.NewServer(f.wrap(t, tc.handler(t)))
	t.Cleanup(func() { close(f.release); srv.Close() })
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	clk := &clock{now: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)}
	env := httpx.Env{Client: srv.Client(), Cache: st.Cache(clk.Now), UserAgent: httpx.UserAgent("test", ""),
		Timeout: 300 * time.Millisecond, MaxBody: 1 << 20, Retries: 2, Now: clk.Now, Sleep: clk.Sleep,
		Jitter: func() float64 { return 0 }, BreakAfter: 1000}
	s := Settings{Enabled: true, BaseURL: srv.URL, APIKey: "test-key", TTL: 720 * time.Hour}
	reg, err := New(tc.name, s, Options{Env: env, CorpCodes: fakeCorpCodes{}})
	if err != nil {
		t.Fatal(err)
	}
	return built{reg, f, clk}
}

// TestConformance runs the same contract over every adapter.
func TestConformance(t *testing.T) {
	ctx := context.Background()
	for _, tc := range adapterCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Run("search", func(t *testing.T) {
				b := build(t, tc)
				if b.reg.Name() != tc.name {
					t.Fatalf("Name() = %q", b.reg.Name())
				}
				for _, c := range tc.query.Countries {
					if !b.reg.Covers(c) {
						t.Fatalf("must cover %s", c)
					}
				}
				recs, err := b.reg.Search(ctx, tc.query)
				if err != nil {
					t.Fatal(err)
				}
				var hit *verify.Record
				for i, r := range recs {
					if r.Source != tc.name || r.ID == "" || r.Name == "" || r.URL == "" || r.RetrievedAt.IsZero() {
						t.Errorf("record lacks source/id/name/url/retrieval time: %+v", r)
					}
					if r.ID == tc.wantID {
						hit = &recs[i]
					}
				}
				if hit == nil {
					t.Fatalf("no record %s among %+v", tc.wantID, recs)
				}
				tc.check(t, *hit)
				calls := b.fault.n.Load()
				// The cache: the same search again makes zero HTTP calls.
				again, err := b.reg.Search(ctx, tc.query)
				if err != nil || len(again) != len(recs) {
					t.Fatalf("second search: %v, %d records", err, len(again))
				}
				if n := b.fault.n.Load(); n != calls {
					t.Fatalf("second search made %d HTTP calls, want 0", n-calls)
				}
				st := b.reg.(StatsSource).Stats()
				if st.Calls != int(calls) || st.CacheHits == 0 {
					t.Fatalf("stats %+v, server saw %d", st, calls)
				}
			})
			t.Run("500 then success", func(t *testing.T) {
				b := build(t, tc)
				b.fault.mode = "500once"
				if _, err := b.reg.Search(ctx, tc.query); err != nil {
					t.Fatalf("a 500 must be retried: %v", err)
				}
			})
			t.Run("429 with Retry-After", func(t *testing.T) {
				b := build(t, tc)
				b.fault.mode = "429once"
				if _, err := b.reg.Search(ctx, tc.query); err != nil {
					t.Fatalf("a 429 must be retried: %v", err)
				}
				if len(b.clk.waits) == 0 || b.clk.waits[0] != 3*time.Second {
					t.Fatalf("waits %v, want Retry-After 3s honoured", b.clk.waits)
				}
			})
			t.Run("malformed JSON", func(t *testing.T) {
				b := build(t, tc)
				b.fault.mode = "malformed"
				_, err := b.reg.Search(ctx, tc.query)
				if !errors.Is(err, ErrMalformed) {
					t.Fatalf("want ErrMalformed, got %v", err)
				}
			})
			t.Run("huge body", func(t *testing.T) {
				b := build(t, tc)
				b.fault.mode = "huge"
				_, err := b.reg.Search(ctx, tc.query)
				if !errors.Is(err, httpx.ErrBodyTooLarge) {
					t.Fatalf("want ErrBodyTooLarge, got %v", err)
				}
			})
			t.Run("timeout", func(t *testing.T) {
				b := build(t, tc)
				b.fault.mode = "slow"
				start := time.Now()
				_, err := b.reg.Search(ctx, tc.query)
				if !errors.Is(err, context.DeadlineExceeded) {
					t.Fatalf("want a deadline error, got %v", err)
				}
				if time.Since(start) > 5*time.Second {
					t.Fatal("timeout not applied")
				}
			})
			// Issue 13.1 and 13.5: an answer that is an error, whatever its
			// HTTP status, is never cached: once the source is well again the
			// next search asks it (and finds the record). Issue 14.8: each
			// such answer counts in Stats().Failed.
			for _, mode := range []string{"500", "429", "401", "malformed", "errorbody", "404"} {
				t.Run("never caches "+mode, func(t *testing.T) {
					b := build(t, tc)
					b.fault.mode = mode
					if _, err := b.reg.Search(ctx, tc.query); err == nil {
						t.Fatalf("mode %s: the search succeeded", mode)
					} else if errors.Is(err, verify.ErrNotFound) {
						t.Fatalf("mode %s: reads as not found: %v", mode, err)
					}
					if st := b.reg.(StatsSource).Stats(); st.Failed == 0 {
						t.Errorf("mode %s: Stats().Failed = 0: %+v", mode, st)
					}
					b.fault.mu.Lock()
					b.fault.mode = ""
					b.fault.mu.Unlock()
					before := b.fault.n.Load()
					recs, err := b.reg.Search(ctx, tc.query)
					if err != nil {
						t.Fatalf("mode %s: the search after recovery failed (a cached error?): %v", mode, err)
					}
					if b.fault.n.Load() == before {
						t.Fatalf("mode %s: the search after recovery asked nothing: the error was cached", mode)
					}
					if !slices.ContainsFunc(recs, func(r verify.Record) bool { return r.ID == tc.wantID }) {
						t.Fatalf("mode %s: no record %s after recovery: %+v", mode, tc.wantID, recs)
					}
				})
			}
			// Issue 14.4: a registry that echoes the request puts no form of
			// the key into anything derived from its answers.
			t.Run("echoed key is redacted", func(t *testing.T) {
				b := build(t, tc)
				b.fault.mode = "echo"
				var seen []string
				for range 4 {
					recs, err := b.reg.Search(ctx, tc.query)
					if err != nil {
						seen = append(seen, err.Error())
					}
					for _, r := range recs {
						seen = append(seen, fmt.Sprintf("%+v", r))
					}
				}
				for _, form := range []string{"test-key", base64.StdEncoding.EncodeToString([]byte("test-key:")),
					base64.StdEncoding.EncodeToString([]byte("test-key"))} {
					for _, x := range seen {
						if strings.Contains(x, form) {
							t.Fatalf("secret form %q in %s", form, x)
						}
					}
				}
			})
			t.Run("404 is a failure, not not-found", func(t *testing.T) {
				b := build(t, tc)
				b.fault.mode = "404"
				_, err := b.reg.Search(ctx, tc.query)
				if err == nil || errors.Is(err, verify.ErrNotFound) {
					t.Fatalf("a 404 on a search endpoint must fail (misconfigured URL), got %v", err)
				}
			})
		})
	}
}

// TestConstructorsDialNothing: building every adapter opens no connection.
func TestConstructorsDialNothing(t *testing.T) {
	dialed := false
	client := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		dialed = true
		return nil, errors.New("no network in constructors")
	})}
	for _, name := range Names() {
		_, err := New(name, Settings{BaseURL: "https://registry.invalid/api", APIKey: "k"}, Options{Env: httpx.Env{Client: client}})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	if dialed {
		t.Fatal("a constructor made a request")
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestCredentialsAndBaseURL(t *testing.T) {
	for _, name := range []string{"companies_house", "opencorporates", "opendart"} {
		_, err := New(name, Settings{BaseURL: "https://x.invalid"}, Options{})
		if !errors.Is(err, verify.ErrNoCredential) {
			t.Errorf("%s without key: %v", name, err)
		}
	}
	if _, err := New("opensanctions", Settings{BaseURL: "https://api.opensanctions.org"}, Options{}); !errors.Is(err, verify.ErrNoCredential) {
		t.Errorf("hosted opensanctions without key: %v", err)
	}
	if _, err := New("opensanctions", Settings{BaseURL: "http://yente.internal:8000"}, Options{}); err != nil {
		t.Errorf("self-hosted yente needs no key: %v", err)
	}
	for _, bad := range []string{"", "ftp://x", "not a url"} {
		if _, err := New("gleif", Settings{BaseURL: bad}, Options{}); err == nil {
			t.Errorf("base_url %q accepted", bad)
		}
	}
	if _, err := New("nope", Settings{BaseURL: "https://x.invalid"}, Options{}); err == nil {
		t.Error("unknown source accepted")
	}
}

// TestSettingsMatchConfig proves config.Source converts to Settings.
func TestSettingsMatchConfig(t *testing.T) {
	c := config.Source{Enabled: true, BaseURL: "https://api.gleif.org/api/v1", Rate: 1, TTL: time.Hour, Budget: 3}
	s := Settings(c)
	if s.BaseURL != c.BaseURL || s.Budget != 3 {
		t.Fatal(s)
	}
}

func TestGLEIFFuzzyFetchAndEnrich(t *testing.T) {
	ctx := context.Background()
	b := build(t, adapterCases[0])
	g := b.reg.(*GLEIF)
	// No direct name hit: the fuzzy completion finds the record.
	recs, err := g.Search(ctx, verify.Query{Names: []string{"GLEIF Amercas"}})
	if err != nil || len(recs) != 1 || recs[0].ID != "254900OPPU84GM83MG36" || recs[0].LegalForm != "T4M6" ||
		!slices.Contains(recs[0].OtherNames, "GLEIF Americas") ||
		!slices.Contains(recs[0].Identifiers, verify.Identifier{Scheme: "opencorporates", Value: "us_nj/0450486330"}) {
		t.Fatalf("fuzzy: %+v %v", recs, err)
	}
	if _, err := g.Fetch(ctx, "FICT00XX000000000000"); !errors.Is(err, verify.ErrNotFound) {
		t.Fatalf("fetch of an unknown LEI: %v", err)
	}
	r, err := g.Fetch(ctx, "254900OPPU84GM83MG36")
	if err != nil || r.Name != "GLEIF Americas A NJ Nonprofit Corporation" {
		t.Fatalf("fetch: %+v %v", r, err)
	}
	// Enrich: no direct parent (404), an ultimate parent.
	nw, _ := g.Search(ctx, adapterCases[0].query)
	er, err := g.Enrich(ctx, nw[0])
	if err != nil || len(er.Officers) != 1 || er.Officers[0].Role != "ultimate parent" ||
		!strings.Contains(er.Officers[0].Name, "254900OPPU84GM83MG36") {
		t.Fatalf("enrich: %+v %v", er.Officers, err)
	}
}

func TestCompaniesHouseEnrich(t *testing.T) {
	ctx := context.Background()
	b := build(t, adapterCases[1])
	ch := b.reg.(*CompaniesHouse)
	recs, err := ch.Search(ctx, adapterCases[1].query)
	if err != nil {
		t.Fatal(err)
	}
	r, err := ch.Enrich(ctx, recs[0])
	if err != nil {
		t.Fatal(err)
	}
	roles := map[string]string{}
	for _, o := range r.Officers {
		roles[o.Name] = o.Role
	}
	if roles["NOMINEE SERVICES (FICTIONAL) LIMITED"] != "corporate-nominee-director (resigned 2017-05-22)" ||
		roles["EXAMPLE HOLDINGS LIMITED"] != "psc: significant-influence-or-control" ||
		!slices.Contains(r.OtherNames, "FABRIKAM PARTS LIMITED") || r.RegisteredAddress != "1 Example Lane, Exampleton, EX1 1AA, England" {
		t.Fatalf("enriched %+v", r)
	}
	// Officers keep their service address (issue 13 item 10: a corporate
	// secretary at the registered office is a service provider's address).
	if i := slices.IndexFunc(r.Officers, func(o verify.Officer) bool { return o.Role == "corporate-secretary" }); i < 0 ||
		r.Officers[i].Name != "QUILLPEN FICTIONAL SECRETARIES LIMITED" || r.Officers[i].Address != "1 Example Lane, Exampleton, EX1 1AA, England" {
		t.Fatalf("officers %+v", r.Officers)
	}
	// An unknown company number is a definitive not-found.
	_, err = ch.Enrich(ctx, verify.Record{ID: "99999999"})
	if !errors.Is(err, verify.ErrNotFound) {
		t.Fatalf("unknown number: %v", err)
	}
}

func TestOpenDARTStatuses(t *testing.T) {
	ctx := context.Background()
	b := build(t, adapterCases[5])
	d := b.reg.(*OpenDART)
	// Candidate 99999902 answers 013 (no data) and is dropped; 99999901 is kept.
	recs, err := d.Search(ctx, adapterCases[5].query)
	if err != nil || len(recs) != 1 {
		t.Fatalf("%+v %v", recs, err)
	}
	if d.Covers("HK") || d.Covers("") {
		t.Fatal("opendart covers KR only")
	}
	noIndex, _ := NewOpenDART(Settings{BaseURL: "https://x.invalid", APIKey: "k"}, Options{})
	if _, err := noIndex.Search(ctx, adapterCases[5].query); !errors.Is(err, ErrNoCorpCodes) {
		t.Fatalf("without the corp-code index: %v", err)
	}
}

func TestHKCRPrefixAndErrors(t *testing.T) {
	for in, want := range map[string]string{
		"Northwind Trading Ltd": "NORTHWIND TRADING", "NORTHWIND TRADING (HK) LTD": "NORTHWIND TRADING",
		"北風貿易有限公司": "", "Helena": "HELENA", "A&B Co., Ltd": "A&B CO",
	} {
		if got := hkPrefix(in); got != want {
			t.Errorf("hkPrefix(%q) = %q, want %q", in, got, want)
		}
	}
	b := build(t, adapterCases[6])
	recs, err := b.reg.Search(context.Background(), verify.Query{Names: []string{"Helena Limited"}, Countries: []string{"HK"}})
	if err != nil || len(recs) != 1 || recs[0].ID != "16391613" || len(recs[0].OtherNames) != 0 || recs[0].IncorporatedOn != "1992-01-21" {
		t.Fatalf("verbatim record: %+v %v", recs, err)
	}
	recs, err = b.reg.Search(context.Background(), verify.Query{Names: []string{"Zzz Unknown Co"}, Countries: []string{"HK"}})
	if err != nil || len(recs) != 0 {
		t.Fatalf("empty result [] is a clean not-found: %+v %v", recs, err)
	}
}

func TestWikidataSearchLanguage(t *testing.T) {
	for in, want := range map[string]string{"경기산업": "ko", "北風貿易": "zh", "Ромашка": "ru", "カタカナ": "ja", "Northwind": "en"} {
		if got := searchLanguage(in); got != want {
			t.Errorf("searchLanguage(%q) = %q, want %q", in, got, want)
		}
	}
	// The non-organisation item (Q9999999902, "a wind") is dropped.
	b := build(t, adapterCases[4])
	recs, _ := b.reg.Search(context.Background(), adapterCases[4].query)
	if len(recs) != 1 {
		t.Fatalf("%+v", recs)
	}
}

// Issue 13.4: a cluster with Chinese-only names is not searched in the Hong
// Kong register (its open-data search matches English-name prefixes): the
// adapter says so, and the verifier reports it skipped with the reason,
// never "not found".
func TestHKCRChineseOnlyNamesAreSkippedNotNotFound(t *testing.T) {
	b := build(t, adapterCases[6])
	q := verify.Query{Names: []string{"北風貿易有限公司", "北风贸易有限公司"}, Countries: []string{"HK"}}
	_, err := b.reg.Search(context.Background(), q)
	if !errors.Is(err, verify.ErrNotSearchable) {
		t.Fatalf("want ErrNotSearchable, got %v", err)
	}
	if n := b.fault.n.Load(); n != 0 {
		t.Fatalf("%d calls for names that cannot be searched", n)
	}
	v := verify.New([]verify.Registry{b.reg}, exactScorer{}, verify.Options{MinScore: 0.85})
	res := v.Verify(context.Background(), verify.Cluster{Names: q.Names, Countries: q.Countries})
	if c := res.Coverage[0]; c.Status != verify.Skipped || !strings.Contains(c.Reason, "Latin letters") || c.Retry {
		t.Fatalf("coverage %+v", c)
	}
	// With an English variant too, the register is searched by it.
	q.Names = append(q.Names, "Northwind Trading Ltd")
	res = v.Verify(context.Background(), verify.Cluster{Names: q.Names, Countries: q.Countries})
	if c := res.Coverage[0]; c.Status != verify.Found || !slices.Equal(c.RegisterOf, []string{"HK"}) {
		t.Fatalf("coverage %+v", c)
	}
}

// exactScorer scores 1 for names equal after case folding and dropping
// "ltd"/"limited", else 0.
type exactScorer struct{}

func (exactScorer) Score(a, b string) (float64, []verify.Reason) {
	k := func(s string) string {
		s = strings.ToLower(s)
		for _, w := range []string{" limited", " ltd"} {
			s = strings.TrimSuffix(s, w)
		}
		return s
	}
	if k(a) == k(b) {
		return 1, nil
	}
	return 0, nil
}

// Issue 13 item 11: OpenCorporates passes on the register's own status
// wording, often with inactive: null ("Live" from Hong Kong); the wording
// is mapped. A proposal to strike off is neither active nor struck off.
func TestOpenCorporatesStatusText(t *testing.T) {
	tru, fls := true, false
	for _, tt := range []struct {
		text     string
		inactive *bool
		want     verify.Status
	}{
		{"Live", nil, verify.StatusActive},
		{"Registered", nil, verify.StatusActive},
		{"Good Standing", nil, verify.StatusActive},
		{"Active", nil, verify.StatusActive},
		{"Active - Proposal to Strike off", nil, verify.StatusStrikeOffProposed},
		{"Active - Proposal to Strike off", &fls, verify.StatusStrikeOffProposed},
		{"Struck Off", nil, verify.StatusStruckOff},
		{"Deregistered", nil, verify.StatusDissolved},
		{"Removed", nil, verify.StatusDissolved},
		{"Dissolved", &tru, verify.StatusDissolved},
		{"In Liquidation", nil, verify.StatusLiquidation},
		{"Not in Good Standing", nil, verify.StatusInactive},
		{"Inactive", nil, verify.StatusInactive},
		{"", &tru, verify.StatusInactive},
		{"", &fls, verify.StatusActive},
		{"", nil, verify.StatusUnknown},
		{"In Administration", nil, verify.StatusUnknown},
	} {
		if got := ocStatus(tt.text, tt.inactive, ""); got != tt.want {
			t.Errorf("ocStatus(%q, %v) = %s, want %s", tt.text, tt.inactive, got, tt.want)
		}
	}
	// The same through a whole answer: "Live" with inactive null.
	body := strings.Replace(string(fixture(t, "opencorporates/search_northwind.json")), `"inactive": false`, `"inactive": null`, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(body))
	}))
	defer srv.Close()
	oc, err := NewOpenCorporates(Settings{BaseURL: srv.URL, APIKey: "test-key"}, Options{Env: httpx.Env{Client: srv.Client(), UserAgent: "test"}})
	if err != nil {
		t.Fatal(err)
	}
	recs, err := oc.Search(context.Background(), adapterCases[3].query)
	if err != nil || len(recs) != 1 || recs[0].Status != verify.StatusActive {
		t.Fatalf("Live with inactive null: %+v %v", recs, err)
	}
}

// Issue 13 item 11: Companies House "Active - Proposal to Strike off"
// (company_status "active", company_status_detail
// "active-proposal-to-strike-off") is not read as active.
func TestCompaniesHouseProposalToStrikeOff(t *testing.T) {
	profile := strings.Replace(string(fixture(t, "companies_house/profile_00000001.json")),
		`"company_status": "active",`, `"company_status": "active",
 "company_status_detail": "active-proposal-to-strike-off",`, 1)
	if !strings.Contains(profile, "active-proposal-to-strike-off") {
		t.Fatal("fixture shape changed")
	}
	h := companiesHouseHandler(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/company/00000001" {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(profile))
			return
		}
		h(w, r)
	}))
	defer srv.Close()
	ch, err := NewCompaniesHouse(Settings{BaseURL: srv.URL, APIKey: "test-key"}, Options{Env: httpx.Env{Client: srv.Client(), UserAgent: "test"}})
	if err != nil {
		t.Fatal(err)
	}
	recs, err := ch.Search(context.Background(), adapterCases[1].query)
	if err != nil || len(recs) == 0 {
		t.Fatalf("search: %+v %v", recs, err)
	}
	r, err := ch.Enrich(context.Background(), recs[0])
	if err != nil || r.Status != verify.StatusStrikeOffProposed {
		t.Fatalf("enriched status %q (%v), want %q", r.Status, err, verify.StatusStrikeOffProposed)
	}
}

// Issue 13 item 11: a GLEIF name search reads the further pages that
// meta.pagination announces, in GLEIF's order, up to the cap (3 of 4 here),
// and stops at the last page. The records are fictional copies of the
// Northwind fixture under other LEIs.
func TestGLEIFReadsFurtherPages(t *testing.T) {
	page1 := string(fixture(t, "gleif/search_northwind.json"))
	var pages []string
	for n := 1; n <= 4; n++ {
		p := strings.ReplaceAll(page1, "FICT00HK000000000149", fmt.Sprintf("FICT00HK00000000%04d", n))
		p = strings.Replace(p, `"currentPage": 1`, fmt.Sprintf(`"currentPage": %d`, n), 1)
		p = strings.Replace(p, `"lastPage": 1`, `"lastPage": 4`, 1)
		pages = append(pages, p)
	}
	if !strings.Contains(pages[0], `"lastPage": 4`) || strings.Contains(pages[1], "FICT00HK000000000149") {
		t.Fatal("fixture shape changed")
	}
	var asked []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := r.URL.Query().Get("page[number]")
		asked = append(asked, n)
		i := 0
		if n != "" {
			fmt.Sscan(n, &i)
			i--
		}
		w.Header().Set("Content-Type", "application/vnd.api+json")
		_, _ = w.Write([]byte(pages[i]))
	}))
	defer srv.Close()
	g, err := NewGLEIF(Settings{BaseURL: srv.URL}, Options{Env: httpx.Env{Client: srv.Client(), UserAgent: "test"}})
	if err != nil {
		t.Fatal(err)
	}
	recs, err := g.Search(context.Background(), verify.Query{Names: []string{"Northwind Trading Ltd"}, Countries: []string{"HK"}})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range recs {
		ids = append(ids, r.ID)
	}
	if want := []string{"FICT00HK000000000001", "FICT00HK000000000002", "FICT00HK000000000003"}; !slices.Equal(ids, want) {
		t.Errorf("records %v, want the first three pages' %v", ids, want)
	}
	if !slices.Equal(asked, []string{"", "2", "3"}) {
		t.Errorf("pages asked %q, want the first three", asked)
	}
	// A single page is one request.
	asked = nil
	pages[0] = page1
	if _, err := g.Search(context.Background(), verify.Query{Names: []string{"Northwind Trading Limited"}}); err != nil || len(asked) != 1 {
		t.Errorf("one page: asked %q, %v", asked, err)
	}
}
