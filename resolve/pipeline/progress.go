package pipeline

// progress is j.Progress for stage, or a function that shows nothing.
func (j *Job) progress(stage string, total int) func(done int) {
	if j.Progress == nil {
		return func(int) {}
	}
	return j.Progress(stage, total)
}

// stageProgress adapts j.Progress to the engine's stage callback, one
// progress per stage (the stages' timings are logged by stageClock).
func (j *Job) stageProgress() func(stage string, done, total int) {
	bars := map[string]func(int){}
	return func(stage string, done, total int) {
		b, ok := bars[stage]
		if !ok {
			b = j.progress(stage, total)
			bars[stage] = b
		}
		b(done)
		if done >= total {
			b(-1)
		}
	}
}
