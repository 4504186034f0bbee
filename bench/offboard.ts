/**
 * npm run bench:offboard: 200 leavers offboarded in one execution of user.offboard (every step
 * but delete, then the delete too) against the Graph sandbox with latency and Graph-style
 * throttling (429 with Retry-After on a share of requests, $batch items included). Reports wall
 * time, HTTP requests, requests inside $batch, 429s and retries, in total and per leaver, for a
 * dry run, the run, and a second run that must change nothing. Then the same job on new leavers
 * under Graph's identity-and-access bucket model, shrunk as in scenario 7 of `npm run bench`: wall
 * time against the least the buckets allow, and the share of requests throttled.
 * BENCH_OFFBOARD=buckets runs only that part; BENCH_TIMELINE=1 prints its reads and writes, and
 * their 429s, second by second. Writes bench/results/offboard.md.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { makeLeaver, SKU_IDS } from '../test/helpers/leavers';
import { disposeEngine, WorkflowRunner } from '../test/runner/engine';
import { minimumMs, THROTTLE_BARS, THROTTLED } from './throttled';

const ROOT = path.resolve(__dirname, '../../..');
const LEAVERS = Number(process.env.BENCH_LEAVERS ?? 200);
const LATENCY_MS = 25;
const THROTTLE = { rate429: 0.1, retryAfter: 1, seed: 200 };

interface Sandbox {
	graphUrl: string;
	loginHttpUrl: string;
	tenantId: string;
	auth: { app: { clientId: string; clientSecret: string }; issueToken(options: IDataObject): string };
	store: { getSku(skuId: string): { prepaidUnits: { enabled: number } } };
	log: Array<{ batch: unknown; status: number; fault?: unknown }>;
	faults: IDataObject;
	faultCounts: Record<string, number>;
	throttle: { counts: { evaluated: number; throttled: number; resourceUnits: number; writes: number }; reset(): void };
	close(): Promise<void>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox } = require(path.join(ROOT, 'test/sandbox')) as { startSandbox(options: IDataObject): Promise<Sandbox> };

interface Row {
	run: string;
	seconds: number;
	requests: number;
	batchItems: number;
	throttled: number;
	retries: number;
	complete: number;
}

async function measure(name: string, sandbox: Sandbox, runner: WorkflowRunner, ids: string[], parameters: IDataObject): Promise<Row> {
	const logStart = sandbox.log.length;
	const throttledBefore = sandbox.faultCounts['429'] ?? 0;
	const started = process.hrtime.bigint();
	const result = await runner.run({ items: ids.map((id) => ({ id })), parameters });
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	if (result.error) throw result.error;
	const log = sandbox.log.slice(logStart);
	return {
		run: name,
		seconds,
		requests: log.filter((entry) => !entry.batch).length,
		batchItems: log.filter((entry) => entry.batch).length,
		throttled: (sandbox.faultCounts['429'] ?? 0) - throttledBefore,
		retries: result.logs.filter((line) => /Entra ID: retrying /.test(line)).length,
		complete: result.output.filter((item) => item.json.complete === true).length,
	};
}

function table(rows: Row[]): string {
	const header = ['run', 'leavers complete', 'wall s', 'ms / leaver', 'HTTP requests', '/ leaver', 'requests in $batch', '/ leaver', '429s', 'retries'];
	const line = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
	return [
		line(header),
		line(header.map((_, index) => (index === 0 ? '---' : '---:'))),
		...rows.map((row) =>
			line([row.run, `${row.complete}/${LEAVERS}`, row.seconds.toFixed(1), ((row.seconds * 1000) / LEAVERS).toFixed(0), row.requests, (row.requests / LEAVERS).toFixed(2), row.batchItems, (row.batchItems / LEAVERS).toFixed(1), row.throttled, row.retries]),
		),
	].join('\n');
}

interface BucketRow {
	writes: number;
	resourceUnits: number;
	wallMs: number;
	minimumMs: number;
	evaluated: number;
	throttled: number;
	complete: number;
}

/**
 * Offboards `count` new leavers twice over under the bucket model: first with buckets too large to
 * throttle, which measures the job's own writes and resource units (and so the least time the
 * shrunk buckets allow), then with the shrunk buckets.
 */
async function underBuckets(sandbox: Sandbox, runner: WorkflowRunner, credential: IDataObject, parameters: IDataObject, count: number): Promise<BucketRow> {
	const run = async (buckets: IDataObject, identity: string) => {
		// Each run as an app of its own: the pacer (one per identity in the process) starts blind, as on a fresh worker.
		runner.setCredential('entraIdOAuth2Api', { ...credential, clientId: identity });
		const ids = Array.from({ length: count }, () => makeLeaver(sandbox.store).id);
		sandbox.faults.throttle = buckets;
		sandbox.throttle.reset();
		const started = Date.now();
		const result = await runner.run({ items: ids.map((id) => ({ id })), parameters });
		const wallMs = Date.now() - started;
		sandbox.faults.throttle = null;
		if (process.env.BENCH_TIMELINE) {
			const seconds = new Map<number, number[]>();
			for (const entry of sandbox.log as unknown as Array<{ time: number; status: number; method: string; batch: unknown }>) {
				if (entry.time < started || (!entry.batch && entry.method === 'POST' && entry.status === 200)) continue;
				const second = Math.floor((entry.time - started) / 1000);
				const row = seconds.get(second) ?? [0, 0, 0, 0];
				row[(entry.method === 'GET' ? 0 : 2) + (entry.status === 429 ? 1 : 0)]++;
				seconds.set(second, row);
			}
			for (const [second, row] of [...seconds].sort((a, b) => a[0] - b[0])) console.log(identity, second, 'reads ok/429', row[0], row[1], 'writes ok/429', row[2], row[3]);
		}
		if (result.error) throw result.error;
		return { wallMs, counts: { ...sandbox.throttle.counts }, complete: result.output.filter((item) => item.json.complete === true).length };
	};
	const { buckets } = THROTTLED;
	const own = await run({ ...buckets, writes: 1e9, resourceUnits: 1e9, tenantWrites: 1e9 }, 'offboard-bench-own-cost');
	const paced = await run(buckets, 'offboard-bench-paced');
	const minimum = minimumMs(own.counts.writes, own.counts.resourceUnits);
	return { writes: own.counts.writes, resourceUnits: own.counts.resourceUnits, wallMs: paced.wallMs, minimumMs: minimum, evaluated: paced.counts.evaluated, throttled: paced.counts.throttled, complete: paced.complete };
}

