import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { newUser, useTrigger } from '../nodes/EntraIdTrigger/harness';
import { connectedDelegatedCredential } from '../helpers/oauth';
import type { AppOnlyMethod } from '../helpers/setup';
import { appOnlyCredential, delegatedCredential, useHostSettings } from '../helpers/setup';
import { testCredential } from '../runner/credential-tester';
import type { RunOptions, RunResult } from '../runner/engine';
import { listSearch } from '../runner/load-options';

// Every credential method, through every error path the node has, and everything a user or an
// operator could see afterwards (outputs, run data, error messages and descriptions, each thrown
// error serialised with all its own properties and causes, the log lines n8n received, credential
// tests, pickers and trigger polls) searched for the app's client secret, private keys, key
// passphrase, the managed identity header, the new users' passwords, and any access token,
// assertion or refresh token. The expected number of hits is zero.
const t = useTrigger();
const host = useHostSettings(t);
jest.setTimeout(120_000);

interface SandboxApp {
	clientSecret: string;
	passphrase: string;
	privateKeyPem: string;
	privateKeyPkcs1Pem: string;
	encryptedPrivateKeyPem: string;
	unregisteredPrivateKeyPem: string;
	unregisteredCertificatePem: string;
	certificatePem: string;
	federated: { privateKeyPem: string; sign(claims?: object): string };
	writeFederatedTokenFile(dir: string, claims?: object): string;
	managedIdentity: { identityHeader: string; userAssignedClientId: string };
}

const auth = () =>
	t.sandbox.auth as unknown as {
		app: SandboxApp;
		expireAllTokens(): void;
		revokeRefreshTokens(): void;
		faults: { queue: IDataObject[] };
	};
const app = () => auth().app;

const PASSWORD = 'Joiner#2025-Welcome!';
const WEAK_PASSWORD = 'alllowercaseonly';

/** The secrets, and each line of every key, that must never appear. */
function secrets(): string[] {
	const keys = [app().privateKeyPem, app().privateKeyPkcs1Pem, app().encryptedPrivateKeyPem, app().unregisteredPrivateKeyPem, app().federated.privateKeyPem];
	const keyLines = keys.flatMap((pem) => pem.split('\n')).map((line) => line.trim()).filter((line) => line.length > 40 && !line.startsWith('-----'));
	return [app().clientSecret, app().passphrase, app().managedIdentity.identityHeader, PASSWORD, WEAK_PASSWORD, ...keyLines, ...issued];
}

/** Tokens handed out during the test (connected delegated credentials), added as they appear. */
const issued: string[] = [];

/**
 * Access tokens, id tokens and assertions are JWTs; the sandbox's refresh tokens start with
 * 1.AXsbx. Request headers and bodies have their own marks: an Authorization header, a
 * passwordProfile, a token request's form fields.
 */
const TOKEN_PATTERNS = [
	/eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}/,
	/1\.AXsbx[\w-]{16,}/,
	/Bearer\s+[\w.-]{8,}/i,
	/["']?authorization["']?\s*[:=]/i,
	/passwordProfile/,
	/client_secret=|client_assertion=|refresh_token=|X-IDENTITY-HEADER/i,
];

/** Any thrown value with every own property (message, stack, description, context, node, cause …), causes followed. */
export function serialiseError(error: unknown, seen = new Set<unknown>()): string {
	if (error === null || typeof error !== 'object') return JSON.stringify(error) ?? String(error);
	if (seen.has(error)) return '"[seen]"';
	seen.add(error);
	const parts = Object.getOwnPropertyNames(error).map((name) => {
		const value = (error as Record<string, unknown>)[name];
		if (value !== null && typeof value === 'object') return `${name}: ${serialiseError(value, seen)}`;
		return `${name}: ${String(value)}`;
	});
	return `{${parts.join(', ')}}`;
}

/** Where each secret showed up: empty when the text is clean. */
function leaks(where: string, text: string): string[] {
	const found = secrets()
		.filter((secret) => secret && text.includes(secret))
		.map((secret) => `${where}: a secret (${secret.slice(0, 6)}…)`);
	for (const pattern of TOKEN_PATTERNS) {
		const match = pattern.exec(text);
		if (match) found.push(`${where}: a token (${match[0].slice(0, 12)}…)`);
	}
	return found;
}

/** What every scanned step produced, and how many error paths it covered. */
const scanned: Array<{ step: string; errors: number; chars: number }> = [];
const hits: string[] = [];

