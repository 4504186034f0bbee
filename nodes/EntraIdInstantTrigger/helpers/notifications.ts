import { timingSafeEqual } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import type { GraphClient } from '../../EntraId/transport/client';
import type { Settings } from '../../EntraIdTrigger/helpers/settings';
import { trackChanges } from '../../EntraIdTrigger/helpers/tracker';
import type { InstantState, Notification } from './state';
import type { SubscriptionState } from './subscriptions';
import { nearExpiry, needsReauthorization, renew, subscribe } from './subscriptions';

function sameSecret(given: unknown, expected: string | undefined): boolean {
	if (typeof given !== 'string' || !expected) return false;
	const a = Buffer.from(given);
	const b = Buffer.from(expected);
	return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The notifications of a POST body (a changeNotificationCollection) whose clientState is this
 * activation's secret. Anything else did not come from the subscriptions this trigger made.
 */
export function authentic(body: unknown, clientState: string | undefined): { notifications: Notification[]; rejected: number } {
	const value = (body as IDataObject | undefined)?.value;
	const items = Array.isArray(value) ? (value as IDataObject[]) : [];
	const notifications = items.filter((item) => sameSecret(item?.clientState, clientState) && typeof item.subscriptionId === 'string') as unknown as Notification[];
	return { notifications, rejected: items.length - notifications.length };
}

/**
 * Keeps each notified subscription alive: a new one when Graph removed it (or it is gone, 404),
 * a renewal on reauthorizationRequired or when little of its life is left. Each at most once a batch.
 */
async function keepAlive(graph: GraphClient, saved: InstantState, batch: Notification[], now: number) {
	const subscriptions = saved.subscriptions ?? [];
	const next = [...subscriptions];
	try {
		for (const [index, subscription] of subscriptions.entries()) {
			const notes = batch.filter((note) => note.subscriptionId === subscription.id);
			const removed = notes.some((note) => note.lifecycleEvent === 'subscriptionRemoved');
			const reauthorize = notes.some((note) => note.lifecycleEvent === 'reauthorizationRequired' && needsReauthorization(subscription, note));
			let kept: SubscriptionState | undefined = subscription;
			if (!removed && (reauthorize || (notes.length && nearExpiry(subscription, now)))) kept = await renew(graph, subscription, now);
			if (removed || !kept) kept = await subscribe(graph, subscription.resource, String(saved.notificationUrl), String(saved.clientState), now);
			next[index] = kept;
		}
	} finally {
		// What was renewed or replaced before a failure stays known.
		saved.subscriptions = next;
	}
}

/** One wake-up: keep the subscriptions alive, then read every change since the saved delta links. */
export async function readNotified(graph: GraphClient, settings: Settings, saved: InstantState, batch: Notification[]): Promise<IDataObject[]> {
	const now = Date.now();
	await keepAlive(graph, saved, batch, now);
	return await trackChanges(graph, settings, saved, now);
}
