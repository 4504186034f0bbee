import type { INodeProperties } from 'n8n-workflow';

import { optionsCollection, returnAllOrLimit } from '../../descriptions/common';
import { directoryObject } from '../../helpers/output';
import { pageSize } from '../../helpers/query';
import { invalid, readLimit } from '../../helpers/validation';
import { perItem } from '../execution';
import { itemParameter } from '../../helpers/parameters';

const CASTS: Record<string, string> = { group: 'microsoft.graph.group', user: 'microsoft.graph.user' };

export const properties: INodeProperties[] = [
	{
		displayName: 'Object Type',
		name: 'objectType',
		type: 'options',
		default: 'user',
		options: [
			{
				name: 'Group',
				value: 'group',
				description: 'Deleted groups that can still be restored (Microsoft 365 groups)',
			},
			{
				name: 'User',
				value: 'user',
				description: 'Deleted users, kept for 30 days before Entra ID removes them for good',
			},
		],
		description: 'Which kind of deleted object to list',
	},
	...returnAllOrLimit(),
	optionsCollection(),
];

export const execute = perItem(
	async function (graph, itemIndex) {
		const objectType = itemParameter(this, 'objectType', itemIndex);
		const cast = typeof objectType === 'string' ? CASTS[objectType] : undefined;
		if (!cast) {
			throw invalid({ node: this.getNode(), parameter: 'objectType', itemIndex }, `${JSON.stringify(objectType)} is not one of group, user`);
		}
		const limit = readLimit(this, itemIndex);
		const call = { method: 'GET' as const, url: `/directory/deletedItems/${cast}`, qs: { $top: pageSize(limit, undefined) } };
		return await graph.collect(call, limit, directoryObject);
	},
	{ permission: 'User.Read.All (deleted users) or Group.Read.All (deleted groups)' },
);
