import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { transportOptions } from '../../descriptions/common';
import { userIdLocator } from '../../descriptions/locators';
import { readUserRef } from '../../helpers/validation';
import { planned } from '../execution';
import { userChange, userHint } from './write';

const properties: INodeProperties[] = [
	userIdLocator,
	{
		displayName:
			'Disabling blocks new sign-ins only: apps keep working until their tokens expire. For a leaver, run Revoke Sessions after it.',
		name: 'sessionsNotice',
		type: 'notice',
		default: '',
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

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['disable'] } }, properties);

export const execute = planned(function (itemIndex) {
	const user = readUserRef(this, 'userId', itemIndex);
	return userChange(user, {
		call: (id) => ({ method: 'PATCH', url: `/users/${id}`, body: { accountEnabled: false } }),
		output: (id) => ({ id, disabled: true }),
		hint: userHint(user, 'User.EnableDisableAccount.All (with User.Read.All)'),
	});
});
