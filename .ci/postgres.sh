#!/usr/bin/env bash
# Installs Debian's PostgreSQL (if missing), starts a throwaway server on
# loopback only, creates a test database, and prints the line to export for
# the state tests:
#
#   eval "$(bash .ci/postgres.sh)"     # sets RESOLVE_TEST_POSTGRES_DSN
#   go test ./resolve/state/...
#
# Run as root on a fresh Debian machine. Progress goes to stderr; stdout holds
# only the export line. The data directory is PGDATA_DIR (default
# /tmp/resolve-pg), the port PGPORT_TEST (default 55432). Running it again
# reuses a server that is already up.
set -euo pipefail

port="${PGPORT_TEST:-55432}"
data="${PGDATA_DIR:-/tmp/resolve-pg}"
log() { echo "postgres.sh: $*" >&2; }

if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
	log "installing postgresql"
	export DEBIAN_FRONTEND=noninteractive
	apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
	apt-get -o DPkg::Lock::Timeout=600 install -y -qq postgresql >&2
fi
bin="$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")"

# The Debian package may have started its own cluster on 5432; leave it alone,
# ours is separate.
if ! su postgres -s /bin/sh -c "'$bin/pg_isready' -q -h 127.0.0.1 -p $port"; then
	if [ ! -f "$data/PG_VERSION" ]; then
		log "initdb $data"
		mkdir -p "$data"
		chown postgres:postgres "$data"
		su postgres -s /bin/sh -c "'$bin/initdb' -D '$data' -A trust -U postgres --no-sync -E UTF8 --locale=C.UTF-8" >&2
	fi
	log "starting on 127.0.0.1:$port"
	su postgres -s /bin/sh -c "'$bin/pg_ctl' -D '$data' -l '$data/server.log' -w -t 60 \
		-o \"-k /tmp -h 127.0.0.1 -p $port -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start" >&2
fi
su postgres -s /bin/sh -c "'$bin/psql' -q -h 127.0.0.1 -p $port -U postgres -d postgres -tAc \
	\"SELECT 1 FROM pg_database WHERE datname = 'resolve_test'\"" | grep -q 1 ||
	su postgres -s /bin/sh -c "'$bin/createdb' -h 127.0.0.1 -p $port -U postgres resolve_test" >&2
echo "export RESOLVE_TEST_POSTGRES_DSN='postgres://postgres@127.0.0.1:$port/resolve_test?sslmode=disable'"
