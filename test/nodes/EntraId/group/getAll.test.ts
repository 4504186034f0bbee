import type { IDataObject } from 'n8n-workflow';

import { jsonOf, useSandbox } from '../../../helpers/setup';

const t = useSandbox();

const listCalls = () => t.requests().filter((entry) => entry.path === '/v1.0/groups');
const getAll = (parameters: IDataObject) => ({ resource: 'group', operation: 'getAll', ...parameters });

describe('Group → Get Many', () => {
	test('Return All lists every group across pages of 999', async () => {
		const seeded = t.sandbox.store.listGroups().length;
		for (let index = 0; index < 1250 - seeded; index++) {
			t.sandbox.store.createGroup(
				{ displayName: `Project ${index}`, mailNickname: `project${index}`, mailEnabled: false, securityEnabled: true },
				{ seed: true },
			);
		}
		const total = t.sandbox.store.listGroups().length;
		expect(total).toBe(1250);
		const result = await t.run({ parameters: getAll({ returnAll: true }) });
		const ids = jsonOf(result).map((group) => group.id);
		expect(ids).toHaveLength(total);
		expect(new Set(ids).size).toBe(total);
		expect(listCalls()).toHaveLength(Math.ceil(total / 999));
		expect(listCalls().every((call) => call.query.$top === '999')).toBe(true);
	});

	test('Limit stops at the limit and asks only for the page it needs', async () => {
		const result = await t.run({ parameters: getAll({ limit: 5 }) });
		expect(jsonOf(result)).toHaveLength(5);
		expect(listCalls()).toHaveLength(1);
		expect(listCalls()[0].query.$top).toBe('5');
	});

	test('search by name or description sends ConsistencyLevel and $count', async () => {
		const result = await t.run({ parameters: getAll({ returnAll: true, options: { search: 'workspace' } }) });
		const call = listCalls()[0];
		expect(call.headers.consistencylevel).toBe('eventual');
		expect(call.query).toMatchObject({ $search: '"displayName:workspace" OR "description:workspace"', $count: 'true' });
		const groups = jsonOf(result);
		// The demo's Microsoft 365 groups say "workspace" in their description only.
		expect(groups.length).toBeGreaterThan(0);
		expect(groups.every((group) => String(group.description).includes('workspace') && (group.groupTypes as string[]).includes('Unified'))).toBe(true);
		expect(groups.some((group) => String(group.displayName).toLowerCase().includes('workspace'))).toBe(false);

		const byName = jsonOf(await t.run({ parameters: getAll({ returnAll: true, options: { search: 'Leadership' } }) }));
		expect(byName.map((group) => group.displayName)).toContain('Leadership');
	});

	test('prop:value clauses search those properties', async () => {
		const result = await t.run({ parameters: getAll({ returnAll: true, options: { search: 'mailNickname:allstaff' } }) });
		expect(listCalls()[0].query.$search).toBe('"mailNickname:allstaff"');
		expect(jsonOf(result).map((group) => group.displayName)).toEqual(['All Staff']);
	});

	test('a raw $filter passes through as written', async () => {
		const result = await t.run({ parameters: getAll({ returnAll: true, options: { filter: "startsWith(displayName,'All ')" } }) });
		expect(listCalls()[0].query.$filter).toBe("startsWith(displayName,'All ')");
		expect(jsonOf(result).map((group) => group.displayName).sort()).toEqual(['All Managers', 'All Staff']);
	});

	test('a filter Graph serves only as an advanced query (a comparison with null) is asked again as one and works', async () => {
		const expected = (t.sandbox.store.listGroups() as IDataObject[]).filter((group) => group.description === null || group.description === undefined);
		expect(expected.length).toBeGreaterThan(0);
		const result = await t.run({ parameters: getAll({ returnAll: true, options: { filter: 'description eq null' } }) });

		expect(result.error).toBeUndefined();
		expect(jsonOf(result).map((group) => group.id).sort()).toEqual(expected.map((group) => group.id).sort());
		const [basic, ...advanced] = listCalls();
		expect(basic).toMatchObject({ status: 400, query: { $filter: 'description eq null' } });
		expect(basic.headers.consistencylevel).toBeUndefined();
		expect(advanced.length).toBeGreaterThan(0);
		for (const page of advanced) expect(page).toMatchObject({ status: 200, query: { $count: 'true' }, headers: { consistencylevel: 'eventual' } });
	});

	test('a filter Graph cannot read is not asked again', async () => {
		const result = await t.run({ parameters: getAll({ options: { filter: "displayName eq 'x' and" } }) });
		expect(result.error?.description).toMatch(/code: (BadRequest|Request_BadRequest)/);
		expect(listCalls()).toHaveLength(1);
	});

	test('Selected Fields without a Select is refused before any request', async () => {
		const result = await t.run({ parameters: getAll({ output: 'fields' }) });
		expect(result.error?.message).toMatch(/\[parameter "options.select"\]/);
		expect(t.requests()).toHaveLength(0);
	});

	test('a query Graph refuses is mapped to its code', async () => {
		const result = await t.run({ parameters: getAll({ options: { filter: "endsWith(displayName,'x') and" } }) });
		expect(result.error?.description).toMatch(/code: (BadRequest|Request_BadRequest|Request_UnsupportedQuery)/);
	});

	test('continueOnFail: a bad search fails its item, the next item still lists', async () => {
		const result = await t.run({
			items: [{ search: 'displayName:' }, { search: 'Leadership' }],
			continueOnFail: true,
			parameters: getAll({ returnAll: true, options: { search: '={{ $json.search }}' } }),
		});
		const [failed, ...found] = jsonOf(result);
		expect(failed.error).toMatch(/has no value \[parameter "options.search"\]/);
		expect(found.map((group) => group.displayName)).toContain('Leadership');
		expect(result.output.map((item) => (item.pairedItem as { item: number }).item)).toEqual([0, ...found.map(() => 1)]);
		expect(listCalls()).toHaveLength(1);
	});
});
