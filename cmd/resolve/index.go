package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/resolve-tool/resolve/resolve/pipeline"
	"github.com/resolve-tool/resolve/verify/bulk"
)

func (a *app) indexCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "index SOURCE FILE...",
		Short: "Load a bulk file (GLEIF golden copy, OFAC, OpenSanctions, ICIJ, Companies House, OpenDART) into the store",
		Long: `Stream a bulk file into the embedded store (store.path) with a name index built
by the matching engine's normalisation, so that the "local" source can search it
offline. SOURCE is one of: ` + strings.Join(bulk.Formats(), ", ") + `.
Re-indexing a source replaces what it had, atomically. Plain, .gz and .zip files.

ofac reads sdn.xml or SDN_ADVANCED.XML (as OFAC publishes them today; also
consolidated.xml and cons_advanced.xml), OpenSanctions' targets.simple.csv, or
the legacy sdn.csv with add.csv and alt.csv. opensanctions reads
entities.ftm.json or targets.simple.csv.

Example:
  resolve index ofac SDN_ADVANCED.XML
  resolve index opensanctions targets.simple.csv.gz`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) < 2 {
				return usageErr("usage: resolve index SOURCE FILE...", "index needs a source and at least one file")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			// Every file is checked before the store is opened: a mistyped
			// path names itself and leaves no new store behind.
			for _, f := range args[1:] {
				if err := checkReadable(f); err != nil {
					return usageErr("check the paths given to resolve index", "index %s: %v", args[0], err)
				}
			}
			st, err := a.job().OpenStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			bar := a.progress("index "+args[0], -1)
			stats, err := bulk.IndexWith(ctx, st, args[0], args[1:], pipeline.BulkOptions(func(rows int64) {
				bar(int(rows))
				a.log.Debug().Int64("rows", rows).Msg("indexing")
			}))
			bar(-1)
			if err != nil {
				if errors.Is(err, bulk.ErrUnknownFormat) {
					return usageErr("SOURCE is one of "+strings.Join(bulk.Formats(), ", "), "%v", err)
				}
				return err
			}
			a.log.Info().Str("source", stats.Source).Int64("entities", stats.Entities).Int64("skipped", stats.Skipped).
				Dur("took", stats.Duration).Msg("indexed")
			return nil
		},
	}
}

// checkReadable says why path cannot be read as a bulk file: missing,
// unreadable or a directory.
func checkReadable(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil {
		return err
	} else if fi.IsDir() {
		return fmt.Errorf("%s is a directory", path)
	}
	return nil
}
