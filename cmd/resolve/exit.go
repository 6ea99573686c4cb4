package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/resolve-tool/resolve/config"
	"github.com/resolve-tool/resolve/resolve/input"
	"github.com/resolve-tool/resolve/resolve/pipeline"
)

// Exit codes: one table, the same for every output format, printed in --help
// and in the README.
const (
	exitOK        = 0   // done
	exitFailure   = 1   // runtime failure (I/O, store, unexpected error)
	exitUsage     = 2   // usage, configuration or unreadable-input error
	exitFlagged   = 3   // done, and flags at or above --fail-on were raised
	exitUnchecked = 4   // done, but every enabled source failed (only with --fail-on)
	exitCancelled = 130 // interrupted (Ctrl-C, SIGTERM); nothing half-written
)

const exitCodeHelp = `Exit codes:
  0    done
  1    runtime failure
  2    usage or configuration error, or input that cannot be read at all
  3    done, and flags at or above --fail-on SEVERITY were raised (only with --fail-on)
  4    done, but every enabled source failed: nothing was verified (only with --fail-on)
  130  interrupted (Ctrl-C / SIGTERM); --out is left untouched`

// usageErr is a mistake of the caller (bad flag, bad config, unreadable
// input), exit 2, with what to do about it: the same error as the main
// job's library gives.
func usageErr(hint string, format string, args ...any) error {
	return pipeline.Usage(hint, format, args...)
}

// usageErrors are the sentinels of other packages that mean "the caller
// gave something unusable" (exit 2), with the hint printed for each.
var usageErrors = []struct {
	err  error
	hint string
}{
	{config.ErrInvalid, "run `resolve config` to see every key and its current value"},
	{input.ErrNoFile, "check the path given to --in"},
	{input.ErrNoNameColumn, "name the column that holds company names with --name-col COLUMN"},
	{input.ErrHeader, "fix the header row (quoting, encoding, a column given twice)"},
	{input.ErrEncoding, "use --encoding with one of utf-8, cp949, windows-1251, gb18030, big5, shift-jis"},
	{input.ErrEmpty, "the input needs a header row and at least the name column"},
}

// exitCode maps an error to the documented exit code and prints it age-style:
// "error: ..." then "hint: ...".
func exitCode(ctx context.Context, err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	if errors.Is(err, pipeline.ErrFlagged) {
		return exitFlagged
	}
	if errors.Is(err, pipeline.ErrUnverified) {
		fmt.Fprintf(stderr, "error: %v\nhint: check the sources' status and keys (the log names them); the next run asks again\n", err)
		return exitUnchecked
	}
	if errors.Is(err, context.Canceled) || ctx.Err() != nil {
		fmt.Fprintln(stderr, "error: interrupted; no output was written")
		return exitCancelled
	}
	fmt.Fprintf(stderr, "error: %v\n", err)
	var ue *pipeline.UsageError
	if errors.As(err, &ue) {
		if ue.Hint != "" {
			fmt.Fprintf(stderr, "hint: %s\n", ue.Hint)
		}
		return exitUsage
	}
	for _, u := range usageErrors {
		if errors.Is(err, u.err) {
			fmt.Fprintf(stderr, "hint: %s\n", u.hint)
			return exitUsage
		}
	}
	return exitFailure
}
