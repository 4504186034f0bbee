import { jsonOf, useSandbox } from '../../../helpers/setup';

const t = useSandbox();

const getProfile = { resource: 'user', operation: 'getProfile' };
const signedIn = () => t.sandbox.store.getUser(`admin@${t.sandbox.tenantDomain}`);

describe('User → Get My Profile', () => {
	test('with the delegated credential it reads GET /me: simplified by default, with Select and raw on request', async () => {
		const me = signedIn();
		const result = await t.run({ parameters: getProfile });
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([expect.objectContaining({ id: me.id, userPrincipalName: me.userPrincipalName, accountEnabled: true })]);
		expect(Object.keys(jsonOf(result)[0]).some((key) => key.startsWith('@odata'))).toBe(false);
		expect(t.requests().map((entry) => `${entry.method} ${entry.path}`)).toEqual(['GET /v1.0/me']);

		const fields = await t.run({ parameters: { ...getProfile, output: 'fields', options: { select: 'id,usageLocation' } } });
		expect(jsonOf(fields)).toEqual([{ id: me.id, usageLocation: me.usageLocation }]);

		const raw = await t.run({ parameters: { ...getProfile, output: 'raw' } });
		expect(jsonOf(raw)[0]['@odata.context']).toEqual(expect.any(String));
	});

	test('with the app-only credential it is refused before any token or Graph request, pointing to Get', async () => {
		const tokensBefore = t.sandbox.auth.tokenLog.length;
		t.runner.setCredential('entraIdAppOnlyApi', {
			tenantId: t.sandbox.tenantId,
			clientId: t.sandbox.auth.app.clientId,
			clientSecret: t.sandbox.auth.app.clientSecret,
			cloud: 'custom',
			customGraphUrl: t.sandbox.graphUrl,
			customLoginUrl: t.sandbox.loginUrl,
		});
		const result = await t.run({ parameters: getProfile, credentialType: 'entraIdAppOnlyApi' });
		expect(result.error?.message).toMatch(/needs the delegated credential.*\[parameter "authentication"\]/);
		expect(result.error?.description).toMatch(/Use the Get operation \(user\.get\) with the user's ID or user principal name/);
		expect(t.requests()).toHaveLength(0);
		expect(t.sandbox.auth.tokenLog).toHaveLength(tokensBefore);
	});
});
