import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { outputField, selectOption, sortedOptions, transportOptions } from '../../descriptions/common';
import { groupIdLocator } from '../../descriptions/locators';
import { shape, SIMPLIFIED_GROUP_FIELDS } from '../../helpers/output';
import { outputChoice } from '../../helpers/query';
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
	const { select, mode } = outputChoice(this, itemIndex, SIMPLIFIED_GROUP_FIELDS);
	return {
		call: { method: 'GET', url: `/groups/${groupId}`, qs: select ? { $select: select } : undefined },
		output: ({ body }) => shape(body, mode),
		hint: { resource: `group "${groupId}"`, permission: 'GroupMember.Read.All' },
	};
});
