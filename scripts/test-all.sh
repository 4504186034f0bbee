#!/usr/bin/env bash
# `npm run test:all`: every stage in order, stopping at the first that fails, with the time each
# took (printed at the end and written to the ignored test-results/timings.md).
# Stages: build, lint, package check, unit + workflow tests, fault suite, real-n8n e2e on the pinned
# line (n8n 2.8.4, Node 20) and the current line (n8n 2.41.1, Node 24), queue mode, the editor in
# Chromium.
set -uo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
STAGES=(build lint check:package test test:faults test:e2e:pinned test:e2e:current test:queue test:browser)
mkdir -p test-results
report="test-results/timings.md"
rows=()
started=$SECONDS
status=0
for stage in "${STAGES[@]}"; do
	echo "=== npm run $stage"
	stage_started=$SECONDS
	npm run --silent "$stage"
	status=$?
	rows+=("| \`npm run $stage\` | $((SECONDS - stage_started)) | $([ "$status" -eq 0 ] && echo passed || echo FAILED) |")
	[ "$status" -eq 0 ] || break
done
{
	echo "# test:all timings ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores)"
	echo
	echo "| stage | seconds | result |"
	echo "|---|---:|---|"
	printf '%s\n' "${rows[@]}"
	echo "| total | $((SECONDS - started)) | $([ "$status" -eq 0 ] && echo passed || echo FAILED) |"
} > "$report"
echo
cat "$report"
exit "$status"
