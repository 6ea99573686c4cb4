package main

import (
	"context"
	"io"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/resolve-tool/resolve/resolve/pipeline"
	"github.com/resolve-tool/resolve/resolve/report"
)

// progress returns a function that reports how far a stage is: a progress bar
// with the count and the time left on a terminal (shown once the stage has
// run for a.progressAfter, a second), nothing otherwise. total < 0 means
// unknown. Calling it with -1 finishes the stage.
func (a *app) progress(stage string, total int, opts ...progressbar.Option) func(done int) {
	if !isTerminal(a.stderr) {
		return func(int) {}
	}
	var bar *progressbar.ProgressBar
	start := time.Now()
	return func(done int) {
		if done < 0 {
			if bar != nil {
				_ = bar.Finish()
			}
			return
		}
		if bar == nil {
			if time.Since(start) < a.progressAfter {
				return
			}
			bar = progressbar.NewOptions(total, append([]progressbar.Option{
				progressbar.OptionSetWriter(a.stderr),
				progressbar.OptionSetDescription(stage),
				progressbar.OptionShowCount(),
				progressbar.OptionThrottle(a.progressEvery),
				progressbar.OptionClearOnFinish(),
			}, opts...)...)
		}
		_ = bar.Set(done)
	}
}

// job is the main job's library over this command's configuration, with
// the command line's wiring: the report written where --out says, progress
// bars and the summary on the terminal.
func (a *app) job() *pipeline.Job {
	return &pipeline.Job{Config: a.cfg, Log: a.log, Version: version, Stdin: a.stdin, Write: a.writeReport,
		Progress: func(stage string, total int) func(int) { return a.progress(stage, total) },
		Written:  a.reportWritten, HeapProfile: a.heapProfile}
}

// writeReport writes the run's report where the configuration says, with
// the bytes written as the progress of the "write" stage; the report
// appears only once ready (nil: at once) returns nil (writeAtomicAfter).
func (a *app) writeReport(ctx context.Context, rep *report.Report, ready func() error) error {
	bar := a.progress("write", -1, progressbar.OptionShowBytes(true))
	defer bar(-1)
	return writeAtomicAfter(ctx, a.cfg.Output.Path, a.stdout, func(w io.Writer) error {
		return encode(&countingWriter{w: w, tick: bar}, a.cfg.Output.Format, rep)
	}, ready)
}

// countingWriter tells tick how many bytes went through it.
type countingWriter struct {
	w    io.Writer
	n    int
	tick func(int)
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += n
	c.tick(c.n)
	return n, err
}
