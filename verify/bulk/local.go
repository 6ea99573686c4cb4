package bulk

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/resolve-tool/resolve/resolve/store"
	"github.com/resolve-tool/resolve/verify"
)

// LocalOptions tune the local registry.
type LocalOptions struct {
	// AddressKey must be the normaliser used at index time; nil: DefaultAddressKey.
	AddressKey AddressKey
	// MaxKeyFreq: keys carried by more entities than this are too common to
	// block on (see store.Candidates); default 5,000.
	MaxKeyFreq int
	// Limit is the number of candidates per name per bulk source; default 20.
	Limit int
}

// Local is the "local" registry: every indexed bulk source. It is safe for
// concurrent use.
type Local struct {
	st   *store.Store
	keys NameKeys
	opt  LocalOptions

	mu    sync.RWMutex
	loads []store.LoadInfo
}

// NewLocal reads which bulk sources are indexed (no network is involved).
func NewLocal(ctx context.Context, st *store.Store, keys NameKeys, opt LocalOptions) (*Local, error) {
	if keys == nil {
		return nil, fmt.Errorf("bulk: local: no NameKeys function")
	}
	if opt.AddressKey == nil {
		opt.AddressKey = DefaultAddressKey
	}
	if opt.MaxKeyFreq <= 0 {
		opt.MaxKeyFreq = 5000
	}
	if opt.Limit <= 0 {
		opt.Limit = 20
	}
	l := &Local{st: st, keys: keys, opt: opt}
	if err := l.Refresh(ctx); err != nil {
		return nil, err
	}
	return l, nil
}

// Refresh re-reads the list of indexed sources (after an Index in the same process).
func (l *Local) Refresh(ctx context.Context) error {
	loads, err := l.st.ActiveLoads(ctx)
	if err != nil {
		return fmt.Errorf("bulk: local: %w", err)
	}
	l.mu.Lock()
	l.loads = loads
	l.mu.Unlock()
	return nil
}

// Loads lists what is indexed, one entry per bulk source.
func (l *Local) Loads() []store.LoadInfo {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return append([]store.LoadInfo(nil), l.loads...)
}

// Name implements verify.Registry.
func (l *Local) Name() string { return "local" }

func coversLoad(li store.LoadInfo, country string) bool {
	if li.Global {
		return true
	}
	if country == "" {
		return false
	}
	for _, c := range li.Countries {
		if c == country {
			return true
		}
	}
	return false
}

// Covers is true when a global source (GLEIF, OFAC, OpenSanctions, ICIJ) is
// indexed, or a national one whose data holds the country.
func (l *Local) Covers(country string) bool {
	country = strings.ToUpper(country)
	for _, li := range l.Loads() {
		if coversLoad(li, country) {
			return true
		}
	}
	return false
}

// RegisterOfRecord implements verify.RegisterOfRecord: true when an indexed
// national register of record (the Companies House bulk file) holds
// companies of the country. GLEIF, the lists, the leaks and the OpenDART
// corp-code list (DART filers only) are not registers of record.
func (l *Local) RegisterOfRecord(country string) bool {
	country = strings.ToUpper(country)
	for _, li := range l.Loads() {
		if f, ok := formats[li.Source]; ok && f.register && !li.Global && coversLoad(li, country) {
			return true
		}
	}
	return false
}

// WhyNotCovered implements verify.CoverageExplainer.
func (l *Local) WhyNotCovered(country string) string {
	loads := l.Loads()
	if len(loads) == 0 {
		return "nothing indexed: load a bulk file with `resolve index SOURCE FILE...`"
	}
	var names []string
	for _, li := range loads {
		names = append(names, li.Source)
	}
	if country == "" {
		return "country unknown; indexed sources (" + strings.Join(names, ", ") + ") are national"
	}
	return "no indexed source (" + strings.Join(names, ", ") + ") covers " + country
}

// Search returns the indexed entities sharing name keys with the query names,
// from every bulk source covering one of the query countries.
func (l *Local) Search(ctx context.Context, q verify.Query) ([]verify.Record, error) {
	var out []verify.Record
	for _, li := range l.Loads() {
		ok := len(q.Countries) == 0 && li.Global
		for _, c := range q.Countries {
			ok = ok || coversLoad(li, strings.ToUpper(c))
		}
		if !ok {
			continue
		}
		recs, err := l.searchLoad(ctx, li, q.Names)
		if err != nil {
			return nil, err
		}
		out = append(out, recs...)
	}
	return out, nil
}

