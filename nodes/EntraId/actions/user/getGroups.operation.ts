import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readFields, returnAllOrLimit } from '../../descriptions/common';
import { booleanField, choiceField } from '../../descriptions/fields';
import type { UserRef } from '../../directory/users';
import { userPath } from '../../directory/users';
import { userIdLocator } from '../../descriptions/locators';
import { shape, SIMPLIFIED_GROUP_FIELDS } from '../../helpers/output';
import { MAX_PAGE_SIZE, outputChoice, pageSize } from '../../helpers/query';
import { invalid, readLimit, readUserRef } from '../../helpers/validation';
import type { GraphClient } from '../../transport/client';
import { BATCH_LIMIT } from '../../transport/batch';
import { GraphError } from '../../transport/errors';
import { perItem } from '../execution';
import { itemParameter } from '../../helpers/parameters';

type GroupKind = 'all' | 'microsoft365' | 'security';

export const properties: INodeProperties[] = [
	userIdLocator,
	...returnAllOrLimit(),
	...readFields('groups', [
		choiceField('Group Types', 'groupTypes', 'all', 'Which kinds of groups to return', [
			['All', 'all', 'Every group: Microsoft 365, security and distribution groups'],
			['Microsoft 365 Only', 'microsoft365', 'Only Microsoft 365 groups (groupTypes contains Unified)'],
			['Security Only', 'security', 'Only security groups that are not Microsoft 365 groups (securityEnabled, no Unified)'],
		]),
		booleanField(
			'Security Groups Only',
			'securityEnabledOnly',
			false,
			"Whether to return only security-enabled groups, found with Graph's getMemberGroups (up to 11,000). It always counts nested memberships, so it cannot be combined with Transitive turned off.",
		),
		booleanField(
			'Transitive',
			'transitive',
			false,
			'Whether to include groups the user belongs to through nested groups (transitiveMemberOf), not only direct memberships (memberOf)',
		),
	]),
];

const GROUP_TYPE = '#microsoft.graph.group';
/** Group objects read at a time after getMemberGroups (five $batch envelopes). */
const LOOKUP_SLICE = 100;
/** The properties the Group Types filter reads. */
const KIND_FIELDS = ['groupTypes', 'securityEnabled'];

interface Selection {
	limit?: number;
	accept: (group: IDataObject) => boolean;
	present: (group: IDataObject) => IDataObject;
	select?: string;
}

export const execute = perItem(
	async function (graph, itemIndex) {
		const user = readUserRef(this, 'userId', itemIndex);
		const securityEnabledOnly = itemParameter(this, 'options.securityEnabledOnly', itemIndex, false) as boolean;
		// Unset and turned off differ here: only an explicit "off" conflicts with Security Groups Only.
		const { transitive } = itemParameter(this, 'options', itemIndex, {}) as IDataObject;
		if (securityEnabledOnly && transitive === false) {
			throw invalid(
				{ node: this.getNode(), parameter: 'options.transitive', itemIndex },
				'Security Groups Only always includes nested memberships, so it cannot be combined with Transitive turned off',
				"Graph's getMemberGroups is transitive. Remove the Transitive option, or turn off Security Groups Only to list direct memberships.",
			);
		}
		const selection = readSelection(this, itemIndex);
		if (securityEnabledOnly) return await securityGroups(graph, user, selection);
		const url = `${userPath(user)}/${transitive ? 'transitiveMemberOf' : 'memberOf'}`;
		// Directory roles and administrative units share these lists: more than `limit` objects may be read.
		const $top = selection.limit === undefined ? MAX_PAGE_SIZE : pageSize(selection.limit, selection.select);
		const groups: IDataObject[] = [];
		for await (const page of graph.pages({ method: 'GET', url, qs: { $top, $select: selection.select } })) {
			for (const object of page) {
				if (object['@odata.type'] !== GROUP_TYPE || !selection.accept(object)) continue;
				groups.push(selection.present(object));
				if (selection.limit !== undefined && groups.length >= selection.limit) return groups;
			}
		}
		return groups;
	},
	{ permission: 'User.Read.All and GroupMember.Read.All' },
);

/** Limit, $select, the Group Types filter and the output shape of one item. */
function readSelection(ctx: IExecuteFunctions, itemIndex: number): Selection {
	const limit = readLimit(ctx, itemIndex);
	const kind = itemParameter(ctx, 'options.groupTypes', itemIndex, 'all') as GroupKind;
	const { mode, select: chosen } = outputChoice(ctx, itemIndex, SIMPLIFIED_GROUP_FIELDS);
	const extra = kind === 'all' || !chosen ? [] : KIND_FIELDS.filter((field) => !chosen.split(',').includes(field));
	const select = extra.length ? `${chosen},${extra.join(',')}` : chosen;
	const present = (group: IDataObject) => {
		const shaped = shape(group, mode);
		for (const field of extra) delete shaped[field];
		return shaped;
	};
	const accept = (group: IDataObject) => {
		if (kind === 'all') return true;
		const types: unknown = group.groupTypes;
		if (!Array.isArray(types) || typeof group.securityEnabled !== 'boolean') {
			// Without a permission to read groups, Graph lists them with their id only ("limited information").
			throw new NodeOperationError(ctx.getNode(), `Graph returned group ${String(group.id)} without its properties, so Group Types cannot be applied`, {
				itemIndex,
				description: 'Grant the credential GroupMember.Read.All (or Group.Read.All) with admin consent, or set Group Types to All.',
			});
		}
		const unified = types.includes('Unified');
		return kind === 'microsoft365' ? unified : group.securityEnabled && !unified;
	};
	return { limit, accept, present, select };
}

/** Security groups through getMemberGroups (ids only, transitive), then each group read in batches. */
async function securityGroups(graph: GraphClient, user: UserRef, selection: Selection): Promise<IDataObject[]> {
	const { body } = await graph.request({
		method: 'POST',
		url: `${userPath(user)}/getMemberGroups`,
		body: { securityEnabledOnly: true },
		idempotent: true,
	});
	const ids = (body.value as string[] | undefined) ?? [];
	const groups: IDataObject[] = [];
	const qs = selection.select ? { $select: selection.select } : undefined;
	for (let start = 0; start < ids.length; ) {
		// With a limit, read about what is still missing (at least one $batch envelope's worth).
		const missing = selection.limit === undefined ? LOOKUP_SLICE : selection.limit - groups.length;
		const size = Math.min(LOOKUP_SLICE, Math.max(BATCH_LIMIT, missing));
		const slice = ids.slice(start, start + size);
		start += size;
		// A group created moments ago may not have replicated yet; one deleted since is no membership.
		const outcomes = await graph.executeAll(slice.map((id) => ({ method: 'GET' as const, url: `/groups/${id}`, qs, retryNotFound: true })));
		for (const outcome of outcomes) {
			if (outcome instanceof GraphError) {
				if (outcome.status === 404) continue;
				throw outcome;
			}
			if (!selection.accept(outcome.body)) continue;
			groups.push(selection.present(outcome.body));
			if (selection.limit !== undefined && groups.length >= selection.limit) return groups;
		}
	}
	return groups;
}
