// Package report defines the versioned JSON report that `resolve` writes.
//
// It is a leaf: the pipeline converts its own domain types into these at the
// edge, so refactoring inside the tool never changes a consumer's JSON. Any
// change that removes or renames a field, or changes a field's meaning, bumps
// SchemaVersion. Adding an optional field does not.
//
// The JSON Schema published in schema.json (embedded as SchemaJSON) describes
// exactly these types; TestSchemaMatchesReport keeps the two in step.
package report

import (
	_ "embed"
	"hash/maphash"
	"slices"
	"time"
)

// SchemaVersion is the version of the report format written by this package.
//
// Version 2 says coverage once per run: Run.Coverage is the list most
// clusters share, and a cluster carries its own coverage only where it
// differs (see Cluster.Coverage and ClusterCoverage). In version 1 every
// cluster carried its list. A version 1 report reads as a version 2 one
// whose clusters all differ, so readers of version 2 read both
// (ReadableVersion).
const SchemaVersion = 2

// ReadableVersion reports whether a reader of this package's types reads a
// report of schema version v correctly.
func ReadableVersion(v int) bool { return v == 1 || v == SchemaVersion }

// SchemaJSON is the JSON Schema (draft 2020-12) of a Report.
//
//go:embed schema.json
var SchemaJSON []byte

// Report is the whole output of one run.
type Report struct {
	SchemaVersion int           `json:"schema_version" jsonschema:"enum=2"`
	Run           Run           `json:"run"`
	Summary       Summary       `json:"summary"`
	Clusters      []Cluster     `json:"clusters"`
	RejectedRows  []RejectedRow `json:"rejected_rows"`
	// IgnoredRows are rows an investigator's "ignore" judgement set aside.
	IgnoredRows []IgnoredRow `json:"ignored_rows,omitempty"`
	// Judgements says how the investigators' decisions were applied.
	Judgements *Judgements `json:"judgements,omitempty"`
	Changes    *Changes    `json:"changes,omitempty"`
}

// IgnoredRow is an input row left out of clustering by an "ignore" judgement.
type IgnoredRow struct {
	Row    int    `json:"row"`
	ID     string `json:"id,omitempty"`
	Name   string `json:"name"`
	Reason string `json:"reason"`
}

// Judgements reports the investigators' decisions of this run.
type Judgements struct {
	File    string `json:"file"`
	Applied int    `json:"applied"`
	// Conflicts are contradicting decisions, reported and not resolved: the
	// "different" decision wins.
	Conflicts []string `json:"conflicts"`
	// Unresolved are decisions naming a cluster ID no past run had.
	Unresolved []string `json:"unresolved"`
}

// Run describes how the report was produced.
type Run struct {
	ID           string      `json:"id,omitempty"`
	Tool         string      `json:"tool"`
	Version      string      `json:"version"`
	StartedAt    time.Time   `json:"started_at"`
	FinishedAt   time.Time   `json:"finished_at"`
	Input        Input       `json:"input"`
	Rows         RowCounts   `json:"rows"`
	ConfigDigest string      `json:"config_digest"`
	Sources      []SourceUse `json:"sources"`
	Reuse        *Reuse      `json:"reuse,omitempty"`
	// Coverage is what each source did for every cluster that carries no
	// coverage of its own: the list most clusters of the run share, said
	// once (an empty list when no source was asked). Absent when the run
	// has no clusters, and in reports of schema version 1.
	Coverage []Coverage `json:"coverage,omitzero"`
}

// Input identifies the input file.
type Input struct {
	Path     string   `json:"path"`
	SHA256   string   `json:"sha256"`
	Format   string   `json:"format" jsonschema:"enum=csv,enum=tsv"`
	Encoding string   `json:"encoding"` // e.g. "utf-8", "cp949"
	Columns  []string `json:"columns"`  // header as read
}

