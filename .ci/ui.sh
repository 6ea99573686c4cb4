#!/bin/sh
# .ci/ui.sh installs what the renderer tests in resolve/report/render need on a
# fresh Debian (bookworm or later) machine, run as root:
#   - chromium (Debian's package; Playwright's own browser download is not used),
#   - Node.js and npm (skipped when node is already on PATH),
#   - fonts-noto-cjk, so Chinese, Japanese and Korean names render in screenshots,
#   - the pinned npm packages of testdata/ftm-check (@alephdata/followthemoney)
#     and testdata/browser-check (playwright-core), from their lock files.
# Then `go test ./resolve/report/render/...` runs the FtM model check and the
# headless browser test instead of skipping them.
#
# Usage: .ci/ui.sh            (from anywhere inside the repository)
# Set SKIP_APT=1 to skip the apt-get steps when the packages are already there.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)

if [ "${SKIP_APT:-0}" != 1 ]; then
	pkgs="chromium fonts-noto-cjk"
	command -v node >/dev/null 2>&1 || pkgs="$pkgs nodejs"
	command -v npm >/dev/null 2>&1 || pkgs="$pkgs npm"
	export DEBIAN_FRONTEND=noninteractive
	apt-get -o DPkg::Lock::Timeout=600 update
	# shellcheck disable=SC2086 # word splitting of the package list is intended
	apt-get -o DPkg::Lock::Timeout=600 install -y $pkgs
fi

command -v chromium >/dev/null 2>&1 || { echo "error: chromium not on PATH after install" >&2; exit 1; }
chromium --version 2>/dev/null || true
node --version
# playwright-core 1.65 needs Node.js 20 or later (Debian bookworm's own nodejs is 18).
major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 20 ]; then
	echo "error: Node.js $(node --version) is too old for playwright-core (needs >= 20)" >&2
	echo "hint: install Node.js 20+ (e.g. from NodeSource or Debian trixie) and rerun .ci/ui.sh" >&2
	exit 1
fi

for dir in testdata/ftm-check testdata/browser-check; do
	echo "npm ci in $dir"
	(cd "$root/$dir" && npm ci --no-audit --no-fund)
done
