import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { appOnlyCredential, jsonOf, useHostSettings, useSandbox } from '../../../helpers/setup';
import { appOnlyRunner, authOf, captureLogs, tokenRequests } from './leaks';

const t = useSandbox();
const host = useHostSettings(t);
const logs = captureLogs();
const run = appOnlyRunner(t, logs);

/** A fresh folder per test, like the volume AKS projects the token into. */
const tokenDir = () => mkdtempSync(path.join(tmpdir(), 'entra-federated-'));

/** The host names the token file in AZURE_FEDERATED_TOKEN_FILE; the credential names none. */
function useTokenFile(path: string | undefined) {
	host.tokenFile(path);
	t.runner.setCredential('entraIdAppOnlyApi', appOnlyCredential(t.sandbox, 'federated'));
}

async function getUsers(count: number) {
	const users = (t.sandbox.store.listUsers() as Array<{ id: string }>).slice(0, count);
	return await run({
		continueOnFail: true,
		items: users.map((user) => ({ id: user.id })),
		parameters: { resource: 'user', operation: 'get', userId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
	});
}

beforeEach(() => authOf(t.sandbox).clearTokenLog());

describe('App-only credential, workload identity federation', () => {
	test('the token file is sent as the client assertion, and the Graph token is reused', async () => {
		useTokenFile(authOf(t.sandbox).app.writeFederatedTokenFile(tokenDir()));
		const result = await getUsers(25);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toHaveLength(25);
		expect(jsonOf(result).every((user) => typeof user.id === 'string' && !('error' in user))).toBe(true);
		expect(tokenRequests(t.sandbox)).toEqual([expect.objectContaining({ grantType: 'client_credentials', method: 'federated', status: 200 })]);
	});

	test('a token whose subject has no federated credential on the app: AADSTS70021 in plain words', async () => {
		useTokenFile(authOf(t.sandbox).app.writeFederatedTokenFile(tokenDir(), { sub: 'system:serviceaccount:other:n8n' }));
		const result = await getUsers(2);
		for (const item of jsonOf(result)) {
			expect(item.error).toMatch(/No federated credential on the app matches this token's issuer, subject and audience/);
			expect(item.details).toMatch(/system:serviceaccount:other:n8n/);
		}
		expect(tokenRequests(t.sandbox)).toEqual([expect.objectContaining({ status: 400, aadsts: 70021 })]);
		expect(t.requests()).toHaveLength(0);
	});

	test('no AZURE_FEDERATED_TOKEN_FILE on the host: a clear message, no request', async () => {
		useTokenFile(undefined);
		expect(jsonOf(await getUsers(1))[0].error).toMatch(/n8n host does not set AZURE_FEDERATED_TOKEN_FILE/);
		expect(tokenRequests(t.sandbox)).toHaveLength(0);
		expect(t.requests()).toHaveLength(0);
	});

	test('a missing file and a file that holds no JWT get one message that names no path, and nothing is sent', async () => {
		const dir = tokenDir();
		const errors: string[] = [];
		useTokenFile(path.join(dir, 'absent-token'));
		errors.push(String(jsonOf(await getUsers(1))[0].error));
		const notAToken = path.join(dir, 'config');
		writeFileSync(notAToken, '{"encryptionKey":"do-not-send-me"}');
		useTokenFile(notAToken);
		const result = await getUsers(1);
		errors.push(String(jsonOf(result)[0].error));
		// The same words whatever the reason: an n8n user learns nothing about the host's files.
		expect(errors[0]).toMatch(/token file that AZURE_FEDERATED_TOKEN_FILE names on the n8n host could not be read/);
		expect(errors[1]).toBe(errors[0]);
		expect(JSON.stringify(jsonOf(result))).not.toContain('do-not-send-me');
		expect(errors.join(' ')).not.toContain(dir);
		expect(tokenRequests(t.sandbox)).toHaveLength(0);
		expect(t.requests()).toHaveLength(0);
	});

	test('a stored credential that still holds a typed token-file path reads the host\'s file instead', async () => {
		const good = authOf(t.sandbox).app.writeFederatedTokenFile(tokenDir());
		host.tokenFile(good);
		t.runner.setCredential('entraIdAppOnlyApi', appOnlyCredential(t.sandbox, 'federated', { assertionFile: '/etc/hostname' }));
		const result = await getUsers(2);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toHaveLength(2);
		expect(tokenRequests(t.sandbox)).toEqual([expect.objectContaining({ method: 'federated', status: 200 })]);
	});
});
