import { appOnlyCredential, jsonOf, useSandbox } from '../helpers/setup';
import { useListener } from '../helpers/listener';
import { authOf, tokenRequests } from '../nodes/EntraId/auth/leaks';

// The app-only credential used from an HTTP Request node (predefined credential type): its token
// goes only to the credential's own Graph root (scheme, host, port, and path at a segment
// boundary). Any other URL is refused before a token is even fetched; the listener that plays the
// other host must see nothing.
const t = useSandbox();
const other = useListener();

beforeEach(() => authOf(t.sandbox).clearTokenLog());

function send(url: string, helper: string) {
	return t.run({ nodeType: 'test.httpRequest', nodeName: 'HTTP Request', credentialType: 'entraIdAppOnlyApi', parameters: { url, method: 'GET', body: '', helper } });
}

const REFUSED = /only sent to its own Microsoft Graph endpoint.*no token was attached and nothing was sent/;

describe('HTTP Request with the app-only credential: the token goes to the Graph root only', () => {
	test.each(['httpRequest', 'request'])('helper "%s": another host, port, scheme or path is refused, nothing sent', async (helper) => {
		t.runner.setCredential('entraIdAppOnlyApi', appOnlyCredential(t.sandbox, 'clientSecret'));
		const graph = new URL(t.sandbox.graphUrl);
		const foreign = [
			`${other.current.base}/v1.0/users`,
			`https://${graph.host}/v1.0/users`,
			`http://localhost:${graph.port}/v1.0/users`,
			`http://${graph.host}@${new URL(other.current.base).host}/v1.0/users`,
		];
		for (const url of foreign) {
			const result = await send(url, helper);
			expect([url, result.error?.message]).toEqual([url, expect.stringMatching(REFUSED)]);
		}
		expect(other.current.visits).toEqual([]);
		expect(tokenRequests(t.sandbox)).toEqual([]);
		expect(t.requests()).toEqual([]);
	});

	test('a Graph root with a path does not cover a sibling path that starts the same', async () => {
		// The credential's Graph root is the other listener under /graph; /graph-admin is not below it.
		t.runner.setCredential('entraIdAppOnlyApi', appOnlyCredential(t.sandbox, 'clientSecret', { customGraphUrl: `${other.current.base}/graph` }));
		const sibling = await send(`${other.current.base}/graph-admin/v1.0/users`, 'httpRequest');
		expect(sibling.error?.message).toMatch(REFUSED);
		expect(other.current.visits).toEqual([]);
		const own = await send(`${other.current.base}/graph/v1.0/users`, 'httpRequest');
		expect(own.error).toBeUndefined();
		expect(other.current.visits.map((visit) => visit.url)).toEqual(['/graph/v1.0/users']);
		expect(other.current.visits[0].authorization).toMatch(/^Bearer /);
	});

	test('the Graph root itself still works, as before', async () => {
		t.runner.setCredential('entraIdAppOnlyApi', appOnlyCredential(t.sandbox, 'clientSecret'));
		const result = await send(`${t.sandbox.graphUrl}/v1.0/organization`, 'request');
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)[0].value).toEqual([expect.objectContaining({ id: t.sandbox.tenantId })]);
	});
});
