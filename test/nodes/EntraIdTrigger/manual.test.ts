import { fetchTestEvent } from '../../runner/poll';
import { useTrigger } from './harness';

describe('Entra ID Trigger: Fetch Test Event', () => {
	const t = useTrigger();

	it('builds each test event on a real user, group and member of the tenant, checks access, and leaves the static data alone', async () => {
		const [user] = t.sandbox.store.listUsers();
		const group = t.sandbox.store.listGroups()[0];
		const [memberId] = [...t.sandbox.store.membersOf(group.id)].map(String);
		expect(memberId).toBeDefined();
		const result = await fetchTestEvent(t.runner, {
			parameters: { event: ['userUpdated', 'memberRemoved'], watchedProperties: ['department'] },
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			{
				event: 'userUpdated',
				objectType: 'user',
				id: user.id,
				object: { id: user.id, department: user.department },
				changed: ['department'],
				testEvent: expect.stringMatching(/^A real object of your tenant/),
			},
			{
				event: 'memberRemoved',
				objectType: 'group',
				id: group.id,
				object: { id: group.id },
				member: { id: memberId, objectType: 'user' },
				removed: { reason: 'changed' },
				testEvent: expect.stringMatching(/^A real object of your tenant/),
			},
		]);
		expect(t.deltaRequests().map((r) => [r.path, r.query.$deltatoken])).toEqual([
			['/v1.0/users/delta', 'latest'],
			['/v1.0/groups/delta', 'latest'],
		]);
		expect(result.staticData).toEqual({});
	});

	it('falls back to a made-up sample, and says so, where the tenant has nothing to show', async () => {
		const group = t.sandbox.store.listGroups().find((candidate: { id: string }) => ![...t.sandbox.store.membersOf(candidate.id)].length);
		expect(group).toBeDefined();
		const result = await fetchTestEvent(t.runner, { parameters: { event: ['memberAdded'], groupIds: group!.id } });
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			{
				event: 'memberAdded',
				objectType: 'group',
				id: group!.id,
				object: { id: group!.id },
				member: { id: expect.any(String), objectType: 'user' },
				sample: true,
				testEvent: expect.stringMatching(/made-up sample/),
			},
		]);
	});

	it('fails with the permission to grant when Graph refuses change tracking', async () => {
		t.sandbox.faults.deny = [{ path: /\/groups\/delta$/ }];
		try {
			const result = await fetchTestEvent(t.runner, { parameters: { event: ['groupCreated'] } });
			expect(result.items).toBeNull();
			expect(result.error?.message).toMatch(/GroupMember\.Read\.All/);
		} finally {
			t.sandbox.faults.deny = [];
		}
	});
});