// RowCounts proves that no row was lost: Read == Clustered + Rejected.
// Ignored rows (an investigator's "ignore" judgement) are clustered into
// nothing and counted separately: Read == Clustered + Rejected + Ignored.
type RowCounts struct {
	Read      int `json:"read"`
	Clustered int `json:"clustered"`
	Rejected  int `json:"rejected"`
	Ignored   int `json:"ignored"`
}

// SourceUse says what one verification source did in this run.
type SourceUse struct {
	Name      string `json:"name"`
	Enabled   bool   `json:"enabled"`
	Calls     int    `json:"calls"`      // requests that went out
	CacheHits int    `json:"cache_hits"` // answers taken from the store
	Skipped   int    `json:"skipped"`    // searches not made (budget, no key, ...)
	Failed    int    `json:"failed"`
	Note      string `json:"note,omitempty"`
}

// Reuse says how much of a previous run's work an incremental run took over.
type Reuse struct {
	PreviousRunID    string `json:"previous_run_id,omitempty"`
	NamesNew         int    `json:"names_new"`
	NamesReused      int    `json:"names_reused"`
	PairsScored      int    `json:"pairs_scored"`
	PairsReused      int    `json:"pairs_reused"`
	ClustersVerified int    `json:"clusters_verified"`
	ClustersReused   int    `json:"clusters_reused"`
}

// Summary holds the headline numbers.
type Summary struct {
	Clusters        int            `json:"clusters"`
	Singletons      int            `json:"singletons"`
	LargestCluster  int            `json:"largest_cluster"`
	CandidatePairs  int            `json:"candidate_pairs"`
	FlagsByCode     map[string]int `json:"flags_by_code"`
	FlagsBySev      map[string]int `json:"flags_by_severity"`
	ClustersFlagged int            `json:"clusters_flagged"`
	// Verification says how far the verify stage got (absent when it did
	// not run).
	Verification *VerificationSummary `json:"verification,omitempty"`
}

// VerificationSummary says whether the registries could be asked.
type VerificationSummary struct {
	// Outcome: "complete" (every source asked answered for every cluster),
	// "partial" (some searches failed or were cut short: those clusters are
	// verified again by the next run), "failed" (every enabled source that
	// was asked failed: nothing was checked) or "none_searched" (no source
	// covered any cluster, e.g. nothing indexed).
	Outcome string `json:"outcome" jsonschema:"enum=complete,enum=partial,enum=failed,enum=none_searched"`
	// ClustersIncomplete counts clusters in which a source failed, was rate
	// limited, refused the key or was over its call or time budget.
	ClustersIncomplete int `json:"clusters_incomplete"`
	// SourcesFailed are the sources none of whose searches succeeded.
	SourcesFailed []string `json:"sources_failed"`
}

// Cluster is one company as the tool sees it: the input rows that name it.
type Cluster struct {
	ID              string          `json:"id"`
	CanonicalName   string          `json:"canonical_name"`
	Size            int             `json:"size"`
	Variants        []Variant       `json:"variants"`
	Countries       []string        `json:"countries"`
	Members         []Member        `json:"members"`
	RegistryMatches []RegistryMatch `json:"registry_matches"`
	// Coverage is what each source did for this cluster, present only
	// where it differs from the run's list (run.coverage); absent when it
	// is that list. An empty list: no source was asked for this cluster.
	// In Go, read it through Report.ClusterCoverage.
	Coverage []Coverage `json:"coverage,omitzero"`
	Web      []WebSite  `json:"web"`
	Flags    []Flag     `json:"flags"`
	Risk     Risk       `json:"risk"`
	// Checked is an investigator's "checked" decision on the cluster, from
	// the judgements file; absent when there is none.
	Checked *Checked `json:"checked,omitempty"`
}

