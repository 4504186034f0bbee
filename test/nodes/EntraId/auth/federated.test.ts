import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { appOnlyCredential, jsonOf, useSandbox } from '../../../helpers/setup';
import { appOnlyRunner, authOf, captureLogs, tokenRequests } from './leaks';

const t = useSandbox();
const logs = captureLogs();
const run = appOnlyRunner(t, logs);

/** A fresh folder per test, like the volume AKS projects the token into. */
const tokenDir = () => mkdtempSync(path.join(tmpdir(), 'entra-federated-'));

function useTokenFile(assertionFile: string) {
	t.runner.setCredential('entraIdAppOnlyApi', appOnlyCredential(t.sandbox, 'federated', { assertionFile }));
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

	test('a missing file, a relative path and a file that holds no JWT are refused before any request', async () => {
		const dir = tokenDir();
		useTokenFile(path.join(dir, 'absent-token'));
		expect(jsonOf(await getUsers(1))[0].error).toMatch(/^Token File Path: no file at .*absent-token/);

		useTokenFile('tokens/azure-identity-token');
		expect(jsonOf(await getUsers(1))[0].error).toMatch(/^Token File Path: "tokens\/azure-identity-token" is not an absolute path/);

		const notAToken = path.join(dir, 'config');
		writeFileSync(notAToken, '{"encryptionKey":"do-not-send-me"}');
		useTokenFile(notAToken);
		const result = await getUsers(1);
		expect(jsonOf(result)[0].error).toMatch(/does not hold a JWT/);
		expect(JSON.stringify(jsonOf(result))).not.toContain('do-not-send-me');

		expect(tokenRequests(t.sandbox)).toHaveLength(0);
		expect(t.requests()).toHaveLength(0);
	});
});
