import { appOnlyCredential, delegatedCredential } from '../../helpers/setup';
import { InstantTrigger } from '../../runner/webhook';
import { newUser, sleep, summary, useInstant } from './harness';

const MAX_MS = 41_760 * 60 * 1000;

describe('Instant Trigger: subscriptions', () => {
	const t = useInstant();

	it('subscribes to users and groups with Graph\'s rules, after the handshake', async () => {
		const trigger = await t.activate({ event: ['userCreated', 'groupUpdated'] });
		const subscriptions = [...t.notifier().subscriptions.values()];
		expect(subscriptions.map((s) => s.resource).sort()).toEqual(['/groups', '/users']);
		for (const subscription of subscriptions) {
			expect(subscription).toMatchObject({ changeType: 'updated,deleted', notificationUrl: trigger.url, lifecycleNotificationUrl: trigger.url });
			expect(String(subscription.clientState).length).toBeGreaterThanOrEqual(32);
			expect(Date.parse(subscription.expirationDateTime) - Date.now()).toBeLessThanOrEqual(MAX_MS);
			expect(Date.parse(subscription.expirationDateTime) - Date.now()).toBeGreaterThan(MAX_MS - 2 * 3600 * 1000);
		}
		const handshakes = trigger.answers.filter((answer) => answer.body.startsWith('Validation: '));
		expect(handshakes).toHaveLength(4);
		for (const answer of handshakes) expect(answer).toMatchObject({ status: 200, contentType: 'text/plain; charset=utf-8' });
		expect(trigger.state.subscriptions!.map((s) => s.id).sort()).toEqual(subscriptions.map((s) => s.id).sort());
	});

	it('subscribes to the members of the chosen groups only', async () => {
		const groupId = t.sandbox.store.listGroups()[0].id as string;
		await t.activate({ event: ['memberAdded'], groupIds: groupId });
		expect([...t.notifier().subscriptions.values()].map((s) => s.resource)).toEqual([`/groups/${groupId}/members`]);
	});

	it('renews its subscriptions when n8n starts again instead of subscribing twice', async () => {
		const trigger = await t.activate({ event: ['userCreated'] });
		const before = [...t.notifier().subscriptions.keys()];
		t.sandbox.clearLog();
		await trigger.restart();
		expect([...t.notifier().subscriptions.keys()]).toEqual(before);
		expect(t.requests().map((entry) => `${entry.method} ${entry.path}`)).toEqual([`PATCH /v1.0/subscriptions/${before[0]}`]);
	});

	it('leaves no subscription behind when the workflow is deactivated', async () => {
		const trigger = await t.activate({ event: ['userCreated', 'groupCreated', 'memberAdded'] });
		expect(t.notifier().subscriptions.size).toBe(2);
		await trigger.deactivate();
		expect(t.notifier().subscriptions.size).toBe(0);
		expect(trigger.state.clientState).toBeUndefined();
	});

	it('keeps the editor\'s test listening apart from the published workflow\'s subscriptions', async () => {
		const trigger = await t.activate({ event: ['userCreated'] });
		const [production] = [...t.notifier().subscriptions.keys()];
		await trigger.listenForTest();
		const urls = [...t.notifier().subscriptions.values()].map((s) => s.notificationUrl);
		expect(urls.sort()).toEqual([trigger.testUrl, trigger.url].sort());
		const user = newUser(t);
		const [run] = await trigger.executions(1);
		expect(summary(run)).toEqual([`userCreated ${user.id}`]);
		await sleep(300);
		expect(trigger.testEmitted.map(summary)).toEqual([[`userCreated ${user.id}`]]);
		await trigger.stopListening();
		expect([...t.notifier().subscriptions.keys()]).toEqual([production]);
		expect(trigger.state.subscriptions!.map((s) => s.id)).toEqual([production]);
	});

	it('fails the activation with Graph\'s error when the handshake is not answered in time, leaving nothing behind', async () => {
		// Graph allows 10 s; here any answer is too late.
		t.notifier().knobs.handshakeTimeoutMs = 1;
		const failure = t.activate({ event: ['userCreated', 'groupCreated'] });
		await expect(failure).rejects.toThrow(/could not validate n8n's webhook URL/);
		await expect(failure).rejects.toMatchObject({ description: expect.stringContaining('Subscription validation request failed') });
		expect(t.notifier().subscriptions.size).toBe(0);
		expect(t.notifier().deliveries.at(-1)).toMatchObject({ kind: 'validation', status: 0 });
	});

	it('works with the app-only credential too', async () => {
		t.runner.setCredential('entraIdAppOnlyApi', appOnlyCredential(t.sandbox, 'clientSecret'));
		const trigger = await t.activate({ event: ['userCreated'] }, { credentialType: 'entraIdAppOnlyApi' });
		const user = newUser(t);
		const [run] = await trigger.executions(1);
		expect(summary(run)).toEqual([`userCreated ${user.id}`]);
	});

	it('refuses, before any request, a webhook URL Microsoft\'s cloud cannot reach', async () => {
		const global = { ...delegatedCredential(t.sandbox), cloud: 'global' };
		t.runner.setCredential('entraIdOAuth2Api', global);
		try {
			for (const base of ['http://n8n.example.com/webhook', 'https://localhost:5678/webhook', 'https://192.168.1.20/webhook']) {
				await expect(InstantTrigger.activate(t.runner, { parameters: { event: ['userCreated'] }, webhookBaseUrl: base })).rejects.toThrow(/cannot deliver notifications to n8n's webhook URL/);
			}
		} finally {
			t.runner.setCredential('entraIdOAuth2Api', delegatedCredential(t.sandbox));
		}
		expect(t.requests()).toEqual([]);
		await sleep(10);
	});
});
