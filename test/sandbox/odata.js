'use strict';
// OData query options as Microsoft Graph applies them to directory objects: $select, $filter
// (filter.js), $search, $orderby, $top, $count, $expand and $skiptoken paging, with the
// advanced-query rules (ConsistencyLevel: eventual + $count=true) of
// https://learn.microsoft.com/graph/aad-advanced-queries.
const { randomBytes } = require('node:crypto');
const { GraphError, badRequest, unsupportedQuery, noProperty } = require('./errors');
const { canonical, emptyValue } = require('./schema');
const { compileFilter } = require('./filter');
const { checkSignInActivity } = require('./governance');

const KNOWN_OPTIONS = new Set(['$select', '$filter', '$search', '$orderby', '$top', '$count', '$skiptoken', '$expand', '$skip', '$format']);
const MAX_PAGE = 999;
const DEFAULT_PAGE = 100;
const SIGN_IN_ACTIVITY_PAGE = 500;

// ---------------------------------------------------------------- $search, $select, $orderby, $expand

/** `"displayName:wa" OR "mail:adele"`: each word must start a word of the property's value. */
function compileSearch(text, schema) {
	const clauses = [];
	const re = /\s*(?:"([^"]*)"|(AND|OR))\s*/gy;
	let m;
	while (re.lastIndex < text.length && (m = re.exec(text))) clauses.push(m[1] !== undefined ? { term: m[1] } : { op: m[2] });
	if (re.lastIndex < text.length || !clauses.length || !clauses[0].term) throw unsupportedQuery('Unsupported Query.');
	const tests = [];
	let op = 'OR';
	for (const clause of clauses) {
		if (clause.op) {
			op = clause.op;
			continue;
		}
		const colon = clause.term.indexOf(':');
		if (colon < 1) throw unsupportedQuery('Unsupported Query.');
		const prop = canonical(schema, clause.term.slice(0, colon));
		if (!prop || !schema.search.includes(prop)) {
			throw unsupportedQuery(`Unsupported or invalid query filter clause specified for property '${clause.term.slice(0, colon)}' of resource '${schema.resource}'.`);
		}
		const words = clause.term.slice(colon + 1).toLowerCase().split(/\s+/).filter(Boolean);
		const matches = (rec) => {
			const raw = rec[prop];
			const values = Array.isArray(raw) ? raw : raw ? [raw] : [];
			return values.some((value) => {
				const text = String(value).toLowerCase();
				const parts = text.split(/[\s@._\-,()/:]+/);
				return words.every((w) => text.startsWith(w) || parts.some((part) => part.startsWith(w)));
			});
		};
		tests.push({ op, matches });
	}
	return (rec) => tests.reduce((acc, { op: join, matches }, i) => (i === 0 ? matches(rec) : join === 'AND' ? acc && matches(rec) : acc || matches(rec)), false);
}

function parseSelect(text, schema) {
	const names = text.split(',').map((s) => s.trim()).filter(Boolean);
	return names.map((name) => {
		const prop = canonical(schema, name);
		if (!prop) {
			throw badRequest(`Parsing OData Select and Expand failed: Could not find a property named '${name}' on type 'microsoft.graph.${schema.type}'.`, 'BadRequest');
		}
		return prop;
	});
}

/** `manager($select=id,displayName),members` -> [{ name, select }] */
function parseExpand(text, schema, allowed) {
	const items = [];
	const re = /\s*([A-Za-z]+)\s*(?:\(\s*\$select=([^)]*)\))?\s*(,|$)/gy;
	let m;
	while (re.lastIndex < text.length && (m = re.exec(text))) {
		const name = allowed.find((a) => a.toLowerCase() === m[1].toLowerCase());
		if (!name) {
			throw badRequest(`Parsing OData Select and Expand failed: Could not find a property named '${m[1]}' on type 'microsoft.graph.${schema.type}'.`, 'BadRequest');
		}
		items.push({ name, select: m[2] });
		if (!m[3]) break;
	}
	if (re.lastIndex < text.length) throw badRequest('Parsing OData Select and Expand failed: Syntax error.', 'BadRequest');
	return items;
}

const sortingUnsupported = () => unsupportedQuery('Sorting not supported for current query.');

function parseOrderBy(text, schema, advanced) {
	return text.split(',').map((part) => {
		const [name, dir = 'asc', extra] = part.trim().split(/\s+/);
		const prop = name && canonical(schema, name);
		if (!prop) throw noProperty(name ?? '', schema.type);
		const level = schema.orderby[prop];
		if (extra || !['asc', 'desc'].includes(dir.toLowerCase()) || !level || (level === 'advanced' && !advanced)) {
			throw sortingUnsupported();
		}
		return { prop, desc: dir.toLowerCase() === 'desc' };
	});
}

