import type { IDataObject } from 'n8n-workflow';

import type { Memory } from './memory';
import type { EventName, ObjectType, Settings } from './settings';

/** One output item: { event, objectType, id, object, changed?, previous?, removed?, member?, restored? }. */
export type TriggerEvent = IDataObject & { event: string; objectType: ObjectType; id: string; object: IDataObject };

export interface RoundContext {
	settings: Settings;
	memory: Memory;
	now: number;
	/** When the previous round began: an object created well before it that appears now was restored. */
	since: number;
}

/** Graph's clocks and replication may lag: only objects older than this before `since` count as restored. */
const RESTORE_MARGIN_MS = 3600 * 1000;

type Reference = IDataObject & { id?: string; '@removed'?: IDataObject };

const references = (item: IDataObject, name: string): Reference[] => {
	const value = item[`${name}@delta`];
	return Array.isArray(value) ? (value as Reference[]) : [];
};

const typeName = (reference: Reference) =>
	String(reference['@odata.type'] ?? '#microsoft.graph.directoryObject').replace(/^#?microsoft\.graph\./, '');

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function pick(object: IDataObject, names: string[]): IDataObject {
	const out: IDataObject = {};
	for (const name of names) if (name in object) out[name] = object[name];
	return out;
}

/** The object without OData annotations (@odata.type, @removed, members@delta …). */
function plain(item: IDataObject): IDataObject {
	const object: IDataObject = {};
	for (const [key, value] of Object.entries(item)) if (!key.includes('@')) object[key] = value;
	return object;
}

/**
 * Turns the items of one delta round, in Graph's order, into events. Graph may list an object more
 * than once in a round (a large group spans pages, a change can be replayed), so each object gives
 * at most one created/updated/deleted event per round, merged, at its first position.
 */
export class EventFolder {
	readonly events: TriggerEvent[] = [];

	private readonly last = new Map<string, TriggerEvent>();

	private readonly memberships = new Set<string>();

	constructor(private readonly ctx: RoundContext) {}

	add(objectType: ObjectType, item: IDataObject) {
		const id = String(item.id);
		const removed = item['@removed'] as IDataObject | undefined;
		if (removed) return this.removed(objectType, id, removed);
		const object = objectType === 'user' ? this.userObject(item) : plain(item);
		// createdDateTime never changes, so under Prefer: return=minimal only a new (or restored) object carries it.
		if ('createdDateTime' in object) this.appeared(objectType, id, object);
		else if (objectType === 'user') this.userUpdated(id, object, item);
		else this.groupUpdated(id, object);
		if (objectType === 'group') for (const reference of references(item, 'members')) this.member(id, object, reference);
	}

	private emit(event: TriggerEvent, track = true) {
		if (track) this.last.set(event.id, event);
		if (this.ctx.settings.events.has(event.event as EventName)) this.events.push(event);
	}

	/** The user with manager@delta turned into `manager: { id } | null`. */
	private userObject(item: IDataObject): IDataObject {
		const object = plain(item);
		const managers = references(item, 'manager');
		if (managers.length) {
			const current = managers.filter((reference) => !reference['@removed']).at(-1);
			object.manager = current ? { id: current.id } : null;
		}
		return object;
	}

	private removed(objectType: ObjectType, id: string, removed: IDataObject) {
		const event = `${objectType}Deleted`;
		const last = this.last.get(id);
		if (last?.event === event) return;
		const { memory, now } = this.ctx;
		const reason = String(removed.reason ?? 'deleted');
		const reported = memory.wasDeleted(id);
		const previous = memory.valuesOf(id);
		memory.forgetValues(id);
		if (reason === 'changed') memory.markDeleted(id, now);
		else memory.clearDeleted(id);
		// A purge (reason deleted) or a replay after a deletion already reported is no new event.
		if (reported && !last) return;
		this.emit({ event, objectType, id, object: { id }, removed: { reason }, ...(previous ? { previous } : {}) });
	}

	private appeared(objectType: ObjectType, id: string, object: IDataObject) {
		const event = `${objectType}Created`;
		const last = this.last.get(id);
		if (last?.event === event) {
			Object.assign(last.object, object);
			return;
		}
		const { memory, now, since, settings } = this.ctx;
		const created = Date.parse(String(object.createdDateTime));
		const restored = last?.event === `${objectType}Deleted` || memory.wasDeleted(id) || created < since - RESTORE_MARGIN_MS;
		if (!restored && !last && memory.wasCreated(id)) return;
		memory.clearDeleted(id);
		memory.markCreated(id, now);
		if (objectType === 'user') memory.remember(id, pick(object, settings.watched));
		this.emit({ event, objectType, id, object, ...(restored ? { restored: true } : {}) });
	}

	private userUpdated(id: string, object: IDataObject, item: IDataObject) {
		const changed = Object.keys(object).filter((key) => key !== 'id');
		if (!changed.length) return;
		const { memory, settings } = this.ctx;
		const last = this.last.get(id);
		if (last && last.event !== 'userDeleted') return this.merge(last, object, changed);
		const relevant = settings.watched.length ? changed.filter((name) => settings.watched.includes(name)) : changed;
		if (!relevant.length) return;
		const known = memory.valuesOf(id) ?? {};
		// A watched value seen before and unchanged now (changed and changed back, or a replay) is no change.
		if (settings.watched.length && relevant.every((name) => name in known && same(known[name], object[name]))) return;
		const previous = pick(known, changed);
		const formerManager = references(item, 'manager').find((reference) => reference['@removed']);
		if (formerManager && !('manager' in previous)) previous.manager = { id: formerManager.id };
		memory.remember(id, pick(object, settings.watched));
		this.emit({
			event: 'userUpdated',
			objectType: 'user',
			id,
			object,
			changed,
			...(Object.keys(previous).length ? { previous } : {}),
		});
	}

	private groupUpdated(id: string, object: IDataObject) {
		const changed = Object.keys(object).filter((key) => key !== 'id');
		if (!changed.length) return;
		const last = this.last.get(id);
		if (last && last.event !== 'groupDeleted') return this.merge(last, object, changed);
		this.emit({ event: 'groupUpdated', objectType: 'group', id, object, changed });
	}

	private merge(event: TriggerEvent, object: IDataObject, changed: string[]) {
		Object.assign(event.object, object);
		if (Array.isArray(event.changed)) event.changed = [...new Set([...(event.changed as string[]), ...changed])];
		if (event.objectType === 'user') this.ctx.memory.remember(event.id, pick(object, this.ctx.settings.watched));
	}

	private member(groupId: string, group: IDataObject, reference: Reference) {
		const removed = reference['@removed'];
		const event = removed ? 'memberRemoved' : 'memberAdded';
		const key = `${groupId}/${String(reference.id)}/${event}`;
		if (this.memberships.has(key)) return;
		this.memberships.add(key);
		const { groupIds } = this.ctx.settings;
		if (groupIds && !groupIds.has(groupId.toLowerCase())) return;
		this.emit(
			{
				event,
				objectType: 'group',
				id: groupId,
				object: { ...group },
				member: { id: reference.id, objectType: typeName(reference) },
				...(removed ? { removed: { reason: removed.reason ?? 'deleted' } } : {}),
			},
			false,
		);
	}
}
