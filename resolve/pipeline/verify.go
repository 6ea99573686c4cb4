package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash/maphash"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/rs/zerolog"

	"github.com/resolve-tool/resolve/config"
	"github.com/resolve-tool/resolve/resolve/job"
	"github.com/resolve-tool/resolve/resolve/match"
	"github.com/resolve-tool/resolve/resolve/report"
	"github.com/resolve-tool/resolve/resolve/state"
	"github.com/resolve-tool/resolve/resolve/store"
	"github.com/resolve-tool/resolve/verify"
	"github.com/resolve-tool/resolve/verify/address"
	"github.com/resolve-tool/resolve/verify/bulk"
	"github.com/resolve-tool/resolve/verify/flags"
	"github.com/resolve-tool/resolve/verify/httpx"
	"github.com/resolve-tool/resolve/verify/source"
	"github.com/resolve-tool/resolve/verify/web"
)

// verifyStage indexes configured bulk files and verifies the clusters,
// taking each cluster's result from the store when an earlier run (even one
// that was killed) already verified the same members under the same settings.
func (j *Job) verifyStage(ctx context.Context, st *store.Store, ss state.Store, rep *report.Report, reuse *report.Reuse) error {
	if err := j.indexConfiguredBulk(ctx, st); err != nil {
		return err
	}
	v, err := j.newVerification(ctx, st)
	if err != nil {
		return err
	}
	if v.web != nil {
		defer v.web.Close()
	}
	v.state, v.digest, v.ttl = ss, v.settingsDigest(), v.resultTTL()
	if v.searchesNothing() {
		// Nothing stored, nothing read: a million clusters are verified in
		// memory in seconds, where storing their results took minutes.
		v.state = nil
		j.Log.Debug().Msg("no source can search (nothing indexed, no online source, no web check): results are not stored")
	}
	total := len(rep.Clusters)
	if m := j.Config.Verify.MaxClusters; m > 0 {
		total = min(total, m)
	}
	bar := j.progress("verify", total)
	v.progress = bar
	err = v.verifyAll(ctx, rep)
	bar(-1)
	if err != nil {
		return err
	}
	rep.Summary.Verification = v.summary()
	logOutcome(j.Log, rep.Summary.Verification)
	reuse.ClustersVerified, reuse.ClustersReused = int(v.verified.Load()), int(v.reused.Load())
	rep.Run.Sources = v.sourceUsage(rep)
	j.Log.Info().Int("flagged", CountFlagged(rep)).Int("verified", reuse.ClustersVerified).Int("reused", reuse.ClustersReused).Msg("verified")
	return nil
}

// verified is the part of a cluster the verify stage fills, as stored.
type verified struct {
	RegistryMatches []report.RegistryMatch `json:"registry_matches"`
	Coverage        []report.Coverage      `json:"coverage"`
	Web             []report.WebSite       `json:"web"`
	Flags           []report.Flag          `json:"flags"`
	Risk            report.Risk            `json:"risk"`
}

func (v *verification) settingsDigest() string {
	c := v.cfg
	var loads []string
	if v.local != nil {
		for _, l := range v.local.Loads() {
			loads = append(loads, fmt.Sprintf("%s:%d:%s", l.Source, l.ID, l.LoadedAt.UTC().Format(time.RFC3339Nano)))
		}
	}
	sources := c.Sources.ByName()
	for i := range sources {
		// The key itself stays out of the digest (a rotated key changes
		// nothing that was found); whether there is one does not: a source
		// skipped for want of a key is asked once a key is set.
		if sources[i].APIKey != "" {
			sources[i].APIKey = "set"
		}
	}
	b, _ := json.Marshal(struct {
		Verify  any
		Sources any
		Web     any
		Flags   any
		Match   any
		Loads   []string
		Version string
	}{c.Verify, sources, c.Web, c.Flags, c.Match, loads, v.version})
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}

// resultTTL is how long a stored verification stays valid: the shortest
// cache lifetime of the sources that produced it.
func (v *verification) resultTTL() time.Duration {
	ttl := time.Duration(0)
	for _, s := range v.cfg.Sources.ByName() {
		if s.Enabled && s.TTL > 0 && (ttl == 0 || s.TTL < ttl) {
			ttl = s.TTL
		}
	}
	if v.web != nil && v.cfg.Web.TTL > 0 && (ttl == 0 || v.cfg.Web.TTL < ttl) {
		ttl = v.cfg.Web.TTL
	}
	if ttl == 0 {
		ttl = 24 * time.Hour
	}
	return ttl
}

