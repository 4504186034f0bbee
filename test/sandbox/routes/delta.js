'use strict';
// GET /users/delta and /groups/delta (and their /microsoft.graph.delta() form): Graph's change
// tracking, built on the store's change journal, as learn.microsoft.com/graph/delta-query-overview,
// user-delta, group-delta, delta-query-users and delta-query-groups describe it:
// - tokens are opaque. A $deltatoken names a journal position and the round's query ($select,
//   $filter by id); a $skiptoken names a page of a round. Links carry nothing else.
// - A round is a snapshot taken at its first request: pages with @odata.nextLink, the last one with
//   @odata.deltaLink. Changes made while a client pages belong to the next round.
// - $deltatoken=latest answers only a deltaLink ("sync from now").
// - An object appears once per round with its net change: created or restored objects in full
//   (never-set properties left out), updated ones with every selected property, or with only the
//   changed ones under `Prefer: return=minimal`; removed ones as { id, @removed: { reason } },
//   `changed` while restorable from deleted items, `deleted` once gone for good.
// - $select limits tracking: a change to an unselected property does not show. `manager` (users)
//   and `members` (groups; tracked by default when $select is absent) arrive as manager@delta and
//   members@delta, removals marked @removed. A soft-deleted user keeps its memberships until purged.
// - A group whose members@delta is longer than `membersPerPage` comes back as several items.
// - Expired tokens (7 days, or deltaOf(store).expireTokens()) answer 400 syncStateNotFound;
//   deltaOf(store).resetSync() makes every earlier token answer 410 Gone with a Location header.
const { randomBytes } = require('node:crypto');
const { GraphError, unsupportedQuery } = require('../errors');
const { parseSelect, contextUrl } = require('../odata');
const { schemas } = require('../schema');

const DAY_MS = 24 * 3600 * 1000;
const SCHEMA = { users: schemas.user, groups: schemas.group };
const NAVIGATION = { users: ['manager'], groups: ['members'] };
const TOKEN_OPTIONS = ['$deltatoken', '$skiptoken'];
const QUERY_OPTIONS = ['$select', '$filter'];
const ID_FILTER_LIMIT = 50;
const ID_CLAUSE = /^\s*id\s+eq\s+'([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})'\s*$/i;

const expired = () =>
	new GraphError(400, 'syncStateNotFound', 'The sync state generation is not found. The delta token is expired and data must be synchronized again.');

/** Token state and test knobs of one directory. */
class DeltaTracker {
	constructor(store) {
		this.store = store;
		this.tokens = new Map();
		this.generation = 0;
		this.expiredBelow = 0;
		this.resetBelow = 0;
		this.pageSize = 100;
		this.membersPerPage = 100;
		this.tokenLifetimeMs = 7 * DAY_MS;
	}

	/** Every token issued so far answers 400 syncStateNotFound, as after seven days. */
	expireTokens() {
		this.expiredBelow = ++this.generation;
	}

	/** Every token issued so far answers 410 Gone (Graph's synchronization reset). */
	resetSync() {
		this.resetBelow = ++this.generation;
	}

	issue(state) {
		const token = randomBytes(24).toString('base64url');
		this.tokens.set(token, { ...state, generation: this.generation, issuedAt: Date.now() });
		return token;
	}

	load(token, type, set, ctx) {
		const state = this.tokens.get(token);
		if (!state || state.type !== type || state.set !== set) throw expired();
		if (state.generation < this.resetBelow) {
			const location = `${ctx.base}/${set}/delta${state.query.raw ? `?${state.query.raw}` : ''}`;
			throw new GraphError(410, 'resyncRequired', 'The delta token is no longer valid, and the app must reset the sync state.', { Location: location });
		}
		if (state.generation < this.expiredBelow || Date.now() - state.issuedAt > this.tokenLifetimeMs) throw expired();
		return state;
	}
}

const trackers = new WeakMap();

/** The delta state of a store: `deltaOf(sb.store).expireTokens()`, `.resetSync()`, `.pageSize`, `.membersPerPage`. */
function deltaOf(store) {
	let tracker = trackers.get(store);
	if (!tracker) trackers.set(store, (tracker = new DeltaTracker(store)));
	return tracker;
}

// ---------------------------------------------------------------- query

function readOptions(ctx) {
	const options = {};
	for (const [key, value] of ctx.query) {
		const name = key.toLowerCase();
		if (!name.startsWith('$')) continue;
		if (!TOKEN_OPTIONS.includes(name) && !QUERY_OPTIONS.includes(name)) throw unsupportedQuery('Unsupported Query.');
		options[name] = value;
	}
	return options;
}

