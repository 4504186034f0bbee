import type { IExecuteFunctions } from 'n8n-workflow';

import { optionsCollection } from '../../descriptions/common';
import { userIdLocator } from '../../descriptions/locators';
import { resolveUserIds } from '../../directory/users';
import { readUserRef } from '../../helpers/validation';
import type { GraphClient } from '../../transport/client';
import { GraphError } from '../../transport/errors';
import type { ItemResult, Operation } from '../execution';
import { asNodeError, planItems } from '../execution';
import { beforeFirstFailure } from '../waves';

/** Graph takes at most 60 user IDs in one confirmCompromised or dismiss request. */
const USER_IDS_PER_REQUEST = 60;

export const IDENTITY_PROTECTION_HINT = {
	permission: 'IdentityRiskyUser.ReadWrite.All (delegated: at least the Security Administrator role), in a tenant with Microsoft Entra ID P2',
	advice: {
		// Identity Protection answers a tenant without P2 with a bare 403.
		Forbidden:
			'Identity Protection refused the request. Risky users need a Microsoft Entra ID P2 licence in the tenant and the IdentityRiskyUser.ReadWrite.All permission (delegated: at least the Security Administrator role).',
	},
};

/**
 * Confirm Compromised and Dismiss: the users of every item of the run are gathered into requests
 * of at most 60 IDs, sent one after another (Identity Protection allows one request a second per
 * tenant; the transport paces them). Graph answers 204 for a request: each of its items shares that outcome.
 */
export function riskDecision(action: 'confirmCompromised' | 'dismiss'): Operation {
	const flag = action === 'dismiss' ? 'dismissed' : 'confirmedCompromised';

	async function execute(this: IExecuteFunctions, graph: GraphClient, itemCount: number): Promise<ItemResult[]> {
		const { results, plans } = planItems(this, itemCount, (itemIndex) => ({ user: readUserRef(this, 'userId', itemIndex) }));
		const ids = await resolveUserIds(graph, plans.map(({ user }) => user));
		const ready: Array<{ itemIndex: number; id: string }> = [];
		for (const { itemIndex, user } of plans) {
			const id = ids.get(user.value);
			if (id instanceof GraphError) results[itemIndex] = { error: asNodeError(this, id, itemIndex, { resource: `user "${user.value}"` }) };
			else ready.push({ itemIndex, id: id ?? user.value });
		}
		const chunks = chunk([...new Set(beforeFirstFailure(this, ready, results).map(({ id }) => id))], USER_IDS_PER_REQUEST);
		const outcome = new Map<string, GraphError | undefined>();
		for (const userIds of chunks) {
			// Marking users twice changes nothing, so a request whose answer was lost may be sent again.
			const call = { method: 'POST' as const, url: `/identityProtection/riskyUsers/${action}`, body: { userIds }, idempotent: true };
			const failure = await graph.request(call).then(() => undefined, (error: GraphError) => error);
			for (const id of userIds) outcome.set(id, failure);
			if (failure && !this.continueOnFail()) break;
		}
		for (const { itemIndex, id } of ready) {
			if (!outcome.has(id)) continue;
			const failure = outcome.get(id);
			results[itemIndex] = failure
				? { error: asNodeError(this, failure, itemIndex, { ...IDENTITY_PROTECTION_HINT, resource: `risky user "${id}"` }) }
				: { items: [{ id, [flag]: true }] };
		}
		return results;
	}

	return { properties: [userIdLocator, optionsCollection()], execute };
}

function chunk<T>(values: T[], size: number): T[][] {
	const chunks: T[][] = [];
	for (let start = 0; start < values.length; start += size) chunks.push(values.slice(start, start + size));
	return chunks;
}
