import type { IDataObject } from 'n8n-workflow';

import { jsonOf, useSandbox } from '../../../helpers/setup';

const t = useSandbox();

const locator = (value: string, mode = 'id') => ({ __rl: true, mode, value });
const restore = (value: string, mode = 'id') => ({ resource: 'directory', operation: 'restoreDeletedItem', deletedItemId: locator(value, mode) });

describe('Directory → Restore Deleted Item', () => {
	test('restores a deleted user with its UPN and group memberships', async () => {
		const group = t.sandbox.store.listGroups().find((g: IDataObject) => g.displayName === 'VPN Users');
		const user = t.sandbox.store.getUser(t.sandbox.store.membersOf(group.id).find((id: string) => t.sandbox.store.getUser(id)));
		const upn = user.userPrincipalName;
		t.sandbox.store.deleteUser(user.id);
		expect(t.sandbox.store.getUser(user.id)).toBeUndefined();

		const result = await t.run({ parameters: restore(user.id, 'list') });
		const [restored] = jsonOf(result);
		expect(restored).toMatchObject({ '@odata.type': '#microsoft.graph.user', id: user.id, userPrincipalName: upn });
		expect(t.sandbox.store.getUser(user.id).userPrincipalName).toBe(upn);
		expect(t.sandbox.store.isMember(group.id, user.id)).toBe(true);
		expect(t.requests().map((entry) => `${entry.method} ${entry.path}`)).toEqual([`POST /v1.0/directory/deletedItems/${user.id}/restore`]);
	});

	test('restores a deleted Microsoft 365 group', async () => {
		const [deleted] = t.sandbox.store.deletedItems('group');
		const result = await t.run({ parameters: restore(deleted.id) });
		expect(jsonOf(result)[0]).toMatchObject({ '@odata.type': '#microsoft.graph.group', id: deleted.id, groupTypes: ['Unified'] });
		expect(t.sandbox.store.getGroup(deleted.id)).toBeDefined();
		expect(t.sandbox.store.getDeleted(deleted.id)).toBeUndefined();
	});

	test('a deleted security group cannot be restored, and the message says why', async () => {
		const security = t.sandbox.store.createGroup({ displayName: 'Temp SG', mailNickname: 'temp-sg', mailEnabled: false, securityEnabled: true });
		t.sandbox.store.deleteGroup(security.id);
		const result = await t.run({ parameters: restore(security.id) });
		expect(result.error?.message).toMatch(/is not in deleted items/);
		expect(result.error?.message).toMatch(/A deleted security group is deleted for good and cannot be restored/);
		expect(result.error?.message).toMatch(/Get Deleted Items/);
		expect(result.error?.description).toMatch(/code: Request_ResourceNotFound/);
	});

	test('continueOnFail: each item ends restored or with its own error; a bad ID sends nothing', async () => {
		const user = t.sandbox.store.listUsers().find((u: IDataObject) => u.department === 'Legal');
		t.sandbox.store.deleteUser(user.id);
		const missing = '00000000-0000-4000-8000-000000000006';
		const result = await t.run({
			items: [{ id: user.id }, { id: missing }, { id: 'not-a-guid' }],
			continueOnFail: true,
			parameters: restore('={{ $json.id }}'),
		});
		const [restored, notFound, invalid] = jsonOf(result);
		expect(restored.id).toBe(user.id);
		expect(notFound).toMatchObject({ code: 'Request_ResourceNotFound' });
		expect(notFound.error).toMatch(new RegExp(`"${missing}" is not in deleted items`));
		expect(invalid.error).toMatch(/"not-a-guid" is not a valid deleted item ID \[parameter "deletedItemId"\]/);
		expect(result.output.map((item) => (item.pairedItem as { item: number }).item)).toEqual([0, 1, 2]);
		const restores = t.requests().filter((entry) => entry.path.endsWith('/restore'));
		expect(restores.map((entry) => entry.path).sort()).toEqual([`/v1.0/directory/deletedItems/${missing}/restore`, `/v1.0/directory/deletedItems/${user.id}/restore`].sort());
	});
});