/** $select (properties plus manager/members) and the only $filter delta takes: ids, up to 50. */
function parseQuery(set, options) {
	const schema = SCHEMA[set];
	const query = { props: schema.defaults, nav: set === 'groups' ? ['members'] : [], ids: null, selected: false, raw: '' };
	const raw = [];
	if (options.$select !== undefined) {
		const names = options.$select.split(',').map((s) => s.trim()).filter(Boolean);
		const nav = NAVIGATION[set].filter((n) => names.some((name) => name.toLowerCase() === n));
		const plain = names.filter((name) => !nav.includes(name.toLowerCase()));
		query.props = plain.length ? parseSelect(plain.join(','), schema) : [];
		query.nav = nav;
		query.selected = true;
		raw.push(`$select=${names.join(',')}`);
	}
	if (options.$filter !== undefined) {
		const clauses = options.$filter.split(/\s+or\s+/i).map((clause) => ID_CLAUSE.exec(clause));
		if (clauses.some((match) => !match) || clauses.length > ID_FILTER_LIMIT) throw unsupportedQuery('Unsupported Query.');
		query.ids = new Set(clauses.map((match) => match[1].toLowerCase()));
		raw.push(`$filter=${encodeURIComponent(options.$filter)}`);
	}
	query.raw = raw.join('&');
	return query;
}

// ---------------------------------------------------------------- rendering

/** The properties a record has set (Graph leaves never-set properties out of delta items). */
function present(record, props) {
	const out = {};
	for (const prop of props) if (record[prop] !== undefined && record[prop] !== null) out[prop] = record[prop];
	return out;
}

/** The changed properties with their new values, null when cleared. */
function changedOnly(record, props) {
	const out = {};
	for (const prop of props) out[prop] = record[prop] ?? null;
	return out;
}

const typeOf = (store, id) => store.getObject(id)?.type ?? store.deleted.get(id)?.type ?? 'user';
const reference = (store, id, removed) => ({
	'@odata.type': `#microsoft.graph.${typeOf(store, id)}`,
	id,
	...(removed ? { '@removed': { reason: 'deleted' } } : {}),
});
const removedItem = (store, id) => ({ id, '@removed': { reason: store.deleted.has(id) ? 'changed' : 'deleted' } });

/** Graph counts a soft-deleted object as still a member: its memberships end when it is purged. */
function visibleMember(store, groupId, id) {
	return store.isMember(groupId, id) || (store.deleted.get(id)?.links.memberOf ?? []).includes(groupId);
}

/** Journal entries with from < seq <= to (seq grows by one per entry). */
function journalWindow(store, from, to) {
	const { journal } = store;
	let lo = 0;
	let hi = journal.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (journal[mid].seq <= from) lo = mid + 1;
		else hi = mid;
	}
	const out = [];
	for (let i = lo; i < journal.length && journal[i].seq <= to; i++) out.push(journal[i]);
	return out;
}

/** A restore puts the object's own memberships back: for Graph they never ended, so they are no change. */
function restoredMemberships(entries) {
	const hidden = new Set();
	entries.forEach((entry, i) => {
		if (entry.kind !== 'created' || !entry.restored) return;
		for (let j = i + 1; j < entries.length && entries[j].kind === 'memberAdded' && entries[j].memberId === entry.id; j++) hidden.add(entries[j]);
	});
	return hidden;
}

function fullItem(store, set, record, query) {
	const item = { ...present(record, query.props), id: record.id };
	if (set === 'users' && query.nav.includes('manager')) {
		const manager = store.managerOf(record.id);
		if (manager) item['manager@delta'] = [reference(store, manager, false)];
	}
	if (set === 'groups' && query.nav.includes('members')) {
		const members = store.membersOf(record.id);
		if (members.length) item['members@delta'] = members.map((id) => reference(store, id, false));
	}
	return item;
}

/**
 * One summary per object changed in the window. Each part keeps the journal position of its first
 * change, so an object is placed by the first change it actually reports.
 */
function summarize(store, set, query, entries) {
	const type = SCHEMA[set].type;
	const hidden = set === 'groups' ? restoredMemberships(entries) : new Set();
	const changes = new Map();
	const note = (entry) => {
		let change = changes.get(entry.id);
		if (!change) changes.set(entry.id, (change = { created: null, removed: null, props: null, manager: null, members: new Map() }));
		return change;
	};
	for (const entry of entries) {
		if (entry.objectType !== type || (query.ids && !query.ids.has(entry.id))) continue;
		if (entry.kind === 'created') note(entry).created ??= entry.seq;
		else if (entry.kind === 'deleted' || entry.kind === 'purged') note(entry).removed = entry.seq;
		else if (entry.kind === 'updated') {
			const props = entry.changed.filter((prop) => query.props.includes(prop));
			const manager = entry.changed.includes('manager') && query.nav.includes('manager');
			if (!props.length && !manager) continue;
			const change = note(entry);
			if (props.length) {
				change.props ??= { seq: entry.seq, names: new Set() };
				for (const prop of props) change.props.names.add(prop);
			}
			if (manager) change.manager ??= { seq: entry.seq, before: entry.previousManagerId ?? null };
		} else if ((entry.kind === 'memberAdded' || entry.kind === 'memberRemoved') && query.nav.includes('members') && !hidden.has(entry)) {
			const change = note(entry);
			// The first change of a pair says whether it was a member before the window.
			if (!change.members.has(entry.memberId)) change.members.set(entry.memberId, { seq: entry.seq, wasMember: entry.kind === 'memberRemoved' });
		}
	}
	return changes;
}

