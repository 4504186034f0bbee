import { optionsCollection } from '../../descriptions/common';
import { locator } from '../../descriptions/locators';
import { directoryObject } from '../../helpers/output';
import { locatorValue, requireGuid } from '../../helpers/validation';
import { planned } from '../execution';

export const properties = [
	locator(
		{
			name: 'deletedItemId',
			displayName: 'Deleted Item',
			description: 'The deleted user or Microsoft 365 group to restore, picked from deleted items or by object ID',
		},
		'searchDeletedItems',
		'e.g. 46cc6179-19d0-473e-97ad-6ff84347bbbb',
	),
	optionsCollection(),
];

export const execute = planned(function (itemIndex) {
	const { value } = locatorValue(this, 'deletedItemId', itemIndex);
	const id = requireGuid({ node: this.getNode(), parameter: 'deletedItemId', itemIndex }, value, 'deleted item ID');
	return {
		// Inside $batch, Graph refuses a POST without a body; restore takes an empty one.
		call: { method: 'POST', url: `/directory/deletedItems/${id}/restore`, body: {} },
		output: ({ body }) => directoryObject(body),
		hint: {
			permission: 'User.DeleteRestore.All (users) or Group.ReadWrite.All (Microsoft 365 groups)',
			advice: {
				Request_ResourceNotFound: `Nothing to restore: "${id}" is not in deleted items. Only deleted users and Microsoft 365 groups can be restored, for 30 days after deletion. A deleted security group is deleted for good and cannot be restored: create it again. List what can be restored with Directory → Get Deleted Items.`,
			},
		},
	};
});
