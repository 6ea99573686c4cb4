// Package address normalises postal addresses well enough to count the
// companies registered at one place, and classifies addresses that are
// PO boxes, virtual offices, residential or care of a company-service
// provider.
//
// Entry points:
//
//   - Normalise(addr) is the comparison form of a whole address, unit and
//     floor included. Two spellings of one office give the same string.
//   - Building(addr) is the same without unit and floor: the building.
//   - Parse(addr) returns the parts (Unit, Floor, Street, Postcode).
//   - Classify(addr) lists the indicators found, each with the phrase that
//     fired, for evidence.
//
// # Algorithm
//
// The address is NFKC-folded and upper-cased (Ё is read as Е). A UK postcode
// and, in Cyrillic, Han or Hangul addresses, a 6-digit (RU, CN) or 5-digit
// (KR) postcode at the start or end are set aside. Hong Kong floor forms
// ("12/F", "G/F", "12/FL") are rewritten as "FLOOR 12" before tokenising.
// The rest is split into comma-separated segments and the segments into
// tokens on anything that is not a letter, digit or inner hyphen.
// Abbreviations are expanded (RM, FLT, STE, OFFICE, ОФ., ПОМ., КВ. are all
// the unit marker; FL, FLR, ЭТ. the floor marker; BLDG, ST, RD, AVE, УЛ.,
// ПР-Т, СТР. ... their long forms). A unit marker takes the following
// designator ("RM 1203" → unit 1203, "FLAT A" → unit A), a floor marker the
// number before or after it ("12TH FLOOR", "ЭТАЖ 3", "12F"). The markers
// "No.", "№", "Д."/"ДОМ" and "Г."/"ГОРОД" are dropped because writers use them
// inconsistently. A Russian street type written after a one-word street
// name and before the house number ("Тверская ул., 7") is moved in front
// (multi-word names such as "Большая Садовая ул." are not reordered).
// Country and region words at the end (ENGLAND, UNITED KINGDOM, HONG KONG,
// HK, РОССИЯ ...) are dropped, as many as there are, so that a register's
// "…, London, England, N0 0ZZ" meets an input's "…, London N0 0ZZ". The
// output is
//
//	[UNIT u] [FLOOR f] street tokens in order [postcode]
//
// so "Rm 1203, 12/F, Tower 1, 9 Science Park Rd, N.T., Hong Kong" and
// "FLAT 1203 12F TOWER 1 9 SCIENCE PARK ROAD NEW TERRITORIES" both normalise
// to "UNIT 1203 FLOOR 12 TOWER 1 9 SCIENCE PARK ROAD NEW TERRITORIES", and
// "123456, г. Москва, ул. Тверская, д. 7, оф. 305" and
// "Москва, Тверская ул., 7, офис 305, 123456" to
// "UNIT 305 МОСКВА УЛИЦА ТВЕРСКАЯ 7 123456". When a string holds two UK
// postcodes, the last is the address's.
//
// Normalise is idempotent by construction: it parses its own output again
// until that no longer changes (almost always one extra pass, which skips
// the regular expressions a normalised address cannot need), so the bulk
// store, which normalises at index time, and the flags, which normalise
// before the lookup that normalises again, agree. Cost is linear in the
// length of the address.
//
// Units are unified on purpose: ROOM, FLAT, UNIT, SUITE and OFFICE 1203 are
// one place for counting. Street tokens are not reordered beyond the Russian
// street-type rule, so an address whose parts are written in another order
// stays distinct.
package address

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Parts is a parsed address. Every field is in normalised form.
type Parts struct {
	Unit     string // "1203", "A", "305"; several units joined by "-"
	Floor    string // "12", "G", "UG"
	Street   string // the rest: building, street, district, city
	Postcode string // "SW1A1AA", "123456"
}

// String renders the parts as Normalise does.
func (p Parts) String() string {
	var b []string
	if p.Unit != "" {
		b = append(b, "UNIT", p.Unit)
	}
	if p.Floor != "" {
		b = append(b, "FLOOR", p.Floor)
	}
	if p.Street != "" {
		b = append(b, p.Street)
	}
	if p.Postcode != "" {
		b = append(b, p.Postcode)
	}
	return strings.Join(b, " ")
}

// Normalise returns the comparison form of addr, unit and floor included.
// It returns "" for an address with nothing left after normalisation.
func Normalise(addr string) string { return stable(addr).String() }

// Building returns the comparison form of addr without unit and floor.
func Building(addr string) string {
	p := stable(addr)
	p.Unit, p.Floor = "", ""
	return stableString(p.String())
}

