import type { IDataObject } from 'n8n-workflow';

import { accessAfterOffboard, accessOf, makeLeaver } from '../helpers/leavers';
import type { Leaver } from '../helpers/leavers';
import { jsonOf, useSandbox } from '../helpers/setup';
import { expectOnePerItem, faultProfile, measured, NO_FAULTS, reportFigures, successfulWrites } from './harness';

// 40 leavers offboarded in one execution under 429s, 503s, connection resets and lost answers
// (the request ran, its answer was dropped), without Continue On Fail: every leaver complete,
// every change made exactly once (the directory's journal and the request log prove it), and a
// second run finds nothing left to do.
const t = useSandbox();
reportFigures('offboard');
jest.setTimeout(120_000);
afterEach(() => Object.assign(t.sandbox.faults, NO_FAULTS));

const STEPS = ['disable', 'revokeSessions', 'removeGroups', 'removeLicenses', 'removeManager', 'removeOwnerships', 'removeAuthMethods', 'delete'];

interface JournalEntry {
	seq: number;
	id: string;
	kind: string;
	changed: string[];
	memberId?: string;
}

const journalSince = (seq: number) => (t.sandbox.store.journal as JournalEntry[]).filter((entry) => entry.seq > seq);
const lastSeq = () => ((t.sandbox.store.journal as JournalEntry[]).at(-1)?.seq ?? 0);
const counted = (entries: JournalEntry[], key: (entry: JournalEntry) => string) => {
	const counts = new Map<string, number>();
	for (const entry of entries) counts.set(key(entry), (counts.get(key(entry)) ?? 0) + 1);
	return counts;
};

describe('user.offboard under faults', () => {
	test('40 leavers with 429s, 503s, resets and lost answers: every leaver complete, every change made once', async () => {
		const leavers: Leaver[] = Array.from({ length: 40 }, () => makeLeaver(t.sandbox.store));
		const heir = t.sandbox.store.listUsers()[7];
		const seq = lastSeq();
		const logStart = t.sandbox.log.length;
		Object.assign(t.sandbox.faults, faultProfile(1501, { rateLostAnswer: 0.03 }));
		const parameters = { resource: 'user', operation: 'offboard', userId: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, steps: STEPS, options: { newOwnerId: heir.id } };
		const { result, figures } = await measured('user.offboard (40 leavers, all steps)', t.sandbox, t.run, { items: leavers.map(({ id }) => ({ id })), parameters });
		expectOnePerItem(result, 40);
		for (const [index, report] of jsonOf(result).entries()) {
			expect(report).toMatchObject({ id: leavers[index].id, complete: true, dryRun: false });
			expect((report.steps as IDataObject[]).map((step) => [step.step, step.status])).toEqual(STEPS.map((step) => [step, 'done']));
		}
		expect(figures.faults['429'] + figures.faults['503'] + figures.faults.reset + figures.faults.lostAnswer).toBeGreaterThan(20);
		expect(figures.faults.lostAnswer).toBeGreaterThan(0);

		const changes = journalSince(seq);
		// Each leaver: 6 groups left, ownership of 2 groups ended (one after the heir took over), deleted once.
		const removals = counted(changes.filter((entry) => entry.kind === 'memberRemoved'), (entry) => `${entry.id}|${entry.memberId}`);
		for (const leaver of leavers) {
			for (const group of [...leaver.groups.plain, leaver.groups.microsoft365, leaver.licenseGroup]) expect(removals.get(`${group}|${leaver.id}`)).toBe(1);
			// Dynamic, synced and mail-enabled groups are reported, never asked (the soft delete drops those links itself).
			for (const group of [leaver.groups.dynamic, leaver.groups.synced, leaver.groups.mailEnabled, leaver.groups.distribution]) {
				expect(t.sandbox.log.slice(logStart).some((entry) => entry.path.includes(`/groups/${group}/members/`))).toBe(false);
			}
			expect(t.sandbox.store.getUser(leaver.id)).toBeUndefined();
			expect(t.sandbox.store.ownersOf(leaver.owned.alone)).toEqual([heir.id]);
			expect(t.sandbox.store.ownersOf(leaver.owned.shared)).toEqual([leaver.owned.coOwner]);
		}
		const deletes = counted(changes.filter((entry) => entry.kind === 'deleted'), (entry) => entry.id);
		expect(leavers.every((leaver) => deletes.get(leaver.id) === 1)).toBe(true);
		const ownerChanges = counted(changes.filter((entry) => entry.kind === 'updated' && entry.changed.includes('owners')), (entry) => `${entry.id}|${entry.memberId}`);
		for (const leaver of leavers) {
			expect(ownerChanges.get(`${leaver.owned.alone}|${heir.id}`)).toBe(1);
			expect(ownerChanges.get(`${leaver.owned.shared}|${leaver.id}`)).toBe(1);
		}
		const licenceChanges = counted(changes.filter((entry) => entry.kind === 'updated' && entry.changed.includes('assignedLicenses')), (entry) => entry.id);
		expect(leavers.every((leaver) => licenceChanges.get(leaver.id) === 1)).toBe(true);
		// Authentication methods: each successful DELETE once (a repeat after a lost answer finds nothing and answers 404).
		const methodDeletes = successfulWrites(t.sandbox, 'DELETE', /\/authentication\//, logStart);
		expect([...methodDeletes.values()].every((count) => count === 1)).toBe(true);
		expect(methodDeletes.size).toBe(40 * 8);

		Object.assign(t.sandbox.faults, NO_FAULTS);
		const again = await t.run({ items: leavers.map(({ id }) => ({ id })), parameters });
		expect(jsonOf(again).every((report) => (report.steps as IDataObject[]).every((step) => step.status === 'unchanged'))).toBe(true);
	});

	test('without delete, the 20 leavers keep only what Graph cannot change, under the same faults', async () => {
		const leavers: Leaver[] = Array.from({ length: 20 }, () => makeLeaver(t.sandbox.store));
		Object.assign(t.sandbox.faults, faultProfile(1502, { rateLostAnswer: 0.03 }));
		const parameters = { resource: 'user', operation: 'offboard', userId: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, options: { keepGroupIds: '={{ $json.keep }}' } };
		const items = leavers.map(({ id, groups }) => ({ id, keep: [groups.kept] }));
		const { result } = await measured('user.offboard (20 leavers, default steps)', t.sandbox, t.run, { items, parameters });
		expectOnePerItem(result, 20);
		expect(jsonOf(result).every((report) => report.complete === true)).toBe(true);
		for (const leaver of leavers) {
			expect(accessOf(t.sandbox.store, leaver.id)).toEqual(accessAfterOffboard(leaver));
		}
	});
});
