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

export function outputField(what: 'users' | 'groups'): INodeProperties {
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

/** A collection's options in the order n8n lists them: by display name, numbers in numeric order. */
export function sortedOptions(options: INodeProperties[]): INodeProperties[] {
	return [...options].sort((a, b) => a.displayName.localeCompare(b.displayName, 'en', { numeric: true }));
}

/** Request behaviour shared by every operation: batching, concurrency and timeout. */
export const transportOptions: INodeProperties[] = [
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
