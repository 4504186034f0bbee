import { itemsOf, newUser, summary, useTrigger } from './harness';

describe('Entra ID Trigger: user events', () => {
	const t = useTrigger();
	const store = () => t.sandbox.store;

	it('emits userCreated with the new user, asking Graph for changed properties only', async () => {
		const trigger = await t.activate({ event: ['userCreated'] });
		const ada = newUser(t, { department: 'Sales', jobTitle: 'Account Executive', mobilePhone: '+1 425 555 0100' });
		const items = itemsOf(await trigger.poll());
		expect(items).toEqual([
			{
				event: 'userCreated',
				objectType: 'user',
				id: ada.id,
				object: {
					accountEnabled: true,
					createdDateTime: ada.createdDateTime,
					department: 'Sales',
					displayName: ada.displayName,
					jobTitle: 'Account Executive',
					userPrincipalName: ada.userPrincipalName,
					userType: 'Member',
					id: ada.id,
				},
			},
		]);
		const [round] = t.deltaRequests().slice(-1);
		expect(round.headers.prefer).toBe('return=minimal');
		expect(round.query).toHaveProperty('$deltatoken');
		expect(itemsOf(await trigger.poll())).toEqual([]);
	});

	it('emits userUpdated with the changed properties, only when a watched one changed, and previous values it has seen', async () => {
		const trigger = await t.activate({ event: ['userUpdated'], watchedProperties: ['department', 'accountEnabled'] });
		const [alex, bianca] = store().listUsers().slice(10, 12);
		store().updateUser(alex.id, { mobilePhone: '+1 425 555 0111' }); // not tracked at all
		store().updateUser(bianca.id, { jobTitle: 'Sales Lead' }); // tracked, not watched
		expect(itemsOf(await trigger.poll())).toEqual([]);

		store().updateUser(alex.id, { department: 'Legal', jobTitle: 'Counsel' });
		expect(itemsOf(await trigger.poll())).toEqual([
			{ event: 'userUpdated', objectType: 'user', id: alex.id, object: { department: 'Legal', jobTitle: 'Counsel', id: alex.id }, changed: ['department', 'jobTitle'] },
		]);

		store().updateUser(alex.id, { department: 'Finance' });
		store().updateUser(bianca.id, { accountEnabled: false });
		expect(itemsOf(await trigger.poll())).toEqual([
			{ event: 'userUpdated', objectType: 'user', id: alex.id, object: { department: 'Finance', id: alex.id }, changed: ['department'], previous: { department: 'Legal' } },
			{ event: 'userUpdated', objectType: 'user', id: bianca.id, object: { accountEnabled: false, id: bianca.id }, changed: ['accountEnabled'] },
		]);

		// Disabled and enabled again between two polls: Graph reports the property, but its value did not change.
		store().updateUser(bianca.id, { accountEnabled: true });
		store().updateUser(bianca.id, { accountEnabled: false });
		expect(itemsOf(await trigger.poll())).toEqual([]);
	});

	it('reports manager changes from manager@delta, with the manager the user had before', async () => {
		const trigger = await t.activate({ event: ['userUpdated'], watchedProperties: ['manager'] });
		const [report, first, second] = store().listUsers().slice(20, 23);
		store().setManager(report.id, first.id);
		expect(itemsOf(await trigger.poll())).toEqual([
			{ event: 'userUpdated', objectType: 'user', id: report.id, object: { manager: { id: first.id }, id: report.id }, changed: ['manager'] },
		]);

		store().setManager(report.id, second.id);
		store().setManager(report.id, null);
		const [removed] = itemsOf(await trigger.poll());
		expect(removed).toEqual({
			event: 'userUpdated',
			objectType: 'user',
			id: report.id,
			object: { manager: null, id: report.id },
			changed: ['manager'],
			previous: { manager: { id: first.id } },
		});
	});

	it('selects manager and the watched properties in the delta query', async () => {
		await t.activate({ event: ['userUpdated'], watchedProperties: ['employeeHireDate', 'department'] });
		const select = String(t.deltaRequests()[0].query.$select).split(',');
		expect(select).toEqual(expect.arrayContaining(['manager', 'accountEnabled', 'createdDateTime', 'department', 'employeeHireDate']));
	});

	it('emits userDeleted once: a purge after the deletion is no second event, a restore comes back as userCreated', async () => {
		const trigger = await t.activate({ event: ['userCreated', 'userDeleted'] });
		const kept = newUser(t);
		const purged = newUser(t);
		const gone = newUser(t);
		expect(summary(itemsOf(await trigger.poll()))).toEqual([`userCreated ${kept.id}`, `userCreated ${purged.id}`, `userCreated ${gone.id}`]);

		store().deleteUser(kept.id);
		store().deleteUser(purged.id);
		expect(itemsOf(await trigger.poll())).toEqual([
			{ event: 'userDeleted', objectType: 'user', id: kept.id, object: { id: kept.id }, removed: { reason: 'changed' } },
			{ event: 'userDeleted', objectType: 'user', id: purged.id, object: { id: purged.id }, removed: { reason: 'changed' } },
		]);

		store().purge(purged.id);
		store().restore(kept.id);
		// Deleted and purged between two polls: Graph only says it is gone for good.
		store().deleteUser(gone.id);
		store().purge(gone.id);
		const items = itemsOf(await trigger.poll());
		expect(summary(items)).toEqual([`userCreated ${kept.id}`, `userDeleted ${gone.id}`]);
		expect(items[0]).toMatchObject({ restored: true, object: { displayName: kept.displayName } });
		expect(items[1].removed).toEqual({ reason: 'deleted' });
	});

	it('emits the events of several pages in directory order', async () => {
		t.delta().pageSize = 3;
		try {
			const trigger = await t.activate({ event: ['userCreated', 'userUpdated'] });
			const users = Array.from({ length: 10 }, () => newUser(t));
			store().updateUser(users[2].id, { jobTitle: 'Changed after creation' });
			const existing = store().listUsers()[30];
			store().updateUser(existing.id, { department: 'Research' });
			t.sandbox.clearLog();
			const items = itemsOf(await trigger.poll());
			expect(summary(items)).toEqual([...users.map((u) => `userCreated ${u.id}`), `userUpdated ${existing.id}`]);
			expect(items[2].object).toMatchObject({ jobTitle: 'Changed after creation' });
			// 11 objects at 3 a page: four pages, the last one with the deltaLink.
			expect(t.deltaRequests()).toHaveLength(4);
		} finally {
			t.delta().pageSize = 100;
		}
	});
});
