import { jsonOf, useSandbox } from '../../../helpers/setup';
import { byId, byUpn } from '../../../helpers/locators';

const t = useSandbox();

describe('User → Get', () => {
	test('gets users by UPN and by ID, each output paired to its input item', async () => {
		const [ada, bob] = t.sandbox.store.listUsers();
		const result = await t.run({
			items: [{ who: ada.userPrincipalName }, { who: bob.userPrincipalName }],
			parameters: { resource: 'user', operation: 'get', userId: byUpn('={{ $json.who }}') },
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result).map((user) => user.id)).toEqual([ada.id, bob.id]);
		expect(result.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		// Simplified output: the admin's fields, no OData annotations.
		expect(jsonOf(result)[0]).toMatchObject({ displayName: ada.displayName, accountEnabled: ada.accountEnabled });
		expect(Object.keys(jsonOf(result)[0]).some((key) => key.startsWith('@odata'))).toBe(false);

		const single = await t.run({ parameters: { resource: 'user', operation: 'get', userId: byId(bob.id) } });
		expect(jsonOf(single)).toEqual([expect.objectContaining({ id: bob.id, userPrincipalName: bob.userPrincipalName })]);
	});

	test('raw output keeps Graph default properties and annotations; selected fields returns only those', async () => {
		const [user] = t.sandbox.store.listUsers();
		const raw = await t.run({ parameters: { resource: 'user', operation: 'get', userId: byId(user.id), output: 'raw' } });
		expect(jsonOf(raw)[0]['@odata.context']).toEqual(expect.any(String));
		expect(t.requests().find((entry) => entry.path.startsWith('/v1.0/users/'))?.query.$select).toBeUndefined();

		const fields = await t.run({
			parameters: { resource: 'user', operation: 'get', userId: byId(user.id), output: 'fields', options: { select: 'id,department' } },
		});
		expect(Object.keys(jsonOf(fields)[0]).sort()).toEqual(['department', 'id']);
	});

	test('many items travel in $batch envelopes of 20', async () => {
		const users = t.sandbox.store.listUsers().slice(0, 45);
		const result = await t.run({
			items: users.map((user: { id: string }) => ({ id: user.id })),
			parameters: { resource: 'user', operation: 'get', userId: byId('={{ $json.id }}') },
		});
		expect(jsonOf(result).map((user) => user.id)).toEqual(users.map((user: { id: string }) => user.id));
		const outer = t.requests().filter((entry) => !entry.batch);
		expect(outer.map((entry) => entry.path)).toEqual(['/v1.0/$batch', '/v1.0/$batch', '/v1.0/$batch']);
	});

	test('a bad ID from an expression is refused before any request, naming the parameter', async () => {
		const result = await t.run({
			items: [{ id: '../groups' }],
			parameters: { resource: 'user', operation: 'get', userId: byId('={{ $json.id }}') },
		});
		expect(result.error?.message).toMatch(/is not a user ID \(GUID\).*\[parameter "userId"\]/);
		expect(t.requests()).toHaveLength(0);
	});

	test('a literal bad ID is stopped by the locator validation n8n runs before the workflow starts', async () => {
		await expect(
			t.run({ parameters: { resource: 'user', operation: 'get', userId: byId('../groups') } }),
		).rejects.toThrow('The workflow has issues');
		expect(t.requests()).toHaveLength(0);
	});

	test('an unknown user becomes a NodeApiError with Graph code and request-id; continueOnFail pairs it and goes on', async () => {
		const [user] = t.sandbox.store.listUsers();
		const missing = '00000000-0000-4000-8000-000000000000';
		const stopped = await t.run({ parameters: { resource: 'user', operation: 'get', userId: byId(missing) } });
		expect(stopped.error?.message).toMatch(/Not found: user "00000000-0000-4000-8000-000000000000"/);
		expect(stopped.error?.description).toMatch(/code: Request_ResourceNotFound \| request-id: [0-9a-f-]{36}/);
		expect(stopped.error?.context?.itemIndex).toBe(0);

		const continued = await t.run({
			items: [{ id: missing }, { id: user.id }],
			continueOnFail: true,
			parameters: { resource: 'user', operation: 'get', userId: byId('={{ $json.id }}') },
		});
		expect(continued.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(jsonOf(continued)[0]).toMatchObject({ code: 'Request_ResourceNotFound', requestId: expect.any(String) });
		expect(jsonOf(continued)[0].error).toMatch(/Not found/);
		expect(jsonOf(continued)[1].id).toBe(user.id);
	});
});
