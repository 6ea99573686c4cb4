package reconcile

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The specification's schemas, vendored under testdata/schemas/0.2 (see
// testdata/schemas/README.md for their provenance and licence).
const specSchemas = "https://reconciliation-api.github.io/specs/0.2/schemas/"

// swaggerSecurity stands in for the Swagger 2.0 schema's security scheme
// definition that manifest.json refers to for "authentication": the three
// scheme objects of Swagger 2.0 with their required fields. Written for
// these tests; the tests never fetch anything.
const swaggerSecurity = `{
  "definitions": {"securityDefinitions": {"additionalProperties": {
    "oneOf": [
      {"type": "object", "required": ["type"], "properties": {"type": {"enum": ["basic"]}}},
      {"type": "object", "required": ["type", "name", "in"], "properties": {
        "type": {"enum": ["apiKey"]}, "name": {"type": "string"}, "in": {"enum": ["header", "query"]}}},
      {"type": "object", "required": ["type", "flow"], "properties": {"type": {"enum": ["oauth2"]}}}
    ]}}}
}`

// offline loads the vendored files and the stand-in, and refuses any other
// URL, so that compiling never reaches the network.
type offline struct{}

func (offline) Load(url string) (any, error) {
	switch {
	case strings.HasPrefix(url, "http://swagger.io/v2/schema.json"):
		return jsonschema.UnmarshalJSON(strings.NewReader(swaggerSecurity))
	case strings.HasPrefix(url, specSchemas):
		b, err := os.ReadFile(filepath.Join("testdata", "schemas", "0.2", strings.TrimPrefix(url, specSchemas)))
		if err != nil {
			return nil, err
		}
		return jsonschema.UnmarshalJSON(bytes.NewReader(b))
	}
	return nil, fmt.Errorf("schema %s is not vendored (tests never fetch)", url)
}

var (
	schemaOnce sync.Once
	schemaMap  map[string]*jsonschema.Schema
	schemaErr  error
)

// schema returns a compiled schema of the specification by file name.
func schema(t testing.TB, name string) *jsonschema.Schema {
	t.Helper()
	schemaOnce.Do(func() {
		c := jsonschema.NewCompiler()
		c.UseLoader(offline{})
		schemaMap = map[string]*jsonschema.Schema{}
		for _, n := range []string{"manifest.json", "reconciliation-query-batch.json", "reconciliation-result-batch.json",
			"suggest-entities-response.json", "suggest-properties-response.json", "suggest-types-response.json",
			"data-extension-query.json", "data-extension-response.json"} {
			s, err := c.Compile(specSchemas + n)
			if err != nil {
				schemaErr = fmt.Errorf("compile %s: %w", n, err)
				return
			}
			schemaMap[n] = s
		}
	})
	if schemaErr != nil {
		t.Fatal(schemaErr)
	}
	s, ok := schemaMap[name]
	if !ok {
		t.Fatalf("no schema %s", name)
	}
	return s
}

// valid fails the test unless body is valid under the named schema.
func valid(t testing.TB, name string, body []byte) {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("%s: not JSON: %v\n%s", name, err, body)
	}
	if err := schema(t, name).Validate(v); err != nil {
		t.Fatalf("response not valid under %s: %v\n%s", name, err, body)
	}
}

// invalid fails the test if body is valid under the named schema (the
// schemas must be able to fail).
func invalid(t testing.TB, name string, body []byte) {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if schema(t, name).Validate(v) == nil {
		t.Fatalf("%s accepted what it should refuse:\n%s", name, body)
	}
}

func TestSchemasRefuseWhatTheSpecRefuses(t *testing.T) {
	invalid(t, "manifest.json", []byte(`{"versions":["0.1"],"name":"x","identifierSpace":"a","schemaSpace":"b"}`))
	invalid(t, "manifest.json", []byte(`{"versions":["0.2"],"name":"x","identifierSpace":"a","schemaSpace":"b","authentication":{"type":"bearer"}}`))
	invalid(t, "reconciliation-result-batch.json", []byte(`{"q0":{"result":[{"id":"C1","name":"x"}]}}`))
	invalid(t, "reconciliation-query-batch.json", []byte(`{"q0":{"queri":"x"}}`))
	invalid(t, "data-extension-response.json", []byte(`{"meta":[],"rows":{"C1":{"risk_score":[{"float":"high"}]}}}`))
	invalid(t, "suggest-entities-response.json", []byte(`{"result":[{"id":"C1"}]}`))
}
