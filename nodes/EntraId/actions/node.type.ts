import type { INodeProperties } from 'n8n-workflow';

import * as application from './application';
import * as authMethod from './authMethod';
import * as directory from './directory';
import * as group from './group';
import { resourceField } from './registry';
import * as riskyUser from './riskyUser';
import * as role from './role';
import * as user from './user';

/** Every resource's operations, by the names stored in workflows. The router dispatches through it. */
export const resources = {
	user: user.operations,
	group: group.operations,
	directory: directory.operations,
	role: role.operations,
	riskyUser: riskyUser.operations,
	application: application.operations,
	authMethod: authMethod.operations,
};

/** The resources, by the names stored in workflows. */
export type EntraIdResource = keyof typeof resources;

/** The Resource selector and every resource's fields, as the node shows them. */
export const resourceProperties: INodeProperties[] = [
	resourceField(resources, 'user', [
		{ name: 'Application', value: 'application', description: 'App registrations and service principals: expiring secrets and certificates' },
		{ name: 'Authentication Method', value: 'authMethod', description: "A user's MFA and passwordless methods, and Temporary Access Passes" },
		{ name: 'Directory', value: 'directory', description: 'Deleted items and license subscriptions' },
		{ name: 'Group', value: 'group', description: 'Security and Microsoft 365 groups, members and owners' },
		{ name: 'Risky User', value: 'riskyUser', description: 'Identity Protection: users at risk, confirm compromised, dismiss' },
		{ name: 'Role', value: 'role', description: 'Directory roles and role assignments' },
		{ name: 'User', value: 'user', description: 'User accounts, guests, sponsors, sign-in activity, managers, passwords and licenses' },
	]),
	...user.description,
	...group.description,
	...directory.description,
	...role.description,
	...riskyUser.description,
	...application.description,
	...authMethod.description,
];
