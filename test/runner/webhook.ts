import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IDataObject, INode, INodeType, IWebhookData, IWorkflowExecuteAdditionalData, WorkflowActivateMode } from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';
import { HookContext, WebhookContext } from 'n8n-core';

import type { WorkflowRunner } from './engine';
import { PACKAGE_NAME } from './engine';

export interface InstantOptions {
	parameters: IDataObject;
	/** `entraIdOAuth2Api` (default) or `entraIdAppOnlyApi`. */
	credentialType?: string;
	/** n8n's WEBHOOK_URL; default: this harness's own listener on 127.0.0.1. */
	webhookBaseUrl?: string;
}

/** One answer n8n gave Graph. */
export interface Answer {
	status: number;
	contentType: string;
	body: string;
	ms: number;
}

const NODE_NAME = 'Entra ID Instant Trigger';
let workflowCount = 0;

/**
 * An active workflow with the Instant Trigger, run the way n8n's CLI runs one: an HTTP listener on
 * 127.0.0.1 for its production webhook URL; activation through the node's webhookMethods in n8n-core's
 * HookContext (checkExists, then create when it says false, as ActiveWorkflowManager does); each POST
 * through n8n-core's WebhookContext with a Workflow built from the saved static data, saved again
 * after the call when it changed (as LiveWebhooks does, so overlapping calls read the same copy).
 */
export class InstantTrigger {
	/** The static data as n8n's database holds it. */
	saved: IDataObject = {};

	/** The items of each execution the webhook started, in order. */
	readonly emitted: IDataObject[][] = [];

	/** The items of each manual execution the editor's test listening started. */
	readonly testEmitted: IDataObject[][] = [];

	readonly answers: Answer[] = [];

	readonly errors: Error[] = [];

	/** The static data of the editor's test listening (n8n keeps it with the registration). */
	testData?: IDataObject;

	/** n8n overloaded: each call waits this long before the node sees it. */
	stallMs = 0;

	private server?: http.Server;

	private base = '';

	private readonly workflowId = `instant-${++workflowCount}`;

	private readonly node: INode;

	private constructor(
		private readonly runner: WorkflowRunner,
		private readonly options: InstantOptions,
	) {
		const credentialType = options.credentialType ?? 'entraIdOAuth2Api';
		this.node = {
			id: 'instant',
			name: NODE_NAME,
			type: `${PACKAGE_NAME}.entraIdInstantTrigger`,
			typeVersion: 1,
			position: [0, 0],
			webhookId: randomUUID(),
			parameters: { authentication: credentialType === 'entraIdAppOnlyApi' ? 'appOnly' : 'oAuth2', ...options.parameters },
			credentials: { [credentialType]: { id: '1', name: 'Entra ID test' } },
		};
	}

	/** Starts the listener and activates; throws what the activation threw (after closing the listener). */
	static async activate(runner: WorkflowRunner, options: InstantOptions, saved: IDataObject = {}): Promise<InstantTrigger> {
		const trigger = new InstantTrigger(runner, options);
		trigger.saved = saved;
		await trigger.listen();
		try {
			await trigger.hook('activate');
		} catch (error) {
			await trigger.close();
			throw error;
		}
		return trigger;
	}

	/** The production webhook URL n8n gives Graph. */
	get url(): string {
		return NodeHelpers.getNodeWebhookUrl(this.options.webhookBaseUrl ?? this.base, this.workflowId, this.node, 'webhook');
	}

	/** The trigger's part of the saved static data. */
	get state(): IDataObject & { subscriptions?: Array<{ id: string; resource: string; expiresAt: string }>; clientState?: string } {
		return (this.saved[`node:${NODE_NAME}`] ?? {}) as never;
	}

	/** The editor's "Listen for test event": n8n's create in manual mode on the test URL (TestWebhooks). */
	async listenForTest() {
		await this.hook('manual', true);
	}

	/** The test listening ends: n8n's delete on the test URL, in internal mode. */
	async stopListening() {
		await this.hook('delete', true);
	}

	/** The test webhook URL of the editor's listening. */
	get testUrl(): string {
		return NodeHelpers.getNodeWebhookUrl(`${this.base}-test`, this.workflowId, this.node, 'webhook');
	}

	/** n8n restarting: the activation runs again ('init') on what was saved. */
	async restart() {
		await this.hook('init');
	}

	/** Deactivation: the node's delete hook, then the listener closes. */
	async deactivate() {
		if (!this.server) return;
		try {
			await this.hook('delete');
		} finally {
			await this.close();
		}
	}

