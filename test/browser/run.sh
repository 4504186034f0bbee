#!/usr/bin/env bash
# `npm run test:browser`: the n8n editor (current line, n8n 2.41.1 on Node 24) in Debian's Chromium,
# driven by Playwright (playwright-core, no browser download), against the Graph sandbox's demo
# tenant, clicked through as a new user would (editor.js). Screenshots go to test-results/browser/
# (ignored); SCREENSHOTS=docs/images npm run test:browser refreshes the README's.
# Expects `npm run build` to have run. Installs Chromium with apt-get when it is missing.
# Env: BROWSER_KEEP=1 keeps the work folder; SCREENSHOTS (default test-results/browser).
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
started=$SECONDS
work="$(mktemp -d "${TMPDIR:-/tmp}/n8n-browser.XXXXXX")"
sandbox_pid=
n8n_pid=
cleanup() {
	local status=$?
	for pid in $n8n_pid $sandbox_pid; do kill "$pid" 2>/dev/null || true; done
	for pid in $n8n_pid $sandbox_pid; do wait "$pid" 2>/dev/null || true; done
	if [ "$status" -eq 0 ] && [ -z "${BROWSER_KEEP:-}" ]; then rm -rf "$work"; else echo "Work folder kept: $work"; fi
}
trap cleanup EXIT
step() { echo "== $* ($((SECONDS - started)) s)"; }

step "Chromium (Debian package)"
if ! command -v chromium > /dev/null; then
	[ "$(id -u)" -eq 0 ] || { echo "chromium is missing: run apt-get install -y chromium as root" >&2; exit 1; }
	apt-get install -y -qq chromium > "$work/apt.log" 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium > "$work/apt.log" 2>&1; }
fi
chromium --version 2> /dev/null

step "n8n (current line, Node 24)"
eval "$(bash test/e2e/install-n8n-current.sh)"
export N8N_BIN="$N8N_CURRENT_BIN"
export N8N_USER_FOLDER="$work/home"
# shellcheck source=test/e2e/lib.sh
source test/e2e/lib.sh
export N8N_DISABLED_MODULES=mcp-registry
export N8N_PORT="$(free_port)"
bash test/e2e/install-package.sh "$N8N_USER_FOLDER"

step "sandbox (demo tenant) and n8n start"
start_sandbox "$work/sandbox" demo
"$N8N_BIN" start > "$work/n8n.log" 2>&1 &
n8n_pid=$!

step "the editor in Chromium (test/browser/editor.js)"
N8N_URL="http://127.0.0.1:$N8N_PORT" N8N_LOG="$work/n8n.log" node test/browser/editor.js "$work/sandbox"
step "done"
