import type { INodeProperties } from 'n8n-workflow';

import * as assignLicense from './assignLicense.operation';
import * as checkGroups from './checkGroups.operation';
import * as create from './create.operation';
import * as remove from './delete.operation';
import * as disable from './disable.operation';
import * as enable from './enable.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getDirectReports from './getDirectReports.operation';
import * as getGroups from './getGroups.operation';
import * as getManager from './getManager.operation';
import * as getProfile from './getProfile.operation';
import * as removeLicense from './removeLicense.operation';
import * as removeManager from './removeManager.operation';
import * as resetPassword from './resetPassword.operation';
import * as revokeSessions from './revokeSessions.operation';
import * as setManager from './setManager.operation';
import * as update from './update.operation';

export { assignLicense, checkGroups, create, remove as delete, disable, enable, get, getAll, getDirectReports, getGroups, getManager, getProfile, removeLicense, removeManager, resetPassword, revokeSessions, setManager, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [
			{
				name: 'Assign License',
				value: 'assignLicense',
				description: 'Assign a license (SKU) to a user, optionally with some service plans disabled',
				action: 'Assign a license to a user',
			},
			{
				name: 'Check Groups',
				value: 'checkGroups',
				description: 'Check which of the given groups a user is a member of (directly or transitively)',
				action: 'Check group membership of a user',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Create a user account with a display name, sign-in name (UPN), mail alias and initial password',
				action: 'Create a user',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a user (restorable from deleted items for 30 days)',
				action: 'Delete a user',
			},
			{
				name: 'Disable',
				value: 'disable',
				description: 'Block sign-in for a user (accountEnabled false)',
				action: 'Disable a user',
			},
			{
				name: 'Enable',
				value: 'enable',
				description: 'Allow sign-in for a user (accountEnabled true)',
				action: 'Enable a user',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a user by ID or user principal name',
				action: 'Get a user',
			},
			{
				name: 'Get Direct Reports',
				value: 'getDirectReports',
				description: 'List the users who report to a user',
				action: 'Get direct reports of a user',
			},
			{
				name: 'Get Groups',
				value: 'getGroups',
				description: 'List the groups a user is a member of',
				action: 'Get groups of a user',
			},
			{
				name: 'Get Manager',
				value: 'getManager',
				description: "Get a user's manager, or an empty item when the user has none and Empty Result If No Manager is on",
				action: 'Get the manager of a user',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List users, with filter, search and paging',
				action: 'Get many users',
			},
			{
				name: 'Get My Profile',
				value: 'getProfile',
				description: 'Get the profile of the signed-in user (delegated credential only)',
				action: 'Get my profile',
			},
			{
				name: 'Remove License',
				value: 'removeLicense',
				description: 'Remove a license (SKU) from a user',
				action: 'Remove a license from a user',
			},
			{
				name: 'Remove Manager',
				value: 'removeManager',
				description: "Clear a user's manager",
				action: 'Remove the manager of a user',
			},
			{
				name: 'Reset Password',
				value: 'resetPassword',
				description: 'Set a new password for a user',
				action: 'Reset the password of a user',
			},
			{
				name: 'Revoke Sessions',
				value: 'revokeSessions',
				description: 'Sign a user out everywhere by invalidating their refresh tokens and session cookies',
				action: 'Revoke all sign in sessions of a user',
			},
			{
				name: 'Set Manager',
				value: 'setManager',
				description: "Make another user (by ID or UPN) a user's manager",
				action: 'Set the manager of a user',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change properties of a user: names, sign-in name, job, department, contact details, usage location, extension attributes',
				action: 'Update a user',
			},
		],
		default: 'get',
	},
	...assignLicense.description,
	...checkGroups.description,
	...create.description,
	...remove.description,
	...disable.description,
	...enable.description,
	...get.description,
	...getAll.description,
	...getDirectReports.description,
	...getGroups.description,
	...getManager.description,
	...getProfile.description,
	...removeLicense.description,
	...removeManager.description,
	...resetPassword.description,
	...revokeSessions.description,
	...setManager.description,
	...update.description,
];