	/** Resolves when `count` executions have started, or rejects after `timeoutMs`. */
	async executions(count: number, timeoutMs = 5000): Promise<IDataObject[][]> {
		const deadline = Date.now() + timeoutMs;
		while (this.emitted.length < count) {
			if (this.errors.length) throw this.errors[0];
			if (Date.now() > deadline) throw new Error(`Waited ${timeoutMs} ms for ${count} executions, saw ${this.emitted.length}`);
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
		return this.emitted.slice(0, count);
	}

	private workflow(isTest = false): Workflow {
		return new Workflow({
			id: this.workflowId,
			name: 'Entra ID Instant Trigger test',
			nodes: [this.node],
			connections: {},
			active: true,
			nodeTypes: this.runner.types,
			staticData: JSON.parse(JSON.stringify(isTest ? (this.testData ?? this.saved) : this.saved)) as IDataObject,
		});
	}

	private nodeType(): INodeType {
		return this.runner.types.getByNameAndVersion(this.node.type, 1);
	}

	private webhookData(additionalData: IWorkflowExecuteAdditionalData, isTest = false): IWebhookData {
		const description = this.nodeType().description.webhooks![0];
		return { httpMethod: 'POST', node: NODE_NAME, path: 'webhook', webhookDescription: description, workflowId: this.workflowId, workflowExecuteAdditionalData: additionalData, isTest };
	}

	private additionalData(extra: IDataObject = {}): IWorkflowExecuteAdditionalData {
		return {
			...this.runner.additionalData(undefined, 'webhook-execution'),
			webhookBaseUrl: this.options.webhookBaseUrl ?? this.base,
			webhookTestBaseUrl: `${this.base}-test`,
			...extra,
		} as IWorkflowExecuteAdditionalData;
	}

	private async hook(step: WorkflowActivateMode | 'delete', isTest = false) {
		const workflow = this.workflow(isTest);
		const additionalData = this.additionalData();
		const mode = step === 'manual' ? 'manual' : step === 'delete' ? 'internal' : 'trigger';
		const context = new HookContext(workflow, this.node, additionalData, mode, step === 'delete' ? 'update' : step, this.webhookData(additionalData, isTest));
		const methods = this.nodeType().webhookMethods?.default;
		if (!methods) throw new Error('the node type has no default webhook methods');
		if (step === 'delete') await methods.delete.call(context);
		else if (!(await methods.checkExists.call(context))) await methods.create.call(context);
		// n8n keeps a test listening's static data apart from the saved workflow's and never saves it.
		if (isTest) this.testData = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		else this.save(workflow);
	}

	/** What n8n's WorkflowStaticDataService.saveStaticData does: write when the data changed. */
	private save(workflow: Workflow) {
		const data = workflow.staticData as IDataObject & { __dataChanged?: boolean };
		if (data.__dataChanged !== true) return;
		data.__dataChanged = false;
		this.saved = JSON.parse(JSON.stringify(data)) as IDataObject;
	}

	private async listen() {
		this.server = http.createServer((req, res) => void this.onRequest(req, res));
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/webhook`;
	}

	private async close() {
		const server = this.server;
		this.server = undefined;
		server?.closeAllConnections();
		await new Promise((resolve) => server?.close(resolve));
	}

	private async onRequest(req: http.IncomingMessage, res: http.ServerResponse) {
		const started = Date.now();
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const raw = Buffer.concat(chunks).toString('utf8');
		if (this.stallMs) await new Promise((resolve) => setTimeout(resolve, this.stallMs));
		const request = Object.assign(req, {
			query: Object.fromEntries(new URL(req.url ?? '/', 'http://n8n').searchParams),
			body: String(req.headers['content-type'] ?? '').includes('json') && raw ? (JSON.parse(raw) as IDataObject) : {},
		});
		const answer: Answer = { status: 0, contentType: '', body: '', ms: 0 };
		const end = res.end.bind(res);
		res.end = ((data?: unknown) => {
			Object.assign(answer, { status: res.statusCode, contentType: String(res.getHeader('content-type') ?? ''), body: typeof data === 'string' ? data : '', ms: Date.now() - started });
			this.answers.push(answer);
			return end(data as string);
		}) as typeof res.end;
		const isTest = request.url?.startsWith(new URL(`${this.base}-test`).pathname) ?? false;
		const workflow = this.workflow(isTest);
		const additionalData = this.additionalData({ httpRequest: request, httpResponse: res });
		const context = new WebhookContext(workflow, this.node, additionalData, isTest ? 'manual' : 'webhook', this.webhookData(additionalData, isTest), [], null);
		const keep = () => (isTest ? (this.testData = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject) : this.save(workflow));
		try {
			const result = await this.nodeType().webhook!.call(context);
			if (!res.headersSent) res.writeHead(200).end('{"message":"Webhook call received"}');
			keep();
			if (result.workflowData) (isTest ? this.testEmitted : this.emitted).push(result.workflowData[0].map((item) => item.json));
		} catch (error) {
			keep();
			this.errors.push(error as Error);
			if (!res.headersSent) res.writeHead(500).end();
		}
	}
}
