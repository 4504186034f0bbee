import { sleep } from 'n8n-workflow';

import type { GraphCall } from './types';

/**
 * Identity Protection allows one request a second per tenant, for all apps together, and answers
 * more with 429 and no Retry-After (https://learn.microsoft.com/graph/throttling-limits#identity-protection-and-conditional-access-service-limits).
 * So its calls take turns per tenant and Graph host, across items, runs and executions of this
 * process: each one starts a second after the answer to the one before. Counting from the answer
 * (not from the send) keeps a slow token fetch or network jitter from landing two in one second.
 * The general pacer (one lane per throttling bucket) replaces this when it lands.
 */
const IDENTITY_PROTECTION_INTERVAL_MS = 1000;
const IDENTITY_PROTECTION_PATH = /^(?:[a-z][a-z0-9+.-]*:\/\/[^/]+\/[^/]+)?\/identityProtection(?:\/|$|\?)/i;

/** Per tenant: settles when the next Identity Protection call may go. */
const turns = new Map<string, Promise<void>>();

const isIdentityProtection = (call: GraphCall) => IDENTITY_PROTECTION_PATH.test(call.url);

/** Sends `call` now, or, for Identity Protection, in its tenant's turn. */
export async function paced<T>(tenantKey: string, call: GraphCall, send: () => Promise<T>): Promise<T> {
	if (!isIdentityProtection(call)) return await send();
	const previous = turns.get(tenantKey) ?? Promise.resolve();
	let release = () => {};
	const done = new Promise<void>((resolve) => (release = resolve));
	turns.set(tenantKey, previous.then(async () => await done));
	await previous;
	try {
		return await send();
	} finally {
		void sleep(IDENTITY_PROTECTION_INTERVAL_MS).then(release);
	}
}
