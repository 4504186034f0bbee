import type { IDataObject } from 'n8n-workflow';

import { jsonOf, useSandbox } from '../../../helpers/setup';
import { byId, byUpn } from '../../../helpers/locators';

const t = useSandbox();

const update = (userId: IDataObject, updateFields: IDataObject) => ({ resource: 'user', operation: 'update', userId, updateFields });
const members = () => t.sandbox.store.listUsers().filter((user: IDataObject) => user.userType === 'Member') as IDataObject[];
const patches = () => t.requests().filter((entry) => entry.method === 'PATCH');

describe('User → Update', () => {
	test('a mover: changed fields, extension attributes merged, custom properties sent as given', async () => {
		const user = members()[5];
		const keptAttribute = { extensionAttribute1: 'CC-0001' };
		t.sandbox.store.updateUser(user.id, { onPremisesExtensionAttributes: keptAttribute });
		const result = await t.run({
			parameters: update(byUpn(user.userPrincipalName as string), {
				department: 'Research',
				jobTitle: 'Research Scientist',
				usageLocation: 'de',
				accountEnabled: 'true',
				extensionAttributes: { extensionAttribute2: 'Building 7' },
				customProperties: '{ "employeeOrgData": { "division": "EMEA", "costCenter": "4711" } }',
			}),
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([{ id: user.id, updated: true }]);
		expect(t.sandbox.store.getUser(user.id)).toMatchObject({
			department: 'Research',
			jobTitle: 'Research Scientist',
			usageLocation: 'DE',
			accountEnabled: true,
			onPremisesExtensionAttributes: { ...keptAttribute, extensionAttribute2: 'Building 7' },
			employeeOrgData: { division: 'EMEA', costCenter: '4711' },
		});
		// The UPN was resolved to the object ID, which the PATCH then used.
		expect(patches().map((entry) => entry.path)).toEqual([`/v1.0/users/${user.id}`]);
	});

	test('the expression {{ null }} clears a property and an extension attribute', async () => {
		const user = members()[6];
		t.sandbox.store.updateUser(user.id, { mobilePhone: '+1 555 0100', onPremisesExtensionAttributes: { extensionAttribute3: 'old', extensionAttribute4: 'kept' } });
		const result = await t.run({
			parameters: update(byId(user.id as string), { mobilePhone: '={{ null }}', extensionAttributes: { extensionAttribute3: '={{ null }}' } }),
		});
		expect(jsonOf(result)).toEqual([{ id: user.id, updated: true }]);
		const stored = t.sandbox.store.getUser(user.id);
		expect(stored.mobilePhone).toBeUndefined();
		expect(stored.onPremisesExtensionAttributes).toEqual({ extensionAttribute3: null, extensionAttribute4: 'kept' });
	});

	test('an empty payload and unclear or unsafe fields are refused before any request', async () => {
		const user = members()[7];
		const cases: Array<[IDataObject, RegExp]> = [
			[{}, /Empty update payload.*\[parameter "updateFields"\]/],
			[{ department: '={{ "" }}' }, /value is empty.*\[parameter "updateFields.department"\]/],
			[{ displayName: '={{ null }}' }, /cannot be cleared.*\[parameter "updateFields.displayName"\]/],
			[{ mailNickname: 'ada(lovelace)' }, /not a valid mail nickname.*\[parameter "updateFields.mailNickname"\]/],
			[{ accountEnabled: '={{ "maybe" }}' }, /Expected true or false.*\[parameter "updateFields.accountEnabled"\]/],
			[{ customProperties: '{ "passwordProfile": { "password": "x" } }' }, /may not set "passwordProfile".*Reset Password/],
			[{ customProperties: '{ "id": "00000000-0000-4000-8000-000000000000" }' }, /may not set "id"/],
			[{ customProperties: '{ not json' }, /not valid JSON.*\[parameter "updateFields.customProperties"\]/],
			[{ customProperties: '{}' }, /Empty update payload/],
			[{ department: 'Sales', customProperties: '{ "department": "Legal" }' }, /Custom Properties sets "department", which a field above sets too/],
			[
				{ customProperties: '{ "onPremisesExtensionAttributes": { "extensionAttribute16": "x" } }' },
				/not an extension attribute.*\[parameter "updateFields.customProperties.onPremisesExtensionAttributes.extensionAttribute16"\]/,
			],
		];
		for (const [fields, message] of cases) {
			const result = await t.run({ parameters: update(byId(user.id as string), fields) });
			expect(result.error?.message).toMatch(message);
		}
		expect(t.requests()).toHaveLength(0);
	});

	test('an unknown ID is named in the error; a taken UPN is explained', async () => {
		const [first, second] = members();
		const missing = '00000000-0000-4000-8000-000000000000';
		const result = await t.run({
			items: [{ id: missing, upn: 'free.name@contoso.com' }, { id: first.id, upn: second.userPrincipalName }],
			continueOnFail: true,
			parameters: update(byId('={{ $json.id }}'), { userPrincipalName: '={{ $json.upn }}' }),
		});
		const [notFound, taken] = jsonOf(result);
		expect(notFound).toMatchObject({ code: 'Request_ResourceNotFound', requestId: expect.any(String) });
		expect(notFound.error).toMatch(`Not found: user "${missing}"`);
		expect(taken).toMatchObject({ code: 'Request_BadRequest' });
		expect(taken.error).toMatch(/Another directory object already has this user principal name/);
		expect(t.sandbox.store.getUser(first.id).userPrincipalName).toBe(first.userPrincipalName);
	});

	test('25 movers go in two $batch envelopes; a missing user fails alone, paired to its item', async () => {
		const movers = members().slice(10, 35);
		const missing = '00000000-0000-4000-8000-00000000abcd';
		const items = movers.map((user, index) => ({ id: index === 12 ? missing : user.id, title: `Title ${index}` }));
		const result = await t.run({
			items,
			continueOnFail: true,
			parameters: update(byId('={{ $json.id }}'), { jobTitle: '={{ $json.title }}' }),
		});
		const output = jsonOf(result);
		expect(result.output.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
		expect(output[12]).toMatchObject({ code: 'Request_ResourceNotFound', error: expect.stringContaining(missing) });
		items.forEach((item, index) => {
			if (index === 12) return;
			expect(output[index]).toEqual({ id: item.id, updated: true });
			expect(t.sandbox.store.getUser(item.id).jobTitle).toBe(item.title);
		});
		expect(t.requests().filter((entry) => !entry.batch).map((entry) => entry.path)).toEqual(['/v1.0/$batch', '/v1.0/$batch']);
		expect(patches()).toHaveLength(25);
	});
});
