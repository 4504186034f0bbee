import type { IDataObject } from 'n8n-workflow';

import { jsonOf, useSandbox } from '../../../helpers/setup';

const t = useSandbox();

const listCalls = () => t.requests().filter((entry) => entry.path === '/v1.0/users');

describe('User → Get Many', () => {
	test('Return All lists every user across pages of 999', async () => {
		const total = t.sandbox.store.listUsers().length;
		for (let index = 0; index < 2300 - total; index++) {
			t.sandbox.store.createUser({
				displayName: `Bulk ${index}`,
				userPrincipalName: `bulk${index}@${t.sandbox.tenantDomain}`,
				mailNickname: `bulk${index}`,
				accountEnabled: index % 3 !== 0,
			});
		}
		const result = await t.run({ parameters: { resource: 'user', operation: 'getAll', returnAll: true } });
		const ids = jsonOf(result).map((user) => user.id);
		expect(ids).toHaveLength(2300);
		expect(new Set(ids).size).toBe(2300);
		expect(listCalls()).toHaveLength(Math.ceil(2300 / 999));
		expect(listCalls()[0].query.$top).toBe('999');
		expect(result.output.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('with signInActivity selected or filtered on, Return All asks for pages of 500, as Graph caps them', async () => {
		const selected = await t.run({
			parameters: { resource: 'user', operation: 'getAll', returnAll: true, output: 'fields', options: { select: 'id,signInActivity' } },
		});
		expect(selected.error).toBeUndefined();
		expect(jsonOf(selected)).toHaveLength(2300);
		expect(jsonOf(selected).some((user) => user.signInActivity !== undefined)).toBe(true);
		expect(listCalls().map((call) => call.query.$top)).toEqual(['500', '500', '500', '500', '500']);

		for (const user of t.sandbox.store.listUsers()) user.signInActivity ??= { lastSignInDateTime: '2026-11-30T08:00:00Z' };
		t.sandbox.clearLog();
		const filtered = await t.run({
			parameters: {
				resource: 'user',
				operation: 'getAll',
				returnAll: true,
				options: { filter: 'signInActivity/lastSignInDateTime ge 2000-01-01T00:00:00Z' },
			},
		});
		expect(filtered.error).toBeUndefined();
		expect(jsonOf(filtered)).toHaveLength(2300);
		expect(listCalls()[0].query.$top).toBe('500');
		expect(listCalls()).toHaveLength(5);
	});

	test('Limit stops at the limit and asks only for the page it needs', async () => {
		const result = await t.run({ parameters: { resource: 'user', operation: 'getAll', limit: 7 } });
		expect(jsonOf(result)).toHaveLength(7);
		expect(listCalls()).toHaveLength(1);
		expect(listCalls()[0].query.$top).toBe('7');
	});

	test('enabledOnly returns only enabled accounts', async () => {
		const enabled = t.sandbox.store.listUsers().filter((user: { accountEnabled: boolean }) => user.accountEnabled).length;
		const result = await t.run({
			parameters: { resource: 'user', operation: 'getAll', returnAll: true, options: { enabledOnly: true } },
		});
		expect(jsonOf(result)).toHaveLength(enabled);
		expect(jsonOf(result).every((user) => user.accountEnabled === true)).toBe(true);
		expect(listCalls()[0].query.$filter).toBe('accountEnabled eq true');
	});

	test('raw $filter passes through as written and combines with enabledOnly', async () => {
		const result = await t.run({
			parameters: {
				resource: 'user',
				operation: 'getAll',
				returnAll: true,
				options: { filter: "startsWith(displayName,'Bulk 1')", enabledOnly: true },
			},
		});
		expect(listCalls()[0].query.$filter).toBe("(startsWith(displayName,'Bulk 1')) and (accountEnabled eq true)");
		expect(jsonOf(result).length).toBeGreaterThan(0);
		expect(jsonOf(result).every((user) => String(user.displayName).startsWith('Bulk 1') && user.accountEnabled)).toBe(true);
	});

	test('search sends ConsistencyLevel and $count, quoted and escaped', async () => {
		const [someone] = t.sandbox.store.listUsers();
		const firstName = String(someone.displayName).split(' ')[0];
		const result = await t.run({
			parameters: { resource: 'user', operation: 'getAll', returnAll: true, options: { search: firstName } },
		});
		const call = listCalls()[0];
		expect(call.headers.consistencylevel).toBe('eventual');
		expect(call.query).toMatchObject({ $search: `"displayName:${firstName}"`, $count: 'true' });
		expect(jsonOf(result).map((user) => user.id)).toContain(someone.id);
	});

	test('a filter with an advanced operator (ne, not, endsWith) is sent as an advanced query and works', async () => {
		const result = await t.run({
			parameters: { resource: 'user', operation: 'getAll', returnAll: true, options: { filter: 'accountEnabled ne true' } },
		});
		expect(result.error).toBeUndefined();
		const disabled = t.sandbox.store.listUsers().filter((user: { accountEnabled: boolean }) => !user.accountEnabled).length;
		expect(jsonOf(result)).toHaveLength(disabled);
		expect(listCalls()[0].headers.consistencylevel).toBe('eventual');
		expect(listCalls()[0].query.$count).toBe('true');

		t.sandbox.clearLog();
		// The same words inside a quoted value are data, not operators: no advanced query.
		await t.run({ parameters: { resource: 'user', operation: 'getAll', limit: 5, options: { filter: "department eq 'not ne'" } } });
		expect(listCalls()[0].headers.consistencylevel).toBeUndefined();
	});

	test.each([
		['employeeType', "employeeType eq 'Contractor'", (user: IDataObject) => user.employeeType === 'Contractor'],
		[
			'an extension attribute',
			"onPremisesExtensionAttributes/extensionAttribute1 eq 'CC-1001'",
			(user: IDataObject) => (user.onPremisesExtensionAttributes as IDataObject | null)?.extensionAttribute1 === 'CC-1001',
		],
		['a comparison with null', 'jobTitle eq null', (user: IDataObject) => user.jobTitle === null || user.jobTitle === undefined],
	])('a filter on %s, which Graph serves only as an advanced query, is asked again as one and works', async (_, filter, matches) => {
		const expected = (t.sandbox.store.listUsers() as IDataObject[]).filter(matches).map((user) => user.id);
		expect(expected.length).toBeGreaterThan(0);
		const result = await t.run({ parameters: { resource: 'user', operation: 'getAll', returnAll: true, options: { filter } } });

		expect(result.error).toBeUndefined();
		expect(jsonOf(result).map((user) => user.id).sort()).toEqual(expected.sort());
		const [basic, ...advanced] = listCalls();
		expect(basic).toMatchObject({ status: 400, query: { $filter: filter } });
		expect(basic.headers.consistencylevel).toBeUndefined();
		expect(advanced).toHaveLength(Math.ceil(expected.length / 999));
		for (const page of advanced) {
			expect(page).toMatchObject({ status: 200, query: { $filter: filter, $count: 'true' }, headers: { consistencylevel: 'eventual' } });
		}
	});

	test('a Graph query error is mapped and names Graph code', async () => {
		const result = await t.run({
			parameters: { resource: 'user', operation: 'getAll', options: { filter: 'displayName eq' } },
		});
		expect(result.error?.description).toMatch(/code: (Request_BadRequest|Request_UnsupportedQuery|BadRequest)/);
		expect(result.error?.message).toMatch(/filter, search or select|rejected the request/);
	});

	test('a bad limit is refused before any request', async () => {
		const result = await t.run({ parameters: { resource: 'user', operation: 'getAll', limit: 0 } });
		expect(result.error?.message).toMatch(/\[parameter "limit"\]/);
		expect(t.requests()).toHaveLength(0);
	});
});