/** The items of a round from journal position `from` to `to`, in the order of their first reported change. */
function changedItems(tracker, set, query, from, to, minimal) {
	const { store } = tracker;
	const placed = [];
	for (const [id, change] of summarize(store, set, query, journalWindow(store, from, to))) {
		const record = set === 'users' ? store.users.get(id) : store.groups.get(id);
		if (!record) {
			placed.push({ at: change.removed ?? Infinity, items: [removedItem(store, id)] });
			continue;
		}
		if (change.created !== null) {
			placed.push({ at: change.created, items: split(tracker, fullItem(store, set, record, query)) });
			continue;
		}
		const seqs = [];
		const props = change.props ? [...change.props.names] : [];
		if (change.props) seqs.push(change.props.seq);
		const item = minimal ? changedOnly(record, props) : present(record, query.props);
		if (change.manager) {
			const manager = store.managerOf(id) ?? null;
			if (manager !== change.manager.before) {
				item['manager@delta'] = [manager ? reference(store, manager, false) : reference(store, change.manager.before, true)];
				seqs.push(change.manager.seq);
			}
		}
		const members = [];
		for (const [member, { seq, wasMember }] of change.members) {
			if (wasMember === visibleMember(store, id, member)) continue;
			members.push(reference(store, member, wasMember));
			seqs.push(seq);
		}
		if (members.length) item['members@delta'] = members;
		if (!seqs.length) continue;
		item.id = id;
		placed.push({ at: Math.min(...seqs), items: split(tracker, item) });
	}
	return placed.sort((a, b) => a.at - b.at).flatMap((entry) => entry.items);
}

/** A long members@delta spreads over several items of the same group, each repeating its properties. */
function split(tracker, item) {
	const members = item['members@delta'];
	if (!members || members.length <= tracker.membersPerPage) return [item];
	const parts = [];
	for (let i = 0; i < members.length; i += tracker.membersPerPage) {
		parts.push({ ...item, 'members@delta': members.slice(i, i + tracker.membersPerPage) });
	}
	return parts;
}

// ---------------------------------------------------------------- responses

function page(ctx, tracker, set, round, offset) {
	const end = offset + tracker.pageSize;
	const select = round.query.selected ? [...round.query.props, ...round.query.nav] : null;
	const body = { '@odata.context': contextUrl(ctx.base, set, select) };
	const link = (name, token) => `${ctx.base}${ctx.rawPath}?${name}=${token}`;
	if (end < round.items.length) {
		body['@odata.nextLink'] = link('$skiptoken', tracker.issue({ type: 'page', set, query: round.query, round, offset: end }));
	} else {
		body['@odata.deltaLink'] = link('$deltatoken', tracker.issue({ type: 'delta', set, query: round.query, seq: round.to }));
	}
	body.value = round.items.slice(offset, end);
	const headers = round.minimal ? { 'Preference-Applied': 'return=minimal' } : undefined;
	return { status: 200, headers, body };
}

function delta(set) {
	return (ctx) => {
		const tracker = deltaOf(ctx.store);
		const { store } = tracker;
		const options = readOptions(ctx);
		const minimal = /(^|[\s,;])return=minimal\b/i.test(String(ctx.headers.prefer ?? ''));
		if (options.$skiptoken !== undefined) {
			const { round, offset } = tracker.load(options.$skiptoken, 'page', set, ctx);
			return page(ctx, tracker, set, round, offset);
		}
		const token = options.$deltatoken;
		if (token !== undefined && token.toLowerCase() !== 'latest') {
			const { query, seq } = tracker.load(token, 'delta', set, ctx);
			const to = store.seq;
			return page(ctx, tracker, set, { query, to, minimal, items: changedItems(tracker, set, query, seq, to, minimal) }, 0);
		}
		const query = parseQuery(set, options);
		if (token !== undefined) return page(ctx, tracker, set, { query, to: store.seq, minimal, items: [] }, 0);
		const records = set === 'users' ? store.listUsers() : store.listGroups();
		const items = records
			.filter((record) => !query.ids || query.ids.has(record.id))
			.flatMap((record) => split(tracker, fullItem(store, set, record, query)));
		return page(ctx, tracker, set, { query, to: store.seq, minimal: false, items }, 0);
	};
}

const routes = [];
for (const set of ['users', 'groups']) {
	routes.push(['GET', `/${set}/delta`, delta(set)], ['GET', `/${set}/microsoft.graph.delta()`, delta(set)]);
}

module.exports = { routes, deltaOf };
