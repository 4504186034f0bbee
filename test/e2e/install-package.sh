#!/usr/bin/env bash
# Installs this package (its `npm pack` tarball) into an n8n user folder the way n8n 2.8 installs a
# community package (CommunityPackagesService.downloadPackage): unpacked into
# .n8n/nodes/node_modules/<name>, with devDependencies, peerDependencies and optionalDependencies
# deleted from its package.json first (so npm cannot add a second, newer n8n-workflow: the one
# n8n itself loads is used), then `npm install` there with the flags n8n uses.
# Usage: test/e2e/install-package.sh N8N_USER_FOLDER   (after `npm run build`)
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
user_folder="${1:?usage: install-package.sh N8N_USER_FOLDER}"
test -f "$root/dist/nodes/EntraId/EntraId.node.js" || { echo "dist/ is missing: run npm run build first" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# --ignore-scripts: packing needs no build step (dist/ is built), as the repo's .npmrc says too.
tarball="$work/$(cd "$root" && npm pack --ignore-scripts --json --pack-destination "$work" | node -p 'JSON.parse(require("fs").readFileSync(0, "utf8"))[0].filename')"
name="$(node -p "require('$root/package.json').name")"
version="$(node -p "require('$root/package.json').version")"

nodes="$user_folder/.n8n/nodes"
dest="$nodes/node_modules/$name"
rm -rf "$dest"
mkdir -p "$dest"
tar -xzf "$tarball" -C "$dest" --strip-components=1
node -e '
	const fs = require("fs");
	const file = process.argv[1];
	const { devDependencies, peerDependencies, optionalDependencies, ...pkg } = JSON.parse(fs.readFileSync(file, "utf8"));
	fs.writeFileSync(file, JSON.stringify(pkg, null, 2));
' "$dest/package.json"
(cd "$dest" && npm install --audit=false --fund=false --bin-links=false --install-strategy=shallow \
	--ignore-scripts=true --package-lock=false --loglevel=error)
# n8n records installed packages in nodes/package.json as well.
node -e '
	const fs = require("fs");
	const [file, name, version] = process.argv.slice(1);
	const pkg = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : { name: "installed-nodes", private: true };
	pkg.dependencies = { ...pkg.dependencies, [name]: version };
	fs.writeFileSync(file, JSON.stringify(pkg, null, 2));
' "$nodes/package.json" "$name" "$version"
echo "Installed $name@$version ($(basename "$tarball")) into $nodes"
