import { appOnlyCredential, jsonOf, useHostSettings, useSandbox } from '../../../helpers/setup';
import { appOnlyRunner, authOf, captureLogs, tokenRequests, useAppServiceIdentity } from './leaks';

const t = useSandbox();
useHostSettings(t);
const logs = captureLogs();
const run = appOnlyRunner(t, logs);

// App Service's identity endpoint, found by MSAL once per process, so this file keeps to that
// source.
useAppServiceIdentity(t);

function useManagedIdentity(fields: Record<string, string> = {}) {
	// Tenant, client and login URL play no part: fill them with nonsense to prove it.
	const unused = { tenantId: 'common', clientId: 'unused', customLoginUrl: 'http://not-used' };
	t.runner.setCredential('entraIdAppOnlyApi', appOnlyCredential(t.sandbox, 'managedIdentity', { ...unused, ...fields }));
}

const listUsers = async () => await run({ parameters: { resource: 'user', operation: 'getAll', returnAll: false, limit: 5 } });

beforeEach(() => authOf(t.sandbox).clearTokenLog());

describe('App-only credential, managed identity (App Service)', () => {
	test('system-assigned: the token comes from the identity endpoint and is reused by the next execution', async () => {
		useManagedIdentity();
		const first = await listUsers();
		expect(first.error).toBeUndefined();
		expect(jsonOf(first)).toHaveLength(5);
		const second = await listUsers();
		expect(jsonOf(second)).toHaveLength(5);
		const { clientId } = authOf(t.sandbox).app.managedIdentity;
		expect(tokenRequests(t.sandbox)).toEqual([expect.objectContaining({ source: 'msi', grantType: 'managed_identity', status: 200, clientId })]);
	});

	test('user-assigned, by client ID', async () => {
		const { userAssignedClientId } = authOf(t.sandbox).app.managedIdentity;
		useManagedIdentity({ managedIdentity: 'userAssigned', managedIdentityClientId: userAssignedClientId });
		const result = await listUsers();
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toHaveLength(5);
		expect(tokenRequests(t.sandbox)).toEqual([expect.objectContaining({ source: 'msi', status: 200, clientId: userAssignedClientId })]);
	});

	test('a user-assigned identity the host does not have: the endpoint’s reason, no Graph request', async () => {
		useManagedIdentity({ managedIdentity: 'userAssigned', managedIdentityClientId: '0f0f0f0f-0000-4000-8000-000000000000' });
		const result = await listUsers();
		expect(result.error?.message).toMatch(/managed identity endpoint refused the token request \(HTTP 400\).*attached and its client ID is right/);
		expect(result.error?.description).toMatch(/Unable to load the proper Managed Identity/);
		expect(tokenRequests(t.sandbox)).toEqual([expect.objectContaining({ source: 'msi', status: 400 })]);
		expect(t.requests()).toHaveLength(0);
	});

	test('a user-assigned client ID that is not a GUID is refused before any request', async () => {
		useManagedIdentity({ managedIdentity: 'userAssigned', managedIdentityClientId: 'n8n-identity' });
		const result = await listUsers();
		expect(result.error?.message).toMatch(/^Managed Identity Client ID: enter the user-assigned identity's client ID/);
		expect(tokenRequests(t.sandbox)).toHaveLength(0);
		expect(t.requests()).toHaveLength(0);
	});
});
