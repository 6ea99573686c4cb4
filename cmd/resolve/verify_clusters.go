package main

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/resolve-tool/resolve/config"
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
			return a.job().VerifyClusters(cmd.Context(), clusters)
		},
	}
	f := cmd.Flags()
	f.StringVar(&clusters, "clusters", "", "the clusters as JSON lines (resolve-beam --out)")
	f.StringVar(&out, "out", "-", "report file; - is stdout. Written atomically")
	f.Var(format, "format", "report format: "+strings.Join(config.OutputFormats, ", "))
	f.Var(failOn, "fail-on", "exit 3 when a flag of this `SEVERITY` or higher is raised: "+strings.Join(config.Severities, ", "))
	return cmd
}
