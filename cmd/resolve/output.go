package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gofrs/flock"

	"github.com/resolve-tool/resolve/resolve/report"
)

// writeAtomic writes what write produces to path, according to what is there:
//
//   - "" or "-": stdout.
//   - A device, a named pipe or a socket, or a symbolic link to one, and the
//     name of an open descriptor (/dev/stdout, /dev/fd/N, /proc/self/fd/N):
//     opened and written directly, as a shell redirection would (a regular
//     file behind /dev/stdout is appended to). There is nothing to rename.
//   - A regular file, or a name where nothing is yet: written to a
//     temporary file in the same directory and renamed over it at the end,
//     so an interrupted or failed run leaves the old file as it was. A
//     symbolic link is followed and the file it points to is replaced; the
//     link stays a link. An existing file keeps its permission bits (and its
//     owner and group where the user may set them) and must be writable, as
//     for a shell redirection; a new one gets 0644 less the umask.
//   - A directory: a usage error.
//
// Temporaries are named .<name>.resolve-tmp-<random> and locked (flock)
// while they are written. Before it creates its own, a write removes the
// temporaries of its target that nobody holds: those of a run that was
// killed (SIGKILL, power loss) while writing.
func writeAtomic(ctx context.Context, path string, stdout io.Writer, write func(io.Writer) error) error {
	return writeAtomicAfter(ctx, path, stdout, write, nil)
}

// writeAtomicAfter is writeAtomic where the output may only appear once
// ready (if not nil) returns nil: a regular file is written to its
// temporary while ready works and renamed over path only after it succeeded
// (an error of ready removes the temporary, leaves path as it was and is
// returned); stdout and streams, which cannot be taken back, are written
// only after ready succeeded. ready is called at most once: not when the
// write fails before it is needed.
func writeAtomicAfter(ctx context.Context, path string, stdout io.Writer, write func(io.Writer) error, ready func() error) error {
	if ready == nil {
		ready = func() error { return nil }
	}
	if path == "" || path == "-" {
		if err := ready(); err != nil {
			return err
		}
		return writeTo(stdout, write)
	}
	dst, fi, err := outputTarget(path)
	if err != nil {
		return err
	}
	var flag int // of a stream, which is written in place
	switch {
	case fi != nil && fi.IsDir():
		return usageErr("give --out a file name, or - for standard output", "write report: %s is a directory", path)
	case fi != nil && !fi.Mode().IsRegular():
		flag = os.O_WRONLY
	case fi != nil && isSpecialPath(path):
		flag = os.O_WRONLY | os.O_APPEND
	default:
		return replaceFile(ctx, dst, fi, write, ready)
	}
	if err := ready(); err != nil {
		return err
	}
	return writeStream(ctx, path, flag, write)
}

func writeTo(w io.Writer, write func(io.Writer) error) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	if err := write(bw); err != nil {
		return err
	}
	return bw.Flush()
}

// outputTarget says what path names: the file a write replaces (symbolic
// links followed) and its FileInfo, nil when there is none yet.
func outputTarget(path string) (string, fs.FileInfo, error) {
	fi, err := os.Stat(path)
	switch {
	case err == nil && fi.Mode().IsRegular():
		resolved, err := filepath.EvalSymlinks(path)
		if err != nil {
			return "", nil, fmt.Errorf("write report %s: %w", path, err)
		}
		return resolved, fi, nil
	case err == nil:
		return path, fi, nil
	case !errors.Is(err, fs.ErrNotExist):
		return "", nil, fmt.Errorf("write report %s: %w", path, err)
	}
	// Nothing there, or a symbolic link to a file yet to be made: follow
	// the links to the name to create.
	p := path
	for hops := 0; ; hops++ {
		li, err := os.Lstat(p)
		if err != nil || li.Mode()&fs.ModeSymlink == 0 {
			break
		}
		if hops == 40 {
			return "", nil, fmt.Errorf("write report %s: too many levels of symbolic links", path)
		}
		to, err := os.Readlink(p)
		if err != nil {
			return "", nil, fmt.Errorf("write report %s: %w", path, err)
		}
		if !filepath.IsAbs(to) {
			// Not cleaned: ".." after a linked directory is for the
			// system to resolve.
			to = parentDir(p) + string(os.PathSeparator) + to
		}
		p = to
	}
	// The directory resolved, so that cleaning the path cannot move it. A
	// missing directory fails when the temporary file is made.
	if dir, err := filepath.EvalSymlinks(parentDir(p)); err == nil {
		p = filepath.Join(dir, filepath.Base(p))
	}
	return p, nil, nil
}

