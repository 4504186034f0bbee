import type { INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit, selectOption, sortedOptions, transportOptions } from '../../descriptions/common';
import { groupIdLocator } from '../../descriptions/locators';
import { directoryObject } from '../../helpers/output';
import type { ListQuery } from '../../helpers/query';
import { advancedQuery, pageSize, readSelect } from '../../helpers/query';
import { readGroupId, readLimit } from '../../helpers/validation';
import type { OperationExecutor } from '../execution';
import { perItem } from '../execution';
import { itemParameter } from '../../helpers/parameters';

type Relationship = 'members' | 'owners';

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

/** The fields of Get Members / Get Owners: a group, Return All or Limit, and options. */
export function relationshipProperties(relationship: Relationship): INodeProperties[] {
	const options = relationship === 'members' ? [transitiveOption, selectOption, usersOnlyOption] : [selectOption, usersOnlyOption];
	return [
		groupIdLocator,
		...returnAllOrLimit(),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: sortedOptions([...options, ...transportOptions]),
		},
	];
}

/**
 * Lists a group's members or owners, page by page. Each object keeps @odata.type, which says
 * whether it is a user, a group or a service principal.
 */
export function listRelationship(relationship: Relationship): OperationExecutor {
	return perItem(
		async function (graph, itemIndex) {
			const node = this.getNode();
			const groupId = readGroupId(this, 'groupId', itemIndex);
			const returnAll = itemParameter(this, 'returnAll', itemIndex, false) as boolean;
			const limit = returnAll ? undefined : readLimit(this, itemIndex);
			const transitive = relationship === 'members' && (itemParameter(this, 'options.transitive', itemIndex, false) as boolean);
			const usersOnly = itemParameter(this, 'options.usersOnly', itemIndex, false) as boolean;
			const select = readSelect({ node, parameter: 'options.select', itemIndex }, itemParameter(this, 'options.select', itemIndex, '')).join(',') || undefined;

			const path = `/groups/${groupId}/${transitive ? 'transitiveMembers' : relationship}${usersOnly ? '/microsoft.graph.user' : ''}`;
			let query: ListQuery = { qs: { $top: pageSize(limit, select), $select: select }, headers: {} };
			// Graph documents ConsistencyLevel and $count as required with an OData cast.
			if (usersOnly) query = advancedQuery(query);
			return await graph.collect({ method: 'GET', url: path, ...query }, limit, directoryObject);
		},
		{
			resource: 'the group',
			permission: relationship === 'members' ? 'GroupMember.Read.All (and Member.Read.Hidden for groups with hidden membership)' : 'GroupMember.Read.All',
		},
	);
}
