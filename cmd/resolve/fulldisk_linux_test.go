package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/resolve-tool/resolve/resolve/state"
	"github.com/resolve-tool/resolve/resolve/store"
)

// lastRun returns the newest run of the SQLite store at path.
func lastRun(t *testing.T, path string) state.Run {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ss, err := state.Open(ctx, st, "", state.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ss.Close()
	runs, err := ss.ListRuns(ctx, 1)
	if err != nil || len(runs) == 0 {
		t.Fatalf("runs: %v %v", runs, err)
	}
	return runs[0]
}

// TestOutputOnFullDiskMarksRunFailed: the report cannot be written (the
// kernel's /dev/full answers every write with ENOSPC) while the store can:
// the run is recorded failed with the reason at once, not left running.
func TestOutputOnFullDiskMarksRunFailed(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full on this system")
	}
	db := filepath.Join(t.TempDir(), "s.db")
	var sink bytes.Buffer
	code := run(context.Background(), []string{"--in", "../../testdata/suppliers.csv", "--store", db, "--out", "/dev/full", "--log-format", "json"},
		strings.NewReader(""), &sink, &sink)
	if code != exitFailure {
		t.Fatalf("exit %d, want %d: %s", code, exitFailure, sink.String())
	}
	r := lastRun(t, db)
	if r.Outcome != state.Failed || !strings.Contains(r.Error, "no space left on device") {
		t.Errorf("run %s: outcome %q, error %q; want failed with the reason", r.ID, r.Outcome, r.Error)
	}
}

// TestStoreOnFullDiskMarksRunFailed: the store is on a small tmpfs, filled
// to within a few KiB before a run, so that the run begins but saving its
// verification or clusters fails (SQLITE_FULL). The run must be recorded
// failed with the reason as soon as the failure is seen, not left running
// for the next run to find. Needs the right to mount a tmpfs (root);
// skipped otherwise.
func TestStoreOnFullDiskMarksRunFailed(t *testing.T) {
	if testing.Short() {
		t.Skip("several runs on a filled tmpfs")
	}
	mnt := t.TempDir()
	if err := syscall.Mount("tmpfs", mnt, "tmpfs", 0, "size=2m"); err != nil {
		t.Skipf("cannot mount a tmpfs (%v): skipping the full-disk test (it needs root)", err)
	}
	t.Cleanup(func() { _ = syscall.Unmount(mnt, 0) })
	db, fill := filepath.Join(mnt, "s.db"), filepath.Join(mnt, "fill")
	resolveOn := func(in string) (int, string) {
		var sink bytes.Buffer
		code := run(context.Background(), []string{"--in", in, "--store", db, "--out", filepath.Join(t.TempDir(), "r.json"), "--log-format", "json"},
			strings.NewReader(""), &sink, &sink)
		return code, sink.String()
	}
	if code, out := resolveOn("../../testdata/suppliers.csv"); code != exitOK {
		t.Fatalf("first run: exit %d: %s", code, out)
	}
	sample, err := os.ReadFile("../../testdata/suppliers.csv")
	if err != nil {
		t.Fatal(err)
	}
	began := 0
	for free := int64(40); free <= 96; free += 8 {
		var st syscall.Statfs_t
		if err := syscall.Statfs(mnt, &st); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(fill, make([]byte, int64(st.Bavail)*st.Bsize-free<<10), 0o644); err != nil && !errors.Is(err, syscall.ENOSPC) {
			t.Fatal(err)
		}
		// A new name each time, so that there is something new to save.
		in := filepath.Join(t.TempDir(), "in.csv")
		if err := os.WriteFile(in, fmt.Appendf(sample, "Z%d,Fresh Fictional Widgets %d Ltd,GB,,,,\n", free, free), 0o644); err != nil {
			t.Fatal(err)
		}
		code, out := resolveOn(in)
		if err := os.Remove(fill); err != nil {
			t.Fatal(err)
		}
		r := lastRun(t, db)
		if r.InputPath != in {
			continue // the run could not even begin: nothing to record
		}
		began++
		t.Logf("%d KiB free: exit %d, run %s %s %q", free, code, r.ID, r.Outcome, r.Error)
		if code == exitOK {
			continue // it fitted
		}
		if r.Outcome != state.Failed || !strings.Contains(r.Error, "full") {
			t.Errorf("%d KiB free: exit %d and the run is %q (%q), want failed with the reason: %s", free, code, r.Outcome, r.Error, out)
		}
	}
	if began == 0 {
		t.Fatal("no run began: the disk was too full at every step, the test tests nothing")
	}
}
