import { itemsOf, newUser, summary, useTrigger } from './harness';

describe('Entra ID Trigger: activation', () => {
	const t = useTrigger();

	it('starts from $deltatoken=latest, so the directory as it is does not flood the workflow', async () => {
		const trigger = await t.activate({ event: ['userCreated', 'userUpdated', 'userDeleted', 'memberAdded'] });
		const requests = t.deltaRequests();
		expect(requests.map((r) => [r.path, r.query.$deltatoken])).toEqual([
			['/v1.0/users/delta', 'latest'],
			['/v1.0/groups/delta', 'latest'],
		]);
		// The demo tenant has about 300 users and 40 groups: none of them comes back as an event.
		expect(t.sandbox.store.listUsers().length).toBeGreaterThan(100);
		expect(itemsOf(await trigger.poll())).toEqual([]);
		const ada = newUser(t, { department: 'Sales' });
		expect(summary(itemsOf(await trigger.poll()))).toEqual([`userCreated ${ada.id}`]);
	});
});
