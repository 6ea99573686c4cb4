package reconcile

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rs/zerolog"
	"golang.org/x/time/rate"

	"github.com/resolve-tool/resolve/resolve/match"
)

// Options configure the service. The zero value of each limit is its default.
type Options struct {
	Name    string // service name in the manifest
	Version string // serviceVersion in the manifest
	// Token, when set, must be sent as "Authorization: Bearer <token>" with
	// every request but the manifest's. It is never logged.
	Token string
	// Loopback says the listener is bound to a loopback address only: the
	// Host header must then name a loopback host (no DNS rebinding).
	Loopback bool
	// AllowOrigins are the origins CORS lets read responses; "*" allows any.
	AllowOrigins []string
	MaxBody      int64         // request body bytes; default 1 MiB
	BatchSize    int           // queries per batch (manifest batchSize); default 50
	MaxExtendIDs int           // ids per data extension query; default 500
	Rate         float64       // requests per second per client address; default 20
	Burst        int           // default 40
	Timeout      time.Duration // per request; default 30 s
}

func (o Options) withDefaults() Options {
	if o.Name == "" {
		o.Name = "resolve"
	}
	if o.MaxBody <= 0 {
		o.MaxBody = 1 << 20
	}
	if o.BatchSize <= 0 {
		o.BatchSize = 50
	}
	if o.MaxExtendIDs <= 0 {
		o.MaxExtendIDs = 500
	}
	if o.Rate <= 0 {
		o.Rate = 20
	}
	if o.Burst <= 0 {
		o.Burst = 40
	}
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	return o
}

// Service answers the Reconciliation Service API over an Index and,
// optionally, a Registry and a Judge.
type Service struct {
	ix    atomic.Pointer[Index]
	reg   Registry // nil: no registry records
	judge Judge    // nil: POST /judgements is not offered
	opt   Options
	log   zerolog.Logger

	mu       sync.Mutex
	limiters map[string]*rate.Limiter
}

// New returns the service. reg and judge may be nil.
func New(ix *Index, reg Registry, judge Judge, opt Options, log zerolog.Logger) *Service {
	s := &Service{reg: reg, judge: judge, opt: opt.withDefaults(), log: log, limiters: map[string]*rate.Limiter{}}
	s.ix.Store(ix)
	return s
}

// SetIndex replaces the index (after a new run) without stopping the
// service: requests under way finish on the index they started with.
func (s *Service) SetIndex(ix *Index) { s.ix.Store(ix) }

func (s *Service) index() *Index { return s.ix.Load() }

// Paths of the service, relative to its root.
const (
	pathRoot       = "/"
	pathPreview    = "/preview"
	pathSuggest    = "/suggest/"
	pathProperties = "/properties"
	pathJudgements = "/judgements"
)

// Handler returns the HTTP handler: the endpoint at "/" (manifest,
// queries, extend), /preview, /suggest/{entity,type,property},
// /properties and, with a Judge, /judgements.
func (s *Service) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc(pathRoot, s.root)
	mux.HandleFunc(pathPreview, s.preview)
	mux.HandleFunc(pathSuggest+"entity", s.suggestEntity)
	mux.HandleFunc(pathSuggest+"type", s.suggestType)
	mux.HandleFunc(pathSuggest+"property", s.suggestProperty)
	mux.HandleFunc(pathProperties, s.properties)
	if s.judge != nil {
		mux.HandleFunc(pathJudgements, s.judgements)
	}
	return s.guard(mux)
}

