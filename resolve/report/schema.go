package report

//go:generate go run ./internal/genschema

import (
	"encoding/json"
	"fmt"
	"reflect"

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
		// Columns is, in JSON, the object of strings a map would be.
		Mapper: func(t reflect.Type) *jsonschema.Schema {
			if t == reflect.TypeFor[Columns]() {
				return &jsonschema.Schema{Type: "object", AdditionalProperties: &jsonschema.Schema{Type: "string"}}
			}
			return nil
		},
	}
	// Field comments become descriptions when run from this directory (go generate).
	_ = r.AddGoComments("github.com/resolve-tool/resolve/resolve/report", "./")
	s := r.Reflect(&Report{})
	s.ID = "https://github.com/resolve-tool/resolve/resolve/report/schema.json"
	s.Title = "resolve report"
	s.Description = fmt.Sprintf("Report written by resolve; schema_version %d.", SchemaVersion)
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// Severities are the closed set of Flag.Severity, strongest first.
var Severities = []string{"high", "medium", "low"}

// JSONSchemaExtend closes the keys of flags_by_severity to the severities
// (the severity field itself is closed by its enum tag).
func (Summary) JSONSchemaExtend(s *jsonschema.Schema) {
	if p, ok := s.Properties.Get("flags_by_severity"); ok && p != nil {
		names := &jsonschema.Schema{Type: "string"}
		for _, v := range Severities {
			names.Enum = append(names.Enum, v)
		}
		p.PropertyNames = names
	}
}
