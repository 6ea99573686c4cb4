package state

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// The clusters a fake verification stage works through, in order.
func killKeys() []VerifyKey {
	var ks []VerifyKey
	for i := 0; i < 10; i++ {
		ks = append(ks, VerificationKey([]string{MemberKey(fmt.Sprintf("Fictional Company %d", i), "GB")}, "verify-v1"))
	}
	return ks
}

func verifyResult(i int) []byte { return []byte(fmt.Sprintf(`{"cluster":%d,"matches":[]}`, i)) }

// TestKilledRunResumes: a run is SIGKILLed in the middle of verification
// (in a child process, after committing 3 of 10 results). The next run finds
// the lock free, marks the dead run failed, reuses the 3 results and
// verifies only the other 7; the results equal an uninterrupted run's.
func TestKilledRunResumes(t *testing.T) {
	eachBackend(t, func(t *testing.T, loc location) {
		ctx := context.Background()
		cmd := exec.Command(os.Args[0], "-test.run=^TestKillChild$", "-test.v")
		cmd.Env = append(os.Environ(), "STATE_KILL_CHILD="+strings.Join([]string{loc.backend, loc.path, loc.dsn, loc.schema}, "|"))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		var childRun string
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			line := sc.Text()
			if id, ok := strings.CutPrefix(line, "run "); ok {
				childRun = id
			}
			if line == "verified 3" {
				break
			}
		}
		if childRun == "" {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatal("the child did not begin a run")
		}
		if err := cmd.Process.Kill(); err != nil { // SIGKILL
			t.Fatal(err)
		}
		cmd.Wait()

		s := loc.open(t, Options{LockWait: 15 * time.Second})
		run, stale, err := s.BeginRun(ctx, info(2))
		if err != nil {
			t.Fatal(err)
		}
		if len(stale) != 1 || stale[0] != childRun {
			t.Fatalf("stale runs %v, want [%s]", stale, childRun)
		}
		dead, _ := s.GetRun(ctx, childRun)
		if dead.Outcome != Failed {
			t.Errorf("killed run is %s", dead.Outcome)
		}
		verified, reused := 0, 0
		for i, k := range killKeys() {
			blob, ok, err := s.LoadVerification(ctx, k)
			if err != nil {
				t.Fatal(err)
			}
			if ok {
				reused++
				if string(blob) != string(verifyResult(i)) {
					t.Errorf("cluster %d: stored %s", i, blob)
				}
				continue
			}
			verified++
			if err := s.SaveVerification(ctx, k, verifyResult(i), time.Hour); err != nil {
				t.Fatal(err)
			}
		}
		if reused != 3 || verified != 7 {
			t.Errorf("reused %d, verified %d; want 3 and 7", reused, verified)
		}
		if err := s.FinishRun(ctx, run.ID, Succeeded, Counts{Verified: verified, Reused: reused}, nil); err != nil {
			t.Fatal(err)
		}
		for i, k := range killKeys() {
			blob, ok, _ := s.LoadVerification(ctx, k)
			if !ok || string(blob) != string(verifyResult(i)) {
				t.Errorf("cluster %d after the rerun: %s %v", i, blob, ok)
			}
		}
	})
}

// TestKillChild is the process TestKilledRunResumes kills.
func TestKillChild(t *testing.T) {
	spec := os.Getenv("STATE_KILL_CHILD")
	if spec == "" {
		t.Skip("helper process of TestKilledRunResumes")
	}
	p := strings.Split(spec, "|")
	loc := location{backend: p[0], path: p[1], dsn: p[2], schema: p[3]}
	ctx := context.Background()
	s := loc.open(t, Options{})
	run, _, err := s.BeginRun(ctx, info(1))
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("run %s\n", run.ID)
	for i, k := range killKeys() {
		if i == 3 {
			fmt.Println("verified 3")
			time.Sleep(time.Minute) // killed here
			t.Fatal("not killed")
		}
		if err := s.SaveVerification(ctx, k, verifyResult(i), time.Hour); err != nil {
			t.Fatal(err)
		}
	}
}

