import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { LoggerProxy } from 'n8n-workflow';

import type { RunOptions, RunResult } from '../../../runner/engine';
import type { Sandbox } from '../../../helpers/setup';

/**
 * Every line n8n-core's logger (the one nodes get as `this.logger`) and n8n-workflow's
 * LoggerProxy receive from now on, with its metadata, as text.
 */
export function captureLogs(): string[] {
	const lines: string[] = [];
	const record = (level: string) => (message: string, meta?: unknown) => {
		lines.push(`${level} ${message} ${meta === undefined ? '' : JSON.stringify(meta)}`);
	};
	const logger = {
		error: record('error'),
		warn: record('warn'),
		info: record('info'),
		debug: record('debug'),
		verbose: record('verbose'),
		scoped: () => logger,
	};
	Container.set(Logger, logger as unknown as Logger);
	LoggerProxy.init(logger as never);
	return lines;
}

/**
 * Everything a user or an operator could see of a run: the output items, the error's message,
 * description and context, every node's run data (errors included), and the log lines.
 */
export function visibleText(result: RunResult, logs: string[]): string {
	const error = result.error;
	const errorParts = error ? [error.message, error.description ?? '', JSON.stringify(error.context ?? {}), JSON.stringify(error)] : [];
	return [JSON.stringify(result.output), JSON.stringify(result.run.data.resultData), ...errorParts, ...logs].join('\n');
}

/** An access token, an assertion or any other JWT: three base64url parts starting with a JSON header. */
const JWT = /eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}/;

/** The secrets of the sandbox's registered app: client secret, passphrase, and each key's body lines. */
export function appSecrets(sandbox: Sandbox): string[] {
	const app = sandbox.auth.app;
	const keys = [app.privateKeyPem, app.privateKeyPkcs1Pem, app.encryptedPrivateKeyPem, app.unregisteredPrivateKeyPem].map(String);
	const keyLines = keys.flatMap((pem) => pem.split('\n')).filter((line) => line.length > 40 && !line.startsWith('-----'));
	return [app.clientSecret, String(app.passphrase), ...keyLines];
}

/** The secrets (and any JWT) found in a text; empty when the text is clean. */
export function leaksIn(text: string, secrets: string[]): string[] {
	const found = secrets.filter((secret) => secret && text.includes(secret)).map((secret) => `${secret.slice(0, 6)}…`);
	const jwt = JWT.exec(text);
	return jwt ? [...found, `a JWT (${jwt[0].slice(0, 12)}…)`] : found;
}

/**
 * Runs the Entra ID node with the app-only credential and fails the test if any secret or token
 * shows in what the run left behind (outputs, errors, logs).
 */
export function appOnlyRunner(context: { sandbox: Sandbox; run: (options: RunOptions) => Promise<RunResult> }, logs: string[]) {
	return async (options: Omit<RunOptions, 'credentialType'>): Promise<RunResult> => {
		const result = await context.run({ ...options, credentialType: 'entraIdAppOnlyApi' });
		expect(leaksIn(visibleText(result, logs), appSecrets(context.sandbox))).toEqual([]);
		return result;
	};
}

/** The sandbox identity platform's members the auth tests use (test/sandbox/INTERFACE.md). */
export interface SandboxAuth {
	tokenLog: Array<{ source: string; grantType: string; status: number; method?: string; error?: string; aadsts?: number; tenant?: string; clientId?: string }>;
	clearTokenLog(): void;
	expireAllTokens(): void;
	app: {
		clientId: string;
		clientSecret: string;
		roles: string[];
		certificatePem: string;
		privateKeyPem: string;
		privateKeyPkcs1Pem: string;
		encryptedPrivateKeyPem: string;
		passphrase: string;
		thumbprint: string;
		unregisteredCertificatePem: string;
		unregisteredPrivateKeyPem: string;
		federated: { issuer: string; subject: string; audience: string };
		writeFederatedTokenFile(dir: string, claims?: object): string;
		managedIdentity: { clientId: string; identityHeader: string; userAssignedClientId: string };
	};
}

export const authOf = (sandbox: Sandbox) => sandbox.auth as unknown as SandboxAuth;

/** Token-endpoint and managed-identity calls the sandbox answered, by outcome. */
export const tokenRequests = (sandbox: Sandbox) => authOf(sandbox).tokenLog;

/**
 * n8n on Azure App Service: the platform sets IDENTITY_ENDPOINT and IDENTITY_HEADER, which MSAL
 * reads to find the managed identity endpoint; here they point at the sandbox for the test file.
 */
export function useAppServiceIdentity(context: { sandbox: Sandbox }) {
	beforeAll(() => {
		process.env.IDENTITY_ENDPOINT = `${context.sandbox.loginHttpUrl}/msi/token`;
		process.env.IDENTITY_HEADER = authOf(context.sandbox).app.managedIdentity.identityHeader;
	});
	afterAll(() => {
		delete process.env.IDENTITY_ENDPOINT;
		delete process.env.IDENTITY_HEADER;
	});
}
