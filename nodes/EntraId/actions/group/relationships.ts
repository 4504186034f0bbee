import type { INodeProperties } from 'n8n-workflow';

import { optionsCollection, returnAllOrLimit, selectOption } from '../../descriptions/common';
import { groupIdLocator } from '../../descriptions/locators';
import type { Relation } from '../../directory/relations';
import { directoryObject } from '../../helpers/output';
import { itemParameter } from '../../helpers/parameters';
import { pageSize, readSelect } from '../../helpers/query';
import { readGroupId, readLimit } from '../../helpers/validation';
import type { ListQuery } from '../../transport/types';
import { advancedQuery } from '../../transport/types';
import type { Operation } from '../execution';
import { perItem } from '../execution';

const usersOnlyOption: INodeProperties = {
	displayName: 'Users Only',
	name: 'usersOnly',
	type: 'boolean',
	default: false,
	description: 'Whether to return only users, leaving out groups, devices and service principals',
};

const transitiveOption: INodeProperties = {
	displayName: 'Include Nested Members',
	name: 'transitive',
	type: 'boolean',
	default: false,
	description: 'Whether to also return the members of nested groups (transitiveMembers), as one flat list',
};

/**
 * Get Members / Get Owners: a group, Return All or Limit, and options. Lists page by page; each
 * object keeps @odata.type, which says whether it is a user, a group or a service principal.
 */
export function listOperation(relation: Relation): Operation {
	const members = relation.property === 'members';
	const properties = [
		groupIdLocator,
		...returnAllOrLimit(),
		optionsCollection(members ? [transitiveOption, selectOption, usersOnlyOption] : [selectOption, usersOnlyOption]),
	];
	const execute = perItem(
		async function (graph, itemIndex) {
			const node = this.getNode();
			const groupId = readGroupId(this, 'groupId', itemIndex);
			const limit = readLimit(this, itemIndex);
			const transitive = members && (itemParameter(this, 'options.transitive', itemIndex, false) as boolean);
			const usersOnly = itemParameter(this, 'options.usersOnly', itemIndex, false) as boolean;
			const select = readSelect({ node, parameter: 'options.select', itemIndex }, itemParameter(this, 'options.select', itemIndex, '')).join(',') || undefined;

			const path = `/groups/${groupId}/${transitive ? 'transitiveMembers' : relation.property}${usersOnly ? '/microsoft.graph.user' : ''}`;
			let query: ListQuery = { qs: { $top: pageSize(limit, select), $select: select }, headers: {} };
			// Graph documents ConsistencyLevel and $count as required with an OData cast.
			if (usersOnly) query = advancedQuery(query);
			return await graph.collect({ method: 'GET', url: path, ...query }, limit, directoryObject);
		},
		{
			resource: 'the group',
			permission: members ? 'GroupMember.Read.All (and Member.Read.Hidden for groups with hidden membership)' : 'GroupMember.Read.All',
		},
	);
	return { properties, execute };
}
