// Package config loads the effective configuration of resolve.
//
// Precedence, lowest first: the embedded default.yaml (which names every key),
// a YAML file given with --config, environment variables RESOLVE_<KEY> (dots
// become underscores: RESOLVE_SOURCES_GLEIF_API_KEY), then command-line flags
// bound by the caller. An unknown key or a bad value is an error that names the
// key. viper stays inside this package: everything else receives plain structs.
package config

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/go-viper/mapstructure/v2"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"
	"go.yaml.in/yaml/v3"
)

//go:embed default.yaml
var defaultYAML []byte

// DefaultYAML returns the embedded defaults, with comments, as shipped.
func DefaultYAML() []byte { return bytes.Clone(defaultYAML) }

// ErrInvalid marks a configuration error (exit code 2).
var ErrInvalid = errors.New("invalid configuration")

// Config is the whole effective configuration.
type Config struct {
	Input      Input               `mapstructure:"input"`
	Output     Output              `mapstructure:"output"`
	Log        Log                 `mapstructure:"log"`
	FailOn     string              `mapstructure:"fail_on"`
	MemoryMiB  int                 `mapstructure:"memory_limit"`
	GCPercent  int                 `mapstructure:"gc_percent"`
	Match      Match               `mapstructure:"match"`
	Cluster    Cluster             `mapstructure:"cluster"`
	Store      Store               `mapstructure:"store"`
	Judgements string              `mapstructure:"judgements"`
	Bulk       map[string][]string `mapstructure:"bulk"`
	Verify     Verify              `mapstructure:"verify"`
	Sources    Sources             `mapstructure:"sources"`
	HTTP       HTTP                `mapstructure:"http"`
	Web        Web                 `mapstructure:"web"`
	Flags      Flags               `mapstructure:"flags"`
	Serve      Serve               `mapstructure:"serve"`
}

// Input describes how the input file is read.
type Input struct {
	NameCol    string `mapstructure:"name_col"`
	IDCol      string `mapstructure:"id_col"`
	CountryCol string `mapstructure:"country_col"`
	AddressCol string `mapstructure:"address_col"`
	DateCol    string `mapstructure:"date_col"`
	WebsiteCol string `mapstructure:"website_col"`
	EmailCol   string `mapstructure:"email_col"`
	Encoding   string `mapstructure:"encoding"`
	Delimiter  string `mapstructure:"delimiter"`
}

// Output says where and how the report is written.
type Output struct {
	Path   string `mapstructure:"path"`
	Format string `mapstructure:"format"`
}

// Log configures the logger built in cmd.
type Log struct {
	Level  string `mapstructure:"level"`
	Format string `mapstructure:"format"`
}

// Match holds the tunables of the pair scorer (see resolve/match).
type Match struct {
	Threshold                 float64 `mapstructure:"threshold"`
	TokenMinSimilarity        float64 `mapstructure:"token_min_similarity"`
	RomanisationSimilarity    float64 `mapstructure:"romanisation_similarity"`
	TransliterationSimilarity float64 `mapstructure:"transliteration_similarity"`
	LoanwordSimilarity        float64 `mapstructure:"loanword_similarity"`
	GenericWeight             float64 `mapstructure:"generic_weight"`
	GenericMissingWeight      float64 `mapstructure:"generic_missing_weight"`
	QualifierWeight           float64 `mapstructure:"qualifier_weight"`
	QualifierPenalty          float64 `mapstructure:"qualifier_penalty"`
	GenericConflict           float64 `mapstructure:"generic_conflict"`
	NumberConflictCap         float64 `mapstructure:"number_conflict_cap"`
	LegalFormConflict         float64 `mapstructure:"legal_form_conflict"`
	CountryConflict           float64 `mapstructure:"country_conflict"`
	ShortTokenLen             int     `mapstructure:"short_token_len"`
	ShortTypoSimilarity       float64 `mapstructure:"short_typo_similarity"`
	SubsidiaryMissingWeight   float64 `mapstructure:"subsidiary_missing_weight"`
	IDFFloor                  float64 `mapstructure:"idf_floor"`
}