// verification holds what the verify stage needs for one run. Only sources
// the configuration enables are built; nothing here opens a connection
// until a cluster is verified.
type verification struct {
	cfg      *config.Config
	version  string // the tool's, in the settings digest
	verifier *verify.Verifier
	local    *bulk.Local
	web      *web.Checker
	online   map[string]source.StatsSource
	skips    []verify.Skip
	flagP    flags.Params

	// Stored results: a cluster verified by an earlier run (or an earlier
	// attempt of this one that was killed) from the same input under the
	// same settings is not verified again while its result is fresh. A
	// result in which a source failed or was cut short is never stored.
	state    state.Store
	results  *state.ResultWriter // batches the results made, while verifyAll runs
	shared   *sharedResults      // what many clusters' results have in common
	digest   string              // verification settings
	ttl      time.Duration
	verified atomic.Int64
	reused   atomic.Int64

	providers *providerIndex // known company-service providers per address (bulk store)
	remote    int            // online registries built (enabled, with what they need)

	mu         sync.Mutex     // guards the outcome counters below
	clean      map[string]int // per source: searches that answered (found, not found)
	failed     map[string]int // per source: searches that failed or were cut short
	incomplete int            // clusters with a failed or cut-short source

	// progress, if set, is told how many clusters are done (one call at a
	// time); see Job.Progress.
	progress func(done int)
	progMu   sync.Mutex
	done     int
}

// tick counts one cluster done for the progress bar.
func (v *verification) tick() {
	if v.progress == nil {
		return
	}
	v.progMu.Lock()
	v.done++
	v.progress(v.done)
	v.progMu.Unlock()
}

// nameScorer adapts the matching engine to the verifier.
type nameScorer struct{ m *match.Matcher }

func (s nameScorer) Score(a, b string) (float64, []verify.Reason) {
	r := s.m.Compare(a, b)
	out := make([]verify.Reason, len(r.Reasons))
	for i, x := range r.Reasons {
		out[i] = verify.Reason{Kind: x.Kind, Detail: x.Detail, Left: x.Left, Right: x.Right, Effect: x.Effect}
	}
	return r.Score, out
}

// BulkKeys are the name keys bulk files are indexed and searched with.
func BulkKeys(name string) []string { return match.IndexKeys(name) }

// BulkOptions indexes bulk files with the name keys and address normaliser
// that the local registry queries with (newVerification); changing either
// needs a re-index.
func BulkOptions(progress func(rows int64)) bulk.Options {
	return bulk.Options{Keys: BulkKeys, AddressKey: address.Normalise, Progress: progress}
}

// OpenStore opens the configuration's embedded store (creating it when missing).
func (j *Job) OpenStore(ctx context.Context) (*store.Store, error) {
	st, err := store.Open(ctx, j.Config.Store.Path)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", j.Config.Store.Path, err)
	}
	return st, nil
}

