'use strict';
// /subscriptions (Graph v1.0 subscription resource type: create, get, list, update, delete,
// reauthorize) for users and groups. Delivery, handshake, expiry and lifecycle events live in
// ../notifier.js; the rules checked here are the ones Graph documents for directory resources:
// - changeType: `updated` and `deleted` only (`created` is refused);
// - resource: users, users/{id}, groups, groups/{id}, groups/{id}/members, groups/{id}/owners;
// - notificationUrl (and lifecycleNotificationUrl) https; the sandbox, a local Graph, also accepts
//   http on a loopback host. Both are validated by the handshake before the subscription exists;
// - expirationDateTime at most 41,760 minutes ahead; clientState at most 128 characters;
// - at most 100 subscriptions per app and tenant (403);
// - an expired or deleted subscription is 404.
const { randomUUID } = require('node:crypto');
const { GraphError, badRequest } = require('../errors');

const MAX_MINUTES = 41_760;
const QUOTA = 100;
const RESOURCE = /^\/?(users|groups)(\/[0-9a-f-]{36}(\/(members|owners))?)?$/i;

const invalidRequest = (message) => new GraphError(400, 'InvalidRequest', message);
const gone = () => new GraphError(404, 'ResourceNotFound', 'The object was not found.');

const notifierOf = (ctx) => ctx.state.notifier;

function checkUrl(name, value) {
	if (value === undefined || value === null) return;
	let url;
	try {
		url = new URL(String(value));
	} catch {
		throw invalidRequest(`The ${name} '${value}' is not a valid URL.`);
	}
	const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) throw invalidRequest(`The ${name} '${value}' must use the https protocol.`);
}

function render(subscription) {
	const { reauthTimer, expiryTimer, ...rest } = subscription;
	return rest;
}

function subscriptionOr404(ctx, id) {
	const subscription = notifierOf(ctx).subscriptions.get(id);
	if (!subscription) throw gone();
	return subscription;
}

function expiration(value) {
	const asked = Date.parse(String(value ?? ''));
	if (!value || Number.isNaN(asked)) throw invalidRequest('expirationDateTime is a required property for subscription creation.');
	if (asked <= Date.now()) throw invalidRequest('Subscription expiration must be in the future.');
	if (asked > Date.now() + MAX_MINUTES * 60 * 1000) throw invalidRequest(`Subscription expiration can only be ${MAX_MINUTES} minutes in the future.`);
	return asked;
}

async function create(ctx) {
	const notifier = notifierOf(ctx);
	const body = ctx.body ?? {};
	for (const name of ['changeType', 'notificationUrl', 'resource']) if (!body[name]) throw invalidRequest(`${name} is a required property for subscription creation.`);
	const changeTypes = String(body.changeType).split(',').map((type) => type.trim());
	if (!changeTypes.every((type) => ['created', 'updated', 'deleted'].includes(type))) throw invalidRequest(`Invalid changeType '${body.changeType}'.`);
	if (!RESOURCE.test(String(body.resource))) throw invalidRequest(`Resource '${body.resource}' is not supported.`);
	if (changeTypes.includes('created')) throw invalidRequest(`The changeType 'created' is not supported for the resource '${body.resource}'; creation arrives as 'updated'.`);
	checkUrl('notificationUrl', body.notificationUrl);
	checkUrl('lifecycleNotificationUrl', body.lifecycleNotificationUrl);
	if (body.clientState !== undefined && String(body.clientState).length > 128) throw invalidRequest('clientState cannot be longer than 128 characters.');
	const asked = expiration(body.expirationDateTime);
	const appId = ctx.principal?.appId ?? null;
	if ([...notifier.subscriptions.values()].filter((s) => s.applicationId === appId).length >= QUOTA) {
		throw new GraphError(403, 'ExtensionError', `Subscription quota exceeded: at most ${QUOTA} subscriptions per app and tenant for users and groups.`);
	}
	for (const url of [body.notificationUrl, body.lifecycleNotificationUrl].filter(Boolean)) {
		if (!(await notifier.validate(url))) {
			throw new GraphError(400, 'ValidationError', 'Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.');
		}
	}
	const subscription = {
		id: randomUUID(),
		resource: String(body.resource),
		applicationId: appId,
		changeType: changeTypes.join(','),
		clientState: body.clientState ?? null,
		notificationUrl: String(body.notificationUrl),
		notificationQueryOptions: null,
		lifecycleNotificationUrl: body.lifecycleNotificationUrl ?? null,
		expirationDateTime: new Date(notifier.grant(asked)).toISOString(),
		creatorId: ctx.principal?.userId ?? ctx.principal?.appId ?? null,
		includeResourceData: false,
		latestSupportedTlsVersion: 'v1_2',
		encryptionCertificate: null,
		encryptionCertificateId: null,
		notificationUrlAppId: null,
	};
	notifier.add(subscription);
	return { status: 201, body: { '@odata.context': `${ctx.base}/$metadata#subscriptions/$entity`, ...render(subscription) } };
}

function list(ctx) {
	const value = [...notifierOf(ctx).subscriptions.values()].map((s) => ({ ...render(s), clientState: null }));
	return { status: 200, body: { '@odata.context': `${ctx.base}/$metadata#subscriptions`, value } };
}

function get(ctx, { id }) {
	return { status: 200, body: { '@odata.context': `${ctx.base}/$metadata#subscriptions/$entity`, ...render(subscriptionOr404(ctx, id)), clientState: null } };
}

function update(ctx, { id }) {
	const subscription = subscriptionOr404(ctx, id);
	const body = ctx.body ?? {};
	if (body.expirationDateTime === undefined) throw badRequest('expirationDateTime is required.', 'InvalidRequest');
	const notifier = notifierOf(ctx);
	subscription.expirationDateTime = new Date(notifier.grant(expiration(body.expirationDateTime))).toISOString();
	notifier.schedule(subscription);
	return { status: 200, body: { '@odata.context': `${ctx.base}/$metadata#subscriptions/$entity`, ...render(subscription), clientState: null } };
}

function remove(ctx, { id }) {
	if (!notifierOf(ctx).remove(id)) throw gone();
	return { status: 204 };
}

function reauthorize(ctx, { id }) {
	subscriptionOr404(ctx, id);
	return { status: 204 };
}

module.exports = [
	['POST', '/subscriptions', create],
	['GET', '/subscriptions', list],
	['GET', '/subscriptions/:id', get],
	['PATCH', '/subscriptions/:id', update],
	['DELETE', '/subscriptions/:id', remove],
	['POST', '/subscriptions/:id/reauthorize', reauthorize],
];
