package pipeline

import (
	"bytes"
	"context"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strings"
	"testing"

	"github.com/rs/zerolog"

	"github.com/resolve-tool/resolve/config"
	"github.com/resolve-tool/resolve/resolve/report"
)

// TestStageLabels: the main job runs its stages in the order the CPU
// profile's labels assume (mainStages), and while each runs the job's
// goroutine carries its label (read off the goroutine profile when the
// stage ends); the label is gone once Main returns.
func TestStageLabels(t *testing.T) {
	cfg, err := config.New().Load("")
	if err != nil {
		t.Fatal(err)
	}
	cfg.Store.Path = filepath.Join(t.TempDir(), "s.db")
	var got, labelled []string
	j := &Job{Config: cfg, Log: zerolog.Nop(), Version: "test",
		Write: func(_ context.Context, _ *report.Report, ready func() error) error { return ready() },
		Stages: func(s StageTiming) {
			got = append(got, s.Stage)
			labelled = append(labelled, ownStageLabel(t))
		}}
	if err := j.Main(context.Background(), "../../testdata/suppliers.csv"); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, mainStages) {
		t.Errorf("stages %q, want %q", got, mainStages)
	}
	if !slices.Equal(labelled, got) {
		t.Errorf("labels at each stage's end %q, want %q", labelled, got)
	}
	if l := ownStageLabel(t); l != "" {
		t.Errorf("label %q left on the goroutine after Main", l)
	}
}

// A stage outside the clock's order is followed by "after_" it.
func TestStageLabelOutsideOrder(t *testing.T) {
	c := (&Job{Log: zerolog.Nop()}).newStageClock(context.Background(), []string{"a", "b"})
	defer c.stop()
	for _, tc := range []struct{ done, want string }{{"a", "b"}, {"b", "after_b"}, {"x", "after_x"}} {
		c.done(tc.done, 0)
		if l := ownStageLabel(t); l != tc.want {
			t.Errorf("after %s: label %q, want %q", tc.done, l, tc.want)
		}
	}
}

// ownStageLabel returns the "stage" label of the calling goroutine, or "",
// found in the goroutine profile by the caller's frame (ownStageLabel).
func ownStageLabel(t *testing.T) string {
	t.Helper()
	var b bytes.Buffer
	if err := pprof.Lookup("goroutine").WriteTo(&b, 1); err != nil {
		t.Fatal(err)
	}
	// Records are separated by blank lines: "N @ pcs", maybe "# labels:
	// {...}", then the frames.
	found := 0
	label := ""
	for rec := range strings.SplitSeq(b.String(), "\n\n") {
		if !strings.Contains(rec, "pipeline.ownStageLabel") {
			continue
		}
		found++
		for line := range strings.SplitSeq(rec, "\n") {
			if l, ok := strings.CutPrefix(line, "# labels: "); ok {
				_, v, _ := strings.Cut(l, `"stage":"`)
				label, _, _ = strings.Cut(v, `"`)
			}
		}
	}
	if found != 1 {
		t.Fatalf("the goroutine profile has %d records of the calling goroutine", found)
	}
	return label
}
