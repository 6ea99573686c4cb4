// Package shared finds the workplace's reference and evaluation data
// (../shared/data beside the checkout) for tests and benchmarks.
//
// Evaluation sets are never copied into the repository: tests read them
// where they are and skip, saying so, when they are absent (a checkout
// without the shared folder). CI has them. RESOLVE_SHARED_DATA overrides the
// location.
//
//	path := shared.Path(t, "eval/dev/name_bench_cases.csv")
package shared

import (
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the shared data directory, or "" when it cannot be found: the
// directory RESOLVE_SHARED_DATA names, else ../shared/data beside the
// module root (the directory holding go.mod, found from the working
// directory upwards).
func Dir() string {
	if d := os.Getenv("RESOLVE_SHARED_DATA"); d != "" {
		return d
	}
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			data := filepath.Join(filepath.Dir(d), "shared", "data")
			if _, err := os.Stat(data); err == nil {
				return data
			}
			return ""
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}

// Path returns the path of rel (slash-separated, relative to the shared data
// directory) or skips tb, naming what is missing.
func Path(tb testing.TB, rel string) string {
	tb.Helper()
	d := Dir()
	if d == "" {
		tb.Skipf("shared data not found (../shared/data beside the checkout, or RESOLVE_SHARED_DATA): %s is needed", rel)
	}
	p := filepath.Join(d, filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("shared data %s is absent: %v", rel, err)
	}
	return p
}
