import { sleep } from 'n8n-workflow';

import { GraphError, isMissingReference } from './errors';
import type { GraphCall, GraphResponse } from './types';

/**
 * Entra ID replicates writes asynchronously, so an object created moments ago can still answer
 * 404 on the replica that serves the next request. Calls marked `retryNotFound` (writes that
 * reference another object) are sent again after these pauses before their 404 is reported.
 * https://devblogs.microsoft.com/identity/designing-for-eventual-consistency-for-microsoft-entra/
 */
export const NOT_FOUND_RETRY_DELAYS_MS = [500, 1_000, 2_000, 4_000];

type Outcome = GraphResponse | GraphError;

// Member adds to a group created moments ago answer a 400 instead (see isMissingReference).
const isNotFound = (outcome: Outcome) => outcome instanceof GraphError && (outcome.status === 404 || isMissingReference(outcome));

/**
 * Sends again, in rounds, the calls marked `retryNotFound` whose outcome is a 404, and returns
 * every outcome in call order. Calls not marked keep their first outcome.
 */
export async function retryNotFound(
	calls: GraphCall[],
	outcomes: Outcome[],
	send: (calls: GraphCall[]) => Promise<Outcome[]>,
	delays: number[] = NOT_FOUND_RETRY_DELAYS_MS,
): Promise<Outcome[]> {
	const results = [...outcomes];
	for (const delay of delays) {
		const pending = calls.flatMap((call, index) => (call.retryNotFound && isNotFound(results[index]) ? [index] : []));
		if (pending.length === 0) break;
		await sleep(delay);
		const again = await send(pending.map((index) => calls[index]));
		pending.forEach((index, position) => (results[index] = again[position]));
	}
	return results;
}