// stable parses addr and parses the result again until it no longer
// changes (at most maxPasses times), so that Normalise is idempotent even
// where one pass makes something a later pass reads differently: tokens
// that meet only once punctuation or a dropped marker is gone ("A0!0AA"
// is a postcode the second time). Almost every address is stable after
// one extra pass.
func stable(addr string) Parts {
	p := Parse(addr)
	for range maxPasses {
		q := Parse(p.String())
		if q == p {
			break
		}
		p = q
	}
	return p
}

func stableString(s string) string {
	for range maxPasses {
		t := Parse(s)
		t.Unit, t.Floor = "", ""
		n := t.String()
		if n == s {
			break
		}
		s = n
	}
	return s
}

const maxPasses = 4

var (
	// UK postcode, outward and inward parts (BS 7666 shape).
	ukPostcode = regexp.MustCompile(`\b([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})\b`)
	// Hong Kong floor forms: 12/F, G/F, UG/F, 12/FL, 12/FLR, 12/FLOOR.
	hkFloor = regexp.MustCompile(`\b([0-9]{1,3}|G|UG|LG|M|B[0-9]?)\s*/\s*F(?:LOOR|LR|L)?\b`)
	// Ordinal floors: 12TH FLOOR, 1ST FL.
	ordinalFloor = regexp.MustCompile(`\b([0-9]{1,3})(?:ST|ND|RD|TH)\s+(FLOOR|FLR|FL)\b`)
	// A token like 12F read as a floor.
	compactFloor = regexp.MustCompile(`^([0-9]{1,3})F$`)
	sixDigits    = regexp.MustCompile(`^[0-9]{6}$`)
	fiveDigits   = regexp.MustCompile(`^[0-9]{5}$`)
	ukWhole      = regexp.MustCompile(`^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$`)
	// Dotted initials: N.T. → NT.
	dotted = regexp.MustCompile(`(^|[^A-Z])([A-Z])\.\s?([A-Z])\.`)
)

// unitWords mark a unit: the token after them is the unit designator.
var unitWords = map[string]bool{
	"ROOM": true, "RM": true, "RMS": true, "FLAT": true, "FLT": true, "UNIT": true,
	"SUITE": true, "STE": true, "OFFICE": true, "OFFICES": true, "SHOP": true,
	"APT": true, "APARTMENT": true,
	"ОФИС": true, "ОФ": true, "ПОМЕЩЕНИЕ": true, "ПОМ": true, "КВ": true, "КВАРТИРА": true,
	"КОМНАТА": true, "КОМ": true,
}

// floorWords mark a floor: the number before or after them is the floor.
var floorWords = map[string]bool{
	"FLOOR": true, "FL": true, "FLR": true, "ЭТАЖ": true, "ЭТ": true,
}

// dropWords are markers writers use inconsistently; the value they mark stays.
var dropWords = map[string]bool{
	"NO": true, "№": true, "Д": true, "ДОМ": true, "Г": true, "ГОРОД": true,
}

// abbrev expands abbreviations to one long form.
var abbrev = map[string]string{
	"RD": "ROAD", "ST": "STREET", "STR": "STREET", "AVE": "AVENUE", "AV": "AVENUE",
	"BLVD": "BOULEVARD", "BLDG": "BUILDING", "BLD": "BUILDING", "BLDGS": "BUILDING",
	"CTR": "CENTRE", "CNTR": "CENTRE", "CTRE": "CENTRE", "CENTER": "CENTRE",
	"TWR": "TOWER", "BLK": "BLOCK", "IND": "INDUSTRIAL", "HSE": "HOUSE", "PLZ": "PLAZA",
	"SQ": "SQUARE", "LN": "LANE", "DR": "DRIVE", "HWY": "HIGHWAY", "CT": "COURT",
	"COMM": "COMMERCIAL", "KLN": "KOWLOON", "NT": "NEW TERRITORIES", "HK": "HONG KONG",
	"&":  "AND",
	"УЛ": "УЛИЦА", "ПР-Т": "ПРОСПЕКТ", "ПРОСП": "ПРОСПЕКТ", "ПР": "ПРОСПЕКТ",
	"ПЕР": "ПЕРЕУЛОК", "Ш": "ШОССЕ", "Б-Р": "БУЛЬВАР", "БУЛ": "БУЛЬВАР", "НАБ": "НАБЕРЕЖНАЯ",
	"ПЛ": "ПЛОЩАДЬ", "СТР": "СТРОЕНИЕ", "КОРП": "КОРПУС", "К": "КОРПУС", "ОБЛ": "ОБЛАСТЬ",
	"Р-Н": "РАЙОН", "МКР": "МИКРОРАЙОН", "МКР-Н": "МИКРОРАЙОН", "ТУП": "ТУПИК",
}

