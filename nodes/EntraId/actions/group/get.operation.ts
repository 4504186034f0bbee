import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { outputField, selectOption, sortedOptions, transportOptions } from '../../descriptions/common';
import { groupIdLocator } from '../../descriptions/locators';
import type { OutputMode } from '../../helpers/output';
import { shape, SIMPLIFIED_GROUP_FIELDS } from '../../helpers/output';
import { selectFor } from '../../helpers/query';
import { readGroupId } from '../../helpers/validation';
import { planned } from '../execution';

const properties: INodeProperties[] = [
	groupIdLocator,
	outputField('groups'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: sortedOptions([selectOption, ...transportOptions]),
	},
];

export const description = updateDisplayOptions({ show: { resource: ['group'], operation: ['get'] } }, properties);

export const execute = planned(function (itemIndex) {
	const groupId = readGroupId(this, 'groupId', itemIndex);
	const select = selectFor(this, itemIndex, SIMPLIFIED_GROUP_FIELDS);
	const mode = this.getNodeParameter('output', itemIndex, 'simplified') as OutputMode;
	return {
		call: { method: 'GET', url: `/groups/${groupId}`, qs: select ? { $select: select } : undefined },
		output: ({ body }) => shape(body, mode),
		hint: { resource: `group "${groupId}"`, permission: 'GroupMember.Read.All' },
	};
});
