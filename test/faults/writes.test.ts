import { jsonOf, useSandbox } from '../helpers/setup';
import { expectErrorItem, expectOnePerItem, faultProfile, measured, NO_FAULTS, reportFigures, successfulWrites } from './harness';

// Joiner, mover and leaver writes on 1,000 users each, under the full fault profile plus lost
// answers: the sandbox carries out 2% of requests and then drops the connection, so the node
// sees a reset for a write that was applied.
const t = useSandbox({ seed: { users: 3000, groups: 20 } });
reportFigures('writes');

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const users = () => t.sandbox.store.listUsers() as Array<{ id: string; userPrincipalName: string }>;
const UNCERTAIN = /may or may not have been applied/;
afterEach(() => Object.assign(t.sandbox.faults, NO_FAULTS));

describe('Writes under faults', () => {
	test('user.create, 1,000 joiners with Continue On Fail: each created once, or an error item saying the outcome is unknown', async () => {
		Object.assign(t.sandbox.faults, faultProfile(204, { rateLostAnswer: 0.03 }));
		const items = Array.from({ length: 1000 }, (_, index) => ({ upn: `joiner.${index}@contoso.com`, nick: `joiner${index}` }));
		const since = t.sandbox.log.length;
		const { result, figures } = await measured('user.create (Continue On Fail)', t.sandbox, t.run, {
			items,
			continueOnFail: true,
			parameters: {
				resource: 'user',
				operation: 'create',
				displayName: '={{ $json.nick }}',
				userPrincipalName: '={{ $json.upn }}',
				mailNickname: '={{ $json.nick }}',
				password: 'Joiner#2025-Welcome',
			},
		});
		expectOnePerItem(result, 1000);
		let uncertain = 0;
		jsonOf(result).forEach((json, index) => {
			const stored = t.sandbox.store.getUser(items[index].upn);
			if (json.error === undefined) {
				expect(json).toMatchObject({ id: stored.id, userPrincipalName: items[index].upn });
				return;
			}
			// A POST is never sent twice: a reset, a lost answer or a 5xx leaves its outcome unknown.
			expectErrorItem(json);
			expect(json.error).toMatch(UNCERTAIN);
			uncertain++;
		});
		expect(uncertain).toBe(figures.errors);
		expect(figures.faults.reset + figures.faults.lostAnswer).toBeGreaterThan(0);
		// Every joiner the directory holds was created by exactly one successful POST.
		const created = users().filter((user) => user.userPrincipalName.startsWith('joiner.'));
		expect(successfulWrites(t.sandbox, 'POST', /^\/v1\.0\/users$/, since).get('/v1.0/users')).toBe(created.length);
		expect(created.length).toBeGreaterThanOrEqual(figures.ok);
		expect(new Set(created.map((user) => user.userPrincipalName)).size).toBe(created.length);
	});

	test('user.update, 1,000 movers without Continue On Fail: every PATCH lands, the run never stops', async () => {
		Object.assign(t.sandbox.faults, faultProfile(202, { rateLostAnswer: 0.02 }));
		const movers = users().slice(1000, 2000);
		const since = t.sandbox.log.length;
		const { result, figures } = await measured('user.update', t.sandbox, t.run, {
			items: movers.map((user, index) => ({ id: user.id, department: `Dept ${index % 7}` })),
			parameters: {
				resource: 'user',
				operation: 'update',
				userId: byId('={{ $json.id }}'),
				updateFields: { department: '={{ $json.department }}' },
			},
		});
		expectOnePerItem(result, 1000);
		expect(jsonOf(result)).toEqual(movers.map((user) => ({ id: user.id, updated: true })));
		movers.forEach((user, index) => expect(t.sandbox.store.getUser(user.id).department).toBe(`Dept ${index % 7}`));
		// A PATCH is sent again only when its envelope's answer was lost: the same values, twice.
		const writes = successfulWrites(t.sandbox, 'PATCH', /^\/v1\.0\/users\//, since);
		expect(writes.size).toBe(1000);
		const repeated = [...writes.values()].filter((count) => count > 1).length;
		expect(repeated).toBeLessThanOrEqual(figures.faults.lostAnswer * 20);
	});

	test('user.delete, 1,000 leavers without Continue On Fail: each deleted once; a retry that finds the user gone counts as done', async () => {
		Object.assign(t.sandbox.faults, faultProfile(203, { rateLostAnswer: 0.1 }));
		const leavers = users().slice(2000, 3000);
		const since = t.sandbox.log.length;
		const { result, figures } = await measured('user.delete', t.sandbox, t.run, {
			items: leavers.map((user) => ({ id: user.id })),
			parameters: { resource: 'user', operation: 'delete', userId: byId('={{ $json.id }}') },
		});
		expectOnePerItem(result, 1000);
		expect(jsonOf(result)).toEqual(leavers.map((user) => ({ id: user.id, deleted: true })));
		for (const user of leavers) expect(t.sandbox.store.getUser(user.id)).toBeUndefined();
		const deletes = successfulWrites(t.sandbox, 'DELETE', /^\/v1\.0\/users\//, since);
		expect(deletes.size).toBe(1000);
		expect([...deletes.values()].every((count) => count === 1)).toBe(true);
		// Each envelope whose answer was lost was sent again: its users were gone (404) and reported
		// deleted. (Which requests draw a fault depends on timing; transport.test.ts forces the case.)
		const gone = t.sandbox.log.slice(since).filter((entry) => entry.method === 'DELETE' && entry.status === 404);
		expect(gone.length > 0).toBe(figures.faults.lostAnswer > 0);
	});
});

