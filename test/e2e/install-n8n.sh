#!/usr/bin/env bash
# Installs the pinned n8n (test/e2e/n8n: package.json + package-lock.json) on the machine's Node 20,
# into a cache outside the clone: $ENTRA_E2E_CACHE/n8n-2.8.4 (default ~/.cache/n8n-nodes-entra-id),
# or N8N_INSTALL_DIR. Skips the work when that exact pin is already installed. Used by the e2e test
# and the demo.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
spec="$root/test/e2e/n8n"
dest="${N8N_INSTALL_DIR:-${ENTRA_E2E_CACHE:-$HOME/.cache/n8n-nodes-entra-id}/n8n-$(node -p "require('$spec/package.json').dependencies.n8n")}"
stamp="$dest/.installed"
want="$(cat "$spec/package.json" "$spec/package-lock.json" | sha256sum | cut -d' ' -f1)"

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$dest/node_modules/.bin/n8n" ]; then
	echo "n8n $(node -p "require('$dest/node_modules/n8n/package.json').version") already installed in $dest"
	exit 0
fi

echo "Installing n8n into $dest (a few minutes: sqlite3 builds from source)"
mkdir -p "$dest"
rm -f "$stamp"
cp "$spec/package.json" "$spec/package-lock.json" "$dest/"
start=$SECONDS
# `npm install` with the lockfile, not `npm ci`: npm ci refuses this lock because it lacks the
# other platforms' optional @msgpackr-extract entries. --ignore-scripts=false overrides the repo's
# .npmrc, which `npm run` passes down as npm_config_ignore_scripts: n8n needs sqlite3's build.
# SCARF_ANALYTICS=false stops a dependency's install-time analytics call.
(cd "$dest" && SCARF_ANALYTICS=false npm install --ignore-scripts=false --no-audit --no-fund --loglevel=error)
test -f "$dest/node_modules/sqlite3/build/Release/node_sqlite3.node" || { echo "sqlite3 did not build: n8n cannot run" >&2; exit 1; }
echo "$want" > "$stamp"
echo "n8n $(node -p "require('$dest/node_modules/n8n/package.json').version") installed in $((SECONDS - start)) s ($(du -sh "$dest" | cut -f1))"
