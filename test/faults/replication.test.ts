import { jsonOf, useSandbox } from '../helpers/setup';
import { expectOnePerItem, faultProfile, measured, NO_FAULTS, reportFigures } from './harness';

// A joiner workflow: create 1,000 users, then at once put them in groups and give them managers.
// Entra replicates asynchronously, so for a while after the create the new users answer 404
// (the sandbox's replicationDelayMs); the node must wait that out, not fail the joiners.
const t = useSandbox({ seed: { users: 500, groups: 4 } });
reportFigures('replication');
jest.setTimeout(120_000);

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
afterEach(() => Object.assign(t.sandbox.faults, NO_FAULTS));

const REPLICATION_MS = 1500;

describe('Replication delay after create, under faults', () => {
	let joiners: Array<{ id: string; userPrincipalName: string }> = [];
	let groups: string[] = [];

	beforeAll(async () => {
		groups = [0, 1].map((index) => {
			const group = t.sandbox.store.createGroup(
				{ displayName: `Joiners ${index}`, mailNickname: `joiners${index}`, mailEnabled: false, securityEnabled: true, groupTypes: [] },
				{ seed: true },
			) as { id: string };
			return group.id;
		});
	});

	/** Creates 1,000 joiners through the node, so the replication clock starts with the run. */
	async function createJoiners(prefix: string) {
		const items = Array.from({ length: 1000 }, (_, index) => ({ upn: `${prefix}.${index}@contoso.com`, nick: `${prefix}${index}` }));
		const created = await t.run({
			items,
			parameters: {
				resource: 'user',
				operation: 'create',
				displayName: '={{ $json.nick }}',
				userPrincipalName: '={{ $json.upn }}',
				mailNickname: '={{ $json.nick }}',
				password: 'Joiner#2025-Welcome',
			},
		});
		expectOnePerItem(created, 1000);
		return jsonOf(created) as Array<{ id: string; userPrincipalName: string }>;
	}

	test('group.addMembers right after creating 1,000 users: every joiner added once', async () => {
		Object.assign(t.sandbox.faults, { replicationDelayMs: REPLICATION_MS });
		joiners = await createJoiners('repl');
		// The clock starts at the run's first look-up of a joiner, however long the engine took before it (a loaded CI).
		t.sandbox.store.restartReplication(joiners.map((user) => user.id));
		Object.assign(t.sandbox.faults, faultProfile(401, { replicationDelayMs: REPLICATION_MS }));
		const links = joiners.map((user, index) => ({ group: groups[index % 2], user: user.id }));
		const { result, figures } = await measured('group.addMembers after create', t.sandbox, t.run, {
			items: links,
			parameters: { resource: 'group', operation: 'addMembers', groupId: byId('={{ $json.group }}'), memberId: byId('={{ $json.user }}') },
		});
		expectOnePerItem(result, 1000);
		expect(jsonOf(result)).toEqual(links.map((link) => ({ groupId: link.group, memberId: link.user, added: true })));
		expect(figures.faults.replication404).toBeGreaterThan(0);
		for (const group of groups) {
			expect([...t.sandbox.store.membersOf(group)].sort()).toEqual(links.filter((link) => link.group === group).map((link) => link.user).sort());
		}
	});

	test('user.setManager right after creating 1,000 users (by UPN): every manager set', async () => {
		Object.assign(t.sandbox.faults, { replicationDelayMs: REPLICATION_MS });
		const fresh = await createJoiners('mgr');
		t.sandbox.store.restartReplication(fresh.map((user) => user.id));
		Object.assign(t.sandbox.faults, faultProfile(402, { replicationDelayMs: REPLICATION_MS }));
		const items = fresh.map((user, index) => ({ user: user.userPrincipalName, manager: fresh[(index + 1) % fresh.length].userPrincipalName }));
		const { result, figures } = await measured('user.setManager after create', t.sandbox, t.run, {
			items,
			parameters: {
				resource: 'user',
				operation: 'setManager',
				userId: { __rl: true, mode: 'userPrincipalName', value: '={{ $json.user }}' },
				managerId: { __rl: true, mode: 'userPrincipalName', value: '={{ $json.manager }}' },
			},
		});
		expectOnePerItem(result, 1000);
		expect(figures.faults.replication404).toBeGreaterThan(0);
		fresh.forEach((user, index) => {
			expect(t.sandbox.store.managerOf(user.id)).toBe(fresh[(index + 1) % fresh.length].id);
		});
	});
});
