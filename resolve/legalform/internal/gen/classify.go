package main

import "strings"

// countryCode maps an English country name (as the ELF list spells it) to its
// ISO code; filled by loadELF and used for cleanco's by-country table.
var countryCode = map[string]string{}

// classKeywords are tried in order; the first class whose keyword occurs in
// any folded name or abbreviation of a row wins. Partnerships and
// cooperatives come first so "limited liability partnership" is a partnership.
var classKeywords = []struct {
	class string
	words []string
}{
	{"freezone", []string{"free zone", "freezone", "fze", "fzco"}},
	{"coop", []string{"cooperat", "kooperat", "genossenschaft", "andelslag", "osuuskunta", "spoldzielni", "zadrug", "druzstv",
		"szovetkezet", "кооператив", "coopera", "cooperatie", "ühistu", "uhistu", "合作社", "협동조합", "協同組合", "kooperatif"}},
	{"sole", []string{"sole proprietor", "sole trader", "einzel", "individual entrepreneur", "entrepreneur individuel", "entreprise individuelle",
		"predprinimatel", "предпринимател", "підприєм", "eenmanszaak", "empresario individual", "enskild", "elinkeinonharjoittaja",
		"个体", "個體", "개인사업", "eirl", "empresa individual", "sole proprietorship", "ditta individuale", "yksityinen", "fuusilisest",
		"füüsilisest", "preduzetnik", "предузетник", "едноличен търговец", "samostojni podjetnik", "şahıs", "sahis", "xususiy tadbirkor"}},
	{"partnership", []string{"partnership", "partnerschaft", "kommandit", "commandit", "komandit", "comandit", "accomandita", "collectif",
		"nom collectif", "nome collettivo", "nombre colectivo", "nome colectivo", "nome coletivo", "offene handels", "handelsbolag",
		"interessentskab", "ansvarlig selskap", "avoin yhtio", "avoin yhtiö", "jawna", "partnersk", "verejna obchodni", "veřejná obchodní",
		"beteti", "betéti", "kozkereseti", "közkereseti", "товарищество на вере", "полное товарищество", "合伙", "合夥", "합명", "합자",
		"合名", "合資", "vennootschap onder firma", "maatschap", "gesellschaft burgerlichen", "gesellschaft bürgerlichen", "sociedad colectiva",
		"sociedade em nome", "general partner", "limited partner", "ortaklık", "ortaklik", "kolektif", "societate in nume colectiv",
		"societate în nume colectiv", "družba z neomejeno", "druzba z neomejeno"}},
	// Before state: a unitary enterprise is a state one, but a kind that no
	// company with shares is (see legalform.Unitary).
	{"unitary", []string{"unitary", "унитарн", "unitarn", "kazenn", "казенн", "казённ"}},
	{"state", []string{"state enterprise", "state-owned", "state owned", "state company", "государствен",
		"державн", "public enterprise", "entreprise publique", "etablissement public",
		"établissement public", "empresa publica", "empresa pública", "empresa estatal", "sociedad del estado", "ente pubblico",
		"国有", "國有", "国营", "państwow", "panstwow", "allami", "állami", "statni podnik", "státní podnik", "statsforetak", "valtion liikelaitos",
		"government company", "government-owned", "public sector", "kamu iktisadi", "devlet"}},
	{"nonprofit", []string{"foundation", "stiftung", "stiftelse", "stichting", "fondation", "fundacion", "fundación", "fundacao", "fundação",
		"fondazione", "association", "verein", "asociacion", "asociación", "associacao", "associação", "associazione", "vereniging",
		"charit", "non-profit", "nonprofit", "non profit", "not for profit", "non-commercial", "некоммерческ", "благотворител",
		"общественн", "фонд", "учрежден", "ассоциац", "union", "religio", "church", "kirche", "party", "partei", "partido",
		"syndicat", "sindicato", "trade union", "基金会", "財団", "재단", "사단", "社团", "社團", "協会", "협회", "e.v.", "asbl", "vzw",
		"gemeinnützig", "gemeinnutzig", "foreningen", "forening", "säätiö", "saatio", "yhdistys", "fundacja", "stowarzyszenie",
		"nadace", "nadácia", "nadacia", "spolek", "egyesület", "egyesulet", "alapítvány", "alapitvany", "vakıf", "vakif", "dernek"}},
	{"jsc", []string{"joint stock", "joint-stock", "aktien", "akcyjn", "akciov", "akcion", "aktsion", "акционер", "акціонер", "акцыянер",
		"anonim", "anonym", "anónima", "anonima", "anonyme", "anônima", "naamloze", "per azioni", "por acciones", "por ações", "por acoes",
		"public limited", "public company", "share company", "stock company", "aktieselskab", "aksjeselskap", "aktiebolag", "osakeyhtiö",
		"osakeyhtio", "aktsiaselts", "akciju sabiedr", "akcinė bendrovė", "akcine bendrove", "reszvenytarsasag", "részvénytársaság",
		"dionicko", "dioničko", "delniska", "delniška", "akcionarsko", "societas europaea", "european company", "株式", "주식", "股份",
		"berhad", "terbuka", "sehmdar", "səhmdar", "aksionerlik", "aktsiadorlik", "hlutafélag", "hlutafelag", "sahami", "corporation"}},
	{"llc", []string{"limited liability", "responsabilidad limitada", "responsabilite limitee", "responsabilité limitée", "responsabilita limitata",
		"responsabilità limitata", "responsabilidade limitada", "beschrankter haftung", "beschränkter haftung", "ограниченной ответственност",
		"обмеженою відповідальністю", "ограничена отговорност", "ограниченом одговорношћу", "ograniczon", "rucenim omezenym", "ručením omezeným",
		"rucenim obmedzenym", "ručením obmedzeným", "korlatolt felelossegu", "korlátolt felelősségű", "omejeno odgovornostjo",
		"ogranicenom odgovornos", "ograničenom odgovornoš", "besloten vennootschap", "private limited", "limited company", "limitada",
		"limited", "osauhing", "osaühing", "ierobezotu atbildibu", "ierobežotu atbildību", "ribotos atsakomybes", "ribotos atsakomybės",
		"anpartsselskab", "有限", "유한", "sendirian", "perseroan terbatas", "private company", "proprietary", "gmbh", "sarl", "s.r.l",
		"s.r.o", "d.o.o", "mchj", "məhdud", "mehdud", "mas'uliyati cheklangan", "sorumlu", "şirketi", "sirketi", "yhtiö", "yhtio"}},
	{"company", []string{"company", "société", "societe", "sociedad", "sociedade", "società", "societa", "gesellschaft", "selskab",
		"selskap", "bolag", "spolka", "spółka", "spolecnost", "společnost", "tarsasag", "társaság", "общество", "компани",
		"kaisha", "会社", "公司", "회사", "vennootschap", "societate", "drustvo", "društvo", "дружество", "друштво", "bendrove", "bendrovė",
		"sabiedriba", "sabiedrība", "perseroan", "şirket", "sirket", "incorporated", "corp", "inc", "ltd", "plc", "llc"}},
}

// classify returns the class of a row from its names and abbreviations, or
// "" when no keyword fits (such rows are left out of the table unless the
// curated list claims one of their spellings).
func classify(texts []string) string {
	var folded []string
	for _, t := range texts {
		if t == "" {
			continue
		}
		f := fold(t)
		folded = append(folded, f, stripLatinMarks(f))
	}
	for _, ck := range classKeywords {
		for _, f := range folded {
			for _, w := range ck.words {
				if strings.Contains(f, w) {
					if ck.class == "unitary" && privateUnitary(folded) {
						return "llc"
					}
					return ck.class
				}
			}
		}
	}
	return ""
}

// privateUnitary reports whether a unitary enterprise's texts say it is
// private (Belarus's частное унитарное предприятие): a company with one
// owner, which a limited company may be, as the curated ЧУП is.
func privateUnitary(folded []string) bool {
	for _, f := range folded {
		for _, w := range []string{"chastn", "частн", "private", "pryvatn", "прыватн", "приватн"} {
			if strings.Contains(f, w) {
				return true
			}
		}
	}
	return false
}
