package synth

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"strings"
	"unicode/utf8"
)

// Customs-record noise (Options.Customs): on top of the variants above, a
// share of the rows after an entity's first carries one kind of the noise
// shipping clerks put into a name field, and says which in Row.Kind:
//
//	place      a city, country, site or address after the legal form
//	           (NORWIND TRADING LTD HAMBURG, … CO LTD ULSAN PLANT, … NO 5
//	           INDUSTRIAL RD), OOO NAME CITY, C/O NAME GENERIC CITY      10%
//	abbrev     business words abbreviated (HVY IND, INTL, PETROCHEM,
//	           MACH., SAN. VE TIC.)                                   10%
//	truncated  the name cut at a customs field width (35, 40, 50, 60),
//	           mid-word; only names longer than the width              6%
//	acronym    the initials of the name alone (NHI), or in brackets
//	           inside it (NORWIND HEAVY INDUSTRIES (NHI) CO LTD); only
//	           names of three words or more                            4%
//	order      the legal form or a generic word moved to the other end
//	           (JSC NAME / NAME JSC, CONCERN NAME / NAME CONCERN)        4%
//	joined     the name written together with its next word
//	           (NORWINDTRADING, Transmashholding)                      4%
//
// A noisy row keeps the entity's plain stem (no typo or romanisation
// variant on top), so each kind is measured on its own. One entity in five
// has a longer name (a business phrase such as Heavy Industries or
// Shipbuilding & Marine Engineering), so that truncation and acronyms have
// something to work on; Turkish entities are Sanayi ve Ticaret A.S. The
// noise draws from its own random stream: the rows without it are the rows
// of the same seed without Options.Customs, except for those longer names.

// Kinds of customs noise, as Row.Kind gives them ("" for none).
const (
	KindPlace     = "place"
	KindAbbrev    = "abbrev"
	KindTruncated = "truncated"
	KindAcronym   = "acronym"
	KindOrder     = "order"
	KindJoined    = "joined"
)

// Kinds lists the kinds of customs noise.
var Kinds = []string{KindPlace, KindAbbrev, KindTruncated, KindAcronym, KindOrder, KindJoined}

// customsRates are the shares of rows (after an entity's first) given each
// kind, in the order of Kinds.
var customsRates = []float64{0.10, 0.10, 0.06, 0.04, 0.04, 0.04}

// longPhrases lengthen one entity name in five.
var longPhrases = []string{"Heavy Industries", "Precision Machinery", "Shipbuilding & Marine Engineering", "National Petrochemical",
	"Electro-Mechanical Engineering", "Equipment Services", "Construction & Engineering", "Holding", "Chemical Industries",
	"International Trading", "Manufacturing", "Electric Power Equipment"}

var cities = map[string][]string{
	"KR": {"ULSAN", "BUSAN", "CHANGWON", "INCHEON", "POHANG", "GUMI"},
	"CN": {"SHENZHEN", "NINGBO", "QINGDAO", "DONGGUAN", "FOSHAN", "XIAMEN"},
	"RU": {"KALUGA", "SAMARA", "KAZAN", "TULA", "PERM", "VORONEZH"},
	"GB": {"LONDON", "MANCHESTER", "BIRMINGHAM"}, "DE": {"HAMBURG", "BREMEN", "STUTTGART"},
	"IT": {"MILAN", "TURIN", "GENOA"}, "US": {"HOUSTON", "CHICAGO", "NEW YORK"},
	"HK": {"KOWLOON", "HONG KONG"}, "AE": {"DUBAI", "SHARJAH", "JEBEL ALI"},
	"TR": {"ISTANBUL", "IZMIR", "BURSA"}, "SG": {"SINGAPORE"},
}

var countryNames = map[string]string{"KR": "KOREA", "CN": "CHINA", "RU": "RUSSIA", "GB": "UK", "DE": "GERMANY", "IT": "ITALY",
	"US": "USA", "HK": "HONG KONG", "AE": "UAE", "TR": "TURKEY", "SG": "SINGAPORE"}

var sites = []string{"PLANT", "FACTORY", "HEAD OFFICE", "BRANCH", "WAREHOUSE", "WORKS"}

