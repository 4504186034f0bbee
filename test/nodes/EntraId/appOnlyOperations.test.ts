import type { IDataObject } from 'n8n-workflow';

import { appOnlyCredential, jsonOf, useSandbox } from '../../helpers/setup';
import { byId, byUpn } from '../../helpers/locators';

// Every operation of the node, run once with the app-only credential (client secret through MSAL):
// the same workflows as with the delegated credential must work when the app signs in as itself.
const t = useSandbox();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SKU_IDS } = require('../../sandbox/seed') as { SKU_IDS: Record<string, string> };

interface User {
	id: string;
	userPrincipalName: string;
}

let serial = 0;
function newUser(props: IDataObject = {}): User {
	serial++;
	return t.sandbox.store.createUser({
		displayName: `App-only ${serial}`,
		userPrincipalName: `apponly${serial}@${t.sandbox.tenantDomain}`,
		mailNickname: `apponly${serial}`,
		accountEnabled: true,
		usageLocation: 'NL',
		...props,
	});
}
function newGroup(props: IDataObject = {}, links: IDataObject = {}): { id: string } {
	serial++;
	return t.sandbox.store.createGroup(
		{ displayName: `App-only group ${serial}`, mailNickname: `apponlygroup${serial}`, securityEnabled: true, mailEnabled: false, ...props },
		links,
	);
}

async function runAppOnly(parameters: IDataObject) {
	const result = await t.run({ credentialType: 'entraIdAppOnlyApi', parameters });
	expect(result.error).toBeUndefined();
	return jsonOf(result);
}

beforeAll(() => {
	t.runner.setCredential('entraIdAppOnlyApi', appOnlyCredential(t.sandbox, 'clientSecret'));
});

describe('every user operation with the app-only credential', () => {
	test('create, get, getAll, update, enable, disable, resetPassword, revokeSessions, delete', async () => {
		const [created] = await runAppOnly({
			resource: 'user',
			operation: 'create',
			displayName: 'Grace Hopper',
			userPrincipalName: `grace@${t.sandbox.tenantDomain}`,
			mailNickname: 'grace',
			password: 'Correct-Horse-42!',
			accountEnabled: true,
		});
		expect(t.sandbox.store.getUser(String(created.id)).displayName).toBe('Grace Hopper');

		expect((await runAppOnly({ resource: 'user', operation: 'get', userId: byUpn(`grace@${t.sandbox.tenantDomain}`) }))[0].id).toBe(created.id);
		expect(await runAppOnly({ resource: 'user', operation: 'getAll', limit: 5 })).toHaveLength(5);

		await runAppOnly({ resource: 'user', operation: 'update', userId: byId(String(created.id)), updateFields: { department: 'Navy' } });
		expect(t.sandbox.store.getUser(String(created.id)).department).toBe('Navy');

		await runAppOnly({ resource: 'user', operation: 'disable', userId: byId(String(created.id)) });
		expect(t.sandbox.store.getUser(String(created.id)).accountEnabled).toBe(false);
		await runAppOnly({ resource: 'user', operation: 'enable', userId: byId(String(created.id)) });
		expect(t.sandbox.store.getUser(String(created.id)).accountEnabled).toBe(true);

		const [reset] = await runAppOnly({ resource: 'user', operation: 'resetPassword', userId: byId(String(created.id)), password: 'Another-Horse-43!' });
		expect(reset).toEqual({ id: created.id, passwordReset: true });
		const [revoked] = await runAppOnly({ resource: 'user', operation: 'revokeSessions', userId: byId(String(created.id)) });
		expect(revoked).toMatchObject({ sessionsRevoked: true });

		await runAppOnly({ resource: 'user', operation: 'delete', userId: byId(String(created.id)) });
		expect(t.sandbox.store.getUser(String(created.id))).toBeUndefined();
	});

	test('manager, direct reports, groups, checkGroups and licenses', async () => {
		const employee = newUser();
		const boss = newUser();
		await runAppOnly({ resource: 'user', operation: 'setManager', userId: byId(employee.id), managerId: byUpn(boss.userPrincipalName) });
		expect(t.sandbox.store.managerOf(employee.id)).toBe(boss.id);
		expect((await runAppOnly({ resource: 'user', operation: 'getManager', userId: byId(employee.id) }))[0].id).toBe(boss.id);
		expect((await runAppOnly({ resource: 'user', operation: 'getDirectReports', userId: byId(boss.id), returnAll: true })).map((user) => user.id)).toEqual([employee.id]);
		await runAppOnly({ resource: 'user', operation: 'removeManager', userId: byId(employee.id) });
		expect(t.sandbox.store.managerOf(employee.id)).toBeFalsy();

		const group = newGroup({}, { members: [employee.id] });
		const other = newGroup();
		expect((await runAppOnly({ resource: 'user', operation: 'getGroups', userId: byId(employee.id), returnAll: true })).map((g) => g.id)).toEqual([group.id]);
		expect(await runAppOnly({ resource: 'user', operation: 'checkGroups', userId: byId(employee.id), groupIds: `${group.id},${other.id}` })).toEqual([
			{ id: employee.id, memberOf: [group.id] },
		]);

		await runAppOnly({ resource: 'user', operation: 'assignLicense', userId: byId(employee.id), skuId: SKU_IDS.E3 });
		expect(JSON.stringify(t.sandbox.store.getUser(employee.id).assignedLicenses)).toContain(SKU_IDS.E3);
		await runAppOnly({ resource: 'user', operation: 'removeLicense', userId: byId(employee.id), skuId: SKU_IDS.E3 });
		expect(JSON.stringify(t.sandbox.store.getUser(employee.id).assignedLicenses ?? [])).not.toContain(SKU_IDS.E3);
	});

	test('getProfile is refused for app-only before any request', async () => {
		const result = await t.run({ credentialType: 'entraIdAppOnlyApi', parameters: { resource: 'user', operation: 'getProfile' } });
		expect(result.error?.message).toMatch(/user\.get|Get/);
		expect(t.requests()).toHaveLength(0);
	});
});

