import type { IDataObject } from 'n8n-workflow';

import { jsonOf, useSandbox } from '../../../helpers/setup';
import { byId, byUpn } from '../../../helpers/locators';

const t = useSandbox();

const remove = (userId: IDataObject) => ({ resource: 'user', operation: 'delete', userId });
const members = () => t.sandbox.store.listUsers().filter((user: IDataObject) => user.userType === 'Member') as IDataObject[];

describe('User → Delete', () => {
	test('a leaver given by UPN is soft-deleted: gone from users, present in deleted items, output names the ID', async () => {
		const user = members()[3];
		const groups = t.sandbox.store.memberOf(user.id);
		const result = await t.run({ parameters: remove(byUpn(user.userPrincipalName as string)) });
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([{ id: user.id, deleted: true }]);
		expect(t.sandbox.store.getUser(user.id)).toBeUndefined();
		expect(t.sandbox.store.getDeleted(user.id)).toMatchObject({ type: 'user', record: { id: user.id, deletedDateTime: expect.any(String) } });
		// Restorable within 30 days, with its memberships.
		t.sandbox.store.restore(user.id);
		expect(t.sandbox.store.memberOf(user.id).sort()).toEqual(groups.sort());
		expect(t.requests().filter((entry) => entry.method === 'DELETE').map((entry) => entry.path)).toEqual([`/v1.0/users/${user.id}`]);
	});

	test('a value that is neither an ID nor a UPN is refused before any request', async () => {
		const result = await t.run({ items: [{ who: '../groups' }], parameters: remove(byId('={{ $json.who }}')) });
		expect(result.error?.message).toMatch(/not a user ID \(GUID\).*\[parameter "userId"\]/);
		expect(t.requests()).toHaveLength(0);
	});

	test('an unknown user stops the run with its ID named in the error', async () => {
		const missing = '00000000-0000-4000-8000-000000000000';
		const result = await t.run({ items: [{ id: missing }], parameters: remove(byId('={{ $json.id }}')) });
		expect(result.error?.message).toMatch(`Not found: user "${missing}"`);
		expect(result.error?.description).toMatch(/code: Request_ResourceNotFound \| request-id: [0-9a-f-]{36}/);
		expect(result.error?.context?.itemIndex).toBe(0);
		expect(result.output).toHaveLength(0);
	});

	test('25 leavers in two $batch envelopes; with continueOnFail an unknown UPN fails alone, paired to its item', async () => {
		const leavers = members().slice(20, 45);
		const items = leavers.map((user, index) => ({ upn: index === 3 ? 'nobody@contoso.com' : user.userPrincipalName }));
		const result = await t.run({ items, continueOnFail: true, parameters: remove(byUpn('={{ $json.upn }}')) });
		const output = jsonOf(result);
		expect(result.output.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
		expect(output[3]).toMatchObject({ code: 'Request_ResourceNotFound', error: expect.stringContaining('nobody@contoso.com') });
		leavers.forEach((user, index) => {
			if (index === 3) return;
			expect(output[index]).toEqual({ id: user.id, deleted: true });
			expect(t.sandbox.store.getDeleted(user.id)).toBeDefined();
		});
		expect(t.sandbox.store.getUser(leavers[3].id)).toBeDefined();
		// Two envelopes resolve the UPNs, two carry the 24 deletes.
		const outer = t.requests().filter((entry) => !entry.batch);
		expect(outer.map((entry) => entry.path)).toEqual(Array(4).fill('/v1.0/$batch'));
		expect(t.requests().filter((entry) => entry.method === 'DELETE')).toHaveLength(24);
	});
});
