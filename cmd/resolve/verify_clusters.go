package main

import (
	"context"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/resolve-tool/resolve/config"
	"github.com/resolve-tool/resolve/resolve/report"
	"github.com/resolve-tool/resolve/resolve/state"
)

func (a *app) verifyCmd() *cobra.Command {
	var clusters, out string
	format, failOn := newChoice("json", config.OutputFormats...), newChoice("", config.Severities...)
	cmd := &cobra.Command{
		Use:   "verify --clusters CLUSTERS.jsonl [--out report.json]",
		Short: "Verify and report the clusters another job made (resolve-beam's JSON lines)",
		Long: `Verify the clusters of a JSON lines file written by resolve-beam (or by resolve
--format jsonl) and write the report, as the main job does after clustering:
the same store, stable IDs, reuse of stored verification, comparison with the
previous run, run record and report formats.

Cluster IDs: when the store holds a previous successful run, clusters get their
IDs from it by the usual rule (and the report's changes compare with it); when it
holds none, the file's IDs, reuse and changes are kept (resolve-beam gave them
against its --previous lines).

` + exitCodeHelp,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if clusters == "" {
				return usageErr("give the clusters file: resolve verify --clusters clusters.jsonl", "no clusters file")
			}
			fl := cmd.Flags()
			if fl.Changed("out") {
				a.cfg.Output.Path = out
			}
			if fl.Changed("format") {
				a.cfg.Output.Format = format.String()
			}
			if fl.Changed("fail-on") {
				a.cfg.FailOn = failOn.String()
			}
			if err := a.cfg.Validate(); err != nil {
				return err
			}
			return a.verifyClustersMain(cmd.Context(), clusters)
		},
	}
	f := cmd.Flags()
	f.StringVar(&clusters, "clusters", "", "the clusters as JSON lines (resolve-beam --out)")
	f.StringVar(&out, "out", "-", "report file; - is stdout. Written atomically")
	f.Var(format, "format", "report format: "+strings.Join(config.OutputFormats, ", "))
	f.Var(failOn, "fail-on", "exit 3 when a flag of this `SEVERITY` or higher is raised: "+strings.Join(config.Severities, ", "))
	return cmd
}

// verifyClustersMain is the main job from the clusters on: it reads the
// report's JSON lines (run, clusters, rejected and ignored rows,
// judgements, changes, summary) and hands them to finishRun, as
// resolveMain hands the clusters it made.
func (a *app) verifyClustersMain(ctx context.Context, path string) (err error) {
	started := time.Now().UTC()
	clock := newStageClock(a.log)
	rep, err := readClusters(path)
	if err != nil {
		return err
	}
	clock.done("read", len(rep.Clusters))
	a.log.Info().Int("clusters", len(rep.Clusters)).Int("rejected", len(rep.RejectedRows)).Msg("clusters read")

	in := rep.Run.Input
	b, err := a.beginRun(ctx, state.RunInfo{InputPath: in.Path, InputSHA256: in.SHA256, ConfigDigest: a.cfg.Digest(), Version: version})
	if err != nil {
		return err
	}
	defer b.close()
	counts := state.Counts{}
	defer func() { b.fail(ctx, err, counts) }()
	judged, err := a.clustersJudgements(ctx, b.ss, rep)
	if err != nil {
		return err
	}

	rep.Run.ID, rep.Run.Tool, rep.Run.Version = b.run.ID, "resolve", version
	rep.Run.StartedAt = started
	rep.Run.ConfigDigest = a.cfg.Digest()
	rep.Run.Sources = sourceUse(a.cfg)
	return a.finishRun(ctx, runEnd{begun: b, rep: rep, judged: judged, pairs: rep.Summary.CandidatePairs, clock: clock, keepIDs: true},
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
func (a *app) clustersJudgements(ctx context.Context, ss state.Store, rep *report.Report) (judged, error) {
	file := a.cfg.Judgements
	if file == "" && rep.Judgements != nil {
		file = rep.Judgements.File
	}
	if file == "" {
		return judged{}, nil
	}
	if rep.Judgements == nil {
		a.log.Warn().Str("judgements", file).Msg("the clusters were made without judgements; the file is recorded, not applied")
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
