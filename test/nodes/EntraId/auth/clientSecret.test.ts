import { appOnlyCredential, jsonOf, useSandbox } from '../../../helpers/setup';
import { byId } from '../../../helpers/locators';
import { testCredential } from '../../../runner/credential-tester';
import { appOnlyRunner, appSecrets, authOf, captureLogs, leaksIn, tokenRequests } from './leaks';

const t = useSandbox();
const logs = captureLogs();
const run = appOnlyRunner(t, logs);

/**
 * MSAL keeps one token cache per credential for the whole process. A test that must start with
 * an empty cache signs in through a login host (127.0.0.1 or localhost, both the sandbox) or a
 * tenant form (GUID or domain) that no earlier test in this file used.
 */
const viaLocalhost = (url: string) => url.replace('//127.0.0.1:', '//localhost:');

function useSecret(fields = {}) {
	t.runner.setCredential('entraIdAppOnlyApi', appOnlyCredential(t.sandbox, 'clientSecret', fields));
}

beforeEach(() => authOf(t.sandbox).clearTokenLog());

describe('App-only credential, client secret', () => {
	test('signs in through MSAL and drives user and group operations; later runs reuse the token', async () => {
		useSecret();
		const [ada, bob] = t.sandbox.store.listUsers();
		const users = await run({
			items: [{ id: ada.id }, { id: bob.id }],
			parameters: { resource: 'user', operation: 'get', userId: byId('={{ $json.id }}') },
		});
		expect(users.error).toBeUndefined();
		expect(jsonOf(users).map((user) => user.id)).toEqual([ada.id, bob.id]);
		const groups = await run({ parameters: { resource: 'group', operation: 'getAll', returnAll: false, limit: 3 } });
		expect(groups.error).toBeUndefined();
		expect(jsonOf(groups)).toHaveLength(3);
		const updated = await run({
			parameters: { resource: 'user', operation: 'update', userId: byId(bob.id), updateFields: { jobTitle: 'Leaver (app-only)' } },
		});
		expect(jsonOf(updated)).toEqual([expect.objectContaining({ id: bob.id, updated: true })]);
		expect(t.sandbox.store.getUser(bob.id).jobTitle).toBe('Leaver (app-only)');

		// One client_credentials request with the secret, for all three executions.
		expect(tokenRequests(t.sandbox)).toEqual([
			expect.objectContaining({ source: 'token', grantType: 'client_credentials', method: 'secret', status: 200 }),
		]);
		expect(t.requests().every((entry) => entry.status >= 200 && entry.status < 300)).toBe(true);
	});

	test('1,000 items cost one token request, not 1,000, and the next execution none', async () => {
		useSecret({ customLoginUrl: viaLocalhost(t.sandbox.loginUrl) });
		const users = t.sandbox.store.listUsers() as Array<{ id: string }>;
		const items = Array.from({ length: 1000 }, (_, index) => ({ id: users[index % users.length].id }));
		const parameters = { resource: 'user', operation: 'get', userId: byId('={{ $json.id }}'), options: { batching: false } };

		const first = await run({ items, parameters });
		expect(first.error).toBeUndefined();
		expect(first.output).toHaveLength(1000);
		expect(t.requests().filter((entry) => entry.path.startsWith('/v1.0/users/'))).toHaveLength(1000);
		expect(tokenRequests(t.sandbox)).toHaveLength(1);

		const second = await run({ items, parameters: { ...parameters, options: {} } });
		expect(second.output).toHaveLength(1000);
		expect(tokenRequests(t.sandbox)).toHaveLength(1);
	});

	test('throttled requests are retried with the same token, and the retry log lines carry no secret or token', async () => {
		useSecret();
		const users = (t.sandbox.store.listUsers() as Array<{ id: string }>).slice(0, 40);
		await run({ parameters: { resource: 'user', operation: 'get', userId: byId(users[0].id) } });
		authOf(t.sandbox).clearTokenLog();
		logs.length = 0;
		Object.assign(t.sandbox.faults, { rate429: 0.3, retryAfter: 0 });
		try {
			const result = await run({
				items: users.map((user) => ({ id: user.id })),
				parameters: { resource: 'user', operation: 'get', userId: byId('={{ $json.id }}'), options: { batching: false } },
			});
			expect(result.error).toBeUndefined();
			expect(jsonOf(result).map((user) => user.id)).toEqual(users.map((user) => user.id));
		} finally {
			Object.assign(t.sandbox.faults, { rate429: 0 });
		}
		expect(t.requests().some((entry) => entry.status === 429)).toBe(true);
		expect(logs.some((line) => /retrying GET after TooManyRequests/.test(line))).toBe(true);
		expect(tokenRequests(t.sandbox)).toHaveLength(0);
	});

	test('a token Graph refuses (401) is dropped and one fresh token is fetched; the item still succeeds', async () => {
		useSecret();
		const [user] = t.sandbox.store.listUsers();
		await run({ parameters: { resource: 'user', operation: 'get', userId: byId(user.id) } });
		authOf(t.sandbox).clearTokenLog();
		t.sandbox.clearLog();
		authOf(t.sandbox).expireAllTokens();

		const result = await run({ parameters: { resource: 'user', operation: 'get', userId: byId(user.id) } });
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([expect.objectContaining({ id: user.id })]);
		expect(tokenRequests(t.sandbox)).toEqual([expect.objectContaining({ status: 200, method: 'secret' })]);
		expect(t.requests().map((entry) => entry.status)).toContain(401);
		expect(t.requests().at(-1)?.status).toBe(200);
	});

	test('a wrong secret gives each item MSAL’s reason in plain words, sends nothing to Graph, and asks Entra once', async () => {
		useSecret({ clientSecret: 'not-the-secret-value-0123456789' });
		const users = t.sandbox.store.listUsers().slice(0, 10) as Array<{ id: string }>;
		const [ada] = users;
		// Unbatched, four requests start at once: they share one token request, and the refusal is remembered.
		const result = await run({
			continueOnFail: true,
			items: users.map((user) => ({ id: user.id })),
			parameters: { resource: 'user', operation: 'get', userId: byId('={{ $json.id }}'), options: { batching: false } },
		});
		const errors = jsonOf(result);
		expect(errors).toHaveLength(10);
		for (const error of errors) {
			expect(error.error).toMatch(/rejected the client secret.*Value.*not its Secret ID/);
			expect(error.code).toBe('AADSTS7000215');
			expect(error.details).toMatch(/AADSTS7000215: Invalid client secret provided/);
		}
		expect(result.output.map((item) => item.pairedItem)).toEqual(users.map((_, item) => ({ item })));
		expect(t.requests()).toHaveLength(0);
		expect(tokenRequests(t.sandbox)).toEqual([expect.objectContaining({ status: 401, aadsts: 7000215 })]);
		// The wrong secret itself is never echoed back.
		expect(leaksIn(JSON.stringify(errors), ['not-the-secret-value-0123456789'])).toEqual([]);

		const stopped = await run({ parameters: { resource: 'user', operation: 'get', userId: byId(ada.id) } });
		expect(stopped.error?.message).toMatch(/rejected the client secret/);
	});

	test('an unknown tenant is named in the error (AADSTS90002)', async () => {
		useSecret({ tenantId: 'fabrikam.onmicrosoft.com' });
		const result = await run({ parameters: { resource: 'user', operation: 'getAll', returnAll: false, limit: 1 } });
		expect(result.error?.message).toMatch(/Tenant "fabrikam.onmicrosoft.com" was not found in this cloud/);
		expect(result.error?.description).toMatch(/AADSTS90002/);
		expect(tokenRequests(t.sandbox)).toEqual([expect.objectContaining({ status: 400, aadsts: 90002 })]);
		expect(t.requests()).toHaveLength(0);
	});

	test.each(['common', 'organizations'])('the "%s" tenant is refused before any request, naming the Tenant field', async (tenant) => {
		useSecret({ tenantId: tenant });
		const result = await run({ parameters: { resource: 'user', operation: 'getAll', returnAll: false, limit: 1 } });
		expect(result.error?.message).toMatch(new RegExp(`^Tenant: "${tenant}" is for apps where users of many tenants sign in`));
		expect(tokenRequests(t.sandbox)).toHaveLength(0);
		expect(t.requests()).toHaveLength(0);
	});

	test('without admin consent the app signs in, Graph refuses, and the message says to grant consent', async () => {
		const app = authOf(t.sandbox).app;
		const granted = app.roles;
		app.roles = [];
		try {
			useSecret({ tenantId: t.sandbox.tenantDomain, customLoginUrl: viaLocalhost(t.sandbox.loginUrl) });
			const [user] = t.sandbox.store.listUsers();
			const result = await run({ parameters: { resource: 'user', operation: 'get', userId: byId(user.id) } });
			expect(result.error?.message).toMatch(/Permission denied.*granted with admin consent/);
			expect(result.error?.description).toMatch(/Authorization_RequestDenied/);
			expect(tokenRequests(t.sandbox)).toEqual([expect.objectContaining({ status: 200 })]);
		} finally {
			app.roles = granted;
		}
	});

	test('Get My Profile (/me) is refused with app-only before any token or Graph request', async () => {
		useSecret();
		const result = await run({ parameters: { resource: 'user', operation: 'getProfile' } });
		expect(result.error?.message).toMatch(/needs the delegated credential/);
		expect(t.requests()).toHaveLength(0);
		expect(tokenRequests(t.sandbox)).toHaveLength(0);
	});

	test('the HTTP Request node can use it as a predefined credential: authenticate adds the bearer token', async () => {
		useSecret();
		const type = t.runner.types.credentials.get('entraIdAppOnlyApi');
		const data = t.runner.credentials.applyDefaults('entraIdAppOnlyApi', t.runner.getCredential('entraIdAppOnlyApi') ?? {});
		expect(typeof type?.authenticate).toBe('function');
		const authenticate = type?.authenticate as (c: typeof data, o: { url: string; headers?: Record<string, string> }) => Promise<{ headers: Record<string, string> }>;
		const { headers } = await authenticate(data, { url: `${t.sandbox.graphUrl}/v1.0/organization`, headers: { Accept: 'application/json' } });
		expect(headers.Accept).toBe('application/json');
		expect(headers.Authorization).toMatch(/^Bearer eyJ/);
		const response = await fetch(`${t.sandbox.graphUrl}/v1.0/organization`, { headers });
		expect(response.status).toBe(200);
	});
});

