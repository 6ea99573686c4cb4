// Package bulk loads offline registry and sanctions files into the embedded
// store and serves them as the "local" registry.
//
// Formats (the SOURCE of `resolve index SOURCE FILE...`):
//
//	gleif            GLEIF golden copy, LEI-CDF CSV (header row; LEI, Entity.LegalName, ...)
//	ofac             OFAC sdn.xml or SDN_ADVANCED.XML (and consolidated.xml, cons_advanced.xml),
//	                 OpenSanctions targets.simple.csv, or the legacy CSVs: sdn.csv/cons_prim.csv
//	                 with add.csv/cons_add.csv and alt.csv/cons_alt.csv (no header rows);
//	                 entities only, individuals, vessels and aircraft skipped
//	opensanctions    OpenSanctions FtM entity JSON lines (entities.ftm.json) or targets.simple.csv;
//	                 Company, Organization, LegalEntity and PublicBody entities
//	icij             ICIJ Offshore Leaks CSVs: nodes-entities.csv, optionally nodes-addresses.csv
//	                 and relationships.csv (registered_address links)
//	companies_house  UK Companies House BasicCompanyData CSV
//	opendart         OpenDART CORPCODE.xml (the corp-code list the opendart adapter needs)
//
// Files may be given plain, gzipped (.gz) or zipped (.zip: every member is read).
//
// Index streams each file (bounded memory except the small OFAC address/alias
// tables, the side tables of SDN_ADVANCED.XML and the ICIJ address table,
// which are joined in memory; XML is read token by token), writes
// entities in batched transactions through prepared statements, and reports
// progress through a callback. Every name (legal and other names) is turned
// into blocking keys by the injected NameKeys, which must be the matcher's
// own normalisation so that the index and the verifier agree; registered
// addresses are normalised by the injected AddressKey for the
// mass-registration-address indicator. Re-indexing a source replaces its
// rows atomically (the old rows stay visible until the new load commits).
//
// Local (Name "local") implements verify.Registry over everything indexed:
// candidates are the entities sharing the most blocking keys with the query
// names (keys carried by too many entities are ignored), scored afterwards by
// the verifier.
//
// Example:
//
//	st, _ := store.Open(ctx, "resolve.db")
//	stats, err := bulk.Index(ctx, st, "gleif", []string{"golden-copy.csv.zip"}, keys,
//		func(rows int64) { fmt.Fprintf(os.Stderr, "\r%d rows", rows) })
//	local, err := bulk.NewLocal(ctx, st, keys, bulk.LocalOptions{})
//	recs, err := local.Search(ctx, verify.Query{Names: []string{"Northwind Trading Ltd"}})
package bulk

import (
	"archive/zip"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/resolve-tool/resolve/resolve/store"
	"github.com/resolve-tool/resolve/verify"
)

// NameKeys returns the blocking keys of a company name, e.g. its rarest
// normalised tokens. The lead injects the matching engine's function.
type NameKeys func(name string) []string

// AddressKey normalises an address for counting companies per address.
type AddressKey func(address string) string

// ErrUnknownFormat is returned for a SOURCE that is not one of Formats().
var ErrUnknownFormat = errors.New("unknown bulk format")

// Formats lists the bulk SOURCE names Index accepts.
func Formats() []string {
	fs := make([]string, 0, len(formats))
	for k := range formats {
		fs = append(fs, k)
	}
	sort.Strings(fs)
	return fs
}

type format struct {
	global bool // covers every country (sanctions lists, leaks, GLEIF)
	// register: the file is a national register of record (every company
	// of the countries it holds), so absence from it means "not registered".
	register bool
	parse    func(ctx context.Context, files []member, emit emitFunc) error
}

// emitFunc receives one parsed entity, or a skipped row (nil record).
type emitFunc func(r *verify.Record) error

var formats = map[string]format{
	"gleif":           {global: true, parse: parseGLEIF},
	"ofac":            {global: true, parse: parseOFAC},
	"opensanctions":   {global: true, parse: parseFtM},
	"icij":            {global: true, parse: parseICIJ},
	"companies_house": {global: false, register: true, parse: parseCompaniesHouse},
	"opendart":        {global: false, parse: parseCorpCode},
}

// Options tune IndexWith.
type Options struct {
	Keys          NameKeys         // required
	AddressKey    AddressKey       // nil: DefaultAddressKey
	Progress      func(rows int64) // called every ProgressEvery rows and at the end
	Batch         int              // entities per transaction; default 10,000
	ProgressEvery int64            // default 10,000
}

// Stats is the outcome of one Index call.
type Stats struct {
	Source   string
	Files    []string
	Entities int64 // entities indexed
	Skipped  int64 // rows read but not indexed (individuals, vessels, rows without a name)
	Duration time.Duration
}

