import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IDataObject,
} from 'n8n-workflow';

/**
 * Stand-ins for n8n's Manual Trigger: the workflow's start node, emitting the items a test gives it
 * (the way a user's workflow feeds a spreadsheet or a webhook into the node).
 */
export class TestItems implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Items',
		name: 'testItems',
		group: ['trigger'],
		version: 1,
		description: 'Emits the items given in its parameter',
		defaults: { name: 'Items' },
		inputs: [],
		outputs: ['main'],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[{}]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as string | IDataObject[];
		const items = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject[];
		return [items.map((json) => ({ json }))];
	}
}

/**
 * A stand-in for n8n's HTTP Request node with a predefined credential type: it sends one request
 * for each item through n8n-core's real authenticated helpers, the new one (`httpRequest`, as HTTP
 * Request v4 does) or the legacy one (`request`, as v3 does), so the credential's `authenticate`
 * runs exactly as it does there.
 */
export class TestHttpRequest implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test HTTP Request',
		name: 'testHttpRequest',
		group: ['transform'],
		version: 1,
		description: 'Sends a request with a predefined credential type',
		defaults: { name: 'HTTP Request' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'entraIdAppOnlyApi', required: true }],
		properties: [
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
			{ displayName: 'Method', name: 'method', type: 'string', default: 'GET' },
			{ displayName: 'Body', name: 'body', type: 'json', default: '' },
			{ displayName: 'Helper', name: 'helper', type: 'string', default: 'httpRequest' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const url = this.getNodeParameter('url', 0) as string;
		const method = this.getNodeParameter('method', 0) as 'GET' | 'POST';
		const body = this.getNodeParameter('body', 0) as IDataObject | string;
		const sent = body === '' ? undefined : typeof body === 'string' ? (JSON.parse(body) as IDataObject) : body;
		const response =
			this.getNodeParameter('helper', 0) === 'request'
				? await this.helpers.requestWithAuthentication.call(this, 'entraIdAppOnlyApi', { uri: url, method, body: sent, json: true })
				: await this.helpers.httpRequestWithAuthentication.call(this, 'entraIdAppOnlyApi', { url, method, body: sent, json: true });
		return [[{ json: (response ?? {}) as IDataObject }]];
	}
}
