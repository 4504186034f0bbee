import { itemsOf, newUser, savedState, summary, useTrigger } from './harness';

describe('Entra ID Trigger: restarts', () => {
	const t = useTrigger();

	it('keeps the deltaLink in the static data: after a restart nothing is missed and nothing repeated', async () => {
		const trigger = await t.activate({ event: ['userCreated'] });
		expect(trigger.saved).toEqual({
			'node:Entra ID Trigger': expect.objectContaining({
				users: { link: expect.stringMatching(/\/v1\.0\/users\/delta\?\$deltatoken=/), query: expect.any(String), polledAt: expect.any(String) },
			}),
		});
		const first = newUser(t);
		expect(summary(itemsOf(await trigger.poll()))).toEqual([`userCreated ${first.id}`]);

		// Made while n8n is down: the activation poll of the restarted workflow reads them.
		const second = newUser(t);
		const third = newUser(t);
		const restarted = await trigger.restart();
		expect(summary(itemsOf(restarted))).toEqual([`userCreated ${second.id}`, `userCreated ${third.id}`]);
		expect(t.deltaRequests().filter((r) => r.query.$deltatoken === 'latest')).toHaveLength(1);

		const fourth = newUser(t);
		expect(summary(itemsOf(await trigger.poll()))).toEqual([`userCreated ${fourth.id}`]);
		expect(itemsOf(await trigger.restart())).toEqual([]);
	});

	it('when the watched properties change, the old link is read to its end once, then replaced', async () => {
		const trigger = await t.activate({ event: ['userUpdated'], watchedProperties: ['department'] });
		const [mover, phone] = t.sandbox.store.listUsers().slice(50, 52);
		t.sandbox.store.updateUser(mover.id, { department: 'Marketing' });
		const restarted = await trigger.restart({ event: ['userUpdated'], watchedProperties: ['department', 'mobilePhone'] });
		expect(summary(itemsOf(restarted))).toEqual([`userUpdated ${mover.id}`]);
		expect(savedState(trigger).users?.query).toContain('mobilePhone');

		t.sandbox.store.updateUser(phone.id, { mobilePhone: '+44 20 7946 0001' });
		expect(itemsOf(await trigger.poll())).toEqual([
			{ event: 'userUpdated', objectType: 'user', id: phone.id, object: { mobilePhone: '+44 20 7946 0001', id: phone.id }, changed: ['mobilePhone'] },
		]);
	});
});