// statusWriter records the status for the access log.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// guard applies, in order: the Host check (loopback), CORS (answering
// preflights), the rate limit, the body size limit, the bearer token
// (except for the manifest), a timeout, and the access log (method, path
// and status; never the query string, the body or the token).
func (s *Service) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		start := time.Now()
		w := &statusWriter{ResponseWriter: rw}
		defer func() {
			s.log.Debug().Str("method", r.Method).Str("path", r.URL.Path).Int("status", w.status).
				Dur("took", time.Since(start)).Msg("request")
		}()
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Cache-Control", "no-store")
		if s.opt.Loopback && !loopbackHost(r.Host) {
			httpError(w, http.StatusMisdirectedRequest, "this service answers only requests addressed to a loopback host (127.0.0.1, [::1], localhost)")
			return
		}
		if origin := r.Header.Get("Origin"); origin != "" && s.originAllowed(origin) {
			if slices.Contains(s.opt.AllowOrigins, "*") {
				h.Set("Access-Control-Allow-Origin", "*")
			} else {
				h.Set("Access-Control-Allow-Origin", origin)
				h.Add("Vary", "Origin")
			}
			if r.Method == http.MethodOptions {
				h.Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
				h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type")
				h.Set("Access-Control-Max-Age", "600")
				if r.Header.Get("Access-Control-Request-Private-Network") == "true" {
					// Private Network Access: a page of an allowed origin
					// (a report opened as a file) may reach this loopback
					// service.
					h.Set("Access-Control-Allow-Private-Network", "true")
				}
				w.WriteHeader(http.StatusNoContent)
				return
			}
		}
		if r.Method == http.MethodOptions {
			w.WriteHeader(http.StatusNoContent) // a preflight from an origin not allowed: no CORS headers
			return
		}
		if !s.allow(r) {
			h.Set("Retry-After", "1")
			httpError(w, http.StatusTooManyRequests, "too many requests: slow down")
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, s.opt.MaxBody)
		if s.opt.Token != "" && !isManifest(r) && !s.authorised(r) {
			h.Set("WWW-Authenticate", `Bearer realm="resolve"`)
			httpError(w, http.StatusUnauthorized, "missing or wrong bearer token: send Authorization: Bearer <token>")
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), s.opt.Timeout)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

func (s *Service) originAllowed(origin string) bool {
	for _, o := range s.opt.AllowOrigins {
		if o == "*" || strings.EqualFold(o, origin) {
			return true
		}
	}
	return false
}

// isManifest: a GET of the endpoint without parameters.
func isManifest(r *http.Request) bool {
	return r.Method == http.MethodGet && r.URL.Path == pathRoot && r.URL.RawQuery == ""
}

func (s *Service) authorised(r *http.Request) bool {
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return ok && subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), []byte(s.opt.Token)) == 1
}

// allow takes a token from the client address's bucket. The table of
// buckets is dropped whole when it grows past 4,096 addresses.
func (s *Service) allow(r *http.Request) bool {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	s.mu.Lock()
	l, ok := s.limiters[host]
	if !ok {
		if len(s.limiters) >= 4096 {
			clear(s.limiters)
		}
		l = rate.NewLimiter(rate.Limit(s.opt.Rate), s.opt.Burst)
		s.limiters[host] = l
	}
	s.mu.Unlock()
	return l.Allow()
}

// loopbackHost reports whether a Host header names a loopback host.
func loopbackHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.Trim(host, "[]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// base is the service's absolute URL as the client addressed it.
func base(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// httpError answers with a JSON body {"error": msg}: the specification
// leaves error bodies open.
func httpError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

// formValue reads a parameter from the query string (GET) or a
// form-encoded body (POST), answering 413 or 400 itself when the body
// cannot be read.
func formValue(w http.ResponseWriter, r *http.Request, key string) (string, bool) {
	if err := r.ParseForm(); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			httpError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body larger than %d bytes", mbe.Limit))
		} else {
			httpError(w, http.StatusBadRequest, "cannot read the form: "+err.Error())
		}
		return "", false
	}
	return r.Form.Get(key), true
}

// root is the endpoint: the manifest, reconciliation queries and data
// extension.
func (s *Service) root(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != pathRoot {
		httpError(w, http.StatusNotFound, "no such endpoint")
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		w.Header().Set("Allow", "GET, POST, OPTIONS")
		httpError(w, http.StatusMethodNotAllowed, "use GET or POST")
		return
	}
	queries, ok := formValue(w, r, "queries")
	if !ok {
		return
	}
	extend := r.Form.Get("extend")
	switch {
	case queries != "":
		s.reconcile(w, r, queries)
	case extend != "":
		s.extend(w, r, extend)
	case r.Form.Has("callback"):
		httpError(w, http.StatusBadRequest, "JSONP is not supported; use CORS")
	default:
		writeJSON(w, http.StatusOK, s.manifest(r))
	}
}

// Type identifiers.
const (
	TypeCluster  = "cluster"
	TypeRegistry = "registry"
)

func clusterType() typeJSON {
	return typeJSON{ID: TypeCluster, Name: "Cluster of company names (customs records)"}
}

func registryType() typeJSON { return typeJSON{ID: TypeRegistry, Name: "Registry or list record"} }

func sourceType(src string) typeJSON {
	return typeJSON{ID: TypeRegistry + ":" + src, Name: "Record of " + src, Broader: []typeJSON{registryType()}}
}

