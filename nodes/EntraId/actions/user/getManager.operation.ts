import { readFields } from '../../descriptions/common';
import { userIdLocator } from '../../descriptions/locators';
import { isUnsetReference, USER_MANAGER } from '../../directory/relations';
import { userPath } from '../../directory/users';
import { SIMPLIFIED_USER_FIELDS } from '../../helpers/output';
import { itemParameter } from '../../helpers/parameters';
import { readUserRef } from '../../helpers/validation';
import { planned } from '../execution';
import { readObject } from '../reads';

export const properties = [
	userIdLocator,
	...readFields('users', [
		{
			displayName: 'Empty Result If No Manager',
			name: 'emptyIfNone',
			type: 'boolean',
			default: false,
			description:
				'Whether a user without a manager gives one empty item ({}) instead of an error. A user that does not exist is still an error.',
		},
	]),
];

export const execute = planned(function (itemIndex) {
	const user = readUserRef(this, 'userId', itemIndex);
	const emptyIfNone = itemParameter(this, 'options.emptyIfNone', itemIndex, false) as boolean;
	return {
		...readObject(this, itemIndex, `${userPath(user)}/manager`, SIMPLIFIED_USER_FIELDS, { resource: `user "${user.value}"`, permission: 'User.Read.All' }),
		recover: (error) => {
			if (!isUnsetReference(error, USER_MANAGER)) return undefined;
			if (emptyIfNone) return {};
			error.advice = `User "${user.value}" has no manager. Turn on Options → Empty Result If No Manager to get an empty item instead.`;
			return undefined;
		},
	};
});
