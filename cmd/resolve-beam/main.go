// Command resolve-beam runs the resolve stage of resolve as an Apache Beam
// pipeline, for inputs one machine does not serve: the same reader, match
// package, parameters and clustering as resolve --in, the same partition,
// canonical names and evidence, written as the report's JSON lines (run,
// cluster, rejected_row, ignored_row, judgements, changes, summary lines),
// applying the investigators' judgements file as resolve --judgements does,
// with cluster IDs carried over from a previous run's JSON lines by the
// state package's rule. Verification is left to resolve verify --clusters,
// on one machine.
//
// Stages: read (one worker: a CSV with quoted line breaks cannot be split;
// rows an ignore judgement names set aside) → dedup (one representative
// per engine.DedupKey) → corpus statistics (match.CorpusCounts counted per
// bundle and merged by a CombineFn; the encoded counts are a side input
// from which each worker builds the matcher once) → blocking keys → group
// by key → each item's hits → group by item → candidate pairs with block's
// caps → distinct → score (ScoreFast, edges at or above the threshold) →
// connected components of those edges and of the "same" judgements
// (label propagation, then a residual union-find: see cc.go) → per
// component the engine's own clustering with the judgements naming its
// names, and explanations (engine.ClusterComponent) → one writer.
//
// No stage holds every name: the pairs carry their raw names, and the
// stages that score prepare the names they meet (see prepared).
//
// The runner is chosen with --runner (prism, in-process, by default); see
// usage for Flink, Spark and Dataflow.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/gcs"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	"github.com/resolve-tool/resolve/config"
)

const version = "dev"

// Exit codes: 0 done, 1 the pipeline failed, 2 a usage or configuration
// error.
const (
	exitOK     = 0
	exitFailed = 1
	exitUsage  = 2
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

const usage = `usage: resolve-beam --in FILE --out CLUSTERS.jsonl [--previous PREV.jsonl] [--judgements FILE] [--config resolve.yaml] [runner flags]

Runs the resolve stage (dedup, block, score, cluster, explain) as an Apache
Beam pipeline and writes the clusters as the report's JSON lines. Paths may be
local or on a Beam filesystem (gs://bucket/...).

Runners (--runner):
  prism     in-process, the default: tests and small runs
  flink     --runner=flink --endpoint=localhost:8099 --environment_type=LOOPBACK
            (a Flink job server: apache/beam_flink1.18_job_server; use
            --environment_type=DOCKER --environment_config=apache/beam_go_sdk:2.77.0
            on a real cluster)
  spark     --runner=spark --endpoint=localhost:8099 --environment_type=LOOPBACK
            (a Spark job server: apache/beam_spark3_job_server)
  dataflow  --runner=dataflow --project=PROJECT --region=REGION
            --staging_location=gs://BUCKET/staging --temp_location=gs://BUCKET/tmp
            [--worker_machine_type=n2-highmem-4 --max_num_workers=N]

Flags:
`

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("resolve-beam", flag.ContinueOnError)
	fs.SetOutput(stderr)
	in := fs.String("in", "", "input CSV or TSV (required)")
	out := fs.String("out", "", "where the clusters are written as JSON lines (required)")
	prev := fs.String("previous", "", "the previous run's JSON lines: clusters keep their IDs")
	judgements := fs.String("judgements", "", "investigators' decisions (CSV kind,a,b,note or YAML), as resolve's --judgements; default: the configuration's judgements")
	cfgPath := fs.String("config", "", "configuration file (as resolve's --config); defaults are built in")
	rounds := fs.Int("rounds", 4, "label-propagation rounds before the residual union-find (any value gives the same clusters)")
	// Beam's own flags (runner, endpoint, project, ...) live on the
	// standard flag set: parse them here too.
	flag.CommandLine.VisitAll(func(f *flag.Flag) {
		if fs.Lookup(f.Name) == nil {
			fs.Var(f.Value, f.Name, f.Usage)
		}
	})
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		for _, name := range []string{"in", "out", "previous", "judgements", "config", "rounds", "runner", "endpoint", "environment_type",
			"environment_config", "project", "region", "staging_location", "temp_location", "worker_machine_type", "max_num_workers", "job_name"} {
			if f := fs.Lookup(name); f != nil {
				fmt.Fprintf(stderr, "  --%s\t%s\n", f.Name, f.Usage)
			}
		}
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	// On a remote worker the runner starts this binary with --worker:
	// beam.Init then runs the SDK harness and never returns.
	beam.Init()
	if *in == "" || *out == "" {
		fmt.Fprintln(stderr, "error: --in and --out are required")
		fmt.Fprintln(stderr, "hint: resolve-beam --in suppliers.csv --out clusters.jsonl (--help lists the runners)")
		return exitUsage
	}
	cfg, err := config.New().Load(*cfgPath)
	if err != nil {
		fmt.Fprintf(stderr, "error: %v\n", err)
		return exitUsage
	}
	if *judgements == "" {
		*judgements = cfg.Judgements
	}
	p, s := beam.NewPipelineWithRoot()
	job := Job{In: *in, Out: *out, Previous: *prev, Judgements: *judgements, Config: cfg, Rounds: *rounds, Version: version}
	if err := Build(ctx, s, job); err != nil {
		fmt.Fprintf(stderr, "error: %v\n", err)
		fmt.Fprintln(stderr, "hint: fix the judgements file (header kind,a,b,note) or the previous run's lines")
		return exitUsage
	}
	start := time.Now()
	if err := beamx.Run(ctx, p); err != nil {
		fmt.Fprintf(stderr, "error: pipeline: %v\n", err)
		return exitFailed
	}
	fmt.Fprintf(stdout, "wrote %s in %s\n", *out, time.Since(start).Round(time.Millisecond))
	return exitOK
}
