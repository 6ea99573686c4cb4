package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/resolve-tool/resolve/resolve/store"
)

// With store.postgres_dsn the run state lives in PostgreSQL: two nightly runs
// see each other (IDs kept, changes against the previous run, runs listed).
// Runs when RESOLVE_TEST_POSTGRES_DSN is set (.ci/postgres.sh starts a server).
func TestNightlyRunsOnPostgres(t *testing.T) {
	ctx := context.Background()
	conn, schema := postgresSchema(t, "cli_test")
	store := filepath.Join(t.TempDir(), "cache.db")
	first := runIn(t, store, "--in", "../../testdata/suppliers.csv")
	second := runIn(t, store, "--in", shuffled(t, 9))
	if second.Changes == nil || second.Changes.PreviousRunID != first.Run.ID {
		t.Fatalf("the second run does not see the first in PostgreSQL: %+v", second.Changes)
	}
	before, after := idsByName(first), idsByName(second)
	for name, id := range before {
		if after[name] != id {
			t.Fatalf("%q changed ID from %s to %s", name, id, after[name])
		}
	}
	var n int
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM "+schema+".state_run WHERE outcome = 'succeeded'").Scan(&n); err != nil || n != 2 {
		t.Fatalf("runs recorded in PostgreSQL: %d (%v), want 2", n, err)
	}

	// resolve serve reads the second run's clusters from PostgreSQL in
	// read-only transactions.
	ts := serveTest(t, serveApp(t, store, ""))
	var got serveResults
	if err := json.Unmarshal(serveGet(t, ts, "/?queries="+url.QueryEscape(`{"q0":{"query":"KYUNGKI IND. CO., LTD."}}`)), &got); err != nil {
		t.Fatal(err)
	}
	if r := got["q0"].Result; len(r) == 0 || !r[0].Match || r[0].ID != after["Kyungki Industrial Co., Ltd."] {
		t.Errorf("served from PostgreSQL: %+v, want cluster %s matched", r, after["Kyungki Industrial Co., Ltd."])
	}
}

// TestServeRefusesAnUnmigratedPostgres: serve reads the PostgreSQL run state
// read-only: a schema without the state tables (or at an older version) is
// refused with the hint to run resolve once, and nothing is created in it.
func TestServeRefusesAnUnmigratedPostgres(t *testing.T) {
	ctx := context.Background()
	conn, schema := postgresSchema(t, "cli_serve_test")
	st := filepath.Join(t.TempDir(), "cache.db")
	s, err := store.Open(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	var errb bytes.Buffer
	code := run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--store", st}, strings.NewReader(""), io.Discard, &errb)
	if code != exitUsage || !strings.Contains(errb.String(), "will not migrate the PostgreSQL run state") || !strings.Contains(errb.String(), "run resolve once") {
		t.Errorf("exit %d, want %d refusing the unmigrated PostgreSQL state: %s", code, exitUsage, errb.String())
	}
	var tables int
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM pg_tables WHERE schemaname = $1", schema).Scan(&tables); err != nil || tables != 0 {
		t.Errorf("serve created %d tables in the schema (%v)", tables, err)
	}
}

// postgresSchema connects to the server RESOLVE_TEST_POSTGRES_DSN names (or
// skips), creates a schema of its own named after prefix, dropped when the
// test ends, and points the store's PostgreSQL DSN at it.
func postgresSchema(t *testing.T, prefix string) (*pgx.Conn, string) {
	t.Helper()
	dsn := os.Getenv("RESOLVE_TEST_POSTGRES_DSN")
	if dsn == "" {
		t.Skip("RESOLVE_TEST_POSTGRES_DSN not set: start a server with `eval \"$(bash .ci/postgres.sh)\"`")
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	schema := fmt.Sprintf("%s_%d", prefix, time.Now().UnixNano())
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		conn.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE")
		conn.Close(ctx)
	})
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	t.Setenv("RESOLVE_STORE_POSTGRES_DSN", dsn+sep+"search_path="+schema)
	return conn, schema
}