// Index loads files of the given source format into st, replacing what that
// source had. keys builds the name index; progress (may be nil) receives the
// number of rows read so far.
func Index(ctx context.Context, st *store.Store, source string, files []string, keys NameKeys, progress func(rows int64)) (Stats, error) {
	return IndexWith(ctx, st, source, files, Options{Keys: keys, Progress: progress})
}

// IndexWith is Index with options.
func IndexWith(ctx context.Context, st *store.Store, source string, files []string, o Options) (Stats, error) {
	start := time.Now()
	f, ok := formats[source]
	if !ok {
		return Stats{}, fmt.Errorf("bulk: %w %q (one of %s)", ErrUnknownFormat, source, strings.Join(Formats(), ", "))
	}
	if o.Keys == nil {
		return Stats{}, errors.New("bulk: no NameKeys function")
	}
	if len(files) == 0 {
		return Stats{}, fmt.Errorf("bulk: index %s: no files", source)
	}
	if o.AddressKey == nil {
		o.AddressKey = DefaultAddressKey
	}
	if o.ProgressEvery <= 0 {
		o.ProgressEvery = 10000
	}
	members, closeAll, err := expand(files)
	if err != nil {
		return Stats{}, fmt.Errorf("bulk: index %s: %w", source, err)
	}
	defer closeAll()
	abs := make([]string, len(files))
	for i, p := range files {
		abs[i] = filepath.Base(p)
	}
	load, err := st.BeginLoad(ctx, source, abs, o.Batch)
	if err != nil {
		return Stats{}, fmt.Errorf("bulk: index %s: %w", source, err)
	}
	stats := Stats{Source: source, Files: abs}
	var read int64
	var names []string
	emit := func(r *verify.Record) error {
		read++
		if o.Progress != nil && read%o.ProgressEvery == 0 {
			o.Progress(read)
		}
		if read%1024 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		if r == nil || strings.TrimSpace(r.Name) == "" {
			stats.Skipped++
			return nil
		}
		r.Source = "local/" + source
		names = append(append(names[:0], r.Name), r.OtherNames...)
		var ks []string
		for _, n := range names {
			ks = append(ks, o.Keys(n)...)
		}
		addr := r.RegisteredAddress
		if addr == "" {
			addr = r.HeadOfficeAddress
		}
		data, err := encodeRecord(r)
		if err != nil {
			return err
		}
		stats.Entities++
		return load.Add(ctx, store.BulkEntity{ExtID: r.ID, Name: r.Name, Country: countryOf(r.Jurisdiction),
			AddressKey: o.AddressKey(stripCountryCode(addr)), Keys: ks, Data: data})
	}
	if err := f.parse(ctx, members, emit); err != nil {
		_ = load.Abort(context.WithoutCancel(ctx))
		return stats, fmt.Errorf("bulk: index %s: %w", source, err)
	}
	if err := load.Commit(ctx, f.global); err != nil {
		_ = load.Abort(context.WithoutCancel(ctx))
		return stats, fmt.Errorf("bulk: index %s: %w", source, err)
	}
	if o.Progress != nil {
		o.Progress(read)
	}
	stats.Duration = time.Since(start)
	return stats, nil
}

// DefaultAddressKey lower-cases, keeps letters and digits, and joins the
// tokens with single spaces. It is idempotent.
func DefaultAddressKey(address string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(address) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		} else {
			space = true
		}
	}
	return b.String()
}

// stripCountryCode drops a trailing ", XX" ISO country code, which bulk
// formats append but input addresses spell out ("Hong Kong") or omit, so
// the address key is built from the address proper.
func stripCountryCode(addr string) string {
	a := strings.TrimSpace(addr)
	if len(a) >= 4 && a[len(a)-4:len(a)-2] == ", " && isUpperASCII(a[len(a)-2:]) {
		return a[:len(a)-4]
	}
	return a
}

func isUpperASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

func countryOf(jurisdiction string) string {
	if len(jurisdiction) < 2 {
		return ""
	}
	c := strings.ToUpper(jurisdiction[:2])
	if len(jurisdiction) > 2 && jurisdiction[2] != '-' {
		return "" // not an ISO code or subdivision
	}
	return c
}

