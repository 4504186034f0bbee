import type { IDataObject } from 'n8n-workflow';

import { delegatedCredential, jsonOf, useSandbox } from '../../helpers/setup';

// The pacer (nodes/EntraId/transport/pacer.ts) against the sandbox's model of Graph's
// identity-and-access throttling (test/sandbox/throttle.js), with its buckets shrunk so a
// bulk job meets them within seconds. Counts, not timings.
const t = useSandbox({ seed: { users: 2100, groups: 5 }, latencyMs: 5 });

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const ids = () => (t.sandbox.store.listUsers() as Array<{ id: string }>).map((user) => user.id);
const throttle = () => (t.sandbox as unknown as { throttle: { counts: IDataObject; reset(): void } }).throttle;
const inner = () => t.requests().filter((entry) => entry.batch);

// The pacer is shared by every run of one identity in the process: each test signs in as its own app.
let app = 0;
beforeEach(() => t.runner.setCredential('entraIdOAuth2Api', { ...delegatedCredential(t.sandbox), clientId: `pacing-test-app-${++app}` }));
afterEach(() => {
	t.sandbox.faults.throttle = null;
	throttle().reset();
});

function updateUsers(userIds: string[], jobTitle: string, options: IDataObject = {}) {
	return t.run({
		items: userIds.map((id) => ({ id })),
		continueOnFail: true,
		parameters: { resource: 'user', operation: 'update', userId: byId('={{ $json.id }}'), updateFields: { jobTitle }, options },
	});
}

describe('Pacing under Graph’s identity-and-access buckets', () => {
	test('2,000 user updates against shrunk buckets: every item succeeds, each user is written once, few requests are throttled', async () => {
		t.sandbox.faults.throttle = { resourceUnits: 600, resourceUnitWindowSeconds: 1, writes: 200, writeWindowSeconds: 1 };
		const userIds = ids().slice(0, 2000);
		const result = await updateUsers(userIds, 'Paced');
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual(userIds.map((id) => ({ id, updated: true })));
		for (const id of userIds) expect(t.sandbox.store.getUser(id).jobTitle).toBe('Paced');
		const patches = inner().filter((entry) => entry.method === 'PATCH');
		const applied = patches.filter((entry) => entry.status === 204);
		expect(applied).toHaveLength(2000);
		expect(new Set(applied.map((entry) => entry.path)).size).toBe(2000);
		// Graph evaluated each inner request on its own; a throttled one was not applied.
		const throttled = patches.filter((entry) => entry.status === 429).length;
		expect(throttle().counts).toMatchObject({ evaluated: patches.length, throttled, writes: patches.length });
		// Without pacing the first round alone (25 envelopes of 20 against 200 writes) throttles 300.
		expect(throttled / patches.length).toBeLessThan(0.1);
	});

	test('without throttling headers the pacer stays out of the way: 1,000 updates go in 50 envelopes, none throttled', async () => {
		const userIds = ids().slice(0, 1000);
		const result = await updateUsers(userIds, 'Unpaced');
		expect(jsonOf(result)).toEqual(userIds.map((id) => ({ id, updated: true })));
		expect(t.requests().filter((entry) => !entry.batch)).toHaveLength(50);
		expect(inner().filter((entry) => entry.status !== 204)).toHaveLength(0);
	});

	test('a second run of the same credential starts at the pace the first one learned', async () => {
		t.sandbox.faults.throttle = { resourceUnits: 600, resourceUnitWindowSeconds: 1, writes: 200, writeWindowSeconds: 1 };
		const first = await updateUsers(ids().slice(0, 600), 'First run');
		expect(jsonOf(first).every((item) => item.updated === true)).toBe(true);
		const firstThrottled = inner().filter((entry) => entry.status === 429).length;
		t.sandbox.clearLog();
		const second = await updateUsers(ids().slice(600, 1200), 'Second run');
		expect(jsonOf(second).every((item) => item.updated === true)).toBe(true);
		const secondThrottled = inner().filter((entry) => entry.status === 429).length;
		expect(firstThrottled).toBeGreaterThan(0);
		expect(secondThrottled).toBeLessThan(firstThrottled);
	});
});