// ruStreetTypes are moved in front of the street name within their segment.
var ruStreetTypes = map[string]bool{
	"УЛИЦА": true, "ПРОСПЕКТ": true, "ПЕРЕУЛОК": true, "ШОССЕ": true, "БУЛЬВАР": true,
	"НАБЕРЕЖНАЯ": true, "ПЛОЩАДЬ": true, "ПРОЕЗД": true, "ТУПИК": true,
}

// countryTails are country and region words dropped from the end of an
// address, repeatedly ("…, England, United Kingdom" loses both), longest
// first. Registers write them and input addresses usually leave them out:
// Companies House ends its addresses with ENGLAND, WALES, SCOTLAND or
// UNITED KINGDOM, the Hong Kong register and GLEIF with HONG KONG or HK.
var countryTails = [][]string{
	{"РОССИЙСКАЯ", "ФЕДЕРАЦИЯ"}, {"RUSSIAN", "FEDERATION"},
	{"UNITED", "KINGDOM", "OF", "GREAT", "BRITAIN", "AND", "NORTHERN", "IRELAND"},
	{"UNITED", "KINGDOM"}, {"GREAT", "BRITAIN"}, {"ENGLAND", "AND", "WALES"}, {"NORTHERN", "IRELAND"},
	{"HONG", "KONG", "SPECIAL", "ADMINISTRATIVE", "REGION"},
	{"HONG", "KONG", "SAR"}, {"HONG", "KONG"}, {"HKSAR"}, {"PEOPLES", "REPUBLIC", "OF", "CHINA"},
	{"REPUBLIC", "OF", "KOREA"}, {"SOUTH", "KOREA"}, {"UNITED", "ARAB", "EMIRATES"},
	{"UNITED", "STATES", "OF", "AMERICA"}, {"UNITED", "STATES"},
	{"РОССИЯ"}, {"RUSSIA"}, {"CHINA"}, {"PRC"}, {"KOREA"}, {"UK"}, {"GB"}, {"UAE"}, {"SINGAPORE"},
	{"ENGLAND"}, {"WALES"}, {"SCOTLAND"},
	{"TURKEY"}, {"KAZAKHSTAN"}, {"КАЗАХСТАН"}, {"USA"},
}

// keptTails are place names that end in a country word but are not that
// country: NEW SOUTH WALES keeps WALES.
var keptTails = [][]string{{"NEW", "SOUTH", "WALES"}, {"NEW", "ENGLAND"}}

// Parse splits addr into normalised parts.
func Parse(addr string) Parts {
	s := fold(addr)
	var p Parts
	// The regular expressions run only when the characters they need are
	// there: a normalised address has no "." or "/", so the passes of
	// Normalise after the first cost little.
	if strings.IndexByte(s, '.') >= 0 {
		s = dotted.ReplaceAllString(s, "$1$2$3 ")
	}
	if strings.ContainsAny(s, "0123456789") {
		// The last postcode is the address's (one written earlier is part
		// of a name), and the output puts it last: the next pass takes the
		// same one.
		if all := ukPostcode.FindAllStringSubmatchIndex(s, -1); all != nil {
			m := all[len(all)-1]
			p.Postcode = s[m[2]:m[3]] + s[m[4]:m[5]]
			s = s[:m[0]] + "," + s[m[1]:]
		}
		if strings.Contains(s, "FL") {
			s = ordinalFloor.ReplaceAllString(s, " FLOOR $1 ")
		}
	}
	if strings.IndexByte(s, '/') >= 0 {
		s = hkFloor.ReplaceAllString(s, " FLOOR $1 ")
	}

	nonLatin := hasScript(s, unicode.Cyrillic) || hasScript(s, unicode.Han) || hasScript(s, unicode.Hangul)
	var segs [][]string
	for _, seg := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		if toks := tokens(seg); len(toks) > 0 {
			segs = append(segs, toks)
		}
	}
	// A postcode alone at the start or end when the script says which country.
	if p.Postcode == "" && nonLatin && len(segs) > 0 {
		isPC := func(t string) bool {
			return sixDigits.MatchString(t) || (hasScript(s, unicode.Hangul) && fiveDigits.MatchString(t))
		}
		first, last := segs[0], segs[len(segs)-1]
		switch {
		case isPC(first[0]):
			p.Postcode = first[0]
			segs[0] = first[1:]
		case isPC(last[len(last)-1]):
			p.Postcode = last[len(last)-1]
			segs[len(segs)-1] = last[:len(last)-1]
		}
	}
	if p.Postcode == "" && len(segs) > 0 {
		// An already normalised UK postcode (no space) at the very end.
		last := segs[len(segs)-1]
		if t := last[len(last)-1]; ukWhole.MatchString(t) {
			p.Postcode = t
			segs[len(segs)-1] = last[:len(last)-1]
		}
	}

	var units, floors, rest []string
	for _, seg := range segs {
		out := expandSegment(seg, &units, &floors)
		rest = append(rest, out...)
	}
	rest = dropCountry(rest)
	frontStreetTypes(rest)
	p.Unit = strings.Join(units, "-")
	p.Floor = strings.Join(floors, "-")
	p.Street = strings.Join(rest, " ")
	return p
}

