#!/usr/bin/env bash
# Installs Debian's OpenRefine (package openrefine, 3.6.2 in bookworm; it
# pulls in a Java runtime) for the real-client test of resolve serve, and
# prints the line to export:
#
#   eval "$(bash .ci/openrefine.sh)"   # sets RESOLVE_TEST_OPENREFINE
#   go test ./cmd/resolve -run ServeOpenRefine
#
# When the package cannot be installed here (no candidate in the apt
# sources), it prints nothing and says why on stderr: the test then skips.
# Cost, measured on the development machine (2 shared cores): the install
# took 1 min 44 s with a Java runtime already there (apt history), the test
# 54 s at a load average of 19, so CI runs it (the limit is 5 minutes).
# Progress goes to stderr; stdout holds only the export line.
set -euo pipefail
log() { echo "openrefine.sh: $*" >&2; }

if ! command -v openrefine >/dev/null 2>&1; then
	export DEBIAN_FRONTEND=noninteractive
	apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
	if ! apt-cache policy openrefine 2>/dev/null | grep -q 'Candidate: [0-9]'; then
		log "no openrefine package in the apt sources: the OpenRefine test of resolve serve will skip"
		exit 0
	fi
	log "installing openrefine"
	apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends openrefine >&2
fi
echo "RESOLVE_TEST_OPENREFINE=$(command -v openrefine)"
