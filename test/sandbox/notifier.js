'use strict';
// Graph's change notification service for the sandbox's subscriptions, as learn.microsoft.com/graph/
// change-notifications-delivery-webhooks, change-notifications-lifecycle-events and the subscription
// resource type describe it for users and groups:
// - the handshake: POST {url}?validationToken=<opaque, URL-encoded> with Content-Type text/plain,
//   answered within 10 s by 200, text/plain, the decoded token; anything else fails the subscription.
// - users and groups notify `updated` for a creation, a change and a soft deletion, `deleted` for a
//   deletion for good; a notification carries the object's id only (resourceData), and the clientState.
// - notifications to one URL may come batched in one POST ({ value: [...] }).
// - a delivery not answered with 2xx within 3 s is sent again with growing delays for up to 4 hours.
// - before a subscription expires, reauthorizationRequired goes to its lifecycleNotificationUrl; at
//   expiry Graph deletes it, and the subscription's URLs then answer 404.
// Knobs (sb.subscriptions.knobs) shorten lifetimes and windows and add Graph's delivery quirks.
const { randomUUID } = require('node:crypto');

const MINUTE = 60 * 1000;
const MAX_TIMEOUT = 2 ** 31 - 1;

const DEFAULT_KNOBS = {
	/** Granted life: at most this long from now, whatever was asked (null: as asked). */
	lifetimeMs: null,
	/** reauthorizationRequired this long before expiry (at most a third of the granted life). */
	reauthorizeBeforeMs: 60 * MINUTE,
	handshakeTimeoutMs: 10_000,
	answerTimeoutMs: 3000,
	/** Notifications to one URL wait this long and go out together. */
	batchWindowMs: 0,
	/** Every delivery waits this long first. */
	deliveryDelayMs: 0,
	/** Fraction of change notifications delivered twice. */
	duplicateRate: 0,
	retryBaseMs: 1000,
	retryWindowMs: 4 * 60 * MINUTE,
};

class Notifier {
	constructor(store, rng) {
		this.store = store;
		this.rng = rng;
		this.knobs = { ...DEFAULT_KNOBS };
		/** id -> subscription (with its timers in `timers`). */
		this.subscriptions = new Map();
		/** Every POST the service made: { kind: 'validation' | 'change' | 'lifecycle', url, count, status, ms, attempt, time, subscriptionIds }. */
		this.deliveries = [];
		this.timers = new Set();
		this.aborts = new Set();
		this.queues = new Map(); // url -> { items, timer }
		this.closed = false;
		store.watchers.push((entry) => this.onChange(entry));
	}

	// ------------------------------------------------------------ clock

	/** A handle for fn in ms; delays beyond setTimeout's 24.8 days are chained. */
	later(ms, fn) {
		const handle = { timer: null };
		const arm = (left) => {
			const step = Math.min(Math.max(0, left), MAX_TIMEOUT);
			handle.timer = setTimeout(() => {
				this.timers.delete(handle);
				if (this.closed) return;
				if (left > MAX_TIMEOUT) arm(left - MAX_TIMEOUT);
				else fn();
			}, step);
			handle.timer.unref?.();
			this.timers.add(handle);
		};
		arm(ms);
		return handle;
	}

	cancel(handle) {
		if (!handle) return;
		clearTimeout(handle.timer);
		this.timers.delete(handle);
	}

	/** The expiry Graph grants for an asked one. */
	grant(asked) {
		const { lifetimeMs } = this.knobs;
		return lifetimeMs == null ? asked : Math.min(asked, Date.now() + lifetimeMs);
	}

	schedule(subscription) {
		this.cancel(subscription.reauthTimer);
		this.cancel(subscription.expiryTimer);
		const expires = Date.parse(subscription.expirationDateTime);
		const life = expires - Date.now();
		const lead = Math.min(this.knobs.reauthorizeBeforeMs, life / 3);
		if (subscription.lifecycleNotificationUrl) subscription.reauthTimer = this.later(life - lead, () => this.reauthorize(subscription));
		subscription.expiryTimer = this.later(life, () => this.subscriptions.delete(subscription.id));
	}

	add(subscription) {
		this.subscriptions.set(subscription.id, subscription);
		this.schedule(subscription);
	}

	remove(id) {
		const subscription = this.subscriptions.get(id);
		if (!subscription) return false;
		this.cancel(subscription.reauthTimer);
		this.cancel(subscription.expiryTimer);
		this.subscriptions.delete(id);
		return true;
	}

	// ------------------------------------------------------------ HTTP out

