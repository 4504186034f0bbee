import { itemsOf, newGroup, newUser, summary, useTrigger } from './harness';

describe('Entra ID Trigger: group and member events', () => {
	const t = useTrigger();
	const store = () => t.sandbox.store;

	it('emits groupCreated, groupUpdated with the changed properties, and groupDeleted', async () => {
		const trigger = await t.activate({ event: ['groupCreated', 'groupUpdated', 'groupDeleted'] });
		const security = newGroup(t, { description: 'Badge access' });
		const unified = newGroup(t, { groupTypes: ['Unified'], mailEnabled: true, securityEnabled: false });
		const items = itemsOf(await trigger.poll());
		expect(summary(items)).toEqual([`groupCreated ${security.id}`, `groupCreated ${unified.id}`]);
		expect(items[0].object).toMatchObject({ displayName: security.displayName, description: 'Badge access', securityEnabled: true, createdDateTime: security.createdDateTime });

		store().updateGroup(security.id, { description: 'Badge and door access' });
		expect(itemsOf(await trigger.poll())).toEqual([
			{ event: 'groupUpdated', objectType: 'group', id: security.id, object: { description: 'Badge and door access', id: security.id }, changed: ['description'] },
		]);

		// A security group is gone for good; a Microsoft 365 group stays restorable for 30 days.
		store().deleteGroup(security.id);
		store().deleteGroup(unified.id);
		const deleted = itemsOf(await trigger.poll());
		expect(deleted.map((item) => [item.event, item.id, item.removed])).toEqual([
			['groupDeleted', security.id, { reason: 'deleted' }],
			['groupDeleted', unified.id, { reason: 'changed' }],
		]);
		// Member events were not chosen, so Graph is not asked for members.
		expect(String(t.deltaRequests()[0].query.$select).split(',')).not.toContain('members');
	});

	it('emits memberAdded and memberRemoved with the member, for any group or only the chosen ones', async () => {
		const [ada, ben] = [newUser(t), newUser(t)];
		const watched = newGroup(t);
		const other = newGroup(t);
		const any = await t.activate({ event: ['memberAdded', 'memberRemoved'] });
		const chosen = await t.activate({ event: ['memberAdded', 'memberRemoved'], groupIds: watched.id.toUpperCase() });
		store().addMember(watched.id, ada.id);
		store().addMember(other.id, ben.id);
		store().addMember(watched.id, other.id);
		const items = itemsOf(await any.poll());
		expect(items).toEqual([
			{ event: 'memberAdded', objectType: 'group', id: watched.id, object: { id: watched.id }, member: { id: ada.id, objectType: 'user' } },
			{ event: 'memberAdded', objectType: 'group', id: watched.id, object: { id: watched.id }, member: { id: other.id, objectType: 'group' } },
			{ event: 'memberAdded', objectType: 'group', id: other.id, object: { id: other.id }, member: { id: ben.id, objectType: 'user' } },
		]);
		expect(itemsOf(await chosen.poll())).toEqual(items.slice(0, 2));

		store().removeMember(watched.id, ada.id);
		store().removeMember(other.id, ben.id);
		expect(itemsOf(await chosen.poll())).toEqual([
			{ event: 'memberRemoved', objectType: 'group', id: watched.id, object: { id: watched.id }, member: { id: ada.id, objectType: 'user' }, removed: { reason: 'deleted' } },
		]);
		expect(summary(itemsOf(await any.poll()))).toEqual([`memberRemoved ${watched.id}`, `memberRemoved ${other.id}`]);
	});

	it('refuses a group ID that is not a GUID before any request', async () => {
		const { PollTrigger } = await import('../../runner/poll');
		t.sandbox.clearLog();
		const { result } = await PollTrigger.activate(t.runner, { parameters: { event: ['memberAdded'], groupIds: 'Sales team' } });
		expect(result.error?.message).toMatch(/"Sales team" is not a valid group ID/);
		expect(t.requests()).toHaveLength(0);
	});

	it('a new group brings its members; a large membership change over several pages gives each event once', async () => {
		const members = Array.from({ length: 25 }, () => newUser(t));
		t.delta().membersPerPage = 10;
		t.delta().pageSize = 2;
		try {
			const trigger = await t.activate({ event: ['groupCreated', 'groupUpdated', 'memberAdded'] });
			const team = newGroup(t, {}, members.slice(0, 3).map((u) => u.id));
			const big = newGroup(t);
			expect(summary(itemsOf(await trigger.poll()))).toEqual([
				`groupCreated ${team.id}`,
				...members.slice(0, 3).map(() => `memberAdded ${team.id}`),
				`groupCreated ${big.id}`,
			]);
			store().updateGroup(big.id, { displayName: 'All 25' });
			for (const member of members) store().addMember(big.id, member.id);
			t.sandbox.clearLog();
			const items = itemsOf(await trigger.poll());
			// Graph repeats the group with its changed name in each of the three items that carry its members.
			expect(items[0]).toEqual({ event: 'groupUpdated', objectType: 'group', id: big.id, object: { displayName: 'All 25', id: big.id }, changed: ['displayName'] });
			expect(items.slice(1).map((item) => (item.member as { id: string }).id)).toEqual(members.map((m) => m.id));
			expect(t.deltaRequests()).toHaveLength(2);
		} finally {
			t.delta().membersPerPage = 100;
			t.delta().pageSize = 100;
		}
	});

	it('a deleted user keeps its memberships until it is purged, as Graph reports them', async () => {
		const leaver = newUser(t);
		const team = newGroup(t, {}, [leaver.id]);
		const trigger = await t.activate({ event: ['userDeleted', 'memberRemoved'] });
		store().deleteUser(leaver.id);
		expect(summary(itemsOf(await trigger.poll()))).toEqual([`userDeleted ${leaver.id}`]);
		store().purge(leaver.id);
		expect(itemsOf(await trigger.poll())).toEqual([
			{ event: 'memberRemoved', objectType: 'group', id: team.id, object: { id: team.id }, member: { id: leaver.id, objectType: 'user' }, removed: { reason: 'deleted' } },
		]);
	});
});
