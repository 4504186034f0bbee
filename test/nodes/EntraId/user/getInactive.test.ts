import type { IDataObject } from 'n8n-workflow';

import { appOnlyCredential, jsonOf, useSandbox } from '../../../helpers/setup';

const t = useSandbox({ seed: 'empty' });
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { governanceOf } = require('../../../sandbox/governance') as { governanceOf: (store: unknown) => { licences: IDataObject } };

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY - 60_000).toISOString();
let serial = 0;
function user(props: IDataObject, signIn?: IDataObject) {
	serial++;
	return t.sandbox.store.createUser({
		displayName: `User ${serial}`,
		userPrincipalName: `user${serial}@${t.sandbox.tenantDomain}`,
		mailNickname: `user${serial}`,
		accountEnabled: true,
		userType: 'Member',
		...props,
		...(signIn ? { signInActivity: signIn } : {}),
	}) as { id: string };
}

const ids: Record<string, string> = {};
beforeAll(() => {
	t.runner.setCredential('entraIdAppOnlyApi', appOnlyCredential(t.sandbox, 'clientSecret'));
	ids.active = user({}, { lastSignInDateTime: daysAgo(2), lastSuccessfulSignInDateTime: daysAgo(2) }).id;
	ids.stale = user({}, { lastSignInDateTime: daysAgo(5), lastSuccessfulSignInDateTime: daysAgo(120) }).id;
	ids.never = user({}).id;
	ids.disabled = user({ accountEnabled: false }, { lastSignInDateTime: daysAgo(400), lastSuccessfulSignInDateTime: daysAgo(400) }).id;
	ids.staleGuest = user({ userType: 'Guest' }, { lastSignInDateTime: daysAgo(200), lastSuccessfulSignInDateTime: daysAgo(200) }).id;
	// Signed in before lastSuccessfulSignInDateTime existed (Graph has it since December 2023 only).
	ids.legacy = user({}, { lastSignInDateTime: daysAgo(800) }).id;
});

const run = async (parameters: IDataObject = {}, credentialType?: string) => {
	const result = await t.run({ credentialType, parameters: { resource: 'user', operation: 'getInactive', returnAll: true, ...parameters } });
	expect(result.error).toBeUndefined();
	return jsonOf(result);
};
const idsOf = (items: IDataObject[]) => items.map((item) => item.id).sort();
const expected = (...names: string[]) => names.map((name) => ids[name]).sort();

describe('User → Get Inactive', () => {
	test.each(['entraIdOAuth2Api', 'entraIdAppOnlyApi'])('with %s: users whose last successful sign-in is older than Days, never signed in included, disabled left out', async (credentialType) => {
		const out = await run({ days: 90 }, credentialType);
		expect(idsOf(out)).toEqual(expected('stale', 'never', 'staleGuest', 'legacy'));
		const stale = out.find((item) => item.id === ids.stale) as IDataObject;
		expect(stale).toMatchObject({ userPrincipalName: expect.any(String), accountEnabled: true, userType: 'Member', daysInactive: 120, lastSuccessfulSignInDateTime: expect.any(String), lastSignInDateTime: expect.any(String) });
		expect(stale.signInActivity).toBeUndefined();
		expect(out.find((item) => item.id === ids.never)).toMatchObject({ daysInactive: null, lastSignInDateTime: null, lastSuccessfulSignInDateTime: null });
		expect(out.find((item) => item.id === ids.legacy)).toMatchObject({ daysInactive: 800 });
	});

	test('asks Graph for signInActivity with $select, pages of 500, and filters only on other properties', async () => {
		await run({ options: { userType: 'guest' } });
		const [list] = t.requests();
		expect(list.query.$select).toContain('signInActivity');
		expect(list.query.$top).toBe('500');
		expect(list.query.$filter).toBe("accountEnabled eq true and userType eq 'Guest'");
	});

	test('options: user type, include never signed in off, enabled only off', async () => {
		expect(idsOf(await run({ options: { userType: 'guest' } }))).toEqual(expected('staleGuest'));
		expect(idsOf(await run({ options: { userType: 'member', includeNeverSignedIn: false } }))).toEqual(expected('stale', 'legacy'));
		expect(idsOf(await run({ days: 300, options: { enabledOnly: false, includeNeverSignedIn: false } }))).toEqual(expected('disabled', 'legacy'));
	});

	test('Limit stops early', async () => {
		expect(await run({ returnAll: false, limit: 2 })).toHaveLength(2);
	});

	test('a tenant without Entra ID P1 gets a plain explanation', async () => {
		governanceOf(t.sandbox.store).licences.entraIdP1 = false;
		try {
			const result = await t.run({ parameters: { resource: 'user', operation: 'getInactive' } });
			expect(result.error?.message).toMatch(/needs a Microsoft Entra ID P1 or P2 licence/);
			expect(result.error?.description).toContain('Authentication_RequestFromNonPremiumTenantOrB2CTenant');
		} finally {
			governanceOf(t.sandbox.store).licences.entraIdP1 = true;
		}
	});

	test('without AuditLog.Read.All the error names the permission', async () => {
		t.sandbox.faults.deny = [{ method: 'GET', path: /^\/v1\.0\/users$/ }];
		try {
			const result = await t.run({ parameters: { resource: 'user', operation: 'getInactive' } });
			expect(result.error?.message).toMatch(/AuditLog\.Read\.All/);
		} finally {
			t.sandbox.faults.deny = [];
		}
	});

	test.each([0, -5, 1.5, '={{ "ninety" }}'])('Days %p is refused before any request', async (days) => {
		const result = await t.run({ parameters: { resource: 'user', operation: 'getInactive', days } });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toMatch(/positive whole number.*\[parameter "days"\]/);
		expect(t.requests()).toHaveLength(0);
	});

	test('an unknown user type from an expression is refused before any request', async () => {
		const result = await t.run({ parameters: { resource: 'user', operation: 'getInactive', options: { userType: '={{ "robots" }}' } } });
		expect(result.error?.message).toMatch(/"robots" is not one of all, member, guest \[parameter "options.userType"\]/);
		expect(t.requests()).toHaveLength(0);
	});

	test("the sandbox keeps Graph's rule: a filter on signInActivity cannot name another property", async () => {
		const list = async (filter: string) =>
			await fetch(`${t.sandbox.graphUrl}/v1.0/users?$select=id,signInActivity&$filter=${encodeURIComponent(filter)}`, {
				headers: { authorization: `Bearer ${t.sandbox.auth.issueToken({ type: 'app' })}` },
			});
		expect((await list('signInActivity/lastSignInDateTime le 2026-01-01T00:00:00Z')).status).toBe(200);
		const combined = await list("signInActivity/lastSignInDateTime le 2026-01-01T00:00:00Z and userType eq 'Guest'");
		expect(combined.status).toBe(400);
		expect(((await combined.json()) as { error: IDataObject }).error.code).toBe('Request_UnsupportedQuery');
	});
});
