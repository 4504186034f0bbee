import { jsonOf, useSandbox } from '../../../helpers/setup';
import { idsOf, inOrder, pairs, linkHarness } from './links';

const t = useSandbox({ seed: { users: 2200, groups: 3 } });
const { newGroup, users, added, linked: members, run: addMembers } = linkHarness(t, 'addMembers', 'Joiners');
const patches = () => t.requests().filter((entry) => entry.method === 'PATCH');

describe('Group → Add Member', () => {
	test('adds users given by ID and by UPN in one PATCH and returns { groupId, memberId, added } per item', async () => {
		const group = newGroup();
		const [a, b, c] = users().slice(0, 3);
		const result = await addMembers([
			{ group: group.id, user: a.id },
			{ group: group.id, user: b.userPrincipalName },
			{ group: group.id, user: c.id },
		]);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([added(group.id, a.id), added(group.id, b.id), added(group.id, c.id)]);
		expect(pairs(result)).toEqual(inOrder(3));
		expect(members(group.id).sort()).toEqual([a.id, b.id, c.id].sort());
		expect(t.requests().map((entry) => `${entry.method} ${decodeURIComponent(entry.path)}`)).toEqual([
			`GET /v1.0/users/${b.userPrincipalName}`,
			`PATCH /v1.0/groups/${group.id}`,
		]);
	});

	test('1,000 users for one group: 50 PATCHes of 20 members, sent in $batch envelopes, and all become members', async () => {
		const group = newGroup();
		const chosen = users().slice(0, 1000);
		const result = await addMembers(chosen.map((user) => ({ group: group.id, user: user.id })));
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual(chosen.map((user) => added(group.id, user.id)));
		expect(pairs(result)).toEqual(inOrder(1000));
		expect(patches()).toHaveLength(50);
		expect(patches().every((entry) => entry.path === `/v1.0/groups/${group.id}` && entry.status === 204 && entry.batch)).toBe(true);
		// Without Continue On Fail a round is 25 envelopes' worth of items (500: 25 PATCHes, two envelopes): 2 rounds.
		expect(t.requests().filter((entry) => !entry.batch)).toHaveLength(4);
		expect(members(group.id).sort()).toEqual(idsOf(chosen).sort());
	});

	test('with Continue On Fail, 1,000 members for one group go in 3 $batch envelopes of up to 20 PATCHes', async () => {
		const group = newGroup();
		const chosen = users().slice(1000, 2000);
		const result = await addMembers(chosen.map((user) => ({ group: group.id, user: user.id })), {}, true);
		expect(jsonOf(result).every((item) => item.added === true)).toBe(true);
		expect(patches()).toHaveLength(50);
		expect(t.requests().filter((entry) => !entry.batch).map((entry) => entry.path)).toEqual(['/v1.0/$batch', '/v1.0/$batch', '/v1.0/$batch']);
		expect(members(group.id).sort()).toEqual(idsOf(chosen).sort());
	});

	test('a chunk with one existing member: only that item fails, the other 19 are added by one more PATCH', async () => {
		const chosen = users().slice(100, 120);
		const group = newGroup([chosen[5].id]);
		const result = await addMembers(
			chosen.map((user) => ({ group: group.id, user: user.id })),
			{},
			true,
		);
		const output = jsonOf(result);
		expect(output[5]).toMatchObject({
			error: 'The user is already a member of the group. Turn on the Skip Existing option to count this as success.',
			code: 'Request_BadRequest',
			requestId: expect.any(String),
		});
		expect(output[5].details).toContain("One or more added object references already exist for the following modified properties: 'members'.");
		expect(output.filter((_, index) => index !== 5)).toEqual(chosen.filter((_, i) => i !== 5).map((user) => added(group.id, user.id)));
		expect(pairs(result)).toEqual(inOrder(20));
		expect(members(group.id).sort()).toEqual(idsOf(chosen).sort());
		// The failed PATCH, one read of which members exist, one PATCH of the other 19.
		const log = t.requests();
		expect(log.map((entry) => `${entry.method} ${entry.status}`)).toEqual(['PATCH 400', 'GET 200', 'PATCH 204']);
		expect(log[1].path).toBe(`/v1.0/groups/${group.id}/members`);
		expect(log[1].headers.consistencylevel).toBe('eventual');
		expect(log[1].query).toMatchObject({ $count: 'true', $select: 'id' });
		for (const user of chosen) expect(log[1].query.$filter).toContain(`'${user.id}'`);
	});

	test('when the PATCH of the rest fails too, each remaining member gets a request of its own and its exact answer', async () => {
		const [existing, a, b] = users().slice(160, 163);
		const team = t.sandbox.store.createGroup(
			{ displayName: 'Team', mailNickname: 'team', mailEnabled: true, securityEnabled: false, groupTypes: ['Unified'], visibility: 'Private' },
			{ members: [existing.id], seed: true },
		);
		const nested = newGroup();
		const result = await addMembers(
			[existing.id, nested.id, a.id, b.id].map((user) => ({ group: team.id, user })),
			{},
			true,
		);
		const output = jsonOf(result);
		expect(output[0]).toMatchObject({ code: 'Request_BadRequest', error: expect.stringContaining('already a member') });
		// Graph refuses a group inside a Microsoft 365 group: that item alone carries Graph's own message.
		expect(output[1]).toMatchObject({ code: 'Request_BadRequest', details: expect.stringContaining('Microsoft 365 group') });
		expect(output.slice(2)).toEqual([added(team.id, a.id), added(team.id, b.id)]);
		expect(pairs(result)).toEqual(inOrder(4));
		expect(members(team.id).sort()).toEqual([existing.id, a.id, b.id].sort());
		const log = t.requests();
		expect(log.filter((entry) => !entry.batch).map((entry) => `${entry.method} ${entry.status}`)).toEqual(['PATCH 400', 'GET 200', 'PATCH 400', 'POST 200']);
		expect(log.filter((entry) => entry.batch).map((entry) => `${entry.method} ${entry.path}`)).toEqual(
			Array(3).fill(`POST /v1.0/groups/${team.id}/members/$ref`),
		);
	});

	test('with Skip Existing, an existing member counts as success: { added, skipped }', async () => {
		const chosen = users().slice(120, 140);
		const group = newGroup([chosen[0].id, chosen[19].id]);
		const result = await addMembers(
			chosen.map((user) => ({ group: group.id, user: user.id })),
			{ skipExisting: true },
		);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual(
			chosen.map((user, index) => (index === 0 || index === 19 ? { ...added(group.id, user.id), skipped: true } : added(group.id, user.id))),
		);
		expect(members(group.id).sort()).toEqual(idsOf(chosen).sort());
		expect(patches()).toHaveLength(2);
	});

	test('without continueOnFail an existing member stops the run: later items are not sent, and the error names what was done', async () => {
		const chosen = users().slice(140, 185);
		const group = newGroup([chosen[5].id]);
		// Concurrency 1: one PATCH of 20 per round, so the run stops after the first.
		const result = await addMembers(chosen.map((user) => ({ group: group.id, user: user.id })), { concurrency: 1 });
		expect(result.error?.message).toBe('The user is already a member of the group. Turn on the Skip Existing option to count this as success.');
		expect(result.error?.context?.itemIndex).toBe(5);
		// The rest of the failed item's PATCH went through and is reported.
		const applied = Array.from({ length: 14 }, (_, i) => i + 6);
		expect(result.error?.context?.appliedItems).toEqual(applied);
		expect(result.error?.description).toContain(`Items ${applied.join(', ')} were sent together with this one`);
		expect(members(group.id).sort()).toEqual(idsOf(chosen.slice(0, 20)).sort());
		expect(t.requests().map((entry) => `${entry.method} ${entry.status}`)).toEqual(['PATCH 400', 'GET 200', 'PATCH 204']);
	});

	test('items for 3 groups interleaved: their 6 PATCHes share one $batch; output order follows the input', async () => {
		const targets = [newGroup(), newGroup(), newGroup()];
		const chosen = users().slice(200, 275);
		const items = chosen.map((user, index) => ({ group: targets[index % 3].id, user: user.id }));
		// With continueOnFail every item goes out at once (without it, 20 items at a time).
		const result = await addMembers(items, {}, true);
		expect(jsonOf(result).some((item) => 'error' in item)).toBe(false);
		expect(jsonOf(result)).toEqual(items.map((item) => added(item.group, item.user)));
		expect(pairs(result)).toEqual(inOrder(75));
		targets.forEach((group, g) => expect(members(group.id).sort()).toEqual(idsOf(chosen.filter((_, i) => i % 3 === g)).sort()));
		const log = t.requests();
		expect(log.filter((entry) => !entry.batch).map((entry) => `${entry.method} ${entry.path}`)).toEqual(['POST /v1.0/$batch']);
		expect(patches()).toHaveLength(6);
		expect(patches().every((entry) => entry.batch && entry.status === 204)).toBe(true);
	});

	test('the same member twice for the same group: one bind, and both items get the same result', async () => {
		const group = newGroup();
		const [a, b] = users().slice(300, 302);
		const result = await addMembers([
			{ group: group.id, user: a.id },
			{ group: group.id, user: b.id },
			{ group: group.id, user: a.userPrincipalName },
		]);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([added(group.id, a.id), added(group.id, b.id), added(group.id, a.id)]);
		expect(members(group.id).sort()).toEqual([a.id, b.id].sort());
		expect(patches()).toHaveLength(1);
	});

	test('a user that does not exist and a group that does not exist: those items fail and say which object is missing', async () => {
		const group = newGroup();
		const [a, b, c] = users().slice(400, 403);
		const ghost = '00000000-0000-4000-8000-00000000dead';
		const nowhere = '00000000-0000-4000-8000-00000000beef';
		const result = await addMembers(
			[
				{ group: group.id, user: a.id },
				{ group: group.id, user: ghost },
				{ group: nowhere, user: c.id },
				{ group: group.id, user: b.id },
			],
			{},
			true,
		);
		const output = jsonOf(result);
		expect(output[0]).toEqual(added(group.id, a.id));
		expect(output[1]).toMatchObject({ error: `Not found: user "${ghost}" does not exist in this tenant (or was deleted). Check the ID or UPN.`, code: 'Request_ResourceNotFound' });
		expect(output[2]).toMatchObject({ error: `Not found: group "${nowhere}" does not exist in this tenant (or was deleted). Check the ID or UPN.`, code: 'Request_ResourceNotFound' });
		expect(output[3]).toEqual(added(group.id, b.id));
		expect(pairs(result)).toEqual(inOrder(4));
		expect(members(group.id).sort()).toEqual([a.id, b.id].sort());
		// Reads told which user does not exist: the others went in one PATCH, the missing one alone.
		const log = t.requests();
		const userRead = log.find((entry) => entry.method === 'GET' && entry.path === '/v1.0/users');
		expect(userRead?.headers.consistencylevel).toBe('eventual');
		expect(userRead?.query.$filter).toContain(`'${ghost}'`);
		const single = log.filter((entry) => entry.method === 'POST' && entry.path.endsWith('/members/$ref'));
		expect(single.map((entry) => `${entry.path} ${entry.status}`)).toEqual([`/v1.0/groups/${group.id}/members/$ref 404`]);
		expect(log.filter((entry) => entry.method === 'PATCH').at(-1)?.status).toBe(204);
	}, 60_000);

	test('a user created moments ago (not yet replicated) is added after replication retries', async () => {
		const group = newGroup();
		const fresh = t.sandbox.store.createUser({ displayName: 'New Joiner', userPrincipalName: 'new.joiner@contoso.com', accountEnabled: true });
		const other = users()[500];
		t.sandbox.faults.replicationDelayMs = 1200;
		try {
			const result = await addMembers([
				{ group: group.id, user: fresh.userPrincipalName },
				{ group: group.id, user: other.id },
			]);
			expect(result.error).toBeUndefined();
			expect(jsonOf(result)).toEqual([added(group.id, fresh.id), added(group.id, other.id)]);
		} finally {
			t.sandbox.faults.replicationDelayMs = 0;
		}
		expect(members(group.id).sort()).toEqual([fresh.id, other.id].sort());
		expect(t.requests().some((entry) => entry.status === 404)).toBe(true);
	});

	test("a group created moments ago: Graph's 400 (objects being referenced do not exist) is retried like a 404", async () => {
		const group = t.sandbox.store.createGroup({ displayName: 'Brand New', mailNickname: 'brandnew', mailEnabled: false, securityEnabled: true, groupTypes: [] });
		const chosen = users().slice(510, 513);
		t.sandbox.faults.replicationDelayMs = 1200;
		try {
			const result = await addMembers(chosen.map((user) => ({ group: group.id, user: user.id })));
			expect(result.error).toBeUndefined();
			expect(jsonOf(result)).toEqual(chosen.map((user) => added(group.id, user.id)));
		} finally {
			t.sandbox.faults.replicationDelayMs = 0;
		}
		const statuses = patches().map((entry) => entry.status);
		expect(statuses[0]).toBe(400);
		expect(statuses[statuses.length - 1]).toBe(204);
		expect(members(group.id).sort()).toEqual(idsOf(chosen).sort());
	});

	test('a dynamic group refuses the whole chunk: every item gets the 403, with one request and no per-member retries', async () => {
		const group = newGroup([], { groupTypes: ['DynamicMembership'], membershipRule: 'user.department -eq "Sales"', membershipRuleProcessingState: 'On' });
		const chosen = users().slice(600, 603);
		const result = await addMembers(
			chosen.map((user) => ({ group: group.id, user: user.id })),
			{},
			true,
		);
		for (const item of jsonOf(result)) expect(item).toMatchObject({ code: 'Authorization_RequestDenied', error: expect.stringContaining('GroupMember.ReadWrite.All') });
		expect(pairs(result)).toEqual(inOrder(3));
		expect(t.requests()).toHaveLength(1);
	});
});
