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
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...transportOptions],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['enable'] } }, properties);

export const execute = planned(function (itemIndex) {
	const user = readUserRef(this, 'userId', itemIndex);
	return userChange(user, {
		call: (id) => ({ method: 'PATCH', url: `/users/${id}`, body: { accountEnabled: true } }),
		output: (id) => ({ id, enabled: true }),
		hint: userHint(user, 'User.EnableDisableAccount.All (with User.Read.All)'),
	});
});
