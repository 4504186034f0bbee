import type { GraphError } from './errors';
import { explainUncertain, isNetworkError, isUncertain } from './errors';
import { ForeignLinkError } from './links';
import type { GraphCall, HttpMethod, TransportOptions } from './types';

const BASE_DELAY_MS = 250;
const MAX_DELAY_MS = 30_000;

/** Graph throttles with 429; 503 is "try again later". Neither request ran, so any method may be retried. */
export const isThrottle = (status: number) => status === 429 || status === 503;

/** 502, 504 and dropped connections may or may not have reached Graph: retry only what is safe to repeat. */
export const isTransient = (status: number) => status === 502 || status === 504;

export function isIdempotent(method: HttpMethod, declared?: boolean): boolean {
	return declared ?? method !== 'POST';
}

/** Milliseconds to wait, from a Retry-After header in seconds or as an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
	if (value === undefined || value === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The longest Retry-After the node waits out: five minutes, beyond Graph's usual answers (seconds,
 * at most the write bucket's 150 s window). Longer asks end the item instead of hanging the run.
 */
export const MAX_RETRY_AFTER_MS = 5 * 60_000;

function duration(ms: number): string {
	const minutes = ms / 60_000;
	if (minutes < 120) return `${Math.ceil(minutes)} minutes`;
	const hours = minutes / 60;
	return hours < 48 ? `${Math.round(hours)} hours` : `${Math.round(hours / 24)} days`;
}

/**
 * True when Graph asked for a wait beyond MAX_RETRY_AFTER_MS; the error then says so, and how
 * long Graph asked for, so the item ends with a throttling error instead of being sent again.
 */
export function waitTooLong(error: GraphError): boolean {
	const asked = error.retryAfterMs;
	if (asked === undefined || asked <= MAX_RETRY_AFTER_MS) return false;
	error.advice = `Microsoft Graph asked to wait ${duration(asked)} before this request is sent again (Retry-After), longer than the ${duration(MAX_RETRY_AFTER_MS)} the node waits at most. It was not sent again: run it later.`;
	return true;
}

/** Capped exponential backoff with full jitter, for faults where Graph gives no Retry-After. */
export function backoffDelay(attempt: number, random = Math.random): number {
	const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** How long to wait before sending `call` again after `error`, or undefined when it must not be sent again. */
export function retryDelay(error: GraphError, call: GraphCall, attempt: number, options: TransportOptions): number | undefined {
	// No token, so nothing reached Graph: a transient sign-in failure is safe to retry for any call.
	if (error.signInTransient) return attempt < options.maxRetries ? backoffDelay(attempt) : undefined;
	// A wait past the ceiling would hang the execution (or, past Node's timer limit, not wait at all).
	if (waitTooLong(error)) return undefined;
	// Graph did not run a throttled request and says when to come back: waiting longer loses nothing.
	if (isThrottle(error.status)) return attempt < options.maxThrottleRetries ? (error.retryAfterMs ?? backoffDelay(attempt)) : undefined;
	if (attempt >= options.maxRetries) return undefined;
	const transient = isTransient(error.status) || (isNetworkError(error) && !(error instanceof ForeignLinkError));
	if (transient && isIdempotent(call.method, call.idempotent)) return error.retryAfterMs ?? backoffDelay(attempt);
	return undefined;
}

/** A final error: for a write not safe to repeat that met an uncertain failure, it says the outcome is unknown. */
export function unrepeatable(error: GraphError, call: GraphCall): GraphError {
	return isUncertain(error) && !isIdempotent(call.method, call.idempotent) ? explainUncertain(error) : error;
}
