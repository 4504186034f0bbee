import type { INodeProperties } from 'n8n-workflow';

import * as getDeletedItems from './getDeletedItems.operation';
import * as getLicenses from './getLicenses.operation';
import * as restoreDeletedItem from './restoreDeletedItem.operation';

export { getDeletedItems, getLicenses, restoreDeletedItem };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['directory'] } },
		options: [
			{
				name: 'Get Deleted Items',
				value: 'getDeletedItems',
				description: 'Get deleted users or groups',
				action: 'Get deleted items',
			},
			{
				name: 'Get Licenses',
				value: 'getLicenses',
				description: 'Get the license subscriptions of the tenant',
				action: 'Get license subscriptions',
			},
			{
				name: 'Restore Deleted Item',
				value: 'restoreDeletedItem',
				description: 'Restore a deleted user or group',
				action: 'Restore a deleted item',
			},
		],
		default: 'getDeletedItems',
	},
	...getDeletedItems.description,
	...getLicenses.description,
	...restoreDeletedItem.description,
];
