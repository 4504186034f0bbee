import { jsonOf, useSandbox } from '../../../helpers/setup';
import { linkHarness } from './links';

const t = useSandbox({ seed: { users: 200, groups: 2 } });
const { newGroup, users, removed, linked: owners, run: removeOwner } = linkHarness(t, 'removeOwner', 'Handover');

describe('Group → Remove Owner', () => {
	test('removes owners given by ID and by UPN with DELETE …/owners/{id}/$ref; the users themselves stay', async () => {
		const [a, b, keeper] = users().slice(0, 3);
		const group = newGroup([a.id, b.id, keeper.id]);
		const result = await removeOwner([
			{ group: group.id, user: a.id },
			{ group: group.id, user: b.userPrincipalName },
		]);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([removed(group.id, a.id), removed(group.id, b.id)]);
		expect(result.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(owners(group.id)).toEqual([keeper.id]);
		expect(t.sandbox.store.getUser(a.id)).toBeDefined();
		const deletes = t.requests().filter((entry) => entry.method === 'DELETE');
		expect(deletes.map((entry) => entry.path).sort()).toEqual(
			[`/v1.0/groups/${group.id}/owners/${a.id}/$ref`, `/v1.0/groups/${group.id}/owners/${b.id}/$ref`].sort(),
		);
	});

	test('a user who is not an owner: an error that says so, or with Skip Missing a success marked skipped', async () => {
		const [owner, keeper, outsider] = users().slice(10, 13);
		const group = newGroup([owner.id, keeper.id]);
		const failed = await removeOwner([{ group: group.id, user: outsider.id }], {}, true);
		expect(jsonOf(failed)).toEqual([
			expect.objectContaining({
				error: 'The user is not an owner of the group (or does not exist). Turn on the Skip Missing option to count this as success.',
				code: 'Request_ResourceNotFound',
			}),
		]);
		const skipped = await removeOwner(
			[
				{ group: group.id, user: outsider.id },
				{ group: group.id, user: owner.id },
			],
			{ skipMissing: true },
		);
		expect(jsonOf(skipped)).toEqual([{ ...removed(group.id, outsider.id), skipped: true }, removed(group.id, owner.id)]);
		expect(owners(group.id)).toEqual([keeper.id]);
	});

	test("the group's last owner cannot be removed: Graph's refusal is that item's error and the owner stays", async () => {
		const [only] = users().slice(20, 21);
		const group = newGroup([only.id]);
		const result = await removeOwner([{ group: group.id, user: only.id }], { skipMissing: true }, true);
		expect(jsonOf(result)).toEqual([expect.objectContaining({ code: 'Request_BadRequest', error: expect.any(String) })]);
		expect(owners(group.id)).toEqual([only.id]);
	});
});
