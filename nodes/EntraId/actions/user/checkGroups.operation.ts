import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../descriptions/common';
import { userIdLocator } from '../../descriptions/locators';
import type { UserRef } from '../../directory/users';
import { userPath } from '../../directory/users';
import { itemParameter } from '../../helpers/parameters';
import { invalid, parseList, readUserRef, requireGuid } from '../../helpers/validation';
import { chunk } from '../../transport/concurrency';
import { GraphError } from '../../transport/errors';
import type { GraphCall, GraphResponse } from '../../transport/types';
import type { OperationExecutor } from '../execution';
import { asNodeError, planItems } from '../execution';

/** Graph's limit of group IDs in one checkMemberGroups request. */
export const CHECK_LIMIT = 20;

export const properties: INodeProperties[] = [
	userIdLocator,
	{
		displayName: 'Group IDs',
		name: 'groupIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 45b7d2e7-b882-4a80-ba97-10b7a63b8fa4, 8a7c50d3-fcbd-4727-a889-8ab232dfea01',
		description:
			'Object IDs of the groups to check, comma-separated or a list from an expression. Any number: the node asks Graph 20 at a time. Nested memberships count.',
	},
	optionsCollection(),
];

function readCheck(ctx: IExecuteFunctions, itemIndex: number): { user: UserRef; groupIds: string[] } {
	const node = ctx.getNode();
	const ref = { node, parameter: 'groupIds', itemIndex };
	const user = readUserRef(ctx, 'userId', itemIndex);
	const values = parseList(ref, itemParameter(ctx, 'groupIds', itemIndex, ''));
	if (values.length === 0) throw invalid(ref, 'No group IDs to check', 'Enter one or more group object IDs, comma-separated.');
	const groupIds = [...new Set(values.map((value) => requireGuid(ref, value, 'group ID')))];
	return { user, groupIds };
}

const checkCall = (user: UserRef, groupIds: string[]): GraphCall => ({
	method: 'POST',
	url: `${userPath(user)}/checkMemberGroups`,
	body: { groupIds },
	idempotent: true,
});

/**
 * Every item is checked first (bad input sends nothing), then the chunks of all items go out
 * together, so 1,000 users cost about 50 $batch envelopes, not 1,000 round trips.
 */
export const execute: OperationExecutor = async function (this: IExecuteFunctions, graph, itemCount) {
	const calls: GraphCall[] = [];
	const { results, plans } = planItems(this, itemCount, (itemIndex) => {
		const { user, groupIds } = readCheck(this, itemIndex);
		const chunks = chunk(groupIds, CHECK_LIMIT);
		// Where this item's calls start in the run's list of calls, and how many it has.
		const first = calls.length;
		calls.push(...chunks.map((ids) => checkCall(user, ids)));
		return { user, groupIds, first, count: chunks.length };
	});
	const outcomes = await graph.executeAll(calls);
	for (const check of plans) {
		const mine = outcomes.slice(check.first, check.first + check.count);
		const failed = mine.find((outcome) => outcome instanceof GraphError);
		if (failed) {
			const hint = { resource: `user "${check.user.value}" or one of its groups`, permission: 'User.Read.All and GroupMember.Read.All' };
			results[check.itemIndex] = { error: asNodeError(this, failed, check.itemIndex, hint) };
			continue;
		}
		// The item's ids (lower-cased GUIDs, in its order) that any chunk answered with.
		const answers = (mine as GraphResponse[]).flatMap(({ body }) => (body.value as string[] | undefined) ?? []);
		const found = new Set(answers.map((id) => id.toLowerCase()));
		results[check.itemIndex] = { items: [{ id: check.user.value, memberOf: check.groupIds.filter((id) => found.has(id)) }] };
	}
	return results;
};
