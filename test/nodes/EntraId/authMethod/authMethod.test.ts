import type { IDataObject } from 'n8n-workflow';

import { authMethods, makeLeaver } from '../../../helpers/leavers';
import { byId, byList, byUpn } from '../../../helpers/locators';
import { jsonOf, useSandbox } from '../../../helpers/setup';

const t = useSandbox();

const methods = (id: string) => authMethods.methodsOf(t.sandbox.store, id);
const writes = () => t.requests().filter((entry) => entry.method !== 'GET' && entry.path !== '/v1.0/$batch');

describe('Authentication Method → Get Many', () => {
	test('one item per method, its type read from @odata.type', async () => {
		const leaver = makeLeaver(t.sandbox.store);
		const result = await t.run({ parameters: { resource: 'authMethod', operation: 'getAll', userId: byUpn(leaver.userPrincipalName) } });
		expect(result.error).toBeUndefined();
		const items = jsonOf(result);
		expect(items.map((item) => item.type).sort()).toEqual(
			['email', 'fido2', 'microsoftAuthenticator', 'password', 'phone', 'phone', 'phone', 'softwareOath', 'windowsHelloForBusiness'],
		);
		expect(items.find((item) => item.phoneType === 'mobile')).toMatchObject({ id: authMethods.PHONE_IDS.mobile, type: 'phone', phoneNumber: '+1 4255550101' });
		expect(items.every((item) => !('@odata.type' in item))).toBe(true);
		expect(t.requests()).toEqual([expect.objectContaining({ method: 'GET', path: `/v1.0/users/${leaver.userPrincipalName}/authentication/methods` })]);
	});
});

test('a method type Graph adds later keeps its name in Get Many, and Reset All keeps it rather than guess its endpoint', async () => {
	const user = t.sandbox.store.listUsers()[34];
	const added = authMethods.addMethod(t.sandbox.store, user.id, { type: 'qrCodePin' });
	const listed = await t.run({ parameters: { resource: 'authMethod', operation: 'getAll', userId: byId(user.id) } });
	expect(jsonOf(listed)).toContainEqual(expect.objectContaining({ id: added.id, type: 'qrCodePin' }));
	const reset = await t.run({ parameters: { resource: 'authMethod', operation: 'resetAll', userId: byId(user.id) } });
	expect(jsonOf(reset)[0]).toMatchObject({ removed: [], kept: [{ id: authMethods.PASSWORD_ID, type: 'password' }, { id: added.id, type: 'qrCodePin' }], failed: [] });
	expect(writes()).toEqual([]);
});

describe('Authentication Method → Delete', () => {
	test('deletes by ID and type on the type\'s endpoint; a FIDO2 id (base64url) is encoded; an empty type is read from Graph first', async () => {
		const leaver = makeLeaver(t.sandbox.store);
		const fido = methods(leaver.id).find((method) => method.type === 'fido2') as { id: string };
		const result = await t.run({
			items: [{ methodId: fido.id, methodType: 'fido2' }, { methodId: authMethods.PHONE_IDS.office, methodType: '' }],
			parameters: { resource: 'authMethod', operation: 'delete', userId: byId(leaver.id), methodId: '={{ $json.methodId }}', methodType: '={{ $json.methodType }}' },
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([
			{ id: leaver.id, methodId: fido.id, type: 'fido2', deleted: true },
			{ id: leaver.id, methodId: authMethods.PHONE_IDS.office, type: 'phone', deleted: true },
		]);
		expect(writes().map((entry) => entry.path)).toEqual([
			`/v1.0/users/${leaver.id}/authentication/fido2Methods/${fido.id}`,
			`/v1.0/users/${leaver.id}/authentication/phoneMethods/${authMethods.PHONE_IDS.office}`,
		]);
		expect(methods(leaver.id).map((method) => method.id)).not.toEqual(expect.arrayContaining([fido.id, authMethods.PHONE_IDS.office]));
	});

	test.each([
		['the password method', { methodId: authMethods.PASSWORD_ID, methodType: 'password' }, /password method cannot be deleted \[parameter "methodType"\]/],
		['an unknown type', { methodId: authMethods.PASSWORD_ID, methodType: 'carrierPigeon' }, /\[parameter "methodType"\]/],
		['an id with a path in it', { methodId: '../../../users', methodType: 'phone' }, /\[parameter "methodId"\]/],
	])('%s is refused before any request', async (_name, parameters, message) => {
		const result = await t.run({ parameters: { resource: 'authMethod', operation: 'delete', userId: byId(t.sandbox.store.listUsers()[2].id), ...parameters } });
		expect(result.error?.message).toMatch(message);
		expect(t.requests()).toHaveLength(0);
	});

	test('the password, found by reading the type, is refused before any delete', async () => {
		const leaver = makeLeaver(t.sandbox.store);
		const result = await t.run({ parameters: { resource: 'authMethod', operation: 'delete', userId: byId(leaver.id), methodId: authMethods.PASSWORD_ID, methodType: '' } });
		expect(result.error?.message).toMatch(/password method cannot be deleted/);
		expect(writes()).toEqual([]);
	});

	test('the mobile phone while an alternate mobile exists: Graph refuses, the error carries its code', async () => {
		const leaver = makeLeaver(t.sandbox.store);
		const result = await t.run({
			continueOnFail: true,
			parameters: { resource: 'authMethod', operation: 'delete', userId: byId(leaver.id), methodId: authMethods.PHONE_IDS.mobile, methodType: 'phone' },
		});
		expect(jsonOf(result)[0]).toMatchObject({ code: 'badRequest' });
		expect(methods(leaver.id).some((method) => method.id === authMethods.PHONE_IDS.mobile)).toBe(true);
	});
});

describe('Authentication Method → Reset All', () => {
	test('removes every method but the password, the alternate mobile before the mobile, for several users at once', async () => {
		const [first, second] = [makeLeaver(t.sandbox.store), makeLeaver(t.sandbox.store)];
		const result = await t.run({
			items: [{ who: first.id }, { who: second.userPrincipalName }],
			parameters: { resource: 'authMethod', operation: 'resetAll', userId: byList('={{ $json.who }}') },
		});
		expect(result.error).toBeUndefined();
		const [one, two] = jsonOf(result);
		expect(one).toMatchObject({ id: first.id, kept: [{ id: authMethods.PASSWORD_ID, type: 'password' }], failed: [] });
		expect((one.removed as IDataObject[])).toHaveLength(8);
		expect(two).toMatchObject({ id: second.userPrincipalName, failed: [] });
		expect(methods(first.id).map((method) => method.type)).toEqual(['password']);
		expect(methods(second.id).map((method) => method.type)).toEqual(['password']);
		const phones = writes().filter((entry) => entry.path.startsWith(`/v1.0/users/${first.id}/authentication/phoneMethods`)).map((entry) => entry.path.split('/').pop());
		expect(phones.indexOf(authMethods.PHONE_IDS.alternateMobile)).toBeLessThan(phones.indexOf(authMethods.PHONE_IDS.mobile));
	});

	test('a default method Graph refuses to delete is reported under failed; the rest goes', async () => {
		const leaver = makeLeaver(t.sandbox.store);
		authMethods.setDefaultMethod(t.sandbox.store, leaver.id, authMethods.PHONE_IDS.mobile);
		const result = await t.run({ parameters: { resource: 'authMethod', operation: 'resetAll', userId: byId(leaver.id) } });
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)[0]).toMatchObject({ failed: [expect.objectContaining({ id: authMethods.PHONE_IDS.mobile, type: 'phone', code: 'badRequest' })] });
		expect(methods(leaver.id).map((method) => method.type).sort()).toEqual(['password', 'phone']);
	});
});

