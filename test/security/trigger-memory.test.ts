import { Memory, MEMORY_LIMIT } from '../../nodes/EntraIdTrigger/helpers/memory';

// The trigger's memory (what it saved between polls) keeps the newest MEMORY_LIMIT entries of each
// kind, newest last, at O(1) a change: `npm run bench:trigger` measures a poll of 100,000 changes.
// These checks pin what the Map-based memory must keep doing, whatever the number of changes.
describe('Trigger memory', () => {
	test('100,000 creations keep the newest 5,000, in order, through a save and a restart', () => {
		const memory = Memory.from(undefined);
		const now = Date.now();
		for (let n = 0; n < 100_000; n++) memory.markCreated(`user-${n}`, now);
		const saved = JSON.parse(JSON.stringify(memory.toJSON(now))) as { created: Record<string, number> };
		const keys = Object.keys(saved.created);
		expect(keys).toHaveLength(MEMORY_LIMIT);
		expect(keys[0]).toBe(`user-${100_000 - MEMORY_LIMIT}`);
		expect(keys.at(-1)).toBe('user-99999');
		const restarted = Memory.from(saved);
		expect(restarted.wasCreated('user-99999')).toBe(true);
		expect(restarted.wasCreated(`user-${100_000 - MEMORY_LIMIT - 1}`)).toBe(false);
	});

	test('touching a key again makes it the newest, so it outlives older ones', () => {
		const memory = Memory.from(undefined);
		const now = Date.now();
		for (let n = 0; n < MEMORY_LIMIT; n++) memory.markDeleted(`g-${n}`, now);
		memory.markDeleted('g-0', now);
		memory.markDeleted('g-new', now);
		expect(memory.wasDeleted('g-0')).toBe(true);
		expect(memory.wasDeleted('g-1')).toBe(false);
	});

	test('ids are plain keys: nothing inherited counts as remembered', () => {
		const memory = Memory.from({ created: { constructor: 'not a time' }, values: { __proto__: { x: 1 } } });
		for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
			expect([name, memory.wasCreated(name), memory.wasDeleted(name), memory.valuesOf(name)]).toEqual([name, false, false, undefined]);
		}
	});

	test('remembered values merge per user and survive a restart', () => {
		const memory = Memory.from(undefined);
		memory.remember('u1', { department: 'Sales' });
		memory.remember('u1', { jobTitle: 'Lead' });
		const restarted = Memory.from(JSON.parse(JSON.stringify(memory.toJSON(Date.now()))));
		expect(restarted.valuesOf('u1')).toEqual({ department: 'Sales', jobTitle: 'Lead' });
	});
});