// Cluster holds the tunables of blocking and clustering.
type Cluster struct {
	LinkThreshold    float64 `mapstructure:"link_threshold"`
	CrossThreshold   float64 `mapstructure:"cross_threshold"`
	ReciprocalFloor  float64 `mapstructure:"reciprocal_floor"`
	ReciprocalMargin float64 `mapstructure:"reciprocal_margin"`
	MaxCandidates    int     `mapstructure:"max_candidates"`
	MaxCross         int     `mapstructure:"max_cross_candidates"`
	MaxBlock         int     `mapstructure:"max_block"`
	Sample           int     `mapstructure:"sample"`
	Workers          int     `mapstructure:"workers"`
}

// Store locates the embedded store.
type Store struct {
	Path        string        `mapstructure:"path"`
	PostgresDSN string        `mapstructure:"postgres_dsn"`
	LockWait    time.Duration `mapstructure:"lock_wait"`
	KeepRuns    int           `mapstructure:"keep_runs"`
}

// Serve configures `resolve serve`.
type Serve struct {
	// Token is the bearer token clients must send (RESOLVE_SERVE_TOKEN in
	// the environment overrides the file). It is a secret: redacted, never
	// logged.
	Token string `mapstructure:"token"`
}

// Verify configures the verification stage as a whole.
type Verify struct {
	Enabled     bool    `mapstructure:"enabled"`
	MinScore    float64 `mapstructure:"min_score"`
	Workers     int     `mapstructure:"workers"`
	MaxClusters int     `mapstructure:"max_clusters"`
}

// Source is the configuration every verification source shares.
type Source struct {
	Enabled bool          `mapstructure:"enabled"`
	BaseURL string        `mapstructure:"base_url"`
	APIKey  string        `mapstructure:"api_key"`
	Rate    float64       `mapstructure:"rate"`   // requests per second; 0 = unlimited
	TTL     time.Duration `mapstructure:"ttl"`    // cache lifetime of answers
	Budget  int           `mapstructure:"budget"` // calls per run; 0 = unlimited
}

// Sources lists every source by its configuration name.
type Sources struct {
	Local          Source `mapstructure:"local"`
	GLEIF          Source `mapstructure:"gleif"`
	CompaniesHouse Source `mapstructure:"companies_house"`
	OpenSanctions  Source `mapstructure:"opensanctions"`
	OpenCorporates Source `mapstructure:"opencorporates"`
	Wikidata       Source `mapstructure:"wikidata"`
	OpenDART       Source `mapstructure:"opendart"`
	HKCR           Source `mapstructure:"hk_cr"`
}

// ByName returns the sources keyed by configuration name, in a fixed order.
func (s Sources) ByName() []NamedSource {
	return []NamedSource{
		{"local", s.Local}, {"gleif", s.GLEIF}, {"companies_house", s.CompaniesHouse},
		{"opensanctions", s.OpenSanctions}, {"opencorporates", s.OpenCorporates},
		{"wikidata", s.Wikidata}, {"opendart", s.OpenDART}, {"hk_cr", s.HKCR},
	}
}

// NamedSource pairs a source's configuration with its name.
type NamedSource struct {
	Name string
	Source
}

// HTTP configures the shared transport of the registry adapters.
type HTTP struct {
	Timeout          time.Duration `mapstructure:"timeout"`
	MaxBody          int64         `mapstructure:"max_body"`
	Retries          int           `mapstructure:"retries"`
	UserAgentContact string        `mapstructure:"user_agent_contact"`
}

// Web configures the web-presence crawler.
type Web struct {
	Enabled          bool          `mapstructure:"enabled"`
	AllowPrivate     bool          `mapstructure:"allow_private"`
	GuessDomains     bool          `mapstructure:"guess_domains"`
	MaxPages         int           `mapstructure:"max_pages"`
	MaxBody          int64         `mapstructure:"max_body"`
	Timeout          time.Duration `mapstructure:"timeout"`
	Rate             float64       `mapstructure:"rate"`
	TTL              time.Duration `mapstructure:"ttl"`
	UserAgentContact string        `mapstructure:"user_agent_contact"`
}

