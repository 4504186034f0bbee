import type { IDataObject } from 'n8n-workflow';

import { appOnlyCredential, delegatedCredential, jsonOf, useSandbox } from '../helpers/setup';
import { startListener, useListener } from '../helpers/listener';
import type { Listener } from '../helpers/listener';

// Microsoft Graph never redirects the requests this package makes. A Graph endpoint (or a proxy,
// gateway or custom Graph URL in front of it) that answers 302 or 307 to another host must not get
// the request followed there: no token, no body (a new user's password), no second request. Here
// a gateway listener is the credential's Graph URL and redirects everything to a second listener,
// which must see nothing.
const t = useSandbox();
const other = useListener();
let gateway: Listener;
let redirectStatus = 302;

beforeAll(async () => {
	gateway = await startListener((visit, res) => {
		res.writeHead(redirectStatus, { location: `${other.current.base}${visit.url}` });
		res.end();
	});
});
afterAll(async () => await gateway.close());
beforeEach(() => {
	gateway.visits.length = 0;
});

const PASSWORD = 'Joiner#2025-Redirected';
const createUser = {
	resource: 'user',
	operation: 'create',
	displayName: 'Ada Lovelace',
	userPrincipalName: 'ada.lovelace@contoso.com',
	mailNickname: 'ada.lovelace',
	password: PASSWORD,
	accountEnabled: true,
};
const listUsers = { resource: 'user', operation: 'getAll', returnAll: true };
const REFUSED = /answered HTTP 30[27] with a redirect to http:\/\/127\.0\.0\.1:\d+\. Microsoft Graph does not redirect/;

function viaGateway(kind: 'delegated' | 'appOnly') {
	if (kind === 'delegated') t.runner.setCredential('entraIdOAuth2Api', { ...delegatedCredential(t.sandbox), customGraphUrl: gateway.base });
	else t.runner.setCredential('entraIdAppOnlyApi', appOnlyCredential(t.sandbox, 'clientSecret', { customGraphUrl: gateway.base }));
	return kind === 'appOnly' ? 'entraIdAppOnlyApi' : 'entraIdOAuth2Api';
}

describe('A redirect from the Graph endpoint ends the call: nothing reaches the other host', () => {
	test.each([
		['delegated', 302, 'Get Many', listUsers],
		['delegated', 307, 'Create (with a password)', createUser],
		['appOnly', 302, 'Get Many', listUsers],
		['appOnly', 307, 'Create (with a password)', createUser],
	] as Array<['delegated' | 'appOnly', number, string, IDataObject]>)('%s credential, HTTP %d on %s', async (kind, status, _name, parameters) => {
		redirectStatus = status;
		const credentialType = viaGateway(kind);
		const result = await t.run({ parameters, credentialType });
		expect(result.error?.message).toMatch(REFUSED);
		expect(result.error?.context?.graphCode).toBe('RedirectRefused');
		// One request, to the credential's own Graph URL; no retry, and nothing followed.
		expect(gateway.visits).toHaveLength(1);
		expect(other.current.visits).toEqual([]);
		expect(JSON.stringify(result.run.data.resultData)).not.toContain(PASSWORD);
	});

	test('with Continue On Fail and batching, each item ends in the redirect error, nothing followed', async () => {
		redirectStatus = 307;
		viaGateway('delegated');
		const users = (t.sandbox.store.listUsers() as Array<{ id: string }>).slice(0, 3);
		const result = await t.run({
			continueOnFail: true,
			items: users.map((user) => ({ id: user.id })),
			parameters: { resource: 'user', operation: 'disable', userId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
		});
		expect(jsonOf(result)).toEqual(users.map(() => expect.objectContaining({ code: 'RedirectRefused', error: expect.stringMatching(REFUSED) })));
		expect(other.current.visits).toEqual([]);
	});
});

describe('The app-only credential in an HTTP Request node does not follow redirects either', () => {
	test.each(['httpRequest', 'request'])('n8n helper "%s": a 302 and a 307 come back as errors, the other host sees nothing', async (helper) => {
		t.runner.setCredential('entraIdAppOnlyApi', appOnlyCredential(t.sandbox, 'clientSecret', { customGraphUrl: gateway.base }));
		for (const [status, method, body] of [
			[302, 'GET', ''],
			[307, 'POST', JSON.stringify({ passwordProfile: { password: PASSWORD } })],
		] as Array<[number, string, string]>) {
			redirectStatus = status;
			gateway.visits.length = 0;
			const result = await t.run({
				nodeType: 'test.httpRequest',
				nodeName: 'HTTP Request',
				credentialType: 'entraIdAppOnlyApi',
				parameters: { url: `${gateway.base}/v1.0/users`, method, body, helper },
			});
			expect([status, result.error?.message]).toEqual([status, expect.stringMatching(new RegExp(String(status)))]);
			expect(gateway.visits).toHaveLength(1);
			expect(gateway.visits[0].authorization).toMatch(/^Bearer /);
			expect(other.current.visits).toEqual([]);
		}
	});
});
