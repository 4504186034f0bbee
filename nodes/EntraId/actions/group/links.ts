import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../descriptions/common';
import { groupIdLocator, userLocator } from '../../descriptions/locators';
import { addInChunks } from '../../directory/bind';
import type { Link, LinkOutcome } from '../../directory/references';
import { addLinks, keyOf, removeLinks } from '../../directory/references';
import type { Relation } from '../../directory/relations';
import type { UserRef } from '../../directory/users';
import { resolveUserIds } from '../../directory/users';
import { itemParameter } from '../../helpers/parameters';
import { readGroupId, readUserRef } from '../../helpers/validation';
import type { GraphClient } from '../../transport/client';
import type { ErrorHint } from '../../transport/errors';
import { GraphError } from '../../transport/errors';
import type { ItemResult, Operation, Planned } from '../execution';
import { asNodeError, planItems } from '../execution';
import { beforeFirstFailure, stopsAt, waveSize as waveSizeFor } from '../waves';

type Action = 'add' | 'remove';

/** How the node names a group relation: its role, its parameter, and the permission it needs. */
interface Role {
	role: string;
	aRole: string;
	parameter: string;
	displayName: string;
	permission: string;
}

const ROLES = {
	members: {
		role: 'member',
		aRole: 'a member',
		parameter: 'memberId',
		displayName: 'Member',
		permission:
			'GroupMember.ReadWrite.All (role-assignable groups also need RoleManagement.ReadWrite.Directory; dynamic groups cannot be changed by hand)',
	},
	owners: {
		role: 'owner',
		aRole: 'an owner',
		parameter: 'ownerId',
		displayName: 'Owner',
		permission: 'Group.ReadWrite.All (role-assignable groups also need RoleManagement.ReadWrite.Directory)',
	},
} satisfies Record<string, Role>;

function skipOption(action: Action, { aRole }: Role): INodeProperties {
	return action === 'add'
		? {
				displayName: 'Skip Existing',
				name: 'skipExisting',
				type: 'boolean',
				default: false,
				description: `Whether a user who is already ${aRole} counts as success (output with skipped: true) instead of an error`,
			}
		: {
				displayName: 'Skip Missing',
				name: 'skipMissing',
				type: 'boolean',
				default: false,
				description: `Whether a user who is not ${aRole} counts as success (output with skipped: true) instead of an error`,
			};
}

async function write(graph: GraphClient, relation: Relation, action: Action, links: Link[], startedAt: number): Promise<LinkOutcome[]> {
	if (action === 'remove') return await removeLinks(graph, relation, links);
	if (relation.bindLimit && graph.options.batching) return await addInChunks(graph, relation, links, startedAt);
	return await addLinks(graph, relation, links);
}

interface Plan {
	groupId: string;
	ref: UserRef;
	skip: boolean;
}

/**
 * Add Member, Remove Member, Add Owner and Remove Owner: one input item is one link. Its fields
 * are the group, the user (by list, ID or UPN) and options. Every item is planned (bad input is
 * refused before any request), users given by UPN are resolved in one batched round, each
 * distinct link is written once, and every item gets its own output or error, in input order.
 */
export function linkOperation(relation: Relation & { property: keyof typeof ROLES }, action: Action): Operation {
	const role: Role = ROLES[relation.property];
	const { parameter } = role;
	const verb = action === 'add' ? 'added' : 'removed';
	const skipParameter = action === 'add' ? 'skipExisting' : 'skipMissing';
	const unchangedAdvice =
		action === 'add'
			? `The user is already ${role.aRole} of the group. Turn on the Skip Existing option to count this as success.`
			: `The user is not ${role.aRole} of the group (or does not exist). Turn on the Skip Missing option to count this as success.`;

	const properties = [
		groupIdLocator,
		userLocator({
			name: parameter,
			displayName: role.displayName,
			description: `The user ${action === 'add' ? 'to add to' : 'to remove from'} the group's ${role.role}s, picked from the list, by object ID, or by user principal name (UPN)`,
		}),
		optionsCollection([skipOption(action, role)]),
	];

	const settle = (ctx: IExecuteFunctions, plan: Planned<Plan>, link: Link, outcome: LinkOutcome): ItemResult => {
		const json: IDataObject = { groupId: link.sourceId, [parameter]: link.targetId, [verb]: true };
		if (outcome.status === 'changed') return { items: [json] };
		if (outcome.status === 'unchanged' && plan.skip) return { items: [{ ...json, skipped: true }] };
		const subject = outcome.status === 'failed' ? outcome.subject : undefined;
		const hint: ErrorHint = {
			permission: role.permission,
			resource:
				subject === 'source' ? `group "${link.sourceId}"` : subject === 'target' ? `user "${link.targetId}"` : `group "${link.sourceId}" or user "${link.targetId}"`,
		};
		if (outcome.status === 'unchanged') hint.advice = { [outcome.error.code]: unchangedAdvice };
		return { error: asNodeError(ctx, outcome.error, plan.itemIndex, hint) };
	};

	async function execute(this: IExecuteFunctions, graph: GraphClient, itemCount: number): Promise<ItemResult[]> {
		const { results, plans } = planItems<Plan>(this, itemCount, (itemIndex) => ({
			groupId: readGroupId(this, 'groupId', itemIndex),
			ref: readUserRef(this, parameter, itemIndex),
			skip: itemParameter(this, `options.${skipParameter}`, itemIndex, false) === true,
		}));

		const startedAt = Date.now();
		// A user created moments ago may not be visible yet: adds retry a 404 of the UPN lookup.
		const ids = await resolveUserIds(graph, plans.map(({ ref }) => ref), action === 'add');
		let ready: Array<{ itemIndex: number; plan: Planned<Plan>; link: Link }> = [];
		for (const plan of plans) {
			const id = ids.get(plan.ref.value);
			if (id instanceof GraphError) {
				const hint = { resource: `user "${plan.ref.value}"`, permission: 'User.ReadBasic.All (delegated) or User.Read.All (app-only) to look up users by UPN' };
				results[plan.itemIndex] = { error: asNodeError(this, id, plan.itemIndex, hint) };
			} else {
				ready.push({ itemIndex: plan.itemIndex, plan, link: { sourceId: plan.groupId, targetId: id ?? plan.ref.value } });
			}
		}

		// Without continueOnFail the run stops at the first failing item, as n8n nodes do (see waveSize).
		ready = beforeFirstFailure(this, ready, results);
		const waveSize = waveSizeFor(this, graph, ready.length);
		const known = new Map<string, LinkOutcome>();
		for (let start = 0; start < ready.length; start += waveSize) {
			const wave = ready.slice(start, start + waveSize);
			// Each distinct link is written once per run; a repeat gets the first one's outcome.
			const fresh = [...new Map(wave.filter(({ link }) => !known.has(keyOf(link))).map(({ link }) => [keyOf(link), link])).values()];
			const outcomes = await write(graph, relation, action, fresh, startedAt);
			fresh.forEach((link, index) => known.set(keyOf(link), outcomes[index]));
			for (const { plan, link } of wave) results[plan.itemIndex] = settle(this, plan, link, known.get(keyOf(link)) as LinkOutcome);
			if (stopsAt(this, wave, results)) break;
		}
		return results;
	}

	return { properties, execute };
}
