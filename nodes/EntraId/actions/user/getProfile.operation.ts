import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { outputField, selectOption, sortedOptions, transportOptions } from '../../descriptions/common';
import { shape, SIMPLIFIED_USER_FIELDS } from '../../helpers/output';
import { outputChoice } from '../../helpers/query';
import { invalid } from '../../helpers/validation';
import { planned } from '../execution';

const properties: INodeProperties[] = [
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

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['getProfile'] } }, properties);

export const execute = planned(function (itemIndex, graph) {
	// /me means the signed-in user: an app-only token has none, so refuse before any request.
	if (graph.isAppOnly) {
		throw invalid(
			{ node: this.getNode(), parameter: 'authentication', itemIndex },
			'Get My Profile needs the delegated credential: with app-only authentication there is no signed-in user',
			"Use the Get operation (user.get) with the user's ID or user principal name instead.",
		);
	}
	const { select, mode } = outputChoice(this, itemIndex, SIMPLIFIED_USER_FIELDS);
	return {
		call: { method: 'GET', url: '/me', qs: select ? { $select: select } : undefined },
		output: ({ body }) => shape(body, mode),
		hint: { resource: 'the signed-in user', permission: 'User.Read' },
	};
});
