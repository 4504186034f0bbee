import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { transportOptions } from '../../descriptions/common';
import { userIdLocator } from '../../descriptions/locators';
import { readUserRef } from '../../helpers/validation';
import { planned } from '../execution';
import { userChange, userHint } from './write';

const properties: INodeProperties[] = [
	{
		...userIdLocator,
		description:
			'The user to delete. Entra ID keeps a deleted user in deleted items for 30 days, where Directory → Restore Deleted Item can bring it back with its group memberships; after that it is gone for good.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...transportOptions],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['delete'] } }, properties);

export const execute = planned(function (itemIndex) {
	const user = readUserRef(this, 'userId', itemIndex);
	return userChange(user, {
		call: (id) => ({ method: 'DELETE', url: `/users/${id}` }),
		output: (id) => ({ id, deleted: true }),
		hint: userHint(user, 'User.ReadWrite.All'),
	});
});
