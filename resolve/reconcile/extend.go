package reconcile

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// Property identifiers, for data extension and query properties.
const (
	PropCanonicalName = "canonical_name"
	PropNames         = "names"
	PropCountries     = "countries"
	PropIndicators    = "indicators"
	PropRiskScore     = "risk_score"
	PropSize          = "size"
	PropLEI           = "lei"
	PropRegistryIDs   = "registry_ids"
	PropStatus        = "status"
	PropListed        = "listed"
)

type property struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
}

var clusterProps = []property{
	{PropCanonicalName, "Canonical name", "the name the cluster is known by"},
	{PropNames, "Spellings", "every distinct spelling of the cluster's name"},
	{PropCountries, "Countries", "ISO 3166-1 alpha-2 codes the names were seen with; as a query property, the country of the name"},
	{PropIndicators, "Indicators", "codes of the indicators raised (with severity)"},
	{PropRiskScore, "Risk score", "1 − Π(1 − weight of each indicator's severity), 0 to 1"},
	{PropSize, "Rows", "input rows in the cluster"},
	{PropLEI, "LEI", "Legal Entity Identifiers of the GLEIF records matched; as a query property, an LEI to look for"},
	{PropRegistryIDs, "Registry identifiers", "source:identifier of every registry record matched"},
}

var recordProps = []property{
	{PropCanonicalName, "Name", "the record's name"},
	{PropNames, "Names", "the record's name and other names"},
	{PropCountries, "Countries", "the jurisdiction's ISO 3166-1 alpha-2 code"},
	{PropLEI, "LEI", "the record's Legal Entity Identifier"},
	{PropRegistryIDs, "Registry identifiers", "source:identifier, and the record's identifiers as scheme:value"},
	{PropStatus, "Status", "registry status: active, dissolved, struck_off, ..."},
	{PropListed, "Listed", "sanctions topics that make it a listed party"},
}

// value is one data extension value: exactly one field set.
type value map[string]any

func str(s string) value { return value{"str": s} }

func strs(ss []string) []value {
	out := make([]value, 0, len(ss))
	for _, s := range ss {
		out = append(out, str(s))
	}
	return out
}

// leis returns the LEIs of the GLEIF records matched to the cluster.
func leis(e *Entity) []string {
	var out []string
	for _, r := range e.Records {
		if r.Source == "gleif" || strings.HasSuffix(r.Source, "/gleif") {
			out = append(out, r.ID)
		}
	}
	return out
}

func clusterValues(e *Entity, prop string) ([]value, bool) {
	switch prop {
	case PropCanonicalName:
		return []value{str(e.Name)}, true
	case PropNames:
		var ns []string
		for _, s := range e.Spellings {
			ns = append(ns, s.Name)
		}
		slices.Sort(ns)
		return strs(slices.Compact(ns)), true
	case PropCountries:
		return strs(e.Countries), true
	case PropIndicators:
		var out []string
		for _, f := range e.Indicators {
			out = append(out, f.Code+" ("+f.Severity+")")
		}
		return strs(out), true
	case PropRiskScore:
		return []value{{"float": e.Risk}}, true
	case PropSize:
		return []value{{"int": e.Size}}, true
	case PropLEI:
		return strs(leis(e)), true
	case PropRegistryIDs:
		var out []string
		for _, r := range e.Records {
			out = append(out, RecordID(r.Source, r.ID))
		}
		return strs(out), true
	}
	return nil, false
}

func recordValues(r Record, prop string) ([]value, bool) {
	switch prop {
	case PropCanonicalName:
		return []value{str(r.Name)}, true
	case PropNames:
		return strs(append([]string{r.Name}, r.OtherNames...)), true
	case PropCountries:
		if r.Country == "" {
			return []value{}, true
		}
		return []value{str(r.Country)}, true
	case PropLEI:
		var out []string
		for _, i := range r.Identifiers {
			if i.Scheme == "lei" {
				out = append(out, i.Value)
			}
		}
		if len(out) == 0 && r.Source == "gleif" {
			out = append(out, r.ID)
		}
		slices.Sort(out)
		return strs(slices.Compact(out)), true
	case PropRegistryIDs:
		out := []string{RecordID(r.Source, r.ID)}
		for _, i := range r.Identifiers {
			out = append(out, i.Scheme+":"+i.Value)
		}
		return strs(out), true
	case PropStatus:
		if r.Status == "" {
			return []value{}, true
		}
		return []value{str(r.Status)}, true
	case PropListed:
		return strs(r.Listed), true
	}
	return nil, false
}

type extendQuery struct {
	IDs        []string `json:"ids"`
	Properties []struct {
		ID string `json:"id"`
	} `json:"properties"`
}

func (s *Service) extend(w http.ResponseWriter, r *http.Request, raw string) {
	var q extendQuery
	if err := json.Unmarshal([]byte(raw), &q); err != nil {
		httpError(w, http.StatusBadRequest, "extend: not a data extension query: "+err.Error())
		return
	}
	if len(q.IDs) > s.opt.MaxExtendIDs {
		httpError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("extend: %d ids; at most %d", len(q.IDs), s.opt.MaxExtendIDs))
		return
	}
	known := map[string]property{}
	for _, p := range append(slices.Clone(clusterProps), recordProps...) {
		if _, ok := known[p.ID]; !ok {
			known[p.ID] = p
		}
	}
	meta := make([]property, 0, len(q.Properties))
	for _, p := range q.Properties {
		kp, ok := known[p.ID]
		if !ok {
			httpError(w, http.StatusBadRequest, fmt.Sprintf("extend: unknown property %q; see %s?type=%s", p.ID, pathProperties, TypeCluster))
			return
		}
		meta = append(meta, property{ID: kp.ID, Name: kp.Name})
	}
	rows := make(map[string]map[string][]value, len(q.IDs))
	for _, id := range q.IDs {
		row := make(map[string][]value, len(meta))
		vals, err := s.valuesOf(r.Context(), id)
		if err != nil {
			s.log.Error().Err(err).Msg("data extension failed")
			httpError(w, http.StatusInternalServerError, "data extension failed; see the service log")
			return
		}
		for _, p := range meta {
			v, _ := vals(p.ID)
			if v == nil {
				v = []value{}
			}
			row[p.ID] = v
		}
		rows[id] = row
	}
	writeJSON(w, http.StatusOK, map[string]any{"meta": meta, "rows": rows})
}