// parentDir is the directory part of p, not cleaned ("a/b/.." stays).
func parentDir(p string) string {
	i := len(p) - 1
	for i >= 0 && !os.IsPathSeparator(p[i]) {
		i--
	}
	switch {
	case i < 0:
		return "."
	case i == 0:
		return p[:1]
	}
	return p[:i]
}

// isSpecialPath reports whether path names an open file descriptor
// (/dev/stdout, /dev/stderr, /dev/fd/N, /proc/PID/fd/N): a regular file seen
// there is a shell's redirection, written through, never replaced.
func isSpecialPath(path string) bool {
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	switch {
	case abs == "/dev/stdout", abs == "/dev/stderr", strings.HasPrefix(abs, "/dev/fd/"):
		return true
	case strings.HasPrefix(abs, "/proc/"):
		parts := strings.Split(abs, "/") // "", "proc", PID or "self", "fd", N
		return len(parts) == 5 && parts[3] == "fd"
	}
	return false
}

// writeStream opens path and writes to it directly. Opening a named pipe
// waits for a reader; an interrupt stops the wait.
func writeStream(ctx context.Context, path string, flag int, write func(io.Writer) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	type opened struct {
		f   *os.File
		err error
	}
	ch := make(chan opened, 1)
	go func() {
		f, err := os.OpenFile(path, flag, 0)
		ch <- opened{f, err}
	}()
	var o opened
	select {
	case o = <-ch:
	case <-ctx.Done():
		go func() {
			if o := <-ch; o.f != nil {
				o.f.Close()
			}
		}()
		return ctx.Err()
	}
	if o.err != nil {
		return fmt.Errorf("write report: %w", o.err)
	}
	err := writeTo(o.f, write)
	if cerr := o.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write report %s: %w", path, err)
	}
	return nil
}

// replaceFile writes to a temporary file beside dst and renames it over dst
// (see writeAtomic) once ready succeeded; fi describes the file at dst, nil
// when there is none.
func replaceFile(ctx context.Context, dst string, fi fs.FileInfo, write func(io.Writer) error, ready func() error) error {
	if fi != nil {
		// Refuse what a shell redirection would refuse: a file the user may
		// not write (made read-only to keep it).
		f, err := os.OpenFile(dst, os.O_WRONLY, 0)
		if err != nil {
			return fmt.Errorf("write report: %w", err)
		}
		f.Close()
	}
	dir, base := filepath.Split(dst)
	if dir == "" {
		dir = "."
	}
	removeStaleTemps(dir, base)
	tmp, lock, err := createTemp(dir, base)
	if err != nil {
		return fmt.Errorf("write report %s: create a temporary file beside it: %w", dst, err)
	}
	// Created 0644 less the umask: the mode of a new report. Private while
	// it is written, since the report it replaces may be private.
	mode := fs.FileMode(0o600)
	if st, err := tmp.Stat(); err == nil {
		mode = st.Mode().Perm()
	}
	_ = tmp.Chmod(0o600)
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
		if lock != nil {
			lock.Close()
		}
	}()
	bw := bufio.NewWriterSize(tmp, 1<<16)
	if err := write(bw); err != nil {
		return fmt.Errorf("write report %s: %w", dst, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write report %s: %w", dst, err)
	}
	if fi != nil {
		keepOwner(tmp, fi)
		mode = fi.Mode().Perm()
	}
	// Errors only where the file system has no modes to set (FAT, some
	// network shares); the rename still goes ahead, as it always did.
	_ = tmp.Chmod(mode)
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("write report %s: %w", dst, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write report %s: %w", dst, err)
	}
	if err := ready(); err != nil {
		return err // the temporary file is removed, dst untouched
	}
	if err := ctx.Err(); err != nil {
		return err // interrupted: the temporary file is removed, dst untouched
	}
	if err := os.Rename(tmp.Name(), dst); err != nil {
		return fmt.Errorf("write report %s: %w", dst, err)
	}
	done = true
	return nil
}

// tmpMarker names the temporaries of writeAtomic: .<name>.resolve-tmp-<random>.
const tmpMarker = ".resolve-tmp-"

