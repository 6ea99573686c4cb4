package embedded

import (
	"crypto/sha256"
	_ "embed"
	"strings"
	"testing"
)

//go:embed embedded.go
var source string

// big is a constant of several pages in the read-only data.
const big = "0123456789abcdef" + "0123456789abcdef" + "0123456789abcdef" + "0123456789abcdef"

// Data released is read back unchanged; memory that is not a read-only
// file mapping is left alone.
func TestRelease(t *testing.T) {
	long := strings.Repeat(big, 2048) // 128 KiB on the heap
	for name, s := range map[string]string{"embedded": source, "heap": long} {
		before := sha256.Sum256([]byte(s))
		Release(s)
		Release(s[1:])
		if sha256.Sum256([]byte(s)) != before {
			t.Fatalf("%s: data changed after Release", name)
		}
	}
	heap := []byte(long)
	Release(string(heap[:0])) // empty: nothing
	p := strings.Clone(long)
	Release(p)
	if p != long {
		t.Fatal("heap string zeroed by Release")
	}
}