// expandSegment expands one comma-separated segment, taking unit and floor
// designators out into units and floors.
func expandSegment(seg []string, units, floors *[]string) []string {
	var out []string
	for i := 0; i < len(seg); i++ {
		t := seg[i]
		if long, ok := abbrev[t]; ok && !unitWords[t] && !floorWords[t] {
			if words := strings.Fields(long); len(words) > 1 {
				// HK → HONG KONG, NT → NEW TERRITORIES: one token per word,
				// as a second pass over the output would read them, so that
				// the country rule sees them and Normalise is idempotent.
				out = append(out, words[:len(words)-1]...)
				long = words[len(words)-1]
			}
			t = long
		}
		next := ""
		if i+1 < len(seg) {
			next = seg[i+1]
		}
		switch {
		case unitWords[t]:
			// FLAT/RM 1203: skip a marker followed by another marker.
			if unitWords[next] {
				continue
			}
			if isDesignator(next) {
				*units = append(*units, next)
				i++
			}
			continue
		case floorWords[t]:
			if isDesignator(next) {
				*floors = append(*floors, next)
				i++
			} else if n := len(out); n > 0 && isNumber(out[n-1]) {
				*floors = append(*floors, out[n-1])
				out = out[:n-1]
			}
			continue
		case dropWords[t]:
			continue
		}
		if m := compactFloor.FindStringSubmatch(t); m != nil {
			*floors = append(*floors, m[1])
			continue
		}
		out = append(out, t)
	}
	return out
}

// frontStreetTypes moves a Russian street type written after a one-word
// street name ("ТВЕРСКАЯ УЛИЦА 7") in front of it ("УЛИЦА ТВЕРСКАЯ 7"). It
// fires only when the type is followed by a number or ends the address, so
// "УЛИЦА ТВЕРСКАЯ" is left alone and the result is stable.
func frontStreetTypes(out []string) {
	for i := 1; i < len(out); i++ {
		if !ruStreetTypes[out[i]] || ruStreetTypes[out[i-1]] || isNumber(out[i-1]) {
			continue
		}
		if i+1 < len(out) && !isNumber(out[i+1]) {
			continue
		}
		out[i-1], out[i] = out[i], out[i-1]
	}
}

// dropCountry drops country and region words from the end of rest until
// none is left there, keeping at least one token.
func dropCountry(rest []string) []string {
next:
	for {
		for _, k := range keptTails {
			if len(rest) >= len(k) && equalTail(rest, k) {
				return rest
			}
		}
		for _, c := range countryTails {
			if len(rest) > len(c) && equalTail(rest, c) {
				rest = rest[:len(rest)-len(c)]
				continue next
			}
		}
		return rest
	}
}

func equalTail(s, tail []string) bool {
	off := len(s) - len(tail)
	for i, t := range tail {
		if s[off+i] != t {
			return false
		}
	}
	return true
}

// fold applies NFKC, upper-case and Ё→Е.
func fold(s string) string {
	s = norm.NFKC.String(s)
	s = strings.ToUpper(s)
	return strings.ReplaceAll(s, "Ё", "Е")
}

// tokens splits on anything but letters, digits, "№", "&" and hyphens
// between letters or digits.
func tokens(s string) []string {
	rs := []rune(s)
	var out []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			out = append(out, string(cur))
			cur = cur[:0]
		}
	}
	for i, r := range rs {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			cur = append(cur, r)
		case r == '-' && len(cur) > 0 && i+1 < len(rs) && (unicode.IsLetter(rs[i+1]) || unicode.IsDigit(rs[i+1])):
			cur = append(cur, r)
		case r == '№' || r == '&':
			flush()
			out = append(out, string(r))
		default:
			flush()
		}
	}
	flush()
	return out
}

// isDesignator reports whether t can name a unit or floor: it holds a digit
// or is one or two letters (FLAT A, G/F).
func isDesignator(t string) bool {
	if t == "" || unitWords[t] || floorWords[t] {
		return false
	}
	for _, r := range t {
		if unicode.IsDigit(r) {
			return true
		}
	}
	return len([]rune(t)) <= 2
}

func isNumber(t string) bool {
	if t == "" {
		return false
	}
	for _, r := range t {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

func hasScript(s string, tab *unicode.RangeTable) bool {
	for _, r := range s {
		if unicode.Is(tab, r) {
			return true
		}
	}
	return false
}
