import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { optionsCollection } from '../../descriptions/common';
import { userIdLocator, userLocator } from '../../descriptions/locators';
import type { Link } from '../../directory/references';
import { addLinks, removeLinks } from '../../directory/references';
import { USER_SPONSORS } from '../../directory/relations';
import { resolveUserIds } from '../../directory/users';
import { readUserRef } from '../../helpers/validation';
import type { GraphClient } from '../../transport/client';
import { GraphError } from '../../transport/errors';
import type { ItemResult, Operation } from '../execution';
import { asNodeError, planItems } from '../execution';
import { beforeFirstFailure, stopsAt } from '../waves';

const PERMISSION = 'User.ReadWrite.All (delegated: at least the User Administrator role)';

/**
 * Add Sponsor and Remove Sponsor: one item is one `$ref` link of the user's sponsors, written
 * through the directory layer. Like group members they are idempotent: a sponsor already there
 * (add) or not there (remove) gives `unchanged: true`, not an error.
 */
export function sponsorOperation(action: 'add' | 'remove'): Operation {
	const verb = action === 'add' ? 'added' : 'removed';
	const properties = [
		userIdLocator,
		userLocator({
			name: 'sponsorId',
			displayName: 'Sponsor',
			description: `The sponsor to ${action === 'add' ? 'add to' : 'remove from'} the user, picked from the list, by object ID, or by user principal name (UPN)`,
		}),
		optionsCollection(),
	];

	async function execute(this: IExecuteFunctions, graph: GraphClient, itemCount: number): Promise<ItemResult[]> {
		const { results, plans } = planItems(this, itemCount, (itemIndex) => ({
			user: readUserRef(this, 'userId', itemIndex),
			sponsor: readUserRef(this, 'sponsorId', itemIndex),
		}));
		const ids = await resolveUserIds(graph, plans.flatMap(({ user, sponsor }) => [user, sponsor]), action === 'add');
		const links: Array<Link & { itemIndex: number }> = [];
		for (const { itemIndex, user, sponsor } of plans) {
			const [sourceId, targetId] = [ids.get(user.value), ids.get(sponsor.value)];
			const unresolved = [sourceId, targetId].find((id) => id instanceof GraphError);
			if (unresolved instanceof GraphError) {
				const resource = unresolved === sourceId ? `user "${user.value}"` : `sponsor "${sponsor.value}"`;
				results[itemIndex] = { error: asNodeError(this, unresolved, itemIndex, { resource, permission: PERMISSION }) };
			} else {
				links.push({ itemIndex, sourceId: String(sourceId), targetId: String(targetId) });
			}
		}
		const ready = beforeFirstFailure(this, links, results);
		const outcomes = await (action === 'add' ? addLinks : removeLinks)(graph, USER_SPONSORS, ready);
		ready.forEach(({ itemIndex, sourceId, targetId }, index) => {
			const outcome = outcomes[index];
			const json: IDataObject = { id: sourceId, sponsorId: targetId, [verb]: true };
			if (outcome.status === 'changed') results[itemIndex] = { items: [json] };
			else if (outcome.status === 'unchanged') results[itemIndex] = { items: [{ ...json, unchanged: true }] };
			else {
				const resource = outcome.subject === 'source' ? `user "${sourceId}"` : outcome.subject === 'target' ? `sponsor "${targetId}"` : `user "${sourceId}" or sponsor "${targetId}"`;
				results[itemIndex] = { error: asNodeError(this, outcome.error, itemIndex, { resource, permission: PERMISSION }) };
			}
		});
		stopsAt(this, ready, results);
		return results;
	}

	return { properties, execute };
}
