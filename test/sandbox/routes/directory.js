'use strict';
// Tenant-wide resources: deleted items (list, get, restore, purge), directoryObjects,
// getByIds, subscribedSkus and organization.
const { badRequest, notFound, invalidId, segmentNotFound, missingParameters } = require('../errors');
const { schemas } = require('../schema');
const { contextUrl } = require('../odata');
const shared = require('./shared');

const CASTS = { 'microsoft.graph.user': 'user', 'microsoft.graph.group': 'group' };
const GET_BY_IDS_LIMIT = 1000;

/** /directory/deletedItems/{cast} lists one type; /directory/deletedItems/{id} is one item. */
function deletedItem(ctx, { item }, countOnly = false) {
	const type = CASTS[item.toLowerCase()];
	if (type) {
		return shared.listResponse(ctx, {
			schema: schemas[type],
			load: () => ctx.store.deletedItems(type),
			set: schemas[type].set,
			countOnly,
			live: (r) => ctx.store.getDeleted(r.id)?.record === r,
		});
	}
	if (countOnly) throw segmentNotFound(item);
	if (!shared.GUID_RE.test(item)) throw invalidId(item);
	const found = ctx.store.getDeleted(item);
	if (!found) throw notFound(item);
	return shared.entityResponse(ctx, found.record, { set: 'directoryObjects', typed: true });
}

function restore(ctx, { item }) {
	if (!shared.GUID_RE.test(item)) throw invalidId(item);
	const { record } = ctx.store.restore(item);
	return shared.entityResponse(ctx, record, { set: 'directoryObjects', typed: true });
}

function getByIds(ctx) {
	const { ids, types } = shared.jsonBody(ctx);
	if (!Array.isArray(ids)) throw missingParameters('getByIds', ['ids']);
	if (ids.length > GET_BY_IDS_LIMIT) throw badRequest(`The number of ids in the request exceeds the maximum of ${GET_BY_IDS_LIMIT}.`);
	const wanted = Array.isArray(types) ? types.map((t) => String(t).toLowerCase().replace(/^microsoft\.graph\./, '')) : null;
	const value = [];
	for (const id of ids) {
		if (typeof id !== 'string' || !shared.GUID_RE.test(id)) throw invalidId(String(id));
		const found = ctx.store.getObject(id.toLowerCase());
		if (found && (!wanted || wanted.includes(found.type))) value.push(shared.render(ctx, found.record, null, true));
	}
	return { status: 200, body: { '@odata.context': contextUrl(ctx.base, 'directoryObjects'), value } };
}

const collection = (ctx, set, value) => ({ status: 200, body: { '@odata.context': contextUrl(ctx.base, set), value } });

const routes = [
	['GET', '/directory/deletedItems', () => {
		throw badRequest('The OData cast type is a required part of the URI: use /directory/deletedItems/microsoft.graph.user or microsoft.graph.group.');
	}],
	['GET', '/directory/deletedItems/:item', (ctx, p) => deletedItem(ctx, p)],
	['GET', '/directory/deletedItems/:item/$count', (ctx, p) => deletedItem(ctx, p, true)],
	['POST', '/directory/deletedItems/:item/restore', restore],
	['DELETE', '/directory/deletedItems/:item', (ctx, p) => {
		if (!shared.GUID_RE.test(p.item)) throw invalidId(p.item);
		ctx.store.purge(p.item);
		return { status: 204 };
	}],
	['GET', '/directoryObjects/:id', (ctx, p) => shared.entityResponse(ctx, shared.objectById(ctx, p.id).record, { set: 'directoryObjects', typed: true })],
	['POST', '/directoryObjects/getByIds', getByIds],
	['GET', '/subscribedSkus', (ctx) => collection(ctx, 'subscribedSkus', ctx.store.skus)],
	['GET', '/subscribedSkus/:id', (ctx, p) => {
		const sku = ctx.store.skus.find((s) => s.id === p.id);
		if (!sku) throw notFound(p.id);
		return { status: 200, body: { '@odata.context': contextUrl(ctx.base, 'subscribedSkus', null, true), ...sku } };
	}],
	['GET', '/organization', (ctx) => collection(ctx, 'organization', [ctx.store.organization])],
	['GET', '/organization/:id', (ctx, p) => {
		if (p.id !== ctx.store.tenantId) throw notFound(p.id);
		return { status: 200, body: { '@odata.context': contextUrl(ctx.base, 'organization', null, true), ...ctx.store.organization } };
	}],
];
shared.memberGroupActions(routes, '/directoryObjects/:id', (ctx, p) => shared.objectById(ctx, p.id).record);

module.exports = routes;
