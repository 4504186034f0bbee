import type { IDataObject } from 'n8n-workflow';

import { jsonOf, useSandbox } from '../../../helpers/setup';

const t = useSandbox();

const groupNamed = (name: string) => t.sandbox.store.listGroups().find((group: IDataObject) => group.displayName === name) as IDataObject;
const locator = (value: string) => ({ __rl: true, mode: 'id', value });
const getMembers = (groupId: string, parameters: IDataObject = {}) => ({
	resource: 'group',
	operation: 'getMembers',
	groupId: locator(groupId),
	returnAll: true,
	...parameters,
});
const idsOf = (objects: IDataObject[]) => objects.map((object) => object.id as string).sort();

describe('Group → Get Members', () => {
	test('direct members keep @odata.type so users and groups can be told apart', async () => {
		const group = groupNamed('All Staff');
		const result = await t.run({ parameters: getMembers(group.id as string) });
		const members = jsonOf(result);
		expect(idsOf(members)).toEqual([...t.sandbox.store.membersOf(group.id)].sort());
		const types = new Set(members.map((member) => member['@odata.type']));
		expect(types).toEqual(new Set(['#microsoft.graph.group', '#microsoft.graph.user']));
		expect(members.every((member) => member['@odata.context'] === undefined)).toBe(true);
		expect(t.requests()[0].path).toBe(`/v1.0/groups/${group.id}/members`);
	});

	test('Include Nested Members reads transitiveMembers', async () => {
		const group = groupNamed('All Staff');
		const result = await t.run({ parameters: getMembers(group.id as string, { options: { transitive: true } }) });
		expect(idsOf(jsonOf(result))).toEqual([...t.sandbox.store.transitiveMembers(group.id)].sort());
		expect(t.requests()[0].path).toBe(`/v1.0/groups/${group.id}/transitiveMembers`);
	});

	test('Users Only casts to microsoft.graph.user with ConsistencyLevel and $count', async () => {
		const group = groupNamed('All Staff');
		const result = await t.run({ parameters: getMembers(group.id as string, { options: { transitive: true, usersOnly: true } }) });
		const users = t.sandbox.store.transitiveMembers(group.id).filter((id: string) => t.sandbox.store.getUser(id));
		expect(idsOf(jsonOf(result))).toEqual(users.sort());
		const [call] = t.requests();
		expect(call.path).toBe(`/v1.0/groups/${group.id}/transitiveMembers/microsoft.graph.user`);
		expect(call.headers.consistencylevel).toBe('eventual');
		expect(call.query.$count).toBe('true');
	});

	test('Return All reads a large group in pages of 999; Limit stops early', async () => {
		const big = t.sandbox.store.createGroup({ displayName: 'Everyone (bulk)', mailNickname: 'everyone-bulk', mailEnabled: false, securityEnabled: true }, { seed: true });
		for (let index = 0; index < 1300; index++) {
			const user = t.sandbox.store.createUser(
				{ displayName: `Member ${index}`, userPrincipalName: `member${index}@${t.sandbox.tenantDomain}`, mailNickname: `member${index}` },
				{ seed: true },
			);
			t.sandbox.store.addMember(big.id, user.id, { seed: true });
		}
		const all = await t.run({ parameters: getMembers(big.id, { options: { select: 'id,displayName' } }) });
		expect(jsonOf(all)).toHaveLength(1300);
		expect(new Set(idsOf(jsonOf(all))).size).toBe(1300);
		const pages = t.requests().filter((entry) => entry.path === `/v1.0/groups/${big.id}/members`);
		expect(pages).toHaveLength(Math.ceil(1300 / 999));
		expect(pages.every((page) => page.query.$top === '999' && page.query.$select === 'id,displayName')).toBe(true);

		t.sandbox.clearLog();
		const some = await t.run({ parameters: getMembers(big.id, { returnAll: false, limit: 10 }) });
		expect(jsonOf(some)).toHaveLength(10);
		expect(t.requests()).toHaveLength(1);
		expect(t.requests()[0].query.$top).toBe('10');
	});

	test('continueOnFail: a missing group fails its item with a mapped error, the next group still lists', async () => {
		const group = groupNamed('Leadership');
		const result = await t.run({
			items: [{ id: '00000000-0000-4000-8000-000000000004' }, { id: group.id }],
			continueOnFail: true,
			parameters: getMembers('={{ $json.id }}'),
		});
		const [failed, ...members] = jsonOf(result);
		expect(failed).toMatchObject({ code: 'Request_ResourceNotFound' });
		expect(failed.error).toMatch(/Not found/);
		expect(idsOf(members)).toEqual([...t.sandbox.store.membersOf(group.id)].sort());
		expect(result.output.map((item) => (item.pairedItem as { item: number }).item)).toEqual([0, ...members.map(() => 1)]);
	});
});
