//go:build linux

package embedded

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"syscall"
	"unsafe"
)

func release(data string) {
	page := uintptr(os.Getpagesize())
	p := uintptr(unsafe.Pointer(unsafe.StringData(data)))
	first := (p + page - 1) &^ (page - 1) // first whole page
	last := (p + uintptr(len(data))) &^ (page - 1)
	if last <= first || !readOnlyFile(first, last) {
		return
	}
	b := unsafe.Slice((*byte)(unsafe.Add(unsafe.Pointer(unsafe.StringData(data)), first-p)), last-first)
	_ = syscall.Madvise(b, syscall.MADV_DONTNEED) // advice: nothing to do if it fails
}

// readOnlyFile reports whether [start, end) lies in one mapping of
// /proc/self/maps that is private, not writable and backed by a file.
func readOnlyFile(start, end uintptr) bool {
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		return false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		// 00400000-0080c000 r--p 00000000 fd:01 1234 /path/to/exe
		fields := strings.Fields(sc.Text())
		if len(fields) < 6 {
			continue
		}
		lo, hi, ok := strings.Cut(fields[0], "-")
		if !ok {
			continue
		}
		a, err1 := strconv.ParseUint(lo, 16, 64)
		b, err2 := strconv.ParseUint(hi, 16, 64)
		if err1 != nil || err2 != nil || uint64(start) < a || uint64(start) >= b {
			continue
		}
		perms := fields[1]
		return uint64(end) <= b && len(perms) == 4 && perms[0] == 'r' && perms[1] == '-' && perms[3] == 'p' &&
			fields[4] != "0" && strings.HasPrefix(fields[5], "/")
	}
	return false
}
