import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import type { Sandbox } from '../helpers/setup';
import type { RunOptions, RunResult } from '../runner/engine';

/**
 * The fault profile of issue #7, applied to every request the sandbox answers: 429 on 30%
 * (Retry-After 0-1 s), 503 and connection resets on 5%, latency spikes on 5%. `seed` makes a
 * run repeatable; each run picks its own.
 */
export function faultProfile(seed: number, extra: IDataObject = {}): IDataObject {
	return {
		seed,
		rate429: 0.3,
		retryAfter: 0,
		retryAfterDate: false,
		rate503: 0.05,
		rateReset: 0.05,
		latencySpikeRate: 0.05,
		latencySpikeMs: 150,
		...extra,
	};
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DEFAULT_FAULTS } = require('../sandbox/server') as { DEFAULT_FAULTS: IDataObject };

/** Every knob off again: the sandbox's own defaults (INTERFACE.md). */
export const NO_FAULTS: IDataObject = { ...DEFAULT_FAULTS, deny: [] };

const FAULT_KEYS = ['429', '503', '502', '504', 'reset', 'lostAnswer', 'hang', 'spikes', 'replication404'] as const;

/** One row of the figures table. */
export interface Figures {
	run: string;
	itemsIn: number;
	ok: number;
	errors: number;
	requests: number;
	batchItems: number;
	retries: number;
	faults: Record<(typeof FAULT_KEYS)[number], number>;
	seconds: number;
}

/** The transport's debug line for each retry (client.ts noteRetry). */
export const RETRY_LINE = /Entra ID: retrying /;

/**
 * Runs a workflow under faults and measures it: the sandbox's requests and injected faults, the
 * retries the node logged, items in and out. Fails the test on the invariants every run keeps:
 * exactly one output item per input item, paired to it, in order.
 */
export async function measured(
	name: string,
	sandbox: Sandbox,
	run: (options: RunOptions) => Promise<RunResult>,
	options: RunOptions,
): Promise<{ result: RunResult; figures: Figures }> {
	const before = { ...(sandbox.faultCounts as Record<string, number>) };
	const logStart = sandbox.log.length;
	const started = Date.now();
	const result = await run(options);
	const seconds = (Date.now() - started) / 1000;
	const log = sandbox.log.slice(logStart);
	const counts = sandbox.faultCounts as Record<string, number>;
	const itemsIn = options.items?.length ?? 1;
	const errors = result.output.filter((item) => item.json.error !== undefined).length;
	const figures: Figures = {
		run: name,
		itemsIn,
		ok: result.output.length - errors,
		errors,
		requests: log.filter((entry) => !entry.batch).length,
		batchItems: log.filter((entry) => entry.batch).length,
		retries: result.logs.filter((line) => RETRY_LINE.test(line)).length,
		faults: Object.fromEntries(FAULT_KEYS.map((key) => [key, (counts[key] ?? 0) - (before[key] ?? 0)])) as Figures['faults'],
		seconds,
	};
	recordFigures(figures);
	return { result, figures };
}

/**
 * Measures work that is not one workflow run (the trigger's polls): `action` reports items in
 * and out and the log lines it produced.
 */
export async function measuredWork(
	name: string,
	sandbox: Sandbox,
	action: () => Promise<{ itemsIn: number; ok: number; errors: number; logs: string[] }>,
): Promise<Figures> {
	const before = { ...(sandbox.faultCounts as Record<string, number>) };
	const logStart = sandbox.log.length;
	const started = Date.now();
	const outcome = await action();
	const log = sandbox.log.slice(logStart);
	const counts = sandbox.faultCounts as Record<string, number>;
	const figures: Figures = {
		run: name,
		itemsIn: outcome.itemsIn,
		ok: outcome.ok,
		errors: outcome.errors,
		requests: log.filter((entry) => !entry.batch).length,
		batchItems: log.filter((entry) => entry.batch).length,
		retries: outcome.logs.filter((line) => RETRY_LINE.test(line)).length,
		faults: Object.fromEntries(FAULT_KEYS.map((key) => [key, (counts[key] ?? 0) - (before[key] ?? 0)])) as Figures['faults'],
		seconds: (Date.now() - started) / 1000,
	};
	recordFigures(figures);
	return figures;
}

/** The invariant of every per-item operation: one output per input, paired to it, in input order. */
export function expectOnePerItem(result: RunResult, count: number) {
	expect(result.error).toBeUndefined();
	expect(result.output).toHaveLength(count);
	const paired = result.output.map((item) => (item.pairedItem as { item: number } | undefined)?.item);
	expect(paired).toEqual(Array.from({ length: count }, (_, index) => index));
}

/** Under continueOnFail, a failed item is `{ error, code?, requestId?, details? }` and nothing else. */
export function expectErrorItem(json: IDataObject) {
	expect(typeof json.error).toBe('string');
	expect(Object.keys(json).every((key) => ['error', 'code', 'requestId', 'details'].includes(key))).toBe(true);
}

