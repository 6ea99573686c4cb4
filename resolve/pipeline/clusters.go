package pipeline

import (
	"context"
	"os"
	"time"

	"github.com/resolve-tool/resolve/resolve/report"
	"github.com/resolve-tool/resolve/resolve/state"
)

// VerifyClusters is the main job from the clusters on: it reads the
// report's JSON lines (run, clusters, rejected and ignored rows,
// judgements, changes, summary) that another job wrote (resolve-beam, or
// resolve --format jsonl) and finishes the run on them as Main finishes
// the clusters it made.
func (j *Job) VerifyClusters(ctx context.Context, path string) (err error) {
	started := time.Now().UTC()
	clock := j.newStageClock(ctx, clustersStages)
	defer clock.stop()
	rep, err := readClusters(path)
	if err != nil {
		return err
	}
	clock.done("read", len(rep.Clusters))
	j.Log.Info().Int("clusters", len(rep.Clusters)).Int("rejected", len(rep.RejectedRows)).Msg("clusters read")

	in := rep.Run.Input
	b, err := j.beginRun(ctx, state.RunInfo{InputPath: in.Path, InputSHA256: in.SHA256, ConfigDigest: j.Config.Digest(), Version: j.Version})
	if err != nil {
		return err
	}
	defer b.close()
	counts := state.Counts{}
	defer func() { b.fail(ctx, err, counts) }()
	judged, err := j.clustersJudgements(ctx, b.ss, rep)
	if err != nil {
		return err
	}

	rep.Run.ID, rep.Run.Tool, rep.Run.Version = b.run.ID, "resolve", j.Version
	rep.Run.StartedAt = started
	rep.Run.ConfigDigest = j.Config.Digest()
	rep.Run.Sources = sourceUse(j.Config)
	return j.finishRun(ctx, runEnd{begun: b, rep: rep, judged: judged, pairs: rep.Summary.CandidatePairs, clock: clock, keepIDs: true},
		&counts)
}

// readClusters reads a clusters file into a report as the clustering
// stage leaves it: coverage per cluster (the lines say it once), no
// verification.
func readClusters(path string) (*report.Report, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, usageErr("give the JSON lines resolve-beam wrote (--out)", "clusters: %v", err)
	}
	defer f.Close()
	rep, err := report.DecodeJSONLines(f)
	if err != nil {
		return nil, usageErr("give the JSON lines resolve-beam wrote (--out), complete", "%s: %v", path, err)
	}
	if rep.SchemaVersion != report.SchemaVersion {
		return nil, usageErr("write the clusters again with a resolve-beam of this version",
			"%s: line 1: schema_version %d, this resolve reads %d", path, rep.SchemaVersion, report.SchemaVersion)
	}
	for i := range rep.Clusters {
		c := &rep.Clusters[i]
		if len(c.Members) == 0 {
			return nil, usageErr("give the JSON lines resolve-beam wrote (--out)", "%s: line %d: cluster %q has no members", path, i+2, c.ID)
		}
		c.Coverage = rep.ClusterCoverage(c)
	}
	rep.Run.Coverage = nil
	return rep, nil
}

// clustersJudgements gives the run's snapshot the decisions the clusters
// were made with: the judgements file of the configuration (--judgements),
// else the one the clusters file names; resolved against the store as the
// main job resolves them. The report's judgements section is the file's:
// the pipeline that applied them wrote it.
func (j *Job) clustersJudgements(ctx context.Context, ss state.Store, rep *report.Report) (judged, error) {
	file := j.Config.Judgements
	if file == "" && rep.Judgements != nil {
		file = rep.Judgements.File
	}
	if file == "" {
		return judged{}, nil
	}
	if rep.Judgements == nil {
		j.Log.Warn().Str("judgements", file).Msg("the clusters were made without judgements; the file is recorded, not applied")
	}
	js, err := state.LoadJudgements(file)
	if err != nil {
		return judged{}, usageErr("give with --judgements the file the clusters were made with", "%v", err)
	}
	dec, err := state.Decide(ctx, js, ss)
	if err != nil {
		return judged{}, err
	}
	return judged{file: file, dec: dec}, nil
}
