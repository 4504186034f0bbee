import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { GraphClient } from '../transport/client';
import { BATCH_LIMIT } from '../transport/client';
import type { ErrorHint } from '../transport/errors';
import { GraphError, toNodeApiError } from '../transport/errors';
import type { GraphCall, GraphResponse } from '../transport/types';
import type { UserRef } from '../helpers/validation';
import { resolveUserIds } from '../transport/resolve';

/** What one input item produced: its output objects, or its error. */
export type ItemResult = { items: IDataObject[] } | { error: NodeApiError | NodeOperationError };

/** An operation: runs over the input items' indexes and gives one result per item, in order. */
export type OperationExecutor = (this: IExecuteFunctions, graph: GraphClient, itemIndexes: number[]) => Promise<ItemResult[]>;

/** Any thrown value as the error n8n shows, tied to its item. */
export function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number, hint?: ErrorHint) {
	if (error instanceof GraphError) return toNodeApiError(ctx.getNode(), error, itemIndex, hint);
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(ctx.getNode(), message, { itemIndex });
}

const asList = (value: IDataObject | IDataObject[]) => (Array.isArray(value) ? value : [value]);

/**
 * Runs `run` for one item after another. Without continueOnFail it stops at the first failure,
 * so no later item is touched.
 */
export function perItem(
	run: (this: IExecuteFunctions, graph: GraphClient, itemIndex: number) => Promise<IDataObject | IDataObject[]>,
	hint?: ErrorHint,
): OperationExecutor {
	return async function (this: IExecuteFunctions, graph, itemIndexes) {
		const results: ItemResult[] = [];
		for (const itemIndex of itemIndexes) {
			try {
				results.push({ items: asList(await run.call(this, graph, itemIndex)) });
			} catch (error) {
				results.push({ error: asNodeError(this, error, itemIndex, hint) });
				if (!this.continueOnFail()) break;
			}
		}
		return results;
	};
}

/** One Graph call an item needs, and how its answer (or error) becomes output. */
export interface PlannedCall {
	/** Users given by UPN are resolved to object IDs first, in one batched round. */
	refs?: UserRef[];
	call: GraphCall | ((ids: string[]) => GraphCall);
	output: (response: GraphResponse) => IDataObject | IDataObject[];
	/** Turns an expected error (already a member, no manager …) into output instead. */
	recover?: (error: GraphError) => IDataObject | IDataObject[] | undefined;
	hint?: ErrorHint;
	/** A write that references another object: 404s (of the UPN lookup and the call) are retried as replication lag. */
	retryNotFound?: boolean;
}

/**
 * Plans every item first (bad input is refused before any request is sent), then sends all
 * calls together through the transport, which batches them, and maps each answer to its item.
 */
export function planned(
	plan: (this: IExecuteFunctions, itemIndex: number, graph: GraphClient) => PlannedCall,
): OperationExecutor {
	return async function (this: IExecuteFunctions, graph, itemIndexes) {
		const results: ItemResult[] = [];
		const plans: Array<{ itemIndex: number; slot: number; plan: PlannedCall }> = [];
		for (const itemIndex of itemIndexes) {
			try {
				plans.push({ itemIndex, slot: results.length, plan: plan.call(this, itemIndex, graph) });
				results.push({ items: [] });
			} catch (error) {
				const nodeError = asNodeError(this, error, itemIndex);
				if (!this.continueOnFail()) throw nodeError;
				results.push({ error: nodeError });
			}
		}
		const retry = plans.some(({ plan }) => plan.retryNotFound);
		const ids = await resolveUserIds(graph, plans.flatMap(({ plan }) => plan.refs ?? []), retry);
		const ready: typeof plans = [];
		const calls: GraphCall[] = [];
		for (const entry of plans) {
			const refIds = (entry.plan.refs ?? []).map((ref) => ids.get(ref.value) ?? ref.value);
			const unresolved = (entry.plan.refs ?? []).map((ref) => ids.get(ref.value)).find((id) => id instanceof GraphError);
			if (unresolved instanceof GraphError) {
				results[entry.slot] = settle(this, entry.plan, unresolved, entry.itemIndex);
				continue;
			}
			const { call } = entry.plan;
			const built = typeof call === 'function' ? call(refIds as string[]) : call;
			calls.push(entry.plan.retryNotFound ? { ...built, retryNotFound: true } : built);
			ready.push(entry);
		}
		await sendInWaves(this, graph, calls, ready, results);
		return results;
	};
}

/** An item on its way to Graph: where its result goes. */
interface Slotted {
	itemIndex: number;
	slot: number;
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
export function beforeFirstFailure<T extends Slotted>(ctx: IExecuteFunctions, entries: T[], results: ItemResult[]): T[] {
	if (ctx.continueOnFail()) return entries;
	const failedSlot = results.findIndex((result) => 'error' in result);
	return failedSlot === -1 ? entries : entries.filter((entry) => entry.slot < failedSlot);
}

/**
 * Whether a round holds a failed item (and the run must stop). Its error then names the later items
 * of the same round that were carried out anyway, so no write goes unreported.
 */
export function stopsAt(ctx: IExecuteFunctions, round: Slotted[], results: ItemResult[]): boolean {
	if (ctx.continueOnFail()) return false;
	const first = round.findIndex(({ slot }) => 'error' in results[slot]);
	if (first === -1) return false;
	const applied = round.slice(first + 1).filter(({ slot }) => !('error' in results[slot])).map(({ itemIndex }) => itemIndex);
	if (applied.length > 0) {
		const failed = results[round[first].slot] as { error: NodeApiError | NodeOperationError };
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
function conflictFreeEnd(calls: GraphCall[], start: number, end: number): number {
	const targets = new Set<string>();
	for (let index = start; index < end; index++) {
		const target = writeTarget(calls[index]);
		if (target === undefined) continue;
		if (targets.has(target)) return index;
		targets.add(target);
	}
	return end;
}

async function sendInWaves(
	ctx: IExecuteFunctions,
	graph: GraphClient,
	calls: GraphCall[],
	ready: Array<Slotted & { plan: PlannedCall }>,
	results: ItemResult[],
) {
	const sendable = beforeFirstFailure(ctx, ready, results);
	const wave = waveSize(ctx, graph, sendable.length);
	for (let start = 0; start < sendable.length; ) {
		const end = conflictFreeEnd(calls, start, Math.min(sendable.length, start + wave));
		const entries = sendable.slice(start, end);
		const responses = await graph.executeAll(calls.slice(start, end));
		entries.forEach((entry, index) => {
			results[entry.slot] = settle(ctx, entry.plan, responses[index], entry.itemIndex);
		});
		if (stopsAt(ctx, entries, results)) return;
		start = end;
	}
}

function settle(ctx: IExecuteFunctions, plan: PlannedCall, outcome: GraphResponse | GraphError, itemIndex: number): ItemResult {
	try {
		if (outcome instanceof GraphError) {
			const recovered = plan.recover?.(outcome);
			if (recovered === undefined) throw outcome;
			return { items: asList(recovered) };
		}
		return { items: asList(plan.output(outcome)) };
	} catch (error) {
		return { error: asNodeError(ctx, error, itemIndex, plan.hint) };
	}
}
