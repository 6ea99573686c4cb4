package main

import (
	"time"

	"github.com/schollz/progressbar/v3"
)

// progress returns a function that reports how far a stage is: a progress bar
// with the count and the time left on a terminal (shown once the stage has
// run for a.progressAfter, a second), nothing otherwise. total < 0 means
// unknown. Calling it with -1 finishes the stage.
func (a *app) progress(stage string, total int) func(done int) {
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
			bar = progressbar.NewOptions(total,
				progressbar.OptionSetWriter(a.stderr),
				progressbar.OptionSetDescription(stage),
				progressbar.OptionShowCount(),
				progressbar.OptionThrottle(a.progressEvery),
				progressbar.OptionClearOnFinish(),
			)
		}
		_ = bar.Set(done)
	}
}

// stageProgress adapts progress bars to the engine's stage callback (the
// stages' timings are logged by the main job's stageClock).
func (a *app) stageProgress() func(stage string, done, total int) {
	bars := map[string]func(int){}
	return func(stage string, done, total int) {
		b, ok := bars[stage]
		if !ok {
			b = a.progress(stage, total)
			bars[stage] = b
		}
		b(done)
		if done >= total {
			b(-1)
		}
	}
}
