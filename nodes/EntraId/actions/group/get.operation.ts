import { readFields } from '../../descriptions/common';
import { groupIdLocator } from '../../descriptions/locators';
import { SIMPLIFIED_GROUP_FIELDS } from '../../helpers/output';
import { readGroupId } from '../../helpers/validation';
import { planned } from '../execution';
import { readObject } from '../reads';

export const properties = [groupIdLocator, ...readFields('groups')];

export const execute = planned(function (itemIndex) {
	const groupId = readGroupId(this, 'groupId', itemIndex);
	return readObject(this, itemIndex, `/groups/${groupId}`, SIMPLIFIED_GROUP_FIELDS, { resource: `group "${groupId}"`, permission: 'GroupMember.Read.All' });
});
