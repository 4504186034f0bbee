import type { IDataObject } from 'n8n-workflow';

import { delegatedCredential, jsonOf } from '../helpers/setup';
import { startListener } from '../helpers/listener';
import type { Listener } from '../helpers/listener';
import { itemsOf, newUser, useTrigger } from '../nodes/EntraIdTrigger/harness';

// Paging links are compared with the credential's Graph root as URLs, not as text: a root typed
// with an upper-case scheme or host, or a trailing slash, still matches Graph's own links; and a
// root with a path covers only what is below it at a `/`, not a sibling that starts the same.
const t = useTrigger();

afterEach(() => {
	t.sandbox.faults.maxPageSize = 0;
	t.runner.setCredential('entraIdOAuth2Api', delegatedCredential(t.sandbox));
});

describe('A Graph URL typed in another form than Graph writes its links', () => {
	const shouting = () => `HTTP://LOCALHOST:${new URL(t.sandbox.graphUrl).port}/`;

	test('Get Many with Return All follows every genuine page', async () => {
		t.runner.setCredential('entraIdOAuth2Api', { ...delegatedCredential(t.sandbox), customGraphUrl: shouting() });
		t.sandbox.faults.maxPageSize = 5;
		const result = await t.run({ parameters: { resource: 'user', operation: 'getAll', returnAll: true } });
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toHaveLength(t.sandbox.store.listUsers().length);
		expect(t.requests().filter((entry) => entry.path === '/v1.0/users').length).toBeGreaterThan(1);
	});

	test('the trigger keeps its delta link and emits the new user, not a resync', async () => {
		t.runner.setCredential('entraIdOAuth2Api', { ...delegatedCredential(t.sandbox), customGraphUrl: shouting() });
		const trigger = await t.activate({ event: ['userCreated'] });
		const ada = newUser(t);
		expect(itemsOf(await trigger.poll())).toEqual([expect.objectContaining({ event: 'userCreated', id: ada.id })]);
		const grace = newUser(t);
		expect(itemsOf(await trigger.poll())).toEqual([expect.objectContaining({ event: 'userCreated', id: grace.id })]);
	});
});

describe('A Graph root with a path: a sibling path is another place', () => {
	let gateway: Listener;
	let nextLink = '';

	beforeAll(async () => {
		// A gateway that serves Graph under /graph: one page of users, then whatever link the test sets.
		gateway = await startListener((visit, res) => {
			res.writeHead(200, { 'content-type': 'application/json' });
			const first = !visit.url?.includes('page=2');
			const body: IDataObject = { value: [{ id: first ? 'u1' : 'u2', displayName: first ? 'One' : 'Two' }] };
			if (first) body['@odata.nextLink'] = nextLink;
			res.end(JSON.stringify(body));
		});
	});
	afterAll(async () => await gateway.close());
	beforeEach(() => {
		gateway.visits.length = 0;
		t.runner.setCredential('entraIdOAuth2Api', { ...delegatedCredential(t.sandbox), customGraphUrl: `${gateway.base}/graph` });
	});

	const listAll = async () => await t.run({ parameters: { resource: 'user', operation: 'getAll', returnAll: true, output: 'raw' } });

	test('a link to /graph-admin is refused and not followed', async () => {
		nextLink = `${gateway.base}/graph-admin/v1.0/users?page=2`;
		const result = await listAll();
		expect(result.error?.context?.graphCode).toBe('ForeignNextLink');
		expect(gateway.visits.map((visit) => visit.url)).toEqual([expect.stringMatching(/^\/graph\/v1\.0\/users/)]);
	});

	test('a link below /graph/ is followed', async () => {
		nextLink = `${gateway.base}/graph/v1.0/users?page=2`;
		const result = await listAll();
		expect(result.error).toBeUndefined();
		expect(jsonOf(result).map((user) => user.id)).toEqual(['u1', 'u2']);
		expect(gateway.visits).toHaveLength(2);
	});
});
