package verify

import (
	"context"
	"errors"
	"slices"
	"time"
)

// Query is what the verifier asks a registry about one cluster.
type Query struct {
	Names     []string // distinct name variants, most frequent first
	Countries []string // ISO 3166-1 alpha-2 codes seen on the cluster's rows
}

// Registry is one source of company records, online or from the local bulk store.
// Implementations live in one file each (gleif.go, companieshouse.go, ...).
type Registry interface {
	// Name is the configuration name of the source ("gleif", "local", ...).
	Name() string
	// Covers reports whether the source can say anything about companies of
	// the given country ("" = unknown country). A source that does not cover
	// a country is skipped for it and never yields "not found".
	Covers(country string) bool
	// Search returns candidate records for the query. A source that was
	// searched and knows nothing returns (nil, nil).
	Search(ctx context.Context, q Query) ([]Record, error)
}

// Sentinel errors for branching on adapter failures.
var (
	ErrNotFound     = errors.New("not found")
	ErrRateLimited  = errors.New("rate limited")
	ErrBudgetSpent  = errors.New("call budget for this run spent")
	ErrNoCredential = errors.New("no API key configured")
	// ErrKeyRefused: the source answered that the configured key is wrong,
	// revoked or not allowed (HTTP 401/403, OpenDART 010/011/012/901).
	ErrKeyRefused = errors.New("API key refused by the source")
	// ErrNotSearchable: the source cannot search these names at all (e.g.
	// the Hong Kong open-data search has no Chinese-name search). The error
	// text is the reason; the cluster is reported skipped, never not found.
	ErrNotSearchable = errors.New("names cannot be searched in this source")
	// ErrCircuitOpen: the source failed so many times in a row in this run
	// that it is no longer asked until the next run.
	ErrCircuitOpen = errors.New("source paused for the rest of the run after repeated failures")
	// ErrTimeBudgetSpent: the source's per-run allowance of time spent
	// waiting on retries (Retry-After, backoff) is used up.
	ErrTimeBudgetSpent = errors.New("retry-wait time budget for this run spent")
)

// RegisterOfRecord is implemented by registries that are the official
// company register (or a complete copy of it) for some jurisdictions, so
// that a search there which finds nothing means "not registered" (or, for
// Hong Kong open data, "not a live company"). Lists, leaks, GLEIF and
// Wikidata are not registers of record: absence from them says nothing.
type RegisterOfRecord interface {
	RegisterOfRecord(country string) bool
}

// Record is a company as a registry describes it.
type Record struct {
	Source            string
	ID                string
	URL               string
	Name              string
	OtherNames        []string
	Jurisdiction      string // ISO 3166-1 alpha-2, or a subdivision such as "US-DE"
	LegalForm         string
	Status            Status
	IncorporatedOn    string // YYYY-MM-DD
	DissolvedOn       string // YYYY-MM-DD
	RegisteredAddress string
	HeadOfficeAddress string
	Identifiers       []Identifier
	Officers          []Officer
	Websites          []string
	Topics            []string // OpenSanctions topics: "sanction", "export.control", "debarment", ...
	Datasets          []string
	Programs          []string // sanctions programmes: OFAC program codes, OpenSanctions programId
	RetrievedAt       time.Time
}

// ListedTopics are the OpenSanctions topics that make a record a listed
// party (sanctioned, linked to a sanctioned party, export-controlled or
// debarred).
var ListedTopics = []string{"sanction", "sanction.linked", "export.control", "debarment"}

// Listing returns the record's topics that make it a listed party.
func (r Record) Listing() []string {
	var out []string
	for _, t := range r.Topics {
		if slices.Contains(ListedTopics, t) {
			out = append(out, t)
		}
	}
	return out
}

// Listed reports whether a list names the record as a listed party.
func (r Record) Listed() bool {
	for _, t := range r.Topics {
		if slices.Contains(ListedTopics, t) {
			return true
		}
	}
	return false
}

// Status is a registry status mapped onto one vocabulary.
type Status string

// The statuses a record can have.
const (
	StatusActive      Status = "active"
	StatusInactive    Status = "inactive"
	StatusDissolved   Status = "dissolved"
	StatusStruckOff   Status = "struck_off"
	StatusLiquidation Status = "liquidation"
	StatusUnknown     Status = "unknown"
	// StatusStrikeOffProposed: still registered, but the registrar has
	// gazetted a proposal to strike the company off (Companies House
	// "Active - Proposal to Strike off", company_status_detail
	// "active-proposal-to-strike-off"). Not active.
	StatusStrikeOffProposed Status = "strike_off_proposed"
)

// Identifier is a registry number under a named scheme
// (lei, company_number, inn, ogrn, uscc, brn, dart_corp_code, wikidata, ...).
type Identifier struct {
	Scheme string
	Value  string
}

// Officer is a director, secretary, owner or person with significant control.
type Officer struct {
	Name string
	Role string
	// Address is the officer's service or correspondence address as the
	// source gives it ("" when it gives none): a corporate secretary at the
	// company's own address is a service provider's address.
	Address string
}
