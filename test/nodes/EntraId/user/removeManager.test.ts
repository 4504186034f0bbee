import { jsonOf, useSandbox } from '../../../helpers/setup';
import { byId, byUpn } from '../../../helpers/locators';

const t = useSandbox();

interface User {
	id: string;
	userPrincipalName: string;
}

const managed = (): User[] => t.sandbox.store.listUsers().filter((user: User) => t.sandbox.store.managerOf(user.id));

describe('User → Remove Manager', () => {
	test('removes the manager of users given by ID and by UPN and returns { id, managerRemoved }', async () => {
		const [first, second] = managed().slice(10, 12);
		const firstManager = t.sandbox.store.managerOf(first.id);
		const result = await t.run({
			items: [{ who: first.id }, { who: second.userPrincipalName }],
			parameters: { resource: 'user', operation: 'removeManager', userId: { __rl: true, mode: 'list', value: '={{ $json.who }}' } },
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([
			{ id: first.id, managerRemoved: true },
			{ id: second.userPrincipalName, managerRemoved: true },
		]);
		expect(result.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(t.sandbox.store.managerOf(first.id)).toBeUndefined();
		expect(t.sandbox.store.managerOf(second.id)).toBeUndefined();
		expect(t.sandbox.store.directReports(firstManager)).not.toContain(first.id);
		const deletes = t.requests().filter((entry) => entry.method === 'DELETE');
		expect(deletes.map((entry) => entry.path).sort()).toEqual(
			[`/v1.0/users/${first.id}/manager/$ref`, `/v1.0/users/${second.userPrincipalName}/manager/$ref`].sort(),
		);
	});

	test('a user without a manager gets an error that says so; continueOnFail keeps the other items', async () => {
		const [lonely, other] = managed().slice(20, 22);
		t.sandbox.store.setManager(lonely.id, null);
		const result = await t.run({
			items: [{ who: lonely.id }, { who: other.id }],
			continueOnFail: true,
			parameters: { resource: 'user', operation: 'removeManager', userId: byId('={{ $json.who }}') },
		});
		const [failed, done] = jsonOf(result);
		expect(failed).toMatchObject({ error: `User "${lonely.id}" has no manager to remove.`, code: 'Request_ResourceNotFound' });
		expect(done).toEqual({ id: other.id, managerRemoved: true });
		expect(t.sandbox.store.managerOf(other.id)).toBeUndefined();
	});

	test('a bad UPN is refused before any request', async () => {
		const result = await t.run({
			parameters: { resource: 'user', operation: 'removeManager', userId: byUpn('={{ "ada@contoso.com/../../groups" }}') },
		});
		expect(result.error?.message).toMatch(/\[parameter "userId"\]/);
		expect(t.requests()).toHaveLength(0);
	});
});
