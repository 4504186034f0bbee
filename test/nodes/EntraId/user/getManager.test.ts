import { jsonOf, useSandbox } from '../../../helpers/setup';
import { byId } from '../../../helpers/locators';

const t = useSandbox();

const MISSING = '00000000-0000-4000-8000-000000000000';

interface User {
	id: string;
	userPrincipalName: string;
	displayName: string;
}

const withManager = (): User => t.sandbox.store.listUsers().find((user: User) => t.sandbox.store.managerOf(user.id));
const managerOf = (user: User): User => t.sandbox.store.getUser(t.sandbox.store.managerOf(user.id));
const withoutManager = (): User =>
	t.sandbox.store.listUsers().find((user: User) => !t.sandbox.store.managerOf(user.id) && user.userPrincipalName.startsWith('admin@'));

describe('User → Get Manager', () => {
	test('returns the manager of users given by ID and by UPN, simplified, paired to their items', async () => {
		const user = withManager();
		const manager = managerOf(user);
		const both = await t.run({
			items: [{ who: user.id }, { who: user.userPrincipalName }],
			parameters: { resource: 'user', operation: 'getManager', userId: { __rl: true, mode: 'list', value: '={{ $json.who }}' } },
		});
		expect(both.error).toBeUndefined();
		expect(jsonOf(both)).toEqual([
			expect.objectContaining({ id: manager.id, displayName: manager.displayName, userPrincipalName: manager.userPrincipalName }),
			expect.objectContaining({ id: manager.id }),
		]);
		expect(both.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(Object.keys(jsonOf(both)[0]).some((key) => key.startsWith('@odata'))).toBe(false);
		const calls = t.requests().filter((entry) => entry.path.endsWith('/manager'));
		expect(calls.map((entry) => entry.path)).toEqual(
			expect.arrayContaining([`/v1.0/users/${user.id}/manager`, `/v1.0/users/${user.userPrincipalName}/manager`]),
		);
	});

	test('a user without a manager is an error that says so, unless Empty Result If No Manager is on', async () => {
		const lonely = withoutManager();
		const stopped = await t.run({ parameters: { resource: 'user', operation: 'getManager', userId: byId(lonely.id) } });
		expect(stopped.error?.message).toMatch(/has no manager/);
		expect(stopped.error?.description).toMatch(/code: Request_ResourceNotFound/);

		const empty = await t.run({
			items: [{ n: 1 }],
			parameters: { resource: 'user', operation: 'getManager', userId: byId(lonely.id), options: { emptyIfNone: true } },
		});
		expect(empty.error).toBeUndefined();
		// One empty item per input: the item is not lost from the workflow.
		expect(jsonOf(empty)).toEqual([{}]);
		expect(empty.output[0].pairedItem).toEqual({ item: 0 });
	});

	test('Empty Result If No Manager does not hide a user that does not exist', async () => {
		const lonely = withoutManager();
		const user = withManager();
		const result = await t.run({
			items: [{ id: lonely.id }, { id: MISSING }, { id: user.id }],
			continueOnFail: true,
			parameters: { resource: 'user', operation: 'getManager', userId: byId('={{ $json.id }}'), options: { emptyIfNone: true } },
		});
		const [none, missing, found] = jsonOf(result);
		expect(none).toEqual({});
		expect(missing).toMatchObject({ error: expect.stringMatching(/Not found: user "0{8}-/), code: 'Request_ResourceNotFound' });
		expect(found).toMatchObject({ id: managerOf(user).id });
		expect(result.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	test('raw output keeps the @odata.type that tells a user from a contact', async () => {
		const user = withManager();
		const raw = await t.run({ parameters: { resource: 'user', operation: 'getManager', userId: byId(user.id), output: 'raw' } });
		expect(jsonOf(raw)[0]).toMatchObject({ '@odata.type': '#microsoft.graph.user', id: managerOf(user).id });
	});

	test('a bad user is refused before any request', async () => {
		const result = await t.run({ parameters: { resource: 'user', operation: 'getManager', userId: byId('={{ "not-a-guid" }}') } });
		expect(result.error?.message).toMatch(/\[parameter "userId"\]/);
		expect(t.requests()).toHaveLength(0);
	});
});
