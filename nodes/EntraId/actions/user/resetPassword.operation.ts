import type { INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../descriptions/common';
import { userIdLocator } from '../../descriptions/locators';
import { passwordField } from '../../descriptions/userFields';
import { requireBoolean, requirePassword } from '../../helpers/userProperties';
import { readUserRef } from '../../helpers/validation';
import { planned } from '../execution';
import { userChange, userHint } from './write';
import { itemParameter } from '../../helpers/parameters';

export const properties: INodeProperties[] = [
	userIdLocator,
	passwordField('The new password. It is sent to Graph only and never appears in outputs, errors or logs.'),
	{
		displayName: 'Force Change Password Next Sign In',
		name: 'forceChangePasswordNextSignIn',
		type: 'boolean',
		default: true,
		description: 'Whether the user must choose a new password at the next sign-in',
	},
	{
		displayName: 'Force Change Password Next Sign In With MFA',
		name: 'forceChangePasswordNextSignInWithMfa',
		type: 'boolean',
		default: false,
		description: 'Whether the user must first complete multifactor authentication and then choose a new password at the next sign-in',
	},
	optionsCollection(),
];

export const execute = planned(function (itemIndex) {
	const node = this.getNode();
	const ref = (parameter: string) => ({ node, parameter, itemIndex });
	const user = readUserRef(this, 'userId', itemIndex);
	const password = requirePassword(ref('password'), itemParameter(this, 'password', itemIndex));
	const passwordProfile = {
		password,
		// Both flags are always sent: a missing flag has been treated as true by Graph.
		forceChangePasswordNextSignIn: requireBoolean(ref('forceChangePasswordNextSignIn'), itemParameter(this, 'forceChangePasswordNextSignIn', itemIndex, true)),
		forceChangePasswordNextSignInWithMfa: requireBoolean(
			ref('forceChangePasswordNextSignInWithMfa'),
			itemParameter(this, 'forceChangePasswordNextSignInWithMfa', itemIndex, false),
		),
	};
	return userChange(user, {
		call: (id) => ({ method: 'PATCH', url: `/users/${id}`, body: { passwordProfile } }),
		output: (id) => ({ id, passwordReset: true }),
		hint: userHint(user, 'User-PasswordProfile.ReadWrite.All'),
	});
});
