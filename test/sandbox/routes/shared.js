'use strict';
// Helpers every resource route uses: object lookup (with the replication-delay fault),
// reference URLs, collection paging, single-object responses and $expand.
const { badRequest, notFound, invalidId, segmentNotFound, requiredValue, missingParameters } = require('../errors');
const { parseQuery, parseSelect, project, contextUrl } = require('../odata');
const { schemas } = require('../schema');
const { TYPE } = require('../store');

const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CASTS = { 'microsoft.graph.user': 'user', 'microsoft.graph.group': 'group' };
const EXPANDABLE = { user: ['manager', 'directReports', 'memberOf'], group: ['members', 'owners', 'memberOf'] };
const EXPAND_LIMIT = 20;

/** A just-created object is invisible to other requests until replication catches up (fault knob). */
function checkReplication(ctx, id) {
	const delay = ctx.state.faults.replicationDelayMs;
	if (delay > 0 && ctx.store.ageMs(id) < delay) {
		ctx.state.faultCounts.replication404++;
		throw notFound(id);
	}
}

function userById(ctx, idOrUpn) {
	const record = ctx.store.getUser(idOrUpn);
	if (!record) throw notFound(idOrUpn);
	checkReplication(ctx, record.id);
	return record;
}

function groupById(ctx, id) {
	if (!GUID_RE.test(id)) throw invalidId(id);
	const record = ctx.store.getGroup(id);
	if (!record) throw notFound(id);
	checkReplication(ctx, id);
	return record;
}

function objectById(ctx, id) {
	if (!GUID_RE.test(id)) throw invalidId(id);
	const found = ctx.store.getObject(id);
	if (!found) throw notFound(id);
	checkReplication(ctx, id);
	return found;
}

/** The object id at the end of an `@odata.id` / `@odata.bind` URL (…/directoryObjects/{id}, …/users/{id}). */
function idFromRef(url) {
	const match = typeof url === 'string' && /^https?:\/\/[^/]+\/(?:v1\.0|beta)\/(?:directoryObjects|users|groups)(?:\/|\(')([^/')]+)'?\)?$/i.exec(url);
	if (!match) throw badRequest('Invalid URL format specified in payload.');
	return decodeURIComponent(match[1]);
}

/** The JSON object a POST/PATCH must carry. */
function jsonBody(ctx) {
	if (ctx.body === undefined) throw badRequest('Empty Payload. JSON content expected.', 'BadRequest');
	if (!ctx.body || typeof ctx.body !== 'object' || Array.isArray(ctx.body)) {
		throw badRequest('Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.', 'BadRequest');
	}
	return ctx.body;
}

function render(ctx, record, select, typed, expand = []) {
	const out = project(record, schemas[record[TYPE]], select, typed);
	for (const item of expand) out[item.name] = expanded(ctx, record, item);
	return out;
}

function expanded(ctx, record, { name, select }) {
	const { store } = ctx;
	const fields = (type) => (select ? parseSelect(select, schemas[type]) : null);
	if (name === 'manager') {
		const manager = store.getUser(store.managerOf(record.id) ?? '');
		return manager ? render(ctx, manager, fields('user'), true) : undefined;
	}
	const ids = {
		directReports: () => store.directReports(record.id),
		memberOf: () => store.memberOf(record.id),
		members: () => store.membersOf(record.id),
		owners: () => store.ownersOf(record.id),
	}[name]();
	return ids.slice(0, EXPAND_LIMIT).map((id) => {
		const { record: linked, type } = store.getObject(id);
		return render(ctx, linked, select ? fields(type) : null, true);
	});
}

function nextLink(ctx, token) {
	if (ctx.state.faults.foreignNextLink) return ctx.state.faults.foreignNextLink;
	const parts = [];
	for (const [key, value] of ctx.query) {
		if (key.toLowerCase() !== '$skiptoken') parts.push(`${encodeURIComponent(key).replace(/^%24/, '$')}=${encodeURIComponent(value)}`);
	}
	parts.push(`$skiptoken=${token}`);
	return `${ctx.base}${ctx.rawPath}?${parts.join('&')}`;
}