// tmpPrefix is the name of dst's temporaries before the random part; long
// names are cut so that the temporary's name stays within NAME_MAX.
func tmpPrefix(base string) string {
	if len(base) > 200 {
		base = strings.ToValidUTF8(base[:200], "")
	}
	return "." + base + tmpMarker
}

// createTemp creates a new temporary file for base in dir, 0644 less the
// umask, and locks it. The lock is nil where locks are not supported (or,
// on Windows, not needed: a file open for writing cannot be removed there).
func createTemp(dir, base string) (*os.File, *flock.Flock, error) {
	for range 100 {
		name := filepath.Join(dir, tmpPrefix(base)+strconv.FormatUint(rand.Uint64(), 36))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, nil, err
		}
		if runtime.GOOS == "windows" {
			return f, nil, nil
		}
		lock := flock.New(name, flock.SetFlag(os.O_RDONLY))
		ok, err := lock.TryLock()
		if errors.Is(err, fs.ErrNotExist) {
			f.Close() // removed by another run that took it for a stale one
			continue
		}
		if err != nil {
			return f, nil, nil // no locks on this file system: stale temporaries of it stay
		}
		if ok && sameFile(f, name) {
			return f, lock, nil
		}
		// Another run, cleaning up, took it for a stale temporary between
		// the create and the lock: it removes it; make another.
		lock.Close()
		f.Close()
	}
	return nil, nil, errors.New("cannot create a temporary file")
}

func sameFile(f *os.File, name string) bool {
	a, err1 := f.Stat()
	b, err2 := os.Stat(name)
	return err1 == nil && err2 == nil && os.SameFile(a, b)
}

// legacyTempAge: temporaries of earlier versions (.<name>.tmp-<digits>, not
// locked) are removed once nothing has written to them for this long.
const legacyTempAge = time.Hour

// removeStaleTemps removes the temporaries of base in dir that no live
// write holds: left by a run that was killed while writing. Errors are
// ignored; a temporary that cannot be checked stays.
func removeStaleTemps(dir, base string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	prefix, legacy := tmpPrefix(base), "."+base+".tmp-"
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() {
			continue
		}
		p := filepath.Join(dir, name)
		switch {
		case strings.HasPrefix(name, prefix):
			if runtime.GOOS == "windows" {
				os.Remove(p) // fails while the writer has it open
				continue
			}
			lock := flock.New(p, flock.SetFlag(os.O_RDONLY))
			if ok, err := lock.TryLock(); err == nil && ok {
				os.Remove(p)
			}
			lock.Close()
		case strings.HasPrefix(name, legacy) && isDigits(name[len(legacy):]):
			if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > legacyTempAge {
				os.Remove(p)
			}
		}
	}
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// keepOwner gives the temporary f the owner and group of the file it
// replaces, where the user may (root; or the group, if it is one of theirs).
func keepOwner(f *os.File, fi fs.FileInfo) {
	if uid, gid, ok := owner(fi); ok && (uid != os.Getuid() || gid != os.Getgid()) {
		if f.Chown(uid, gid) != nil {
			_ = f.Chown(-1, gid)
		}
	}
}

// owner reads the user and group IDs of a file on Unix (syscall.Stat_t's
// Uid and Gid), without naming the type, which Windows lacks.
func owner(fi fs.FileInfo) (uid, gid int, ok bool) {
	v := reflect.ValueOf(fi.Sys())
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return 0, 0, false
	}
	u, g := v.Elem().FieldByName("Uid"), v.Elem().FieldByName("Gid")
	if !u.IsValid() || !g.IsValid() || !u.CanUint() || !g.CanUint() {
		return 0, 0, false
	}
	return int(u.Uint()), int(g.Uint()), true
}

// encode writes r in one of the output formats. JSON and JSON lines are
// written a value at a time (see encodeJSON), never as one buffer of the
// whole report. Coverage is said once per run first (schema version 2:
// report.CompactCoverage), in every format.
func encode(w io.Writer, format string, r *report.Report) error {
	r.CompactCoverage()
	switch format {
	case "json":
		return encodeJSON(w, r)
	case "jsonl":
		return encodeJSONL(w, r)
	}
	return renderFormat(w, format, r)
}