// abbreviations customs records use for the business words of the names
// generated here.
var abbreviations = map[string][]string{
	"heavy": {"HVY"}, "industries": {"INDS", "IND"}, "industrial": {"IND.", "INDL"}, "industry": {"IND"},
	"international": {"INTL"}, "engineering": {"ENGG", "ENG."}, "electronics": {"ELEC"}, "electronic": {"ELEC"},
	"machinery": {"MACH."}, "petrochemical": {"PETROCHEM"}, "construction": {"CONSTR."}, "equipment": {"EQUIP"},
	"services": {"SVCS"}, "national": {"NATL"}, "manufacturing": {"MFG"}, "chemical": {"CHEM"}, "chemicals": {"CHEM"},
	"holding": {"HLDG"}, "precision": {"PREC."}, "mechanical": {"MECH."}, "shipbuilding": {"SHIPBLDG."},
	"trading": {"TRDG"}, "technology": {"TECH"}, "technologies": {"TECH"}, "electric": {"ELEC"},
	"marine": {"MAR."}, "power": {"PWR"}, "sanayi": {"SAN."}, "ticaret": {"TIC."},
}

// firstForms are the legal forms records also write before the name.
var firstForms = map[string]bool{"LLC": true, "JSC": true, "L.L.C.": true}

// longForms spell legal forms out, as customs fields often hold them.
var longForms = map[string]string{"Co., Ltd.": "Company Limited", "Co Ltd": "Company Limited", "CO.,LTD": "COMPANY LIMITED",
	"Ltd": "Limited", "LLC": "Limited Liability Company", "JSC": "Joint Stock Company", "Corp.": "Corporation",
	"Inc": "Incorporated", "Company Limited": "Company Limited", "Limited": "Limited", "Corporation": "Corporation"}

func isLetters(s string) bool {
	for _, r := range s {
		if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') {
			return false
		}
	}
	return s != ""
}

// customsWidths are the field widths at which customs systems cut names.
var customsWidths = []int{35, 40, 50, 60}

// customsKind draws the kind of noise of a row, or "".
func customsKind(nr *rand.Rand) string {
	x := nr.Float64()
	for i, p := range customsRates {
		if x < p {
			return Kinds[i]
		}
		x -= p
	}
	return ""
}

// longPhrase returns the business phrase of an entity with a longer name,
// or "", from its stem (so that it takes nothing from the random streams).
func (e *entity) longPhrase() string {
	h := fnv.New32a()
	h.Write([]byte("long:" + e.stem))
	v := h.Sum32()
	if v%5 != 0 {
		return ""
	}
	return longPhrases[(v/5)%uint32(len(longPhrases))]
}