type typeJSON struct {
	ID          string     `json:"id"`
	Name        string     `json:"name"`
	Description string     `json:"description,omitempty"`
	Broader     []typeJSON `json:"broader,omitempty"`
}

func (s *Service) sources() []string {
	if s.reg == nil {
		return nil
	}
	return s.reg.Sources()
}

func (s *Service) types() []typeJSON {
	out := []typeJSON{clusterType()}
	if src := s.sources(); len(src) > 0 {
		out = append(out, registryType())
		for _, x := range src {
			out = append(out, sourceType(x))
		}
	}
	return out
}

// Identifier and schema spaces: URNs, so that they do not depend on where
// the service runs.
const (
	IdentifierSpace = "urn:x-resolve:entity:"
	SchemaSpace     = "urn:x-resolve:type:"
)

func (s *Service) manifest(r *http.Request) map[string]any {
	b := base(r)
	svc := map[string]string{"service_url": b, "service_path": ""}
	m := map[string]any{
		"versions":        []string{"0.2"},
		"name":            s.opt.Name,
		"identifierSpace": IdentifierSpace,
		"schemaSpace":     SchemaSpace,
		"serviceVersion":  s.opt.Version,
		"defaultTypes":    []typeJSON{clusterType()},
		"batchSize":       s.opt.BatchSize,
		"view":            map[string]string{"url": b + pathPreview + "?id={{id}}"},
		"preview":         map[string]any{"url": b + pathPreview + "?id={{id}}", "width": 420, "height": 260},
		"suggest": map[string]any{
			"entity":   map[string]string{"service_url": b, "service_path": pathSuggest + "entity"},
			"type":     map[string]string{"service_url": b, "service_path": pathSuggest + "type"},
			"property": map[string]string{"service_url": b, "service_path": pathSuggest + "property"},
		},
		"extend": map[string]any{
			"propose_properties": map[string]string{"service_url": svc["service_url"], "service_path": pathProperties},
		},
	}
	if s.opt.Token != "" {
		// Swagger 2.0 has no bearer scheme: an API key in the
		// Authorization header, whose value is "Bearer <token>".
		m["authentication"] = map[string]string{"type": "apiKey", "name": "Authorization", "in": "header"}
	}
	return m
}

// query is one reconciliation query as sent.
type query struct {
	Query      string          `json:"query"`
	Type       json.RawMessage `json:"type"`
	Limit      *float64        `json:"limit"`
	Properties []struct {
		PID string          `json:"pid"`
		V   json.RawMessage `json:"v"`
	} `json:"properties"`
	TypeStrict string `json:"type_strict"`
}

type candidate struct {
	ID          string     `json:"id"`
	Name        string     `json:"name"`
	Description string     `json:"description,omitempty"`
	Score       float64    `json:"score"`
	Features    []feature  `json:"features"`
	Match       bool       `json:"match"`
	Type        []typeJSON `json:"type"`
}

type feature struct {
	ID    string `json:"id"`
	Value any    `json:"value"`
}

type result struct {
	Result []candidate `json:"result"`
}

func (s *Service) reconcile(w http.ResponseWriter, r *http.Request, raw string) {
	var batch map[string]query
	if err := json.Unmarshal([]byte(raw), &batch); err != nil {
		httpError(w, http.StatusBadRequest, "queries: not a JSON object of queries: "+err.Error())
		return
	}
	if len(batch) > s.opt.BatchSize {
		httpError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("queries: %d queries in one batch; at most %d (batchSize)", len(batch), s.opt.BatchSize))
		return
	}
	out := make(map[string]result, len(batch))
	keys := make([]string, 0, len(batch))
	for k := range batch {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		res, err := s.answer(r.Context(), batch[k])
		if err != nil {
			var bad badRequest
			if errors.As(err, &bad) {
				httpError(w, http.StatusBadRequest, fmt.Sprintf("queries: %s: %v", k, err))
				return
			}
			s.log.Error().Err(err).Msg("reconciliation query failed")
			httpError(w, http.StatusInternalServerError, "the query could not be answered; see the service log")
			return
		}
		out[k] = result{Result: res}
	}
	writeJSON(w, http.StatusOK, out)
}

type badRequest struct{ msg string }

func (b badRequest) Error() string { return b.msg }