// ---------------------------------------------------------------- the whole query

/**
 * Reads the query options of a GET. `collection` is false for a single object, where only
 * $select and $expand apply. Returns { select, expand, filter, search, orderby, top, count, skiptoken, eventual }.
 */
function parseQuery(ctx, schema, { collection = true, expandable = [] } = {}) {
	const opts = {};
	for (const [key, value] of ctx.query) {
		const name = key.toLowerCase();
		if (!name.startsWith('$')) continue;
		if (!KNOWN_OPTIONS.has(name)) throw badRequest(`The query parameter '${key}' is not supported.`, 'BadRequest');
		if (name in opts) throw badRequest(`Query option '${key}' was specified more than once, but it must be specified at most once.`, 'BadRequest');
		opts[name] = value;
	}
	const eventual = String(ctx.headers.consistencylevel ?? '').toLowerCase() === 'eventual';
	const countRequested = String(opts.$count ?? '').toLowerCase() === 'true';
	const advanced = eventual && countRequested;
	const q = {
		select: opts.$select ? parseSelect(opts.$select, schema) : null,
		expand: opts.$expand ? parseExpand(opts.$expand, schema, expandable) : [],
		filter: null,
		search: null,
		orderby: null,
		top: DEFAULT_PAGE,
		// Without ConsistencyLevel: eventual, Graph silently ignores $count=true.
		count: advanced,
		skiptoken: opts.$skiptoken ?? null,
		eventual,
	};
	if (!collection) return q;
	if (opts.$skip !== undefined) throw badRequest("'$skip' is not supported by the service.");
	if (opts.$top !== undefined) {
		const top = /^\d+$/.test(opts.$top) ? Number(opts.$top) : NaN;
		if (!(top >= 1 && top <= MAX_PAGE)) {
			throw unsupportedQuery(`Invalid page size specified: '${opts.$top}'. Must be between 1 and ${MAX_PAGE} inclusive.`);
		}
		q.top = top;
	}
	// Graph serves at most 500 users a page when signInActivity is selected or filtered on, whatever $top asked.
	const rawFilter = opts.$filter ?? '';
	if (schema.type === 'user' && (q.select?.includes('signInActivity') || /\bsignInActivity\b/i.test(rawFilter))) {
		q.top = Math.min(q.top, SIGN_IN_ACTIVITY_PAGE);
		checkSignInActivity(ctx, rawFilter);
	}
	if (opts.$search !== undefined) {
		if (!eventual) {
			throw unsupportedQuery("Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'");
		}
		q.search = compileSearch(opts.$search, schema);
	}
	if (opts.$filter !== undefined) q.filter = compileFilter(opts.$filter, schema, advanced);
	if (opts.$orderby !== undefined) {
		if (q.filter && !advanced) throw sortingUnsupported();
		q.orderby = parseOrderBy(opts.$orderby, schema, advanced);
	}
	return q;
}

// ---------------------------------------------------------------- paging and projection

/**
 * Server-side cursors behind opaque $skiptoken values. A cursor is a snapshot of matching ids
 * (taken once per query, so every page is a slice, never a rescan) and an offset; the same
 * token can be fetched again, as a client retrying a page does.
 */
class Pager {
	constructor(limit = 5000) {
		this.cursors = new Map();
		this.limit = limit;
	}

	save(snapshot, offset) {
		const token = `RFNwdAIA${randomBytes(18).toString('base64url')}`;
		this.cursors.set(token, { snapshot, offset });
		if (this.cursors.size > this.limit) this.cursors.delete(this.cursors.keys().next().value);
		return token;
	}

	load(token, scope) {
		const cursor = this.cursors.get(token);
		if (!cursor || cursor.snapshot.scope !== scope) {
			throw new GraphError(400, 'Directory_ExpiredPageToken', 'The specified page token value has expired and can no longer be included in your request.');
		}
		return cursor;
	}
}

/** A record as Graph shows it: the selected (or default) properties, nulls for unset ones. */
function project(rec, schema, select, typed) {
	const out = typed ? { '@odata.type': `#microsoft.graph.${schema.type}` } : {};
	for (const prop of select ?? schema.defaults) {
		if (!(prop in schema.props)) continue;
		out[prop] = prop === 'passwordProfile' ? null : (rec[prop] ?? emptyValue(schema, prop));
	}
	return out;
}

function contextUrl(base, set, select, entity) {
	return `${base}/$metadata#${set}${select ? `(${select.join(',')})` : ''}${entity ? '/$entity' : ''}`;
}

module.exports = { parseQuery, parseSelect, Pager, project, contextUrl };
