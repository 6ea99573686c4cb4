package bulk

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/resolve-tool/resolve/verify"
)

// OpenDART corp-code list: GET https://opendart.fss.or.kr/api/corpCode.xml?crtfc_key=...
// returns a ZIP holding CORPCODE.xml:
// <result><list><corp_code/><corp_name/><corp_eng_name/><stock_code/><modify_date/></list>...</result>
// (about 100,000 DART filers). Indexing it lets the opendart adapter map a
// name to a corp_code locally and then call company.json per match.

type corpCodeEntry struct {
	Code    string `xml:"corp_code"`
	Name    string `xml:"corp_name"`
	EngName string `xml:"corp_eng_name"`
	Stock   string `xml:"stock_code"`
}

func parseCorpCode(ctx context.Context, files []member, emit emitFunc) error {
	for _, m := range files {
		if err := parseCorpCodeFile(m, emit); err != nil {
			return err
		}
	}
	return nil
}

func parseCorpCodeFile(m member, emit emitFunc) error {
	rc, err := m.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	dec := xml.NewDecoder(rc)
	n := 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			line, _ := dec.InputPos()
			return fmt.Errorf("%s: line %d: %w", m.Path, line, err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "list" {
			continue
		}
		var e corpCodeEntry
		if err := dec.DecodeElement(&e, &se); err != nil {
			line, _ := dec.InputPos()
			return fmt.Errorf("%s: line %d: %w", m.Path, line, err)
		}
		n++
		if err := emit(corpCodeRecord(e)); err != nil {
			return err
		}
	}
	if n == 0 {
		return fmt.Errorf("%s: no <list> entries: is this CORPCODE.xml?", m.Path)
	}
	return nil
}

func corpCodeRecord(e corpCodeEntry) *verify.Record {
	code, name := strings.TrimSpace(e.Code), strings.TrimSpace(e.Name)
	if code == "" || name == "" {
		return nil
	}
	r := &verify.Record{ID: code, Name: name, Jurisdiction: "KR", Status: verify.StatusUnknown,
		Identifiers: []verify.Identifier{{Scheme: "dart_corp_code", Value: code}}}
	if en := strings.TrimSpace(e.EngName); en != "" && en != name {
		r.OtherNames = []string{en}
	}
	if s := strings.TrimSpace(e.Stock); s != "" {
		r.Identifiers = append(r.Identifiers, verify.Identifier{Scheme: "krx_stock_code", Value: s})
	}
	return r
}
