import { resourceDescription } from '../registry';
import * as getDeletedItems from './getDeletedItems.operation';
import * as getLicenses from './getLicenses.operation';
import * as restoreDeletedItem from './restoreDeletedItem.operation';

/** The directory operations, by the names stored in workflows. */
export const operations = {
	getDeletedItems,
	getLicenses,
	restoreDeletedItem,
};

export const description = resourceDescription('directory', operations, 'getDeletedItems', [
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
]);
