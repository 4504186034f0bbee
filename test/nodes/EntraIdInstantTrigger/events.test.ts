import { newGroup, newUser, sleep, summary, useInstant } from './harness';

const ALL_EVENTS = ['userCreated', 'userUpdated', 'userDeleted', 'groupCreated', 'groupUpdated', 'groupDeleted', 'memberAdded', 'memberRemoved'];

describe('Instant Trigger: every event kind, once', () => {
	const t = useInstant();

	it('turns each notification into the delta events, told apart as the polling trigger tells them', async () => {
		const trigger = await t.activate({ event: ALL_EVENTS });
		const user = newUser(t, { department: 'Sales' });
		await trigger.executions(1);
		t.sandbox.store.updateUser(user.id, { department: 'Finance' });
		await trigger.executions(2);
		const group = newGroup(t);
		await trigger.executions(3);
		t.sandbox.store.updateGroup(group.id, { description: 'Renamed' });
		await trigger.executions(4);
		t.sandbox.store.addMember(group.id, user.id);
		await trigger.executions(5);
		t.sandbox.store.removeMember(group.id, user.id);
		await trigger.executions(6);
		t.sandbox.store.deleteUser(user.id);
		await trigger.executions(7);
		t.sandbox.store.deleteGroup(group.id);
		const runs = await trigger.executions(8);
		await sleep(300);
		expect(trigger.emitted.length).toBe(8);
		expect(runs.map(summary)).toEqual([
			[`userCreated ${user.id}`],
			[`userUpdated ${user.id}`],
			[`groupCreated ${group.id}`],
			[`groupUpdated ${group.id}`],
			[`memberAdded ${group.id}`],
			[`memberRemoved ${group.id}`],
			[`userDeleted ${user.id}`],
			[`groupDeleted ${group.id}`],
		]);
		// The polling trigger's item shapes.
		expect(runs[1][0]).toMatchObject({ objectType: 'user', changed: ['department'], object: { id: user.id, department: 'Finance' } });
		expect(runs[4][0]).toMatchObject({ member: { id: user.id, objectType: 'user' } });
		expect(trigger.answers.filter((answer) => answer.status === 202).length).toBeGreaterThanOrEqual(8);
	});

	it('emits a change once when Graph batches, duplicates and delays its notifications', async () => {
		Object.assign(t.notifier().knobs, { duplicateRate: 1, batchWindowMs: 100, deliveryDelayMs: 50 });
		const delivered = t.notifier().deliveries.length;
		const trigger = await t.activate({ event: ['userCreated', 'userUpdated'] });
		const users = [newUser(t), newUser(t), newUser(t)];
		t.sandbox.store.updateUser(users[0].id, { jobTitle: 'Engineer' });
		await trigger.executions(1);
		await sleep(600);
		const events = trigger.emitted.flat();
		expect(summary(events).sort()).toEqual(users.map((user) => `userCreated ${user.id}`).sort());
		// The later update folds into the creation of the same round.
		expect(events.find((event) => event.id === users[0].id)).toMatchObject({ object: { jobTitle: 'Engineer' } });
		const changes = t.notifier().deliveries.slice(delivered).filter((delivery) => delivery.kind === 'change');
		// Four changes, each notified twice, in batched POSTs.
		expect(changes.reduce((sum, delivery) => sum + delivery.count, 0)).toBe(8);
		expect(changes.length).toBeLessThan(8);
	});

	it('emits each of many quick changes once, whatever order the notifications overlap in', async () => {
		const trigger = await t.activate({ event: ['userCreated'] });
		const users = Array.from({ length: 10 }, () => newUser(t));
		await trigger.executions(1);
		await sleep(500);
		expect(summary(trigger.emitted.flat()).sort()).toEqual(users.map((user) => `userCreated ${user.id}`).sort());
	});

	it('emits once when Graph sends again because n8n answered too slowly', async () => {
		Object.assign(t.notifier().knobs, { answerTimeoutMs: 200, retryBaseMs: 100 });
		const trigger = await t.activate({ event: ['userCreated'] });
		const delivered = t.notifier().deliveries.length;
		trigger.stallMs = 300;
		const user = newUser(t);
		await sleep(1200);
		trigger.stallMs = 0;
		const attempts = t.notifier().deliveries.slice(delivered).filter((delivery) => delivery.kind === 'change');
		expect(attempts.length).toBeGreaterThanOrEqual(2);
		expect(attempts[0]).toMatchObject({ status: 0, attempt: 0 });
		expect(summary(trigger.emitted.flat())).toEqual([`userCreated ${user.id}`]);
	});

	it('reads nothing and emits nothing for a notification without the activation\'s clientState', async () => {
		const trigger = await t.activate({ event: ['userCreated'] });
		const [subscription] = [...t.notifier().subscriptions.values()];
		t.sandbox.clearLog();
		expect(await t.notifier().forge(trigger.url, subscription.id)).toBe(202);
		await sleep(200);
		expect(trigger.emitted).toEqual([]);
		expect(t.requests()).toEqual([]);
	});

	it('answers at once, before its Graph reads finish', async () => {
		const trigger = await t.activate({ event: ['userCreated'] });
		t.sandbox.faults.latencyMs = 400;
		newUser(t);
		await trigger.executions(1);
		t.sandbox.faults.latencyMs = 0;
		const change = trigger.answers.find((answer) => answer.status === 202)!;
		expect(change.ms).toBeLessThan(200);
	});
});