async function main() {
	const sandbox = await startSandbox({ seed: 'demo', latencyMs: LATENCY_MS });
	// Seats for the leavers' direct licences (the demo tenant's E3 is nearly full).
	sandbox.store.getSku(SKU_IDS.E3).prepaidUnits.enabled += LEAVERS + 1;
	const ids = Array.from({ length: LEAVERS }, () => makeLeaver(sandbox.store).id);
	const runner = await WorkflowRunner.create();
	const { clientId, clientSecret } = sandbox.auth.app;
	const oauthTokenData = { access_token: sandbox.auth.issueToken({ type: 'delegated' }), token_type: 'Bearer' };
	const credential = { tenantId: sandbox.tenantId, cloud: 'custom', customGraphUrl: sandbox.graphUrl, customLoginUrl: sandbox.loginHttpUrl, clientId, clientSecret, oauthTokenData };
	runner.setCredential('entraIdOAuth2Api', credential);
	const offboard = (steps?: string[], options: IDataObject = {}) => ({
		resource: 'user',
		operation: 'offboard',
		userId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
		...(steps ? { steps } : {}),
		options,
	});
	// Warm-up on other leavers: module loading and first-use costs are not part of an execution.
	await runner.run({ items: [{ id: makeLeaver(sandbox.store).id }], parameters: offboard() });
	Object.assign(sandbox.faults, THROTTLE);
	// BENCH_OFFBOARD=buckets: only the part under the bucket model.
	const rows = process.env.BENCH_OFFBOARD === 'buckets' ? [] : [
		await measure('dry run, default steps', sandbox, runner, ids, offboard(undefined, { dryRun: true })),
		await measure('default steps (all but delete)', sandbox, runner, ids, offboard()),
		await measure('second run, default steps (nothing to do)', sandbox, runner, ids, offboard()),
		await measure('delete step only', sandbox, runner, ids, offboard(['delete'])),
	];
	Object.assign(sandbox.faults, { rate429: 0 });
	sandbox.store.getSku(SKU_IDS.E3).prepaidUnits.enabled += 2 * LEAVERS;
	const bucket = await underBuckets(sandbox, runner, credential, offboard(), LEAVERS);
	const share = bucket.evaluated ? bucket.throttled / bucket.evaluated : 0;
	const { buckets } = THROTTLED;
	const text = [
		`# user.offboard: ${LEAVERS} leavers in one execution`,
		'',
		`Command: \`npm run bench:offboard\` (${new Date().toISOString().slice(0, 10)}). Sandbox latency ${LATENCY_MS} ms a round trip; 10% of requests (and of $batch items) throttled with 429 and Retry-After: 1 s.`,
		'Each leaver (test/helpers/leavers.ts): 10 groups (6 removable, 4 that Graph cannot change: dynamic, on-premises synced, mail-enabled security, distribution), 2 licences (1 direct, 1 through a group), a manager, 2 owned groups (1 shared, 1 alone: reported), 9 authentication methods (8 removable and the password).',
		'HTTP requests count $batch envelopes and single calls; requests in $batch count the Graph calls inside them.',
		'',
		table(rows),
		'',
		`Under Graph's identity-and-access bucket model (the sandbox's \`faults.throttle\`, buckets shrunk to ${buckets.writes} writes and ${buckets.resourceUnits} resource units a second, as in scenario 7 of \`npm run bench\`), ${LEAVERS} new leavers, default steps, no random 429s. The minimum is the least time those buckets allow for the job's own writes and resource units (measured by a run with buckets too large to throttle); throttled counts every request Graph evaluated, inner $batch requests one by one.`,
		'',
		'| leavers complete | writes | resource units | wall s | minimum s | wall ÷ minimum | evaluated | throttled (429) | share throttled |',
		'| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
		`| ${bucket.complete}/${LEAVERS} | ${bucket.writes} | ${bucket.resourceUnits} | ${(bucket.wallMs / 1000).toFixed(1)} | ${(bucket.minimumMs / 1000).toFixed(1)} | ${(bucket.wallMs / bucket.minimumMs).toFixed(2)}× | ${bucket.evaluated} | ${bucket.throttled} | ${(share * 100).toFixed(1)}% |`,
		'',
		`Bars (issue #17): wall ≤ ${THROTTLE_BARS.wallPerMinimum}× the minimum: ${bucket.wallMs <= THROTTLE_BARS.wallPerMinimum * bucket.minimumMs ? 'PASS' : 'FAIL'}; throttled ≤ ${THROTTLE_BARS.throttledShare * 100}%: ${share <= THROTTLE_BARS.throttledShare ? 'PASS' : 'FAIL'}; every leaver complete: ${bucket.complete === LEAVERS ? 'PASS' : 'FAIL'}.`,
		'',
	].join('\n');
	writeFileSync(path.join(ROOT, 'bench/results/offboard.md'), text);
	process.stdout.write(`${text}\n`);
	await sandbox.close();
	disposeEngine();
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
		process.exit(1);
	},
);