// indexConfiguredBulk loads the bulk files named under bulk: in the
// configuration into the store when that source has nothing indexed yet.
func (j *Job) indexConfiguredBulk(ctx context.Context, st *store.Store) error {
	if len(j.Config.Bulk) == 0 {
		return nil
	}
	loads, err := st.ActiveLoads(ctx)
	if err != nil {
		return err
	}
	have := map[string]bool{}
	for _, l := range loads {
		have[l.Source] = true
	}
	names := make([]string, 0, len(j.Config.Bulk))
	for k := range j.Config.Bulk {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, src := range names {
		if have[src] {
			continue
		}
		stats, err := bulk.IndexWith(ctx, st, src, j.Config.Bulk[src], BulkOptions(nil))
		if err != nil {
			return fmt.Errorf("index %s: %w", src, err)
		}
		j.Log.Info().Str("source", src).Int64("entities", stats.Entities).Msg("bulk file indexed")
	}
	return nil
}

func (j *Job) newVerification(ctx context.Context, st *store.Store) (*verification, error) {
	c := j.Config
	v := &verification{cfg: c, version: j.Version, online: map[string]source.StatsSource{}, clean: map[string]int{}, failed: map[string]int{},
		shared: newSharedResults()}
	var regs []verify.Registry
	if c.Sources.Local.Enabled {
		l, err := bulk.NewLocal(ctx, st, BulkKeys, bulk.LocalOptions{AddressKey: address.Normalise})
		if err != nil {
			return nil, err
		}
		v.local = l
		v.providers = newProviderIndex(l)
		regs = append(regs, l)
	} else {
		v.skips = append(v.skips, verify.Skip{Source: "local", Reason: "disabled"})
	}
	env := httpx.Env{
		Client:    &http.Client{Timeout: c.HTTP.Timeout},
		Cache:     st.Cache(nil),
		UserAgent: httpx.UserAgent(j.Version, c.HTTP.UserAgentContact),
		Timeout:   c.HTTP.Timeout,
		MaxBody:   c.HTTP.MaxBody,
		Retries:   c.HTTP.Retries,
	}
	for _, s := range c.Sources.ByName() {
		if s.Name == "local" {
			continue
		}
		if !s.Enabled {
			v.skips = append(v.skips, verify.Skip{Source: s.Name, Reason: "disabled"})
			continue
		}
		r, err := source.New(s.Name, source.Settings(s.Source), source.Options{Env: env, CorpCodes: v.local})
		if err != nil {
			v.skips = append(v.skips, verify.Skip{Source: s.Name, Reason: verify.SkipReason(err)})
			continue
		}
		regs = append(regs, r)
		v.remote++
		if ss, ok := r.(source.StatsSource); ok {
			v.online[s.Name] = ss
		}
	}
	fp := flags.DefaultParams()
	fp.MassAddressMin, fp.MassAddressHigh = c.Flags.MassAddressMin, c.Flags.MassAddressHigh
	fp.NewCompanyDays, fp.SanctionsCutoff, fp.LookalikeMin = c.Flags.NewCompanyDays, c.Flags.SanctionsCutoff, c.Flags.LookalikeMin
	fp.MatchMin = c.Verify.MinScore
	// "Not found" counts only for a register of record of the cluster's
	// country (verify.RegisterOfRecord, per source and jurisdiction):
	// absence from a list, a leak, Wikidata, GLEIF or a bulk store without
	// that country's register says nothing about registration.
	fp.Weights = flags.Weights{High: c.Flags.Weights.High, Medium: c.Flags.Weights.Medium, Low: c.Flags.Weights.Low}
	if err := fp.Validate(); err != nil {
		return nil, fmt.Errorf("%w: %v", config.ErrInvalid, err)
	}
	v.flagP = fp
	// Candidates down to the look-alike threshold are kept so that the
	// look-alike rule can see near misses; matches are those at min_score.
	v.verifier = verify.New(regs, nameScorer{match.New(job.MatchParams(c.Match), nil)}, verify.Options{
		MinScore: min(c.Verify.MinScore, c.Flags.LookalikeMin), Workers: 4, Skipped: v.skips,
	})
	if c.Web.Enabled {
		w, err := web.New(web.Options{
			Product: "resolve/" + j.Version, Contact: c.Web.UserAgentContact, MaxPages: c.Web.MaxPages,
			MaxBody: int(c.Web.MaxBody), Timeout: c.Web.Timeout, Rate: c.Web.Rate, TTL: c.Web.TTL,
			AllowPrivate: c.Web.AllowPrivate, GuessDomains: c.Web.GuessDomains, Cache: st.Cache(nil),
		})
		if err != nil {
			return nil, usageErr("set web.user_agent_contact to a URL or e-mail site owners can reach you at", "web: %v", err)
		}
		v.web = w
	}
	return v, nil
}

// searchesNothing reports whether no source can find anything: the local
// store has nothing indexed, no online registry is built and the web check
// is off. A cluster's result then follows from its own input and the
// settings alone (coverage "skipped", indicators from the input), cheaper to
// make again than to store and read back.
func (v *verification) searchesNothing() bool {
	return (v.local == nil || len(v.local.Loads()) == 0) && v.remote == 0 && v.web == nil
}

// verifyAll verifies every cluster of the report (largest first, up to
// verify.max_clusters) and fills registry matches, coverage, web findings,
// flags and risk. Results are committed to the store in batches
// (state.ResultWriter: 2,000 results or 1 s, whichever comes first), so a
// killed run loses at most the batch that was waiting and the next run
// verifies exactly those clusters again.
func (v *verification) verifyAll(ctx context.Context, rep *report.Report) (err error) {
	if v.state != nil {
		w := state.NewResultWriter(ctx, v.state, state.WriterOptions{})
		v.results = w
		defer func() {
			// On an interrupt too: what was finished is committed.
			if cerr := w.Close(); cerr != nil && err == nil {
				err = cerr
			}
			v.results = nil
		}()
	}
	n := len(rep.Clusters)
	if v.cfg.Verify.MaxClusters > 0 {
		n = min(n, v.cfg.Verify.MaxClusters)
	}
	// Clusters go in chunks: each chunk's stored results are read in one go,
	// then the rest of the chunk is verified in parallel.
	const chunk = 2000
	for lo := 0; lo < n; lo += chunk {
		hi := min(n, lo+chunk)
		stored := map[state.VerifyKey][]byte{}
		keys := make([]state.VerifyKey, hi-lo)
		if v.state != nil {
			for i := lo; i < hi; i++ {
				keys[i-lo] = state.VerifyKey{Content: inputKey(&rep.Clusters[i]), Settings: v.digest}
			}
			var err error
			if stored, err = v.state.LoadVerifications(ctx, keys); err != nil {
				return err
			}
		}
		// Workers take the chunk's clusters in order, each writing only its
		// own cluster (a goroutine per cluster grew a new stack for each:
		// 1 s of CPU at a million clusters).
		g, gctx := errgroup.WithContext(ctx)
		var next atomic.Int64
		next.Store(int64(lo))
		for range min(max(1, v.cfg.Verify.Workers), hi-lo) {
			g.Go(func() error {
				for {
					i := int(next.Add(1) - 1)
					if i >= hi {
						return nil
					}
					key := keys[i-lo]
					err := v.verifyStored(gctx, &rep.Clusters[i], key, stored[key])
					v.tick()
					if err != nil {
						return err
					}
				}
			})
		}
		if err := g.Wait(); err != nil {
			return err
		}
	}
	return nil
}

// verifyStored takes a cluster's result from the stored blob when there is
// one, or verifies it and hands the result to the batch writer.
func (v *verification) verifyStored(ctx context.Context, c *report.Cluster, key state.VerifyKey, blob []byte) error {
	if blob != nil {
		if got, ok := v.shared.decode(blob); ok && reusable(got.Coverage, got.Web) {
			c.RegistryMatches, c.Coverage, c.Web, c.Flags, c.Risk = got.RegistryMatches, got.Coverage, got.Web, got.Flags, got.Risk
			v.reused.Add(1)
			v.count(c.Coverage, nil)
			return nil
		}
	}
	res, webTemporary, err := v.verifyCluster(ctx, c)
	if err != nil {
		return err
	}
	v.verified.Add(1)
	v.count(c.Coverage, res.Coverage)
	if v.results == nil || !res.Reusable() || webTemporary {
		// A failed or cut-short source, or a site that was unreachable,
		// timed out or failed for a while, is asked again next run.
		return nil
	}
	b, err := v.shared.encode(c)
	if err != nil {
		return err
	}
	return v.results.Add(key, b, v.ttl)
}

// sharedResults keeps one copy of what many clusters' verification results
// have in common. With nothing to search, or nothing found, almost every
// cluster of a run has the same coverage list (8 sources) and the same
// empty result: one slice and one encoded blob serve them all, and a rerun
// decodes each distinct stored blob once instead of once per cluster (the
// store hands out one slice per distinct body). Shared slices are clipped
// (len == cap) so that an append anywhere copies; nothing writes into them.
type sharedResults struct {
	mu        sync.Mutex
	decoded   map[string]verified            // by stored blob
	lists     map[uint64][][]report.Coverage // interned coverage lists, by hash
	plain     map[plainKey][]byte            // encoded results with only coverage and risk
	listID    map[*report.Coverage]int       // interned list → its number, for plainKey
	flagLists map[int][]flags.Coverage       // interned list's number → the list as the flags read it
	seed      maphash.Seed
	nextList  int
}

// plainKey identifies a result with no registry match, web finding or flag.
type plainKey struct {
	list int
	risk report.Risk
}

// maxShared bounds each table: past it, results are decoded and encoded
// one by one as before.
const maxShared = 4096

func newSharedResults() *sharedResults {
	return &sharedResults{decoded: map[string]verified{}, lists: map[uint64][][]report.Coverage{},
		plain: map[plainKey][]byte{}, listID: map[*report.Coverage]int{}, flagLists: map[int][]flags.Coverage{},
		seed: maphash.MakeSeed()}
}

// decode returns the stored result, decoded once per distinct blob.
func (s *sharedResults) decode(blob []byte) (verified, bool) {
	s.mu.Lock()
	got, ok := s.decoded[string(blob)]
	s.mu.Unlock()
	if ok {
		return got, true
	}
	if err := json.Unmarshal(blob, &got); err != nil {
		return verified{}, false
	}
	got.Coverage, _ = s.coverage(got.Coverage)
	got.RegistryMatches, got.Web, got.Flags = slices.Clip(got.RegistryMatches), slices.Clip(got.Web), slices.Clip(got.Flags)
	s.mu.Lock()
	if len(s.decoded) < maxShared {
		s.decoded[string(blob)] = got
	}
	s.mu.Unlock()
	return got, true
}

// coverage returns the interned copy of a coverage list and its number
// (-1 when the table is full and a copy of cov is returned). cov itself is
// never kept: it may be the caller's scratch space.
func (s *sharedResults) coverage(cov []report.Coverage) ([]report.Coverage, int) {
	if len(cov) == 0 {
		return []report.Coverage{}, -1
	}
	var h maphash.Hash
	h.SetSeed(s.seed)
	report.HashCoverage(&h, cov)
	sum := h.Sum64()
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, l := range s.lists[sum] {
		if slices.EqualFunc(l, cov, func(a, b report.Coverage) bool {
			return a.Source == b.Source && a.Status == b.Status && a.Reason == b.Reason && slices.Equal(a.RegisterOf, b.RegisterOf)
		}) {
			return l, s.listID[&l[0]]
		}
	}
	l := slices.Clone(cov) // len == cap
	if len(s.listID) >= maxShared {
		return l, -1
	}
	s.lists[sum] = append(s.lists[sum], l)
	s.listID[&l[0]] = s.nextList
	s.nextList++
	return l, s.listID[&l[0]]
}

// flagsCoverage is cov, interned as list number list (or -1), as the flags
// read it: one copy per interned list. The flags only read it.
func (s *sharedResults) flagsCoverage(cov []report.Coverage, list int) []flags.Coverage {
	if list >= 0 {
		s.mu.Lock()
		f, ok := s.flagLists[list]
		s.mu.Unlock()
		if ok {
			return f
		}
	}
	f := make([]flags.Coverage, len(cov))
	for i, c := range cov {
		f[i] = flags.Coverage{Source: c.Source, Status: c.Status, Reason: c.Reason, RegisterOf: c.RegisterOf}
	}
	if list >= 0 {
		s.mu.Lock()
		s.flagLists[list] = f
		s.mu.Unlock()
	}
	return f
}

// encode is the stored form of a cluster's result; a result with nothing
// but an interned coverage list and its risk is encoded once.
func (s *sharedResults) encode(c *report.Cluster) ([]byte, error) {
	res := verified{c.RegistryMatches, c.Coverage, c.Web, c.Flags, c.Risk}
	if len(c.RegistryMatches) > 0 || len(c.Web) > 0 || len(c.Flags) > 0 || len(c.Coverage) == 0 {
		return json.Marshal(res)
	}
	s.mu.Lock()
	id, ok := s.listID[&c.Coverage[0]]
	var b []byte
	if ok {
		b = s.plain[plainKey{id, c.Risk}]
	}
	s.mu.Unlock()
	if b != nil {
		return b, nil
	}
	b, err := json.Marshal(res)
	if err != nil || !ok {
		return b, err
	}
	s.mu.Lock()
	if len(s.plain) < maxShared {
		s.plain[plainKey{id, c.Risk}] = b
	}
	s.mu.Unlock()
	return b, nil
}

// reusable reports whether a stored result may be reused: results stored
// by earlier versions may hold a failed source, or a site that did not
// answer for a while (unreachable, timeout, a 5xx or 429 home page).
func reusable(cov []report.Coverage, sites []report.WebSite) bool {
	for _, c := range cov {
		if c.Status == string(verify.Failed) {
			return false
		}
	}
	for _, s := range sites {
		switch {
		case s.Status == string(web.StatusUnreachable), s.Status == string(web.StatusTimeout),
			s.Status == string(web.StatusHTTPError) && (s.HTTPStatus >= 500 || s.HTTPStatus == http.StatusTooManyRequests):
			return false
		}
	}
	return true
}

// inputKey is the content key of everything verification reads of a
// cluster: the names in the order they are searched, the countries, and the
// members' addresses, first and last dates, websites and e-mail addresses.
// A new address, date or website row for a known name changes it.
func inputKey(c *report.Cluster) string {
	type in struct {
		Names, Countries, Addresses, Websites, Emails []string
		First, Last                                   string
	}
	k := in{Countries: slices.Clone(c.Countries)}
	for _, x := range c.Variants {
		k.Names = append(k.Names, x.Name)
	}
	for _, m := range c.Members {
		if m.Address != "" {
			k.Addresses = append(k.Addresses, m.Address)
		}
		if m.Website != "" {
			k.Websites = append(k.Websites, m.Website)
		}
		if m.Email != "" {
			k.Emails = append(k.Emails, m.Email)
		}
		if d := m.Date; d != "" {
			if k.First == "" || d < k.First {
				k.First = d
			}
			k.Last = max(k.Last, d)
		}
	}
	for _, p := range []*[]string{&k.Addresses, &k.Websites, &k.Emails} {
		slices.Sort(*p)
		*p = slices.Compact(*p)
	}
	b, _ := json.Marshal(k)
	sum := sha256.Sum256(b)
	return "in:" + hex.EncodeToString(sum[:16])
}

// count records, per source, whether its searches answered or failed.
// fresh is nil for a reused result (which holds no failure).
func (v *verification) count(cov []report.Coverage, fresh []verify.Coverage) {
	v.mu.Lock()
	defer v.mu.Unlock()
	bad := false
	for i, c := range cov {
		retry := fresh != nil && i < len(fresh) && fresh[i].Retry
		switch {
		case retry:
			v.failed[c.Source]++
			bad = true
		case c.Status == string(verify.Found), c.Status == string(verify.NotFound):
			v.clean[c.Source]++
		}
	}
	if bad {
		v.incomplete++
	}
}

// summary says how far verification got; logOutcome logs it.
func (v *verification) summary() *report.VerificationSummary {
	v.mu.Lock()
	defer v.mu.Unlock()
	s := &report.VerificationSummary{ClustersIncomplete: v.incomplete, SourcesFailed: []string{}}
	asked := 0
	for _, src := range v.cfg.Sources.ByName() {
		ok, bad := v.clean[src.Name], v.failed[src.Name]
		if ok+bad > 0 {
			asked++
		}
		if bad > 0 && ok == 0 {
			s.SourcesFailed = append(s.SourcesFailed, src.Name)
		}
	}
	switch {
	case asked == 0:
		s.Outcome = "none_searched"
	case len(s.SourcesFailed) == asked:
		s.Outcome = "failed"
	case v.incomplete > 0:
		s.Outcome = "partial"
	default:
		s.Outcome = "complete"
	}
	return s
}

func logOutcome(log zerolog.Logger, s *report.VerificationSummary) {
	switch s.Outcome {
	case "failed":
		log.Error().Strs("sources_failed", s.SourcesFailed).Int("clusters_incomplete", s.ClustersIncomplete).
			Msg("every enabled source failed: nothing was verified; the next run asks again (--fail-on makes this exit 4)")
	case "partial":
		log.Warn().Strs("sources_failed", s.SourcesFailed).Int("clusters_incomplete", s.ClustersIncomplete).
			Msg("some searches failed or were cut short; those clusters are verified again by the next run")
	}
}

// verifyCluster verifies one cluster and fills its report fields. The
// verifier's result says whether the registry part may be stored for
// reuse; webTemporary is true when a site's outcome may change on a retry
// (web.Site.Temporary: unreachable, timed out, 5xx), so the whole result
// must not be stored either.
func (v *verification) verifyCluster(ctx context.Context, c *report.Cluster) (r verify.Result, webTemporary bool, err error) {
	names := make([]string, 0, len(c.Variants))
	for _, x := range c.Variants {
		names = append(names, x.Name)
	}
	countries := slices.Clone(c.Countries)
	r = v.verifier.Verify(ctx, verify.Cluster{ID: c.ID, Names: names, Countries: countries})
	if err := ctx.Err(); err != nil {
		return r, false, err
	}
	in := flags.Input{ClusterID: c.ID, Names: names, Countries: countries, WebChecked: v.web != nil}
	seenAddr := map[string]bool{}
	var websites []web.Candidate
	for _, m := range c.Members {
		if m.Address != "" && !seenAddr[m.Address] {
			seenAddr[m.Address] = true
			in.Addresses = append(in.Addresses, m.Address)
		}
		if d := m.Date; d != "" {
			if in.FirstSeen == "" || d < in.FirstSeen {
				in.FirstSeen = d
			}
			if d > in.LastSeen {
				in.LastSeen = d
			}
		}
		if w := m.Website; w != "" {
			websites = append(websites, web.Candidates([]string{w}, "input:website")...)
		}
		if e := m.Email; e != "" {
			in.Emails = append(in.Emails, e)
			if cand, ok := web.EmailCandidate(e, "input:email"); ok {
				websites = append(websites, cand)
			}
		}
	}
	for _, m := range r.Matches {
		fm := flags.Match{Source: m.Source, Score: m.Score, Record: m.Record, Country: m.Country}
		if m.Record.Listed() {
			in.Listed = append(in.Listed, fm)
		}
		if m.Score < v.cfg.Verify.MinScore {
			continue
		}
		in.Matches = append(in.Matches, fm)
		c.RegistryMatches = append(c.RegistryMatches, toReportMatch(m))
		websites = append(websites, web.Candidates(m.Record.Websites, m.Source)...)
	}
	// The coverage list, made in scratch space and interned: almost every
	// cluster of a run has the same one, and the flags read the same list
	// in their own type, also one copy per distinct list (a million
	// clusters made 0.5 GB of coverage lists that were garbage at once).
	var scratch [16]report.Coverage
	cov := scratch[:0]
	if len(r.Coverage) > len(scratch) {
		cov = make([]report.Coverage, 0, len(r.Coverage))
	}
	for _, cv := range r.Coverage {
		cov = append(cov, report.Coverage{Source: cv.Source, Status: string(cv.Status), Reason: cv.Reason, RegisterOf: cv.RegisterOf})
	}
	var list int
	c.Coverage, list = v.shared.coverage(cov)
	in.Coverage = v.shared.flagsCoverage(c.Coverage, list)
	if v.web != nil {
		websites = append(websites, v.web.Guess(names, countries)...) // nil unless web.guess_domains
	}
	if v.web != nil && len(websites) > 0 {
		target := web.Target{Names: names}
		for _, m := range in.Matches {
			for _, id := range m.Record.Identifiers {
				target.Numbers = append(target.Numbers, id.Value)
			}
		}
		target.Addresses = in.Addresses
		in.Web = v.web.CheckAll(ctx, websites, target)
		for _, s := range in.Web {
			c.Web = append(c.Web, toReportSite(s))
			webTemporary = webTemporary || s.Temporary
		}
	}
	var lk flags.Lookups
	if v.local != nil {
		lk.CountAtAddress = v.local.AddressCount
		lk.ListedAtAddress = v.local.ListedAtAddress
		lk.ServiceProviderAt = v.providers.at
	}
	fr, err := flags.Evaluate(ctx, in, v.flagP, lk)
	if err != nil {
		return r, webTemporary, err
	}
	for _, f := range fr.Flags {
		c.Flags = append(c.Flags, report.Flag{Code: f.Code, Severity: string(f.Severity), Title: f.Title,
			Evidence: f.Evidence, Sources: f.Sources, Caveat: f.Caveat})
	}
	c.Risk = report.Risk{Score: fr.Risk.Score, Outcome: fr.Risk.Outcome}
	return r, webTemporary, nil
}

// providerIndex answers flags.Lookups.ServiceProviderAt from the bulk
// store: the companies registered at the address (up to
// providerScanLimit per source) whose names say they are company-service
// providers (address.ProviderName: secretaries, formation and registered
// agents, nominees). Answers are kept per normalised address for the run
// (up to maxShared addresses): many clusters share a provider's address.
type providerIndex struct {
	local *bulk.Local
	mu    sync.Mutex
	seen  map[string][]string
}

// providerScanLimit bounds the names read per address and source; an
// address with more companies than that trips mass_registration_address.
const providerScanLimit = 1000

func newProviderIndex(l *bulk.Local) *providerIndex {
	return &providerIndex{local: l, seen: map[string][]string{}}
}

func (p *providerIndex) at(ctx context.Context, normalisedAddress string) ([]string, error) {
	p.mu.Lock()
	got, ok := p.seen[normalisedAddress]
	p.mu.Unlock()
	if ok {
		return got, nil
	}
	hits, err := p.local.AddressCounts(ctx, normalisedAddress, providerScanLimit)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, h := range hits {
		for _, n := range h.Samples {
			if in, ok := address.ProviderName(n); ok {
				out = append(out, fmt.Sprintf("%s (%s, %q in the name)", n, h.Source, in.Phrase))
			}
		}
	}
	p.mu.Lock()
	if len(p.seen) < maxShared {
		p.seen[normalisedAddress] = out
	}
	p.mu.Unlock()
	return out, nil
}

// sourceUsage reports what every source did in this run.
func (v *verification) sourceUsage(rep *report.Report) []report.SourceUse {
	var out []report.SourceUse
	for _, s := range v.cfg.Sources.ByName() {
		u := report.SourceUse{Name: s.Name, Enabled: s.Enabled}
		for _, sk := range v.skips {
			if sk.Source == s.Name {
				u.Note = sk.Reason
			}
		}
		if st, ok := v.online[s.Name]; ok {
			x := st.Stats()
			u.Calls, u.CacheHits, u.Skipped, u.Failed = x.Calls, x.CacheHits, x.Skipped, x.Failed
		}
		if s.Name == "local" && v.local != nil {
			var srcs []string
			for _, l := range v.local.Loads() {
				srcs = append(srcs, l.Source)
			}
			u.Note = "bulk files indexed: " + strings.Join(srcs, ", ")
			if len(srcs) == 0 {
				u.Note = "no bulk file indexed (see resolve index)"
			}
		}
		out = append(out, u)
	}
	return out
}

func toReportMatch(m verify.Match) report.RegistryMatch {
	r := m.Record
	rm := report.RegistryMatch{Source: m.Source, Score: m.Score, Record: report.Record{
		ID: r.ID, URL: r.URL, Name: r.Name, OtherNames: r.OtherNames, Jurisdiction: r.Jurisdiction, LegalForm: r.LegalForm,
		Status: string(r.Status), IncorporatedOn: r.IncorporatedOn, DissolvedOn: r.DissolvedOn,
		RegisteredAddress: r.RegisteredAddress, HeadOfficeAddress: r.HeadOfficeAddress, Websites: r.Websites,
		Topics: r.Topics, Datasets: r.Datasets, Programs: r.Programs, RetrievedAt: r.RetrievedAt,
	}}
	for _, x := range m.Reasons {
		rm.Reasons = append(rm.Reasons, report.Reason{Kind: x.Kind, Detail: x.Detail, Left: x.Left, Right: x.Right, Effect: x.Effect})
	}
	if rm.Reasons == nil {
		rm.Reasons = []report.Reason{}
	}
	for _, id := range r.Identifiers {
		rm.Record.Identifiers = append(rm.Record.Identifiers, report.Identifier{Scheme: id.Scheme, Value: id.Value})
	}
	for _, o := range r.Officers {
		rm.Record.Officers = append(rm.Record.Officers, report.Officer{Name: o.Name, Role: o.Role})
	}
	return rm
}

func toReportSite(s web.Site) report.WebSite {
	w := report.WebSite{URL: s.URL, From: s.From, Status: string(s.Status), HTTPStatus: s.HTTPStatus, FinalURL: s.FinalURL,
		TLS: s.TLS, Parked: s.Parked, ParkedReason: s.ParkedReason, PagesFetched: s.PagesFetched, Error: s.Error,
		CheckedAt: s.CheckedAt, Mentions: []report.Mention{}}
	if s.DNS != nil {
		w.DNS = &report.DNS{A: s.DNS.A, AAAA: s.DNS.AAAA, NS: s.DNS.NS, CNAME: s.DNS.CNAME}
	}
	for _, m := range s.Mentions {
		w.Mentions = append(w.Mentions, report.Mention{Page: m.Page, What: m.What, Text: m.Text})
	}
	return w
}
