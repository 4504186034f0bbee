import type { INodeProperties } from 'n8n-workflow';

import * as directory from './directory';
import * as group from './group';
import { resourceField } from './registry';
import * as user from './user';

/** Every resource's operations, by the names stored in workflows. The router dispatches through it. */
export const resources = {
	user: user.operations,
	group: group.operations,
	directory: directory.operations,
};

/** The resources, by the names stored in workflows. */
export type EntraIdResource = keyof typeof resources;

/** The Resource selector and every resource's fields, as the node shows them. */
export const resourceProperties: INodeProperties[] = [
	resourceField(resources, 'user', [
		{ name: 'Directory', value: 'directory', description: 'Deleted items and license subscriptions' },
		{ name: 'Group', value: 'group', description: 'Security and Microsoft 365 groups, members and owners' },
		{ name: 'User', value: 'user', description: 'User accounts, managers, passwords and licenses' },
	]),
	...user.description,
	...group.description,
	...directory.description,
];
