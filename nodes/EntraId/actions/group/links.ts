import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { transportOptions } from '../../descriptions/common';
import { groupIdLocator, userLocator } from '../../descriptions/locators';
import type { UserRef } from '../../helpers/validation';
import { readGroupId, readUserRef } from '../../helpers/validation';
import type { GraphClient } from '../../transport/client';
import type { ErrorHint } from '../../transport/errors';
import { GraphError } from '../../transport/errors';
import type { Link, LinkOutcome, Relation } from '../../transport/membership';
import { addLinks, addMembersInChunks, removeLinks } from '../../transport/membership';
import { resolveUserIds } from '../../transport/resolve';
import type { ItemResult, OperationExecutor } from '../execution';
import { asNodeError, beforeFirstFailure, stopsAt, waveSize as waveSizeFor } from '../execution';
import { itemParameter } from '../../helpers/parameters';

/** Add Member, Remove Member, Add Owner and Remove Owner: one input item is one link. */
export interface LinkOperation {
	relation: Relation;
	action: 'add' | 'remove';
}

const ROLE: Record<Relation, string> = { members: 'member', owners: 'owner' };
const A_ROLE: Record<Relation, string> = { members: 'a member', owners: 'an owner' };

const PERMISSION: Record<Relation, string> = {
	members:
		'GroupMember.ReadWrite.All (role-assignable groups also need RoleManagement.ReadWrite.Directory; dynamic groups cannot be changed by hand)',
	owners: 'Group.ReadWrite.All (role-assignable groups also need RoleManagement.ReadWrite.Directory)',
};

const objectParameter = (relation: Relation) => (relation === 'members' ? 'memberId' : 'ownerId');
const skipParameter = (action: LinkOperation['action']) => (action === 'add' ? 'skipExisting' : 'skipMissing');

function skipOption({ relation, action }: LinkOperation): INodeProperties {
	return action === 'add'
		? {
				displayName: 'Skip Existing',
				name: 'skipExisting',
				type: 'boolean',
				default: false,
				description: `Whether a user who is already ${A_ROLE[relation]} counts as success (output with skipped: true) instead of an error`,
			}
		: {
				displayName: 'Skip Missing',
				name: 'skipMissing',
				type: 'boolean',
				default: false,
				description: `Whether a user who is not ${A_ROLE[relation]} counts as success (output with skipped: true) instead of an error`,
			};
}

/** The fields: the group, the user (by list, ID or UPN), and options sorted by name. */
export function linkProperties(operation: LinkOperation): INodeProperties[] {
	const role = ROLE[operation.relation];
	const toOrFrom = operation.action === 'add' ? 'to add to' : 'to remove from';
	const options = [...transportOptions, skipOption(operation)].sort((a, b) => a.displayName.localeCompare(b.displayName));
	return [
		groupIdLocator,
		userLocator({
			name: objectParameter(operation.relation),
			displayName: role === 'owner' ? 'Owner' : 'Member',
			description: `The user ${toOrFrom} the group's ${role}s, picked from the list, by object ID, or by user principal name (UPN)`,
		}),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options,
		},
	];
}

interface Plan {
	slot: number;
	itemIndex: number;
	groupId: string;
	ref: UserRef;
	skip: boolean;
}

async function write(graph: GraphClient, { relation, action }: LinkOperation, links: Link[], startedAt: number): Promise<LinkOutcome[]> {
	if (action === 'remove') return await removeLinks(graph, relation, links);
	if (relation === 'members' && graph.options.batching) return await addMembersInChunks(graph, links, startedAt);
	return await addLinks(graph, relation, links);
}

const keyOf = (link: Link) => `${link.groupId}|${link.objectId}`;

/**
 * Plans every item (bad input is refused before any request), resolves users given by UPN in
 * one batched round, writes the links (each distinct link once), and gives every item its own
 * output or error, in input order.
 */
