import { sleep } from 'n8n-workflow';

import { GraphError } from './errors';
import type { GraphCall, GraphResponse } from './types';

/**
 * Entra ID replicates writes asynchronously, so an object created moments ago can still answer
 * 404 on the replica that serves the next request. Calls marked `retryNotFound` (writes that
 * reference another object) are sent again after these pauses before their 404 is reported.
 * https://devblogs.microsoft.com/identity/designing-for-eventual-consistency-for-microsoft-entra/
 */
export const NOT_FOUND_RETRY_DELAYS_MS = [500, 1_000, 2_000, 4_000];

type Outcome = GraphResponse | GraphError;

/**
 * Member adds to a group created moments ago answer a 400, not a 404 (documented on
 * group-post-members): "The source resource object or one of the objects being referenced do not
 * exist.". Graph gives this case no code of its own, so a stable fragment of its text tells it.
 */
export const isMissingReference = (error: GraphError) =>
	error.code === 'Request_BadRequest' && /objects being referenced do not exist/i.test(error.graphMessage);

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
