package embedded

import (
	"os"
	"strings"
	"testing"
	"unsafe"
)

// The constant of TestRelease lies in a read-only mapping of the test
// executable, so that Release drops its pages there; a heap copy does not.
func TestPagesInReadOnlyFile(t *testing.T) {
	page := uintptr(os.Getpagesize())
	span := func(s string) (uintptr, uintptr) {
		p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		return (p + page - 1) &^ (page - 1), (p + uintptr(len(s))) &^ (page - 1)
	}
	if first, last := span(pages); last <= first || !readOnlyFile(first, last) {
		t.Errorf("the constant's pages [%#x, %#x) are not a read-only file mapping", first, last)
	}
	if first, last := span(strings.Clone(pages)); last > first && readOnlyFile(first, last) {
		t.Errorf("heap pages [%#x, %#x) taken for a read-only file mapping", first, last)
	}
}
