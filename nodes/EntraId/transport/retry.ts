import { sleep } from 'n8n-workflow';

import type { HttpMethod } from './types';

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

/** Capped exponential backoff with full jitter, for faults where Graph gives no Retry-After. */
export function backoffDelay(attempt: number, random = Math.random): number {
	const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * One pause shared by every request of a node run: when Graph answers 429 it throttles the
 * whole app, so all senders wait, not only the one that was told.
 */
export class ThrottleGate {
	private resumeAt = 0;

	pause(ms: number) {
		this.resumeAt = Math.max(this.resumeAt, Date.now() + ms);
	}

	async wait() {
		const delay = this.resumeAt - Date.now();
		if (delay > 0) await sleep(delay);
	}
}