// Flags holds thresholds and weights of the indicator rules.
type Flags struct {
	MassAddressMin  int            `mapstructure:"mass_address_min"`
	MassAddressHigh int            `mapstructure:"mass_address_high"`
	NewCompanyDays  int            `mapstructure:"new_company_days"`
	SanctionsCutoff string         `mapstructure:"sanctions_cutoff"`
	LookalikeMin    float64        `mapstructure:"lookalike_min"`
	Weights         SeverityWeight `mapstructure:"weights"`
}

// SeverityWeight is the contribution of one flag of each severity to the risk score.
type SeverityWeight struct {
	High   float64 `mapstructure:"high"`
	Medium float64 `mapstructure:"medium"`
	Low    float64 `mapstructure:"low"`
}

// OutputFormats are the values of output.format (--format).
var OutputFormats = []string{"json", "jsonl", "csv", "ftm", "html"}

// Severities are the values of fail_on (--fail-on), lowest first.
var Severities = []string{"low", "medium", "high"}

// Loader builds a Config from its layers. Use New, optionally BindFlags, then Load.
type Loader struct {
	v *viper.Viper
}

// New returns a loader holding the embedded defaults and the environment.
func New() *Loader {
	v := viper.New()
	v.SetConfigType("yaml")
	if err := v.ReadConfig(bytes.NewReader(defaultYAML)); err != nil {
		panic(fmt.Sprintf("config: embedded default.yaml: %v", err)) // a build defect, caught by tests
	}
	v.SetEnvPrefix("RESOLVE")
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))
	v.AutomaticEnv()
	return &Loader{v: v}
}

// BindFlag makes a command-line flag override the key when the user set it.
func (l *Loader) BindFlag(key string, f *pflag.Flag) {
	if f == nil {
		return
	}
	_ = l.v.BindPFlag(key, f) // only fails for a nil flag
}

// Set overrides a key (used by tests and by commands that force a value).
func (l *Loader) Set(key string, value any) { l.v.Set(key, value) }

// Load merges the YAML file at path (if not empty), decodes exactly and validates.
func (l *Loader) Load(path string) (*Config, error) {
	if path != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("%w: read config file: %v", ErrInvalid, err)
		}
		if err := checkKnownKeys(data, l.v); err != nil {
			return nil, fmt.Errorf("%w: %s: %v", ErrInvalid, path, err)
		}
		if err := l.v.MergeConfig(bytes.NewReader(data)); err != nil {
			return nil, fmt.Errorf("%w: %s: %v", ErrInvalid, path, err)
		}
	}
	var c Config
	err := l.v.UnmarshalExact(&c, func(dc *mapstructure.DecoderConfig) {
		dc.DecodeHook = mapstructure.ComposeDecodeHookFunc(
			mapstructure.StringToTimeDurationHookFunc(),
			mapstructure.StringToSliceHookFunc(","),
		)
	})
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	// Bulk files named in a config file are relative to that file.
	if path != "" {
		for src, files := range c.Bulk {
			for i, f := range files {
				if !filepath.IsAbs(f) {
					files[i] = filepath.Join(filepath.Dir(path), f)
				}
			}
			c.Bulk[src] = files
		}
	}
	return &c, nil
}

// checkKnownKeys rejects keys in a user file that the defaults do not have.
// UnmarshalExact catches most, but not a key under a map-free leaf such as
// "match.threshold.x"; this check also gives the full dotted key.
func checkKnownKeys(data []byte, v *viper.Viper) error {
	var m map[string]any
	if err := yaml.Unmarshal(data, &m); err != nil {
		return err
	}
	known := map[string]bool{}
	for _, k := range v.AllKeys() {
		parts := strings.Split(k, ".")
		for i := range parts {
			known[strings.Join(parts[:i+1], ".")] = true
		}
	}
	var unknown []string
	eachKey(m, func(key string, _ any) bool {
		if key == "bulk" || strings.HasPrefix(key, "bulk.") {
			return false // bulk: maps source names to files; checked in Validate
		}
		if !known[key] {
			unknown = append(unknown, key)
			return false
		}
		return true
	})
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return fmt.Errorf("unknown key %q (see `resolve config` for every key)", unknown[0])
	}
	return nil
}

