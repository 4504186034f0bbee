import type { INodeProperties } from 'n8n-workflow';

import * as addMembers from './addMembers.operation';
import * as addOwner from './addOwner.operation';
import * as create from './create.operation';
import * as remove from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getMembers from './getMembers.operation';
import * as getOwners from './getOwners.operation';
import * as removeMember from './removeMember.operation';
import * as removeOwner from './removeOwner.operation';
import * as update from './update.operation';

export { addMembers, addOwner, create, remove as delete, get, getAll, getMembers, getOwners, removeMember, removeOwner, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['group'] } },
		options: [
			{
				name: 'Add Member',
				value: 'addMembers',
				description: 'Add a user (or other directory object) to a group; one input item is one membership',
				action: 'Add a member to a group',
			},
			{
				name: 'Add Owner',
				value: 'addOwner',
				description: 'Make a user an owner of a group: owners manage its members and settings',
				action: 'Add an owner to a group',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Create a security or Microsoft 365 group',
				action: 'Create a group',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a group: Microsoft 365 groups can be restored for 30 days, security groups are gone for good',
				action: 'Delete a group',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a group by ID',
				action: 'Get a group',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List groups, with filter, search and paging',
				action: 'Get many groups',
			},
			{
				name: 'Get Members',
				value: 'getMembers',
				description: 'List the members of a group, directly or transitively',
				action: 'Get members of a group',
			},
			{
				name: 'Get Owners',
				value: 'getOwners',
				description: 'List the owners of a group (users and service principals)',
				action: 'Get owners of a group',
			},
			{
				name: 'Remove Member',
				value: 'removeMember',
				description: 'Remove a user from a group; the members of dynamic groups follow their rule and cannot be removed by hand',
				action: 'Remove a member from a group',
			},
			{
				name: 'Remove Owner',
				value: 'removeOwner',
				description: 'Remove an owner from a group',
				action: 'Remove an owner from a group',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change the name, description, mail alias, visibility or membership rule of a group',
				action: 'Update a group',
			},
		],
		default: 'get',
	},
	...addMembers.description,
	...addOwner.description,
	...create.description,
	...remove.description,
	...get.description,
	...getAll.description,
	...getMembers.description,
	...getOwners.description,
	...removeMember.description,
	...removeOwner.description,
	...update.description,
];
