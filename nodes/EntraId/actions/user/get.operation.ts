import { readFields } from '../../descriptions/common';
import { userIdLocator } from '../../descriptions/locators';
import { userPath } from '../../directory/users';
import { SIMPLIFIED_USER_FIELDS } from '../../helpers/output';
import { readUserRef } from '../../helpers/validation';
import { planned } from '../execution';
import { readObject } from '../reads';

export const properties = [userIdLocator, ...readFields('users')];

export const execute = planned(function (itemIndex) {
	const user = readUserRef(this, 'userId', itemIndex);
	return readObject(this, itemIndex, userPath(user), SIMPLIFIED_USER_FIELDS, { resource: `user "${user.value}"`, permission: 'User.Read.All' });
});
