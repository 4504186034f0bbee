#!/usr/bin/env bash
# The Instant Trigger inside the pinned n8n (`n8n start`, the workflow published), the Graph sandbox
# calling its webhook: see test/e2e/instant.js. Expects `npm run build`. Prints PASS/FAIL lines and
# a FIGURES line (delays from change to execution, idle requests).
# Usage: bash test/e2e/instant.sh [CHANGES]   (default 100; N8N_INSTALL_DIR reuses an installed n8n)
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
work="$(mktemp -d "${TMPDIR:-/tmp}/n8n-instant.XXXXXX")"
cleanup() {
	local status=$?
	if [ "$status" -eq 0 ] && [ -z "${E2E_KEEP:-}" ]; then rm -rf "$work"; else echo "Work folder kept: $work"; fi
}
trap cleanup EXIT

bash test/e2e/install-n8n.sh
export N8N_USER_FOLDER="$work/home"
# shellcheck source=test/e2e/lib.sh
source test/e2e/lib.sh
bash test/e2e/install-package.sh "$N8N_USER_FOLDER" > /dev/null
N8N_BIN="$N8N_BIN" node test/e2e/instant.js "$work" "${1:-100}"
