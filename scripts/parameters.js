#!/usr/bin/env node
// Writes docs/parameters.md from the built node and credential descriptions (dist/), so the
// parameter contract cannot drift from the code. `npm run docs:parameters` rewrites it;
// test/docs/parameters.test.ts fails when the file is stale. Run `npm run build` first.
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const TARGET = path.join(root, 'docs', 'parameters.md');

const load = (file, name) => new (require(path.join(root, 'dist', file))[name])();

const code = (value) => `\`${typeof value === 'string' && value !== '' ? value : JSON.stringify(value)}\``;
const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** What a parameter may hold: its option values, its locator modes, or where its list comes from. */
function valuesOf(property) {
	if (property.options && ['options', 'multiOptions'].includes(property.type)) return property.options.map((option) => code(option.value)).join(', ');
	if (property.typeOptions?.loadOptionsMethod) return `loaded by ${code(property.typeOptions.loadOptionsMethod)}`;
	if (property.type === 'resourceLocator') return `modes ${property.modes.map((mode) => code(mode.name)).join(', ')}`;
	return '';
}

/** One row per parameter, collections flattened into `collection.option` paths; notices and computed (hidden) fields left out. */
function rows(properties, prefix = '') {
	return properties.flatMap((property) => {
		if (property.type === 'notice' || property.type === 'hidden') return [];
		const name = `${prefix}${property.name}`;
		const shown = property.displayOptions?.show;
		const when = shown ? Object.entries(shown).filter(([key]) => !['resource', 'operation'].includes(key)) : [];
		const condition = when.map(([key, values]) => `${key}: ${values.map(code).join(', ')}`).join('; ');
		const row = `| ${code(name)} | ${property.type} | ${cell(valuesOf(property))} | ${property.type === 'collection' ? '' : code(property.default ?? '')} | ${property.required ? 'yes' : ''} | ${cell(condition)} |`;
		const nested = property.type === 'collection' ? rows(property.options, `${name}.`) : [];
		return [row, ...nested];
	});
}

const HEADER = '| parameter | type | values | default | required | shown when |\n|---|---|---|---|---|---|';

const showsFor = (property, key, value) => (property.displayOptions?.show?.[key] ?? []).includes(value);

function nodeSection(description) {
	const lines = [`## Node ${code(description.name)}`, ''];
	const resource = description.properties.find((property) => property.name === 'resource');
	if (!resource) {
		lines.push(HEADER, ...rows(description.properties), '');
		return lines;
	}
	const common = description.properties.filter((property) => !property.displayOptions?.show?.resource);
	lines.push('Every operation:', '', HEADER, ...rows(common), '');
	for (const { value: resourceName } of resource.options) {
		const selector = description.properties.find((property) => property.name === 'operation' && showsFor(property, 'resource', resourceName));
		for (const { value: operation } of selector.options) {
			const own = description.properties.filter((property) => showsFor(property, 'resource', resourceName) && showsFor(property, 'operation', operation));
			lines.push(`### ${resourceName}.${operation}`, '', HEADER, ...rows(own), '');
		}
	}
	return lines;
}

function credentialSection(credential) {
	return [`## Credential ${code(credential.name)}`, '', HEADER, ...rows(credential.properties), ''];
}

function render() {
	const lines = [
		'# Parameters',
		'',
		'Generated from the built node and credential descriptions by `npm run docs:parameters` (scripts/parameters.js);',
		'`npm test` fails when this file is out of date. Stored workflows and credentials save these names and',
		'values: never rename one. Display names, descriptions and order may change.',
		'',
	];
	lines.push(...nodeSection(load('nodes/EntraId/EntraId.node.js', 'EntraId').description));
	lines.push(...nodeSection(load('nodes/EntraIdTrigger/EntraIdTrigger.node.js', 'EntraIdTrigger').description));
	lines.push(...nodeSection(load('nodes/EntraIdInstantTrigger/EntraIdInstantTrigger.node.js', 'EntraIdInstantTrigger').description));
	lines.push(...credentialSection(load('credentials/EntraIdOAuth2Api.credentials.js', 'EntraIdOAuth2Api')));
	lines.push(...credentialSection(load('credentials/EntraIdAppOnlyApi.credentials.js', 'EntraIdAppOnlyApi')));
	return `${lines.join('\n').trimEnd()}\n`;
}

module.exports = { render, TARGET };

if (require.main === module) {
	fs.writeFileSync(TARGET, render());
	console.log(`Wrote ${path.relative(root, TARGET)}`);
}
