#!/usr/bin/env bash
# `npm run test:e2e` runs this once per n8n line: this package inside a real n8n against the Graph
# sandbox. Usage: bash test/e2e/run.sh [pinned|current]
#   pinned   n8n 2.8.4 on the machine's Node 20 (install-n8n.sh)
#   current  n8n 2.41.1 on Node 24 (install-n8n-current.sh), plus the checks only it runs: the AI
#            tool variant (workflows-current/), and in `n8n start` the credential tests and the
#            published trigger emitting a change made in the sandbox (server-checks.js)
# Expects `npm run build` to have run; builds nothing itself. Installs n8n once (cached outside the
# clone), installs the packed package as n8n installs a community package (install-package.sh),
# starts the sandbox on free loopback ports (sandbox.js), imports the credentials and workflows with
# n8n's CLI, then runs and checks each workflow (run-cases.js), and the example workflows
# (test/examples/run.js, in the same n8n user folder).
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
line="${1:-pinned}"
E2E_STARTED_AT="$(date +%s)"
work="$(mktemp -d "${TMPDIR:-/tmp}/n8n-e2e-$line.XXXXXX")"
sandbox_pid=
cases_ran=no

cleanup() {
	local status=$?
	if [ -n "$sandbox_pid" ]; then kill "$sandbox_pid" 2>/dev/null || true; wait "$sandbox_pid" 2>/dev/null || true; fi
	if [ "$cases_ran" = no ]; then echo "E2E ($line): 0 passed, 1 failed (setup failed after $(($(date +%s) - E2E_STARTED_AT)) s)"; fi
	if [ "$status" -eq 0 ] && [ -z "${E2E_KEEP:-}" ]; then rm -rf "$work"; fi
}
trap cleanup EXIT

step() { echo "== $* ($(($(date +%s) - E2E_STARTED_AT)) s)"; }

echo "Work folder $work (kept when the run fails, or with E2E_KEEP=1)"

case "$line" in
	pinned)
		step "n8n (pinned line, Node 20)"
		bash test/e2e/install-n8n.sh
		;;
	current)
		step "n8n (current line, Node 24)"
		eval "$(bash test/e2e/install-n8n-current.sh)"
		export N8N_BIN="$N8N_CURRENT_BIN"
		export N8N_DISABLED_MODULES=mcp-registry # its start-up call goes to the internet
		;;
	*) echo "usage: test/e2e/run.sh [pinned|current]" >&2; exit 2 ;;
esac

export N8N_USER_FOLDER="$work/home"
# shellcheck source=test/e2e/lib.sh
source test/e2e/lib.sh
export N8N_BLOCK_ENV_ACCESS_IN_NODE=false # the workflows read the sandbox's URL and ids from $env

step "package: npm pack, installed as a community package"
bash test/e2e/install-package.sh "$N8N_USER_FOLDER"

step "sandbox (paged tenant: more users than one \$top=999 page)"
start_sandbox "$work/sandbox" paged
cat "$work/sandbox.log"

step "n8n import:credentials and import:workflow"
n8n_cli import:credentials --input="$work/sandbox/credentials.json"
n8n_cli import:workflow --separate --input=test/e2e/workflows
if [ "$line" = current ]; then n8n_cli import:workflow --separate --input=test/e2e/workflows-current; fi
echo "n8n $("$N8N_BIN" --version) ($line line)"

# Each runner prints a PASS or FAIL line a case; the closing line counts them all. A runner that
# fails without a FAIL line (it crashed) counts as one failure.
passed=0
failed=0
run_cases() {
	local log="$1" status=0 fails
	shift
	"$@" | tee "$log" || status=$?
	passed=$((passed + $(grep -c '^PASS ' "$log" || true)))
	fails="$(grep -c '^FAIL ' "$log" || true)"
	if [ "$status" -ne 0 ] && [ "$fails" -eq 0 ]; then fails=1; fi
	failed=$((failed + fails))
}
cases_ran=yes

step "n8n execute, one workflow a case (test/e2e/run-cases.js)"
run_cases "$work/cases.log" env N8N_BIN="$N8N_BIN" E2E_LINE="$line" node test/e2e/run-cases.js "$work/sandbox/sandbox.json"

if [ "$line" = pinned ]; then
	step "Instant Trigger in n8n start: notifications from the sandbox, renewal, deactivation (test/e2e/instant.sh, its own n8n user folder)"
	run_cases "$work/instant.log" bash test/e2e/instant.sh 100
fi

step "examples/*.json imported and run against the demo tenant (test/examples/run.js)"
run_cases "$work/examples.log" env N8N_BIN="$N8N_BIN" node test/examples/run.js

if [ "$line" = current ]; then
	step "n8n start: credential tests over REST, the published trigger emitting a sandbox change (test/e2e/server-checks.js)"
	run_cases "$work/server.log" env N8N_BIN="$N8N_BIN" node test/e2e/server-checks.js "$work/sandbox/sandbox.json" "$work/n8n-start.log"
fi

echo "E2E ($line, n8n $("$N8N_BIN" --version)): $passed passed, $failed failed ($(($(date +%s) - E2E_STARTED_AT)) s)"
[ "$failed" -eq 0 ]
