import type { IDataObject } from 'n8n-workflow';

import { jsonOf, useSandbox } from '../../../helpers/setup';

const t = useSandbox();

const PASSWORD = 'Joiner#2025-Welcome';
const create = (parameters: IDataObject) => ({
	resource: 'user',
	operation: 'create',
	displayName: 'Ada Lovelace',
	userPrincipalName: 'ada.lovelace@contoso.com',
	mailNickname: 'ada.lovelace',
	password: PASSWORD,
	accountEnabled: true,
	...parameters,
});
const userPosts = () => t.requests().filter((entry) => entry.method === 'POST' && entry.path === '/v1.0/users');

describe('User → Create', () => {
	test('creates a user with its additional fields and returns it, without the password', async () => {
		const result = await t.run({
			parameters: create({
				additionalFields: {
					givenName: 'Ada',
					surname: 'Lovelace',
					department: 'Research',
					employeeId: 4711,
					employeeHireDate: '2025-09-01T08:30:00',
					usageLocation: 'gb',
					businessPhones: '+44 20 7946 0001',
					otherMails: 'ada@fabrikam.com, ada.private@example.com',
					extensionAttributes: { extensionAttribute1: 'CC-1001', extensionAttribute15: 'badge-77' },
				},
			}),
		});
		expect(result.error).toBeUndefined();
		const [user] = jsonOf(result);
		expect(user).toMatchObject({ displayName: 'Ada Lovelace', userPrincipalName: 'ada.lovelace@contoso.com', id: expect.any(String) });
		expect(user['@odata.context']).toBeUndefined();
		expect(JSON.stringify(result.output)).not.toContain(PASSWORD);

		const stored = t.sandbox.store.getUser(user.id);
		expect(stored).toMatchObject({
			accountEnabled: true,
			mailNickname: 'ada.lovelace',
			givenName: 'Ada',
			employeeId: '4711',
			employeeHireDate: '2025-09-01T08:30:00Z',
			usageLocation: 'GB',
			businessPhones: ['+44 20 7946 0001'],
			otherMails: ['ada@fabrikam.com', 'ada.private@example.com'],
			onPremisesExtensionAttributes: { extensionAttribute1: 'CC-1001', extensionAttribute15: 'badge-77' },
			// Sent explicitly even though the field was not added.
			passwordProfile: { forceChangePasswordNextSignIn: true },
		});
		expect(userPosts()).toHaveLength(1);
	});

	test('bad input is refused before any request, each error naming its parameter', async () => {
		const result = await t.run({
			items: [
				{ upn: 'no-at-sign.contoso.com' },
				{ nick: 'ada lovelace' },
				{ usage: 'USA' },
				{ phones: ['+1 425 555 0100', '+1 425 555 0101'] },
				{ hired: 'next Monday' },
				{ password: '   ' },
			],
			continueOnFail: true,
			parameters: create({
				userPrincipalName: '={{ $json.upn ?? "grace.hopper@contoso.com" }}',
				mailNickname: '={{ $json.nick ?? "grace.hopper" }}',
				password: `={{ $json.password ?? "${PASSWORD}" }}`,
				additionalFields: {
					usageLocation: '={{ $json.usage ?? "US" }}',
					businessPhones: '={{ $json.phones ?? "+1 425 555 0100" }}',
					employeeHireDate: '={{ $json.hired ?? "2025-09-01" }}',
				},
			}),
		});
		expect(jsonOf(result).map((item) => item.error)).toEqual([
			expect.stringMatching(/not a valid user principal name.*\[parameter "userPrincipalName"\]/),
			expect.stringMatching(/not a valid mail nickname: it contains a space.*\[parameter "mailNickname"\]/),
			expect.stringMatching(/not a two-letter country code.*\[parameter "additionalFields.usageLocation"\]/),
			expect.stringMatching(/only one business phone.*\[parameter "additionalFields.businessPhones"\]/),
			expect.stringMatching(/not an ISO 8601 date.*\[parameter "additionalFields.employeeHireDate"\]/),
			expect.stringMatching(/password is empty.*\[parameter "password"\]/),
		]);
		expect(result.output.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3, 4, 5].map((item) => ({ item })));

		// An Extension Attributes field with no attribute (also what n8n leaves of a whole-field expression).
		const empty = await t.run({ parameters: create({ additionalFields: { extensionAttributes: {} } }) });
		expect(empty.error?.message).toMatch(/No extension attribute is set \[parameter "additionalFields.extensionAttributes"\]/);
		expect(t.requests()).toHaveLength(0);
	});

	test('a password Graph finds too weak is explained, and the password appears nowhere', async () => {
		const weak = 'alllowercase';
		const result = await t.run({ parameters: create({ userPrincipalName: 'weak.password@contoso.com', mailNickname: 'weak.password', password: weak }) });
		expect(result.error?.message).toMatch(/does not meet the tenant's password policy.*three of/);
		expect(result.error?.description).toMatch(/code: Request_BadRequest \| request-id: [0-9a-f-]{36}/);
		const everything = JSON.stringify([result.error?.message, result.error?.description, result.error?.context, result.output, result.logs]);
		expect(everything).not.toContain(weak);
		expect(t.sandbox.store.getUser('weak.password@contoso.com')).toBeUndefined();
	});

	test('a taken UPN and an unverified domain get advice that says what to change', async () => {
		const [existing] = t.sandbox.store.listUsers();
		const result = await t.run({
			items: [{ upn: existing.userPrincipalName }, { upn: 'someone@fabrikam.com' }],
			continueOnFail: true,
			parameters: create({ userPrincipalName: '={{ $json.upn }}', mailNickname: 'someone' }),
		});
		const [taken, unverified] = jsonOf(result);
		expect(taken).toMatchObject({ code: 'Request_BadRequest', requestId: expect.any(String) });
		expect(taken.error).toMatch(/Another directory object already has this user principal name/);
		expect(unverified.error).toMatch(/not a verified domain of this tenant/);
	});

	test('30 joiners travel in two $batch envelopes; a failing one is paired to its item while the others are created', async () => {
		const [existing] = t.sandbox.store.listUsers();
		const joiners = Array.from({ length: 30 }, (_, index) => ({
			name: `Joiner ${index}`,
			upn: index === 7 ? existing.userPrincipalName : `joiner.${index}@contoso.com`,
			nick: `joiner.${index}`,
		}));
		const result = await t.run({
			items: joiners,
			continueOnFail: true,
			parameters: create({ displayName: '={{ $json.name }}', userPrincipalName: '={{ $json.upn }}', mailNickname: '={{ $json.nick }}' }),
		});
		const output = jsonOf(result);
		expect(output).toHaveLength(30);
		expect(result.output.map((item) => item.pairedItem)).toEqual(joiners.map((_, item) => ({ item })));
		expect(output[7]).toMatchObject({ code: 'Request_BadRequest', error: expect.stringMatching(/already has this user principal name/) });
		joiners.forEach((joiner, index) => {
			if (index === 7) return;
			expect(output[index]).toMatchObject({ userPrincipalName: joiner.upn });
			expect(t.sandbox.store.getUser(joiner.upn)?.displayName).toBe(joiner.name);
		});
		const outer = t.requests().filter((entry) => !entry.batch);
		expect(outer.map((entry) => `${entry.method} ${entry.path}`)).toEqual(['POST /v1.0/$batch', 'POST /v1.0/$batch']);
		expect(userPosts()).toHaveLength(30);
	});
});
