#!/usr/bin/env bash
# `npm run check:package`: what npm would publish, checked the way n8n checks a community package.
#   1. dist/ matches the sources: no stale compiled file ships, none is missing.
#   2. `npm pack` holds only dist/, README, LICENSE and package.json: no source, source map, test,
#      sandbox, certificate or tarball.
#   3. No secret in the tarball: no PEM private key, no token, no sandbox client secret.
#   4. The lint step of @n8n/scan-community-package (pinned, installed outside the repo into
#      .e2e/scan-community-package): its ESLint configuration on the sources and on the unpacked
#      tarball, as the scanner runs it after its provenance and download steps. Only the
#      documented runtime-dependency exception may remain (docs/checks.md).
#   5. Sizes: tarball, unpacked, file count, and that the README states them.
# Expects `npm run build` to have run. Provenance cannot be checked before publishing.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
SCANNER_VERSION=0.32.0
scanner_dir="${SCANNER_DIR:-$root/.e2e/scan-community-package}"
work="$(mktemp -d "${TMPDIR:-/tmp}/check-package.XXXXXX")"
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
pass() { echo "PASS $*"; }

test -f dist/nodes/EntraId/EntraId.node.js || { echo "dist/ is missing: run npm run build first" >&2; exit 1; }

# 1. dist/ and the sources agree.
stale="$(cd dist && find credentials nodes -name '*.js' | sed 's/\.js$//' | while read -r file; do [ -f "../$file.ts" ] || echo "dist/$file.js"; done)"
missing="$(find credentials nodes -name '*.ts' ! -name '*.test.ts' | sed 's/\.ts$//' | while read -r file; do [ -f "dist/$file.js" ] || echo "dist/$file.js"; done)"
if [ -n "$stale$missing" ]; then
	fail "dist/ does not match the sources; rebuild from a clean dist/ (rm -rf dist && npm run build):"
	[ -z "$stale" ] || echo "$stale" | sed 's/^/  stale: /'
	[ -z "$missing" ] || echo "$missing" | sed 's/^/  missing: /'
else
	pass "dist/ matches the sources ($(find dist -name '*.js' | wc -l) compiled files)"
fi

# 2. What npm pack ships (--ignore-scripts: packing builds nothing, dist/ is built).
npm pack --ignore-scripts --json --pack-destination "$work" > "$work/pack.json" 2> "$work/pack.log" || { cat "$work/pack.log" >&2; exit 1; }
node - "$work/pack.json" <<'EOF' > "$work/files.txt"
const [pack] = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));
for (const file of pack.files) console.log(file.path);
EOF
# index.js: the package.json "main" (n8n-nodes-starter's empty module; n8n loads the "n8n" section), which npm always packs.
allowed='^(dist/.+|README\.md|LICENSE(\.md)?|package\.json|index\.js)$'
forbidden='(\.map$|\.ts$|\.tgz$|\.pem$|\.key$|\.p12$|\.pfx$|(^|/)\.env|(^|/)(test|tests|sandbox|certs|bench|examples|coverage)/)'
unexpected="$(grep -Ev "$allowed" "$work/files.txt" || true)"
banned="$(grep -E "$forbidden" "$work/files.txt" || true)"
if [ -n "$unexpected$banned" ]; then
	fail "npm pack ships files it should not:"
	printf '%s\n%s\n' "$unexpected" "$banned" | sed '/^$/d' | sort -u | sed 's/^/  /'
else
	pass "npm pack ships dist/, README, LICENSE, package.json and the empty index.js only ($(wc -l < "$work/files.txt") files)"
fi

tarball="$work/$(node -p "require('$work/pack.json')[0].filename")"
unpacked="$work/package"
mkdir -p "$unpacked"
tar -xzf "$tarball" -C "$unpacked" --strip-components=1

# 3. Secrets: private keys, bearer tokens (JWTs), source map links, and the sandbox app's secret.
# A key is a PEM header followed by base64 (the credential's placeholder and hints name the header only).
secret_hits="$(grep -rlEz -- '-----BEGIN [A-Z ]*PRIVATE KEY-----[[:space:]\\n]*[A-Za-z0-9+/]{40}|eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.|sourceMappingURL=' "$unpacked" || true)"
sandbox_secret="$(node -p "require('./test/sandbox/auth/app.js').createApp(require('./test/sandbox/auth/keys').loadKeys()).clientSecret")"
if [ -n "$sandbox_secret" ] && grep -rqF -- "$sandbox_secret" "$unpacked"; then secret_hits="$secret_hits sandbox client secret"; fi
if [ -n "$secret_hits" ]; then
	fail "secrets or source maps in the tarball: $secret_hits"
else
	pass "no private key, token, source map link or sandbox secret in the tarball"
fi

