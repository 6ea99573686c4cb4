package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net"
	"net/http"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/rs/zerolog"
	"github.com/spf13/cobra"

	"github.com/resolve-tool/resolve/config"
	"github.com/resolve-tool/resolve/resolve/job"
	"github.com/resolve-tool/resolve/resolve/pipeline"
	"github.com/resolve-tool/resolve/resolve/reconcile"
	"github.com/resolve-tool/resolve/resolve/state"
	"github.com/resolve-tool/resolve/resolve/store"
	"github.com/resolve-tool/resolve/verify"
	"github.com/resolve-tool/resolve/verify/address"
	"github.com/resolve-tool/resolve/verify/bulk"
	"github.com/resolve-tool/resolve/verify/flags"
)

// serveTokenEnv names the environment variable that holds the bearer token.
const serveTokenEnv = "RESOLVE_SERVE_TOKEN"

// serveOptions are the flags of `resolve serve`.
type serveOptions struct {
	addr      string
	run       string // run ID; "" = the last successful run
	tokenFile string
	origins   []string
	rate      float64
	burst     int
	maxBody   int64
	batch     int
	margin    float64
	reload    time.Duration // how often to look for a newer run; 0 = never
}

func (a *app) serveCmd() *cobra.Command {
	var o serveOptions
	cmd := &cobra.Command{
		Use:   "serve [--addr 127.0.0.1:8080]",
		Short: "Serve the last run's clusters and the bulk store as a W3C reconciliation service (OpenRefine)",
		Long: `Serve the clusters of the last successful run (or --run ID) and the records of
the bulk store (resolve index) over the W3C Reconciliation Service API 0.2, the
protocol OpenRefine 3.x speaks: add http://127.0.0.1:8080/ as a standard
reconciliation service. Queries are matched with the batch run's matcher
(match.* settings); a candidate has match: true only when it reaches
match.threshold and is at least --margin ahead of the next.

The service opens the store read-only (SQLite mode=ro; PostgreSQL in
read-only transactions) and refuses one at an older schema: run resolve once
with this build to migrate it. It listens on loopback unless --addr says
otherwise; bound to any other address it requires a bearer token, read from
--token-file, else the environment variable ` + serveTokenEnv + `, else the
configuration key serve.token (keep that file private: chmod 600; serve
warns when every user can read it); clients send it as
"Authorization: Bearer TOKEN". OpenRefine 3.6 sends no
credentials: run it beside the service on loopback, or reach a remote service
through an SSH tunnel to its loopback port. The token is never logged. Review decisions
may be POSTed to /judgements (JSON {kind, a, b, note, force}) when a
judgements file is configured; they are appended to it as by resolve judge.
The HTML report sends its review decisions there: start serve with
--allow-origin null (the origin of a report opened as a file) and a token,
and enter the address and token in the report's review bar.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.serve(cmd.Context(), o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.addr, "addr", "127.0.0.1:8080", "address to listen on (host:port); a non-loopback host requires a token")
	f.StringVar(&o.run, "run", "", "serve this run's clusters instead of the last successful run's (see resolve runs)")
	f.StringVar(&o.tokenFile, "token-file", "", "file holding the bearer token (else $"+serveTokenEnv+", else serve.token)")
	f.StringSliceVar(&o.origins, "allow-origin", []string{"http://127.0.0.1:3333", "http://localhost:3333"},
		"origins browsers may read answers from (CORS); OpenRefine's by default; null for HTML reports opened as files (needs a token); * for any")
	f.Float64Var(&o.rate, "rate", 20, "requests per second per client address")
	f.IntVar(&o.burst, "burst", 40, "requests a client may send at once above --rate")
	f.Int64Var(&o.maxBody, "max-body", 1<<20, "largest request body in bytes")
	f.IntVar(&o.batch, "batch-size", 50, "most queries in one batch (announced in the manifest)")
	f.Float64Var(&o.margin, "margin", 0.1, "how far the best candidate must be ahead of the next for match: true")
	f.DurationVar(&o.reload, "reload", 5*time.Minute, "how often to look for a newer successful run and serve its clusters; 0 = never (ignored with --run)")
	return cmd
}

// loopbackAddr reports whether a listen address binds loopback only.
func loopbackAddr(addr string) (bool, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false, err
	}
	if strings.EqualFold(host, "localhost") {
		return true, nil
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback(), nil
}

// serveToken reads the token: --token-file, else the configuration's
// serve.token (which $RESOLVE_SERVE_TOKEN overrides). A token read from a
// configuration file that every user of the machine can read gets a
// warning (naming the key, never the token).
func (a *app) serveToken(o serveOptions) (string, error) {
	if o.tokenFile != "" {
		b, err := os.ReadFile(o.tokenFile)
		if err != nil {
			return "", usageErr("give a readable file to --token-file", "read token file: %v", err)
		}
		t := strings.TrimSpace(string(b))
		if t == "" {
			return "", usageErr("put the token in "+o.tokenFile, "token file %s is empty", o.tokenFile)
		}
		return t, nil
	}
	if a.configPath != "" && os.Getenv(serveTokenEnv) == "" {
		exposed, err := config.ExposedSecrets(a.configPath)
		if err == nil && slices.Contains(exposed, "serve.token") {
			a.log.Warn().Str("file", a.configPath).Strs("keys", exposed).
				Msg("the configuration file holds secrets and every user of this machine can read it: chmod 600 it")
		}
	}
	return strings.TrimSpace(a.cfg.Serve.Token), nil
}

func (a *app) serve(ctx context.Context, o serveOptions) error {
	loopback, err := loopbackAddr(o.addr)
	if err != nil {
		return usageErr("give --addr as host:port, e.g. 127.0.0.1:8080", "bad --addr %q: %v", o.addr, err)
	}
	token, err := a.serveToken(o)
	if err != nil {
		return err
	}
	if !loopback && token == "" {
		return usageErr("set serve.token in a private configuration file, "+serveTokenEnv+" or --token-file, or listen on loopback (--addr 127.0.0.1:8080)",
			"--addr %s is not a loopback address: a bearer token is required", o.addr)
	}
	if a.cfg.Judgements != "" && token == "" && (slices.Contains(o.origins, "null") || slices.Contains(o.origins, "*")) {
		// Every file:// page and sandboxed frame has the origin null: without
		// a token, any of them could post judgements.
		return usageErr("set a token (serve.token, "+serveTokenEnv+" or --token-file) and enter it in the report",
			"--allow-origin null or * with a judgements file lets any page post decisions: a bearer token is required")
	}
	if token != "" && len(token) < 16 {
		return usageErr("use a random token of at least 16 characters (e.g. openssl rand -hex 24)", "the bearer token is too short")
	}
	sv, err := a.reconcileService(ctx, o, token, loopback)
	if err != nil {
		return err
	}
	defer sv.close()
	if o.run == "" && o.reload > 0 {
		go sv.reloadEvery(ctx, o.reload)
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return fmt.Errorf("serve: listen %s: %w", o.addr, err)
	}
	srv := &http.Server{
		Handler:           sv.svc.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    16 << 10,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	a.log.Info().Str("addr", ln.Addr().String()).Bool("token_required", token != "").Bool("loopback", loopback).
		Msg("serving the reconciliation service")
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	_ = srv.Shutdown(sctx)
	a.log.Info().Msg("reconciliation service stopped")
	return nil // a signal ends a server normally
}

// served is the running service with what it was built from.
type served struct {
	a     *app
	o     serveOptions
	svc   *reconcile.Service
	st    *store.Store
	runID string // the run whose clusters are served ("" = none)
	close func()
}

// reconcileService loads the run's clusters and opens the bulk store,
// read-only, and returns the service.
func (a *app) reconcileService(ctx context.Context, o serveOptions, token string, loopback bool) (*served, error) {
	if !fileExists(a.cfg.Store.Path) {
		return nil, usageErr("run resolve --in names.csv first, or name the store with --store (store.path)",
			"no store at %s (serve never creates one)", a.cfg.Store.Path)
	}
	st, err := store.OpenReadOnly(ctx, a.cfg.Store.Path, store.Options{})
	if err != nil {
		return nil, a.readOnlyErr(err, a.cfg.Store.Path)
	}
	sv := &served{a: a, o: o, st: st, close: func() { st.Close() }}
	ix, runID, err := sv.index(ctx, o.run)
	if err != nil {
		st.Close()
		return nil, err
	}
	sv.runID = runID
	local, err := bulk.NewLocal(ctx, st, pipeline.BulkKeys, bulk.LocalOptions{AddressKey: address.Normalise})
	if err != nil {
		st.Close()
		return nil, err
	}
	reg := &bulkRegistry{st: st, local: local}
	if ix.Len() == 0 && len(reg.Sources()) == 0 {
		st.Close()
		return nil, usageErr("run resolve --in names.csv --store "+a.cfg.Store.Path+", or index a bulk file with resolve index",
			"nothing to serve: the store has no successful run and no bulk source")
	}
	var judge reconcile.Judge
	if a.cfg.Judgements != "" {
		judge = &fileJudge{sv: sv}
	}
	sv.svc = reconcile.New(ix, reg, judge, reconcile.Options{
		Name: "resolve", Version: version, Token: token, Loopback: loopback, AllowOrigins: o.origins,
		MaxBody: o.maxBody, BatchSize: o.batch, Rate: o.rate, Burst: o.burst,
	}, a.log)
	return sv, nil
}

// readOnlyErr explains why serve cannot open a store (where: the SQLite
// file, or the PostgreSQL run state) read-only: one at an older schema
// needs the migration that every other command applies.
func (a *app) readOnlyErr(err error, where string) error {
	switch {
	case errors.Is(err, store.ErrSchemaOld):
		return usageErr("run resolve once with this build to migrate it (e.g. resolve runs --store "+a.cfg.Store.Path+"), then serve again",
			"serve opens the store read-only and will not migrate %s: %v", where, err)
	case errors.Is(err, store.ErrSchemaTooNew):
		return usageErr("serve it with the newer resolve that wrote it", "%v", err)
	}
	return fmt.Errorf("open store %s read-only: %w", where, err)
}

// openState opens the run state read-only: the store's SQLite file as
// opened, or PostgreSQL in read-only transactions.
func (sv *served) openState(ctx context.Context) (state.Store, error) {
	ss, err := state.Open(ctx, sv.st, sv.a.cfg.Store.PostgresDSN, state.Options{ReadOnly: true})
	if err != nil {
		where := sv.a.cfg.Store.Path
		if sv.a.cfg.Store.PostgresDSN != "" {
			where = "the PostgreSQL run state of store.postgres_dsn"
		}
		return nil, sv.a.readOnlyErr(err, where)
	}
	return ss, nil
}

// index builds the index of a run's clusters (the last successful run's
// when runID is empty).
func (sv *served) index(ctx context.Context, runID string) (*reconcile.Index, string, error) {
	ents, runID, err := sv.servedClusters(ctx, runID)
	if err != nil {
		return nil, "", err
	}
	start := time.Now()
	ix := reconcile.NewIndex(ents, reconcile.IndexParams{Match: job.MatchParams(sv.a.cfg.Match), Margin: sv.o.margin,
		MaxBlock: sv.a.cfg.Cluster.MaxBlock})
	sv.a.log.Info().Str("run", runID).Int("clusters", ix.Len()).Dur("took", time.Since(start)).Msg("index built")
	warnNearMemoryLimit(sv.a.log)
	return ix, runID, nil
}

// warnNearMemoryLimit warns when the live heap (the index, about 2.5 KB a
// spelling) is near the runtime's soft memory limit (memory_limit,
// GOMEMLIMIT): above it the collector runs all the time and every query
// slows down.
func warnNearMemoryLimit(log zerolog.Logger) {
	limit := debug.SetMemoryLimit(-1) // reads the limit
	if limit <= 0 || limit == math.MaxInt64 {
		return
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	if float64(ms.HeapAlloc) > 0.8*float64(limit) {
		log.Warn().Uint64("heap_mib", ms.HeapAlloc>>20).Int64("memory_limit_mib", limit>>20).
			Msg("the index fills most of memory_limit: raise memory_limit (or set it to 0) for serve, else the collector slows every query")
	}
}

// reload serves the clusters of the last successful run if it is newer
// than the one served. It reports whether it changed the index.
func (sv *served) reload(ctx context.Context) (bool, error) {
	ss, err := sv.openState(ctx)
	if err != nil {
		return false, err
	}
	run, ok, err := ss.PreviousSuccessful(ctx)
	ss.Close()
	if err != nil || !ok || run.ID == sv.runID {
		return false, err
	}
	ix, runID, err := sv.index(ctx, run.ID)
	if err != nil {
		return false, err
	}
	sv.svc.SetIndex(ix)
	sv.runID = runID
	return true, nil
}

func (sv *served) reloadEvery(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if _, err := sv.reload(ctx); err != nil && ctx.Err() == nil {
				sv.a.log.Warn().Err(err).Msg("could not load a newer run; still serving the one before")
			}
		}
	}
}

// servedClusters reads the clusters of the run (the last successful one when
// runID is empty) from the run state. A store without a run gives none.
func (sv *served) servedClusters(ctx context.Context, runID string) ([]reconcile.Entity, string, error) {
	a := sv.a
	ss, err := sv.openState(ctx)
	if err != nil {
		return nil, "", err
	}
	defer ss.Close()
	if runID == "" {
		run, ok, err := ss.PreviousSuccessful(ctx)
		if err != nil {
			return nil, "", err
		}
		if !ok {
			a.log.Warn().Msg("no successful run with saved clusters: serving the bulk store only")
			return nil, "", nil
		}
		runID = run.ID
	}
	snap, err := ss.Snapshot(ctx, runID)
	if errors.Is(err, state.ErrNoRun) || errors.Is(err, state.ErrNoSnapshot) {
		return nil, "", usageErr("list runs with `resolve runs`", "%v", err)
	}
	if err != nil {
		return nil, "", err
	}
	w := flags.Weights{High: a.cfg.Flags.Weights.High, Medium: a.cfg.Flags.Weights.Medium, Low: a.cfg.Flags.Weights.Low}
	return clustersOf(snap, w), runID, nil
}

// clustersOf converts a run's snapshot: spellings and countries from the
// member keys, indicators from the flags, the risk score as the batch run
// computes it (flags.Score), and the registry records matched.
func clustersOf(snap *state.Snapshot, w flags.Weights) []reconcile.Entity {
	out := make([]reconcile.Entity, 0, len(snap.Clusters))
	for _, c := range snap.Clusters {
		e := reconcile.Entity{ID: c.ID, Name: c.CanonicalName, Size: c.Size}
		for _, m := range c.Members {
			_, country, _ := strings.Cut(m.Key, "\x1f") // state.MemberKey: folded name, unit separator, country
			e.Spellings = append(e.Spellings, reconcile.Spelling{Name: m.Name, Country: country})
			if country != "" && !slices.Contains(e.Countries, country) {
				e.Countries = append(e.Countries, country)
			}
		}
		slices.Sort(e.Countries)
		var ff []flags.Flag
		for _, f := range c.Flags {
			e.Indicators = append(e.Indicators, reconcile.Indicator{Code: f.Code, Severity: f.Severity})
			ff = append(ff, flags.Flag{Code: f.Code, Severity: flags.Severity(f.Severity)})
		}
		e.Risk = flags.Score(ff, w).Score
		for _, r := range c.Statuses {
			src := strings.TrimPrefix(r.Source, "local/")
			e.Records = append(e.Records, reconcile.RecordRef{Source: src, ID: r.RecordID, Status: r.Status, URL: recordURL(src, r.RecordID)})
		}
		out = append(out, e)
	}
	return out
}

// recordURL is the public page of a record, for the sources that have one
// by identifier.
func recordURL(source, id string) string {
	switch source {
	case "gleif":
		return "https://search.gleif.org/#/record/" + id
	case "companies_house":
		return "https://find-and-update.company-information.service.gov.uk/company/" + id
	}
	return ""
}

// bulkRegistry is the bulk store as reconcile.Registry: read-only.
type bulkRegistry struct {
	st    *store.Store
	local *bulk.Local
}

func (b *bulkRegistry) Sources() []string {
	var out []string
	for _, l := range b.local.Loads() {
		out = append(out, l.Source)
	}
	return out
}

func (b *bulkRegistry) Search(ctx context.Context, name string, sources []string) ([]reconcile.Record, error) {
	var out []reconcile.Record
	for _, src := range sources {
		recs, ok, err := b.local.SearchSource(ctx, src, []string{name})
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		for _, r := range recs {
			out = append(out, reconcileRecord(src, r))
		}
	}
	return out, nil
}

// storedRecord is the part of the bulk store's record encoding (verify/bulk's
// stored) that a lookup by ID needs; TestServeRegistryRecordByID keeps it in
// step with what resolve index writes.
type storedRecord struct {
	ID          string              `json:"i"`
	URL         string              `json:"u"`
	Name        string              `json:"n"`
	OtherNames  []string            `json:"o"`
	Juris       string              `json:"j"`
	Status      verify.Status       `json:"s"`
	Identifiers []verify.Identifier `json:"id"`
	Topics      []string            `json:"t"`
}

func (b *bulkRegistry) Record(ctx context.Context, source, id string) (reconcile.Record, error) {
	for _, l := range b.local.Loads() {
		if l.Source != source {
			continue
		}
		c, ok, err := b.st.Entity(ctx, l.ID, id)
		if err != nil {
			return reconcile.Record{}, err
		}
		if !ok {
			break
		}
		var s storedRecord
		if err := json.Unmarshal(c.Data, &s); err != nil {
			return reconcile.Record{}, fmt.Errorf("bulk record %s:%s: %w", source, id, err)
		}
		return reconcileRecord(source, verify.Record{ID: s.ID, URL: s.URL, Name: s.Name, OtherNames: s.OtherNames,
			Jurisdiction: s.Juris, Status: s.Status, Identifiers: s.Identifiers, Topics: s.Topics}), nil
	}
	return reconcile.Record{}, reconcile.ErrNotFound
}

func reconcileRecord(source string, r verify.Record) reconcile.Record {
	out := reconcile.Record{Source: source, ID: r.ID, Name: r.Name, OtherNames: r.OtherNames, Status: string(r.Status),
		URL: r.URL, Listed: r.Listing()}
	if len(r.Jurisdiction) >= 2 {
		out.Country = strings.ToUpper(r.Jurisdiction[:2])
	}
	for _, i := range r.Identifiers {
		out.Identifiers = append(out.Identifiers, reconcile.Identifier{Scheme: i.Scheme, Value: i.Value})
	}
	return out
}

// fileJudge appends posted judgements to the judgements file, refusing
// those that contradict earlier decisions unless forced, as resolve judge
// does.
type fileJudge struct {
	sv *served
	mu sync.Mutex // one check-then-append at a time (the file lock covers other processes)
}

func (f *fileJudge) Record(ctx context.Context, j reconcile.Judgement) ([]string, error) {
	kind := state.Kind(j.Kind)
	switch {
	case kind != state.Same && kind != state.Different && kind != state.Ignore:
		return nil, fmt.Errorf("%w: kind %q: one of same, different, ignore", reconcile.ErrInvalid, j.Kind)
	case j.A == "":
		return nil, fmt.Errorf("%w: a: a name or a cluster ID", reconcile.ErrInvalid)
	case kind == state.Ignore && j.B != "":
		return nil, fmt.Errorf("%w: b: ignore takes one name", reconcile.ErrInvalid)
	case kind != state.Ignore && j.B == "":
		return nil, fmt.Errorf("%w: b: %s needs two names or cluster IDs", reconcile.ErrInvalid, kind)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	a := f.sv.a
	sj := state.Judgement{Kind: kind, A: j.A, B: j.B, Note: j.Note}
	ss, err := f.sv.openState(ctx) // cluster IDs are resolved through the run state, read-only
	if err != nil {
		return nil, err
	}
	defer ss.Close()
	conflicts, err := a.judgementConflictsWith(ctx, sj, ss)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", reconcile.ErrInvalid, err)
	}
	if len(conflicts) > 0 && !j.Force {
		return conflicts, nil
	}
	if err := state.AddJudgement(a.cfg.Judgements, kind, j.A, j.B, j.Note); err != nil {
		return nil, err
	}
	for _, c := range conflicts {
		a.log.Warn().Str("conflict", c).Msg("recorded a posted judgement that contradicts earlier ones (force)")
	}
	return nil, nil
}
