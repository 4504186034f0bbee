#!/usr/bin/env bash
# npm run bench: builds the node and the bench, installs the pinned n8n (for its built-in Entra
# node) when the end-to-end test has not yet, then runs bench/main (see docs/bench.md).
set -euo pipefail
cd "$(dirname "$0")/.."

# The e2e test's installer skips the work when the pinned n8n is already in its cache folder
# (test/e2e/install-n8n.sh). BENCH_N8N_DIR names another install of the same n8n instead.
if [ -z "${BENCH_N8N_DIR:-}" ]; then
	bash test/e2e/install-n8n.sh
	BENCH_N8N_DIR="${N8N_INSTALL_DIR:-${ENTRA_E2E_CACHE:-$HOME/.cache/n8n-nodes-entra-id}/n8n-$(node -p "require('./test/e2e/n8n/package.json').dependencies.n8n")}"
	export BENCH_N8N_DIR
fi

npm run build --silent
rm -rf bench/build
npx tsc -p bench/tsconfig.json
node bench/build/bench/main.js
