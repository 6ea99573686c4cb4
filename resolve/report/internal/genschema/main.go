// Command genschema writes schema.json, the JSON Schema of report.Report,
// from the Go types. Run with `go generate ./resolve/report`.
package main

import (
	"fmt"
	"os"

	"github.com/resolve-tool/resolve/resolve/report"
)

func main() {
	b, err := report.GenerateSchema()
	if err != nil {
		fmt.Fprintln(os.Stderr, "genschema:", err)
		os.Exit(1)
	}
	if err := os.WriteFile("schema.json", b, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "genschema:", err)
		os.Exit(1)
	}
}
