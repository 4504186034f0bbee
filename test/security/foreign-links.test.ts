import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject } from 'n8n-workflow';

import { newUser, savedState, useTrigger } from '../nodes/EntraIdTrigger/harness';
import { listSearch } from '../runner/load-options';

// A paging link (or any URL in a response) is followed only on the credential's Graph host, over
// the same scheme. Here Graph's @odata.nextLink points elsewhere: a second local listener that
// records every request that reaches it and its Authorization header. It must see nothing.
const t = useTrigger();

interface Visit {
	method?: string;
	url?: string;
	authorization?: string;
}

const visits: Visit[] = [];
let foreign: http.Server;
let foreignBase = '';

beforeAll(async () => {
	// Enough owners, direct reports and deleted items for a second page of each.
	const store = t.sandbox.store;
	const users = store.listUsers() as Array<{ id: string }>;
	store.createGroup(
		{ displayName: 'Many Owners', mailNickname: 'manyowners', mailEnabled: false, securityEnabled: true, groupTypes: [] },
		{ owners: users.slice(0, 5).map((user) => user.id), members: users.slice(0, 5).map((user) => user.id), seed: true },
	);
	for (const user of users.slice(-4)) store.deleteUser(user.id);
	const unified = (store.listGroups() as Array<{ id: string; groupTypes?: string[] }>).filter((group) => group.groupTypes?.includes('Unified'));
	for (const group of unified.slice(-4)) store.deleteGroup(group.id);
	foreign = http.createServer((req, res) => {
		visits.push({ method: req.method, url: req.url, authorization: req.headers.authorization });
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(JSON.stringify({ value: [{ id: 'stolen' }] }));
	});
	await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
	foreignBase = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}`;
});

afterAll(async () => {
	await new Promise((resolve) => foreign.close(resolve));
});

beforeEach(() => {
	visits.length = 0;
});

// Every collection is served two objects a page, so every list has a next page to refuse.
beforeEach(() => {
	t.sandbox.faults.maxPageSize = 2;
});

afterEach(() => {
	Object.assign(t.sandbox.faults, { foreignNextLink: null, maxPageSize: 0 });
});

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const graph = () => new URL(t.sandbox.graphUrl);

/** Links that are not the credential's Graph root, each a way to get the token sent elsewhere. */
function foreignLinks(): Array<[string, string]> {
	const { port, host } = graph();
	return [
		['another port on the same host', `${foreignBase}/v1.0/users?$skiptoken=x`],
		['the same host and port over https', `https://${host}/v1.0/users?$skiptoken=x`],
		['a user-info prefix that looks like the Graph host', `http://${host}@127.0.0.1:${new URL(foreignBase).port}/v1.0/users`],
		['a host that starts like the Graph host', `http://127.0.0.1.nip.io:${port}/v1.0/users`],
		['localhost for 127.0.0.1', `http://localhost:${port}/v1.0/users?$skiptoken=x`],
		['a protocol-relative link', `//127.0.0.1:${new URL(foreignBase).port}/v1.0/users`],
		['a file: URL', 'file:///etc/passwd'],
	];
}

/** Every list with Return All: each follows @odata.nextLink. */
function lists(): Array<[string, IDataObject]> {
	const [user] = t.sandbox.store.listUsers() as Array<{ id: string }>;
	const group = (t.sandbox.store.listGroups() as Array<{ id: string; displayName: string }>).find((g) => g.displayName === 'Many Owners') as { id: string };
	const manager = (t.sandbox.store.listUsers() as Array<{ id: string }>).find((u) => (t.sandbox.store.directReports(u.id) as string[]).length > 1) as { id: string };
	return [
		['user.getAll', { resource: 'user', operation: 'getAll', returnAll: true }],
		['group.getAll', { resource: 'group', operation: 'getAll', returnAll: true }],
		['group.getMembers', { resource: 'group', operation: 'getMembers', groupId: byId(group.id), returnAll: true }],
		['group.getOwners', { resource: 'group', operation: 'getOwners', groupId: byId(group.id), returnAll: true }],
		['user.getGroups', { resource: 'user', operation: 'getGroups', userId: byId(user.id), returnAll: true }],
		['user.getDirectReports', { resource: 'user', operation: 'getDirectReports', userId: byId(manager.id), returnAll: true }],
		['directory.getDeletedItems', { resource: 'directory', operation: 'getDeletedItems', objectType: 'group', returnAll: true }],
	];
}

