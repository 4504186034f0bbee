import { optionsCollection } from '../../descriptions/common';
import { groupIdLocator } from '../../descriptions/locators';
import { readGroupId } from '../../helpers/validation';
import { planned } from '../execution';

export const properties = [
	{
		...groupIdLocator,
		description:
			'The group to delete. A Microsoft 365 group can be restored from deleted items for 30 days; a security group may be deleted for good.',
	},
	optionsCollection(),
];

export const execute = planned(function (itemIndex) {
	const groupId = readGroupId(this, 'groupId', itemIndex);
	return {
		call: { method: 'DELETE', url: `/groups/${groupId}` },
		output: () => ({ id: groupId, deleted: true }),
		hint: { resource: `group "${groupId}"`, permission: 'Group.ReadWrite.All' },
	};
});
