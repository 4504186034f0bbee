import { SIMPLIFIED_GROUP_FIELDS } from '../../../../nodes/EntraId/helpers/output';
import { jsonOf, useSandbox } from '../../../helpers/setup';
import { byId, byUpn } from '../../../helpers/locators';

const t = useSandbox();

interface Group {
	id: string;
	groupTypes: string[];
	securityEnabled: boolean;
}
interface User {
	id: string;
	userPrincipalName: string;
	jobTitle?: string;
}

const store = () => t.sandbox.store;
const group = (id: string): Group => store().getGroup(id);
const isUnified = (id: string) => group(id).groupTypes.includes('Unified');
const sorted = (ids: unknown[]) => [...(ids as string[])].sort();
/** A department manager: direct member of security and Microsoft 365 groups, and of more through nesting. */
const manager = (): User => store().listUsers().find((user: User) => user.jobTitle === 'Engineering Manager');
const idsOf = (result: Awaited<ReturnType<typeof t.run>>) => sorted(jsonOf(result).map((item) => item.id));
const run = (userId: object, extra: object = {}) =>
	t.run({ parameters: { resource: 'user', operation: 'getGroups', userId, returnAll: true, ...extra } });

describe('User → Get Groups', () => {
	test('lists direct memberships (memberOf), simplified, groups only', async () => {
		const user = manager();
		const direct = store().memberOf(user.id);
		expect(direct.some(isUnified) && direct.some((id: string) => !isUnified(id))).toBe(true);
		const result = await run(byId(user.id));
		expect(result.error).toBeUndefined();
		expect(idsOf(result)).toEqual(sorted(direct));
		expect(Object.keys(jsonOf(result)[0]).sort()).toEqual([...SIMPLIFIED_GROUP_FIELDS].sort());
		expect(t.requests().map((entry) => entry.path)).toEqual([`/v1.0/users/${user.id}/memberOf`]);
	});

	test('Transitive adds the groups reached through nesting (transitiveMemberOf)', async () => {
		const user = manager();
		const all = store().transitiveMemberOf(user.id);
		expect(all.length).toBeGreaterThan(store().memberOf(user.id).length);
		const result = await run(byUpn(user.userPrincipalName), { options: { transitive: true } });
		expect(idsOf(result)).toEqual(sorted(all));
		expect(decodeURIComponent(t.requests()[0].path)).toBe(`/v1.0/users/${user.userPrincipalName}/transitiveMemberOf`);
	});

	test("Group Types Microsoft 365 Only gives the user's Microsoft 365 groups", async () => {
		const user = manager();
		const unified = store().memberOf(user.id).filter(isUnified);
		expect(unified.length).toBeGreaterThan(0);
		const result = await run(byId(user.id), { options: { groupTypes: 'microsoft365' } });
		expect(idsOf(result)).toEqual(sorted(unified));
		expect(jsonOf(result).every((item) => (item.groupTypes as string[]).includes('Unified'))).toBe(true);
	});

	test('Group Types Security Only gives security groups that are not Microsoft 365 groups', async () => {
		const user = manager();
		const security = store().transitiveMemberOf(user.id).filter((id: string) => group(id).securityEnabled && !isUnified(id));
		const result = await run(byId(user.id), { options: { groupTypes: 'security', transitive: true } });
		expect(idsOf(result)).toEqual(sorted(security));
	});

	test('Selected Fields returns only the chosen properties, even when Group Types needs more to filter', async () => {
		const user = manager();
		const result = await run(byId(user.id), { output: 'fields', options: { select: 'id,displayName', groupTypes: 'microsoft365' } });
		expect(jsonOf(result).length).toBeGreaterThan(0);
		expect(jsonOf(result).every((item) => Object.keys(item).sort().join() === 'displayName,id')).toBe(true);
		expect(t.requests()[0].query.$select).toBe('id,displayName,groupTypes,securityEnabled');
	});

	describe('a user in more groups than one page holds', () => {
		const COUNT = 1200;
		let member: User;
		let groupIds: string[];
		beforeAll(() => {
			member = store().createUser({ displayName: 'Joiner', userPrincipalName: 'joiner@contoso.com', mailNickname: 'joiner', accountEnabled: true }, { seed: true });
			groupIds = Array.from({ length: COUNT }, (_, n) => {
				const unified = n % 4 === 0;
				const created = store().createGroup(
					{ displayName: `Bulk ${n}`, mailNickname: `bulk${n}`, mailEnabled: unified, securityEnabled: !unified, groupTypes: unified ? ['Unified'] : [] },
					{ members: [member.id], seed: true },
				);
				return created.id as string;
			});
		});

		test('Return All follows @odata.nextLink through every page', async () => {
			const result = await run(byId(member.id));
			expect(idsOf(result)).toEqual(sorted(groupIds));
			const calls = t.requests();
			expect(calls).toHaveLength(2);
			expect(calls[1].query.$skiptoken).toEqual(expect.any(String));
		});

		test('Limit stops at that many groups', async () => {
			const result = await t.run({
				parameters: { resource: 'user', operation: 'getGroups', userId: byId(member.id), limit: 30, options: { groupTypes: 'microsoft365' } },
			});
			expect(jsonOf(result)).toHaveLength(30);
			expect(jsonOf(result).every((item) => (item.groupTypes as string[]).includes('Unified'))).toBe(true);
		});

		test('Security Groups Only uses getMemberGroups, then reads the groups in $batch envelopes', async () => {
			const security = groupIds.filter((id) => !isUnified(id));
			const result = await run(byId(member.id), { options: { securityEnabledOnly: true } });
			expect(result.error).toBeUndefined();
			expect(idsOf(result)).toEqual(sorted(security));
			expect(Object.keys(jsonOf(result)[0]).sort()).toEqual([...SIMPLIFIED_GROUP_FIELDS].sort());
			const outer = t.requests().filter((entry) => !entry.batch);
			expect(outer[0]).toMatchObject({ method: 'POST', path: `/v1.0/users/${member.id}/getMemberGroups` });
			expect(outer.slice(1).every((entry) => entry.path === '/v1.0/$batch')).toBe(true);
			expect(outer).toHaveLength(1 + Math.ceil(security.length / 20));
		});

		test('Security Groups Only with a limit reads only what it needs', async () => {
			const result = await run(byId(member.id), { returnAll: false, limit: 5, options: { securityEnabledOnly: true } });
			expect(jsonOf(result)).toHaveLength(5);
			// One $batch envelope of 20 group reads is enough for 5 groups.
			expect(t.requests().filter((entry) => entry.batch)).toHaveLength(20);
		});
	});

	test('Security Groups Only is transitive and may be narrowed by Group Types', async () => {
		const user = manager();
		const m365 = store().createGroup(
			{ displayName: 'Secure Team', mailNickname: 'secureteam', mailEnabled: true, securityEnabled: true, groupTypes: ['Unified'] },
			{ members: [user.id], seed: true },
		);
		const security = store().transitiveMemberOf(user.id).filter((id: string) => group(id).securityEnabled);
		const all = await run(byId(user.id), { options: { securityEnabledOnly: true } });
		expect(idsOf(all)).toEqual(sorted(security));
		const onlyM365 = await run(byId(user.id), { options: { securityEnabledOnly: true, groupTypes: 'microsoft365' } });
		expect(idsOf(onlyM365)).toEqual([m365.id]);
	});

	test('Security Groups Only with Transitive turned off is refused before any request', async () => {
		const user = manager();
		const result = await run(byId(user.id), { options: { securityEnabledOnly: true, transitive: false } });
		expect(result.error?.message).toMatch(/cannot be combined with Transitive turned off \[parameter "options.transitive"\]/);
		expect(t.requests()).toHaveLength(0);
	});

	test('an unknown user is an error paired to its item under continueOnFail', async () => {
		const user = manager();
		const result = await t.run({
			items: [{ id: '00000000-0000-4000-8000-000000000000' }, { id: user.id }],
			continueOnFail: true,
			parameters: { resource: 'user', operation: 'getGroups', userId: byId('={{ $json.id }}'), returnAll: true },
		});
		expect(jsonOf(result)[0]).toMatchObject({ code: 'Request_ResourceNotFound' });
		expect(result.output[0].pairedItem).toEqual({ item: 0 });
		expect(result.output.slice(1).every((item) => (item.pairedItem as { item: number }).item === 1)).toBe(true);
	});
});
