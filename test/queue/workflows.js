'use strict';
// The workflows the queue test imports: the shipped examples with their manual trigger swapped
// for a Webhook (production executions, which queue mode hands to the workers), the change
// trigger, and a bulk update. All use the examples' app-only credential ({ id, name }).
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');

const ENTRA = 'n8n-nodes-entra-id.entraId';

/** A fixed UUID for a name, so every run imports the same workflow. */
function stableUuid(name) {
	const hex = createHash('sha256').update(name).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A Webhook node answering at once ("Workflow was started"); the test reads the outcome from the database. */
function webhookNode(name, webhookPath, position) {
	return {
		parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'onReceived', options: {} },
		id: `queue-${webhookPath}`,
		name,
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position,
		webhookId: stableUuid(webhookPath),
	};
}

/** examples/FILE with "Run now" (manual trigger) replaced by a Webhook of the same name at /webhook/queue-NAME. */
function exampleOnWebhook(file) {
	const workflow = JSON.parse(fs.readFileSync(path.join(root, 'examples', file), 'utf8'));
	const name = path.basename(file, '.json');
	const trigger = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger');
	Object.assign(trigger, webhookNode(trigger.name, `queue-${name}`, trigger.position));
	return { ...workflow, id: `QueueExample${name[0].toUpperCase()}${name.slice(1)}`, webhookPath: `queue-${name}` };
}

/**
 * The change trigger on main: users' officeLocation (a property nothing else in the test
 * touches), polled every 10 s. n8n refuses one cron expression that fires more than once a
 * minute, so there are six poll times, one a minute each (at second 0, 10 … 50), as the editor's
 * "Add Poll Time" makes them. The schedule only shortens the test, not what is tested.
 */
function triggerWorkflow(credential) {
	return {
		id: 'QueueTriggerOffice',
		name: 'Queue test: officeLocation changes',
		nodes: [
			{
				parameters: {
					pollTimes: { item: [0, 10, 20, 30, 40, 50].map((second) => ({ mode: 'custom', cronExpression: `${second} * * * * *` })) },
					authentication: 'appOnly',
					event: ['userUpdated'],
					watchedProperties: ['officeLocation'],
				},
				id: 'queue-trigger',
				name: 'Office changed',
				type: 'n8n-nodes-entra-id.entraIdTrigger',
				typeVersion: 1,
				position: [0, 0],
				credentials: { entraIdAppOnlyApi: credential },
			},
			{ parameters: {}, id: 'queue-noop', name: 'Received', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0] },
		],
		connections: { 'Office changed': { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/**
 * Bulk: every user of a department gets the job title the webhook names. One request (or
 * $batch envelope of 20) in flight, so the run lasts long enough to stop its worker half-way.
 */
function bulkWorkflow(credential, department) {
	const credentials = { entraIdAppOnlyApi: credential };
	return {
		id: 'QueueBulkJobTitle',
		name: 'Queue test: bulk job title',
		webhookPath: 'queue-bulk',
		nodes: [
			webhookNode('Bulk request', 'queue-bulk', [0, 0]),
			{
				parameters: {
					authentication: 'appOnly',
					resource: 'user',
					operation: 'getAll',
					returnAll: true,
					options: { filter: `department eq '${department}'` },
				},
				id: 'queue-bulk-list',
				name: 'Department users',
				type: ENTRA,
				typeVersion: 1,
				position: [220, 0],
				credentials,
			},
			{
				parameters: {
					authentication: 'appOnly',
					resource: 'user',
					operation: 'update',
					userId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
					updateFields: { jobTitle: "={{ $('Bulk request').first().json.body.jobTitle }}" },
					options: { concurrency: 1 },
				},
				id: 'queue-bulk-update',
				name: 'Set job title',
				type: ENTRA,
				typeVersion: 1,
				position: [440, 0],
				credentials,
			},
		],
		connections: {
			'Bulk request': { main: [[{ node: 'Department users', type: 'main', index: 0 }]] },
			'Department users': { main: [[{ node: 'Set job title', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

module.exports = { exampleOnWebhook, triggerWorkflow, bulkWorkflow };