const FOREIGN = /not the credential's Graph endpoint.*access token is not sent there/;

describe('A foreign @odata.nextLink stops the node; the token never leaves the Graph host', () => {
	test.each(['user.getAll', 'group.getAll', 'group.getMembers', 'group.getOwners', 'user.getGroups', 'user.getDirectReports', 'directory.getDeletedItems'])(
		'%s: every kind of foreign link is refused, nothing reaches the other listener',
		async (name) => {
			const parameters = Object.fromEntries(lists())[name];
			for (const [kind, link] of foreignLinks()) {
				t.sandbox.faults.foreignNextLink = link;
				t.sandbox.clearLog();
				const result = await t.run({ parameters });
				expect([kind, result.error?.message]).toEqual([kind, expect.stringMatching(FOREIGN)]);
				expect(result.error?.context?.graphCode).toBe('ForeignNextLink');
				// One request to Graph (the first page), none anywhere else.
				expect(t.requests().map((entry) => entry.status)).toEqual([200]);
				expect(visits).toEqual([]);
			}
		},
	);

	test('with Continue On Fail the foreign link gives an error item, not a partial list that looks complete', async () => {
		t.sandbox.faults.foreignNextLink = `${foreignBase}/v1.0/users?$skiptoken=x`;
		const result = await t.run({ parameters: { resource: 'user', operation: 'getAll', returnAll: true }, continueOnFail: true });
		expect(result.output.map((item) => item.json)).toEqual([expect.objectContaining({ code: 'ForeignNextLink', error: expect.stringMatching(FOREIGN) })]);
		expect(visits).toEqual([]);
	});

	test('a page that carries a foreign link is not trusted, even when the limit needs no next page', async () => {
		t.sandbox.faults.foreignNextLink = `${foreignBase}/v1.0/users?$skiptoken=x`;
		const result = await t.run({ parameters: { resource: 'user', operation: 'getAll', returnAll: false, limit: 2 } });
		expect(result.error?.message).toMatch(FOREIGN);
		expect(result.output).toEqual([]);
		expect(visits).toEqual([]);
	});
});

describe('Pickers: a foreign next page, or a page token pointing elsewhere, is refused', () => {
	test.each(['searchUsers', 'searchGroups', 'searchDeletedItems'])('%s', async (method) => {
		t.sandbox.faults.foreignNextLink = `${foreignBase}/v1.0/users?$skiptoken=x`;
		await expect(listSearch(t.runner, method, undefined, undefined, { resource: 'group', operation: 'addMembers' })).rejects.toThrow(FOREIGN);
		t.sandbox.faults.foreignNextLink = null;
		// The editor hands back whatever token it holds: one that points elsewhere is not followed.
		const token = method === 'searchDeletedItems' ? JSON.stringify({ user: `${foreignBase}/v1.0/x` }) : `${foreignBase}/v1.0/users?$skiptoken=x`;
		await expect(listSearch(t.runner, method, undefined, token, { resource: 'group', operation: 'addMembers' })).rejects.toThrow(FOREIGN);
		expect(visits).toEqual([]);
	});
});

describe('The trigger: a saved delta link that points elsewhere is not followed', () => {
	test('after a restart from tampered static data it starts again on the Graph host, says so, and sends nothing elsewhere', async () => {
		const trigger = await t.activate({ event: ['userCreated'] });
		expect(savedState(trigger).users?.link).toContain(t.sandbox.graphUrl);
		const tampered = JSON.parse(JSON.stringify(trigger.saved)) as IDataObject;
		const state = tampered['node:Entra ID Trigger'] as { users: { link: string } };
		state.users.link = `${foreignBase}/v1.0/users/delta?$deltatoken=stolen`;
		// n8n restarts the workflow from the saved static data, which now holds the tampered link.
		trigger.saved = tampered;
		const restarted = await trigger.restart();
		expect(restarted.items).toEqual([expect.objectContaining({ event: 'resync', reason: 'credentialChanged' })]);
		expect(savedState(trigger).users?.link).toContain(t.sandbox.graphUrl);
		const ada = newUser(t);
		const polled = await trigger.poll();
		expect(polled.items).toEqual([expect.objectContaining({ event: 'userCreated', id: ada.id })]);
		expect(visits).toEqual([]);
	});
});
