import { jsonOf, useSandbox } from '../../helpers/setup';
import { byId } from '../../helpers/locators';

// The transport's $batch path (GraphClient.executeAll): envelopes of 20, answers matched by id,
// inner throttling retried per request, every item paired to its own input.
const t = useSandbox({ seed: { users: 200, groups: 2 } });

interface User {
	id: string;
	userPrincipalName: string;
}

type LogEntry = ReturnType<typeof t.requests>[number];

const users = (): User[] => t.sandbox.store.listUsers();
const pairs = (result: { output: Array<{ pairedItem?: unknown }> }) => result.output.map((item) => item.pairedItem);
const inOrder = (count: number) => Array.from({ length: count }, (_, item) => ({ item }));
const inner = () => t.requests().filter((entry) => entry.batch);

/** Inner requests grouped by the envelope that carried them, in sending order. */
function envelopes(): LogEntry[][] {
	const log = t.requests();
	const byParent = new Map<number, LogEntry[]>();
	for (const entry of log) {
		if (!entry.batch) continue;
		const parent = Number((entry.batch as { parentIndex: number }).parentIndex);
		byParent.set(parent, [...(byParent.get(parent) ?? []), entry]);
	}
	return [...byParent.keys()].sort((a, b) => a - b).map((key) => byParent.get(key) as LogEntry[]);
}

function getUsers(ids: string[], options: object = {}, continueOnFail = false) {
	return t.run({
		items: ids.map((id) => ({ id })),
		continueOnFail,
		parameters: { resource: 'user', operation: 'get', userId: byId('={{ $json.id }}'), options },
	});
}

let groups = 0;
function newGroup(members: string[]): { id: string } {
	groups++;
	return t.sandbox.store.createGroup(
		{ displayName: `Batch ${groups}`, mailNickname: `batch${groups}`, mailEnabled: false, securityEnabled: true, groupTypes: [] },
		{ members, seed: true },
	);
}

afterEach(() => Object.assign(t.sandbox.faults, { rate429: 0, retryAfter: 1, seed: 1 }));

describe('$batch transport', () => {
	test('45 reads travel in envelopes of 20, 20 and 5 with unique ids; answers (shuffled by Graph) are matched by id', async () => {
		const chosen = users().slice(0, 45);
		const result = await getUsers(chosen.map((user) => user.id));
		expect(result.error).toBeUndefined();
		expect(jsonOf(result).map((user) => user.id)).toEqual(chosen.map((user) => user.id));
		expect(pairs(result)).toEqual(inOrder(45));
		const sent = envelopes();
		expect(sent.map((envelope) => envelope.length)).toEqual([20, 20, 5]);
		for (const envelope of sent) {
			const ids = envelope.map((entry) => (entry.batch as { id: string }).id);
			expect(new Set(ids).size).toBe(ids.length);
		}
	});

	test('a mixed batch: failing items get their own error at their own position, the others their result', async () => {
		const chosen = users().slice(50, 60);
		const ids = chosen.map((user) => user.id);
		const missing = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'];
		ids.splice(3, 0, missing[0]);
		ids.splice(9, 0, missing[1]);
		const result = await getUsers(ids, {}, true);
		const output = jsonOf(result);
		expect(output).toHaveLength(12);
		expect(pairs(result)).toEqual(inOrder(12));
		output.forEach((item, index) => {
			if (missing.includes(ids[index])) {
				expect(item).toMatchObject({ code: 'Request_ResourceNotFound', error: expect.stringContaining(ids[index]) });
			} else {
				expect(item.id).toBe(ids[index]);
			}
		});
		expect(envelopes()).toHaveLength(1);
	});

	test('an inner 429 is retried on its own: later envelopes carry only throttled requests, and every item succeeds', async () => {
		Object.assign(t.sandbox.faults, { rate429: 0.3, retryAfter: 0, seed: 7 });
		const chosen = users().slice(100, 140);
		// Continue On Fail, as bulk runs use it: every item goes out at once (without it, one envelope at a time).
		const result = await getUsers(chosen.map((user) => user.id), {}, true);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result).map((user) => user.id)).toEqual(chosen.map((user) => user.id));
		expect(pairs(result)).toEqual(inOrder(40));

		const throttled = inner().filter((entry) => entry.status === 429);
		expect(throttled.length).toBeGreaterThan(0);
		// Each user was read successfully exactly once: nothing lost, nothing read twice.
		const ok = inner().filter((entry) => entry.status === 200).map((entry) => entry.path);
		expect(ok.sort()).toEqual(chosen.map((user) => `/v1.0/users/${user.id}`).sort());
		// A request is sent again only while throttled, in an envelope of retries only: never
		// together with first sends, never one that already succeeded.
		const seen = new Set<string>();
		const waiting = new Set<string>();
		for (const envelope of envelopes()) {
			const again = envelope.filter((entry) => seen.has(entry.path));
			expect([0, envelope.length]).toContain(again.length);
			for (const entry of again) expect(waiting.has(entry.path)).toBe(true);
			for (const entry of envelope) {
				seen.add(entry.path);
				if (entry.status === 429) waiting.add(entry.path);
				else waiting.delete(entry.path);
			}
		}
		expect(waiting.size).toBe(0);
		expect(envelopes().some((envelope) => envelope.every((entry) => throttled.some((t429) => t429.path === entry.path)))).toBe(true);
	});

	test('writes for interleaved groups with some failures: one $batch, each item its own outcome, in input order', async () => {
		const chosen = users().slice(150, 160);
		const [first, second] = [newGroup(chosen.slice(0, 5).map((u) => u.id)), newGroup(chosen.slice(5, 10).map((u) => u.id))];
		const outsider = users()[170];
		const items = [
			{ group: first.id, user: chosen[0].id },
			{ group: second.id, user: chosen[5].id },
			{ group: first.id, user: outsider.id },
			{ group: second.id, user: chosen[6].id },
			{ group: first.id, user: chosen[1].id },
			{ group: second.id, user: outsider.id },
		];
		const result = await t.run({
			items,
			continueOnFail: true,
			parameters: {
				resource: 'group',
				operation: 'removeMember',
				groupId: byId('={{ $json.group }}'),
				memberId: byId('={{ $json.user }}'),
			},
		});
		const output = jsonOf(result);
		expect(pairs(result)).toEqual(inOrder(6));
		items.forEach((item, index) => {
			if (item.user === outsider.id) expect(output[index]).toMatchObject({ code: 'Request_ResourceNotFound' });
			else expect(output[index]).toEqual({ groupId: item.group, memberId: item.user, removed: true });
		});
		expect(t.sandbox.store.membersOf(first.id).sort()).toEqual(chosen.slice(2, 5).map((u) => u.id).sort());
		expect(t.sandbox.store.membersOf(second.id).sort()).toEqual(chosen.slice(7, 10).map((u) => u.id).sort());
		expect(envelopes()[0]).toHaveLength(6);
	});

	test('with batching off, each item is one request and no $batch is sent', async () => {
		const chosen = users().slice(180, 185);
		const result = await getUsers(
			chosen.map((user) => user.id),
			{ batching: false },
		);
		expect(jsonOf(result).map((user) => user.id)).toEqual(chosen.map((user) => user.id));
		const log = t.requests();
		expect(log).toHaveLength(5);
		expect(log.every((entry) => !entry.batch && entry.method === 'GET' && entry.path.startsWith('/v1.0/users/'))).toBe(true);
	});
});
