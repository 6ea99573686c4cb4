//go:build unix

package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/resolve-tool/resolve/resolve/report"
)

// tinyInput writes a small names file and returns its path.
func tinyInput(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "in.csv")
	if err := os.WriteFile(p, []byte("id,name,country\n1,Alpha Example Ltd,GB\n2,ALPHA EXAMPLE LIMITED,GB\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// resolveTo runs the main job on a tiny input with --out out.
func resolveTo(t *testing.T, out string) {
	t.Helper()
	if code, _, stderr := runCLI(t, context.Background(), "--in", tinyInput(t), "--out", out); code != exitOK {
		t.Fatalf("--out %s: exit %d: %s", out, code, stderr)
	}
}

func isReport(b []byte) bool {
	var r report.Report
	return json.Unmarshal(b, &r) == nil && r.SchemaVersion == report.SchemaVersion && r.Run.Rows.Read == 2
}

// entries lists the names in dir.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

// An existing report keeps its mode (0644 here, not the 0600 of a
// temporary file), and the write is still a rename: no temporary is left.
func TestOutKeepsExistingMode(t *testing.T) {
	for _, mode := range []fs.FileMode{0o644, 0o640, 0o666} {
		dir := t.TempDir()
		out := filepath.Join(dir, "r.json")
		if err := os.WriteFile(out, []byte("yesterday"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(out, mode); err != nil {
			t.Fatal(err)
		}
		before, _ := os.Stat(out)
		resolveTo(t, out)
		fi, err := os.Stat(out)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode() != mode {
			t.Errorf("mode %v after the run, want %v", fi.Mode(), mode)
		}
		if os.SameFile(before, fi) {
			t.Error("the report was written in place, not renamed over the old one")
		}
		if b, _ := os.ReadFile(out); !isReport(b) {
			t.Errorf("not a report: %.80q", b)
		}
		if names := entries(t, dir); len(names) != 1 {
			t.Errorf("left in the directory: %v", names)
		}
	}
}

// A new report gets 0644 less the umask.
func TestOutNewFileMode(t *testing.T) {
	for _, umask := range []int{0o022, 0o027, 0o077} {
		old := syscall.Umask(umask)
		out := filepath.Join(t.TempDir(), "r.json")
		resolveTo(t, out)
		syscall.Umask(old)
		fi, err := os.Stat(out)
		if err != nil {
			t.Fatal(err)
		}
		if want := fs.FileMode(0o644 &^ umask); fi.Mode() != want {
			t.Errorf("umask %03o: mode %v, want %v", umask, fi.Mode(), want)
		}
	}
}

// Running as root, a report written over another user's file stays theirs.
func TestOutKeepsOwner(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("needs root to give the file another owner")
	}
	out := filepath.Join(t.TempDir(), "r.json")
	if err := os.WriteFile(out, []byte("yesterday"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(out, 4242, 4343); err != nil {
		t.Fatal(err)
	}
	resolveTo(t, out)
	fi, _ := os.Stat(out)
	st := fi.Sys().(*syscall.Stat_t)
	if st.Uid != 4242 || st.Gid != 4343 {
		t.Errorf("owner %d:%d, want 4242:4343", st.Uid, st.Gid)
	}
}

// --out through a symbolic link writes the file it points to; the link stays.
func TestOutThroughSymlink(t *testing.T) {
	dir := t.TempDir()
	targetDir := filepath.Join(dir, "reports")
	if err := os.Mkdir(targetDir, 0o755); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(targetDir, "latest.json")
	if err := os.WriteFile(target, []byte("yesterday"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, link, to, want string
	}{
		{"relative link to an existing file", "r.json", "reports/latest.json", target},
		{"absolute link to an existing file", "abs.json", target, target},
		{"a link to a link", "chain.json", "r.json", target},
		{"a link to a file not made yet", "new.json", "reports/new.json", filepath.Join(targetDir, "new.json")},
		// dirlink/.. is reports (the parent of reports/sub), not dir.
		{"a dangling link through a directory link", "deep.json", "dirlink/../deep.json", filepath.Join(targetDir, "deep.json")},
	}
	if err := os.Mkdir(filepath.Join(targetDir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("reports/sub", filepath.Join(dir, "dirlink")); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			link := filepath.Join(dir, tt.link)
			if err := os.Symlink(tt.to, link); err != nil {
				t.Fatal(err)
			}
			resolveTo(t, link)
			li, err := os.Lstat(link)
			if err != nil || li.Mode()&fs.ModeSymlink == 0 {
				t.Fatalf("%s is no longer a symbolic link: %v %v", tt.link, li.Mode(), err)
			}
			if to, _ := os.Readlink(link); to != tt.to {
				t.Errorf("the link now points to %q", to)
			}
			b, err := os.ReadFile(tt.want)
			if err != nil || !isReport(b) {
				t.Errorf("%s: not the report: %.80q %v", tt.want, b, err)
			}
			fi, _ := os.Stat(tt.want)
			if fi.Mode() != 0o644 {
				t.Errorf("%s: mode %v", tt.want, fi.Mode())
			}
		})
	}
	for _, d := range []string{dir, targetDir} {
		for _, n := range entries(t, d) {
			if strings.Contains(n, "tmp") {
				t.Errorf("temporary left in %s: %s", d, n)
			}
		}
	}
}

// --out a named pipe streams the report into it; the pipe stays a pipe.
func TestOutNamedPipe(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "report.pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	got := make(chan []byte, 1)
	go func() {
		f, err := os.Open(fifo) // waits for the writer
		if err != nil {
			got <- nil
			return
		}
		defer f.Close()
		b, _ := io.ReadAll(f)
		got <- b
	}()
	resolveTo(t, fifo)
	fi, err := os.Lstat(fifo)
	if err != nil || fi.Mode()&fs.ModeNamedPipe == 0 {
		t.Fatalf("the named pipe was replaced: %v %v", fi.Mode(), err)
	}
	select {
	case b := <-got:
		if !isReport(b) {
			t.Errorf("read from the pipe: %.80q", b)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("nothing was written to the pipe")
	}
}

// An interrupt while the writer waits for a reader of the pipe stops it.
func TestOutNamedPipeInterrupted(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "report.pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	err := writeAtomic(ctx, fifo, io.Discard, func(w io.Writer) error { _, err := io.WriteString(w, "x"); return err })
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err %v, want the context's", err)
	}
}

// A device (here /dev/null, through a link in a temporary directory, so the
// real one is never at risk) is written, not replaced.
func TestOutDevice(t *testing.T) {
	link := filepath.Join(t.TempDir(), "null.json")
	if err := os.Symlink("/dev/null", link); err != nil {
		t.Fatal(err)
	}
	resolveTo(t, link)
	if li, _ := os.Lstat(link); li.Mode()&fs.ModeSymlink == 0 {
		t.Fatalf("the link to /dev/null was replaced by a %v", li.Mode())
	}
	if fi, _ := os.Stat("/dev/null"); fi.Mode()&fs.ModeCharDevice == 0 {
		t.Fatalf("/dev/null is a %v", fi.Mode())
	}
}

// A file behind /dev/stdout (a shell's redirection) is appended to, not
// replaced or cut.
func TestOutDevStdoutToFile(t *testing.T) {
	if _, err := os.Stat("/proc/self/fd"); err != nil {
		t.Skip("no /proc/self/fd")
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "log.txt")
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString("earlier line\n"); err != nil {
		t.Fatal(err)
	}
	before, _ := f.Stat()
	path := fmt.Sprintf("/proc/self/fd/%d", f.Fd())
	err = writeAtomic(context.Background(), path, io.Discard, func(w io.Writer) error { _, err := io.WriteString(w, "report\n"); return err })
	if err != nil {
		t.Fatal(err)
	}
	after, _ := os.Stat(file)
	if !os.SameFile(before, after) {
		t.Error("the file behind the descriptor was replaced")
	}
	if b, _ := os.ReadFile(file); string(b) != "earlier line\nreport\n" {
		t.Errorf("file holds %q", b)
	}
}

// --out - is standard output; a directory is a usage error.
func TestOutStdoutAndDirectory(t *testing.T) {
	code, stdout, stderr := runCLI(t, context.Background(), "--in", tinyInput(t), "--out", "-")
	if code != exitOK || !isReport([]byte(stdout)) {
		t.Fatalf("--out -: exit %d, stdout %.80q, stderr %s", code, stdout, stderr)
	}
	dir := t.TempDir()
	code, _, stderr = runCLI(t, context.Background(), "--in", tinyInput(t), "--out", dir)
	if code != exitUsage || !strings.Contains(stderr, "is a directory") {
		t.Fatalf("--out DIR: exit %d: %s", code, stderr)
	}
	if names := entries(t, dir); len(names) != 0 {
		t.Errorf("left in the directory: %v", names)
	}
}

// A report the user made read-only is not replaced (as with a shell
// redirection).
func TestOutReadOnlyFile(t *testing.T) {
	if os.Getuid() == 0 {
		t.Skip("root may write any file")
	}
	out := filepath.Join(t.TempDir(), "r.json")
	if err := os.WriteFile(out, []byte("keep me"), 0o444); err != nil {
		t.Fatal(err)
	}
	if code, _, _ := runCLI(t, context.Background(), "--in", tinyInput(t), "--out", out); code != exitFailure {
		t.Errorf("exit %d, want %d", code, exitFailure)
	}
	if b, _ := os.ReadFile(out); string(b) != "keep me" {
		t.Errorf("read-only report replaced: %q", b)
	}
}

// TestHelperWriter is not a test: started by TestStaleTemporaries as a
// child process, it begins writing a report and stops half-way, for the
// parent to kill it.
func TestHelperWriter(t *testing.T) {
	out := os.Getenv("RESOLVE_TEST_HELPER_OUT")
	if out == "" {
		t.Skip("helper process of TestStaleTemporaries")
	}
	_ = writeAtomic(context.Background(), out, io.Discard, func(w io.Writer) error {
		io.WriteString(w, strings.Repeat(`{"half": "written"}`, 1000))
		w.(*bufio.Writer).Flush()
		fmt.Println("writing")
		time.Sleep(time.Hour) // until killed
		return nil
	})
}

// startWriter starts a child process that writes to out and hangs there.
func startWriter(t *testing.T, out string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperWriter$")
	cmd.Env = append(os.Environ(), "RESOLVE_TEST_HELPER_OUT="+out)
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stdout)
	for sc.Scan() && sc.Text() != "writing" {
	}
	return cmd
}

// A write killed with SIGKILL leaves its temporary file; the next write to
// the same report removes it, but never the temporary of a live write.
func TestStaleTemporaries(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "r.json")
	other := filepath.Join(dir, "other.json")

	// The live write first: the killed one, starting after it, must keep
	// its temporary.
	live := startWriter(t, out)
	defer func() {
		live.Process.Signal(syscall.SIGKILL)
		live.Wait()
	}()
	killed := startWriter(t, out)
	killed.Process.Signal(syscall.SIGKILL)
	killed.Wait()
	killedOther := startWriter(t, other)
	killedOther.Process.Signal(syscall.SIGKILL)
	killedOther.Wait()
	// An earlier version's leftover, an hour old, and a fresh one.
	oldTmp := filepath.Join(dir, ".r.json.tmp-123456")
	freshTmp := filepath.Join(dir, ".r.json.tmp-654321")
	for _, p := range []string{oldTmp, freshTmp} {
		if err := os.WriteFile(p, nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	hourAgo := time.Now().Add(-2 * time.Hour)
	os.Chtimes(oldTmp, hourAgo, hourAgo)
	if n := len(entries(t, dir)); n != 5 {
		t.Fatalf("want 5 temporaries, got %v (a write removed a live one)", entries(t, dir))
	}

	resolveTo(t, out)

	var left []string
	for _, n := range entries(t, dir) {
		if n != "r.json" {
			left = append(left, n)
		}
	}
	// Left: the live writer's, the other report's (not this write's
	// business), and the fresh one of an earlier version.
	if len(left) != 3 {
		t.Fatalf("left %v, want the live write's, other.json's and the fresh old-style temporary", left)
	}
	for _, n := range left {
		if n == filepath.Base(oldTmp) {
			t.Errorf("the hour-old temporary of an earlier version stays")
		}
	}
	if b, _ := os.ReadFile(out); !isReport(b) {
		t.Errorf("not a report: %.80q", b)
	}
	// Once the live writer is killed too, the next write removes its file.
	live.Process.Signal(syscall.SIGKILL)
	live.Wait()
	resolveTo(t, out)
	n := 0
	for _, name := range entries(t, dir) {
		if strings.HasPrefix(name, ".r.json.resolve-tmp-") {
			n++
		}
	}
	if n != 0 {
		t.Errorf("stale temporaries of r.json left: %v", entries(t, dir))
	}
}

// Input end to end: every row of a file with CR line ends, or with a
// column named twice, is in the report with every value.
func TestInputLineEndsAndDuplicateColumns(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.csv")
	data := "id,name,note,note,,column_5\n" +
		"1,Alpha Example Ltd,a1,b1,c1,d1\r" +
		"2,ALPHA EXAMPLE LIMITED,a2,b2,c2,d2\n" +
		"3,Beta Example GmbH,a3,b3,c3,d3\r\n" +
		"4,Gamma\r5,Delta,a5,b5,c5,d5\n" +
		"6,Epsilon\rSplit Ltd,a6,b6,c6,d6\n"
	if err := os.WriteFile(in, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "r.json")
	code, _, stderr := runCLI(t, context.Background(), "--in", in, "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	r := readReport(t, out)
	if rc := r.Run.Rows; rc.Read != 7 || rc.Clustered != 4 || rc.Rejected != 3 {
		t.Errorf("rows %+v, want 7 read: 4 clustered, 3 rejected", rc)
	}
	rows := map[int]report.Member{}
	for _, c := range r.Clusters {
		for _, m := range c.Members {
			rows[m.Row] = m
		}
	}
	m, ok := rows[2]
	want := map[string]string{"note": "a1", "note_2": "b1", "column_5_2": "c1", "column_5": "d1"}
	if !ok || fmt.Sprint(m.Extra) != fmt.Sprint(want) {
		t.Errorf("row 2 carries %v, want %v", m.Extra, want)
	}
	if _, ok := rows[6]; !ok {
		t.Errorf("row 6 (after a lone CR) missing: %v", rows)
	}
	for _, rj := range r.RejectedRows {
		if rj.Row != 5 && rj.Row != 7 && rj.Row != 8 || !strings.Contains(rj.Reason, "carriage return (CR)") {
			t.Errorf("rejected %+v", rj)
		}
	}
	if !strings.Contains(stderr, `"note_2"`) {
		t.Errorf("the renamed column is not logged: %s", stderr)
	}
}

// A header without the name column but with 50,000 cells gives a short
// message and exit 2.
func TestNoNameColumnShortMessage(t *testing.T) {
	var b strings.Builder
	for i := range 50_000 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "column%d", i)
	}
	b.WriteString("\n")
	in := filepath.Join(t.TempDir(), "in.csv")
	if err := os.WriteFile(in, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(t, context.Background(), "--in", in)
	if code != exitUsage || len(stderr) > 4000 || !strings.Contains(stderr, "--name-col") {
		t.Fatalf("exit %d, %d bytes of stderr: %.300s", code, len(stderr), stderr)
	}
}

// Names far longer than any company name are matched on their first
// input.DefaultMaxNameRunes characters; the report keeps them whole. Memory
// no longer grows with what is matched: beyond a run on the same rows with
// short names, the long ones cost what copying and encoding them costs
// (about 30 bytes allocated per input byte; matching them whole, 150).
func TestLongNamesCutForMatching(t *testing.T) {
	var lb strings.Builder
	for i := 0; lb.Len() < 300_000; i++ {
		fmt.Fprintf(&lb, "Northwind%d Trading%d ", i, i)
	}
	long := lb.String()
	write := func(name string) string {
		var b strings.Builder
		b.WriteString("id,name,country\n")
		for i := range 6 {
			fmt.Fprintf(&b, "%d,%s %d,HK\n", i, name, i)
		}
		b.WriteString("9,Northwind Trading Ltd,HK\n")
		in := filepath.Join(t.TempDir(), "in.csv")
		if err := os.WriteFile(in, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return in
	}
	allocated := func(in, out string) (uint64, string) {
		var ms0, ms1 runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&ms0)
		code, _, stderr := runCLI(t, context.Background(), "--in", in, "--out", out)
		runtime.ReadMemStats(&ms1)
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		return ms1.TotalAlloc - ms0.TotalAlloc, stderr
	}
	dir := t.TempDir()
	base, _ := allocated(write("Northwind Trading"), filepath.Join(dir, "short.json"))
	out := filepath.Join(dir, "long.json")
	in := write(long)
	alloc, stderr := allocated(in, out)
	fi, _ := os.Stat(in)
	perByte := float64(alloc-min(alloc, base)) / float64(fi.Size())
	t.Logf("%.1f MB input: %.0f MB allocated, %.0f MB with short names: %.0f bytes per input byte",
		float64(fi.Size())/1e6, float64(alloc)/1e6, float64(base)/1e6, perByte)
	if perByte > 70 {
		t.Errorf("%.0f bytes allocated per input byte: long names are matched whole", perByte)
	}

	r := readReport(t, out)
	if r.Run.Rows.Clustered != 7 {
		t.Fatalf("rows %+v", r.Run.Rows)
	}
	for _, c := range r.Clusters {
		spelt := false
		for _, m := range c.Members {
			spelt = spelt || m.Name == c.CanonicalName
			if m.Row > 1 && m.Row < 8 && len(m.Name) < len(long) {
				t.Errorf("row %d: name kept as %d bytes", m.Row, len(m.Name))
			}
		}
		if !spelt {
			t.Errorf("canonical name (%d bytes) is not an input spelling", len(c.CanonicalName))
		}
	}
	if !strings.Contains(stderr, "cut to its first 500 characters") {
		t.Errorf("the cut is not logged: %.300s", stderr)
	}
}

// While it is written, the temporary file is private: the report it
// replaces may be.
func TestOutTemporaryIsPrivate(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "r.json")
	if err := os.WriteFile(out, []byte("private"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := writeAtomic(context.Background(), out, io.Discard, func(w io.Writer) error {
		for _, n := range entries(t, dir) {
			if strings.Contains(n, "resolve-tmp") {
				fi, err := os.Stat(filepath.Join(dir, n))
				if err != nil || fi.Mode().Perm() != 0o600 {
					t.Errorf("temporary %s: %v %v", n, fi.Mode(), err)
				}
			}
		}
		_, err := io.WriteString(w, "secret")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(out); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", fi.Mode())
	}
}

func TestIsSpecialPath(t *testing.T) {
	for path, want := range map[string]bool{
		"/dev/stdout": true, "/dev/stderr": true, "/dev/fd/1": true, "/proc/self/fd/3": true, "/proc/123/fd/1": true,
		"/dev/shm/report.json": false, "/proc/self/status": false, "report.json": false, "/tmp/dev/stdout": false,
	} {
		if got := isSpecialPath(path); got != want {
			t.Errorf("isSpecialPath(%q) = %v", path, got)
		}
	}
}

// A report written beside the snapshot appears only once the snapshot is
// saved: a failed save leaves the old file and no temporary, and standard
// output is not written before the save succeeded.
func TestWriteAfterReady(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "r.json")
	if err := os.WriteFile(out, []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	failed := errors.New("save failed")
	write := func(w io.Writer) error { _, err := io.WriteString(w, "new\n"); return err }
	err := writeAtomicAfter(context.Background(), out, io.Discard, write, func() error { return failed })
	if !errors.Is(err, failed) {
		t.Fatalf("err = %v, want the save's error", err)
	}
	if b, _ := os.ReadFile(out); string(b) != "old\n" {
		t.Errorf("--out holds %q after a failed save", b)
	}
	if names := entries(t, dir); len(names) != 1 {
		t.Errorf("left in the directory: %v", names)
	}
	var stdout strings.Builder
	err = writeAtomicAfter(context.Background(), "-", &stdout, write, func() error { return failed })
	if !errors.Is(err, failed) || stdout.Len() != 0 {
		t.Errorf("stdout: err %v, wrote %q before a failed save", err, stdout.String())
	}
	if err := writeAtomicAfter(context.Background(), out, io.Discard, write, func() error { return nil }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(out); string(b) != "new\n" {
		t.Errorf("--out holds %q after a save", b)
	}
}
