package report

//go:generate go run ./internal/genschema

import (
	"encoding/json"

	"github.com/invopop/jsonschema"
)

// GenerateSchema derives the JSON Schema of Report from the Go types, so the
// published schema.json cannot drift from what the tool writes
// (TestSchemaUpToDate fails when schema.json is stale).
func GenerateSchema() ([]byte, error) {
	r := &jsonschema.Reflector{
		// Fields without omitempty are required; others optional.
		RequiredFromJSONSchemaTags: false,
		AllowAdditionalProperties:  false,
		DoNotReference:             false,
	}
	// Field comments become descriptions when run from this directory (go generate).
	_ = r.AddGoComments("github.com/resolve-tool/resolve/resolve/report", "./")
	s := r.Reflect(&Report{})
	s.ID = "https://github.com/resolve-tool/resolve/resolve/report/schema.json"
	s.Title = "resolve report"
	s.Description = "Report written by resolve; schema_version 1."
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
