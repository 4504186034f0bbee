import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { outputField, selectOption, sortedOptions, transportOptions } from '../../descriptions/common';
import { userIdLocator } from '../../descriptions/locators';
import { shape, SIMPLIFIED_USER_FIELDS } from '../../helpers/output';
import { outputChoice } from '../../helpers/query';
import { readUserRef, userPath } from '../../helpers/validation';
import { isNoManager } from '../../transport/errors';
import { planned } from '../execution';
import { itemParameter } from '../../helpers/parameters';

const properties: INodeProperties[] = [
	userIdLocator,
	outputField('users'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: sortedOptions([
			{
				displayName: 'Empty Result If No Manager',
				name: 'emptyIfNone',
				type: 'boolean',
				default: false,
				description:
					'Whether a user without a manager gives one empty item ({}) instead of an error. A user that does not exist is still an error.',
			},
			selectOption,
			...transportOptions,
		]),
	},
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['getManager'] } }, properties);

export const execute = planned(function (itemIndex) {
	const user = readUserRef(this, 'userId', itemIndex);
	const { select, mode } = outputChoice(this, itemIndex, SIMPLIFIED_USER_FIELDS);
	const emptyIfNone = itemParameter(this, 'options.emptyIfNone', itemIndex, false) as boolean;
	return {
		call: { method: 'GET', url: `${userPath(user)}/manager`, qs: select ? { $select: select } : undefined },
		output: ({ body }) => shape(body, mode),
		recover: (error) => {
			if (!isNoManager(error)) return undefined;
			if (emptyIfNone) return {};
			error.advice = `User "${user.value}" has no manager. Turn on Options → Empty Result If No Manager to get an empty item instead.`;
			return undefined;
		},
		hint: { resource: `user "${user.value}"`, permission: 'User.Read.All' },
	};
});
