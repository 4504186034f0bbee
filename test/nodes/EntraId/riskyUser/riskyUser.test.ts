import type { IDataObject } from 'n8n-workflow';

import { byId, byList, byUpn } from '../../../helpers/locators';
import { appOnlyCredential, jsonOf, useSandbox } from '../../../helpers/setup';

// Risky User → Get Many, Confirm Compromised, Dismiss (Identity Protection: P2, 1 request/s per tenant).
const t = useSandbox();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sandboxGovernance = require('../../../sandbox/governance') as {
	governanceOf: (store: unknown) => { riskyUsers: Map<string, IDataObject>; licences: IDataObject; identityProtection: { refused: number; accepted: number } };
	addRiskyUser: (gov: unknown, user: unknown, level: string, state?: string) => IDataObject;
};
const gov = () => sandboxGovernance.governanceOf(t.sandbox.store);
type User = { id: string; userPrincipalName: string };
const members = (): User[] => t.sandbox.store.listUsers().filter((user: IDataObject) => user.userType === 'Member');
const identityCalls = () => t.requests().filter((entry) => entry.path.startsWith('/v1.0/identityProtection/'));

beforeAll(() => {
	t.runner.setCredential('entraIdAppOnlyApi', appOnlyCredential(t.sandbox, 'clientSecret'));
	const [a, b, c] = members().slice(0, 3);
	sandboxGovernance.addRiskyUser(gov(), a, 'high');
	sandboxGovernance.addRiskyUser(gov(), b, 'high', 'remediated');
	sandboxGovernance.addRiskyUser(gov(), c, 'medium');
});

describe.each(['entraIdOAuth2Api', 'entraIdAppOnlyApi'])('Risky User with %s', (credentialType) => {
	test('Get Many filters on risk level and state in Graph', async () => {
		const result = await t.run({ credentialType, parameters: { resource: 'riskyUser', operation: 'getAll', returnAll: true, options: { riskLevel: 'high', riskState: 'atRisk' } } });
		expect(result.error).toBeUndefined();
		const out = jsonOf(result);
		const expected = [...gov().riskyUsers.values()].filter((user) => user.riskLevel === 'high' && user.riskState === 'atRisk').map((user) => user.id);
		expect(out.map((user) => user.id).sort()).toEqual(expected.sort());
		expect(out[0]).toMatchObject({ riskLevel: 'high', riskState: 'atRisk', userPrincipalName: expect.any(String) });
		expect(identityCalls()[0].query.$filter).toBe("riskLevel eq 'high' and riskState eq 'atRisk'");
	});

	test('Confirm Compromised and Dismiss, by ID and UPN', async () => {
		const [a, b] = members().slice(credentialType === 'entraIdOAuth2Api' ? 5 : 7);
		const confirm = await t.run({ credentialType, items: [{ user: a.id }, { user: b.userPrincipalName }], parameters: { resource: 'riskyUser', operation: 'confirmCompromised', userId: byList('={{ $json.user }}') } });
		expect(confirm.error).toBeUndefined();
		expect(jsonOf(confirm)).toEqual([{ id: a.id, confirmedCompromised: true }, { id: b.id, confirmedCompromised: true }]);
		expect(gov().riskyUsers.get(a.id)).toMatchObject({ riskState: 'confirmedCompromised', riskLevel: 'high' });
		expect(identityCalls()).toHaveLength(1);

		const dismiss = await t.run({ credentialType, parameters: { resource: 'riskyUser', operation: 'dismiss', userId: byUpn(b.userPrincipalName) } });
		expect(jsonOf(dismiss)).toEqual([{ id: b.id, dismissed: true }]);
		expect(gov().riskyUsers.get(b.id)).toMatchObject({ riskState: 'dismissed' });
	});
});

describe('Risky User: batching, pacing and failures', () => {
	test('130 items go out as requests of at most 60 user IDs, one a second, none refused', async () => {
		const users = members().slice(0, 130);
		const refusedBefore = gov().identityProtection.refused;
		const started = Date.now();
		const result = await t.run({ items: users.map((user) => ({ user: user.id })), parameters: { resource: 'riskyUser', operation: 'dismiss', userId: byId('={{ $json.user }}') } });
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual(users.map((user) => ({ id: user.id, dismissed: true })));
		const posts = identityCalls();
		expect(posts.map((entry) => entry.method)).toEqual(['POST', 'POST', 'POST']);
		// Graph saw each request at least a second after the one before: nothing was refused.
		expect(gov().identityProtection.refused).toBe(refusedBefore);
		expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
		for (const user of users) expect(gov().riskyUsers.get(user.id)?.riskState).toBe('dismissed');
	});

	test('a tenant without Entra ID P2 gets an error that says so', async () => {
		gov().licences.entraIdP2 = false;
		try {
			const result = await t.run({ parameters: { resource: 'riskyUser', operation: 'getAll' } });
			expect(result.error?.message).toMatch(/Entra ID P2/);
			expect(result.error?.httpCode).toBe('403');
		} finally {
			gov().licences.entraIdP2 = true;
		}
	});

	test.each([
		['riskLevel', { riskLevel: '={{ "extreme" }}' }, /"extreme" is not one of low, medium, high \[parameter "options.riskLevel"\]/],
		['riskState', { riskState: '={{ "compromised" }}' }, /"compromised" is not one of atRisk, confirmedCompromised, remediated, dismissed \[parameter "options.riskState"\]/],
	])('an unknown %s is refused before any request', async (_name, options, message) => {
		const result = await t.run({ parameters: { resource: 'riskyUser', operation: 'getAll', options } });
		expect(result.error?.message).toMatch(message);
		expect(t.requests()).toHaveLength(0);
	});

	test('an empty user is refused before any request', async () => {
		const result = await t.run({ items: [{ user: members()[0].id }, { user: '' }], parameters: { resource: 'riskyUser', operation: 'confirmCompromised', userId: byId('={{ $json.user }}') } });
		expect(result.error?.message).toMatch(/empty \[parameter "userId"\]/);
		expect(t.requests()).toHaveLength(0);
	});
});

describe('Risky User: the sandbox keeps Graph\'s limits', () => {
	const post = async (userIds: string[]) =>
		await fetch(`${t.sandbox.graphUrl}/v1.0/identityProtection/riskyUsers/dismiss`, {
			method: 'POST',
			headers: { authorization: `Bearer ${t.sandbox.auth.issueToken({ type: 'app' })}`, 'content-type': 'application/json' },
			body: JSON.stringify({ userIds }),
		});

	test('more than 60 user IDs is a 400; a second request within a second is a 429 without Retry-After', async () => {
		await new Promise((resolve) => setTimeout(resolve, 1100));
		const ids = members().slice(0, 61).map((user) => user.id);
		expect((await post(ids)).status).toBe(400);
		const second = await post(ids.slice(0, 1));
		expect(second.status).toBe(429);
		expect(second.headers.get('retry-after')).toBeNull();
	});
});
