import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { notice, optionsCollection } from '../../descriptions/common';
import { userIdLocator } from '../../descriptions/locators';
import { listMethods, toAuthMethod } from '../../directory/authMethods';
import { userPath } from '../../directory/users';
import { readUserRef } from '../../helpers/validation';
import type { GraphClient } from '../../transport/client';
import { GraphError } from '../../transport/errors';
import type { ItemResult } from '../execution';
import { asNodeError, planItems } from '../execution';
import { AUTH_METHOD_HINT } from './fields';
import { resetMethods } from './reset';

export const properties: INodeProperties[] = [
	userIdLocator,
	notice(
		'resetAllNotice',
		'Removes every authentication method of the user except the password, so the user must register MFA again at the next sign-in. Phones go last, the alternate mobile before the mobile. A method Graph refuses to delete (for example the default MFA method) is reported under failed.',
	),
	optionsCollection(),
];

/** Reads every user's methods in one batched round, then deletes them in rounds (reset.ts). */
export async function execute(this: IExecuteFunctions, graph: GraphClient, itemCount: number): Promise<ItemResult[]> {
	const { results, plans } = planItems(this, itemCount, (itemIndex) => ({ user: readUserRef(this, 'userId', itemIndex) }));
	const lists = await graph.executeAll(plans.map(({ user }) => listMethods(userPath(user))));
	const targets = plans.flatMap((plan, index) => {
		const list = lists[index];
		if (list instanceof GraphError) {
			results[plan.itemIndex] = { error: asNodeError(this, list, plan.itemIndex, AUTH_METHOD_HINT) };
			return [];
		}
		const methods = ((list.body.value as IDataObject[] | undefined) ?? []).map(toAuthMethod);
		return [{ plan, userPath: userPath(plan.user), methods }];
	});
	const reports = await resetMethods(graph, targets);
	targets.forEach(({ plan }, index) => (results[plan.itemIndex] = { items: [{ id: plan.user.value, ...reports[index] }] }));
	return results;
}
