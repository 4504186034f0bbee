import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { displayNameField, fieldsCollection, optionsCollection } from '../../descriptions/common';
import { createUserFields, passwordField } from '../../descriptions/userFields';
import { MAX_DISPLAY_NAME } from '../../../shared/values';
import { withoutAnnotations } from '../../helpers/output';
import { requireBoolean, requirePassword, requireText, requireUserPrincipalName, userProperties } from '../../helpers/userProperties';
import { requireMailNickname } from '../../helpers/validation';
import { planned } from '../execution';
import { explainUserError } from './write';
import { itemParameter } from '../../helpers/parameters';

export const properties: INodeProperties[] = [
	displayNameField('e.g. Ada Lovelace', 'The name shown in the address book (at most 256 characters)'),
	{
		displayName: 'User Principal Name',
		name: 'userPrincipalName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. ada.lovelace@contoso.com',
		hint: 'The domain must be a verified domain of your tenant',
		description: "The sign-in name, alias@domain. Before the @: letters, digits and ' . - _ ! # ^ ~ (at most 64). After it: a verified domain of the tenant.",
	},
	{
		displayName: 'Mail Nickname',
		name: 'mailNickname',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. ada.lovelace',
		hint: 'At most 64 ASCII characters, without spaces or @ ( ) \\ [ ] " ; : < > ,',
		description: 'The mail alias of the user, usually the part of the UPN before the @',
	},
	passwordField('The initial password. It is sent to Graph only and never appears in outputs, errors or logs.'),
	{
		displayName: 'Account Enabled',
		name: 'accountEnabled',
		type: 'boolean',
		default: true,
		description: 'Whether the user can sign in as soon as the account exists',
	},
	fieldsCollection('additionalFields', createUserFields),
	optionsCollection(),
];

/** The created user as Graph returns it, minus annotations (Graph never returns the password; drop its profile regardless). */
function createdUser(body: IDataObject): IDataObject {
	const user = withoutAnnotations(body);
	delete user.passwordProfile;
	return user;
}

export const execute = planned(function (itemIndex) {
	const node = this.getNode();
	const ref = (parameter: string) => ({ node, parameter, itemIndex });
	const parameter = (name: string, fallback?: unknown) => itemParameter(this, name, itemIndex, fallback);

	const displayName = requireText(ref('displayName'), parameter('displayName'), 'display name', MAX_DISPLAY_NAME);
	const userPrincipalName = requireUserPrincipalName(ref('userPrincipalName'), parameter('userPrincipalName'));
	const mailNickname = requireMailNickname(ref('mailNickname'), parameter('mailNickname'));
	const password = requirePassword(ref('password'), parameter('password'));
	const accountEnabled = requireBoolean(ref('accountEnabled'), parameter('accountEnabled', true));
	const { forceChangePasswordNextSignIn = true, ...fields } = parameter('additionalFields', {}) as IDataObject;
	const forceChange = requireBoolean(ref('additionalFields.forceChangePasswordNextSignIn'), forceChangePasswordNextSignIn);
	const extra = userProperties({ node, itemIndex, parameter: 'additionalFields' }, fields, 'create');

	return {
		call: {
			method: 'POST',
			url: '/users',
			body: {
				...extra,
				accountEnabled,
				displayName,
				mailNickname,
				userPrincipalName,
				// Sent explicitly: Graph's default for a missing flag has not always matched its documentation.
				passwordProfile: { password, forceChangePasswordNextSignIn: forceChange },
			},
		},
		output: ({ body }) => createdUser(body),
		recover: explainUserError,
		hint: { resource: `user "${userPrincipalName}"`, permission: 'User.ReadWrite.All' },
	};
});
