import { randomUUID } from 'node:crypto';

import { jsonOf, useSandbox } from '../../../helpers/setup';
import { byId, byUpn } from '../../../helpers/locators';

const t = useSandbox();

interface User {
	id: string;
	userPrincipalName: string;
	jobTitle?: string;
}

const store = () => t.sandbox.store;
const staff = (): User[] => store().listUsers().filter((user: User) => user.jobTitle === 'Software Engineer');
const checks = () => t.requests().filter((entry) => entry.path.endsWith('/checkMemberGroups'));

/** 45 distinct group IDs: every group the user belongs to (nested ones too), the tenant's others, and unknown IDs. */
function idsFor(user: User) {
	const memberOf: string[] = store().transitiveMemberOf(user.id);
	const others: string[] = store().listGroups().map((group: { id: string }) => group.id).filter((id: string) => !memberOf.includes(id));
	const unknown = Array.from({ length: 45 }, () => randomUUID());
	const ids = [...memberOf, ...others, ...unknown].slice(0, 45);
	return { ids, memberOf };
}

describe('User → Check Groups', () => {
	test('checks 45 groups in 3 chunks of at most 20 and returns the ones the user is in, nested included', async () => {
		const [user] = staff();
		const { ids, memberOf } = idsFor(user);
		expect(store().memberOf(user.id).length).toBeLessThan(memberOf.length);
		const result = await t.run({
			items: [{ n: 1 }],
			parameters: { resource: 'user', operation: 'checkGroups', userId: byId(user.id), groupIds: ids.join(', ') },
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([{ id: user.id, memberOf }]);
		expect(result.output[0].pairedItem).toEqual({ item: 0 });
		// Three checkMemberGroups calls, travelling together in one $batch envelope.
		expect(checks()).toHaveLength(3);
		expect(t.requests().filter((entry) => !entry.batch).map((entry) => entry.path)).toEqual(['/v1.0/$batch']);
	});

	test('with batching off, the 3 chunks are 3 requests', async () => {
		const [, user] = staff();
		const { ids, memberOf } = idsFor(user);
		const result = await t.run({
			parameters: { resource: 'user', operation: 'checkGroups', userId: byId(user.id), groupIds: ids.join(','), options: { batching: false } },
		});
		expect(jsonOf(result)).toEqual([{ id: user.id, memberOf }]);
		expect(checks()).toHaveLength(3);
		expect(checks().every((entry) => entry.batch === false)).toBe(true);
	});

	test('an array from an expression is accepted; duplicates and letter case are folded before chunking', async () => {
		const [, , user] = staff();
		const memberOf: string[] = store().memberOf(user.id);
		const noisy = [...memberOf.map((id) => id.toUpperCase()), ...memberOf, ...Array.from({ length: 19 }, () => randomUUID())];
		const result = await t.run({
			items: [{ groups: noisy }],
			parameters: { resource: 'user', operation: 'checkGroups', userId: byUpn(user.userPrincipalName), groupIds: '={{ $json.groups }}' },
		});
		expect(jsonOf(result)).toEqual([{ id: user.userPrincipalName, memberOf }]);
		// memberOf.length + 19 distinct ids: at most 20 per call.
		expect(checks()).toHaveLength(Math.ceil((memberOf.length + 19) / 20));
	});

	test('the chunks of many items share $batch envelopes', async () => {
		const users: User[] = store().listUsers().filter((user: User) => store().memberOf(user.id).length > 0).slice(0, 30);
		expect(users).toHaveLength(30);
		const result = await t.run({
			items: users.map((user) => ({ user: user.id, groups: store().memberOf(user.id) })),
			parameters: { resource: 'user', operation: 'checkGroups', userId: byId('={{ $json.user }}'), groupIds: '={{ $json.groups }}' },
		});
		expect(jsonOf(result)).toEqual(users.map((user) => ({ id: user.id, memberOf: store().memberOf(user.id) })));
		// 30 calls: two envelopes (20 + 10), not 30 round trips.
		expect(t.requests().filter((entry) => !entry.batch)).toHaveLength(2);
	});

	test('an unknown user fails alone under continueOnFail, paired to its item', async () => {
		const [user] = staff();
		const groups = store().memberOf(user.id);
		const result = await t.run({
			items: [{ user: '00000000-0000-4000-8000-000000000000' }, { user: user.id }],
			continueOnFail: true,
			parameters: { resource: 'user', operation: 'checkGroups', userId: byId('={{ $json.user }}'), groupIds: groups.join(',') },
		});
		expect(jsonOf(result)).toEqual([
			expect.objectContaining({ code: 'Request_ResourceNotFound', error: expect.stringMatching(/^Not found/) }),
			{ id: user.id, memberOf: groups },
		]);
		expect(result.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test.each([
		['an empty list', '={{ "" }}'],
		['only commas', ' , ,'],
		['a non-GUID among GUIDs', '45b7d2e7-b882-4a80-ba97-10b7a63b8fa4, sales-team'],
	])('%s is refused before any request, naming the parameter', async (_, groupIds) => {
		const [user] = staff();
		const result = await t.run({ parameters: { resource: 'user', operation: 'checkGroups', userId: byId(user.id), groupIds } });
		expect(result.error?.message).toMatch(/\[parameter "groupIds"\]/);
		expect(t.requests()).toHaveLength(0);
	});

	test('under continueOnFail, a refused item is reported and the valid items are still checked', async () => {
		const [user] = staff();
		const groups = store().memberOf(user.id);
		const result = await t.run({
			items: [{ groups: 'not-a-guid' }, { groups: groups.join(',') }],
			continueOnFail: true,
			parameters: { resource: 'user', operation: 'checkGroups', userId: byId(user.id), groupIds: '={{ $json.groups }}' },
		});
		expect(jsonOf(result)).toEqual([
			expect.objectContaining({ error: expect.stringMatching(/"not-a-guid" is not a valid group ID \[parameter "groupIds"\]/) }),
			{ id: user.id, memberOf: groups },
		]);
		expect(checks()).toHaveLength(1);
	});
});
