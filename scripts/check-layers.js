#!/usr/bin/env node
// `npm run lint` runs this: every import in nodes/ and credentials/ must point at its own layer or
// one below (docs/DEVELOPING.md, "Layers"). Transport and directory code must not read node
// parameters. Exits 1 and names each offending import.
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');

// Lowest first. The first pattern that matches a file's path (from the repo root) gives its layer.
const LAYERS = [
	['shared', /^nodes\/shared\//],
	['credentials', /^credentials\//],
	['transport', /^nodes\/EntraId\/transport\//],
	['directory', /^nodes\/EntraId\/directory\//],
	['parameters', /^nodes\/EntraId\/(helpers|descriptions)\//],
	['actions', /^nodes\/EntraId\/(actions|methods)\/|^nodes\/EntraIdTrigger\/(helpers\/|description\.ts$)|^nodes\/EntraIdInstantTrigger\/helpers\//],
	['node', /^nodes\/[^/]+\/[^/]+\.node\.ts$/],
];

// Layers that know Graph and HTTP only, never a node's parameters.
const NO_PARAMETERS = new Set(['shared', 'credentials', 'transport', 'directory']);

function layerOf(file) {
	const index = LAYERS.findIndex(([, pattern]) => pattern.test(file));
	return index === -1 ? undefined : index;
}

function sources(dir) {
	return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
		const file = path.posix.join(dir, entry.name);
		if (entry.isDirectory()) return sources(file);
		return file.endsWith('.ts') ? [file] : [];
	});
}

function resolve(from, specifier) {
	const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
	return [`${base}.ts`, `${base}/index.ts`].find((candidate) => fs.existsSync(path.join(root, candidate)));
}

const problems = [];
for (const file of [...sources('nodes'), ...sources('credentials')]) {
	const layer = layerOf(file);
	if (layer === undefined) {
		problems.push(`${file}: in no layer (add it to scripts/check-layers.js)`);
		continue;
	}
	const text = fs.readFileSync(path.join(root, file), 'utf8');
	for (const [, specifier] of text.matchAll(/^\s*(?:import|export)\b[^'"]*?\bfrom\s+'(\.[^']+)'/gm)) {
		const target = resolve(file, specifier);
		if (!target) continue;
		const targetLayer = layerOf(target);
		if (targetLayer !== undefined && targetLayer > layer) {
			problems.push(`${file} (${LAYERS[layer][0]}) imports ${target} (${LAYERS[targetLayer][0]}), a layer above it`);
		}
	}
	if (NO_PARAMETERS.has(LAYERS[layer][0]) && /\bgetNodeParameter\b|\bgetCurrentNodeParameter\b/.test(text)) {
		problems.push(`${file} (${LAYERS[layer][0]}) reads node parameters`);
	}
}

if (problems.length > 0) {
	console.error(`Layer check: ${problems.length} import(s) run up a layer:\n${problems.map((line) => `  ${line}`).join('\n')}`);
	process.exit(1);
}
console.log('Layer check: every import points at its own layer or one below.');