function scan(step: string, texts: string[], errors = 0) {
	const text = texts.join('\n');
	scanned.push({ step, errors, chars: text.length });
	hits.push(...leaks(step, text));
}

/** Everything a workflow run left behind. */
function scanRun(step: string, result: RunResult) {
	const errors = result.output.filter((item) => item.json.error !== undefined).length + (result.error ? 1 : 0);
	scan(step, [JSON.stringify(result.output), JSON.stringify(result.run.data.resultData), serialiseError(result.error), result.error?.message ?? '', result.error?.description ?? '', ...result.logs], errors);
}

async function run(step: string, options: RunOptions) {
	const result = await t.run(options);
	scanRun(step, result);
	return result;
}

/** Runs a step that may throw (pickers, credential tests) and scans its answer or its error. */
async function attempt(step: string, action: () => Promise<unknown>) {
	const logStart = t.runner.logs.length;
	try {
		const answer = await action();
		scan(step, [JSON.stringify(answer), ...t.runner.logs.slice(logStart)], /Error|error/.test(JSON.stringify(answer) ?? '') ? 1 : 0);
	} catch (error) {
		scan(step, [serialiseError(error), ...t.runner.logs.slice(logStart)], 1);
	}
}

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const users = () => t.sandbox.store.listUsers() as Array<{ id: string; userPrincipalName: string; userType?: string }>;
let joiners = 0;

function credentialType(kind: string) {
	return kind === 'delegated' ? 'entraIdOAuth2Api' : 'entraIdAppOnlyApi';
}

