import { fetchTestEvent } from '../../runner/poll';
import { useTrigger } from './harness';

describe('Entra ID Trigger: Fetch Test Event', () => {
	const t = useTrigger();

	it('returns one realistic sample per chosen event, checks access, and leaves the static data alone', async () => {
		const result = await fetchTestEvent(t.runner, {
			parameters: { event: ['userUpdated', 'memberRemoved'], watchedProperties: ['department'] },
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([
			{
				event: 'userUpdated',
				objectType: 'user',
				id: expect.any(String),
				object: { id: expect.any(String), department: 'Sales' },
				changed: ['department'],
				previous: { department: 'Retail' },
				sample: true,
			},
			{
				event: 'memberRemoved',
				objectType: 'group',
				id: expect.any(String),
				object: { id: expect.any(String) },
				member: { id: expect.any(String), objectType: 'user' },
				removed: { reason: 'deleted' },
				sample: true,
			},
		]);
		expect(t.deltaRequests().map((r) => [r.path, r.query.$deltatoken])).toEqual([
			['/v1.0/users/delta', 'latest'],
			['/v1.0/groups/delta', 'latest'],
		]);
		expect(result.staticData).toEqual({});
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
