import type { IDataObject } from 'n8n-workflow';

import { sleep } from 'n8n-workflow';

import { chunk, mapLimit } from './concurrency';
import { GraphError, graphErrorFromBody } from './errors';
import type { PaceSignal } from './pacer';
import { headerIn } from './pacer';
import type { Progress } from './progress';
import { backoffDelay, isIdempotent, isThrottle, MAX_RETRY_AFTER_MS, parseRetryAfter, retryDelay, unrepeatable } from './retry';
import type { AttemptState, GraphCall, GraphResponse, TransportOptions } from './types';
import { ALREADY_DELETED } from './types';

/** Graph's limit of requests in one JSON $batch envelope. */
export const BATCH_LIMIT = 20;

type Outcome = GraphResponse | GraphError;

/** What the batch loop needs of the client: its single-request path and its counters. */
export interface BatchHost {
	readonly options: TransportOptions;
	readonly progress: Progress;
	request(call: GraphCall, attempts?: AttemptState, inner?: Map<string, GraphCall>): Promise<GraphResponse>;
	noteRetry(call: GraphCall, error: GraphError, attempt: number, delay: number, inBatch?: boolean): void;
}

/** A query string in Graph's own form: `$` and `,` left readable. */
export function toQueryString(qs: IDataObject | undefined): string {
	if (!qs) return '';
	const parts = Object.entries(qs)
		.filter(([, value]) => value !== undefined && value !== '')
		.map(([key, value]) => `${key}=${encodeURIComponent(String(value)).replace(/%24/g, '$').replace(/%2C/gi, ',')}`);
	return parts.length ? `?${parts.join('&')}` : '';
}

function toBatchRequest(id: string, call: GraphCall): IDataObject {
	const request: IDataObject = { id, method: call.method, url: `${call.url}${toQueryString(call.qs)}` };
	const headers: Record<string, string> = { ...call.headers };
	if (call.body !== undefined) {
		request.body = call.body;
		headers['Content-Type'] = 'application/json';
	}
	if (Object.keys(headers).length) request.headers = headers;
	return request;
}

function fromBatchResponse(response: IDataObject): Outcome {
	const status = Number(response.status);
	const headers = (response.headers as Record<string, string> | undefined) ?? {};
	const body = response.body && typeof response.body === 'object' ? (response.body as IDataObject) : {};
	if (status >= 200 && status < 300) return { status, body, headers };
	const retryAfterHeader = Object.entries(headers).find(([name]) => name.toLowerCase() === 'retry-after')?.[1];
	return graphErrorFromBody(status, body, headers, parseRetryAfter(retryAfterHeader));
}

/** What each answer inside a $batch tells the pacer: Graph throttles those one by one. */
export function innerSignals(response: GraphResponse, inner: Map<string, GraphCall>): PaceSignal[] {
	const answers = (response.body.responses as IDataObject[] | undefined) ?? [];
	return answers
		.map((answer) => {
			const status = Number(answer.status);
			const headers = (answer.headers as Record<string, string> | undefined) ?? {};
			// Capped like the retries themselves (retry.ts): a longer ask ends those items, it does not hold the lane for hours.
			const pauseMs = isThrottle(status) ? Math.min(MAX_RETRY_AFTER_MS, parseRetryAfter(headerIn(headers, 'retry-after')) ?? backoffDelay(0)) : undefined;
			return { call: inner.get(String(answer.id)), status, headers, pauseMs };
		})
		.filter((signal) => signal.call !== undefined);
}

/** One envelope: the answers by request id, or the error of the envelope itself. */
async function sendEnvelope(
	host: BatchHost,
	calls: GraphCall[],
	indexes: number[],
	maybeApplied: Set<number>,
): Promise<Map<string, Outcome> | GraphError> {
	const requests = indexes.map((index) => toBatchRequest(String(index), calls[index]));
	const idempotent = indexes.every((index) => isIdempotent(calls[index].method, calls[index].idempotent));
	try {
		const attempts: AttemptState = { maybeApplied: false };
		const inner = new Map(indexes.map((index) => [String(index), calls[index]]));
		const { body } = await host.request({ method: 'POST', url: '/$batch', body: { requests }, idempotent }, attempts, inner);
		if (attempts.maybeApplied) for (const index of indexes) maybeApplied.add(index);
		const answers = new Map<string, Outcome>();
		for (const response of (body.responses as IDataObject[] | undefined) ?? []) {
			answers.set(String(response.id), fromBatchResponse(response));
		}
		return answers;
	} catch (error) {
		return error as GraphError;
	}
}

/**
 * Sends calls in JSON $batch envelopes of up to 20, `concurrency` envelopes at once, and returns
 * each call's response or error in call order. Each inner call is matched by id and retried on
 * its own when throttled (waiting in the pacer) or transient (waiting here, the longest backoff).
 */
export async function sendInBatches(host: BatchHost, calls: GraphCall[]): Promise<Outcome[]> {
	const results = new Array<Outcome>(calls.length);
	const maybeApplied = new Set<number>();
	let pending = calls.map((_, index) => index);
	for (let attempt = 0; pending.length > 0; attempt++) {
		const retry: number[] = [];
		let wait = 0;
		await mapLimit(chunk(pending, BATCH_LIMIT), host.options.concurrency, async (indexes) => {
			const envelope = await sendEnvelope(host, calls, indexes, maybeApplied);
			if (envelope instanceof GraphError) {
				for (const index of indexes) results[index] = envelope;
				host.progress.settled(indexes.length);
				return;
			}
			let settled = 0;
			for (const index of indexes) {
				let outcome = envelope.get(String(index)) ?? new GraphError(0, 'BatchResponseMissing', 'Graph returned no answer for this request in its $batch response');
				if (outcome instanceof GraphError && outcome.status === 404 && calls[index].method === 'DELETE' && maybeApplied.has(index)) {
					outcome = ALREADY_DELETED;
				}
				const delay = outcome instanceof GraphError ? retryDelay(outcome, calls[index], attempt, host.options) : undefined;
				if (delay !== undefined) {
					retry.push(index);
					// Throttled requests wait in the pacer (their scope's Retry-After); other faults here.
					if (!isThrottle((outcome as GraphError).status)) wait = Math.max(wait, delay);
					if (!isThrottle((outcome as GraphError).status)) maybeApplied.add(index);
					host.noteRetry(calls[index], outcome as GraphError, attempt, delay, true);
				} else {
					if (outcome instanceof GraphError) outcome.maybeApplied ||= maybeApplied.has(index);
					results[index] = outcome instanceof GraphError ? unrepeatable(outcome, calls[index]) : outcome;
					settled++;
				}
			}
			host.progress.settled(settled);
		});
		pending = retry.sort((a, b) => a - b);
		if (pending.length > 0 && wait > 0) await sleep(wait);
	}
	return results;
}