describe('Authentication Method → Create Temporary Access Pass', () => {
	const create = (userId: string, extra: IDataObject = {}, continueOnFail = false) =>
		t.run({ continueOnFail, parameters: { resource: 'authMethod', operation: 'createTemporaryAccessPass', userId: byId(userId), lifetimeInMinutes: 120, isUsableOnce: true, ...extra } });

	test('creates a pass and returns it only in temporaryAccessPass', async () => {
		const user = t.sandbox.store.listUsers()[30];
		const start = '2030-01-02T03:04:05.000Z';
		const result = await create(user.id, { options: { startDateTime: start } });
		expect(result.error).toBeUndefined();
		const [item] = jsonOf(result);
		const stored = methods(user.id).find((method) => method.type === 'temporaryAccessPass') as { id: string };
		expect(item).toEqual({ id: user.id, methodId: stored.id, temporaryAccessPass: expect.stringMatching(/^.{8}$/), lifetimeInMinutes: 120, isUsableOnce: true, startDateTime: '2030-01-02T03:04:05Z' });
		const post = t.requests().find((entry) => entry.method === 'POST');
		expect(post?.path).toBe(`/v1.0/users/${user.id}/authentication/temporaryAccessPassMethods`);
	});

	test('a user who holds a pass keeps it and the item fails; with Replace Existing the old pass is deleted first', async () => {
		const user = t.sandbox.store.listUsers()[31];
		await create(user.id);
		const first = methods(user.id).find((method) => method.type === 'temporaryAccessPass') as { id: string };
		t.sandbox.clearLog();
		const refused = await create(user.id, {}, true);
		expect(jsonOf(refused)[0].error).toMatch(/already holds a Temporary Access Pass/);
		expect(writes()).toEqual([]);
		expect(methods(user.id).filter((method) => method.type === 'temporaryAccessPass').map((method) => method.id)).toEqual([first.id]);

		const replaced = await create(user.id, { options: { replaceExisting: true } });
		expect(replaced.error).toBeUndefined();
		expect(writes().map((entry) => entry.method)).toEqual(['DELETE', 'POST']);
		const now = methods(user.id).filter((method) => method.type === 'temporaryAccessPass');
		expect(now).toHaveLength(1);
		expect(now[0].id).toBe(jsonOf(replaced)[0].methodId);
		expect(now[0].id).not.toBe(first.id);
	});

	test('a lifetime outside the tenant policy comes back as Graph\'s error', async () => {
		const user = t.sandbox.store.listUsers()[32];
		const result = await create(user.id, { lifetimeInMinutes: 43200 }, true);
		expect(jsonOf(result)[0]).toMatchObject({ code: 'badRequest', details: expect.stringContaining('valid range between 60 and 480') });
	});

	test.each([
		['lifetimeInMinutes', { lifetimeInMinutes: 9 }],
		['lifetimeInMinutes', { lifetimeInMinutes: 43201 }],
		['options.startDateTime', { options: { startDateTime: 'next tuesday' } }],
	])('bad %s is refused before any request', async (parameter, extra) => {
		const result = await create(t.sandbox.store.listUsers()[33].id, extra);
		expect(result.error?.message).toContain(`[parameter "${parameter}"]`);
		expect(t.requests()).toHaveLength(0);
	});
});
