package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strings"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/rs/zerolog"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/resolve-tool/resolve/config"
	"github.com/resolve-tool/resolve/resolve/report"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

// app carries what every subcommand needs; nothing here is global.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	loader         *config.Loader
	configPath     string
	cfg            *config.Config
	log            zerolog.Logger
	stopProfile    func() // ends --cpuprofile; a no-op without it
	heapProfile    string // --heapprofile: the main job writes PREFIX-STAGE.pprof after each stage
	// progressAfter is how long a stage runs before its progress bar shows,
	// progressEvery how often the bar is redrawn at most.
	progressAfter, progressEvery time.Duration
	// summary: stdout is a terminal that gets a summary of the run, the
	// report going to a file (see humanTarget).
	summary bool
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return newApp(stdin, stdout, stderr).run(ctx, args)
}

func newApp(stdin io.Reader, stdout, stderr io.Writer) *app {
	return &app{stdin: stdin, stdout: stdout, stderr: stderr, loader: config.New(), stopProfile: func() {},
		progressAfter: time.Second, progressEvery: 200 * time.Millisecond}
}

func (a *app) run(ctx context.Context, args []string) int {
	stdin, stdout, stderr := a.stdin, a.stdout, a.stderr
	root := a.rootCmd()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	a.stopProfile() // also when the command failed (PersistentPostRun is skipped then)
	return exitCode(ctx, err, stderr)
}

// bind makes a flag override a configuration key when the user sets it.
func (a *app) bind(fs *pflag.FlagSet, flag, key string) {
	a.loader.BindFlag(key, fs.Lookup(flag))
}

func (a *app) rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "resolve --in names.csv [--out report.json]",
		Short: "Cluster company-name variants from customs records and verify them",
		Long: `resolve reads a CSV or TSV of company names (customs records), normalises every
name (Unicode, legal forms, generic words, Hangul/Cyrillic/Chinese transliteration,
romanisation variants), clusters the variants of one company, optionally verifies
each cluster against registries and the web, and writes a versioned JSON report.

No outside service is contacted unless the configuration turns it on.

` + exitCodeHelp,
		SilenceErrors: true,
		SilenceUsage:  true,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageErr("run `resolve --help` for the commands and flags", "unexpected argument %q", args[0])
			}
			return nil
		},
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			if p, _ := cmd.Flags().GetString("cpuprofile"); p != "" {
				f, err := os.Create(p)
				if err != nil {
					return usageErr("give a writable path to --cpuprofile", "%v", err)
				}
				if err := pprof.StartCPUProfile(f); err != nil {
					return err
				}
				a.stopProfile = func() { pprof.StopCPUProfile(); f.Close() }
			}
			a.heapProfile, _ = cmd.Flags().GetString("heapprofile")
			return a.loadConfig()
		},
		PersistentPostRun: func(*cobra.Command, []string) { a.stopProfile() },
		RunE: func(cmd *cobra.Command, _ []string) error {
			in, _ := cmd.Flags().GetString("in")
			if in == "" {
				return usageErr("give the input file: resolve --in names.csv", "no input file")
			}
			a.summary = a.humanTarget(cmd.Flags().Changed("format"))
			return a.job().Main(cmd.Context(), in)
		},
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		return usageErr("run `resolve --help` for the flags", "%v", err)
	})
	pf := root.PersistentFlags()
	pf.StringVar(&a.configPath, "config", "", "YAML configuration `FILE` (resolve config prints every key)")
	pf.String("log-level", "info", "log level: debug, info, warn, error")
	pf.String("log-format", "auto", "log format: auto, console, json")
	pf.String("store", "", "path of the embedded store (store.path)")
	pf.String("judgements", "", "investigator decisions file, CSV or YAML (judgements)")
	pf.String("cpuprofile", "", "write a CPU profile (pprof) to this `FILE`, its samples labelled with the main job's stage (go tool pprof -tagfocus stage=verify)")
	_ = pf.MarkHidden("cpuprofile")
	pf.String("heapprofile", "", "write a heap profile (pprof) after each stage of the main job to `PREFIX`-STAGE.pprof")
	_ = pf.MarkHidden("heapprofile")
	a.bind(pf, "judgements", "judgements")
	a.bind(pf, "log-level", "log.level")
	a.bind(pf, "log-format", "log.format")
	a.bind(pf, "store", "store.path")

	f := root.Flags()
	f.String("in", "", "input CSV or TSV file with a header row; - is stdin")
	f.String("out", "-", "report file; - is stdout. Written atomically")
	f.Var(newChoice("json", config.OutputFormats...), "format", "report format: "+strings.Join(config.OutputFormats, ", "))
	f.String("name-col", "name", "column that holds the company name")
	f.String("encoding", "utf-8", "input encoding: utf-8, cp949/euc-kr, windows-1251, gb18030, big5, shift-jis")
	f.Var(newChoice("", config.Severities...), "fail-on", "exit 3 when a flag of this `SEVERITY` or higher is raised: "+strings.Join(config.Severities, ", "))
	a.bind(f, "out", "output.path")
	a.bind(f, "format", "output.format")
	a.bind(f, "name-col", "input.name_col")
	a.bind(f, "encoding", "input.encoding")
	a.bind(f, "fail-on", "fail_on")

	root.AddCommand(a.matchCmd(), a.evalCmd(), a.configCmd(), a.versionCmd(), a.genCmd(), a.scaleCmd(), a.renderCmd(), a.indexCmd(), a.runsCmd(), a.diffCmd(), a.judgeCmd(), a.serveCmd(), a.verifyCmd())
	for _, c := range root.Commands() {
		c.SilenceErrors, c.SilenceUsage = true, true
	}
	return root
}

