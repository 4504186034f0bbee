import { newUser, sleep, summary, useInstant } from './harness';

describe('Instant Trigger: staying alive', () => {
	const t = useInstant();

	it('renews on reauthorizationRequired, so the subscription outlives its first expiry and keeps delivering', async () => {
		Object.assign(t.notifier().knobs, { lifetimeMs: 3000, reauthorizeBeforeMs: 1500 });
		const trigger = await t.activate({ event: ['userCreated'] });
		const [subscription] = [...t.notifier().subscriptions.values()];
		const original = { ...subscription };
		const firstExpiry = Date.parse(subscription.expirationDateTime);
		await sleep(firstExpiry - Date.now() + 500);
		expect([...t.notifier().subscriptions.keys()]).toEqual([subscription.id]);
		expect(t.requests().filter((entry) => entry.method === 'PATCH').length).toBeGreaterThanOrEqual(1);
		const user = newUser(t);
		const [run] = await trigger.executions(1);
		expect(summary(run)).toEqual([`userCreated ${user.id}`]);
		// Each reauthorizationRequired gives one renewal; a late copy of the first one gives none. Graph's
		// own reauthorizations keep coming meanwhile, and the answer (202) goes before the renewal: wait
		// until every answered one was acted on.
		const patches = () => t.requests().filter((entry) => entry.method === 'PATCH').length;
		const reauthorizations = () => t.notifier().deliveries.filter((delivery) => delivery.kind === 'lifecycle' && delivery.status === 202).length;
		const settled = async (ignored: number) => {
			const deadline = Date.now() + 2000;
			while (patches() !== reauthorizations() - ignored && Date.now() < deadline) await sleep(50);
			return patches() - (reauthorizations() - ignored);
		};
		expect(await settled(0)).toBe(0);
		t.notifier().lifecycle(original, 'reauthorizationRequired');
		await sleep(300);
		expect(await settled(1)).toBe(0);
	});

	it('subscribes again when Graph no longer has the subscription (404), then catches up through delta', async () => {
		const trigger = await t.activate({ event: ['userCreated'] });
		const [dropped] = [...t.notifier().subscriptions.values()];
		t.notifier().remove(dropped.id);
		const missed = newUser(t);
		await sleep(200);
		expect(trigger.emitted).toEqual([]);
		// A reauthorizationRequired sent as Graph dropped it: the renewal answers 404.
		t.notifier().lifecycle(dropped, 'reauthorizationRequired');
		const [run] = await trigger.executions(1);
		expect(summary(run)).toEqual([`userCreated ${missed.id}`]);
		const [renewed] = [...t.notifier().subscriptions.values()];
		expect(renewed.id).not.toBe(dropped.id);
		expect(trigger.state.subscriptions!.map((s) => s.id)).toEqual([renewed.id]);
	});

	it('subscribes again at n8n\'s start when its subscription lapsed, and reads what changed meanwhile', async () => {
		const trigger = await t.activate({ event: ['userCreated'] });
		const [lapsed] = [...t.notifier().subscriptions.values()];
		t.notifier().remove(lapsed.id);
		const missed = newUser(t);
		await trigger.restart();
		expect(t.notifier().subscriptions.size).toBe(1);
		const later = newUser(t);
		const [run] = await trigger.executions(1);
		expect(summary(run)).toEqual([`userCreated ${missed.id}`, `userCreated ${later.id}`]);
	});
});