// eachKey calls fn with the dotted, lower-case key and the value of every
// entry of a YAML document, depth first; fn returns whether to descend into
// a mapping.
func eachKey(m map[string]any, fn func(key string, val any) bool) {
	var walk func(prefix string, m map[string]any)
	walk = func(prefix string, m map[string]any) {
		for k, val := range m {
			key := strings.ToLower(k)
			if prefix != "" {
				key = prefix + "." + key
			}
			if sub, ok := val.(map[string]any); ok && fn(key, val) {
				walk(key, sub)
			} else if !ok {
				fn(key, val)
			}
		}
	}
	walk("", m)
}

func invalid(key, format string, args ...any) error {
	return fmt.Errorf("%w: %s: %s", ErrInvalid, key, fmt.Sprintf(format, args...))
}

// Validate checks every value whose type alone does not make it valid, naming the key.
func (c *Config) Validate() error {
	unit := func(key string, x float64) error {
		if x < 0 || x > 1 {
			return invalid(key, "must be between 0 and 1, got %v", x)
		}
		return nil
	}
	for key, x := range map[string]float64{
		"match.threshold": c.Match.Threshold, "match.token_min_similarity": c.Match.TokenMinSimilarity,
		"match.romanisation_similarity": c.Match.RomanisationSimilarity, "match.transliteration_similarity": c.Match.TransliterationSimilarity,
		"match.generic_weight": c.Match.GenericWeight, "match.generic_missing_weight": c.Match.GenericMissingWeight, "match.qualifier_weight": c.Match.QualifierWeight,
		"match.qualifier_penalty": c.Match.QualifierPenalty, "match.generic_conflict": c.Match.GenericConflict,
		"match.number_conflict_cap": c.Match.NumberConflictCap, "match.legal_form_conflict": c.Match.LegalFormConflict,
		"match.country_conflict": c.Match.CountryConflict, "match.idf_floor": c.Match.IDFFloor,
		"match.short_typo_similarity": c.Match.ShortTypoSimilarity, "match.loanword_similarity": c.Match.LoanwordSimilarity,
		"cluster.link_threshold": c.Cluster.LinkThreshold, "cluster.cross_threshold": c.Cluster.CrossThreshold, "cluster.reciprocal_floor": c.Cluster.ReciprocalFloor,
		"cluster.reciprocal_margin": c.Cluster.ReciprocalMargin,
		"verify.min_score":          c.Verify.MinScore, "flags.lookalike_min": c.Flags.LookalikeMin,
	} {
		if err := unit(key, x); err != nil {
			return err
		}
	}
	if !slices.Contains(OutputFormats, c.Output.Format) {
		return invalid("output.format", "must be one of %s; got %q", strings.Join(OutputFormats, ", "), c.Output.Format)
	}
	switch c.Log.Level {
	case "debug", "info", "warn", "error":
	default:
		return invalid("log.level", "must be one of debug, info, warn, error; got %q", c.Log.Level)
	}
	switch c.Log.Format {
	case "auto", "console", "json":
	default:
		return invalid("log.format", "must be auto, console or json; got %q", c.Log.Format)
	}
	if c.FailOn != "" && !slices.Contains(Severities, c.FailOn) {
		return invalid("fail_on", "must be one of %s; got %q", strings.Join(Severities, ", "), c.FailOn)
	}
	switch c.Input.Delimiter {
	case "auto", "comma", "tab", "semicolon":
	default:
		return invalid("input.delimiter", "must be auto, comma, tab or semicolon; got %q", c.Input.Delimiter)
	}
	if strings.TrimSpace(c.Input.NameCol) == "" {
		return invalid("input.name_col", "must not be empty")
	}
	for src, files := range c.Bulk {
		switch src {
		case "gleif", "ofac", "opensanctions", "icij", "companies_house", "opendart":
		default:
			return invalid("bulk."+src, "unknown bulk source; one of gleif, ofac, opensanctions, icij, companies_house, opendart")
		}
		if len(files) == 0 {
			return invalid("bulk."+src, "needs at least one file")
		}
	}
	if c.MemoryMiB < 0 {
		return invalid("memory_limit", "must not be negative")
	}
	if c.GCPercent < 0 {
		return invalid("gc_percent", "must not be negative")
	}
	if c.Match.SubsidiaryMissingWeight < 0 || c.Match.SubsidiaryMissingWeight > 5 {
		return invalid("match.subsidiary_missing_weight", "must be between 0 and 5, got %v", c.Match.SubsidiaryMissingWeight)
	}
	if c.Match.ShortTokenLen < 0 {
		return invalid("match.short_token_len", "must not be negative")
	}
	if c.Cluster.MaxCandidates < 1 {
		return invalid("cluster.max_candidates", "must be at least 1")
	}
	if c.Cluster.MaxCross < 0 {
		return invalid("cluster.max_cross_candidates", "must not be negative")
	}
	if c.Cluster.MaxBlock < 2 {
		return invalid("cluster.max_block", "must be at least 2")
	}
	if c.Cluster.Workers < 0 {
		return invalid("cluster.workers", "must not be negative")
	}
	for _, s := range c.Sources.ByName() {
		key := "sources." + s.Name
		if s.Rate < 0 {
			return invalid(key+".rate", "must not be negative")
		}
		if s.Budget < 0 {
			return invalid(key+".budget", "must not be negative")
		}
		if s.TTL < 0 {
			return invalid(key+".ttl", "must not be negative")
		}
		if s.Enabled && s.Name != "local" && s.BaseURL == "" {
			return invalid(key+".base_url", "must be set when the source is enabled")
		}
	}
	if _, err := time.Parse("2006-01-02", c.Flags.SanctionsCutoff); err != nil {
		return invalid("flags.sanctions_cutoff", "must be a date YYYY-MM-DD, got %q", c.Flags.SanctionsCutoff)
	}
	return nil
}