// noisy applies customs noise of kind to the parts of a name (stem, words,
// legal form; the form first for Russian OOO and AO) and returns the name,
// or "" when the kind does not apply to it.
func (e *entity) noisy(nr *rand.Rand, kind string, parts []string, formFirst bool) string {
	name := strings.Join(parts, " ")
	form := parts[len(parts)-1]
	core := strings.Fields(strings.Join(parts[:len(parts)-1], " "))
	if formFirst {
		form, core = parts[0], strings.Fields(strings.Join(parts[1:], " "))
	}
	switch kind {
	case KindPlace:
		cs := cities[e.country]
		city := cs[e.family(len(cs))] // a company is in one city,
		if nr.IntN(8) == 0 {
			city = cs[nr.IntN(len(cs))] // now and then another branch's
		}
		switch x := nr.IntN(10); {
		case formFirst && x < 4:
			return name + " " + city // OOO NAME KALUGA
		case x < 3:
			return name + " " + city + " " + countryNames[e.country]
		case x < 5:
			return name + " " + sites[nr.IntN(len(sites))]
		case x < 6:
			return name + " " + city + " " + sites[nr.IntN(len(sites))]
		case x < 7:
			return name + fmt.Sprintf(" NO %d INDUSTRIAL RD", 1+nr.IntN(99))
		case x < 8 && e.gen >= 0 && !formFirst:
			return "C/O " + strings.Join(core, " ") + " " + city // the name ends in a generic word
		}
		return name + " " + city
	case KindAbbrev:
		out := make([]string, 0, len(parts))
		changed := false
		for _, p := range strings.Fields(name) {
			if a, ok := abbreviations[strings.ToLower(p)]; ok {
				p, changed = a[nr.IntN(len(a))], true
			} else if p == "Electro-Mechanical" {
				p, changed = "ELECTRO-MECH.", true
			}
			out = append(out, p)
		}
		if !changed {
			return ""
		}
		return strings.Join(out, " ")
	case KindTruncated:
		if utf8.RuneCountInString(name) <= customsWidths[0] {
			// Customs fields often hold the legal form spelled out.
			long, ok := longForms[form]
			if !ok {
				return ""
			}
			if formFirst {
				name = long + " " + strings.Join(core, " ")
			} else {
				name = strings.Join(core, " ") + " " + long
			}
		}
		n := utf8.RuneCountInString(name)
		for i := len(customsWidths) - 1; i >= 0; i-- {
			w := customsWidths[i]
			if n <= w {
				continue
			}
			cut := string([]rune(name)[:w])
			// The cut must end inside a word: at least two letters into a
			// word of the name, one into the legal form.
			sp := strings.LastIndexByte(cut, ' ')
			last := cut[sp+1:]
			full := strings.Fields(name[sp+1:])[0]
			inName := !formFirst && sp+1 < len(strings.Join(core, " "))
			if len(last) >= len(full) || len(last) < 1 || (inName && len(last) < 2) || !isLetters(last) {
				return ""
			}
			return cut
		}
		return ""
	case KindAcronym:
		var b strings.Builder
		words := 0
		for _, p := range core {
			for _, w := range strings.FieldsFunc(p, func(r rune) bool { return r == ' ' || r == '-' }) {
				if w == "&" || w == "and" || w == "of" {
					continue
				}
				b.WriteByte(strings.ToUpper(w)[0])
				words++
			}
		}
		if words < 3 || b.Len() > 5 {
			return ""
		}
		acr := b.String()
		if e.acronymTaken {
			// An earlier entity has these initials: the acronym alone could
			// not be told apart, so records write it beside the name.
			return strings.Join(core, " ") + " (" + acr + ") " + form
		}
		if nr.IntN(3) == 0 {
			return strings.Join(core, " ") + " (" + acr + ") " + form
		}
		return acr
	case KindOrder:
		if formFirst {
			return strings.Join(core, " ") + " " + form
		}
		if e.gen >= 0 && e.long == "" && e.extra == "" && len(core) == 2 && (strings.Contains(form, " ") || e.turkish != "" || nr.IntN(2) == 0) {
			return core[len(core)-1] + " " + strings.Join(core[:len(core)-1], " ") + " " + form // TRADING NORWIND LTD
		}
		if !firstForms[form] {
			return "" // Co., Ltd., GmbH, S.p.A. are not written first
		}
		return form + " " + strings.Join(core, " ")
	case KindJoined:
		if len(core) < 2 || strings.ContainsAny(core[1], " -&") {
			return ""
		}
		joined := title(strings.ToLower(core[0] + core[1]))
		rest := append([]string{joined}, core[2:]...)
		if formFirst {
			return form + " " + strings.Join(rest, " ")
		}
		return strings.Join(rest, " ") + " " + form
	}
	return ""
}

// acronymKey is the entity's initials, for keeping bare acronyms unique
// in a file.
func (e *entity) acronymKey(parts []string) string {
	var b strings.Builder
	for _, p := range parts {
		for _, w := range strings.FieldsFunc(p, func(r rune) bool { return r == ' ' || r == '-' }) {
			if w != "&" {
				b.WriteByte(strings.ToUpper(w)[0])
			}
		}
	}
	return b.String() // in any country: identical names are one name to the matcher
}

// customs readies an entity for customs noise: its longer name, its
// Turkish legal form, and whether its initials are an earlier entity's.
func (e *entity) customs(acronyms map[string]bool) {
	e.customsOn = true
	e.long = e.longPhrase()
	if e.country == "TR" {
		e.turkish = "Sanayi ve Ticaret A.S."
	}
	words := []string{e.stem}
	if e.long != "" {
		words = append(words, e.long)
	} else if e.gen >= 0 {
		words = append(words, generic[e.gen][0])
	}
	k := e.acronymKey(words)
	e.acronymTaken = acronyms[k]
	acronyms[k] = true
}
