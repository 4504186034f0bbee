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
	test('1,000 user updates against buckets of 100 writes a second: every item succeeds once, and after the blind start nothing more is throttled', async () => {
		t.sandbox.faults.throttle = { resourceUnits: 300, resourceUnitWindowSeconds: 1, writes: 100, writeWindowSeconds: 1 };
		const userIds = ids().slice(0, 1000);
		const result = await updateUsers(userIds, 'Paced');
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual(userIds.map((id) => ({ id, updated: true })));
		for (const id of userIds) expect(t.sandbox.store.getUser(id).jobTitle).toBe('Paced');
		const patches = inner().filter((entry) => entry.method === 'PATCH') as unknown as Array<{ path: string; status: number; time: number }>;
		const applied = patches.filter((entry) => entry.status === 204);
		expect(applied).toHaveLength(1000);
		expect(new Set(applied.map((entry) => entry.path)).size).toBe(1000);
		// Graph evaluated each inner request on its own; a throttled one was not applied.
		const throttled = patches.filter((entry) => entry.status === 429);
		expect(throttle().counts).toMatchObject({ evaluated: patches.length, throttled: throttled.length, writes: patches.length });
		// The first round goes out before Graph has said anything (10 envelopes, twice the bucket);
		// unpaced, 25 envelopes would go, and every retry would meet the bucket empty again.
		expect(throttled.length).toBeGreaterThan(0);
		expect(throttled.length).toBeLessThanOrEqual(200);
		// From then on the pace holds under the bucket.
		const later = throttled.filter((entry) => entry.time > throttled[0].time + 2000);
		expect(later.length).toBeLessThanOrEqual(10);
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

	test('a window the sends never filled does not grow: after 30 small runs, a bulk job still starts blind with 10 envelopes', async () => {
		// 30 runs of 20 updates: one envelope each, far under the window of 10; 600 clean answers in all.
		for (let run = 0; run < 30; run++) {
			const small = await updateUsers(ids().slice(1200 + run * 20, 1220 + run * 20), 'Small run');
			expect(jsonOf(small).every((item) => item.updated === true)).toBe(true);
		}
		t.sandbox.clearLog();
		t.sandbox.faults.throttle = { resourceUnits: 300, resourceUnitWindowSeconds: 1, writes: 100, writeWindowSeconds: 1 };
		const userIds = ids().slice(0, 1000);
		const result = await updateUsers(userIds, 'After small runs');
		expect(jsonOf(result)).toEqual(userIds.map((id) => ({ id, updated: true })));
		// A blind start of 10 envelopes throttles about 100 at once and a few more while the rate settles
		// (240 measured). Had the 600 clean answers doubled the window, 25 envelopes (500 writes) would
		// have met a bucket of 100 (516 measured with the check taken out).
		const throttled = inner().filter((entry) => entry.status === 429);
		expect(throttled.length).toBeGreaterThan(0);
		expect(throttled.length).toBeLessThanOrEqual(300);
	});

	test('a 429 holds every write of its scope (x-ms-throttle-scope …/Write/…) until Retry-After, while reads go on', async () => {
		// 40 writes per 4 s: the first round overshoots, Graph's debt makes Retry-After a few seconds.
		t.sandbox.faults.throttle = { resourceUnits: 100_000, resourceUnitWindowSeconds: 1, writes: 40, writeWindowSeconds: 4 };
		type Entry = { method: string; status: number; time: number; batch: false | { parentIndex: number } };
		const log = () => t.requests() as unknown as Entry[];
		const writes = updateUsers(ids().slice(0, 60), 'Held');
		while (!log().some((entry) => entry.batch && entry.status === 429)) await new Promise((resolve) => setTimeout(resolve, 5));
		const reads = await t.run({
			items: ids().slice(1000, 1020).map((id) => ({ id })),
			parameters: { resource: 'user', operation: 'get', userId: byId('={{ $json.id }}') },
		});
		expect(jsonOf(reads)).toHaveLength(20);
		expect(jsonOf(await writes)).toEqual(ids().slice(0, 60).map((id) => ({ id, updated: true })));
		const inner = log().filter((entry) => entry.batch);
		const first429 = inner.find((entry) => entry.status === 429)!;
		const firstThrottled = first429.time;
		// Its envelope arrived a moment before Graph evaluated the request inside it.
		const firstThrottledEnvelope = log()[(first429.batch as { parentIndex: number }).parentIndex].time;
		// Write envelopes after the first 429: those sent before its answer came back, then nothing until Retry-After ran out.
		const envelopes = [...new Set(inner.filter((entry) => entry.method === 'PATCH').map((entry) => (entry.batch as { parentIndex: number }).parentIndex))];
		const arrivals = envelopes.map((index) => log()[index].time).filter((time) => time >= firstThrottledEnvelope).sort((a, b) => a - b);
		const resumed = arrivals.findIndex((time, index) => index > 0 && time - arrivals[index - 1] >= 2500);
		expect(resumed).toBeGreaterThan(0);
		const held = { from: arrivals[resumed - 1], to: arrivals[resumed] };
		expect(held.from - firstThrottled).toBeLessThan(500);
		// The reads (another bucket) went out and came back inside that hold.
		const gets = inner.filter((entry) => entry.method === 'GET');
		expect(gets.map((entry) => entry.status)).toEqual(gets.map(() => 200));
		for (const get of gets) expect(get.time).toBeGreaterThan(held.from);
		for (const get of gets) expect(get.time).toBeLessThan(held.to);
	});
});
