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
			'Invalidates the refresh tokens and browser session cookies of the user, who must sign in again everywhere. Access tokens already issued stay valid until they expire (about an hour), and guests are not affected (they sign in at their home tenant).',
		name: 'revokeNotice',
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

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['revokeSessions'] } }, properties);

export const execute = planned(function (itemIndex) {
	const user = readUserRef(this, 'userId', itemIndex);
	return userChange(user, {
		call: (id) => ({
			method: 'POST',
			url: `/users/${id}/revokeSignInSessions`,
			// $batch refuses a POST without a JSON body; the action takes no parameters.
			body: {},
			// Revoking twice only moves the cut-off time again, so a dropped connection may be retried.
			idempotent: true,
		}),
		output: (id) => ({ id, sessionsRevoked: true }),
		hint: userHint(user, 'User.RevokeSessions.All'),
	});
});
