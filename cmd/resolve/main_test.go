package main

import (
	"context"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"resolve": func() { os.Exit(run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestCLI runs the command-line contract in testdata/script/*.txt.
func TestCLI(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			// Every script runs offline with its own store and no user config.
			env.Setenv("RESOLVE_STORE_PATH", env.WorkDir+"/resolve.db")
			env.Setenv("HOME", env.WorkDir)
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"copyrepo": copyRepoFile,
		},
	})
}

// copyRepoFile copies a file of the repository (relative to the repo root)
// into the script's work directory: copyrepo testdata/suppliers.csv in.csv
func copyRepoFile(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: copyrepo SRC DST")
	}
	b, err := os.ReadFile("../../" + args[0])
	ts.Check(err)
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), b, 0o644))
}
