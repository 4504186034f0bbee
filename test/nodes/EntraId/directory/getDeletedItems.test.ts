import type { IDataObject } from 'n8n-workflow';

import { jsonOf, useSandbox } from '../../../helpers/setup';

const t = useSandbox();

const getDeleted = (parameters: IDataObject) => ({ resource: 'directory', operation: 'getDeletedItems', ...parameters });

describe('Directory → Get Deleted Items', () => {
	test('deleted groups: the Microsoft 365 groups in deleted items', async () => {
		const expected = t.sandbox.store.deletedItems('group').map((group: IDataObject) => group.id);
		expect(expected.length).toBeGreaterThan(0);
		const result = await t.run({ parameters: getDeleted({ objectType: 'group', returnAll: true }) });
		const groups = jsonOf(result);
		expect(groups.map((group) => group.id)).toEqual(expected);
		expect(groups[0]).toMatchObject({ displayName: 'Old Project Nimbus' });
		expect(groups[0].deletedDateTime).toEqual(expect.any(String));
		expect(t.requests()[0].path).toBe('/v1.0/directory/deletedItems/microsoft.graph.group');
	});

	test('deleted users: Return All in pages of 999, Limit stops early', async () => {
		for (let index = 0; index < 1100; index++) {
			const user = t.sandbox.store.createUser(
				{ displayName: `Leaver ${index}`, userPrincipalName: `leaver${index}@${t.sandbox.tenantDomain}`, mailNickname: `leaver${index}` },
				{ seed: true },
			);
			t.sandbox.store.deleteUser(user.id);
		}
		const total = t.sandbox.store.deletedItems('user').length;
		t.sandbox.clearLog();
		const result = await t.run({ parameters: getDeleted({ objectType: 'user', returnAll: true }) });
		expect(jsonOf(result).map((user) => user.id)).toEqual(t.sandbox.store.deletedItems('user').map((user: IDataObject) => user.id));
		expect(jsonOf(result).filter((user) => String(user.displayName).startsWith('Leaver '))).toHaveLength(1100);
		const pages = t.requests().filter((entry) => entry.path === '/v1.0/directory/deletedItems/microsoft.graph.user');
		expect(pages).toHaveLength(Math.ceil(total / 999));
		expect(pages[0].query.$top).toBe('999');

		t.sandbox.clearLog();
		const some = await t.run({ parameters: getDeleted({ objectType: 'user', limit: 3 }) });
		expect(jsonOf(some)).toHaveLength(3);
		expect(t.requests()).toHaveLength(1);
		expect(t.requests()[0].query.$top).toBe('3');
	});

	test('continueOnFail: an unknown object type is refused before any request', async () => {
		const result = await t.run({
			items: [{ type: 'device' }],
			continueOnFail: true,
			parameters: getDeleted({ objectType: '={{ $json.type }}' }),
		});
		expect(jsonOf(result)[0].error).toMatch(/"device" is not one of group, user \[parameter "objectType"\]/);
		expect(t.requests()).toHaveLength(0);
	});

	test('a Graph refusal is mapped with the permission to grant', async () => {
		t.sandbox.faults.deny = [{ method: 'GET', path: /deletedItems/ }];
		try {
			const result = await t.run({ parameters: getDeleted({ objectType: 'group', returnAll: true }) });
			expect(result.error?.message).toMatch(/Permission denied.*Group\.Read\.All/);
			expect(result.error?.description).toMatch(/code: Authorization_RequestDenied/);
		} finally {
			t.sandbox.faults.deny = [];
		}
	});
});
