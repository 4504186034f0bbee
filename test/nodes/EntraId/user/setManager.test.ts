import { jsonOf, useSandbox } from '../../../helpers/setup';
import { byId, byUpn } from '../../../helpers/locators';

const t = useSandbox();

const MISSING = '00000000-0000-4000-8000-000000000000';

interface User {
	id: string;
	userPrincipalName: string;
}

const users = (): User[] => t.sandbox.store.listUsers().filter((user: User & { userType: string }) => user.userType === 'Member');
const puts = () => t.requests().filter((entry) => entry.method === 'PUT' && entry.path.endsWith('/manager/$ref'));

let created = 0;
/** A user created "just now": subject to the sandbox's replication-delay fault. */
function newUser(): User {
	created++;
	return t.sandbox.store.createUser({
		displayName: `New Hire ${created}`,
		userPrincipalName: `new.hire${created}@contoso.com`,
		mailNickname: `new.hire${created}`,
		accountEnabled: true,
	});
}

afterEach(() => {
	t.sandbox.faults.replicationDelayMs = 0;
});

describe('User → Set Manager', () => {
	test('sets the manager by ID and returns { id, managerId, managerSet }', async () => {
		const [user, manager] = users().slice(20, 22);
		const result = await t.run({
			items: [{ n: 1 }],
			parameters: { resource: 'user', operation: 'setManager', userId: byId(user.id), managerId: byId(manager.id) },
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([{ id: user.id, managerId: manager.id, managerSet: true }]);
		expect(result.output[0].pairedItem).toEqual({ item: 0 });
		expect(t.sandbox.store.managerOf(user.id)).toBe(manager.id);
		expect(puts().map((entry) => entry.path)).toEqual([`/v1.0/users/${user.id}/manager/$ref`]);
	});

	test('a manager given by UPN is resolved to its ID first; the user may stay a UPN in the path', async () => {
		const [user, manager] = users().slice(30, 32);
		const result = await t.run({
			parameters: {
				resource: 'user',
				operation: 'setManager',
				userId: byUpn(user.userPrincipalName),
				managerId: byUpn(manager.userPrincipalName),
			},
		});
		expect(jsonOf(result)).toEqual([{ id: user.userPrincipalName, managerId: manager.id, managerSet: true }]);
		expect(t.sandbox.store.managerOf(user.id)).toBe(manager.id);
		const paths = t.requests().map((entry) => `${entry.method} ${decodeURIComponent(entry.path)}`);
		expect(paths).toContain(`GET /v1.0/users/${manager.userPrincipalName}`);
		expect(paths).toContain(`PUT /v1.0/users/${user.userPrincipalName}/manager/$ref`);
	});

	test('a user cannot be their own manager: refused before any request when both are the same', async () => {
		const [user] = users().slice(40, 41);
		const before = t.sandbox.store.managerOf(user.id);
		for (const [userId, managerId] of [
			[byId(user.id), byId(user.id.toUpperCase())],
			[byUpn(user.userPrincipalName), byUpn(user.userPrincipalName.toUpperCase())],
		]) {
			const result = await t.run({ parameters: { resource: 'user', operation: 'setManager', userId, managerId } });
			expect(result.error?.message).toMatch(/cannot be their own manager \[parameter "managerId"\]/);
		}
		expect(t.requests()).toHaveLength(0);
		expect(t.sandbox.store.managerOf(user.id)).toBe(before);
	});

	test('a manager UPN that resolves to the user is refused by Graph, and the error says why', async () => {
		const [user] = users().slice(41, 42);
		const before = t.sandbox.store.managerOf(user.id);
		const result = await t.run({
			continueOnFail: true,
			parameters: { resource: 'user', operation: 'setManager', userId: byId(user.id), managerId: byUpn(user.userPrincipalName) },
		});
		expect(jsonOf(result)).toEqual([expect.objectContaining({ error: expect.stringMatching(/cannot be their own manager/), code: 'Request_BadRequest' })]);
		expect(t.sandbox.store.managerOf(user.id)).toBe(before);
	});

	test('a user and a manager created moments ago are retried through replication lag', async () => {
		t.sandbox.faults.replicationDelayMs = 1200;
		const user = newUser();
		const manager = newUser();
		const result = await t.run({
			parameters: { resource: 'user', operation: 'setManager', userId: byId(user.id), managerId: byUpn(manager.userPrincipalName) },
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([{ id: user.id, managerId: manager.id, managerSet: true }]);
		expect(t.sandbox.store.managerOf(user.id)).toBe(manager.id);
		// The UPN lookup met the lag first, and was sent again until it resolved.
		const lookups = t.requests().filter((entry) => decodeURIComponent(entry.path) === `/v1.0/users/${manager.userPrincipalName}`);
		expect(lookups.length).toBeGreaterThan(1);
		expect(lookups.slice(0, -1).every((entry) => entry.status === 404)).toBe(true);
		expect(lookups[lookups.length - 1].status).toBe(200);
	});

	test('a manager that never appears is reported after a few retries, paired to its item; other items succeed', async () => {
		const [user, other, manager] = users().slice(50, 53);
		const result = await t.run({
			items: [{ user: user.id, manager: MISSING }, { user: other.id, manager: manager.id }],
			continueOnFail: true,
			parameters: { resource: 'user', operation: 'setManager', userId: byId('={{ $json.user }}'), managerId: byId('={{ $json.manager }}') },
		});
		const [failed, done] = jsonOf(result);
		expect(failed).toMatchObject({ error: expect.stringMatching(/^Not found/), code: 'Request_ResourceNotFound' });
		expect(done).toEqual({ id: other.id, managerId: manager.id, managerSet: true });
		expect(t.sandbox.store.managerOf(other.id)).toBe(manager.id);
		// First attempt plus four retries for the missing manager; one for the other item.
		expect(puts().filter((entry) => entry.path === `/v1.0/users/${user.id}/manager/$ref`)).toHaveLength(5);
		expect(puts().filter((entry) => entry.path === `/v1.0/users/${other.id}/manager/$ref`)).toHaveLength(1);
	});

	test('bad input in any item is refused before any request is sent', async () => {
		const [user, manager] = users().slice(60, 62);
		const result = await t.run({
			items: [{ manager: manager.id }, { manager: 'nobody' }],
			parameters: { resource: 'user', operation: 'setManager', userId: byId(user.id), managerId: { __rl: true, mode: 'list', value: '={{ $json.manager }}' } },
		});
		expect(result.error?.message).toMatch(/"nobody" is not a user ID \(GUID\) or a user principal name.*\[parameter "managerId"\]/);
		expect(t.requests()).toHaveLength(0);
	});
});
