import { appOnlyCredential, jsonOf, useSandbox } from '../../../helpers/setup';
import { byId } from '../../../helpers/locators';

// Microsoft Entra sometimes answers a token request with "try again" (AADSTS90033). No token means
// no Graph request was sent, so the node retries the sign-in instead of failing the items.
const t = useSandbox();

function transientAnswer() {
	const description = 'AADSTS90033: A transient error has occurred. Please try again.\r\nTrace ID: 0\r\nCorrelation ID: 0\r\nTimestamp: 2026-11-22 00:00:00Z';
	return { status: 400, source: 'token', body: { error: 'invalid_request', error_description: description, error_codes: [90033] } };
}

test('a transient sign-in failure (AADSTS90033) is retried, and the items succeed', async () => {
	t.runner.setCredential('entraIdAppOnlyApi', appOnlyCredential(t.sandbox, 'clientSecret', { tenantId: t.sandbox.tenantDomain }));
	const auth = t.sandbox.auth as unknown as { faults: { queue: unknown[] }; tokenLog: Array<{ status: number }> };
	auth.faults.queue.push(transientAnswer(), transientAnswer());
	const [user] = t.sandbox.store.listUsers();
	const result = await t.run({ credentialType: 'entraIdAppOnlyApi', parameters: { resource: 'user', operation: 'get', userId: byId(user.id) } });

	expect(result.error).toBeUndefined();
	expect(jsonOf(result)[0].id).toBe(user.id);
	expect(auth.tokenLog.map((entry) => entry.status)).toEqual([400, 400, 200]);
});
