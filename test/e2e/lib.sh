# shellcheck shell=bash
# Sourced by test/e2e/run.sh and scripts/demo.sh: the environment for a local n8n that loads this
# package from N8N_USER_FOLDER (set by the caller) and reaches nothing but 127.0.0.1, and the
# helpers both scripts use (free_port, start_sandbox, n8n_cli). Sets N8N_BIN and the N8N_* variables.

e2e_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# The pinned n8n (install-n8n.sh) unless the caller chose another, such as the current line's.
N8N_BIN="${N8N_BIN:-${N8N_INSTALL_DIR:-${ENTRA_E2E_CACHE:-$HOME/.cache/n8n-nodes-entra-id}/n8n-$(node -p "require('$e2e_root/test/e2e/n8n/package.json').dependencies.n8n")}/node_modules/.bin/n8n}"

# A port the kernel reports free on 127.0.0.1 (n8n and the sandbox run beside other work).
free_port() {
	node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'
}

: "${N8N_USER_FOLDER:?set N8N_USER_FOLDER before sourcing n8n-env.sh}"
export N8N_USER_FOLDER
export N8N_ENCRYPTION_KEY="${N8N_ENCRYPTION_KEY:-$(node -p 'require("crypto").randomBytes(24).toString("hex")')}"
export N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS=true
# Off the network: telemetry, version and "what's new" checks, templates, the verified community
# nodes registry, banners, license renewal, AI features, onboarding questions.
export N8N_DIAGNOSTICS_ENABLED=false
export N8N_VERSION_NOTIFICATIONS_ENABLED=false
export N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED=false
export N8N_TEMPLATES_ENABLED=false
export N8N_VERIFIED_PACKAGES_ENABLED=false
export N8N_DYNAMIC_BANNERS_ENABLED=false
export N8N_HIRING_BANNER_ENABLED=false
export N8N_LICENSE_AUTO_RENEW_ENABLED=false
export N8N_AI_ENABLED=false
export N8N_PERSONALIZATION_ENABLED=false
# Loopback only, on ports nobody else holds (the task runner broker defaults to 5679).
export N8N_LISTEN_ADDRESS=127.0.0.1
export N8N_HOST=127.0.0.1
export N8N_RUNNERS_BROKER_LISTEN_ADDRESS=127.0.0.1
export N8N_RUNNERS_BROKER_PORT="${N8N_RUNNERS_BROKER_PORT:-$(free_port)}"
export N8N_SECURE_COOKIE=false # plain http on 127.0.0.1
# The sandbox's login endpoint is https with its own test CA (the app-only credential's MSAL needs https).
export NODE_EXTRA_CA_CERTS="$e2e_root/test/sandbox/certs/ca.pem"

# An n8n CLI command that prints its outcome lines, and everything only when it fails (the first
# command on a new user folder logs some 150 database migrations).
n8n_cli() {
	local log
	log="$(mktemp)"
	if "$N8N_BIN" "$@" > "$log" 2>&1; then
		grep -E '^(Successfully|Importing)' "$log" || true
		rm -f "$log"
	else
		cat "$log" >&2
		rm -f "$log"
		return 1
	fi
}

# Starts sandbox.js in the background (sets sandbox_pid; log in DIR.log) and waits for DIR/sandbox.json.
# Usage: start_sandbox DIR demo|paged
start_sandbox() {
	local dir="$1"
	node "$e2e_root/test/e2e/sandbox.js" "$dir" "$2" > "$dir.log" 2>&1 &
	sandbox_pid=$!
	for _ in $(seq 1 150); do
		[ -f "$dir/sandbox.json" ] && return 0
		kill -0 "$sandbox_pid" 2>/dev/null || { cat "$dir.log" >&2; return 1; }
		sleep 0.2
	done
	echo "the sandbox did not start in 30 s; see $dir.log" >&2
	return 1
}