# 4. The scanner's lint step.
if [ ! -f "$scanner_dir/node_modules/@n8n/scan-community-package/package.json" ] ||
	[ "$(node -p "require('$scanner_dir/node_modules/@n8n/scan-community-package/package.json').version")" != "$SCANNER_VERSION" ]; then
	echo "Installing @n8n/scan-community-package@$SCANNER_VERSION into $scanner_dir"
	mkdir -p "$scanner_dir"
	[ -f "$scanner_dir/package.json" ] || echo '{ "name": "scan-community-package-runner", "private": true }' > "$scanner_dir/package.json"
	(cd "$scanner_dir" && npm install --no-audit --no-fund --loglevel=error --ignore-scripts "@n8n/scan-community-package@$SCANNER_VERSION")
fi
cat > "$scanner_dir/lint.mjs" <<'EOF'
// The scanner's own ESLint set-up (buildScanConfig) on a folder, as analyzePackage runs it, but
// reporting every message (errors and warnings) with its rule, for the exception list below.
import path from 'node:path';
import { ESLint } from 'eslint';
import glob from 'fast-glob';
import { buildScanConfig } from '@n8n/scan-community-package/scanner/scanner.mjs';

const [dir, patterns] = process.argv.slice(2);
const eslint = new ESLint({ cwd: dir, allowInlineConfig: false, overrideConfigFile: true, overrideConfig: await buildScanConfig() });
const files = glob.sync(JSON.parse(patterns), { cwd: dir, absolute: true, ignore: ['node_modules/**', '**/package-lock.json'] });
const results = await eslint.lintFiles(files);
for (const result of results) {
	for (const message of result.messages) {
		const severity = message.severity === 2 ? 'error' : 'warning';
		console.log(JSON.stringify({ file: path.relative(dir, result.filePath), line: message.line, severity, rule: message.ruleId, message: message.message }));
	}
}
console.error(`${files.length} files linted`);
EOF
# The documented exceptions (docs/checks.md): @azure/msal-node as the one runtime dependency,
# node:fs to read a workload identity federation token file, and the one read of the host's
# settings from process.env (credentials/hostSettings.ts). Any other message fails the check.
exception='"rule":"@n8n/community-nodes/no-runtime-dependencies"|"file":"(dist/)?credentials/hostSettings\.(ts|js)".*"rule":"@n8n/community-nodes/no-restricted-globals"|"file":"(dist/)?credentials/appOnly/tokens\.(ts|js)".*"rule":"@n8n/community-nodes/no-restricted-imports".*@azure/msal-node|"file":"(dist/)?credentials/appOnly/federated\.(ts|js)".*"rule":"@n8n/community-nodes/no-restricted-imports".*node:fs'
scan() {
	local label="$1" dir="$2" patterns="$3" out="$work/scan-$1.jsonl"
	(cd "$scanner_dir" && node lint.mjs "$dir" "$patterns") > "$out" 2> "$work/scan-$label.log" || { cat "$work/scan-$label.log" >&2; fail "scan lint ($label) did not run"; return; }
	local total others excepted
	total="$(wc -l < "$out")"
	others="$(grep -Ev "$exception" "$out" || true)"
	excepted=$((total - $(printf '%s' "$others" | grep -c . || true)))
	if [ -n "$others" ]; then
		fail "scan lint ($label, $(cat "$work/scan-$label.log")): messages beyond the documented exception:"
		echo "$others" | sed 's/^/  /'
	else
		pass "scan lint ($label, $(cat "$work/scan-$label.log")): 0 errors and 0 warnings besides the $excepted documented runtime-dependency exception(s)"
	fi
}
# Sources: what the scanner lints in the provenance-attested checkout. Tarball: compiled JS + package.json.
scan source "$root" '["package.json","{nodes,credentials}/**/*.{js,ts,json}"]'
scan tarball "$unpacked" '["**/*.js","package.json"]'
echo "SKIP provenance: checked by n8n on a published version only (.github/workflows/publish.yml publishes with --provenance)"

# 5. Sizes, and the README states them as npm pack measures them (the README ships in the tarball).
sizes="$(node -p "const [p] = require('$work/pack.json'); const kb = (b) => (b / 1024).toFixed(1) + ' kB'; kb(p.size) + ' packed, ' + kb(p.unpackedSize) + ' unpacked, ' + p.entryCount + ' files'")"
echo "Tarball $(node -p "require('$work/pack.json')[0].filename"): $sizes"
stated="$(grep -oE '[0-9.]+ kB packed, [0-9.]+ kB unpacked, [0-9]+ files' README.md || true)"
if [ "$stated" = "$sizes" ]; then
	pass "README states the package figures npm pack measures ($sizes)"
else
	fail "README states '${stated:-no package figures}', npm pack measures '$sizes': update the Install section"
fi

if [ "$failures" -gt 0 ]; then echo "check-package: $failures check(s) failed"; exit 1; fi
echo "check-package: all checks passed"
