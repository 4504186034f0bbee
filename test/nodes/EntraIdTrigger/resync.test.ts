import { itemsOf, newUser, savedState, summary, useTrigger } from './harness';

const EVENTS = ['userCreated', 'userUpdated', 'groupCreated', 'memberAdded'];

describe('Entra ID Trigger: expired links, resets and throttling', () => {
	const t = useTrigger();

	it('an expired delta link (400 syncStateNotFound) gives one resync item per stream, no flood, then tracking goes on', async () => {
		const trigger = await t.activate({ event: EVENTS });
		const before = savedState(trigger);
		t.delta().expireTokens();
		t.sandbox.clearLog();
		const items = itemsOf(await trigger.poll());
		expect(items).toEqual([
			expect.objectContaining({ event: 'resync', objectType: 'user', id: null, reason: 'syncStateNotFound', since: before.users?.polledAt }),
			expect.objectContaining({ event: 'resync', objectType: 'group', id: null, reason: 'syncStateNotFound' }),
		]);
		expect(String(items[0].message)).toMatch(/could not be read/);
		// The refused link, then a fresh start from now: never the full directory again.
		expect(t.deltaRequests().map((r) => [r.path, r.status, r.query.$deltatoken === 'latest'])).toEqual([
			['/v1.0/users/delta', 400, false],
			['/v1.0/users/delta', 200, true],
			['/v1.0/groups/delta', 400, false],
			['/v1.0/groups/delta', 200, true],
		]);
		const ada = newUser(t);
		expect(summary(itemsOf(await trigger.poll()))).toEqual([`userCreated ${ada.id}`]);
	});

	it("Graph's synchronization reset (410 Gone) is handled the same way", async () => {
		const trigger = await t.activate({ event: ['userUpdated'] });
		t.delta().resetSync();
		const items = itemsOf(await trigger.poll());
		expect(items).toEqual([expect.objectContaining({ event: 'resync', objectType: 'user', reason: 'resyncRequired' })]);
		expect(t.deltaRequests().some((r) => r.status === 410)).toBe(true);
		const someone = t.sandbox.store.listUsers()[40];
		t.sandbox.store.updateUser(someone.id, { department: 'Operations' });
		expect(summary(itemsOf(await trigger.poll()))).toEqual([`userUpdated ${someone.id}`]);
	});

	it('throttled pages (429 with Retry-After) are retried by the transport: every event arrives once', async () => {
		t.delta().pageSize = 4;
		try {
			const trigger = await t.activate({ event: ['userCreated'] });
			const users = Array.from({ length: 30 }, () => newUser(t));
			Object.assign(t.sandbox.faults, { rate429: 0.4, retryAfter: 0, seed: 7 });
			t.sandbox.clearLog();
			const items = itemsOf(await trigger.poll());
			expect(summary(items)).toEqual(users.map((u) => `userCreated ${u.id}`));
			const statuses = t.deltaRequests().map((r) => r.status);
			expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
			expect(statuses.filter((s) => s === 200)).toHaveLength(8);
		} finally {
			Object.assign(t.sandbox.faults, { rate429: 0, retryAfter: 1 });
			t.delta().pageSize = 100;
		}
	});

	it('a poll that fails half-way saves nothing: the next poll emits those changes, once', async () => {
		t.delta().pageSize = 2;
		try {
			const trigger = await t.activate({ event: ['userCreated'] });
			const users = Array.from({ length: 5 }, () => newUser(t));
			let deltaCalls = 0;
			// The second page of the round is refused (403), after the first one was read.
			t.sandbox.faults.deny = [{ method: 'GET', path: { test: (path: string) => path.endsWith('/users/delta') && ++deltaCalls === 2 } }];
			const saved = trigger.saved;
			const failed = await trigger.poll();
			expect(failed.items).toBeNull();
			expect(failed.error?.message).toMatch(/Permission denied/);
			expect(trigger.staticData).toEqual(saved);
			expect(trigger.saved).toEqual(saved);

			t.sandbox.faults.deny = [];
			expect(summary(itemsOf(await trigger.poll()))).toEqual(users.map((u) => `userCreated ${u.id}`));
			expect(itemsOf(await trigger.poll())).toEqual([]);
		} finally {
			t.sandbox.faults.deny = [];
			t.delta().pageSize = 100;
		}
	});
});
