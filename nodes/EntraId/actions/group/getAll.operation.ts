import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { outputField, returnAllOrLimit, selectOption, sortedOptions, transportOptions } from '../../descriptions/common';
import type { OutputMode } from '../../helpers/output';
import { shape, SIMPLIFIED_GROUP_FIELDS } from '../../helpers/output';
import type { ListQuery } from '../../helpers/query';
import { advancedQuery, buildSearch, pageSize, selectFor } from '../../helpers/query';
import { readLimit, requireString } from '../../helpers/validation';
import { perItem } from '../execution';

const properties: INodeProperties[] = [
	...returnAllOrLimit(),
	outputField('groups'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: sortedOptions([
			{
				displayName: 'Filter',
				name: 'filter',
				type: 'string',
				default: '',
				placeholder: "e.g. securityEnabled eq true and startsWith(displayName,'Sales')",
				description:
					'An OData $filter, sent to Graph as written. <a href="https://learn.microsoft.com/en-us/graph/filter-query-parameter">Syntax</a>.',
			},
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				placeholder: 'e.g. Sales, or displayName:Sales mail:sales',
				description:
					'Text to search for in group names and descriptions, or property:value clauses. The node adds the quotes and the ConsistencyLevel header Graph needs.',
			},
			selectOption,
			...transportOptions,
		]),
	},
];

export const description = updateDisplayOptions({ show: { resource: ['group'], operation: ['getAll'] } }, properties);

export const execute = perItem(
	async function (graph, itemIndex) {
		const node = this.getNode();
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? undefined : readLimit(this, itemIndex);
		const select = selectFor(this, itemIndex, SIMPLIFIED_GROUP_FIELDS);
		const mode = this.getNodeParameter('output', itemIndex, 'simplified') as OutputMode;
		const filter = this.getNodeParameter('options.filter', itemIndex, '') as unknown;
		const search = this.getNodeParameter('options.search', itemIndex, '') as unknown;

		let query: ListQuery = {
			qs: {
				$top: pageSize(limit, select),
				$select: select,
				$filter: filter === '' ? undefined : requireString({ node, parameter: 'options.filter', itemIndex }, filter, 'filter'),
			},
			headers: {},
		};
		if (search !== '') {
			const text = requireString({ node, parameter: 'options.search', itemIndex }, search, 'search');
			const $search = buildSearch({ node, parameter: 'options.search', itemIndex }, text, ['displayName', 'description']);
			query = advancedQuery({ qs: { ...query.qs, $search }, headers: query.headers });
		}
		return await graph.collect({ method: 'GET', url: '/groups', ...query }, limit, (group) => shape(group, mode));
	},
	{ permission: 'GroupMember.Read.All' },
);