// SearchSource searches one bulk source by name regardless of country (the
// opendart adapter uses it to find corp codes).
func (l *Local) SearchSource(ctx context.Context, source string, names []string) ([]verify.Record, bool, error) {
	for _, li := range l.Loads() {
		if li.Source == source {
			recs, err := l.searchLoad(ctx, li, names)
			return recs, true, err
		}
	}
	return nil, false, nil
}

func (l *Local) searchLoad(ctx context.Context, li store.LoadInfo, names []string) ([]verify.Record, error) {
	type hit struct {
		c      store.Candidate
		shared int
	}
	best := map[string]*hit{}
	var order []string
	for _, n := range names {
		cands, err := l.st.Candidates(ctx, li.ID, l.keys(n), l.opt.MaxKeyFreq, l.opt.Limit)
		if err != nil {
			return nil, fmt.Errorf("bulk: local %s: %w", li.Source, err)
		}
		for _, c := range cands {
			if h, ok := best[c.ExtID]; ok {
				h.shared = max(h.shared, c.Shared)
				continue
			}
			best[c.ExtID] = &hit{c, c.Shared}
			order = append(order, c.ExtID)
		}
	}
	sort.SliceStable(order, func(i, j int) bool { return best[order[i]].shared > best[order[j]].shared })
	out := make([]verify.Record, 0, len(order))
	for _, id := range order {
		r, err := decodeRecord(best[id].c.Data)
		if err != nil {
			return nil, fmt.Errorf("bulk: local %s: entity %s: %w", li.Source, id, err)
		}
		r.RetrievedAt = li.LoadedAt
		out = append(out, r)
	}
	return out, nil
}

// AddressHit is the count of entities at one address in one bulk source.
type AddressHit struct {
	Source  string
	Count   int
	Samples []string // up to the requested number of names, sorted
}

// AddressCounts counts, per indexed source, the entities registered at the
// address (normalised with LocalOptions.AddressKey, so a normalised or raw
// address may be given when the normaliser is idempotent). Sources with no
// entity there are left out.
func (l *Local) AddressCounts(ctx context.Context, address string, samples int) ([]AddressHit, error) {
	key := l.opt.AddressKey(stripCountryCode(address))
	if key == "" {
		return nil, nil
	}
	var out []AddressHit
	for _, li := range l.Loads() {
		n, names, err := l.st.AddressCount(ctx, li.ID, key, samples)
		if err != nil {
			return nil, fmt.Errorf("bulk: local %s: %w", li.Source, err)
		}
		if n > 0 {
			out = append(out, AddressHit{Source: li.Source, Count: n, Samples: names})
		}
	}
	return out, nil
}

// AddressCount is the largest number of entities registered at the address
// in any one indexed source (sources are not added up: one company can be in
// several), with up to 10 of their names.
func (l *Local) AddressCount(ctx context.Context, address string) (n int, sampleNames []string, err error) {
	hits, err := l.AddressCounts(ctx, address, 10)
	if err != nil {
		return 0, nil, err
	}
	for _, h := range hits {
		if h.Count > n {
			n, sampleNames = h.Count, h.Samples
		}
	}
	return n, sampleNames, nil
}

// ListedAtAddress returns the records at the address (normalised as at index
// time) that a list marks as sanctioned, export-controlled or debarred, for
// the co-location indicator.
func (l *Local) ListedAtAddress(ctx context.Context, address string) ([]verify.Record, error) {
	key := l.opt.AddressKey(stripCountryCode(address))
	if key == "" {
		return nil, nil
	}
	var out []verify.Record
	for _, li := range l.Loads() {
		cands, err := l.st.AtAddress(ctx, li.ID, key, 50)
		if err != nil {
			return nil, fmt.Errorf("bulk: local %s: %w", li.Source, err)
		}
		for _, c := range cands {
			r, err := decodeRecord(c.Data)
			if err != nil {
				return nil, fmt.Errorf("bulk: local %s: %w", li.Source, err)
			}
			if r.Listed() {
				out = append(out, r)
			}
		}
	}
	return out, nil
}

var _ verify.Registry = (*Local)(nil)
var _ verify.CoverageExplainer = (*Local)(nil)
var _ verify.RegisterOfRecord = (*Local)(nil)
