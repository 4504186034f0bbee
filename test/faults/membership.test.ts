import { jsonOf, useSandbox } from '../helpers/setup';
import { expectErrorItem, expectOnePerItem, faultProfile, measured, NO_FAULTS, reportFigures } from './harness';

// Group membership for 1,000 users at a time: adds travel as PATCH members@odata.bind of 20,
// removes as DELETE …/$ref in $batch envelopes. The directory's change journal proves each link
// was written exactly once.
const t = useSandbox({ seed: { users: 2000, groups: 4 } });
reportFigures('membership');

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
afterEach(() => Object.assign(t.sandbox.faults, NO_FAULTS));

interface JournalEntry {
	seq: number;
	id: string;
	kind: string;
	memberId?: string;
}

let groupCount = 0;
function newGroups(count: number): string[] {
	return Array.from({ length: count }, () => {
		groupCount++;
		const group = t.sandbox.store.createGroup(
			{ displayName: `Faults ${groupCount}`, mailNickname: `faults${groupCount}`, mailEnabled: false, securityEnabled: true, groupTypes: [] },
			{ seed: true },
		) as { id: string };
		return group.id;
	});
}

/** memberAdded / memberRemoved entries of the journal since `seq`, counted per group|member. */
function linkChanges(kind: string, seq: number): Map<string, number> {
	const changes = new Map<string, number>();
	for (const entry of t.sandbox.store.journal as JournalEntry[]) {
		if (entry.seq <= seq || entry.kind !== kind) continue;
		const key = `${entry.id}|${entry.memberId}`;
		changes.set(key, (changes.get(key) ?? 0) + 1);
	}
	return changes;
}
const lastSeq = () => ((t.sandbox.store.journal as JournalEntry[]).at(-1)?.seq ?? 0);

describe('Membership under faults', () => {
	const users = () => (t.sandbox.store.listUsers() as Array<{ id: string }>).slice(0, 1000);
	let groups: string[] = [];
	const links = () => users().map((user, index) => ({ group: groups[index % groups.length], user: user.id }));
	const parameters = (operation: string) => ({ resource: 'group', operation, groupId: byId('={{ $json.group }}'), memberId: byId('={{ $json.user }}') });

	test('group.addMembers, 1,000 users into 4 groups without Continue On Fail: every link added once', async () => {
		groups = newGroups(4);
		Object.assign(t.sandbox.faults, faultProfile(301, { rateLostAnswer: 0.02 }));
		const seq = lastSeq();
		const { result } = await measured('group.addMembers', t.sandbox, t.run, { items: links(), parameters: parameters('addMembers') });
		expectOnePerItem(result, 1000);
		expect(jsonOf(result)).toEqual(links().map((link) => ({ groupId: link.group, memberId: link.user, added: true })));
		for (const group of groups) {
			expect([...t.sandbox.store.membersOf(group)].sort()).toEqual(links().filter((link) => link.group === group).map((link) => link.user).sort());
		}
		const added = linkChanges('memberAdded', seq);
		expect(added.size).toBe(1000);
		expect([...added.values()].every((count) => count === 1)).toBe(true);
	});

	test('group.removeMember, the same 1,000 links with Continue On Fail: every link removed once, nothing missing', async () => {
		Object.assign(t.sandbox.faults, faultProfile(302, { rateLostAnswer: 0.02 }));
		const seq = lastSeq();
		const { result } = await measured('group.removeMember (Continue On Fail)', t.sandbox, t.run, {
			items: links(),
			continueOnFail: true,
			parameters: parameters('removeMember'),
		});
		expectOnePerItem(result, 1000);
		const output = jsonOf(result);
		output.forEach((json) => {
			if (json.error !== undefined) expectErrorItem(json);
		});
		expect(output).toEqual(links().map((link) => ({ groupId: link.group, memberId: link.user, removed: true })));
		for (const group of groups) expect(t.sandbox.store.membersOf(group)).toEqual([]);
		const removed = linkChanges('memberRemoved', seq);
		expect(removed.size).toBe(1000);
		expect([...removed.values()].every((count) => count === 1)).toBe(true);
	});
});
