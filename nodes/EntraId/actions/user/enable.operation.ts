import { optionsCollection } from '../../descriptions/common';
import { userIdLocator } from '../../descriptions/locators';
import { readUserRef } from '../../helpers/validation';
import { planned } from '../execution';
import { userChange, userHint } from './write';

export const properties = [userIdLocator, optionsCollection()];

export const execute = planned(function (itemIndex) {
	const user = readUserRef(this, 'userId', itemIndex);
	return userChange(user, {
		call: (id) => ({ method: 'PATCH', url: `/users/${id}`, body: { accountEnabled: true } }),
		output: (id) => ({ id, enabled: true }),
		hint: userHint(user, 'User.EnableDisableAccount.All (with User.Read.All)'),
	});
});
