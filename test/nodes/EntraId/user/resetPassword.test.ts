import type { IDataObject } from 'n8n-workflow';

import { jsonOf, useSandbox } from '../../../helpers/setup';
import { byId, byUpn } from '../../../helpers/locators';

const t = useSandbox();

const PASSWORD = 'Reset#2025-Temporary';
const reset = (userId: IDataObject, parameters: IDataObject = {}) => ({
	resource: 'user',
	operation: 'resetPassword',
	userId,
	password: PASSWORD,
	...parameters,
});
const members = () => t.sandbox.store.listUsers().filter((user: IDataObject) => user.userType === 'Member') as IDataObject[];
const lastChange = (id: unknown) => t.sandbox.store.getUser(id).lastPasswordChangeDateTime as string | undefined;

describe('User → Reset Password', () => {
	test('sets a new password with the force-change flags; the output never shows the password', async () => {
		const [a, b] = members().slice(3, 5);
		const result = await t.run({
			items: [{ upn: a.userPrincipalName, mfa: false }, { upn: b.userPrincipalName, mfa: true }],
			parameters: reset(byUpn('={{ $json.upn }}'), { forceChangePasswordNextSignInWithMfa: '={{ $json.mfa }}' }),
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([
			{ id: a.id, passwordReset: true },
			{ id: b.id, passwordReset: true },
		]);
		expect(t.sandbox.store.getUser(a.id).passwordProfile).toEqual({ forceChangePasswordNextSignIn: true, forceChangePasswordNextSignInWithMfa: false });
		expect(t.sandbox.store.getUser(b.id).passwordProfile).toEqual({ forceChangePasswordNextSignIn: true, forceChangePasswordNextSignInWithMfa: true });
		expect(lastChange(a.id)).toEqual(expect.any(String));
		expect(JSON.stringify(result.output)).not.toContain(PASSWORD);

		const noForce = await t.run({ parameters: reset(byId(a.id as string), { forceChangePasswordNextSignIn: false }) });
		expect(jsonOf(noForce)).toEqual([{ id: a.id, passwordReset: true }]);
		expect(t.sandbox.store.getUser(a.id).passwordProfile.forceChangePasswordNextSignIn).toBe(false);
	});

	test('a password Graph finds too weak is explained and never echoed; the user keeps the old password', async () => {
		const user = members()[6];
		const before = lastChange(user.id);
		const weak = 'weakpassword7';
		const result = await t.run({ parameters: reset(byId(user.id as string), { password: weak }), continueOnFail: true });
		const [failed] = jsonOf(result);
		expect(failed).toMatchObject({ code: 'Request_BadRequest', requestId: expect.any(String) });
		expect(failed.error).toMatch(/does not meet the tenant's password policy/);
		expect(JSON.stringify([result.output, result.logs])).not.toContain(weak);
		expect(lastChange(user.id)).toBe(before);
	});

	test('an empty password or a flag that is not true/false is refused before any request', async () => {
		const user = members()[7];
		const empty = await t.run({ items: [{ pw: '' }], parameters: reset(byId(user.id as string), { password: '={{ $json.pw }}' }) });
		expect(empty.error?.message).toMatch(/password is empty \[parameter "password"\]/);
		const flag = await t.run({ parameters: reset(byId(user.id as string), { forceChangePasswordNextSignIn: '={{ "sometimes" }}' }) });
		expect(flag.error?.message).toMatch(/Expected true or false.*\[parameter "forceChangePasswordNextSignIn"\]/);
		expect(t.requests()).toHaveLength(0);
	});

	test('25 resets in two $batch envelopes; an unknown user fails alone, paired to its item', async () => {
		const users = members().slice(10, 35);
		const missing = '00000000-0000-4000-8000-000000000000';
		const items = users.map((user, index) => ({ id: index === 0 ? missing : user.id }));
		const result = await t.run({ items, continueOnFail: true, parameters: reset(byId('={{ $json.id }}')) });
		const output = jsonOf(result);
		expect(result.output.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
		expect(output[0]).toMatchObject({ code: 'Request_ResourceNotFound', error: expect.stringContaining(missing) });
		users.slice(1).forEach((user, index) => {
			expect(output[index + 1]).toEqual({ id: user.id, passwordReset: true });
			expect(t.sandbox.store.getUser(user.id).passwordProfile).toMatchObject({ forceChangePasswordNextSignIn: true });
		});
		expect(t.requests().filter((entry) => !entry.batch).map((entry) => entry.path)).toEqual(['/v1.0/$batch', '/v1.0/$batch']);
		expect(JSON.stringify(result.output)).not.toContain(PASSWORD);
	});
});