describe('App-only credential test (GET /organization)', () => {
	test('succeeds with the right secret', async () => {
		useSecret();
		expect(await testCredential(t.runner, 'entraIdAppOnlyApi')).toEqual({ status: 'OK', message: 'Connection successful!' });
	});

	test('says what is wrong: secret, tenant, consent', async () => {
		useSecret({ clientSecret: 'still-not-the-secret-9876543210' });
		const wrongSecret = await testCredential(t.runner, 'entraIdAppOnlyApi');
		expect(wrongSecret).toEqual({ status: 'Error', message: expect.stringMatching(/rejected the client secret/) });

		useSecret({ tenantId: 'fabrikam.onmicrosoft.com' });
		const unknownTenant = await testCredential(t.runner, 'entraIdAppOnlyApi');
		expect(unknownTenant.message).toMatch(/Tenant "fabrikam.onmicrosoft.com" was not found/);

		const app = authOf(t.sandbox).app;
		const granted = app.roles;
		app.roles = [];
		try {
			useSecret({ tenantId: t.sandbox.tenantDomain });
			const noConsent = await testCredential(t.runner, 'entraIdAppOnlyApi');
			expect(noConsent).toEqual({ status: 'Error', message: expect.stringMatching(/Organization.Read.All.*Grant admin consent/) });
		} finally {
			app.roles = granted;
		}
		for (const result of [wrongSecret, unknownTenant]) expect(leaksIn(result.message, appSecrets(t.sandbox))).toEqual([]);
	});
});
