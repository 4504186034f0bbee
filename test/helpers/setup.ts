import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import type { RunOptions, RunResult } from '../runner/engine';
import { disposeEngine, WorkflowRunner } from '../runner/engine';
import { delegatedCredential } from '../runner/sandbox-credentials';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startSandbox } = require('../sandbox') as { startSandbox: (options?: IDataObject) => Promise<Sandbox> };

/** The parts of the Graph sandbox (test/sandbox, plain JS) that tests use. */
export interface Sandbox {
	graphUrl: string;
	loginUrl: string;
	loginHttpUrl: string;
	caPath: string;
	tenantId: string;
	tenantDomain: string;
	auth: {
		app: IDataObject & { clientId: string; clientSecret: string };
		issueToken(options: IDataObject): string;
		expireAllTokens(): void;
		tokenLog: IDataObject[];
	};
	store: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- the sandbox's plain-JS directory
	log: Array<{ method: string; path: string; query: IDataObject; headers: IDataObject; status: number; batch: false | IDataObject }>;
	clearLog(): void;
	faults: IDataObject;
	faultCounts: IDataObject;
	close(): Promise<void>;
}

export interface TestContext {
	sandbox: Sandbox;
	runner: WorkflowRunner;
	/** Runs Items → Entra ID with the delegated credential unless the options say otherwise. */
	run(options: RunOptions): Promise<RunResult>;
	/** Graph requests the sandbox saw since the last clearLog(), outer $batch envelopes included. */
	requests(): Sandbox['log'];
}

export { delegatedCredential };

/** How an app-only credential signs in. */
export type AppOnlyMethod = 'certificate' | 'clientSecret' | 'federated' | 'managedIdentity';

/**
 * App-only credential data for the sandbox's registered app, as a user would fill it in: the
 * Custom cloud pointing at the sandbox's Graph and its https login host (MSAL refuses http).
 * `federated` needs the path of a token file (see auth.app.writeFederatedTokenFile).
 */
export function appOnlyCredential(
	sandbox: Sandbox,
	method: AppOnlyMethod,
	fields: ICredentialDataDecryptedObject = {},
): ICredentialDataDecryptedObject {
	const { app } = sandbox.auth;
	const base = {
		authMethod: method,
		tenantId: sandbox.tenantId,
		clientId: app.clientId,
		cloud: 'custom',
		customGraphUrl: sandbox.graphUrl,
		customLoginUrl: sandbox.loginUrl,
	};
	const byMethod: Record<AppOnlyMethod, ICredentialDataDecryptedObject> = {
		clientSecret: { clientSecret: app.clientSecret },
		certificate: { privateKey: String(app.privateKeyPem), publicCertificate: String(app.certificatePem) },
		federated: {},
		managedIdentity: { managedIdentity: 'systemAssigned' },
	};
	return { ...base, ...byMethod[method], ...fields };
}

/**
 * Starts a Graph sandbox and an n8n engine for one test file, stopped after it.
 * `seed` picks the tenant: 'demo' (default), 'empty', or `{ users, groups }`.
 */
export function useSandbox(options: IDataObject = {}): TestContext {
	const context = {} as TestContext;
	beforeAll(async () => {
		context.sandbox = await startSandbox({ seed: 'demo', ...options });
		context.runner = await WorkflowRunner.create();
		context.runner.setCredential('entraIdOAuth2Api', delegatedCredential(context.sandbox));
		context.run = async (runOptions) => await context.runner.run(runOptions);
		context.requests = () => context.sandbox.log;
	});
	beforeEach(() => context.sandbox.clearLog());
	afterAll(async () => {
		await context.sandbox?.close();
		disposeEngine();
	});
	return context;
}

/** The JSON of a run's output items. */
export const jsonOf = (result: RunResult) => result.output.map((item) => item.json);

/**
 * The host administrator's settings for host identities, as environment variables of the n8n
 * process: ENTRA_ID_TRUSTED_HOSTS lists the sandbox's hosts (it plays a custom cloud), and
 * AZURE_FEDERATED_TOKEN_FILE names the federated token file. Restored after the test file.
 */
export function useHostSettings(context: { sandbox: Sandbox }) {
	const names = ['ENTRA_ID_TRUSTED_HOSTS', 'AZURE_FEDERATED_TOKEN_FILE'];
	const saved = Object.fromEntries(names.map((name) => [name, process.env[name]]));
	beforeAll(() => {
		// 127.0.0.1 and localhost: some tests reach the sandbox by either name.
		const hosts = [context.sandbox.graphUrl, context.sandbox.loginUrl].map((url) => new URL(url).host);
		process.env.ENTRA_ID_TRUSTED_HOSTS = [...hosts, ...hosts.map((host) => host.replace('127.0.0.1', 'localhost'))].join(',');
	});
	afterAll(() => {
		for (const name of names) {
			if (saved[name] === undefined) delete process.env[name];
			else process.env[name] = saved[name];
		}
	});
	return {
		/** Sets (or, with undefined, unsets) AZURE_FEDERATED_TOKEN_FILE. */
		tokenFile(path: string | undefined) {
			if (path === undefined) delete process.env.AZURE_FEDERATED_TOKEN_FILE;
			else process.env.AZURE_FEDERATED_TOKEN_FILE = path;
		},
	};
}