// Checked says that an investigator reviewed the cluster, and whether its
// members changed since.
type Checked struct {
	Note string `json:"note,omitempty"`
	// Cluster is the ID of the cluster that was checked when it is not this
	// cluster's: the checked cluster was split or merged since, and this
	// cluster holds some of its names.
	Cluster string `json:"cluster,omitempty"`
	// Judgement is where the decision is: file and line.
	Judgement string `json:"judgement"`
	// ReviewedRun is the run whose report was reviewed, and ReviewedAt when
	// that run finished; empty when the decision names no run (then the
	// members are compared with the previous successful run).
	ReviewedRun string     `json:"reviewed_run,omitempty"`
	ReviewedAt  *time.Time `json:"reviewed_at,omitempty"`
	// MembersChanged: the cluster's distinct names differ from those it had
	// in the run compared with; Added and Removed name them (Removed as
	// member keys: the folded name and the country code after a "|").
	MembersChanged bool     `json:"members_changed"`
	Added          []string `json:"added,omitempty"`
	Removed        []string `json:"removed,omitempty"`
	// Unknown: the run compared with is not in the store any more (pruned)
	// or never had the cluster, so nothing can be said about its members.
	Unknown bool `json:"unknown,omitempty"`
}

// Variant is one distinct spelling of the name and how often it occurs.
type Variant struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
	// Normalised is the comparison form: script-folded, legal form set aside.
	Normalised string `json:"normalised"`
	LegalForm  string `json:"legal_form,omitempty"`
}

// Member is one input row.
type Member struct {
	Row     int     `json:"row"` // 1-based line of the record in the file; the header is row 1
	ID      string  `json:"id,omitempty"`
	Name    string  `json:"name"`
	Country string  `json:"country,omitempty"` // ISO 3166-1 alpha-2 when recognised
	Address string  `json:"address,omitempty"`
	Date    string  `json:"date,omitempty"`
	Website string  `json:"website,omitempty"`
	Email   string  `json:"email,omitempty"`
	Extra   Columns `json:"extra,omitzero"` // carried columns, untouched
	// Evidence is what tied this member into the cluster; nil for the
	// member the cluster grew from and for exact repeats of its name.
	Evidence *Evidence `json:"evidence,omitempty"`
}

// Evidence links a member to another member of the same cluster.
type Evidence struct {
	LinkedToRow  int      `json:"linked_to_row"`
	LinkedToName string   `json:"linked_to_name"`
	Score        float64  `json:"score"`
	Reasons      []Reason `json:"reasons"`
	// Judgement is set when an investigator's decision made the link.
	Judgement string `json:"judgement,omitempty"`
}

// Reason is one named part of a score.
type Reason struct {
	Kind   string  `json:"kind"`   // e.g. "token_exact", "romanisation", "transliteration", "legal_form", "edit_distance", "missing_token", "number_conflict", "country_conflict"
	Detail string  `json:"detail"` // human sentence
	Left   string  `json:"left,omitempty"`
	Right  string  `json:"right,omitempty"`
	Effect float64 `json:"effect"` // contribution to the score: positive supports, negative opposes
}

// RegistryMatch is a registry record that matched the cluster.
type RegistryMatch struct {
	Source  string   `json:"source"`
	Score   float64  `json:"score"`
	Reasons []Reason `json:"reasons"`
	Record  Record   `json:"record"`
}

// Record is a company as a registry describes it.
type Record struct {
	ID                string       `json:"id"`
	URL               string       `json:"url,omitempty"`
	Name              string       `json:"name"`
	OtherNames        []string     `json:"other_names,omitempty"`
	Jurisdiction      string       `json:"jurisdiction,omitempty"`
	LegalForm         string       `json:"legal_form,omitempty"`
	Status            string       `json:"status,omitempty" jsonschema:"enum=active,enum=inactive,enum=dissolved,enum=struck_off,enum=strike_off_proposed,enum=liquidation,enum=unknown"`
	IncorporatedOn    string       `json:"incorporated_on,omitempty"`
	DissolvedOn       string       `json:"dissolved_on,omitempty"`
	RegisteredAddress string       `json:"registered_address,omitempty"`
	HeadOfficeAddress string       `json:"head_office_address,omitempty"`
	Identifiers       []Identifier `json:"identifiers,omitempty"`
	Officers          []Officer    `json:"officers,omitempty"`
	Websites          []string     `json:"websites,omitempty"`
	Topics            []string     `json:"topics,omitempty"` // e.g. "sanction", "export.control", "debarment"
	Datasets          []string     `json:"datasets,omitempty"`
	Programs          []string     `json:"programs,omitempty"` // sanctions programmes (OFAC, OpenSanctions programId)
	RetrievedAt       time.Time    `json:"retrieved_at"`
}