// encodeJSON writes r as indented JSON, byte for byte what
// json.Encoder with SetIndent("", "  ") and SetEscapeHTML(false) writes for
// the whole report, without holding it: the encoder marshals the whole value
// into one buffer and indents it into a second (2–3 GB at a million names),
// while this writes the top-level object's fields one at a time, in the
// order and with the omitempty rule of report.Report's tags, and the
// elements of its lists (clusters, rejected and ignored rows) one at a
// time, each marshalled and indented at its depth in a reused buffer.
func encodeJSON(w io.Writer, r *report.Report) error {
	jw := newJSONWriter(w)
	v := reflect.ValueOf(r).Elem()
	jw.raw("{")
	first := true
	for _, f := range reportFields() {
		fv := v.Field(f.index)
		if f.omitEmpty && emptyJSON(fv) || f.omitZero && fv.IsZero() {
			continue
		}
		if !first {
			jw.raw(",")
		}
		first = false
		jw.raw("\n  ")
		jw.raw(f.key)
		jw.raw(": ")
		if fv.Kind() == reflect.Slice && fv.Len() > 0 {
			jw.raw("[")
			jw.list(fv)
			jw.raw("\n  ]")
			continue
		}
		jw.value(fv.Addr().Interface(), 1)
	}
	jw.raw("\n}\n")
	return jw.err
}

// reportField is a field of report.Report as encoding/json sees it.
type reportField struct {
	index               int
	key                 string // the quoted JSON name
	omitEmpty, omitZero bool
}

// reportFields lists report.Report's fields in declaration order, the order
// encoding/json writes them, with their JSON names and omitempty and
// omitzero options.
var reportFields = sync.OnceValue(func() []reportField {
	t := reflect.TypeFor[report.Report]()
	var out []reportField
	for i := range t.NumField() {
		sf := t.Field(i)
		tag := sf.Tag.Get("json")
		if !sf.IsExported() || tag == "-" {
			continue
		}
		if sf.Anonymous {
			panic("encodeJSON: embedded field " + sf.Name + " in report.Report is not supported")
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" {
			name = sf.Name
		}
		key, _ := json.Marshal(name)
		o := strings.Split(opts, ",")
		out = append(out, reportField{index: i, key: string(key), omitEmpty: slices.Contains(o, "omitempty"), omitZero: slices.Contains(o, "omitzero")})
	}
	return out
})

// emptyJSON is encoding/json's omitempty test.
func emptyJSON(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool:
		return !v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() == 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() == 0
	case reflect.Float32, reflect.Float64:
		return v.Float() == 0
	case reflect.Interface, reflect.Pointer:
		return v.IsNil()
	}
	return false
}

// jsonWriter writes JSON values one at a time, each indented for the depth
// it sits at, through a buffer reused from value to value. Its first error
// sticks.
type jsonWriter struct {
	w   io.Writer
	buf bytes.Buffer
	enc [2]*json.Encoder // by depth: prefixes "", "  " (lists' elements: listEncoder)
	err error
}

func newJSONWriter(w io.Writer) *jsonWriter {
	jw := &jsonWriter{w: w}
	for depth := range jw.enc {
		e := json.NewEncoder(&jw.buf)
		e.SetIndent(strings.Repeat("  ", depth), "  ")
		e.SetEscapeHTML(false)
		jw.enc[depth] = e
	}
	return jw
}

func (jw *jsonWriter) raw(s string) {
	if jw.err == nil {
		_, jw.err = io.WriteString(jw.w, s)
	}
}

// value writes v (without the newline an Encoder adds) as it reads at depth.
func (jw *jsonWriter) value(v any, depth int) {
	if jw.err != nil {
		return
	}
	jw.buf.Reset()
	if jw.err = jw.enc[depth].Encode(v); jw.err != nil {
		return
	}
	b := bytes.TrimSuffix(jw.buf.Bytes(), []byte("\n"))
	_, jw.err = jw.w.Write(b)
	if jw.buf.Cap() > 1<<20 {
		jw.buf = bytes.Buffer{} // one huge cluster does not pin its buffer for the rest
	}
}

// listChunk is how many elements of a list a worker of jsonWriter.list
// encodes at a time: a few hundred clusters, a MB or two of JSON.
const listChunk = 256

