import { resourceDescription } from '../registry';
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

/** The group operations, by the names stored in workflows. */
export const operations = {
	addMembers,
	addOwner,
	create,
	delete: remove,
	get,
	getAll,
	getMembers,
	getOwners,
	removeMember,
	removeOwner,
	update,
};

export const description = resourceDescription('group', operations, 'get', [
	{
		name: 'Add Member',
		value: 'addMembers',
		description: 'Add a member to a group',
		action: 'Add a member to a group',
	},
	{
		name: 'Add Owner',
		value: 'addOwner',
		description: 'Add an owner to a group',
		action: 'Add an owner to a group',
	},
	{
		name: 'Create',
		value: 'create',
		description: 'Create a group',
		action: 'Create a group',
	},
	{
		name: 'Delete',
		value: 'delete',
		description: 'Delete a group',
		action: 'Delete a group',
	},
	{
		name: 'Get',
		value: 'get',
		description: 'Get a group',
		action: 'Get a group',
	},
	{
		name: 'Get Many',
		value: 'getAll',
		description: 'Get many groups',
		action: 'Get many groups',
	},
	{
		name: 'Get Members',
		value: 'getMembers',
		description: 'Get the members of a group',
		action: 'Get members of a group',
	},
	{
		name: 'Get Owners',
		value: 'getOwners',
		description: 'Get the owners of a group',
		action: 'Get owners of a group',
	},
	{
		name: 'Remove Member',
		value: 'removeMember',
		description: 'Remove a member from a group',
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
		description: 'Update a group',
		action: 'Update a group',
	},
]);
