#!/usr/bin/env bash
# `npm run test:examples`: the example workflows (examples/*.json) imported into the pinned n8n
# and run against the Graph sandbox's demo tenant (run.js). test/e2e/run.sh runs run.js too, in
# its own n8n user folder; this wrapper is for running the examples alone.
# Expects `npm run build` to have run.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
work="$(mktemp -d "${TMPDIR:-/tmp}/n8n-examples.XXXXXX")"
trap 'rm -rf "$work"' EXIT

bash test/e2e/install-n8n.sh
export N8N_USER_FOLDER="$work/home"
# shellcheck source=test/e2e/lib.sh
source test/e2e/lib.sh
bash test/e2e/install-package.sh "$N8N_USER_FOLDER"
N8N_BIN="$N8N_BIN" node test/examples/run.js