/** The operations and faults every credential goes through. */
async function errorPaths(kind: string) {
	const credential = credentialType(kind);
	const [ada, bob] = users().filter((user) => user.userType === 'Member').slice(40 + joiners, 42 + joiners);
	joiners += 3;
	const runAs = (step: string, options: RunOptions) => run(`${kind}: ${step}`, { ...options, credentialType: credential });
	const get = (id: string, options: Partial<RunOptions> = {}) => ({ parameters: { resource: 'user', operation: 'get', userId: byId(id) }, ...options });
	const create = (upn: string, password: string, options: IDataObject = {}) => ({
		resource: 'user',
		operation: 'create',
		displayName: 'Scan',
		userPrincipalName: upn,
		mailNickname: upn.split('@')[0],
		password,
		options: { batching: false, ...options },
	});

	await runAs('read', get(ada.id));
	await runAs('create with a password', { parameters: create(`scan.${kind}.${joiners}@contoso.com`, PASSWORD) });
	await runAs('create with a weak password (400)', { parameters: create(`weak.${kind}.${joiners}@contoso.com`, WEAK_PASSWORD) });
	await runAs('create with a weak password, Continue On Fail', { parameters: create(`weak2.${kind}.${joiners}@contoso.com`, WEAK_PASSWORD), continueOnFail: true });
	await runAs('reset password', { parameters: { resource: 'user', operation: 'resetPassword', userId: byId(bob.id), password: PASSWORD } });
	await runAs('not found (404)', get('00000000-0000-4000-8000-000000000000'));
	await runAs('bad input', { items: [{ id: '../users' }], parameters: { resource: 'user', operation: 'get', userId: byId('={{ $json.id }}') } });
	await runAs('app-only refused for /me, or the profile', { parameters: { resource: 'user', operation: 'getProfile' } });

	const withFaults = async (step: string, knobs: IDataObject, options: RunOptions) => {
		Object.assign(t.sandbox.faults, knobs);
		try {
			await runAs(step, options);
		} finally {
			Object.assign(t.sandbox.faults, { deny: [], rate429: 0, retryAfter: 1, rate502: 0, rateReset: 0, rateLostAnswer: 0, hangRate: 0, foreignNextLink: null, maxPageSize: 0 });
		}
	};
	await withFaults('permission denied (403)', { deny: [{ path: /\/users\// }] }, get(ada.id));
	await withFaults('permission denied, Continue On Fail', { deny: [{ path: /\/users\// }] }, get(ada.id, { continueOnFail: true }));
	await withFaults('throttled after every retry (429)', { rate429: 1, retryAfter: 0 }, get(ada.id));
	await withFaults('a create meeting a 502', { rate502: 1 }, { parameters: create(`gw.${kind}.${joiners}@contoso.com`, PASSWORD), continueOnFail: true });
	await withFaults('a create whose connection reset', { rateReset: 1 }, { parameters: create(`rst.${kind}.${joiners}@contoso.com`, PASSWORD) });
	await withFaults('a create whose answer was lost', { rateLostAnswer: 1 }, { parameters: create(`lost.${kind}.${joiners}@contoso.com`, PASSWORD) });
	await withFaults('a create that hung past the timeout', { hangRate: 1 }, { parameters: create(`hang.${kind}.${joiners}@contoso.com`, PASSWORD, { timeout: 1 }) });
	await withFaults('a foreign nextLink', { foreignNextLink: 'http://127.0.0.1:9/v1.0/users', maxPageSize: 2 }, { parameters: { resource: 'user', operation: 'getAll', returnAll: true } });

	auth().expireAllTokens();
	await runAs('expired token (401, renewed)', get(ada.id));

	await attempt(`${kind}: user picker`, () => listSearch(t.runner, 'searchUsers', 'a', undefined, { resource: 'user', operation: 'get' }, credential));
	Object.assign(t.sandbox.faults, { deny: [{ path: /\/users$/ }] });
	await attempt(`${kind}: user picker, denied`, () => listSearch(t.runner, 'searchUsers', 'a', undefined, { resource: 'user', operation: 'get' }, credential));
	t.sandbox.faults.deny = [];
	await attempt(`${kind}: credential test`, () => testCredential(t.runner, credential));

	const trigger = await t.activate({ event: ['userCreated'] }, { credentialType: credential });
	newUser(t);
	const polled = await trigger.poll();
	scan(`${kind}: trigger poll`, [JSON.stringify(polled.items), serialiseError(polled.error)]);
	t.sandbox.faults.deny = [{ path: /\/delta$/ }];
	const failed = await trigger.poll();
	t.sandbox.faults.deny = [];
	scan(`${kind}: trigger poll, denied`, [JSON.stringify(failed.items), serialiseError(failed.error)], failed.error ? 1 : 0);
	await trigger.deactivate();
}

function useAppOnly(method: AppOnlyMethod, fields: ICredentialDataDecryptedObject = {}) {
	t.runner.setCredential('entraIdAppOnlyApi', appOnlyCredential(t.sandbox, method, fields));
}

/** A login host the earlier steps did not use, so MSAL starts without a cached token. */
let hostVariant = 0;
function freshLogin(): ICredentialDataDecryptedObject {
	hostVariant++;
	const url = new URL(t.sandbox.loginUrl);
	return { customLoginUrl: hostVariant % 2 ? url.href.replace('127.0.0.1', 'localhost').replace(/\/$/, '') : t.sandbox.loginUrl, tenantId: hostVariant % 3 ? t.sandbox.tenantId : t.sandbox.tenantDomain };
}

beforeAll(() => {
	// Managed identity on Azure App Service (MSAL reads these once per process).
	process.env.IDENTITY_ENDPOINT = `${t.sandbox.loginHttpUrl}/msi/token`;
	process.env.IDENTITY_HEADER = app().managedIdentity.identityHeader;
});

afterAll(() => {
	delete process.env.IDENTITY_ENDPOINT;
	delete process.env.IDENTITY_HEADER;
	process.stdout.write(`\nSecret scan: ${scanned.length} steps, ${scanned.reduce((sum, step) => sum + step.errors, 0)} errors, ${scanned.reduce((sum, step) => sum + step.chars, 0)} characters searched, ${hits.length} hits\n`);
});

describe('No secret or token in any output, error or log line', () => {
	test('the scanner finds what it looks for (control)', () => {
		const before = hits.length;
		expect(leaks('control', `x ${app().clientSecret} y`)).toHaveLength(1);
		expect(leaks('control', app().privateKeyPem)).not.toEqual([]);
		expect(leaks('control', 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXBhcnQ')).toHaveLength(1);
		expect(leaks('control', 'refresh 1.AXsbxAAAAAAAAAAAAAAAAAAAAAA')).toHaveLength(1);
		for (const text of ['Authorization: Bearer abcdefghijkl', '{"authorization":"x"}', '{"passwordProfile":{}}', 'grant_type=x&client_secret=y']) {
			expect(leaks('control', text)).not.toEqual([]);
		}
		expect(serialiseError(Object.assign(new Error('outer', { cause: new Error('inner') }), { extra: { token: 'deep' } }))).toMatch(/outer[\s\S]*inner[\s\S]*deep/);
		expect(hits.length).toBe(before);
	});

	test('delegated credential, connected through the authorization-code flow (with a refresh token)', async () => {
		const credential = await connectedDelegatedCredential(t.sandbox);
		const tokens = credential.oauthTokenData as IDataObject;
		issued.push(String(tokens.access_token), String(tokens.refresh_token), String(tokens.id_token));
		t.runner.setCredential('entraIdOAuth2Api', credential);
		await errorPaths('delegated');
		const renewed = t.runner.getCredential('entraIdOAuth2Api')?.oauthTokenData as IDataObject;
		issued.push(String(renewed.access_token), String(renewed.refresh_token));
		// A refresh token revoked: the refresh fails, the run asks to reconnect.
		auth().revokeRefreshTokens();
		auth().expireAllTokens();
		await run('delegated: refresh token revoked', { parameters: { resource: 'user', operation: 'get', userId: byId(users()[3].id) } });
		expect(scanned.length).toBeGreaterThan(20);
		expect(scanned.reduce((sum, step) => sum + step.errors, 0)).toBeGreaterThan(10);
		expect(hits).toEqual([]);
	});

	test('app-only, client secret: every path, a wrong secret, an unknown tenant, a token endpoint outage', async () => {
		useAppOnly('clientSecret', freshLogin());
		await errorPaths('clientSecret');
		useAppOnly('clientSecret', { ...freshLogin(), clientSecret: `${app().clientSecret.slice(0, -4)}XXXX` });
		await run('clientSecret: wrong secret', { parameters: { resource: 'user', operation: 'get', userId: byId(users()[3].id) }, credentialType: 'entraIdAppOnlyApi' });
		await attempt('clientSecret: wrong secret, credential test', () => testCredential(t.runner, 'entraIdAppOnlyApi'));
		useAppOnly('clientSecret', { ...freshLogin(), tenantId: 'nowhere.onmicrosoft.com' });
		await run('clientSecret: unknown tenant', { parameters: { resource: 'user', operation: 'get', userId: byId(users()[3].id) }, credentialType: 'entraIdAppOnlyApi' });
		useAppOnly('clientSecret', freshLogin());
		auth().faults.queue.push({ status: 503 });
		await run('clientSecret: token endpoint unavailable', { parameters: { resource: 'user', operation: 'get', userId: byId(users()[3].id) }, credentialType: 'entraIdAppOnlyApi' });
		expect(hits).toEqual([]);
	});

	test('app-only, certificate: plain key, encrypted key with its passphrase, a wrong passphrase, an unregistered certificate', async () => {
		useAppOnly('certificate', freshLogin());
		await errorPaths('certificate');
		useAppOnly('certificate', { ...freshLogin(), privateKey: app().encryptedPrivateKeyPem, passphrase: app().passphrase });
		await run('certificate: encrypted key', { parameters: { resource: 'user', operation: 'get', userId: byId(users()[3].id) }, credentialType: 'entraIdAppOnlyApi' });
		useAppOnly('certificate', { ...freshLogin(), privateKey: app().encryptedPrivateKeyPem, passphrase: `${app().passphrase}-wrong` });
		await run('certificate: wrong passphrase', { parameters: { resource: 'user', operation: 'get', userId: byId(users()[3].id) }, credentialType: 'entraIdAppOnlyApi' });
		useAppOnly('certificate', { ...freshLogin(), privateKey: app().unregisteredPrivateKeyPem, publicCertificate: app().unregisteredCertificatePem });
		await run('certificate: unregistered', { parameters: { resource: 'user', operation: 'get', userId: byId(users()[3].id) }, credentialType: 'entraIdAppOnlyApi' });
		await attempt('certificate: unregistered, credential test', () => testCredential(t.runner, 'entraIdAppOnlyApi'));
		expect(hits).toEqual([]);
	});

	test('app-only, workload identity federation: a good token file, a missing one, an assertion from another issuer', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'entra-scan-'));
		const good = app().writeFederatedTokenFile(dir);
		issued.push(app().federated.sign());
		host.tokenFile(good);
		useAppOnly('federated', freshLogin());
		await errorPaths('federated');
		host.tokenFile(path.join(dir, 'missing-token'));
		useAppOnly('federated', freshLogin());
		await run('federated: missing token file', { parameters: { resource: 'user', operation: 'get', userId: byId(users()[3].id) }, credentialType: 'entraIdAppOnlyApi' });
		const foreign = path.join(dir, 'foreign-token');
		const assertion = app().federated.sign({ iss: 'https://issuer.example.com' });
		issued.push(assertion);
		writeFileSync(foreign, assertion);
		host.tokenFile(foreign);
		useAppOnly('federated', freshLogin());
		await run('federated: unknown issuer', { parameters: { resource: 'user', operation: 'get', userId: byId(users()[3].id) }, credentialType: 'entraIdAppOnlyApi' });
		expect(hits).toEqual([]);
	});

	test('app-only, managed identity: system-assigned, and a user-assigned identity the host does not have', async () => {
		useAppOnly('managedIdentity');
		await errorPaths('managedIdentity');
		useAppOnly('managedIdentity', { managedIdentity: 'userAssigned', managedIdentityClientId: '11111111-2222-4333-8444-555555555555' });
		await run('managedIdentity: unknown user-assigned identity', { parameters: { resource: 'user', operation: 'get', userId: byId(users()[3].id) }, credentialType: 'entraIdAppOnlyApi' });
		expect(hits).toEqual([]);
	});

	test('Temporary Access Pass: only in the output field temporaryAccessPass, never in logs, errors, progress lines or run data elsewhere', async () => {
		// Earlier tests leave the delegated credential revoked: a freshly connected one.
		t.runner.setCredential('entraIdOAuth2Api', delegatedCredential(t.sandbox));
		const user = users()[60];
		const tap = (options: IDataObject = {}) => ({ resource: 'authMethod', operation: 'createTemporaryAccessPass', userId: byId(user.id), lifetimeInMinutes: 60, isUsableOnce: true, options });
		// The output with each pass blanked out: the one place the pass may be is that field.
		const withoutPass = (value: unknown) => JSON.stringify(value, (key, field: unknown) => (key === 'temporaryAccessPass' ? '[the pass]' : field));
		const passes: string[] = [];
		const cases: Array<[string, IDataObject, IDataObject?]> = [
			['a new pass (manual run, throttled on the way)', tap(), { rate429: 0.5, retryAfter: 0 }],
			['a pass already held, refused', tap(), undefined],
			['a replaced pass', tap({ replaceExisting: true }), undefined],
			['a pass outside the tenant policy (400)', { ...tap({ replaceExisting: true }), lifetimeInMinutes: 43200 }, undefined],
		];
		for (const [name, parameters, knobs] of cases) {
			Object.assign(t.sandbox.faults, { seed: 15, ...knobs });
			const result = await t.run({ parameters, continueOnFail: name.includes('refused') });
			Object.assign(t.sandbox.faults, { rate429: 0, retryAfter: 1 });
			for (const item of result.output) if (typeof item.json.temporaryAccessPass === 'string') passes.push(item.json.temporaryAccessPass);
			// Every pass so far joins the secrets: none may show up anywhere but its own field.
			issued.push(...passes);
			const errors = result.output.filter((item) => item.json.error !== undefined).length + (result.error ? 1 : 0);
			scan(`tap: ${name}`, [withoutPass(result.output), withoutPass(result.run.data.resultData), serialiseError(result.error), ...result.logs, ...result.uiMessages.map((message) => JSON.stringify(message))], errors);
		}
		expect(passes).toHaveLength(2);
		expect(scanned.filter((step) => step.step.startsWith('tap: ')).map((step) => step.errors > 0)).toEqual([false, true, false, true]);
		expect(hits).toEqual([]);
	});

	test('each path did what it was meant to: the error paths failed, the others succeeded', () => {
		const failing = ['create with a weak password (400)', 'create with a weak password, Continue On Fail', 'not found (404)', 'bad input', 'permission denied (403)', 'permission denied, Continue On Fail', 'throttled after every retry (429)', 'a create meeting a 502', 'a create whose connection reset', 'a create whose answer was lost', 'a create that hung past the timeout', 'a foreign nextLink', 'user picker, denied', 'trigger poll, denied', 'wrong secret', 'unknown tenant', 'token endpoint unavailable', 'wrong passphrase', 'unregistered', 'missing token file', 'unknown issuer', 'unknown user-assigned identity', 'refresh token revoked'];
		const succeeding = ['read', 'create with a password', 'reset password', 'expired token (401, renewed)', 'user picker', 'credential test', 'trigger poll', 'encrypted key'];
		const outcome = (name: string) => scanned.filter((step) => step.step.slice(step.step.indexOf(': ') + 2) === name);
		for (const suffix of failing) {
			expect([suffix, outcome(suffix).length > 0 && outcome(suffix).every((step) => step.errors > 0)]).toEqual([suffix, true]);
		}
		for (const suffix of succeeding) {
			expect([suffix, outcome(suffix).length > 0 && outcome(suffix).every((step) => step.errors === 0)]).toEqual([suffix, true]);
		}
	});
});
