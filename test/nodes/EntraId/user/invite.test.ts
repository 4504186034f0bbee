import type { IDataObject } from 'n8n-workflow';

import { appOnlyCredential, jsonOf, useSandbox } from '../../../helpers/setup';

const t = useSandbox();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { governanceOf } = require('../../../sandbox/governance') as { governanceOf: (store: unknown) => IDataObject & { invitations: IDataObject[]; sponsors: Map<string, string[]> } };

const gov = () => governanceOf(t.sandbox.store);
const invitations = () => t.requests().filter((entry) => entry.method === 'POST' && entry.path === '/v1.0/invitations');
const members = () => t.sandbox.store.listUsers().filter((user: IDataObject) => user.userType === 'Member') as Array<{ id: string; userPrincipalName: string }>;

beforeAll(() => {
	t.runner.setCredential('entraIdAppOnlyApi', appOnlyCredential(t.sandbox, 'clientSecret'));
});

describe('User → Invite', () => {
	test.each(['entraIdOAuth2Api', 'entraIdAppOnlyApi'])('invites a guest with %s and returns { id, email, inviteRedeemUrl, status }', async (credentialType) => {
		const email = `partner.${credentialType}@fabrikam.com`;
		const result = await t.run({ credentialType, parameters: { resource: 'user', operation: 'invite', email, redirectUrl: 'https://apps.contoso.com/welcome', options: { displayName: 'Pat Partner', message: 'Welcome aboard' } } });
		expect(result.error).toBeUndefined();
		const [out] = jsonOf(result);
		const guest = t.sandbox.store.getUser(String(out.id));
		expect(guest).toMatchObject({ mail: email, userType: 'Guest', creationType: 'Invitation', displayName: 'Pat Partner' });
		expect(out).toEqual({ id: guest.id, email, inviteRedeemUrl: expect.stringMatching(/^https:\/\/login\.microsoftonline\.com\/redeem\?/), status: 'PendingAcceptance' });
		const sent = gov().invitations.at(-1);
		expect(sent).toMatchObject({ email, sendInvitationMessage: true, message: 'Welcome aboard' });
		expect(invitations()).toHaveLength(1);
	});

	test('inviting the same address again returns the same guest, not an error or a second account', async () => {
		const email = 'twice@fabrikam.com';
		const run = async () => jsonOf(await t.run({ parameters: { resource: 'user', operation: 'invite', email, redirectUrl: 'https://myapps.microsoft.com' } }))[0];
		const first = await run();
		const second = await run();
		expect(second.id).toBe(first.id);
		expect(t.sandbox.store.listUsers().filter((user: IDataObject) => user.mail === email)).toHaveLength(1);
	});

	test('sponsors by ID and UPN become the guest\'s sponsors; User Type Member and no email are sent as asked', async () => {
		const [ada, bob] = members().slice(3, 5);
		const result = await t.run({
			parameters: {
				resource: 'user',
				operation: 'invite',
				email: 'sponsored@fabrikam.com',
				redirectUrl: 'https://myapps.microsoft.com',
				options: { sponsorIds: `${ada.id}, ${bob.userPrincipalName}`, userType: 'Member', sendInvitationMessage: false },
			},
		});
		expect(result.error).toBeUndefined();
		const [out] = jsonOf(result);
		expect(out.sponsorIds).toEqual([ada.id, bob.id]);
		expect(gov().sponsors.get(String(out.id))).toEqual([ada.id, bob.id]);
		expect(t.sandbox.store.getUser(String(out.id)).userType).toBe('Member');
		expect(gov().invitations.at(-1)).toMatchObject({ sendInvitationMessage: false });
	});

	test('a sponsor UPN that does not exist fails the item before anyone is invited', async () => {
		const result = await t.run({
			continueOnFail: true,
			parameters: { resource: 'user', operation: 'invite', email: 'orphan@fabrikam.com', redirectUrl: 'https://myapps.microsoft.com', options: { sponsorIds: 'nobody@contoso.com' } },
		});
		const [out] = jsonOf(result);
		expect(String(out.error)).toMatch(/Sponsor "nobody@contoso.com" does not exist, so orphan@fabrikam.com was not invited/);
		expect(invitations()).toHaveLength(0);
		expect(t.sandbox.store.listUsers().some((user: IDataObject) => user.mail === 'orphan@fabrikam.com')).toBe(false);
	});

	test('a sponsor ID that does not exist fails the item and says the guest was invited', async () => {
		const missing = '00000000-0000-4000-8000-000000000000';
		const result = await t.run({
			continueOnFail: true,
			parameters: { resource: 'user', operation: 'invite', email: 'half@fabrikam.com', redirectUrl: 'https://myapps.microsoft.com', options: { sponsorIds: [missing] } },
		});
		const [out] = jsonOf(result);
		expect(String(out.error)).toMatch(new RegExp(`guest was invited .*sponsor "${missing}" could not be added`));
		expect(t.sandbox.store.listUsers().some((user: IDataObject) => user.mail === 'half@fabrikam.com')).toBe(true);
	});

	test.each([
		['email', { email: 'not-an-email' }, /not a valid email address \[parameter "email"\]/],
		['email', { email: '   ' }, /email address is empty \[parameter "email"\]/],
		['redirectUrl', { redirectUrl: 'javascript:alert(1)' }, /not an absolute http\(s\) URL \[parameter "redirectUrl"\]/],
		['redirectUrl', { redirectUrl: 'myapps.microsoft.com' }, /not an absolute http\(s\) URL \[parameter "redirectUrl"\]/],
		['options.userType', { options: { userType: 'Admin' } }, /not Guest or Member \[parameter "options.userType"\]/],
		['options.sponsorIds', { options: { sponsorIds: 'not a user' } }, /\[parameter "options.sponsorIds"\]/],
	])('bad %s is refused before any request', async (_name, override, message) => {
		const result = await t.run({ parameters: { resource: 'user', operation: 'invite', email: 'ok@fabrikam.com', redirectUrl: 'https://myapps.microsoft.com', ...override } });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toMatch(message);
		expect(t.requests()).toHaveLength(0);
	});
});
