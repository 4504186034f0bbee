import { jsonOf, useSandbox } from '../../../helpers/setup';
import { inOrder, pairs, linkHarness } from './links';

const t = useSandbox({ seed: { users: 300, groups: 2 } });
const { newGroup, users, removed, linked: members, run: removeMember } = linkHarness(t, 'removeMember', 'Leavers');
const deletes = () => t.requests().filter((entry) => entry.method === 'DELETE');

describe('Group → Remove Member', () => {
	test('removes members given by ID and by UPN in one $batch of DELETE …/members/{id}/$ref; the users themselves stay', async () => {
		const [a, b, c] = users().slice(0, 3);
		const group = newGroup([a.id, b.id, c.id]);
		const result = await removeMember([
			{ group: group.id, user: a.id },
			{ group: group.id, user: b.userPrincipalName },
		]);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([removed(group.id, a.id), removed(group.id, b.id)]);
		expect(pairs(result)).toEqual(inOrder(2));
		expect(members(group.id)).toEqual([c.id]);
		expect(t.sandbox.store.getUser(a.id)).toBeDefined();
		expect(t.sandbox.store.getUser(b.id)).toBeDefined();
		expect(deletes().map((entry) => entry.path).sort()).toEqual(
			[`/v1.0/groups/${group.id}/members/${a.id}/$ref`, `/v1.0/groups/${group.id}/members/${b.id}/$ref`].sort(),
		);
		expect(deletes().every((entry) => entry.batch)).toBe(true);
	});

	test('with Skip Missing, a user who is not a member counts as success once the group is known to exist', async () => {
		const [a, b, outsider] = users().slice(10, 13);
		const group = newGroup([a.id, b.id]);
		const result = await removeMember(
			[
				{ group: group.id, user: a.id },
				{ group: group.id, user: outsider.id },
				{ group: group.id, user: b.id },
			],
			{ skipMissing: true },
		);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([removed(group.id, a.id), { ...removed(group.id, outsider.id), skipped: true }, removed(group.id, b.id)]);
		expect(members(group.id)).toEqual([]);
		const check = t.requests().filter((entry) => entry.method === 'GET');
		expect(check.map((entry) => entry.path)).toEqual([`/v1.0/groups/${group.id}`]);
	});

	test('without Skip Missing a non-member fails with a clear error; continueOnFail keeps the others', async () => {
		const [a, outsider] = users().slice(20, 22);
		const group = newGroup([a.id]);
		const result = await removeMember(
			[
				{ group: group.id, user: outsider.id },
				{ group: group.id, user: a.id },
			],
			{},
			true,
		);
		const [failed, done] = jsonOf(result);
		expect(failed).toMatchObject({
			error: 'The user is not a member of the group (or does not exist). Turn on the Skip Missing option to count this as success.',
			code: 'Request_ResourceNotFound',
		});
		expect(done).toEqual(removed(group.id, a.id));
		expect(pairs(result)).toEqual(inOrder(2));
	});

	test('Skip Missing never hides a group that does not exist', async () => {
		const user = users()[30];
		const nowhere = '00000000-0000-4000-8000-00000000beef';
		const result = await removeMember([{ group: nowhere, user: user.id }], { skipMissing: true }, true);
		expect(jsonOf(result)).toEqual([
			expect.objectContaining({
				error: `Not found: group "${nowhere}" does not exist in this tenant (or was deleted). Check the ID or UPN.`,
				code: 'Request_ResourceNotFound',
			}),
		]);
	}, 60_000);

	test('a group created moments ago (not yet replicated): its 404 is checked, waited out, and the removal sent again', async () => {
		const [a, b] = users().slice(35, 37);
		const group = t.sandbox.store.createGroup(
			{ displayName: 'Fresh', mailNickname: 'fresh', mailEnabled: false, securityEnabled: true, groupTypes: [] },
			{ members: [a.id, b.id] },
		);
		t.sandbox.faults.replicationDelayMs = 1200;
		try {
			const result = await removeMember([{ group: group.id, user: a.id }], { skipMissing: true });
			expect(jsonOf(result)).toEqual([removed(group.id, a.id)]);
		} finally {
			t.sandbox.faults.replicationDelayMs = 0;
		}
		expect(members(group.id)).toEqual([b.id]);
		expect(deletes().map((entry) => entry.status)).toEqual([404, 204]);
	});

	test('25 items for 2 groups interleaved go in two $batch envelopes; output order and pairedItem follow the input', async () => {
		const chosen = users().slice(40, 65);
		const targets = [newGroup(chosen.filter((_, i) => i % 2 === 0).map((u) => u.id)), newGroup(chosen.filter((_, i) => i % 2 === 1).map((u) => u.id))];
		const items = chosen.map((user, index) => ({ group: targets[index % 2].id, user: user.id }));
		const result = await removeMember(items);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual(items.map((item) => removed(item.group, item.user)));
		expect(pairs(result)).toEqual(inOrder(25));
		for (const group of targets) expect(members(group.id)).toEqual([]);
		const envelopes = t.requests().filter((entry) => !entry.batch);
		expect(envelopes.map((entry) => `${entry.method} ${entry.path}`)).toEqual(['POST /v1.0/$batch', 'POST /v1.0/$batch']);
		expect(deletes()).toHaveLength(25);
	});

	test('the same member twice is removed once, and both items say removed', async () => {
		const [a] = users().slice(70, 71);
		const group = newGroup([a.id]);
		const result = await removeMember([
			{ group: group.id, user: a.id },
			{ group: group.id, user: a.userPrincipalName },
		]);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([removed(group.id, a.id), removed(group.id, a.id)]);
		expect(deletes()).toHaveLength(1);
	});
});
