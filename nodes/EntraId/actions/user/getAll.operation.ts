import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { outputField, returnAllOrLimit, selectOption, sortedOptions, transportOptions } from '../../descriptions/common';
import { shape, SIMPLIFIED_USER_FIELDS } from '../../helpers/output';
import { collectList, listQuery, outputChoice } from '../../helpers/query';
import { readLimit } from '../../helpers/validation';
import { perItem } from '../execution';
import { itemParameter } from '../../helpers/parameters';

const properties: INodeProperties[] = [
	...returnAllOrLimit(),
	outputField('users'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: sortedOptions([
			{
				displayName: 'Enabled Users Only',
				name: 'enabledOnly',
				type: 'boolean',
				default: false,
				description: 'Whether to return only users whose account is enabled (accountEnabled eq true)',
			},
			{
				displayName: 'Filter',
				name: 'filter',
				type: 'string',
				default: '',
				placeholder: "e.g. startsWith(department,'Sales') and userType eq 'Member'",
				description:
					'An OData $filter, sent to Graph as written. <a href="https://learn.microsoft.com/en-us/graph/filter-query-parameter">Syntax</a>.',
			},
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				placeholder: 'e.g. Ada, or displayName:Ada mail:contoso',
				description:
					'Text to search for in display names, or property:value clauses. The node adds the quotes and the ConsistencyLevel header Graph needs.',
			},
			selectOption,
			...transportOptions,
		]),
	},
];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['getAll'] } }, properties);

export const execute = perItem(
	async function (graph, itemIndex) {
		const returnAll = itemParameter(this, 'returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? undefined : readLimit(this, itemIndex);
		const { select, mode } = outputChoice(this, itemIndex, SIMPLIFIED_USER_FIELDS);
		const enabledOnly = itemParameter(this, 'options.enabledOnly', itemIndex, false) as boolean;
		const extraFilters = enabledOnly ? ['accountEnabled eq true'] : [];
		const query = listQuery(this, itemIndex, { limit, select, searchProperties: ['displayName'], extraFilters });
		return await collectList(graph, { method: 'GET', url: '/users', ...query }, limit, (user) => shape(user, mode));
	},
	{ permission: 'User.Read.All' },
);
