import { filterAndSearchOptions, readFields, returnAllOrLimit } from '../../descriptions/common';
import { collectList } from '../../directory/lists';
import { shape, SIMPLIFIED_GROUP_FIELDS } from '../../helpers/output';
import { listQuery, outputChoice } from '../../helpers/query';
import { readLimit } from '../../helpers/validation';
import { perItem } from '../execution';

export const properties = [
	...returnAllOrLimit(),
	...readFields(
		'groups',
		filterAndSearchOptions(
			{ filter: "e.g. securityEnabled eq true and startsWith(displayName,'Sales')", search: 'e.g. Sales, or displayName:Sales mail:sales' },
			'group names and descriptions',
		),
	),
];

export const execute = perItem(
	async function (graph, itemIndex) {
		const limit = readLimit(this, itemIndex);
		const { select, mode } = outputChoice(this, itemIndex, SIMPLIFIED_GROUP_FIELDS);
		const query = listQuery(this, itemIndex, { limit, select, searchProperties: ['displayName', 'description'] });
		return await collectList(graph, { method: 'GET', url: '/groups', ...query }, limit, (group) => shape(group, mode));
	},
	{ permission: 'GroupMember.Read.All' },
);