// Identifier is a registry number under a named scheme (lei, company_number, inn, ogrn, uscc, brn, ...).
type Identifier struct {
	Scheme string `json:"scheme"`
	Value  string `json:"value"`
}

// Officer is a director, secretary, owner or person with significant control.
type Officer struct {
	Name string `json:"name"`
	Role string `json:"role"`
}

// Coverage says what one source did for one cluster.
type Coverage struct {
	Source string `json:"source"`
	Status string `json:"status" jsonschema:"enum=found,enum=not_found,enum=skipped,enum=failed"`
	Reason string `json:"reason,omitempty"`
	// RegisterOf lists the cluster's countries for which the source is a
	// register of record: only such a not_found means "not registered there".
	RegisterOf []string `json:"register_of,omitempty"`
}

// WebSite is what the web check found for one candidate site.
type WebSite struct {
	URL          string    `json:"url"`
	From         string    `json:"from"` // where the site came from: input column or registry source
	Status       string    `json:"status" jsonschema:"enum=ok,enum=no_dns,enum=unreachable,enum=tls_error,enum=http_error,enum=parked,enum=blocked,enum=robots_disallow,enum=timeout,enum=skipped"`
	HTTPStatus   int       `json:"http_status,omitempty"`
	FinalURL     string    `json:"final_url,omitempty"`
	TLS          bool      `json:"tls"`
	DNS          *DNS      `json:"dns,omitempty"`
	Parked       bool      `json:"parked"`
	ParkedReason string    `json:"parked_reason,omitempty"`
	Mentions     []Mention `json:"mentions"`
	PagesFetched int       `json:"pages_fetched"`
	Error        string    `json:"error,omitempty"`
	CheckedAt    time.Time `json:"checked_at"`
}

// DNS holds the records looked up for a site's host.
type DNS struct {
	A     []string `json:"a,omitempty"`
	AAAA  []string `json:"aaaa,omitempty"`
	NS    []string `json:"ns,omitempty"`
	CNAME string   `json:"cname,omitempty"`
}

// Mention is a place on a site where the company is named.
type Mention struct {
	Page string `json:"page"`
	What string `json:"what" jsonschema:"enum=name,enum=registry_number,enum=address"`
	Text string `json:"text"`
}

// Flag is one indicator with the evidence behind it.
type Flag struct {
	Code     string         `json:"code"`
	Severity string         `json:"severity" jsonschema:"enum=high,enum=medium,enum=low"`
	Title    string         `json:"title"`
	Evidence map[string]any `json:"evidence"`
	Sources  []string       `json:"sources,omitempty"` // record URLs the evidence came from
	Caveat   string         `json:"caveat"`
}

// Risk combines a cluster's flags into one documented number.
type Risk struct {
	Score   float64 `json:"score"` // 0..1
	Outcome string  `json:"outcome" jsonschema:"enum=no indicators,enum=indicators present"`
}

// RejectedRow is an input row that could not be used, with the reason.
type RejectedRow struct {
	Row    int    `json:"row"`
	Column string `json:"column,omitempty"`
	Reason string `json:"reason"`
	Raw    string `json:"raw"`
}

// Changes compares this run with the previous successful run.
type Changes struct {
	PreviousRunID   string          `json:"previous_run_id"`
	NewClusters     []string        `json:"new_clusters"`
	RemovedClusters []string        `json:"removed_clusters"`
	Merged          []ClusterChange `json:"merged"`
	Split           []ClusterChange `json:"split"`
	NewFlags        []FlagChange    `json:"new_flags"`
	ClearedFlags    []FlagChange    `json:"cleared_flags"`
	StatusChanges   []StatusChange  `json:"status_changes"`
}

