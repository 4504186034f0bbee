#!/usr/bin/env bash
# `npm run demo`: a real n8n editor with this package, connected to the Graph sandbox's demo
# tenant. Builds the package, installs the pinned n8n once (test/e2e/install-n8n.sh), installs the
# package as n8n installs a community package, starts the sandbox and `n8n start` on 127.0.0.1,
# imports both credentials and the example workflows, creates the owner account through n8n's
# REST API (so the editor opens on a login page, not the setup wall), prints where to go, and
# runs until Ctrl-C, which stops both. Every run starts from a fresh n8n user folder.
# Env: N8N_PORT (default 5678, or a free port when that is taken), DEMO_HOME (default .e2e/demo).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
started=$SECONDS
home="${DEMO_HOME:-$root/.e2e/demo}"
email=demo@example.com
password=Entra-Demo-2026

npm run build
bash test/e2e/install-n8n.sh

rm -rf "$home"
mkdir -p "$home"
export N8N_USER_FOLDER="$home"
# shellcheck source=test/e2e/lib.sh
source test/e2e/lib.sh
if [ -z "${N8N_PORT:-}" ]; then
	N8N_PORT=5678
	node -e 'require("net").createServer().once("error", () => process.exit(1)).listen(5678, "127.0.0.1", function () { this.close(); })' || N8N_PORT="$(free_port)"
fi
export N8N_PORT
editor="http://127.0.0.1:$N8N_PORT"

bash test/e2e/install-package.sh "$home"

sandbox_pid=
n8n_pid=
stop() {
	trap - INT TERM EXIT
	[ -n "$n8n_pid$sandbox_pid" ] || return 0
	echo
	echo "Stopping n8n and the sandbox..."
	# n8n shuts down gracefully on SIGTERM; the sandbox closes its listeners.
	for pid in $n8n_pid $sandbox_pid; do kill "$pid" 2>/dev/null || true; done
	for pid in $n8n_pid $sandbox_pid; do wait "$pid" 2>/dev/null || true; done
}
trap stop INT TERM EXIT

start_sandbox "$home/sandbox" demo

n8n_cli import:credentials --input="$home/sandbox/credentials.json"
n8n_cli import:workflow --input=test/e2e/workflows/entra-users-delegated.json
n8n_cli import:workflow --input=test/e2e/workflows/entra-users-app-only.json

"$N8N_BIN" start > "$home/n8n.log" 2>&1 &
n8n_pid=$!
n8n_started=$SECONDS
# The owner account, as the setup page would create it (allowed once, before anyone signed up).
# Asking for it is also the readiness check: n8n answers 503, then 404 until its REST API is mounted.
owner="{\"email\":\"$email\",\"firstName\":\"Demo\",\"lastName\":\"Admin\",\"password\":\"$password\"}"
for _ in $(seq 1 180); do
	status="$(curl -s -o /dev/null -w '%{http_code}' -X POST "$editor/rest/owner/setup" -H 'content-type: application/json' -d "$owner" || true)"
	[ "$status" = 200 ] && break
	kill -0 "$n8n_pid" 2>/dev/null || { tail -n 40 "$home/n8n.log" >&2; exit 1; }
	sleep 0.5
done
[ "$status" = 200 ] || { echo "n8n did not set up its owner in 90 s (HTTP $status); see $home/n8n.log" >&2; exit 1; }

graph_url="$(node -p "require('$home/sandbox/sandbox.json').graphUrl")"
users="$(node -p "require('$home/sandbox/sandbox.json').users")"
cat <<EOF

n8n $(node -p "require('$(dirname "$N8N_BIN")/../n8n/package.json').version") with n8n-nodes-entra-id is ready ($((SECONDS - started)) s in all, n8n itself $((SECONDS - n8n_started)) s).
  Editor:    $editor
  Login:     $email / $password
  Workflow:  $editor/workflow/EntraUsersDelegated   ("Execute workflow" lists the $users demo users)
             $editor/workflow/EntraUsersAppOnly     (the same with the app-only credential)
  JSON:      $root/test/e2e/workflows/entra-users-delegated.json
  Sandbox:   Graph $graph_url/v1.0 (Contoso demo tenant); credentials "Entra ID sandbox (delegated)"
             and "Entra ID sandbox (app-only)" point at it. Logs: $home/n8n.log, $home/sandbox.log
Ctrl-C stops n8n and the sandbox.
EOF

# Returns when either process ends or on Ctrl-C; the trap stops the other.
wait -n "$n8n_pid" "$sandbox_pid"
