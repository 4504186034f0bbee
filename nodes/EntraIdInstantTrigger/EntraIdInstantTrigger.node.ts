import { randomBytes, randomUUID } from 'node:crypto';
import type { IHookFunctions, INodeProperties, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { nodeBase } from '../EntraId/descriptions/node';
import { GraphClient } from '../EntraId/transport/client';
import { properties as pollingProperties } from '../EntraIdTrigger/description';
import { readSettings } from '../EntraIdTrigger/helpers/settings';
import { startTracking, triggerError } from '../EntraIdTrigger/helpers/tracker';
import { checkNotificationUrl } from './helpers/notificationUrl';
import { authentic, readNotified } from './helpers/notifications';
import type { InstantState } from './helpers/state';
import { forget, freshState, remember, serialize } from './helpers/state';
import { renew, resourcesFor, subscribe, unsubscribe } from './helpers/subscriptions';

const properties: INodeProperties[] = [
	...pollingProperties,
	{
		displayName:
			'Microsoft Graph posts change notifications to this workflow\'s production URL, which must be public https (n8n\'s WEBHOOK_URL). Behind a firewall, use the polling Microsoft Entra ID Admin Trigger. Needs the read permissions above for each subscription.',
		name: 'webhookNotice',
		type: 'notice',
		default: '',
	},
];

type TriggerContext = IHookFunctions | IWebhookFunctions;

/** What to do about the errors Graph gives when it subscribes. */
const SUBSCRIBE_ADVICE = {
	ValidationError:
		'Microsoft Graph could not validate n8n\'s webhook URL: Graph calls it when it subscribes and needs the answer within 10 seconds. Check that WEBHOOK_URL is the public https address of this n8n and that nothing in front of it blocks or delays POST requests.',
};

/**
 * The editor's "Listen for test event" subscribes on the test URL while the published workflow may
 * hold subscriptions of its own: each keeps its state apart, so neither removes the other's. n8n
 * runs the test's create and webhook calls in manual mode, and its delete on the test URL.
 */
function isTest(ctx: TriggerContext): boolean {
	if (ctx.getMode() === 'manual') return true;
	const test = (ctx.getWorkflowStaticData('node') as { test?: InstantState }).test;
	return !!test?.notificationUrl && test.notificationUrl === ctx.getNodeWebhookUrl('default');
}

function stateOf(ctx: TriggerContext): InstantState {
	const data = ctx.getWorkflowStaticData('node') as InstantState & { test?: InstantState };
	if (!isTest(ctx)) return data;
	data.test ??= {};
	return data.test;
}

const keyOf = (ctx: TriggerContext) => `${ctx.getWorkflow().id ?? ''}:${ctx.getNode().id}:${isTest(ctx) ? 'test' : 'production'}`;

/** Removes the subscriptions this trigger holds; true when Graph no longer has any of them. */
async function removeSubscriptions(graph: GraphClient, saved: InstantState): Promise<boolean> {
	let removed = true;
	for (const subscription of saved.subscriptions ?? []) {
		try {
			await unsubscribe(graph, subscription.id);
		} catch {
			// It lapses by itself at its expiry; its notifications no longer pass the clientState check.
			removed = false;
		}
	}
	delete saved.subscriptions;
	delete saved.clientState;
	return removed;
}

export class EntraIdInstantTrigger implements INodeType {
	description: INodeTypeDescription = {
		...nodeBase('Microsoft Entra ID Admin Instant Trigger', 'entraIdInstantTrigger', 'trigger'),
		icon: { light: 'file:../../icons/entraId.svg', dark: 'file:../../icons/entraId.dark.svg' },
		subtitle: '={{ ($parameter["event"] || []).join(", ") }}',
		description: 'Starts the workflow within seconds when Microsoft Entra ID users, groups or group memberships change (Graph change notifications)',
		inputs: [],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties,
	};

	webhookMethods = {
		default: {
			/** On activation and each n8n start: renew what is saved instead of subscribing twice. */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const saved = freshState(keyOf(this), stateOf(this));
				const settings = readSettings(this);
				const wanted = resourcesFor(this.getNode(), settings);
				const held = (saved.subscriptions ?? []).map((subscription) => subscription.resource);
				const same = held.length === wanted.length && wanted.every((resource) => held.includes(resource));
				if (!same || !saved.clientState || saved.notificationUrl !== this.getNodeWebhookUrl('default')) return false;
				try {
					const graph = await GraphClient.create(this, settings.authentication);
					const renewed = [];
					for (const subscription of saved.subscriptions ?? []) {
						const kept = await renew(graph, subscription);
						if (!kept) return false;
						renewed.push(kept);
					}
					saved.subscriptions = renewed;
					remember(keyOf(this), saved);
					return true;
				} catch (error) {
					throw triggerError(this.getNode(), error);
				}
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const settings = readSettings(this);
				const resources = resourcesFor(this.getNode(), settings);
				const key = keyOf(this);
				const saved = freshState(key, stateOf(this));
				let graph: GraphClient | undefined;
				try {
					graph = await GraphClient.create(this, settings.authentication);
					const url = checkNotificationUrl(this.getNode(), this.getNodeWebhookUrl('default'), graph.root);
					await removeSubscriptions(graph, saved);
					// Links first: a change made while subscribing is read with the first notification.
					await startTracking(graph, settings, saved);
					const clientState = randomBytes(32).toString('base64url');
					Object.assign(saved, { clientState, notificationUrl: url, generation: randomUUID(), activatedAt: Date.now(), revision: 0, subscriptions: [] });
					for (const resource of resources) saved.subscriptions = [...(saved.subscriptions ?? []), await subscribe(graph, resource, url, clientState)];
					remember(key, saved);
					return true;
				} catch (error) {
					// Half an activation holds nothing: subscriptions made before the failure go again.
					if (graph && saved.subscriptions?.length) await removeSubscriptions(graph, saved);
					forget(key);
					throw triggerError(this.getNode(), error, SUBSCRIBE_ADVICE);
				}
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				const key = keyOf(this);
				const saved = freshState(key, stateOf(this));
				forget(key);
				if (!saved.subscriptions?.length) return true;
				// Deactivation goes on whatever the parameters or the credential became since.
				const authentication = this.getNodeParameter('authentication', 'oAuth2') as string;
				const graph = await GraphClient.create(this, authentication).catch(() => undefined);
				if (graph) return await removeSubscriptions(graph, saved);
				delete saved.subscriptions;
				delete saved.clientState;
				return false;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const res = this.getResponseObject();
		const token = (this.getQueryData() as { validationToken?: unknown }).validationToken;
		if (typeof token === 'string') {
			// Graph's handshake: the decoded token, as plain text, within 10 seconds.
			res.statusCode = 200;
			res.setHeader('Content-Type', 'text/plain; charset=utf-8');
			res.setHeader('X-Content-Type-Options', 'nosniff');
			res.end(token);
			return { noWebhookResponse: true };
		}
		const key = keyOf(this);
		const saved = freshState(key, stateOf(this));
		if (!saved.clientState) {
			// Subscribed, but the activation is not saved yet (another n8n process): Graph sends again after a 5xx.
			res.statusCode = 503;
			res.end();
			return { noWebhookResponse: true };
		}
		const { notifications, rejected } = authentic(this.getBodyData(), saved.clientState);
		// Answered before any work: Graph wants a 2xx within 3 seconds, and the delta read does the rest.
		res.statusCode = 202;
		res.end();
		if (rejected) this.logger.warn(`Microsoft Entra ID Admin Instant Trigger ignored ${rejected} notification(s) without this activation's clientState`);
		if (!notifications.length) return { noWebhookResponse: true };
		const settings = readSettings(this);
		const events = await serialize(key, notifications, async (batch) => {
			const current = freshState(key, stateOf(this));
			try {
				const graph = await GraphClient.create(this, settings.authentication);
				return await readNotified(graph, settings, current, batch);
			} catch (error) {
				throw triggerError(this.getNode(), error, SUBSCRIBE_ADVICE);
			} finally {
				remember(key, current);
			}
		});
		if (!events.length) return { noWebhookResponse: true };
		return { noWebhookResponse: true, workflowData: [this.helpers.returnJsonArray(events)] };
	}
}