func stringOrList(raw json.RawMessage) ([]string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var one string
	if json.Unmarshal(raw, &one) == nil {
		return []string{one}, nil
	}
	var many []string
	if err := json.Unmarshal(raw, &many); err != nil {
		return nil, badRequest{"type: a type identifier or a list of them"}
	}
	return many, nil
}

// propertyValues reads the values of a query property: strings, numbers,
// booleans or entities ({"id": ...}), one or a list.
func propertyValues(raw json.RawMessage) []string {
	var list []json.RawMessage
	if json.Unmarshal(raw, &list) != nil {
		list = []json.RawMessage{raw}
	}
	var out []string
	for _, v := range list {
		var str string
		var ent struct {
			ID string `json:"id"`
		}
		switch {
		case json.Unmarshal(v, &str) == nil:
			out = append(out, str)
		case json.Unmarshal(v, &ent) == nil && ent.ID != "":
			out = append(out, ent.ID)
		default:
			out = append(out, strings.TrimSpace(string(v)))
		}
	}
	return out
}

// answer scores one query against the clusters and, when asked for, the
// registry records.
func (s *Service) answer(ctx context.Context, q query) ([]candidate, error) {
	name := strings.TrimSpace(q.Query)
	types, err := stringOrList(q.Type)
	if err != nil {
		return nil, err
	}
	limit := 10
	if q.Limit != nil {
		if *q.Limit < 1 || *q.Limit != math.Trunc(*q.Limit) {
			return nil, badRequest{"limit: a positive integer"}
		}
		limit = min(int(*q.Limit), 100)
	}
	var country string
	var wantLEI []string
	for _, p := range q.Properties {
		vals := propertyValues(p.V)
		switch p.PID {
		case PropCountries, "country":
			if len(vals) > 0 {
				country = strings.ToUpper(strings.TrimSpace(vals[0]))
			}
		case PropLEI:
			wantLEI = append(wantLEI, vals...)
		}
	}
	if name == "" {
		if len(wantLEI) == 0 {
			return []candidate{}, nil // properties alone: only an LEI can be looked up
		}
		name = wantLEI[0]
	}
	clusters, sources := s.scope(types)
	ix := s.index() // one index for the whole query
	var hits []scored
	exact := map[string]bool{}
	if clusters {
		if e, ok := ix.Entity(name); ok { // an entity ID as the query
			hits = append(hits, scored{c: s.clusterCandidate(e, 1), exact: true})
			exact[e.ID] = true
		}
		for _, l := range wantLEI {
			for _, e := range ix.ByLEI(l) {
				if !exact[e.ID] {
					c := s.clusterCandidate(e, 1)
					c.Features = append(c.Features, feature{"lei_match", true})
					hits = append(hits, scored{c: c, exact: true})
					exact[e.ID] = true
				}
			}
		}
		for _, h := range ix.Search(name, country, limit+1) {
			if exact[h.Entity.ID] {
				continue
			}
			c := s.clusterCandidate(h.Entity, h.Score)
			c.Features = append(c.Features, feature{"name_score", round(h.Score)}, feature{"conflict", h.Conflict})
			if country != "" {
				c.Features = append(c.Features, feature{"country_match", slices.Contains(h.Entity.Countries, country)})
			}
			if len(wantLEI) > 0 {
				c.Features = append(c.Features, feature{"lei_match", hasLEI(h.Entity, wantLEI)})
			}
			hits = append(hits, scored{c: c, conflict: h.Conflict})
		}
	}
	if s.reg != nil && (len(sources) > 0 || !clusters) {
		rs, err := s.recordHits(ctx, ix.Matcher(), name, country, sources, wantLEI)
		if err != nil {
			return nil, err
		}
		for _, h := range rs {
			if !exact[h.c.ID] {
				hits = append(hits, h)
			}
		}
	}
	slices.SortStableFunc(hits, func(a, b scored) int {
		if a.exact != b.exact {
			if a.exact {
				return -1
			}
			return 1
		}
		if a.c.Score != b.c.Score {
			if a.c.Score > b.c.Score {
				return -1
			}
			return 1
		}
		return strings.Compare(a.c.ID, b.c.ID)
	})
	scores := make([]float64, len(hits))
	for i, h := range hits {
		scores[i] = h.c.Score
	}
	out := make([]candidate, 0, min(len(hits), limit))
	for i, h := range hits[:min(len(hits), limit)] {
		if i == 0 {
			h.c.Match = h.exact || ix.Decide(scores, h.conflict)
		}
		out = append(out, h.c)
	}
	return out, nil
}

