import type { IDataObject } from 'n8n-workflow';

/** What the trigger remembers between polls, kept in the workflow's static data. */
export interface MemoryData {
	/** Last seen values of watched user properties, by user id: the source of `previous`. */
	values: Record<string, IDataObject>;
	/** Objects whose soft deletion was reported, with the time: a later purge is not a second event. */
	deleted: Record<string, number>;
	/** Objects whose creation was reported, with the time: a replayed creation is not a second event. */
	created: Record<string, number>;
}

/** Static data is saved with the workflow, so every map stays small: the oldest entries go first. */
export const MEMORY_LIMIT = 5000;
const DELETED_TTL_MS = 30 * 24 * 3600 * 1000;
const CREATED_TTL_MS = 24 * 3600 * 1000;

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A Map keeps insertion order, so "newest last" costs O(1) a change (a plain object's keys had to
 * be listed on every change), and ids such as "constructor" are plain keys, not inherited ones.
 */
function mapOf<T>(saved: unknown, accept: (value: unknown) => value is T): Map<string, T> {
	const map = new Map<string, T>();
	if (isRecord(saved)) for (const [key, value] of Object.entries(saved)) if (accept(value)) map.set(key, value);
	return map;
}

/** Moves a key to the end (newest) and drops the oldest beyond the limit. */
function touch<T>(map: Map<string, T>, key: string, value: T) {
	map.delete(key);
	map.set(key, value);
	while (map.size > MEMORY_LIMIT) map.delete(map.keys().next().value as string);
}

function prune(map: Map<string, number>, now: number, ttl: number) {
	for (const [key, time] of map) if (now - time > ttl) map.delete(key);
}

const isTime = (value: unknown): value is number => typeof value === 'number';

export class Memory {
	private constructor(
		private values: Map<string, IDataObject>,
		private readonly deleted: Map<string, number>,
		private readonly created: Map<string, number>,
	) {}

	/** A working copy: the saved data changes only when a poll commits. */
	static from(saved: unknown): Memory {
		const source = isRecord(saved) ? saved : {};
		const values = mapOf(source.values, isRecord) as Map<string, IDataObject>;
		for (const [id, value] of values) values.set(id, { ...value });
		return new Memory(values, mapOf(source.deleted, isTime), mapOf(source.created, isTime));
	}

	valuesOf(id: string): IDataObject | undefined {
		return this.values.get(id);
	}

	remember(id: string, values: IDataObject) {
		if (!Object.keys(values).length) return;
		touch(this.values, id, { ...this.values.get(id), ...values });
	}

	forgetValues(id?: string) {
		if (id === undefined) this.values = new Map();
		else this.values.delete(id);
	}

	wasDeleted(id: string) {
		return this.deleted.has(id);
	}

	markDeleted(id: string, now: number) {
		touch(this.deleted, id, now);
	}

	clearDeleted(id: string) {
		this.deleted.delete(id);
	}

	wasCreated(id: string) {
		return this.created.has(id);
	}

	markCreated(id: string, now: number) {
		touch(this.created, id, now);
	}

	toJSON(now: number): MemoryData {
		prune(this.deleted, now, DELETED_TTL_MS);
		prune(this.created, now, CREATED_TTL_MS);
		return { values: Object.fromEntries(this.values), deleted: Object.fromEntries(this.deleted), created: Object.fromEntries(this.created) };
	}
}