	async post(url, { body, text }, timeoutMs) {
		const controller = new AbortController();
		this.aborts.add(controller);
		const timer = setTimeout(() => controller.abort(), timeoutMs);
		const started = Date.now();
		try {
			const response = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': text !== undefined ? 'text/plain; charset=utf-8' : 'application/json' },
				body: text ?? JSON.stringify(body),
				signal: controller.signal,
			});
			const answer = await response.text();
			return { status: response.status, type: response.headers.get('content-type') ?? '', answer, ms: Date.now() - started };
		} catch {
			return { status: 0, type: '', answer: '', ms: Date.now() - started };
		} finally {
			clearTimeout(timer);
			this.aborts.delete(controller);
		}
	}

	/** The handshake for one URL: true when it echoed the token as text/plain in time. */
	async validate(url) {
		const token = `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`;
		const target = new URL(url);
		target.searchParams.set('validationToken', token);
		const result = await this.post(target.toString(), { text: '' }, this.knobs.handshakeTimeoutMs);
		this.deliveries.push({ kind: 'validation', url, count: 0, status: result.status, ms: result.ms, attempt: 0, time: Date.now(), subscriptionIds: [] });
		return result.status === 200 && result.type.toLowerCase().startsWith('text/plain') && result.answer === token;
	}

	/** Sends one POST of notifications, again with growing delays until answered 2xx in time or the window closes. */
	async deliver(url, kind, items, firstTry = Date.now(), attempt = 0) {
		if (this.closed) return;
		const result = await this.post(url, { body: { value: items } }, this.knobs.answerTimeoutMs);
		const ok = result.status >= 200 && result.status < 300 && result.ms <= this.knobs.answerTimeoutMs;
		this.deliveries.push({ kind, url, count: items.length, status: result.status, ms: result.ms, attempt, time: Date.now(), subscriptionIds: items.map((item) => item.subscriptionId) });
		if (ok) return;
		const delay = this.knobs.retryBaseMs * 2 ** attempt;
		if (Date.now() + delay - firstTry > this.knobs.retryWindowMs) return;
		this.later(delay, () => void this.deliver(url, kind, items, firstTry, attempt + 1));
	}

	enqueue(url, kind, item) {
		if (kind === 'lifecycle' || this.knobs.batchWindowMs <= 0) {
			this.later(this.knobs.deliveryDelayMs, () => void this.deliver(url, kind, [item]));
			return;
		}
		let queue = this.queues.get(url);
		if (!queue) {
			queue = { items: [] };
			this.queues.set(url, queue);
			this.later(this.knobs.deliveryDelayMs + this.knobs.batchWindowMs, () => {
				this.queues.delete(url);
				void this.deliver(url, kind, queue.items);
			});
		}
		queue.items.push(item);
	}

	// ------------------------------------------------------------ notifications

	/** Subscriptions whose resource covers a journal entry, with the changeType and resource path to report. */
	targets(entry) {
		const out = [];
		const gone = entry.kind === 'purged' || (entry.kind === 'deleted' && !this.store.deleted.has(entry.id));
		const changeType = gone ? 'deleted' : 'updated';
		for (const subscription of this.subscriptions.values()) {
			const resource = subscription.resource.replace(/^\/+/, '').toLowerCase();
			const [collection, id, navigation] = resource.split('/');
			if (collection !== `${entry.objectType}s`) continue;
			const isMembers = entry.kind === 'memberAdded' || entry.kind === 'memberRemoved';
			if (navigation === 'members') {
				if (isMembers && id === entry.id) out.push({ subscription, changeType: entry.kind === 'memberAdded' ? 'updated' : 'deleted', path: `Groups/${entry.id}/Members/${entry.memberId}` });
				continue;
			}
			if (navigation || (id && id !== entry.id)) continue;
			out.push({ subscription, changeType, path: `${entry.objectType === 'user' ? 'Users' : 'Groups'}/${entry.id}` });
		}
		return out;
	}

	onChange(entry) {
		for (const { subscription, changeType, path } of this.targets(entry)) {
			if (!subscription.changeType.split(',').includes(changeType)) continue;
			const id = path.split('/').at(-1);
			const item = {
				id: randomUUID(),
				subscriptionId: subscription.id,
				subscriptionExpirationDateTime: subscription.expirationDateTime,
				changeType,
				resource: path,
				resourceData: { '@odata.type': `#Microsoft.Graph.${entry.objectType === 'user' || path.includes('/Members/') ? 'User' : 'Group'}`, '@odata.id': path, id, organizationId: this.store.tenantId },
				clientState: subscription.clientState ?? null,
				tenantId: this.store.tenantId,
			};
			this.enqueue(subscription.notificationUrl, 'change', item);
			if (this.knobs.duplicateRate > 0 && this.rng().next() < this.knobs.duplicateRate) this.enqueue(subscription.notificationUrl, 'change', item);
		}
	}

	reauthorize(subscription) {
		if (this.subscriptions.has(subscription.id)) this.lifecycle(subscription, 'reauthorizationRequired');
	}

	/** Sends a lifecycle notification for a subscription (also one Graph has just dropped). */
	lifecycle(subscription, lifecycleEvent) {
		this.enqueue(subscription.lifecycleNotificationUrl ?? subscription.notificationUrl, 'lifecycle', {
			subscriptionId: subscription.id,
			subscriptionExpirationDateTime: subscription.expirationDateTime,
			tenantId: this.store.tenantId,
			clientState: subscription.clientState ?? null,
			lifecycleEvent,
		});
	}

	/** A notification as a rogue sender would post it: a real subscription id, a wrong clientState. */
	async forge(url, subscriptionId = randomUUID(), objectId = randomUUID()) {
		const item = { subscriptionId, changeType: 'updated', resource: `Users/${objectId}`, resourceData: { id: objectId }, clientState: 'forged', tenantId: this.store.tenantId };
		const result = await this.post(url, { body: { value: [item] } }, this.knobs.answerTimeoutMs);
		this.deliveries.push({ kind: 'forged', url, count: 1, status: result.status, ms: result.ms, attempt: 0, time: Date.now(), subscriptionIds: [subscriptionId] });
		return result.status;
	}

	close() {
		this.closed = true;
		for (const handle of this.timers) clearTimeout(handle.timer);
		this.timers.clear();
		for (const controller of this.aborts) controller.abort();
	}
}

module.exports = { Notifier, DEFAULT_KNOBS };
