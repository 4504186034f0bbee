import type { IDataObject } from 'n8n-workflow';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** One Graph request, with a path relative to the versioned root (for example `/users/{id}`). */
export interface GraphCall {
	method: HttpMethod;
	url: string;
	qs?: IDataObject;
	body?: IDataObject;
	headers?: Record<string, string>;
	/** POSTs that change nothing (checkMemberGroups, getByIds …) may be retried after a dropped connection. */
	idempotent?: boolean;
	/** A write that references another object: its 404 may be replication lag, so executeAll retries it a few times. */
	retryNotFound?: boolean;
}

export interface GraphResponse {
	status: number;
	body: IDataObject;
	headers: Record<string, string>;
}

export interface TransportOptions {
	/** Per-request timeout in milliseconds. */
	timeout: number;
	/** Requests (or $batch envelopes) in flight at once. */
	concurrency: number;
	/** Gather per-item requests into JSON $batch envelopes of up to 20. */
	batching: boolean;
	/** Retries of a dropped connection, a 502 or a 504 (calls safe to repeat) before its error is reported. */
	maxRetries: number;
	/** Retries of a throttled (429) or unavailable (503) request, which Graph did not run. */
	maxThrottleRetries: number;
	/** Requests in flight from this whole process to the same app and tenant before this run waits (0: no such cap; pacer.ts). */
	workerConcurrency: number;
}

/** Whether an earlier attempt of a call may have reached Graph (a dropped connection, a 502 or 504). */
export interface AttemptState {
	maybeApplied: boolean;
}

/** The answer for a retried DELETE that finds its object already gone. */
export const ALREADY_DELETED: GraphResponse = { status: 204, body: {}, headers: {} };

/** Query options for a directory list: filter, search (with ConsistencyLevel), select. */
export interface ListQuery {
	qs: IDataObject;
	headers: Record<string, string>;
}

/** Graph's advanced query: `ConsistencyLevel: eventual` with `$count=true`. */
export function advancedQuery(query: ListQuery): ListQuery {
	return {
		qs: { ...query.qs, $count: 'true' },
		headers: { ...query.headers, ConsistencyLevel: 'eventual' },
	};
}
