import path from 'node:path';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';

// n8n-core writes its instance settings under N8N_USER_FOLDER: keep them out of the home folder.
process.env.N8N_USER_FOLDER ??= mkdtempSync(path.join(tmpdir(), 'entra-n8n-'));

import type {
	ICredentialType,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRun,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
	IConnections,
	ICredentialDataDecryptedObject,
} from 'n8n-workflow';
import { LoggerProxy, NodeHelpers, Workflow } from 'n8n-workflow';
import { ExecutionLifecycleHooks, PackageDirectoryLoader, WorkflowExecute } from 'n8n-core';
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';

import { TestCredentialsHelper } from './credentials-helper';
import { OAuth2Api } from './oauth2-api';
import { TestHttpRequest, TestItems } from './test-nodes';

/** The nearest folder with a package.json: the repository, also when the runner runs compiled from bench/build. */
function packageRoot(dir: string): string {
	return existsSync(path.join(dir, 'package.json')) ? dir : packageRoot(path.dirname(dir));
}

export const PACKAGE_ROOT = packageRoot(path.resolve(__dirname, '../..'));
export const PACKAGE_NAME = 'n8n-nodes-entra-id';

/** Node and credential types: this package's built `dist/`, plus the test start node. */
export class TestTypes implements INodeTypes {
	readonly nodes = new Map<string, INodeType | IVersionedNodeType>();

	readonly credentials = new Map<string, ICredentialType>();

	static async load(): Promise<TestTypes> {
		const types = new TestTypes();
		const loader = new PackageDirectoryLoader(PACKAGE_ROOT);
		await loader.loadAll();
		for (const [name, { type }] of Object.entries(loader.nodeTypes)) types.nodes.set(`${PACKAGE_NAME}.${name}`, type);
		for (const [name, { type }] of Object.entries(loader.credentialTypes)) types.credentials.set(name, type);
		types.nodes.set('test.items', new TestItems());
		types.nodes.set('test.httpRequest', new TestHttpRequest());
		types.credentials.set('oAuth2Api', new OAuth2Api());
		return types;
	}

	getByName(nodeType: string) {
		const type = this.nodes.get(nodeType);
		if (!type) throw new Error(`Unknown node type ${nodeType}`);
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes() {
		return {};
	}

	/** The credential-type view n8n's helpers ask for. */
	credentialTypes() {
		const credentials = this.credentials;
		return {
			recognizes: (name: string) => credentials.has(name),
			getByName: (name: string) => {
				const type = credentials.get(name);
				if (!type) throw new Error(`Unknown credential type ${name}`);
				return type;
			},
			getSupportedNodes: () => [],
			getParentTypes: (name: string): string[] => {
				const parents = credentials.get(name)?.extends ?? [];
				return parents;
			},
		};
	}
}

export interface RunOptions {
	/** Items the start node emits. */
	items?: IDataObject[];
	/** The Entra ID node's parameters. */
	parameters: IDataObject;
	/** Which credential the node uses: `entraIdOAuth2Api` (default) or `entraIdAppOnlyApi`. */
	credentialType?: string;
	continueOnFail?: boolean;
	/** Extra nodes and connections, for workflows longer than Items → Entra ID. */
	nodes?: INode[];
	connections?: IConnections;
	nodeName?: string;
	/** Another node type in place of this package's node (the benchmark runs n8n's built-in Entra node). */
	nodeType?: string;
	/** The execution mode: 'manual' (the editor's Execute button, the default), or 'trigger', 'webhook', 'cli' … */
	mode?: WorkflowExecuteMode;
}

export interface RunResult {
	run: IRun;
	/** Output items of the Entra ID node (first output). */
	output: INodeExecutionData[];
	/** The error that stopped the workflow, if any. */
	error?: Error & { description?: string | null; context?: IDataObject; httpCode?: string | null };
	/** Every message logged during this run (the node's ctx.logger and n8n's LoggerProxy), with metadata, for secret scans and retry counts. */
	logs: string[];
	/** What the node sent to the editor's browser console during this run (sendMessageToUI). */
	uiMessages: unknown[];
}

/**
 * Runs workflows through n8n-core's real WorkflowExecute, the engine n8n itself uses, with this
 * package's node and credential types and an in-memory credential store.
 */
export class WorkflowRunner {
	readonly credentials: TestCredentialsHelper;

	readonly logs: string[] = [];

	readonly uiMessages: unknown[] = [];

	private constructor(readonly types: TestTypes) {
		this.credentials = new TestCredentialsHelper(types.credentialTypes());
	}

	static async create(): Promise<WorkflowRunner> {
		const runner = new WorkflowRunner(await TestTypes.load());
		runner.recordLogs();
		return runner;
	}

