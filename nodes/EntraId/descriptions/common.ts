import type { INodeProperties } from 'n8n-workflow';

/** Return All / Limit, as every n8n list operation has them. */
export function returnAllOrLimit(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			displayOptions: { show: { returnAll: [false] } },
			description: 'Max number of results to return',
		},
	];
}

function outputField(what: 'users' | 'groups'): INodeProperties {
	return {
		displayName: 'Output',
		name: 'output',
		type: 'options',
		default: 'simplified',
		description: `How much of each ${what === 'users' ? 'user' : 'group'} to return: the common properties, only the Select ones, or Graph's answer as it is`,
		options: [
			{
				name: 'Raw',
				value: 'raw',
				description: `Graph's answer as it is: its default ${what === 'users' ? 'user' : 'group'} properties (or Select), with OData annotations`,
			},
			{
				name: 'Selected Fields',
				value: 'fields',
				description: 'Only the properties listed in the Select option',
			},
			{
				name: 'Simplified',
				value: 'simplified',
				description: 'The properties admins use most, without OData annotations',
			},
		],
	};
}

export const selectOption: INodeProperties = {
	displayName: 'Select',
	name: 'select',
	type: 'string',
	default: '',
	placeholder: 'e.g. ID,displayName,department',
	description:
		'Properties to return, comma-separated (or a list from an expression). Graph returns only a default set unless asked, for example for signInActivity or onPremisesExtensionAttributes.',
};

/** Filter and Search of a user or group list: what is searched differs, the rules do not. */
export function filterAndSearchOptions(examples: { filter: string; search: string }, searched: string): INodeProperties[] {
	return [
		{
			displayName: 'Filter',
			name: 'filter',
			type: 'string',
			default: '',
			placeholder: examples.filter,
			description:
				'An OData $filter, sent to Graph as written. <a href="https://learn.microsoft.com/en-us/graph/filter-query-parameter">Syntax</a>.',
		},
		{
			displayName: 'Search',
			name: 'search',
			type: 'string',
			default: '',
			placeholder: examples.search,
			description: `Text to search for in ${searched}, or property:value clauses. The node adds the quotes and the ConsistencyLevel header Graph needs.`,
		},
	];
}

/** A collection's options in the order n8n lists them: by display name, numbers in numeric order. */
function sortedOptions(options: INodeProperties[]): INodeProperties[] {
	return [...options].sort((a, b) => a.displayName.localeCompare(b.displayName, 'en', { numeric: true }));
}

/** Additional Fields (create) or Update Fields (update): the optional properties an operation writes. */
export function fieldsCollection(name: 'additionalFields' | 'updateFields', options: INodeProperties[], description?: string): INodeProperties {
	return {
		displayName: name === 'additionalFields' ? 'Additional Fields' : 'Update Fields',
		name,
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		...(description ? { description } : {}),
		options,
	};
}

/** A required Display Name (users and groups). */
export function displayNameField(placeholder: string, description: string): INodeProperties {
	return { displayName: 'Display Name', name: 'displayName', type: 'string', required: true, default: '', placeholder, description };
}

/** A note shown in the form, not a value. */
export function notice(name: string, text: string): INodeProperties {
	return { displayName: text, name, type: 'notice', default: '' };
}

/** The Options collection every operation has: its own options plus the transport's, sorted. */
export function optionsCollection(options: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: sortedOptions([...options, ...transportOptions]),
	};
}

/** The Output choice of a read and its Options (Select, the operation's own, the transport's). */
export function readFields(what: 'users' | 'groups', options: INodeProperties[] = []): INodeProperties[] {
	return [outputField(what), optionsCollection([selectOption, ...options])];
}

/** Request behaviour shared by every operation: batching, concurrency and timeout. */
const transportOptions: INodeProperties[] = [
	{
		displayName: 'Batching',
		name: 'batching',
		type: 'boolean',
		default: true,
		description:
			'Whether to send per-item requests in JSON $batch envelopes of up to 20 (far fewer round trips). Turn off to send one request per item.',
	},
	{
		displayName: 'Concurrency',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 50 },
		default: 25,
		description:
			'How many requests (or $batch envelopes of 20) are in flight at once. When Graph throttles, every request of the run waits as Graph asks. Lower it when several workflows share one app registration.',
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 60,
		description: 'How long to wait for one answer from Graph before retrying or failing the item',
	},
	{
		displayName: 'Worker Concurrency',
		name: 'workerConcurrency',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description:
			'For queue mode with many workers: the most requests (or $batch envelopes) in flight from this n8n process to this app and tenant, counting every execution running on it. 0 means no cap beyond Concurrency. N workers send at most N times this.',
	},
];
