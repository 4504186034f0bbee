import type { IExecuteFunctions } from 'n8n-workflow';
import type { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { BATCH_LIMIT } from '../transport/batch';
import type { GraphClient } from '../transport/client';
import type { GraphError } from '../transport/errors';
import type { GraphCall, GraphResponse } from '../transport/types';
import type { ItemResult } from './execution';

/** An item on its way to Graph; its result goes to results[itemIndex]. */
interface Sent {
	itemIndex: number;
}

/**
 * How many items go out before the run may stop. With continueOnFail every item goes at once (the
 * transport batches and bounds them). Without it the run must stop at the first failing item, as
 * n8n nodes do, so items go out one round of envelopes at a time (20 per envelope, `concurrency`
 * envelopes in flight) and nothing is sent after a round that failed.
 */
export function waveSize(ctx: IExecuteFunctions, graph: GraphClient, total: number): number {
	return ctx.continueOnFail() ? Math.max(1, total) : BATCH_LIMIT * graph.options.concurrency;
}

/** Without continueOnFail, items at or after one that already failed (e.g. its UPN did not resolve) are not sent. */
export function beforeFirstFailure<T extends Sent>(ctx: IExecuteFunctions, entries: T[], results: ItemResult[]): T[] {
	if (ctx.continueOnFail()) return entries;
	const failed = results.findIndex((result) => 'error' in result);
	return failed === -1 ? entries : entries.filter((entry) => entry.itemIndex < failed);
}

/**
 * Whether a round holds a failed item (and the run must stop). Its error then names the later items
 * of the same round that were carried out anyway, so no write goes unreported.
 */
export function stopsAt(ctx: IExecuteFunctions, round: Sent[], results: ItemResult[]): boolean {
	if (ctx.continueOnFail()) return false;
	const first = round.findIndex(({ itemIndex }) => 'error' in results[itemIndex]);
	if (first === -1) return false;
	const applied = round.slice(first + 1).filter(({ itemIndex }) => !('error' in results[itemIndex])).map(({ itemIndex }) => itemIndex);
	if (applied.length > 0) {
		const failed = results[round[first].itemIndex] as { error: NodeApiError | NodeOperationError };
		const note = `Items ${applied.join(', ')} were sent together with this one and were carried out before the run stopped; later items were not sent. Turn on Continue On Fail to get a result for every item.`;
		failed.error.description = failed.error.description ? `${failed.error.description} | ${note}` : note;
		failed.error.context.appliedItems = applied;
	}
	return true;
}

/** The object a write changes (its path, when it names one object), or undefined for reads and creates in a collection. */
function writeTarget(call: GraphCall): string | undefined {
	if (call.method === 'GET') return undefined;
	const path = call.url.split('?')[0];
	return path.split('/').filter(Boolean).length > 1 ? path.toLowerCase() : undefined;
}

/**
 * Where a wave must end so that two writes to one object are never in flight together: Graph
 * runs the requests of a $batch (and concurrent envelopes) in any order, and a throttled one is
 * retried after the others, so an earlier item could land last. The later write waits for the
 * next wave, so writes to one object happen in item order.
 */
function conflictFreeEnd(entries: Array<{ call: GraphCall }>, start: number, end: number): number {
	const targets = new Set<string>();
	for (let index = start; index < end; index++) {
		const target = writeTarget(entries[index].call);
		if (target === undefined) continue;
		if (targets.has(target)) return index;
		targets.add(target);
	}
	return end;
}

/** Sends one call per item in waves (see waveSize) and settles each item's result from its answer. */
export async function sendInWaves<T extends Sent & { call: GraphCall }>(
	ctx: IExecuteFunctions,
	graph: GraphClient,
	ready: T[],
	results: ItemResult[],
	settle: (entry: T, outcome: GraphResponse | GraphError) => ItemResult,
) {
	const sendable = beforeFirstFailure(ctx, ready, results);
	const wave = waveSize(ctx, graph, sendable.length);
	for (let start = 0; start < sendable.length; ) {
		const end = conflictFreeEnd(sendable, start, Math.min(sendable.length, start + wave));
		const entries = sendable.slice(start, end);
		const responses = await graph.executeAll(entries.map(({ call }) => call));
		entries.forEach((entry, index) => {
			results[entry.itemIndex] = settle(entry, responses[index]);
		});
		if (stopsAt(ctx, entries, results)) return;
		start = end;
	}
}
