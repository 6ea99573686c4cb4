// Package embedded lets a package that decodes its go:embed data once give
// back the memory pages the encoded copy occupies.
//
// A table embedded compressed (cedict.tsv.gz, cmudict.tsv.gz) is read once,
// when it is decoded into the structures the package searches; after that
// its bytes are never read again, but the pages of the executable that hold
// them stay resident: megabytes counted in the process's resident set
// beside the decoded table. Release drops them.
package embedded

// Release tells the operating system that the encoded data, a go:embed
// string that has been decoded and will not be read again, need not stay in
// memory. On Linux the whole pages inside data are dropped with
// madvise(MADV_DONTNEED), and only when /proc/self/maps shows them in a
// read-only mapping of a file (the executable's read-only data, where
// go:embed puts a string): reading data again later is correct, the kernel
// reads the pages back from the executable. Elsewhere, or for memory of any
// other kind, Release does nothing.
func Release(data string) {
	if len(data) > 0 {
		release(data)
	}
}