function sortRecords(records, orderby) {
	const { prop, desc } = orderby[0];
	const keyed = records.map((r) => [String(r[prop] ?? '').toLowerCase(), r]);
	keyed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
	if (desc) keyed.reverse();
	return keyed.map(([, r]) => r);
}

/**
 * A paged collection answer. `load()` returns the records in Graph's default order; the first
 * request filters and sorts them once into a server-side snapshot, and every @odata.nextLink is a
 * slice of it. `schema` is what $select/$filter are checked against; `set` names the collection
 * in @odata.context; `typed` adds @odata.type (collections of directoryObjects).
 */
function listResponse(ctx, { schema, load, set, typed = false, countOnly = false, live = (r) => ctx.store.getObject(r.id)?.record === r }) {
	const q = parseQuery(ctx, schema, { expandable: EXPANDABLE[schema.type] ?? [] });
	if (countOnly && !q.eventual) throw badRequest('$count is not currently supported.');
	const scope = ctx.rawPath;
	let cursor;
	if (q.skiptoken) {
		cursor = ctx.state.pager.load(q.skiptoken, scope);
	} else {
		let records = load();
		if (q.filter) records = records.filter(q.filter);
		if (q.search) records = records.filter(q.search);
		if (countOnly) return { status: 200, text: String(records.length) };
		if (q.orderby) records = sortRecords(records, q.orderby);
		cursor = { snapshot: { scope, records, count: records.length }, offset: 0 };
	}
	const { snapshot, offset } = cursor;
	// Graph may serve fewer objects than $top on a page (the maxPageSize knob), the rest through nextLink.
	const end = offset + Math.min(q.top, ctx.state.faults.maxPageSize || q.top);
	const body = { '@odata.context': contextUrl(ctx.base, set, q.select) };
	if (q.count) body['@odata.count'] = snapshot.count;
	if (end < snapshot.records.length) body['@odata.nextLink'] = nextLink(ctx, ctx.state.pager.save(snapshot, end));
	body.value = snapshot.records
		.slice(offset, end)
		.filter(live)
		.map((r) => render(ctx, r, q.select, typed, q.expand));
	return { status: 200, body };
}

/** A single object, with $select and $expand. */
function entityResponse(ctx, record, { set, typed = false, status = 200 }) {
	const schema = schemas[record[TYPE]];
	const q = parseQuery(ctx, typed ? schemas.directoryObject : schema, { collection: false, expandable: EXPANDABLE[schema.type] });
	const body = { '@odata.context': contextUrl(ctx.base, set, q.select, true), ...render(ctx, record, q.select, typed, q.expand) };
	return { status, body };
}

/**
 * Registers a relationship collection (members, memberOf …) with its /$count and OData cast
 * variants: /x, /x/$count, /x/microsoft.graph.user, /x/microsoft.graph.group/$count.
 */
function relationship(routes, path, loadIds) {
	const list = (ctx, params, cast, countOnly) => {
		const type = cast ? CASTS[cast.toLowerCase()] : null;
		if (cast && !type) throw segmentNotFound(cast);
		const records = () =>
			loadIds(ctx, params)
				.map((id) => ctx.store.getObject(id))
				.filter((found) => found && (!type || found.type === type))
				.map((found) => found.record);
		return listResponse(ctx, {
			schema: schemas[type ?? 'directoryObject'],
			load: records,
			set: type ? schemas[type].set : 'directoryObjects',
			typed: !type,
			countOnly,
		});
	};
	routes.push(
		['GET', path, (ctx, p) => list(ctx, p, null, false)],
		['GET', `${path}/$count`, (ctx, p) => list(ctx, p, null, true)],
		['GET', `${path}/:cast`, (ctx, p) => list(ctx, p, p.cast, false)],
		['GET', `${path}/:cast/$count`, (ctx, p) => list(ctx, p, p.cast, true)],
	);
}

