#!/usr/bin/env bash
# `npm run test:queue`: this package on n8n's queue mode (main + two workers, Redis, Postgres)
# against the Graph sandbox. Expects `npm run build` to have run. Installs Redis and Postgres
# with apt-get when missing (as root, or through sudo without a password); as root it runs
# Postgres as the `postgres` user.
#
# Usage: test/queue/run.sh [current|pinned]. The n8n under test: N8N_BIN (an n8n binary) when
# set; else `current` (the default, what users install today: n8n 2.41.1 on Node 24, from
# test/e2e/install-n8n-current.sh) or `pinned` (n8n 2.8.4 on Node 20, test/e2e/install-n8n.sh).
# QUEUE_NODE_DIR, when set, is put first on PATH (the folder holding the `node` that n8n needs).
#
# Starts Redis and Postgres on free loopback ports with their data in a temporary folder
# (services.sh), installs the packed package into each process's user folder
# (test/e2e/install-package.sh), then runs the driver (run.js). Everything it started is stopped
# on exit, failure included.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
QUEUE_STARTED_AT="$(date +%s)"
work="$(mktemp -d "${TMPDIR:-/tmp}/n8n-queue.XXXXXX")"
driver_ran=no

if [ -n "${QUEUE_NODE_DIR:-}" ]; then export PATH="$QUEUE_NODE_DIR:$PATH"; fi

# shellcheck source=test/queue/services.sh
source test/queue/services.sh

cleanup() {
	local status=$?
	stop_services
	if [ "$driver_ran" = no ]; then echo "Queue: 0 passed, 1 failed (setup failed after $(($(date +%s) - QUEUE_STARTED_AT)) s)"; fi
	if [ "$status" -eq 0 ] && [ -z "${QUEUE_KEEP:-}" ]; then rm -rf "$work"; fi
}
trap cleanup EXIT

step() { echo "== $* ($(($(date +%s) - QUEUE_STARTED_AT)) s)"; }

echo "Work folder $work (kept when the run fails, or with QUEUE_KEEP=1)"

if [ -z "${N8N_BIN:-}" ]; then
	case "${1:-current}" in
		current)
			step "n8n (current line, Node 24)"
			eval "$(bash test/e2e/install-n8n-current.sh)"
			export N8N_BIN="$N8N_CURRENT_BIN" QUEUE_NODE_DIR="$N8N_CURRENT_NODE_DIR/bin"
			export PATH="$QUEUE_NODE_DIR:$PATH"
			export N8N_DISABLED_MODULES=mcp-registry # its start-up call goes to the internet
			;;
		pinned)
			step "n8n (pinned line, Node 20)"
			bash test/e2e/install-n8n.sh
			;;
		*) echo "usage: test/queue/run.sh [current|pinned]" >&2; exit 2 ;;
	esac
fi

step "package: npm pack, installed as a community package for main, worker1 and worker2"
# Before lib.sh: it points NODE_EXTRA_CA_CERTS at the sandbox's CA, and npm on Node 24 then
# no longer trusts the machine's certificates for the registry (it retries, idle, for minutes).
for name in main worker1 worker2; do
	timeout 300 bash test/e2e/install-package.sh "$work/$name" > "$work/install-$name.log" 2>&1 \
		|| { cat "$work/install-$name.log" >&2; echo "installing the package for $name failed or took over 5 minutes" >&2; exit 1; }
	tail -n1 "$work/install-$name.log"
done

given_bin="${N8N_BIN:-}"
export N8N_USER_FOLDER="$work/main"
# shellcheck source=test/e2e/lib.sh
source test/e2e/lib.sh
export N8N_BIN="${given_bin:-$N8N_BIN}"
echo "n8n $("$N8N_BIN" --version) on Node $(node --version) ($N8N_BIN)"

step "Redis and Postgres (Debian packages) on 127.0.0.1"
start_services "$work"

step "driver (test/queue/run.js)"
driver_ran=yes
status=0
QUEUE_WORK="$work" node test/queue/run.js || status=$?
step "done"
exit "$status"
