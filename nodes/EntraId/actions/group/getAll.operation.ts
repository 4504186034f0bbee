import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { outputField, returnAllOrLimit, selectOption, sortedOptions, transportOptions } from '../../descriptions/common';
import { shape, SIMPLIFIED_GROUP_FIELDS } from '../../helpers/output';
import { collectList, listQuery, outputChoice } from '../../helpers/query';
import { readLimit } from '../../helpers/validation';
import { perItem } from '../execution';
import { itemParameter } from '../../helpers/parameters';

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
		const returnAll = itemParameter(this, 'returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? undefined : readLimit(this, itemIndex);
		const { select, mode } = outputChoice(this, itemIndex, SIMPLIFIED_GROUP_FIELDS);
		const query = listQuery(this, itemIndex, { limit, select, searchProperties: ['displayName', 'description'] });
		return await collectList(graph, { method: 'GET', url: '/groups', ...query }, limit, (group) => shape(group, mode));
	},
	{ permission: 'GroupMember.Read.All' },
);
