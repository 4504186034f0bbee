import { optionsCollection } from '../../descriptions/common';
import { userIdLocator } from '../../descriptions/locators';
import { readUserRef } from '../../helpers/validation';
import { planned } from '../execution';
import { userChange, userHint } from './write';

export const properties = [
	{
		...userIdLocator,
		description:
			'The user to delete. Entra ID keeps a deleted user in deleted items for 30 days, where Directory → Restore Deleted Item can bring it back with its group memberships; after that it is gone for good.',
	},
	optionsCollection(),
];

export const execute = planned(function (itemIndex) {
	const user = readUserRef(this, 'userId', itemIndex);
	return userChange(user, {
		call: (id) => ({ method: 'DELETE', url: `/users/${id}` }),
		output: (id) => ({ id, deleted: true }),
		hint: userHint(user, 'User.ReadWrite.All'),
	});
});
