import { sleep } from 'n8n-workflow';

import type { GraphCall } from './types';

/**
 * Identity Protection allows one request a second per tenant, for all apps together, and answers
 * more with 429 and no Retry-After (https://learn.microsoft.com/graph/throttling-limits#identity-protection-and-conditional-access-service-limits).
 * So its calls take turns, one slot a second per tenant and Graph host, across items, runs and
 * executions of this process. A small margin keeps network jitter from landing two in one second.
 * The general pacer (one lane per throttling bucket) replaces this when it lands.
 */
const IDENTITY_PROTECTION_INTERVAL_MS = 1050;
const IDENTITY_PROTECTION_PATH = /^(?:[a-z][a-z0-9+.-]*:\/\/[^/]+\/[^/]+)?\/identityProtection(?:\/|$|\?)/i;

/** The next free slot of each tenant, in ms since the epoch. */
const nextSlot = new Map<string, number>();

export const isIdentityProtection = (call: GraphCall) => IDENTITY_PROTECTION_PATH.test(call.url);

/** Waits for the tenant's next Identity Protection slot; other calls go at once. */
export async function paceCall(tenantKey: string, call: GraphCall): Promise<void> {
	if (!isIdentityProtection(call)) return;
	const now = Date.now();
	const slot = Math.max(now, nextSlot.get(tenantKey) ?? 0);
	nextSlot.set(tenantKey, slot + IDENTITY_PROTECTION_INTERVAL_MS);
	if (slot > now) await sleep(slot - now);
}
