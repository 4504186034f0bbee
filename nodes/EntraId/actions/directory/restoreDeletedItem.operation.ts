import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { transportOptions } from '../../descriptions/common';
import { directoryObject } from '../../helpers/output';
import { GUID_REGEX, locatorValue, requireGuid } from '../../helpers/validation';
import { planned } from '../execution';

const properties: INodeProperties[] = [
	{
		displayName: 'Deleted Item',
		name: 'deletedItemId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The deleted user or Microsoft 365 group to restore, picked from deleted items or by object ID',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchDeletedItems', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 46cc6179-19d0-473e-97ad-6ff84347bbbb',
				validation: [{ type: 'regex', properties: { regex: GUID_REGEX, errorMessage: 'Not a valid object ID (GUID)' } }],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...transportOptions],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['directory'], operation: ['restoreDeletedItem'] } }, properties);

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
