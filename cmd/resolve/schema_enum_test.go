package main

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/resolve-tool/resolve/resolve/report"
	"github.com/resolve-tool/resolve/verify"
	"github.com/resolve-tool/resolve/verify/flags"
	"github.com/resolve-tool/resolve/verify/web"
)

// The enums of schema.json hold every value the verify packages can put in
// a report: a status added there without its enum fails here before it
// fails a user's validation. (report is a leaf and cannot import them.)
func TestSchemaEnumsCoverProducers(t *testing.T) {
	var doc struct {
		Defs map[string]struct {
			Properties map[string]struct {
				Enum []any `json:"enum"`
			} `json:"properties"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(report.SchemaJSON, &doc); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		def, prop string
		values    []string
	}{
		{"Coverage", "status", []string{string(verify.Found), string(verify.NotFound), string(verify.Skipped), string(verify.Failed)}},
		{"Flag", "severity", []string{string(flags.High), string(flags.Medium), string(flags.Low)}},
		{"Risk", "outcome", []string{flags.OutcomeNone, flags.OutcomePresent}},
		{"Record", "status", []string{string(verify.StatusActive), string(verify.StatusInactive), string(verify.StatusDissolved),
			string(verify.StatusStruckOff), string(verify.StatusLiquidation), string(verify.StatusUnknown), string(verify.StatusStrikeOffProposed)}},
		{"WebSite", "status", []string{string(web.StatusOK), string(web.StatusNoDNS), string(web.StatusUnreachable), string(web.StatusTLSError),
			string(web.StatusHTTPError), string(web.StatusParked), string(web.StatusBlocked), string(web.StatusRobotsDisallow),
			string(web.StatusTimeout), string(web.StatusSkipped)}},
	} {
		enum := doc.Defs[c.def].Properties[c.prop].Enum
		for _, v := range c.values {
			if !slices.Contains(enum, any(v)) {
				t.Errorf("schema.json %s.%s enum %v lacks %q", c.def, c.prop, enum, v)
			}
		}
	}
}