	/**
	 * Nodes log through n8n-core's Logger from the DI container (NodeExecutionContext.logger) and
	 * the engine through n8n-workflow's LoggerProxy: both now go to a logger that records every
	 * message, at every level, with its metadata, then hands it to a logger a test installed before.
	 */
	private recordLogs() {
		const previous = Container.get(Logger);
		const next = previous instanceof Logger ? undefined : (previous as unknown as Record<string, (message: string, meta?: object) => void>);
		const record = (level: 'error' | 'warn' | 'info' | 'debug') => (message: string, meta?: object) => {
			this.logs.push(`${level} ${message}${meta === undefined ? '' : ` ${JSON.stringify(meta)}`}`);
			next?.[level](message, meta);
		};
		const logger = {
			error: record('error'),
			warn: record('warn'),
			info: record('info'),
			debug: record('debug'),
			verbose: record('debug'),
			scoped: () => logger,
		};
		Container.set(Logger, logger as unknown as Logger);
		LoggerProxy.init(logger as never);
	}

	setCredential(type: string, data: ICredentialDataDecryptedObject) {
		this.credentials.store.set(type, data);
	}

	getCredential(type: string) {
		return this.credentials.store.get(type);
	}

	async run(options: RunOptions): Promise<RunResult> {
		const nodeName = options.nodeName ?? 'Entra ID';
		const credentialType = options.credentialType ?? 'entraIdOAuth2Api';
		const start: INode = {
			id: 'items',
			name: 'Items',
			type: 'test.items',
			typeVersion: 1,
			position: [0, 0],
			parameters: { items: JSON.stringify(options.items ?? [{}]) },
		};
		const entra: INode = {
			id: 'entra',
			name: nodeName,
			type: options.nodeType ?? `${PACKAGE_NAME}.entraId`,
			typeVersion: 1,
			position: [200, 0],
			parameters: {
				authentication: credentialType === 'entraIdAppOnlyApi' ? 'appOnly' : 'oAuth2',
				...options.parameters,
			},
			credentials: { [credentialType]: { id: '1', name: 'Entra ID test' } },
			...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		};
		const nodes = [start, entra, ...(options.nodes ?? [])];
		const connections: IConnections = options.connections ?? {
			Items: { main: [[{ node: nodeName, type: 'main', index: 0 }]] },
		};
		const workflow = new Workflow({ id: 'test', name: 'test', nodes, connections, active: false, nodeTypes: this.types });
		const firstLog = this.logs.length;
		const firstMessage = this.uiMessages.length;
		const run = await this.execute(workflow, start, options.mode ?? 'manual');
		const runData = run.data.resultData.runData[nodeName];
		const output = runData?.[0]?.data?.main?.[0] ?? [];
		const error = (run.data.resultData.error ?? runData?.[0]?.error) as RunResult['error'];
		return { run, output, error, logs: this.logs.slice(firstLog), uiMessages: this.uiMessages.slice(firstMessage) };
	}

	/** What n8n's execution engine is given besides the workflow: credentials, hooks, URLs, UI messages. */
	additionalData(hooks: ExecutionLifecycleHooks | undefined, executionId: string): IWorkflowExecuteAdditionalData {
		return {
			hooks,
			credentialsHelper: this.credentials,
			executionId,
			restApiUrl: 'http://127.0.0.1/rest',
			instanceBaseUrl: 'http://127.0.0.1/',
			webhookBaseUrl: 'http://127.0.0.1/webhook',
			webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
			webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
			formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
			currentNodeParameters: undefined,
			executionTimeoutTimestamp: undefined,
			userId: 'test-user',
			variables: {},
			setExecutionStatus: () => {},
			sendDataToUI: (type: string, data: { messages?: unknown[] }) => {
				if (type === 'sendConsoleMessage') this.uiMessages.push(...(data.messages ?? []));
			},
			logAiEvent: () => {},
			getRunExecutionData: async () => undefined,
		} as unknown as IWorkflowExecuteAdditionalData;
	}

	private async execute(workflow: Workflow, startNode: INode, mode: WorkflowExecuteMode): Promise<IRun> {
		const hooks = new ExecutionLifecycleHooks(mode, 'test-execution', {
			id: workflow.id,
			name: workflow.name ?? 'test',
			active: false,
			isArchived: false,
			nodes: Object.values(workflow.nodes),
			connections: workflow.connectionsBySourceNode,
			createdAt: new Date(),
			updatedAt: new Date(),
			activeVersionId: null,
		} as never);
		const additionalData = this.additionalData(hooks, 'test-execution');
		const execute = new WorkflowExecute(additionalData, mode);
		return await execute.run({ workflow, startNode });
	}
}

/** n8n-core's SSH client manager keeps a 60 s interval: stop it so jest can exit. */
export function disposeEngine() {
	const { Container } = require('@n8n/di') as typeof import('@n8n/di');
	const { SSHClientsManager } = require('n8n-core/dist/execution-engine/ssh-clients-manager') as {
		SSHClientsManager: new (...args: unknown[]) => { onShutdown(): void };
	};
	Container.get(SSHClientsManager).onShutdown();
}
