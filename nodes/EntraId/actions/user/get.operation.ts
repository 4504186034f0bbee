import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { outputField, selectOption, sortedOptions, transportOptions } from '../../descriptions/common';
import { userIdLocator } from '../../descriptions/locators';
import { shape, SIMPLIFIED_USER_FIELDS } from '../../helpers/output';
import { outputChoice } from '../../helpers/query';
import { readUserRef, userPath } from '../../helpers/validation';
import { planned } from '../execution';

const properties: INodeProperties[] = [
	userIdLocator,
	outputField('users'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: sortedOptions([selectOption, ...transportOptions]),
	},
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['get'] } }, properties);

export const execute = planned(function (itemIndex) {
	const user = readUserRef(this, 'userId', itemIndex);
	const { select, mode } = outputChoice(this, itemIndex, SIMPLIFIED_USER_FIELDS);
	return {
		call: { method: 'GET', url: userPath(user), qs: select ? { $select: select } : undefined },
		output: ({ body }) => shape(body, mode),
		hint: { resource: `user "${user.value}"`, permission: 'User.Read.All' },
	};
});
