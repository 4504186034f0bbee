import type { IDataObject } from 'n8n-workflow';

import { jsonOf, useSandbox } from '../../../helpers/setup';
import { byId, byUpn } from '../../../helpers/locators';

const t = useSandbox();

// The list mode takes an ID or a UPN, as a picked user or an expression gives either.
const fromList = (value: string) => ({ __rl: true, mode: 'list', value });
const disable = (userId: IDataObject) => ({ resource: 'user', operation: 'disable', userId });
const members = () => t.sandbox.store.listUsers().filter((user: IDataObject) => user.userType === 'Member') as IDataObject[];
const setEnabled = (users: IDataObject[], value: boolean) => users.forEach((user) => t.sandbox.store.updateUser(user.id, { accountEnabled: value }));

describe('User → Disable', () => {
	test('sets accountEnabled to false for a user given by UPN and one given by ID', async () => {
		const [a, b] = members().slice(3, 5);
		setEnabled([a, b], true);
		const result = await t.run({
			items: [{ who: a.userPrincipalName }, { who: b.id }],
			parameters: disable(fromList('={{ $json.who }}')),
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([
			{ id: a.id, disabled: true },
			{ id: b.id, disabled: true },
		]);
		expect(t.sandbox.store.getUser(a.id).accountEnabled).toBe(false);
		expect(t.sandbox.store.getUser(b.id).accountEnabled).toBe(false);
	});

	test('a bad user value is refused before any request', async () => {
		const result = await t.run({ items: [{ who: 'ada lovelace' }], parameters: disable(byUpn('={{ $json.who }}')) });
		expect(result.error?.message).toMatch(/not a user principal name.*\[parameter "userId"\]/);
		expect(t.requests()).toHaveLength(0);
	});

	test('30 users in two $batch envelopes; an unknown ID fails alone with Graph code and request-id, paired to its item', async () => {
		const users = members().slice(10, 40);
		setEnabled(users, true);
		const missing = '00000000-0000-4000-8000-000000000000';
		const items = users.map((user, index) => ({ id: index === 29 ? missing : user.id }));
		const result = await t.run({ items, continueOnFail: true, parameters: disable(byId('={{ $json.id }}')) });
		const output = jsonOf(result);
		expect(result.output.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
		expect(output[29]).toMatchObject({ code: 'Request_ResourceNotFound', requestId: expect.any(String) });
		expect(output[29].error).toMatch(`Not found: user "${missing}"`);
		users.slice(0, 29).forEach((user, index) => {
			expect(output[index]).toEqual({ id: user.id, disabled: true });
			expect(t.sandbox.store.getUser(user.id).accountEnabled).toBe(false);
		});
		expect(t.sandbox.store.getUser(users[29].id).accountEnabled).toBe(true);
		expect(t.requests().filter((entry) => !entry.batch).map((entry) => entry.path)).toEqual(['/v1.0/$batch', '/v1.0/$batch']);
		expect(t.requests().filter((entry) => entry.method === 'PATCH')).toHaveLength(30);
	});
});
