import { optionsCollection } from '../../descriptions/common';
import { userIdLocator } from '../../descriptions/locators';
import { isUnsetReference, removeReference, USER_MANAGER } from '../../directory/relations';
import { readUserRef } from '../../helpers/validation';
import { planned } from '../execution';

export const properties = [userIdLocator, optionsCollection()];

export const execute = planned(function (itemIndex) {
	const user = readUserRef(this, 'userId', itemIndex);
	return {
		call: removeReference(USER_MANAGER, user.value),
		output: () => ({ id: user.value, managerRemoved: true }),
		recover: (error) => {
			if (isUnsetReference(error, USER_MANAGER)) error.advice = `User "${user.value}" has no manager to remove.`;
			return undefined;
		},
		hint: { resource: `user "${user.value}"`, permission: 'User.ReadWrite.All' },
	};
});