// stored is the compact JSON form of a record in the store.
type stored struct {
	ID          string              `json:"i"`
	URL         string              `json:"u,omitempty"`
	Name        string              `json:"n"`
	OtherNames  []string            `json:"o,omitempty"`
	Juris       string              `json:"j,omitempty"`
	LegalForm   string              `json:"lf,omitempty"`
	Status      verify.Status       `json:"s,omitempty"`
	Inc         string              `json:"inc,omitempty"`
	Dis         string              `json:"dis,omitempty"`
	RegAddr     string              `json:"ra,omitempty"`
	HQAddr      string              `json:"ha,omitempty"`
	Identifiers []verify.Identifier `json:"id,omitempty"`
	Officers    []verify.Officer    `json:"of,omitempty"`
	Websites    []string            `json:"w,omitempty"`
	Topics      []string            `json:"t,omitempty"`
	Datasets    []string            `json:"d,omitempty"`
	Programs    []string            `json:"p,omitempty"`
	Source      string              `json:"src"`
}

func encodeRecord(r *verify.Record) ([]byte, error) {
	return json.Marshal(stored{ID: r.ID, URL: r.URL, Name: r.Name, OtherNames: r.OtherNames, Juris: r.Jurisdiction,
		LegalForm: r.LegalForm, Status: r.Status, Inc: r.IncorporatedOn, Dis: r.DissolvedOn, RegAddr: r.RegisteredAddress,
		HQAddr: r.HeadOfficeAddress, Identifiers: r.Identifiers, Officers: r.Officers, Websites: r.Websites,
		Topics: r.Topics, Datasets: r.Datasets, Programs: r.Programs, Source: r.Source})
}

func decodeRecord(b []byte) (verify.Record, error) {
	var s stored
	if err := json.Unmarshal(b, &s); err != nil {
		return verify.Record{}, err
	}
	return verify.Record{Source: s.Source, ID: s.ID, URL: s.URL, Name: s.Name, OtherNames: s.OtherNames,
		Jurisdiction: s.Juris, LegalForm: s.LegalForm, Status: s.Status, IncorporatedOn: s.Inc, DissolvedOn: s.Dis,
		RegisteredAddress: s.RegAddr, HeadOfficeAddress: s.HQAddr, Identifiers: s.Identifiers, Officers: s.Officers,
		Websites: s.Websites, Topics: s.Topics, Datasets: s.Datasets, Programs: s.Programs}, nil
}

// member is one input stream: a plain file, a gzip file, or a zip entry.
type member struct {
	Name string // base name, lower case, without .gz
	Path string // for messages
	Open func() (io.ReadCloser, error)
}

func expand(files []string) ([]member, func(), error) {
	var out []member
	var closers []io.Closer
	closeAll := func() {
		for _, c := range closers {
			_ = c.Close()
		}
	}
	for _, p := range files {
		base := strings.ToLower(filepath.Base(p))
		switch {
		case strings.HasSuffix(base, ".zip"):
			zr, err := zip.OpenReader(p)
			if err != nil {
				closeAll()
				return nil, nil, fmt.Errorf("open %s: %w", p, err)
			}
			closers = append(closers, zr)
			for _, f := range zr.File {
				if f.FileInfo().IsDir() {
					continue
				}
				f := f
				out = append(out, member{Name: strings.ToLower(filepath.Base(f.Name)), Path: p + ":" + f.Name,
					Open: func() (io.ReadCloser, error) { return f.Open() }})
			}
		case strings.HasSuffix(base, ".gz"):
			p := p
			out = append(out, member{Name: strings.TrimSuffix(base, ".gz"), Path: p, Open: func() (io.ReadCloser, error) {
				f, err := os.Open(p)
				if err != nil {
					return nil, err
				}
				gz, err := gzip.NewReader(f)
				if err != nil {
					f.Close()
					return nil, fmt.Errorf("%s: %w", p, err)
				}
				return struct {
					io.Reader
					io.Closer
				}{gz, f}, nil
			}})
		default:
			if _, err := os.Stat(p); err != nil {
				closeAll()
				return nil, nil, err
			}
			p := p
			out = append(out, member{Name: base, Path: p, Open: func() (io.ReadCloser, error) { return os.Open(p) }})
		}
	}
	return out, closeAll, nil
}

// joinNonEmpty joins the non-empty trimmed parts with sep.
func joinNonEmpty(sep string, parts ...string) string {
	var keep []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, sep)
}

// parseDate turns the many date spellings of bulk files into YYYY-MM-DD, or "".
func parseDate(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	for _, layout := range []string{"2006-01-02", "2006-01-02T15:04:05Z07:00", "2006-01-02T15:04:05", "02/01/2006",
		"02-Jan-2006", "02 Jan 2006", "2 Jan 2006", "Jan 2, 2006", "02.01.2006", "20060102", "02-01-2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format("2006-01-02")
		}
	}
	if len(s) >= 10 && s[4] == '-' && s[7] == '-' {
		return s[:10]
	}
	return ""
}