/** getMemberGroups / checkMemberGroups for any directory object (users, groups, directoryObjects). */
function memberGroupActions(routes, path, resolve) {
	const stringCollection = (ctx, value) => ({ status: 200, body: { '@odata.context': `${ctx.base}/$metadata#Collection(Edm.String)`, value } });
	routes.push(
		['POST', `${path}/getMemberGroups`, (ctx, params) => {
			const id = resolve(ctx, params).id;
			const body = jsonBody(ctx);
			if (typeof body.securityEnabledOnly !== 'boolean') throw missingParameters('getMemberGroups', ['securityEnabledOnly']);
			const ids = ctx.store.transitiveMemberOf(id).filter((g) => !body.securityEnabledOnly || ctx.store.getGroup(g).securityEnabled);
			return stringCollection(ctx, ids);
		}],
		['POST', `${path}/checkMemberGroups`, (ctx, params) => {
			const id = resolve(ctx, params).id;
			const { groupIds } = jsonBody(ctx);
			if (!Array.isArray(groupIds)) throw missingParameters('checkMemberGroups', ['groupIds']);
			if (groupIds.length > 20) throw badRequest('The number of group ids in the request exceeds the maximum of 20.');
			for (const groupId of groupIds) if (typeof groupId !== 'string' || !GUID_RE.test(groupId)) throw invalidId(String(groupId));
			const memberOf = new Set(ctx.store.transitiveMemberOf(id));
			return stringCollection(ctx, groupIds.filter((g) => memberOf.has(g.toLowerCase())));
		}],
	);
}

const EDM_NAMES = { s: 'Edm.String', b: 'Edm.Boolean', d: 'Edm.DateTimeOffset', '[s]': 'Collection(Edm.String)', o: 'microsoft.graph.complexType' };
const conversionError = (type) =>
	badRequest(`Cannot convert a primitive value to the expected type '${EDM_NAMES[type] ?? type}'. See the inner exception for more details.`, 'BadRequest');
const VALUE_OK = {
	s: (v) => typeof v === 'string',
	b: (v) => typeof v === 'boolean',
	d: (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)),
	'[s]': (v) => Array.isArray(v) && v.every((x) => typeof x === 'string'),
	o: (v) => typeof v === 'object' && !Array.isArray(v),
};

/**
 * Checks a POST/PATCH body against the schema as Graph's OData layer does: unknown properties,
 * read-only ones and wrong JSON types are refused. `@odata.*` annotations are left to the caller.
 * Returns the plain property patch.
 */
function writableProps(body, schema) {
	const patch = {};
	for (const [key, value] of Object.entries(body)) {
		if (key.includes('@odata.')) continue;
		const type = schema.props[key];
		if (!type) {
			throw badRequest(`The property '${key}' does not exist on type 'microsoft.graph.${schema.type}'. Make sure to only use property names that are defined by the type or mark the type as open type.`, 'BadRequest');
		}
		if (schema.readOnly.includes(key)) throw badRequest(`Property '${key}' is read-only and cannot be set.`);
		if (value !== null && VALUE_OK[type] && !VALUE_OK[type](value)) throw conversionError(type);
		patch[key] = value;
	}
	return patch;
}

/** Checks the properties Graph requires on create; returns the body. */
function requireProps(body, names) {
	for (const name of names) {
		if (body[name] === undefined || body[name] === null || body[name] === '') throw requiredValue(name);
	}
	return body;
}

module.exports = {
	GUID_RE,
	checkReplication,
	userById,
	groupById,
	objectById,
	idFromRef,
	jsonBody,
	render,
	listResponse,
	entityResponse,
	relationship,
	memberGroupActions,
	requireProps,
	writableProps,
};
