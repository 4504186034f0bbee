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

/** Moves a key to the end (newest) and drops the oldest keys beyond the limit. */
function touch<T>(map: Record<string, T>, key: string, value: T) {
	delete map[key];
	map[key] = value;
	const keys = Object.keys(map);
	for (const old of keys.slice(0, Math.max(0, keys.length - MEMORY_LIMIT))) delete map[old];
}

function prune(map: Record<string, number>, now: number, ttl: number) {
	for (const [key, time] of Object.entries(map)) if (now - time > ttl) delete map[key];
}

export class Memory {
	private constructor(private readonly data: MemoryData) {}

	/** A working copy: the saved data changes only when a poll commits. */
	static from(saved: unknown): Memory {
		const source = isRecord(saved) ? saved : {};
		const copy = (value: unknown) => (isRecord(value) ? JSON.parse(JSON.stringify(value)) : {});
		return new Memory({ values: copy(source.values), deleted: copy(source.deleted), created: copy(source.created) });
	}

	valuesOf(id: string): IDataObject | undefined {
		return this.data.values[id];
	}

	remember(id: string, values: IDataObject) {
		if (!Object.keys(values).length) return;
		touch(this.data.values, id, { ...this.data.values[id], ...values });
	}

	forgetValues(id?: string) {
		if (id === undefined) this.data.values = {};
		else delete this.data.values[id];
	}

	wasDeleted(id: string) {
		return id in this.data.deleted;
	}

	markDeleted(id: string, now: number) {
		touch(this.data.deleted, id, now);
	}

	clearDeleted(id: string) {
		delete this.data.deleted[id];
	}

	wasCreated(id: string) {
		return id in this.data.created;
	}

	markCreated(id: string, now: number) {
		touch(this.data.created, id, now);
	}

	toJSON(now: number): MemoryData {
		prune(this.data.deleted, now, DELETED_TTL_MS);
		prune(this.data.created, now, CREATED_TTL_MS);
		return this.data;
	}
}