export function linkExecutor(operation: LinkOperation): OperationExecutor {
	const { relation, action } = operation;
	const parameter = objectParameter(relation);
	const verb = action === 'add' ? 'added' : 'removed';
	const unchangedAdvice =
		action === 'add'
			? `The user is already ${A_ROLE[relation]} of the group. Turn on the Skip Existing option to count this as success.`
			: `The user is not ${A_ROLE[relation]} of the group (or does not exist). Turn on the Skip Missing option to count this as success.`;

	const settle = (ctx: IExecuteFunctions, plan: Plan, link: Link, outcome: LinkOutcome): ItemResult => {
		const json: IDataObject = { groupId: link.groupId, [parameter]: link.objectId, [verb]: true };
		if (outcome.status === 'changed') return { items: [json] };
		if (outcome.status === 'unchanged' && plan.skip) return { items: [{ ...json, skipped: true }] };
		const subject = outcome.status === 'failed' ? outcome.subject : undefined;
		const hint: ErrorHint = {
			permission: PERMISSION[relation],
			resource:
				subject === 'group' ? `group "${link.groupId}"` : subject === 'object' ? `user "${link.objectId}"` : `group "${link.groupId}" or user "${link.objectId}"`,
		};
		if (outcome.status === 'unchanged') hint.advice = { [outcome.error.code]: unchangedAdvice };
		return { error: asNodeError(ctx, outcome.error, plan.itemIndex, hint) };
	};

	return async function (this: IExecuteFunctions, graph, itemIndexes) {
		const results: ItemResult[] = [];
		const plans: Plan[] = [];
		for (const itemIndex of itemIndexes) {
			try {
				const groupId = readGroupId(this, 'groupId', itemIndex);
				const ref = readUserRef(this, parameter, itemIndex);
				const skip = itemParameter(this, `options.${skipParameter(action)}`, itemIndex, false) === true;
				plans.push({ slot: results.length, itemIndex, groupId, ref, skip });
				results.push({ items: [] });
			} catch (error) {
				const nodeError = asNodeError(this, error, itemIndex);
				if (!this.continueOnFail()) throw nodeError;
				results.push({ error: nodeError });
			}
		}

		const startedAt = Date.now();
		// A user created moments ago may not be visible yet: adds retry a 404 of the UPN lookup.
		const ids = await resolveUserIds(graph, plans.map(({ ref }) => ref), action === 'add');
		let ready: Array<{ plan: Plan; link: Link }> = [];
		for (const plan of plans) {
			const id = ids.get(plan.ref.value);
			if (id instanceof GraphError) {
				const hint = { resource: `user "${plan.ref.value}"`, permission: 'User.ReadBasic.All (delegated) or User.Read.All (app-only) to look up users by UPN' };
				results[plan.slot] = { error: asNodeError(this, id, plan.itemIndex, hint) };
			} else {
				ready.push({ plan, link: { groupId: plan.groupId, objectId: id ?? plan.ref.value } });
			}
		}

		// Without continueOnFail the run stops at the first failing item, as n8n nodes do (see waveSize).
		ready = ready.slice(0, beforeFirstFailure(this, ready.map(({ plan }) => plan), results).length);
		const waveSize = waveSizeFor(this, graph, ready.length);
		const known = new Map<string, LinkOutcome>();
		for (let start = 0; start < ready.length; start += waveSize) {
			const wave = ready.slice(start, start + waveSize);
			// Each distinct link is written once per run; a repeat gets the first one's outcome.
			const fresh = [...new Map(wave.filter(({ link }) => !known.has(keyOf(link))).map(({ link }) => [keyOf(link), link])).values()];
			const outcomes = await write(graph, operation, fresh, startedAt);
			fresh.forEach((link, index) => known.set(keyOf(link), outcomes[index]));
			for (const { plan, link } of wave) results[plan.slot] = settle(this, plan, link, known.get(keyOf(link)) as LinkOutcome);
			if (stopsAt(this, wave.map(({ plan }) => plan), results)) break;
		}
		return results;
	};
}