// ClusterChange records where old cluster IDs went.
type ClusterChange struct {
	From []string `json:"from"`
	To   []string `json:"to"`
}

// FlagChange is a flag that appeared or disappeared on a cluster.
type FlagChange struct {
	ClusterID string `json:"cluster_id"`
	Code      string `json:"code"`
}

// StatusChange is a registry status that changed between runs.
type StatusChange struct {
	ClusterID string `json:"cluster_id"`
	Source    string `json:"source"`
	RecordID  string `json:"record_id"`
	From      string `json:"from"`
	To        string `json:"to"`
}

// ClusterCoverage is what each source did for c, a cluster of r: its own
// list, or the run's when it carries none.
func (r *Report) ClusterCoverage(c *Cluster) []Coverage {
	if c.Coverage == nil {
		return r.Run.Coverage
	}
	return c.Coverage
}

// CompactCoverage says coverage once: the list most clusters carry (the
// first such in cluster order on a tie) becomes Run.Coverage, and the
// clusters that carry it carry none (nil). Clusters whose list differs keep
// theirs. A report already compacted, or with no clusters, is left as it
// is. Cost: one hash of each cluster's list; lists shared in memory (the
// verify stage interns them) are compared once.
func (r *Report) CompactCoverage() {
	if r.Run.Coverage != nil || len(r.Clusters) == 0 {
		return
	}
	type group struct {
		list  []Coverage
		count int
	}
	var (
		seed   = maphash.MakeSeed()
		groups []group
		byHash = map[uint64][]int{}             // hash → groups
		byPtr  = map[*Coverage]int{}            // first element of a list seen → its group
		of     = make([]int32, len(r.Clusters)) // cluster → group
		h      maphash.Hash
	)
	h.SetSeed(seed)
	for i := range r.Clusters {
		cov := r.Clusters[i].Coverage
		if cov == nil {
			// Compacted before, or never filled: nothing to say once.
			of[i] = -1
			continue
		}
		if len(cov) > 0 {
			if g, ok := byPtr[&cov[0]]; ok && len(groups[g].list) == len(cov) {
				groups[g].count++
				of[i] = int32(g)
				continue
			}
		}
		h.Reset()
		HashCoverage(&h, cov)
		sum := h.Sum64()
		g := -1
		for _, k := range byHash[sum] {
			if equalCoverage(groups[k].list, cov) {
				g = k
				break
			}
		}
		if g < 0 {
			g = len(groups)
			groups = append(groups, group{list: cov})
			byHash[sum] = append(byHash[sum], g)
		}
		groups[g].count++
		of[i] = int32(g)
		if len(cov) > 0 {
			byPtr[&cov[0]] = g
		}
	}
	if len(groups) == 0 {
		return
	}
	best := 0
	for g := range groups {
		if groups[g].count > groups[best].count {
			best = g
		}
	}
	r.Run.Coverage = slices.Clip(groups[best].list)
	for i := range r.Clusters {
		if of[i] == int32(best) {
			r.Clusters[i].Coverage = nil
		}
	}
}

func equalCoverage(a, b []Coverage) bool {
	return slices.EqualFunc(a, b, func(x, y Coverage) bool {
		return x.Source == y.Source && x.Status == y.Status && x.Reason == y.Reason && slices.Equal(x.RegisterOf, y.RegisterOf)
	})
}

// HashCoverage writes a coverage list into h, every field of every entry
// and where each ends, so that two lists that differ hash apart (barring
// collisions): for grouping equal lists without comparing each pair.
func HashCoverage(h *maphash.Hash, cov []Coverage) {
	for _, c := range cov {
		h.WriteString(c.Source)
		h.WriteByte(0)
		h.WriteString(c.Status)
		h.WriteByte(0)
		h.WriteString(c.Reason)
		h.WriteByte(0)
		for _, rc := range c.RegisterOf {
			h.WriteString(rc)
			h.WriteByte(1)
		}
		h.WriteByte(2)
	}
}
