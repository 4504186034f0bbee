import { appOnlyCredential, jsonOf, useHostSettings, useSandbox } from '../../../helpers/setup';
import { appOnlyRunner, authOf, captureLogs, tokenRequests } from './leaks';

const t = useSandbox();
useHostSettings(t);
const logs = captureLogs();
const run = appOnlyRunner(t, logs);

// n8n on an Azure VM or AKS node: no App Service variables, so MSAL asks the instance metadata
// service (IMDS). AZURE_POD_IDENTITY_AUTHORITY_HOST points MSAL's IMDS client at the sandbox.
const APP_SERVICE = ['IDENTITY_ENDPOINT', 'IDENTITY_HEADER', 'IDENTITY_SERVER_THUMBPRINT', 'MSI_ENDPOINT', 'MSI_SECRET', 'IMDS_ENDPOINT'];
beforeAll(() => {
	for (const name of APP_SERVICE) delete process.env[name];
	process.env.AZURE_POD_IDENTITY_AUTHORITY_HOST = t.sandbox.loginHttpUrl;
});
afterAll(() => {
	delete process.env.AZURE_POD_IDENTITY_AUTHORITY_HOST;
});

beforeEach(() => authOf(t.sandbox).clearTokenLog());

describe('App-only credential, managed identity (VM / AKS instance metadata service)', () => {
	test('system-assigned and user-assigned identities get their tokens from IMDS', async () => {
		const { clientId, userAssignedClientId } = authOf(t.sandbox).app.managedIdentity;
		t.runner.setCredential('entraIdAppOnlyApi', appOnlyCredential(t.sandbox, 'managedIdentity'));
		const system = await run({ parameters: { resource: 'group', operation: 'getAll', returnAll: false, limit: 2 } });
		expect(system.error).toBeUndefined();
		expect(jsonOf(system)).toHaveLength(2);

		t.runner.setCredential(
			'entraIdAppOnlyApi',
			appOnlyCredential(t.sandbox, 'managedIdentity', { managedIdentity: 'userAssigned', managedIdentityClientId: userAssignedClientId }),
		);
		const user = await run({ parameters: { resource: 'group', operation: 'getAll', returnAll: false, limit: 2 } });
		expect(user.error).toBeUndefined();
		expect(tokenRequests(t.sandbox)).toEqual([
			expect.objectContaining({ source: 'imds', status: 200, clientId }),
			expect.objectContaining({ source: 'imds', status: 200, clientId: userAssignedClientId }),
		]);
	});
});
