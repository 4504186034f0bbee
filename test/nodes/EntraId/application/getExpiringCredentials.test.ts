import type { IDataObject } from 'n8n-workflow';

import { appOnlyCredential, jsonOf, useSandbox } from '../../../helpers/setup';

const t = useSandbox({ seed: 'empty' });
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { governanceOf, addApplication, isoIn } = require('../../../sandbox/governance') as {
	governanceOf: (store: unknown) => { applications: IDataObject[]; servicePrincipals: IDataObject[] };
	addApplication: (gov: unknown, record: IDataObject, collection?: string) => IDataObject;
	isoIn: (days: number) => string;
};

const appId = (n: number) => `00000000-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`;
const secret = (name: string, days: number) => ({ keyId: `${name}-key`, displayName: name, startDateTime: isoIn(days - 365), endDateTime: isoIn(days), hint: 'abc' });

beforeAll(() => {
	t.runner.setCredential('entraIdAppOnlyApi', appOnlyCredential(t.sandbox, 'clientSecret'));
	const gov = governanceOf(t.sandbox.store);
	gov.applications.length = 0;
	gov.servicePrincipals.length = 0;
	const app = (n: number, passwordCredentials: IDataObject[], keyCredentials: IDataObject[] = []) =>
		addApplication(gov, { id: appId(n), appId: appId(n + 50), displayName: `Payroll ${n}`, passwordCredentials, keyCredentials });
	app(1, [secret('soon', 10.5), secret('later', 200)]);
	app(2, [secret('expired', -3.5)], [{ ...secret('CN=payroll', 25.5), type: 'AsymmetricX509Cert', usage: 'Verify' }]);
	app(3, []);
	const saml = { ...secret('CN=saml', 5.5), type: 'AsymmetricX509Cert', usage: 'Sign' };
	addApplication(gov, { id: appId(10), appId: appId(51), displayName: 'Payroll 1', passwordCredentials: [], keyCredentials: [saml] }, 'servicePrincipals');
});

const run = async (parameters: IDataObject, credentialType?: string) => {
	const result = await t.run({ credentialType, parameters: { resource: 'application', operation: 'getExpiringCredentials', ...parameters } });
	expect(result.error).toBeUndefined();
	return jsonOf(result);
};

describe('Application → Get Expiring Credentials', () => {
	test.each(['entraIdOAuth2Api', 'entraIdAppOnlyApi'])('with %s: one item per secret or certificate expiring within Days, expired included, soonest first', async (credentialType) => {
		const out = await run({ days: 30 }, credentialType);
		expect(out.map((item) => item.credentialName)).toEqual(['expired', 'soon', 'CN=payroll']);
		expect(out[1]).toEqual({
			objectType: 'application',
			id: appId(1),
			appId: appId(51),
			appDisplayName: 'Payroll 1',
			credentialType: 'secret',
			keyId: 'soon-key',
			credentialName: 'soon',
			startDateTime: expect.any(String),
			endDateTime: expect.any(String),
			daysLeft: 10,
			expired: false,
		});
		expect(out[0]).toMatchObject({ expired: true, daysLeft: -4 });
		expect(out[2]).toMatchObject({ credentialType: 'certificate', daysLeft: 25 });
	});

	test('reads 999 applications a page with only the properties it needs', async () => {
		await run({});
		const [list] = t.requests();
		expect(list.path).toBe('/v1.0/applications');
		expect(list.query).toMatchObject({ $top: '999', $select: 'id,appId,displayName,passwordCredentials,keyCredentials' });
	});

	test('options: leave out expired; service principals; both', async () => {
		expect((await run({ days: 30, options: { includeExpired: false } })).map((item) => item.credentialName)).toEqual(['soon', 'CN=payroll']);
		expect(await run({ days: 30, options: { include: 'servicePrincipals' } })).toEqual([expect.objectContaining({ objectType: 'servicePrincipal', credentialName: 'CN=saml', credentialType: 'certificate' })]);
		expect((await run({ days: 365, options: { include: 'both' } })).map((item) => item.credentialName)).toEqual(['expired', 'CN=saml', 'soon', 'CN=payroll', 'later']);
	});

	test('pages through every application', async () => {
		t.sandbox.faults.maxPageSize = 1;
		try {
			expect(await run({ days: 30 })).toHaveLength(3);
			expect(t.requests().filter((entry) => entry.path === '/v1.0/applications')).toHaveLength(3);
		} finally {
			t.sandbox.faults.maxPageSize = 0;
		}
	});

	test.each([0, 2.5, -1, '={{ "thirty" }}'])('Days %p is refused before any request', async (days) => {
		const result = await t.run({ parameters: { resource: 'application', operation: 'getExpiringCredentials', days } });
		expect(result.error?.message).toMatch(/positive whole number.*\[parameter "days"\]/);
		expect(t.requests()).toHaveLength(0);
	});
});
