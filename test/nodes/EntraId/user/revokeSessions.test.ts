import type { IDataObject } from 'n8n-workflow';

import { jsonOf, useSandbox } from '../../../helpers/setup';
import { byId, byUpn } from '../../../helpers/locators';

const t = useSandbox();

const revoke = (userId: IDataObject) => ({ resource: 'user', operation: 'revokeSessions', userId });
const members = () => t.sandbox.store.listUsers().filter((user: IDataObject) => user.userType === 'Member') as IDataObject[];
const LONG_AGO = '2020-01-01T00:00:00Z';
const validFrom = (id: unknown) => t.sandbox.store.getUser(id).signInSessionsValidFromDateTime as string;

describe('User → Revoke Sessions', () => {
	test('moves the sign-in cut-off of a user given by UPN to now', async () => {
		const user = members()[3];
		t.sandbox.store.updateUser(user.id, { signInSessionsValidFromDateTime: LONG_AGO });
		const result = await t.run({ parameters: revoke(byUpn(user.userPrincipalName as string)) });
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([{ id: user.id, sessionsRevoked: true }]);
		expect(Date.parse(validFrom(user.id))).toBeGreaterThan(Date.parse(LONG_AGO));
		expect(t.requests().filter((entry) => entry.method === 'POST').map((entry) => entry.path)).toEqual([`/v1.0/users/${user.id}/revokeSignInSessions`]);
	});

	test('a bad ID is refused before any request', async () => {
		const result = await t.run({ items: [{ id: '1234' }], parameters: revoke(byId('={{ $json.id }}')) });
		expect(result.error?.message).toMatch(/"1234" is not a user ID \(GUID\) \[parameter "userId"\]/);
		expect(t.requests()).toHaveLength(0);
	});

	test('25 leavers in two $batch envelopes (each action carries the JSON body $batch requires); an unknown user fails alone', async () => {
		const users = members().slice(10, 35);
		users.forEach((user) => t.sandbox.store.updateUser(user.id, { signInSessionsValidFromDateTime: LONG_AGO }));
		const missing = '00000000-0000-4000-8000-000000000000';
		const items = users.map((user, index) => ({ id: index === 20 ? missing : user.id }));
		const result = await t.run({ items, continueOnFail: true, parameters: revoke(byId('={{ $json.id }}')) });
		const output = jsonOf(result);
		expect(result.output.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
		expect(output[20]).toMatchObject({ code: 'Request_ResourceNotFound', requestId: expect.any(String), error: expect.stringContaining(missing) });
		users.forEach((user, index) => {
			if (index === 20) {
				expect(validFrom(user.id)).toBe(LONG_AGO);
				return;
			}
			expect(output[index]).toEqual({ id: user.id, sessionsRevoked: true });
			expect(Date.parse(validFrom(user.id))).toBeGreaterThan(Date.parse(LONG_AGO));
		});
		expect(t.requests().filter((entry) => !entry.batch).map((entry) => entry.path)).toEqual(['/v1.0/$batch', '/v1.0/$batch']);
		expect(t.requests().filter((entry) => entry.batch && entry.path.endsWith('/revokeSignInSessions'))).toHaveLength(25);
	});
});
