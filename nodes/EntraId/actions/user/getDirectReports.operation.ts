import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { outputField, returnAllOrLimit, selectOption, sortedOptions, transportOptions } from '../../descriptions/common';
import { userIdLocator } from '../../descriptions/locators';
import { shape, SIMPLIFIED_USER_FIELDS } from '../../helpers/output';
import { pageSize, outputChoice } from '../../helpers/query';
import { readLimit, readUserRef, userPath } from '../../helpers/validation';
import { perItem } from '../execution';
import { itemParameter } from '../../helpers/parameters';

const properties: INodeProperties[] = [
	userIdLocator,
	...returnAllOrLimit(),
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

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['getDirectReports'] } }, properties);

export const execute = perItem(
	async function (graph, itemIndex) {
		const user = readUserRef(this, 'userId', itemIndex);
		const returnAll = itemParameter(this, 'returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? undefined : readLimit(this, itemIndex);
		const { select, mode } = outputChoice(this, itemIndex, SIMPLIFIED_USER_FIELDS);
		const call = {
			method: 'GET' as const,
			url: `${userPath(user)}/directReports`,
			qs: { $top: pageSize(limit, select), $select: select },
		};
		return await graph.collect(call, limit, (report) => shape(report, mode));
	},
	{ permission: 'User.Read.All' },
);
