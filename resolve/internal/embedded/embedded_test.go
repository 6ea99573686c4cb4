package embedded

import (
	"crypto/sha256"
	"strings"
	"testing"
)

// pages is a string constant of 16 KiB: the linker puts it in the
// executable's read-only data, where go:embed puts a file, so Release
// drops its whole pages (TestPagesInReadOnlyFile checks where it is).
const (
	b16   = "0123456789abcdef"
	b256  = b16 + b16 + b16 + b16 + b16 + b16 + b16 + b16 + b16 + b16 + b16 + b16 + b16 + b16 + b16 + b16
	b4k   = b256 + b256 + b256 + b256 + b256 + b256 + b256 + b256 + b256 + b256 + b256 + b256 + b256 + b256 + b256 + b256
	pages = b4k + b4k + b4k + b4k
)

// Data released is read back unchanged, whether its pages were dropped
// (read-only data) or left alone (the heap).
func TestRelease(t *testing.T) {
	for name, s := range map[string]string{"read-only data": pages, "heap": strings.Clone(pages)} {
		before := sha256.Sum256([]byte(s))
		Release(s)
		Release(s[1:])
		if sha256.Sum256([]byte(s)) != before {
			t.Fatalf("%s: data changed after Release", name)
		}
	}
	Release("") // empty: nothing
}
