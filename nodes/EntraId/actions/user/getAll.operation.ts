import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { outputField, returnAllOrLimit, selectOption, sortedOptions, transportOptions } from '../../descriptions/common';
import type { OutputMode } from '../../helpers/output';
import { shape, SIMPLIFIED_USER_FIELDS } from '../../helpers/output';
import type { ListQuery } from '../../helpers/query';
import { advancedQuery, buildSearch, pageSize, selectFor } from '../../helpers/query';
import { readLimit, requireString } from '../../helpers/validation';
import { perItem } from '../execution';

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
		const node = this.getNode();
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? undefined : readLimit(this, itemIndex);
		const select = selectFor(this, itemIndex, SIMPLIFIED_USER_FIELDS);
		const mode = this.getNodeParameter('output', itemIndex, 'simplified') as OutputMode;
		const filter = this.getNodeParameter('options.filter', itemIndex, '') as unknown;
		const search = this.getNodeParameter('options.search', itemIndex, '') as unknown;
		const enabledOnly = this.getNodeParameter('options.enabledOnly', itemIndex, false) as boolean;

		const filters: string[] = [];
		if (filter !== '') filters.push(requireString({ node, parameter: 'options.filter', itemIndex }, filter, 'filter'));
		if (enabledOnly) filters.push('accountEnabled eq true');
		let query: ListQuery = {
			qs: {
				$top: pageSize(limit, select),
				$select: select,
				$filter: filters.length > 1 ? filters.map((clause) => `(${clause})`).join(' and ') : filters[0],
			},
			headers: {},
		};
		if (search !== '') {
			const text = requireString({ node, parameter: 'options.search', itemIndex }, search, 'search');
			const $search = buildSearch({ node, parameter: 'options.search', itemIndex }, text, ['displayName']);
			query = advancedQuery({ qs: { ...query.qs, $search }, headers: query.headers });
		}
		return await graph.collect({ method: 'GET', url: '/users', ...query }, limit, (user) => shape(user, mode));
	},
	{ permission: 'User.Read.All' },
);
