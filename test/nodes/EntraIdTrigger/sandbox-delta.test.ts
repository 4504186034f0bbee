import type { IDataObject } from 'n8n-workflow';

import { newGroup, newUser, useTrigger } from './harness';

/**
 * The sandbox's delta queries, checked against what Microsoft Graph documents (user: delta,
 * group: delta, "Use delta query to track changes"), so trigger tests run against Graph's rules.
 */
describe('Graph sandbox: users and groups delta', () => {
	const t = useTrigger();
	let token = '';
	beforeAll(() => {
		token = t.sandbox.auth.issueToken({ type: 'app', roles: ['Directory.Read.All'] });
	});
	const get = async (url: string, headers: Record<string, string> = {}) => {
		const response = await fetch(url.startsWith('http') ? url : `${t.sandbox.graphUrl}/v1.0${url}`, {
			headers: { authorization: `Bearer ${token}`, ...headers },
		});
		return { status: response.status, headers: response.headers, body: (await response.json()) as IDataObject };
	};
	const latest = async (path: string) => String((await get(`${path}&$deltatoken=latest`)).body['@odata.deltaLink']);

	it('pages a full round with nextLinks, then a deltaLink; links carry only an opaque token', async () => {
		t.delta().pageSize = 50;
		try {
			let page = await get('/users/delta?$select=displayName');
			const ids: string[] = [];
			let pages = 1;
			while (page.body['@odata.nextLink']) {
				expect(page.body['@odata.deltaLink']).toBeUndefined();
				expect(String(page.body['@odata.nextLink'])).toMatch(/\/v1\.0\/users\/delta\?\$skiptoken=[\w-]+$/);
				ids.push(...(page.body.value as IDataObject[]).map((u) => String(u.id)));
				page = await get(String(page.body['@odata.nextLink']));
				pages++;
			}
			ids.push(...(page.body.value as IDataObject[]).map((u) => String(u.id)));
			expect(String(page.body['@odata.deltaLink'])).toMatch(/\/v1\.0\/users\/delta\?\$deltatoken=[\w-]+$/);
			expect(new Set(ids).size).toBe(t.sandbox.store.listUsers().length);
			expect(pages).toBe(Math.ceil(ids.length / 50));
		} finally {
			t.delta().pageSize = 100;
		}
	});

	it('$deltatoken=latest gives a deltaLink and no objects', async () => {
		const answer = await get('/groups/delta?$select=displayName&$deltatoken=latest');
		expect(answer.body.value).toEqual([]);
		expect(answer.body['@odata.deltaLink']).toEqual(expect.stringContaining('$deltatoken='));
	});

	it('tracks selected properties only; without Prefer: return=minimal an update carries every selected property', async () => {
		const link = await latest('/users/delta?$select=displayName,department,jobTitle');
		const [ada, ben] = t.sandbox.store.listUsers().slice(60, 62);
		t.sandbox.store.updateUser(ada.id, { department: 'Legal' });
		t.sandbox.store.updateUser(ben.id, { mobilePhone: '+1 555 0199' });
		const full = await get(link);
		expect(full.body.value).toEqual([{ displayName: ada.displayName, department: 'Legal', jobTitle: ada.jobTitle, id: ada.id }]);
		const minimal = await get(link, { Prefer: 'return=minimal' });
		expect(minimal.body.value).toEqual([{ department: 'Legal', id: ada.id }]);
		expect(minimal.headers.get('preference-applied')).toBe('return=minimal');
	});

	it('marks removed objects: changed while restorable, deleted once gone for good', async () => {
		const link = await latest('/users/delta?$select=displayName');
		const soft = newUser(t);
		const hard = newUser(t);
		const users = await latest('/users/delta?$select=displayName');
		t.sandbox.store.deleteUser(soft.id);
		t.sandbox.store.deleteUser(hard.id);
		t.sandbox.store.purge(hard.id);
		expect((await get(users)).body.value).toEqual([
			{ id: soft.id, '@removed': { reason: 'changed' } },
			{ id: hard.id, '@removed': { reason: 'deleted' } },
		]);
		// Created and deleted since the older link: still reported, as removed.
		expect(((await get(link)).body.value as IDataObject[]).map((u) => u.id)).toEqual([soft.id, hard.id]);
	});

	it('reports membership as members@delta, by default and with $select=members, removals marked @removed', async () => {
		const [ada, ben] = [newUser(t), newUser(t)];
		const team = newGroup(t, {}, [ada.id]);
		const link = await latest('/groups/delta?$select=displayName,members');
		t.sandbox.store.removeMember(team.id, ada.id);
		t.sandbox.store.addMember(team.id, ben.id);
		const answer = await get(link, { Prefer: 'return=minimal' });
		expect(answer.body.value).toEqual([
			{
				id: team.id,
				'members@delta': [
					{ '@odata.type': '#microsoft.graph.user', id: ada.id, '@removed': { reason: 'deleted' } },
					{ '@odata.type': '#microsoft.graph.user', id: ben.id },
				],
			},
		]);
		const initial = await get(`/groups/delta?$filter=id eq '${team.id}'`);
		expect(initial.body.value).toEqual([expect.objectContaining({ id: team.id, 'members@delta': [{ '@odata.type': '#microsoft.graph.user', id: ben.id }] })]);
	});

	it('refuses what delta does not support', async () => {
		const filter = await get("/users/delta?$filter=startswith(displayName,'A')");
		expect([filter.status, (filter.body.error as IDataObject).code]).toEqual([400, 'Request_UnsupportedQuery']);
		const orderby = await get('/users/delta?$orderby=displayName');
		expect(orderby.status).toBe(400);
	});

	it('answers an expired token with 400 syncStateNotFound and a reset with 410 Gone and a Location to start over', async () => {
		const expired = await latest('/users/delta?$select=displayName');
		t.delta().expireTokens();
		const refused = await get(expired);
		expect([refused.status, (refused.body.error as IDataObject).code]).toEqual([400, 'syncStateNotFound']);

		const reset = await latest('/groups/delta?$select=displayName');
		t.delta().resetSync();
		const gone = await get(reset);
		expect([gone.status, (gone.body.error as IDataObject).code]).toEqual([410, 'resyncRequired']);
		expect(gone.headers.get('location')).toBe(`${t.sandbox.graphUrl}/v1.0/groups/delta?$select=displayName`);
	});
});