describe('every group and directory operation with the app-only credential', () => {
	test('create, get, getAll, update, members, owners, delete', async () => {
		const owner = newUser();
		const member = newUser();
		const [group] = await runAppOnly({
			resource: 'group',
			operation: 'create',
			displayName: 'App-only created',
			mailNickname: 'apponlycreated',
			groupType: 'security',
			additionalFields: { owners: owner.id },
		});
		const groupId = String(group.id);
		expect(t.sandbox.store.ownersOf(groupId)).toEqual([owner.id]);
		expect((await runAppOnly({ resource: 'group', operation: 'get', groupId: byId(groupId) }))[0].displayName).toBe('App-only created');
		expect(await runAppOnly({ resource: 'group', operation: 'getAll', limit: 3 })).toHaveLength(3);
		await runAppOnly({ resource: 'group', operation: 'update', groupId: byId(groupId), updateFields: { description: 'Made by the app' } });
		expect(t.sandbox.store.getGroup(groupId).description).toBe('Made by the app');

		await runAppOnly({ resource: 'group', operation: 'addMembers', groupId: byId(groupId), memberId: byUpn(member.userPrincipalName) });
		expect(t.sandbox.store.isMember(groupId, member.id)).toBe(true);
		expect((await runAppOnly({ resource: 'group', operation: 'getMembers', groupId: byId(groupId), returnAll: true })).map((m) => m.id)).toEqual([member.id]);
		await runAppOnly({ resource: 'group', operation: 'removeMember', groupId: byId(groupId), memberId: byId(member.id) });
		expect(t.sandbox.store.isMember(groupId, member.id)).toBe(false);

		const second = newUser();
		await runAppOnly({ resource: 'group', operation: 'addOwner', groupId: byId(groupId), ownerId: byId(second.id) });
		expect((await runAppOnly({ resource: 'group', operation: 'getOwners', groupId: byId(groupId), returnAll: true })).map((o) => o.id).sort()).toEqual(
			[owner.id, second.id].sort(),
		);
		await runAppOnly({ resource: 'group', operation: 'removeOwner', groupId: byId(groupId), ownerId: byId(second.id) });
		expect(t.sandbox.store.ownersOf(groupId)).toEqual([owner.id]);

		await runAppOnly({ resource: 'group', operation: 'delete', groupId: byId(groupId) });
		expect(t.sandbox.store.getGroup(groupId)).toBeUndefined();
	});

	test('deleted items, restore and licenses', async () => {
		const leaver = newUser();
		t.sandbox.store.deleteUser(leaver.id);
		const deleted = await runAppOnly({ resource: 'directory', operation: 'getDeletedItems', objectType: 'user', returnAll: true });
		expect(deleted.map((item) => item.id)).toContain(leaver.id);
		await runAppOnly({ resource: 'directory', operation: 'restoreDeletedItem', deletedItemId: byId(leaver.id) });
		expect(t.sandbox.store.getUser(leaver.id)).toBeDefined();
		const skus = await runAppOnly({ resource: 'directory', operation: 'getLicenses' });
		expect(skus.map((sku) => sku.skuId)).toEqual(expect.arrayContaining(Object.values(SKU_IDS)));
	});

	test('one token request served the whole file', () => {
		const tokenCalls = t.sandbox.auth.tokenLog.filter((entry) => entry.grantType === 'client_credentials' && entry.status === 200);
		expect(tokenCalls.length).toBe(1);
	});
});