// list writes the elements of the slice fv, each at depth 2 after ",\n    "
// (the first without the comma). They are encoded on every CPU, a chunk of
// listChunk consecutive elements per worker, a round of chunks at a time,
// and written in order: the bytes are those of one encoder going through
// them, in a third of the time on two CPUs (at a million names, writing the
// clusters one by one took 12 s, nearly all of it encoding/json).
func (jw *jsonWriter) list(fv reflect.Value) {
	n := fv.Len()
	workers := max(1, min(runtime.GOMAXPROCS(0), (n+listChunk-1)/listChunk))
	chunks := make([]listEncoder, workers)
	for w := range chunks {
		chunks[w].init()
	}
	for round := 0; round < n && jw.err == nil; round += workers * listChunk {
		var wg sync.WaitGroup
		for w := range chunks {
			lo := round + w*listChunk
			hi := min(n, lo+listChunk)
			chunks[w].out.Reset()
			if lo < hi {
				wg.Go(func() { chunks[w].encode(fv, lo, hi) })
			}
		}
		wg.Wait()
		for w := range chunks {
			if jw.err == nil {
				jw.err = chunks[w].err
			}
			if jw.err == nil {
				_, jw.err = jw.w.Write(chunks[w].out.Bytes())
			}
			if chunks[w].out.Cap() > 16<<20 {
				chunks[w].out = bytes.Buffer{} // a chunk of huge clusters does not pin its buffer for the rest
			}
		}
	}
}

// listEncoder is a worker of jsonWriter.list: it encodes elements of a list
// as jsonWriter.value does at depth 2, with their separators, into out. The
// elements are marshalled compact and indented by appendIndented (the
// encoder's own indentation validated every byte again with its scanner:
// 8 s of CPU for the clusters of a million names).
type listEncoder struct {
	out, buf bytes.Buffer
	enc      *json.Encoder
	err      error
}

func (e *listEncoder) init() {
	e.enc = json.NewEncoder(&e.buf)
	e.enc.SetEscapeHTML(false)
}

// encode encodes elements lo to hi of fv; the first error sticks.
func (e *listEncoder) encode(fv reflect.Value, lo, hi int) {
	for i := lo; i < hi && e.err == nil; i++ {
		if i > 0 {
			e.out.WriteByte(',')
		}
		e.out.WriteString("\n    ")
		e.buf.Reset()
		if e.err = e.enc.Encode(fv.Index(i).Addr().Interface()); e.err != nil {
			return
		}
		e.out.Write(appendIndented(e.out.AvailableBuffer(), bytes.TrimSuffix(e.buf.Bytes(), []byte("\n")), "    "))
		if e.buf.Cap() > 1<<20 {
			e.buf = bytes.Buffer{} // one huge cluster does not pin its buffer for the rest
		}
	}
}

// appendIndented appends the JSON value src to dst as json.Indent(dst, src,
// prefix, "  ") would, for src as encoding/json marshals it (valid, no
// white space outside strings; white space there is dropped, as Indent
// drops it). Unlike Indent it does not validate src.
func appendIndented(dst, src []byte, prefix string) []byte {
	newline := func(depth int) {
		dst = append(dst, '\n')
		dst = append(dst, prefix...)
		for range depth {
			dst = append(dst, "  "...)
		}
	}
	depth := 0
	open := false // after { or [: the indent waits, so that empty ones stay {} and []
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch c {
		case ' ', '\t', '\n', '\r':
			continue
		}
		if open && c != '}' && c != ']' {
			open = false
			depth++
			newline(depth)
		}
		switch c {
		case '"':
			// A string, copied whole: up to its closing quote, escapes
			// skipped.
			j := i + 1
			for j < len(src) && src[j] != '"' {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			dst = append(dst, src[i:min(j+1, len(src))]...)
			i = j
		case '{', '[':
			open = true
			dst = append(dst, c)
		case ',':
			dst = append(dst, c)
			newline(depth)
		case ':':
			dst = append(dst, ':', ' ')
		case '}', ']':
			if open {
				open = false
			} else {
				depth--
				newline(depth)
			}
			dst = append(dst, c)
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// encodeJSONL writes one JSON object per line, each {"type": T, T: {...}}:
// first "run" (with schema_version), then one "cluster" line per cluster, one
// "rejected_row" line per rejected row, "changes" when there is a previous
// run, and "summary" last. A consumer can stream clusters without holding
// the whole report.
func encodeJSONL(w io.Writer, r *report.Report) error {
	return report.EncodeJSONLines(w, r)
}
