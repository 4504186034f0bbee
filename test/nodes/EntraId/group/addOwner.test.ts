import { jsonOf, useSandbox } from '../../../helpers/setup';
import { linkHarness } from './links';

const t = useSandbox({ seed: { users: 200, groups: 2 } });
const { newGroup, users, added, linked: owners, run: addOwner } = linkHarness(t, 'addOwner', 'Owned');
const posts = () => t.requests().filter((entry) => entry.method === 'POST' && entry.path.endsWith('/owners/$ref'));

describe('Group → Add Owner', () => {
	test('adds owners given by ID and by UPN with POST …/owners/$ref in one $batch; returns { groupId, ownerId, added }', async () => {
		const group = newGroup();
		const [a, b] = users().slice(0, 2);
		const result = await addOwner([
			{ group: group.id, user: a.id },
			{ group: group.id, user: b.userPrincipalName },
		]);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([added(group.id, a.id), added(group.id, b.id)]);
		expect(result.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(owners(group.id).sort()).toEqual([a.id, b.id].sort());
		expect(posts().map((entry) => entry.path)).toEqual([`/v1.0/groups/${group.id}/owners/$ref`, `/v1.0/groups/${group.id}/owners/$ref`]);
		expect(posts().every((entry) => entry.batch)).toBe(true);
	});

	test('an existing owner is an error that says so, or with Skip Existing a success marked skipped', async () => {
		const [owner, other] = users().slice(10, 12);
		const group = newGroup([owner.id]);
		const failed = await addOwner(
			[
				{ group: group.id, user: owner.id },
				{ group: group.id, user: other.id },
			],
			{},
			true,
		);
		const [error, done] = jsonOf(failed);
		expect(error).toMatchObject({
			error: 'The user is already an owner of the group. Turn on the Skip Existing option to count this as success.',
			code: 'Request_BadRequest',
		});
		expect(error.details).toContain("One or more added object references already exist for the following modified properties: 'owners'.");
		expect(done).toEqual(added(group.id, other.id));

		const skipped = await addOwner([{ group: group.id, user: owner.id }], { skipExisting: true });
		expect(jsonOf(skipped)).toEqual([{ ...added(group.id, owner.id), skipped: true }]);
		expect(owners(group.id).sort()).toEqual([owner.id, other.id].sort());
	});

	test('a user that does not exist fails with a message naming the user, not the group', async () => {
		const group = newGroup();
		const ghost = '00000000-0000-4000-8000-00000000dead';
		const result = await addOwner([{ group: group.id, user: ghost }], {}, true);
		expect(jsonOf(result)).toEqual([
			expect.objectContaining({
				error: `Not found: user "${ghost}" does not exist in this tenant (or was deleted). Check the ID or UPN.`,
				code: 'Request_ResourceNotFound',
			}),
		]);
	}, 60_000);

	test('a user created moments ago (not yet replicated) becomes owner after replication retries', async () => {
		const group = newGroup();
		const fresh = t.sandbox.store.createUser({ displayName: 'New Lead', userPrincipalName: 'new.lead@contoso.com', accountEnabled: true });
		t.sandbox.faults.replicationDelayMs = 1200;
		try {
			const result = await addOwner([{ group: group.id, user: fresh.id }]);
			expect(jsonOf(result)).toEqual([added(group.id, fresh.id)]);
		} finally {
			t.sandbox.faults.replicationDelayMs = 0;
		}
		expect(owners(group.id)).toEqual([fresh.id]);
		expect(posts().map((entry) => entry.status)[0]).toBe(404);
	});
});