type scored struct {
	c        candidate
	conflict bool
	exact    bool // the query was the candidate's ID
}

// scope reads the query's types: whether clusters are searched, and which
// registry sources. No type: clusters only (the default type).
func (s *Service) scope(types []string) (clusters bool, sources []string) {
	if len(types) == 0 {
		return true, nil
	}
	all := s.sources()
	for _, t := range types {
		switch {
		case t == TypeCluster:
			clusters = true
		case t == TypeRegistry:
			sources = append(sources, all...)
		case strings.HasPrefix(t, TypeRegistry+":"):
			if src := strings.TrimPrefix(t, TypeRegistry+":"); slices.Contains(all, src) {
				sources = append(sources, src)
			}
		}
	}
	slices.Sort(sources)
	return clusters, slices.Compact(sources)
}

func round(x float64) float64 { return math.Round(x*1e4) / 1e4 }

func hasLEI(e *Entity, want []string) bool {
	for _, l := range leis(e) {
		for _, w := range want {
			if strings.EqualFold(strings.TrimSpace(w), l) {
				return true
			}
		}
	}
	return false
}

func (s *Service) clusterCandidate(e *Entity, score float64) candidate {
	return candidate{ID: e.ID, Name: e.Name, Description: describe(e), Score: round(score),
		Features: []feature{}, Type: []typeJSON{clusterType()}}
}

// recordHits searches the bulk store and scores each record's names with
// the index's matcher.
func (s *Service) recordHits(ctx context.Context, m *match.Matcher, name, country string, sources, wantLEI []string) ([]scored, error) {
	if len(sources) == 0 {
		return nil, nil
	}
	var out []scored
	if slices.Contains(sources, "gleif") {
		for _, l := range wantLEI {
			rec, err := s.reg.Record(ctx, "gleif", strings.ToUpper(strings.TrimSpace(l)))
			if errors.Is(err, ErrNotFound) {
				continue
			}
			if err != nil {
				return nil, fmt.Errorf("registry record gleif:%s: %w", l, err)
			}
			out = append(out, scored{c: s.recordCandidate(rec, 1, false, country), exact: true})
		}
	}
	recs, err := s.reg.Search(ctx, name, sources)
	if err != nil {
		return nil, fmt.Errorf("registry search: %w", err)
	}
	q := m.Prepare(name, country)
	var sc match.Scratch
	for _, rec := range recs {
		if slices.ContainsFunc(out, func(h scored) bool { return h.c.ID == RecordID(rec.Source, rec.ID) }) {
			continue
		}
		best, conflict := 0.0, false
		for _, n := range append([]string{rec.Name}, rec.OtherNames...) {
			v, c := m.ScoreConflict(q, m.Prepare(n, rec.Country), &sc)
			if v > best || (v == best && conflict && !c) {
				best, conflict = v, c
			}
		}
		lei := slices.ContainsFunc(wantLEI, func(w string) bool { return recordHasLEI(rec, w) })
		if lei {
			best = 1
		}
		out = append(out, scored{c: s.recordCandidate(rec, best, conflict, country), conflict: conflict && !lei, exact: lei})
	}
	return out, nil
}

func (s *Service) recordCandidate(rec Record, score float64, conflict bool, country string) candidate {
	c := candidate{ID: RecordID(rec.Source, rec.ID), Name: rec.Name, Description: describeRecord(rec),
		Score: round(score), Type: []typeJSON{sourceType(rec.Source)},
		Features: []feature{{"name_score", round(score)}, {"conflict", conflict}}}
	if country != "" {
		c.Features = append(c.Features, feature{"country_match", rec.Country == country})
	}
	return c
}

// RecordID is the service's identifier of a registry record: source and
// the source's ID joined by a colon (cluster IDs never hold one).
func RecordID(source, id string) string { return source + ":" + id }

func splitRecordID(id string) (source, ext string, ok bool) {
	return strings.Cut(id, ":")
}

func recordHasLEI(r Record, want string) bool {
	want = strings.TrimSpace(want)
	for _, i := range r.Identifiers {
		if i.Scheme == "lei" && strings.EqualFold(i.Value, want) {
			return true
		}
	}
	return r.Source == "gleif" && strings.EqualFold(r.ID, want)
}

func intParam(r *http.Request, key string, def, maxV int) int {
	v, err := strconv.Atoi(r.URL.Query().Get(key))
	if err != nil || v < 0 {
		return def
	}
	return min(v, maxV)
}