// valuesOf returns the property lookup of a cluster or record ID; an
// unknown ID has no values.
func (s *Service) valuesOf(ctx context.Context, id string) (func(string) ([]value, bool), error) {
	if e, ok := s.index().Entity(id); ok {
		return func(p string) ([]value, bool) { return clusterValues(e, p) }, nil
	}
	rec, ok, err := s.record(ctx, id)
	if err != nil {
		return nil, err
	}
	if ok {
		return func(p string) ([]value, bool) { return recordValues(rec, p) }, nil
	}
	return func(string) ([]value, bool) { return nil, false }, nil
}

// record looks a registry record ID up in the bulk store.
func (s *Service) record(ctx context.Context, id string) (Record, bool, error) {
	src, ext, ok := splitRecordID(id)
	if !ok || s.reg == nil || !slices.Contains(s.sources(), src) {
		return Record{}, false, nil
	}
	rec, err := s.reg.Record(ctx, src, ext)
	if errors.Is(err, ErrNotFound) {
		return Record{}, false, nil
	}
	if err != nil {
		return Record{}, false, fmt.Errorf("registry record %s: %w", id, err)
	}
	return rec, true, nil
}

// properties proposes the properties of a type (GET /properties?type=).
func (s *Service) properties(w http.ResponseWriter, r *http.Request) {
	t := r.URL.Query().Get("type")
	if t == "" {
		httpError(w, http.StatusBadRequest, "give the type: /properties?type="+TypeCluster)
		return
	}
	props := clusterProps
	if t != TypeCluster {
		props = recordProps
	}
	limit := intParam(r, "limit", len(props), len(props))
	out := map[string]any{"type": t, "properties": props[:limit]}
	if r.URL.Query().Has("limit") {
		out["limit"] = limit
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Service) suggestEntity(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	cursor := intParam(r, "cursor", 0, 10000)
	type sugg struct {
		ID          string     `json:"id"`
		Name        string     `json:"name"`
		Description string     `json:"description,omitempty"`
		Notable     []typeJSON `json:"notable"`
	}
	out := []sugg{}
	for _, e := range s.index().Suggest(q.Get("prefix"), cursor, 10) {
		out = append(out, sugg{ID: e.ID, Name: e.Name, Description: describe(e), Notable: []typeJSON{clusterType()}})
	}
	writeJSON(w, http.StatusOK, map[string]any{"result": out})
}

func (s *Service) suggestType(w http.ResponseWriter, r *http.Request) {
	p := fold(r.URL.Query().Get("prefix"))
	out := []typeJSON{}
	for _, t := range s.types() {
		if strings.HasPrefix(fold(t.ID), p) || strings.Contains(fold(t.Name), p) {
			out = append(out, t)
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"result": out})
}

func (s *Service) suggestProperty(w http.ResponseWriter, r *http.Request) {
	p := fold(r.URL.Query().Get("prefix"))
	out := []property{}
	seen := map[string]bool{}
	for _, x := range append(slices.Clone(clusterProps), recordProps...) {
		if seen[x.ID] {
			continue
		}
		seen[x.ID] = true
		if strings.HasPrefix(x.ID, p) || strings.Contains(fold(x.Name), p) {
			out = append(out, x)
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"result": out})
}

// judgements records a review decision: POST a JSON object {kind, a, b,
// note, force}. JSON only, so that a cross-origin form cannot post one
// without a CORS preflight.
func (s *Service) judgements(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST, OPTIONS")
		httpError(w, http.StatusMethodNotAllowed, "POST a judgement as JSON")
		return
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		httpError(w, http.StatusUnsupportedMediaType, "send Content-Type: application/json")
		return
	}
	var j Judgement
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&j); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			httpError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body larger than %d bytes", mbe.Limit))
			return
		}
		httpError(w, http.StatusBadRequest, "not a judgement {kind, a, b, note, force}: "+err.Error())
		return
	}
	j.Kind, j.A, j.B = strings.TrimSpace(j.Kind), strings.TrimSpace(j.A), strings.TrimSpace(j.B)
	conflicts, err := s.judge.Record(r.Context(), j)
	switch {
	case errors.Is(err, ErrInvalid):
		httpError(w, http.StatusBadRequest, err.Error())
	case err != nil:
		s.log.Error().Err(err).Msg("judgement not recorded")
		httpError(w, http.StatusInternalServerError, "judgement not recorded; see the service log")
	case len(conflicts) > 0:
		writeJSON(w, http.StatusConflict, map[string]any{
			"error":     "judgement not recorded: it contradicts earlier decisions; send force: true to record it anyway",
			"conflicts": conflicts})
	default:
		s.log.Info().Str("kind", j.Kind).Msg("judgement recorded")
		writeJSON(w, http.StatusCreated, map[string]any{"recorded": true})
	}
}
