/**
 * Scenario 7: update 2,000 users under Graph's identity-and-access throttling, with the sandbox's
 * buckets (test/sandbox/throttle.js) shrunk to 100 writes and 300 resource units a second. Prints
 * the wall time against the least the buckets allow, the share of the requests Graph evaluated
 * (inner $batch requests one by one) that came back 429, and the items that did not succeed.
 */
import type { IDataObject } from 'n8n-workflow';

import type { NodeName } from './scenarios';
import type { Job, Outcome } from './worker';

export const THROTTLED = {
	id: 7,
	title: 'Update 2,000 users under throttling',
	count: 2000,
	buckets: { writes: 100, writeWindowSeconds: 1, resourceUnits: 300, resourceUnitWindowSeconds: 1 },
};

/** The bars of issue #17. */
export const THROTTLE_BARS = { wallPerMinimum: 1.2, throttledShare: 0.1 };

const JOB_TITLE = 'Bench Paced';

export interface ThrottledSandbox {
	store: { listUsers(): Array<{ id: string; jobTitle?: string | null }>; getUser(id: string): { jobTitle?: string | null } | undefined };
	faults: IDataObject;
	throttle: { counts: { evaluated: number; throttled: number }; reset(): void };
	clearLog(): void;
}

export interface ThrottledRun {
	node: NodeName;
	wallMs: number;
	minimumMs: number;
	evaluated: number;
	throttled: number;
	succeeded: number;
	applied: number;
	error?: string;
}

/**
 * The least time the buckets allow: each starts full (one window's worth) and refills at its
 * rate, so N units take (N - capacity) / rate, the slowest bucket deciding.
 */
export function minimumMs(writes: number, resourceUnits: number): number {
	const { buckets } = THROTTLED;
	const writeRate = buckets.writes / buckets.writeWindowSeconds;
	const unitRate = buckets.resourceUnits / buckets.resourceUnitWindowSeconds;
	return Math.max(0, (writes - buckets.writes) / writeRate, (resourceUnits - buckets.resourceUnits) / unitRate) * 1000;
}

export async function runThrottled(
	sandbox: ThrottledSandbox,
	node: NodeName,
	job: (items: IDataObject[], parameters: IDataObject) => Job,
	runWorker: (job: Job, prepare: () => void) => Promise<Outcome>,
): Promise<ThrottledRun> {
	const userIds = sandbox.store.listUsers().slice(0, THROTTLED.count).map((user) => user.id);
	const userId = { __rl: true, mode: 'id', value: '={{ $json.id }}' };
	const parameters = node === 'ours'
		? { resource: 'user', operation: 'update', userId, updateFields: { jobTitle: JOB_TITLE } }
		: { resource: 'user', operation: 'update', user: userId, updateFields: { jobTitle: JOB_TITLE } };
	const outcome = await runWorker(job(userIds.map((id) => ({ id })), parameters), () => {
		// After the worker's warm-up, which updated a few of these users.
		for (const id of userIds) sandbox.store.getUser(id)!.jobTitle = 'Before the bench';
		sandbox.faults.throttle = THROTTLED.buckets;
		sandbox.throttle.reset();
		sandbox.clearLog();
	});
	const { evaluated, throttled } = sandbox.throttle.counts;
	sandbox.faults.throttle = null;
	// The job itself: one PATCH per user, 1 write and 1 resource unit each.
	const minimum = minimumMs(THROTTLED.count, THROTTLED.count);
	return {
		node,
		wallMs: outcome.wallMs,
		minimumMs: minimum,
		evaluated,
		throttled,
		succeeded: outcome.outputItems - outcome.failedItems,
		applied: userIds.filter((id) => sandbox.store.getUser(id)?.jobTitle === JOB_TITLE).length,
		error: outcome.error,
	};
}

const share = (run: ThrottledRun) => (run.evaluated ? run.throttled / run.evaluated : 0);
const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
const secondsOf = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function throttledLine(run: ThrottledRun): string {
	return `${run.node.padEnd(7)} ${secondsOf(run.wallMs)} (${(run.wallMs / run.minimumMs).toFixed(2)}x the minimum ${secondsOf(run.minimumMs)}), ${run.throttled} of ${run.evaluated} requests throttled (${percent(share(run))}), ${run.succeeded} of ${THROTTLED.count} items succeeded, ${run.applied} users updated`;
}

const NAMES: Record<NodeName, string> = { ours: 'Entra ID (this package)', builtin: 'Microsoft Entra ID (n8n built-in)' };

export function throttledTable(runs: ThrottledRun[]): string {
	const { buckets } = THROTTLED;
	return [
		'',
		`Scenario ${THROTTLED.id}, ${THROTTLED.title}: the sandbox's identity-and-access throttling model with its buckets shrunk to ${buckets.writes} writes and ${buckets.resourceUnits} resource units a second (each starts full). "Minimum" is the least time those buckets allow for the job (2,000 PATCHes, 1 write and 1 resource unit each); "throttled" counts every request Graph evaluated, inner $batch requests one by one. Continue On Fail is on, so an item that failed is counted, not fatal.`,
		'',
		'| Node | Run | Wall time | Minimum | Wall ÷ minimum | Evaluated | Throttled (429) | Share throttled | Items succeeded | Users updated |',
		'| - | -: | -: | -: | -: | -: | -: | -: | -: | -: |',
		...runs.map((run) => `| ${NAMES[run.node]} | ${runs.filter((other) => other.node === run.node).indexOf(run) + 1} | ${secondsOf(run.wallMs)} | ${secondsOf(run.minimumMs)} | ${(run.wallMs / run.minimumMs).toFixed(2)}× | ${run.evaluated.toLocaleString('en-US')} | ${run.throttled.toLocaleString('en-US')} | ${percent(share(run))} | ${run.succeeded.toLocaleString('en-US')} | ${run.applied.toLocaleString('en-US')} |`),
		'',
	].join('\n');
}

export function throttledBars(runs: ThrottledRun[]): Array<{ pass: boolean; text: string }> {
	return runs
		.filter((run) => run.node === 'ours')
		.flatMap((run) => [
			{ pass: run.wallMs <= THROTTLE_BARS.wallPerMinimum * run.minimumMs, text: `7. wall ${secondsOf(run.wallMs)} is ${(run.wallMs / run.minimumMs).toFixed(2)}x the minimum ${secondsOf(run.minimumMs)} (bar: ≤ ${THROTTLE_BARS.wallPerMinimum}x)` },
			{ pass: share(run) <= THROTTLE_BARS.throttledShare, text: `7. ${percent(share(run))} of requests throttled (bar: ≤ ${percent(THROTTLE_BARS.throttledShare)})` },
			{ pass: run.succeeded === THROTTLED.count && run.applied === THROTTLED.count, text: `7. ${run.succeeded} of ${THROTTLED.count} items succeeded, ${run.applied} users updated (bar: all)` },
		]);
}