// TestKillMidBatchKeepsCommittedWork: a run that commits verification
// results in batches (ResultWriter, 4 a batch) is SIGKILLed with a batch
// half full. Every committed result survives, exactly the waiting ones are
// lost, and the next run verifies only those and completes.
func TestKillMidBatchKeepsCommittedWork(t *testing.T) {
	eachBackend(t, func(t *testing.T, loc location) {
		ctx := context.Background()
		cmd := exec.Command(os.Args[0], "-test.run=^TestKillBatchChild$", "-test.v")
		cmd.Env = append(os.Environ(), "STATE_KILL_BATCH_CHILD="+strings.Join([]string{loc.backend, loc.path, loc.dsn, loc.schema}, "|"))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		var childRun, committed string
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			line := sc.Text()
			if id, ok := strings.CutPrefix(line, "run "); ok {
				childRun = id
			}
			if n, ok := strings.CutPrefix(line, "committed "); ok {
				committed = n
				break
			}
		}
		if err := cmd.Process.Kill(); err != nil { // SIGKILL
			t.Fatal(err)
		}
		cmd.Wait()
		// The first result goes at once, then 1-4 fill a batch; 5 and 6 wait.
		if childRun == "" || committed != "5 in 2" {
			t.Fatalf("the child did not get to the half-full batch (run %q, committed %q)", childRun, committed)
		}

		s := loc.open(t, Options{LockWait: 15 * time.Second})
		run, stale, err := s.BeginRun(ctx, info(2))
		if err != nil {
			t.Fatal(err)
		}
		if len(stale) != 1 || stale[0] != childRun {
			t.Fatalf("stale runs %v, want [%s]", stale, childRun)
		}
		keys := killKeys()
		stored, err := s.LoadVerifications(ctx, keys)
		if err != nil {
			t.Fatal(err)
		}
		w := NewResultWriter(ctx, s, WriterOptions{MaxBatch: 4, MaxDelay: time.Hour})
		var redone []int
		for i, k := range keys {
			if blob, ok := stored[k]; ok {
				if string(blob) != string(verifyResult(i)) {
					t.Errorf("cluster %d: stored %s", i, blob)
				}
				continue
			}
			redone = append(redone, i)
			if err := w.Add(k, verifyResult(i), time.Hour); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(redone) != "[5 6 7 8 9]" {
			t.Errorf("the rerun verified %v, want exactly the uncommitted [5 6 7 8 9]", redone)
		}
		if err := s.FinishRun(ctx, run.ID, Succeeded, Counts{Verified: len(redone), Reused: len(keys) - len(redone)}, nil); err != nil {
			t.Fatal(err)
		}
		stored, err = s.LoadVerifications(ctx, keys)
		if err != nil {
			t.Fatal(err)
		}
		for i, k := range keys {
			if string(stored[k]) != string(verifyResult(i)) {
				t.Errorf("cluster %d after the rerun: %q", i, stored[k])
			}
		}
	})
}

// TestKillBatchChild is the process TestKillMidBatchKeepsCommittedWork kills.
func TestKillBatchChild(t *testing.T) {
	spec := os.Getenv("STATE_KILL_BATCH_CHILD")
	if spec == "" {
		t.Skip("helper process of TestKillMidBatchKeepsCommittedWork")
	}
	p := strings.Split(spec, "|")
	loc := location{backend: p[0], path: p[1], dsn: p[2], schema: p[3]}
	ctx := context.Background()
	s := loc.open(t, Options{})
	run, _, err := s.BeginRun(ctx, info(1))
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("run %s\n", run.ID)
	w := NewResultWriter(ctx, s, WriterOptions{MaxBatch: 4, MaxDelay: time.Hour})
	for i, k := range killKeys()[:7] {
		if err := w.Add(k, verifyResult(i), time.Hour); err != nil {
			t.Fatal(err)
		}
	}
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if n, c := w.Committed(); n == 5 {
			time.Sleep(50 * time.Millisecond) // nothing more is committed
			n, c = w.Committed()
			fmt.Printf("committed %d in %d\n", n, c)
			time.Sleep(time.Minute) // killed here
			t.Fatal("not killed")
		}
	}
	t.Fatal("the first two batches were not committed")
}