func (a *app) loadConfig() error {
	cfg, err := a.loader.Load(a.configPath)
	if err != nil {
		return err
	}
	a.cfg = cfg
	a.log = newLogger(a.stderr, cfg.Log)
	// Batch work over millions of names: a higher GC target under a soft
	// memory limit is faster than Go's defaults and still bounded.
	if cfg.MemoryMiB > 0 && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(int64(cfg.MemoryMiB) << 20)
	}
	if cfg.GCPercent > 0 && os.Getenv("GOGC") == "" {
		debug.SetGCPercent(cfg.GCPercent)
	}
	return nil
}

// newLogger builds the one logger of the process: human-readable on a
// terminal, JSON lines otherwise.
func newLogger(w io.Writer, c config.Log) zerolog.Logger {
	level, err := zerolog.ParseLevel(c.Level)
	if err != nil {
		level = zerolog.InfoLevel
	}
	console := c.Format == "console" || (c.Format == "auto" && isTerminal(w))
	if console {
		w = zerolog.ConsoleWriter{Out: w, TimeFormat: "15:04:05"}
	}
	return zerolog.New(w).Level(level).With().Timestamp().Logger()
}

// isTerminal reports whether w is a terminal: an *os.File on a TTY, or a
// writer that says so itself (IsTerminal() bool; tests use one).
func isTerminal(w io.Writer) bool {
	if t, ok := w.(interface{ IsTerminal() bool }); ok {
		return t.IsTerminal()
	}
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

func (a *app) versionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version and the report schema version",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			fmt.Fprintf(a.stdout, "resolve %s (report schema_version %d)\n", version, report.SchemaVersion)
			return nil
		},
	}
}

func (a *app) configCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Print the effective configuration as YAML, secrets redacted",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			b, err := a.cfg.Redacted()
			if err != nil {
				return err
			}
			_, err = a.stdout.Write(b)
			return err
		},
	}
	cmd.AddCommand(a.configInitCmd())
	return cmd
}

// configInitCmd writes the defaults, every key with its comment, as a
// starting configuration file.
func (a *app) configInitCmd() *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "init [FILE]",
		Short: "Write a commented starting configuration (every key with its default) to FILE (resolve.yaml; - is stdout)",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usageErr("usage: resolve config init [FILE]", "unexpected argument %q", args[1])
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			path := "resolve.yaml"
			if len(args) == 1 {
				path = args[0]
			}
			body := append([]byte("# Starting configuration written by `resolve config init`: every key with its\n"+
				"# default. Keep the keys you change and delete the rest; use it with\n"+
				"# resolve --config "+path+" --in names.csv\n\n"), config.DefaultYAML()...)
			if path == "-" {
				_, err := a.stdout.Write(body)
				return err
			}
			if fileExists(path) && !force {
				return usageErr("give another file name, or --force to replace it", "%s exists", path)
			}
			if err := writeAtomic(cmd.Context(), path, a.stdout, func(w io.Writer) error { _, err := w.Write(body); return err }); err != nil {
				return err
			}
			a.log.Info().Str("file", path).Msg("starting configuration written")
			return nil
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "replace an existing file")
	return cmd
}

func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageErr(fmt.Sprintf("see `resolve %s --help`", cmd.Name()), "unexpected argument %q", args[0])
	}
	return nil
}

func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return usageErr(fmt.Sprintf("usage: %s", cmd.UseLine()), "%s needs %s", cmd.Name(), what)
		}
		return nil
	}
}

// choice is a string flag that takes one of a list of values: a wrong value
// is a usage error (exit 2) that lists them, caught while the flags are
// parsed rather than as a configuration error.
type choice struct {
	value string
	valid []string
}

func newChoice(def string, valid ...string) *choice { return &choice{value: def, valid: valid} }

func (c *choice) Set(s string) error {
	if !slices.Contains(c.valid, s) {
		return fmt.Errorf("must be one of %s", strings.Join(c.valid, ", "))
	}
	c.value = s
	return nil
}

func (c *choice) String() string { return c.value }

// Type is "string" so that the configuration reads the flag as one.
func (c *choice) Type() string { return "string" }
