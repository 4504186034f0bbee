import type { INodeProperties } from 'n8n-workflow';

import { notice, optionsCollection } from '../../descriptions/common';
import { userIdLocator } from '../../descriptions/locators';
import { readUserRef } from '../../helpers/validation';
import { planned } from '../execution';
import { userChange, userHint } from './write';

export const properties: INodeProperties[] = [
	userIdLocator,
	notice(
		'revokeNotice',
		'Invalidates the refresh tokens and browser session cookies of the user, who must sign in again everywhere. Access tokens already issued stay valid until they expire (about an hour), and guests are not affected (they sign in at their home tenant).',
	),
	optionsCollection(),
];

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
