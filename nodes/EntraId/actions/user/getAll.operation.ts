import { filterAndSearchOptions, readFields, returnAllOrLimit } from '../../descriptions/common';
import { collectList } from '../../directory/lists';
import { shape, SIMPLIFIED_USER_FIELDS } from '../../helpers/output';
import { itemParameter } from '../../helpers/parameters';
import { listQuery, outputChoice } from '../../helpers/query';
import { readLimit } from '../../helpers/validation';
import { perItem } from '../execution';

export const properties = [
	...returnAllOrLimit(),
	...readFields('users', [
		{
			displayName: 'Enabled Users Only',
			name: 'enabledOnly',
			type: 'boolean',
			default: false,
			description: 'Whether to return only users whose account is enabled (accountEnabled eq true)',
		},
		...filterAndSearchOptions(
			{ filter: "e.g. startsWith(department,'Sales') and userType eq 'Member'", search: 'e.g. Ada, or displayName:Ada mail:contoso' },
			'display names',
		),
	]),
];

export const execute = perItem(
	async function (graph, itemIndex) {
		const limit = readLimit(this, itemIndex);
		const { select, mode } = outputChoice(this, itemIndex, SIMPLIFIED_USER_FIELDS);
		const enabledOnly = itemParameter(this, 'options.enabledOnly', itemIndex, false) as boolean;
		const extraFilters = enabledOnly ? ['accountEnabled eq true'] : [];
		const query = listQuery(this, itemIndex, { limit, select, searchProperties: ['displayName'], extraFilters });
		return await collectList(graph, { method: 'GET', url: '/users', ...query }, limit, (user) => shape(user, mode));
	},
	{ permission: 'User.Read.All' },
);
