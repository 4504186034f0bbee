import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { UserRef } from '../directory/users';
import { resolveUserIds } from '../directory/users';
import type { GraphClient } from '../transport/client';
import type { ErrorHint } from '../transport/errors';
import { GraphError, toNodeApiError } from '../transport/errors';
import type { GraphCall, GraphResponse } from '../transport/types';
import { sendInWaves } from './waves';

/** What one input item produced: its output objects, or its error. */
export type ItemResult = { items: IDataObject[] } | { error: NodeApiError | NodeOperationError };

/** An operation's run: gives one result per input item, indexed by item, in order. */
export type OperationExecutor = (this: IExecuteFunctions, graph: GraphClient, itemCount: number) => Promise<ItemResult[]>;

/** An operation: its own fields (the registry shows them for it only) and its run. */
export interface Operation {
	properties: INodeProperties[];
	execute: OperationExecutor;
}

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

/** An item's plan, with its item index. */
export type Planned<P> = P & { itemIndex: number };

/**
 * The planning loop: reads and checks every item before any request is sent. A bad item stops the
 * run here, or, under continueOnFail, becomes its error result. `results` holds one entry per item.
 */
export function planItems<P extends object>(
	ctx: IExecuteFunctions,
	itemCount: number,
	plan: (itemIndex: number) => P,
): { results: ItemResult[]; plans: Array<Planned<P>> } {
	const results: ItemResult[] = [];
	const plans: Array<Planned<P>> = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			plans.push({ ...plan(itemIndex), itemIndex });
			results.push({ items: [] });
		} catch (error) {
			const nodeError = asNodeError(ctx, error, itemIndex);
			if (!ctx.continueOnFail()) throw nodeError;
			results.push({ error: nodeError });
		}
	}
	return { results, plans };
}

/**
 * Runs `run` for one item after another. Without continueOnFail it stops at the first failure,
 * so no later item is touched.
 */
export function perItem(
	run: (this: IExecuteFunctions, graph: GraphClient, itemIndex: number) => Promise<IDataObject | IDataObject[]>,
	hint?: ErrorHint,
): OperationExecutor {
	return async function (this: IExecuteFunctions, graph, itemCount) {
		const results: ItemResult[] = [];
		for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
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

/**
 * Plans every item first, so bad input is refused before any request, then runs each plan in
 * turn. Without continueOnFail it stops at the first failure, so no later item is touched.
 */
export function plannedEach<P extends object>(
	plan: (this: IExecuteFunctions, itemIndex: number) => P,
	run: (this: IExecuteFunctions, graph: GraphClient, plan: Planned<P>) => Promise<IDataObject | IDataObject[]>,
	hint?: ErrorHint,
): OperationExecutor {
	return async function (this: IExecuteFunctions, graph, itemCount) {
		const { results, plans } = planItems(this, itemCount, (itemIndex) => plan.call(this, itemIndex));
		for (const item of plans) {
			try {
				results[item.itemIndex] = { items: asList(await run.call(this, graph, item)) };
			} catch (error) {
				results[item.itemIndex] = { error: asNodeError(this, error, item.itemIndex, hint) };
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
	return async function (this: IExecuteFunctions, graph, itemCount) {
		const { results, plans } = planItems(this, itemCount, (itemIndex) => ({ plan: plan.call(this, itemIndex, graph) }));
		const retry = plans.some(({ plan }) => plan.retryNotFound);
		const ids = await resolveUserIds(graph, plans.flatMap(({ plan }) => plan.refs ?? []), retry);
		const ready: Array<Planned<{ call: GraphCall; plan: PlannedCall }>> = [];
		for (const { itemIndex, plan } of plans) {
			const refIds = (plan.refs ?? []).map((ref) => ids.get(ref.value) ?? ref.value);
			const unresolved = refIds.find((id) => id instanceof GraphError);
			if (unresolved instanceof GraphError) {
				results[itemIndex] = settle(this, plan, unresolved, itemIndex);
				continue;
			}
			const built = typeof plan.call === 'function' ? plan.call(refIds as string[]) : plan.call;
			ready.push({ itemIndex, plan, call: plan.retryNotFound ? { ...built, retryNotFound: true } : built });
		}
		await sendInWaves(this, graph, ready, results, (entry, outcome) => settle(this, entry.plan, outcome, entry.itemIndex));
		return results;
	};
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
