import { appOnlyCredential } from '../../helpers/setup';
import { itemsOf, newGroup, newUser, summary, useTrigger } from './harness';

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

	it('works with the app-only credential, for unattended runs', async () => {
		t.runner.setCredential('entraIdAppOnlyApi', appOnlyCredential(t.sandbox, 'clientSecret'));
		const trigger = await t.activate({ event: ['groupCreated'] }, { credentialType: 'entraIdAppOnlyApi' });
		const team = newGroup(t);
		expect(summary(itemsOf(await trigger.poll()))).toEqual([`groupCreated ${team.id}`]);
		expect(t.sandbox.auth.tokenLog.some((entry) => entry.grantType === 'client_credentials' && entry.status === 200)).toBe(true);
	});

	it('fails the activation with advice when no event is chosen, before any request', async () => {
		const { PollTrigger } = await import('../../runner/poll');
		const { result } = await PollTrigger.activate(t.runner, { parameters: { event: [] } });
		expect(result.error?.message).toMatch(/Choose at least one event/);
		expect(t.requests()).toHaveLength(0);
	});
});
