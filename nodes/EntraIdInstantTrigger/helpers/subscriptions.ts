import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { GraphClient } from '../../EntraId/transport/client';
import { GraphError } from '../../EntraId/transport/errors';
import type { EventName, Settings } from '../../EntraIdTrigger/helpers/settings';

/** Graph's longest life for a subscription on users or groups is 41,760 minutes; an hour is kept for clock skew. */
export const LIFETIME_MS = (41_760 - 60) * 60 * 1000;

/**
 * Each subscription counts against Graph's 100 per app and tenant; the users and all-groups
 * subscriptions leave room for this many per-group member subscriptions, and other workflows.
 */
export const MAX_GROUP_SUBSCRIPTIONS = 50;

export interface SubscriptionState {
	id: string;
	resource: string;
	expiresAt: string;
	/** When it was created or last renewed here: the start of its granted life. */
	renewedAt: string;
}

const wants = (settings: Settings, names: EventName[]) => names.some((name) => settings.events.has(name));

/**
 * The resources to subscribe to. Directory subscriptions offer `updated` and `deleted` only; creation
 * and soft deletion arrive as `updated`. Member changes of chosen groups have a resource of their own.
 */
export function resourcesFor(node: INode, settings: Settings): string[] {
	const resources = new Set<string>();
	if (wants(settings, ['userCreated', 'userUpdated', 'userDeleted'])) resources.add('/users');
	if (wants(settings, ['groupCreated', 'groupUpdated', 'groupDeleted'])) resources.add('/groups');
	if (wants(settings, ['memberAdded', 'memberRemoved'])) {
		const groups = settings.groupIds ? [...settings.groupIds] : null;
		if (groups && groups.length > MAX_GROUP_SUBSCRIPTIONS) {
			throw new NodeOperationError(node, `The instant trigger watches the members of at most ${MAX_GROUP_SUBSCRIPTIONS} groups [parameter "groupIds"]`, {
				description: 'Each group needs its own Microsoft Graph subscription (at most 100 per app and tenant). Leave Group IDs empty to watch every group.',
			});
		}
		if (groups) for (const id of groups) resources.add(`/groups/${id}/members`);
		else resources.add('/groups');
	}
	return [...resources];
}

const expiry = (now: number) => new Date(now + LIFETIME_MS).toISOString();

function state(body: IDataObject, resource: string, now: number): SubscriptionState {
	return { id: String(body.id), resource, expiresAt: String(body.expirationDateTime), renewedAt: new Date(now).toISOString() };
}

/** POST /subscriptions: Graph validates the URL (the handshake) before it answers. */
export async function subscribe(graph: GraphClient, resource: string, notificationUrl: string, clientState: string, now = Date.now()): Promise<SubscriptionState> {
	const { body } = await graph.request({
		method: 'POST',
		url: '/subscriptions',
		body: {
			changeType: 'updated,deleted',
			notificationUrl,
			// The same URL: reauthorizationRequired is Graph's only lifecycle event for directory resources.
			lifecycleNotificationUrl: notificationUrl,
			resource,
			expirationDateTime: expiry(now),
			clientState,
		},
	});
	return state(body, resource, now);
}

const isGone = (error: unknown) => error instanceof GraphError && error.status === 404;

/** PATCH expirationDateTime: renews and reauthorizes at once. Undefined when Graph no longer has it (404). */
export async function renew(graph: GraphClient, subscription: SubscriptionState, now = Date.now()): Promise<SubscriptionState | undefined> {
	const call = { method: 'PATCH' as const, url: `/subscriptions/${encodeURIComponent(subscription.id)}`, body: { expirationDateTime: expiry(now) } };
	const outcome = await graph.request(call).then(
		(response) => ({ response }),
		(error: unknown) => ({ error }),
	);
	if (!('error' in outcome)) return state({ ...outcome.response.body, id: subscription.id }, subscription.resource, now);
	if (isGone(outcome.error)) return undefined;
	throw outcome.error;
}

/** DELETE; a subscription Graph no longer has counts as deleted. */
export async function unsubscribe(graph: GraphClient, id: string): Promise<void> {
	const outcome = await graph.request({ method: 'DELETE', url: `/subscriptions/${encodeURIComponent(id)}` }).then(
		() => ({}),
		(error: unknown) => ({ error }),
	);
	if ('error' in outcome && !isGone(outcome.error)) throw outcome.error;
}

const grantedLife = (subscription: SubscriptionState) => Date.parse(subscription.expiresAt) - Date.parse(subscription.renewedAt);

/** Close to expiry: less than a quarter of its granted life left. */
export const nearExpiry = (subscription: SubscriptionState, now: number) => Date.parse(subscription.expiresAt) - now < grantedLife(subscription) / 4;

/**
 * A reauthorizationRequired is answered unless it was sent before this trigger's last renewal (a
 * duplicate, or one delayed): then Graph already has the later expiry the renewal set.
 */
export const needsReauthorization = (subscription: SubscriptionState, note: { subscriptionExpirationDateTime?: string }) =>
	!(Date.parse(note.subscriptionExpirationDateTime ?? '') < Date.parse(subscription.expiresAt) - 1000);