/**
 * Successful writes per target, from the sandbox's request log (inner $batch requests and plain
 * requests alike): the proof that no write was applied twice.
 */
export function successfulWrites(sandbox: Sandbox, method: string, pathPattern: RegExp, since = 0): Map<string, number> {
	const writes = new Map<string, number>();
	for (const entry of sandbox.log.slice(since)) {
		if (entry.method !== method || !pathPattern.test(entry.path) || entry.status < 200 || entry.status >= 300) continue;
		writes.set(entry.path, (writes.get(entry.path) ?? 0) + 1);
	}
	return writes;
}

// Figures: each test file adds its rows to its own fragment; the table is rebuilt from all
// fragments, so whichever file finishes last leaves the complete figures.md. Both live in the
// ignored test-results/ folder: a test run changes no tracked file (docs/fault-figures.md is a
// recorded run, copied from there by hand).
const RESULTS = path.join(__dirname, '..', '..', 'test-results', 'faults');
const FRAGMENTS = path.join(RESULTS, 'fragments');
const TABLE = path.join(RESULTS, 'figures.md');
const rows: Figures[] = [];

function recordFigures(figures: Figures) {
	rows.push(figures);
}

const HEADER = ['run', 'items in', 'out ok', 'out error', 'requests', '$batch items', 'retries', '429', '503', '502', '504', 'resets', 'lost answers', 'hangs', 'spikes', 'repl. 404', 'seconds'];

function cells(figures: Figures): string[] {
	const { faults } = figures;
	return [
		figures.run,
		figures.itemsIn,
		figures.ok,
		figures.errors,
		figures.requests,
		figures.batchItems,
		figures.retries,
		faults['429'],
		faults['503'],
		faults['502'],
		faults['504'],
		faults.reset,
		faults.lostAnswer,
		faults.hang,
		faults.spikes,
		faults.replication404,
		figures.seconds.toFixed(1),
	].map(String);
}

/** A plain-text table for the console. */
export function consoleTable(figures: Figures[]): string {
	const table = [HEADER, ...figures.map(cells)];
	const widths = HEADER.map((_, column) => Math.max(...table.map((row) => row[column].length)));
	const line = (row: string[]) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join(' | ');
	return [line(HEADER), widths.map((width) => '-'.repeat(width)).join('-+-'), ...table.slice(1).map(line)].join('\n');
}

function markdownTable(figures: Figures[]): string {
	const line = (row: string[]) => `| ${row.join(' | ')} |`;
	return [line(HEADER), line(HEADER.map((_, column) => (column === 0 ? '---' : '---:'))), ...figures.map((row) => line(cells(row)))].join('\n');
}

/**
 * Registers the afterAll that prints this file's figures and rewrites figures.md from every
 * file's latest fragment. Call once per test file, with the file's family name.
 */
export function reportFigures(family: string) {
	afterAll(() => {
		if (rows.length === 0) return;
		process.stdout.write(`\nFault suite figures: ${family}\n${consoleTable(rows)}\n`);
		mkdirSync(FRAGMENTS, { recursive: true });
		writeFileSync(path.join(FRAGMENTS, `${family}.json`), JSON.stringify({ family, rows, at: new Date().toISOString() }, null, 1));
		writeFiguresTable();
	});
}

function writeFiguresTable() {
	const fragments = readdirSync(FRAGMENTS)
		.filter((file) => file.endsWith('.json'))
		.map((file) => JSON.parse(readFileSync(path.join(FRAGMENTS, file), 'utf8')) as { family: string; rows: Figures[]; at: string })
		.sort((a, b) => a.family.localeCompare(b.family));
	const all = fragments.flatMap((fragment) => fragment.rows);
	const total = (pick: (row: Figures) => number) => all.reduce((sum, row) => sum + pick(row), 0);
	const faults = total((row) => FAULT_KEYS.reduce((sum, key) => sum + row.faults[key], 0));
	const text = [
		'# Fault suite figures',
		'',
		'Written by `npm run test:faults` (test/faults). Each row is one workflow run against the Graph sandbox',
		'with faults injected (see docs/reliability.md for the profile). "out error" counts error items under',
		'Continue On Fail; every run asserts one output item per input item, paired to it.',
		'',
		markdownTable(all),
		'',
		`Totals: ${total((row) => row.itemsIn)} items in, ${total((row) => row.ok + row.errors)} items out, ` +
			`${total((row) => row.requests)} HTTP requests (${total((row) => row.batchItems)} requests inside $batch), ` +
			`${total((row) => row.retries)} retries, ${faults} faults injected.`,
		'',
		`Last run per file: ${fragments.map((fragment) => `${fragment.family} ${fragment.at}`).join('; ')}.`,
		'',
	].join('\n');
	writeFileSync(TABLE, text);
}