// Redacted returns the configuration as YAML with every secret replaced.
func (c *Config) Redacted() ([]byte, error) {
	return yaml.Marshal(toTagged(c))
}

// Digest is a SHA-256 over the redacted configuration: two runs with the same
// digest used the same settings (secrets aside).
func (c *Config) Digest() string {
	b, err := c.Redacted()
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// toTagged renders c as nested maps keyed by mapstructure tags, secrets redacted.
func toTagged(c *Config) map[string]any {
	var out map[string]any
	dec, _ := mapstructure.NewDecoder(&mapstructure.DecoderConfig{Result: &out})
	_ = dec.Decode(c)
	redact(out)
	return out
}

// secretKeys are the last parts of the keys that hold secrets.
var secretKeys = map[string]bool{"api_key": true, "postgres_dsn": true, "token": true}

// ExposedSecrets returns the dotted keys of the secrets (API keys, the
// PostgreSQL DSN, the serve token) that the configuration file at path sets,
// when the file is readable by every user of the machine (the "other" read
// bit); nil when it is not, or sets none. The caller warns: the secrets are
// then not secret.
func ExposedSecrets(path string) ([]string, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if fi.Mode().Perm()&0o004 == 0 {
		return nil, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := yaml.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var out []string
	eachKey(m, func(key string, val any) bool {
		last := key[strings.LastIndexByte(key, '.')+1:]
		if x, ok := val.(string); ok && secretKeys[last] && x != "" {
			out = append(out, key)
		}
		return true
	})
	sort.Strings(out)
	return out, nil
}

func redact(m map[string]any) {
	for k, v := range m {
		switch x := v.(type) {
		case map[string]any:
			redact(x)
		case string:
			if secretKeys[k] && x != "" {
				m[k] = "REDACTED"
			}
		case time.Duration:
			m[k] = x.String()
		}
	}
}
