import type { INodeProperties } from 'n8n-workflow';

import { notice, optionsCollection } from '../../descriptions/common';
import { userIdLocator } from '../../descriptions/locators';
import { readUserRef } from '../../helpers/validation';
import { planned } from '../execution';
import { userChange, userHint } from './write';

export const properties: INodeProperties[] = [
	userIdLocator,
	notice(
		'sessionsNotice',
		'Disabling blocks new sign-ins only: apps keep working until their tokens expire. For a leaver, run Revoke Sessions after it.',
	),
	optionsCollection(),
];

export const execute = planned(function (itemIndex) {
	const user = readUserRef(this, 'userId', itemIndex);
	return userChange(user, {
		call: (id) => ({ method: 'PATCH', url: `/users/${id}`, body: { accountEnabled: false } }),
		output: (id) => ({ id, disabled: true }),
		hint: userHint(user, 'User.EnableDisableAccount.All (with User.Read.All)'),
	});
});
