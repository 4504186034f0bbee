import type { IDataObject, INodeListSearchResult } from 'n8n-workflow';

import { useSandbox } from '../../../helpers/setup';
import { listSearch } from '../../../runner/load-options';

const t = useSandbox();

const pick = async (method: string, filter?: string, paginationToken?: string) =>
	await listSearch(t.runner, method, filter, paginationToken, { resource: 'group', operation: 'addMembers' });

/** Every page of a picker, as the editor loads them while the list is scrolled to its end. */
async function allPages(method: string, filter?: string): Promise<INodeListSearchResult[]> {
	const pages = [await pick(method, filter)];
	while (pages.at(-1)?.paginationToken) pages.push(await pick(method, filter, pages.at(-1)?.paginationToken as string));
	return pages;
}

const graphGets = () => t.requests().filter((entry) => entry.method === 'GET');
const startsWith = (value: unknown, text: string) => String(value ?? '').toLowerCase().startsWith(text.toLowerCase());

describe('User picker (searchUsers)', () => {
	test('without a filter, pages through every user of the tenant, 100 a page, with the next page as its token', async () => {
		const users = t.sandbox.store.listUsers() as IDataObject[];
		const pages = await allPages('searchUsers');
		expect(pages).toHaveLength(Math.ceil(users.length / 100));
		expect(pages.slice(0, -1).every((page) => page.results.length === 100)).toBe(true);
		const values = pages.flatMap((page) => page.results.map((result) => result.value));
		expect(new Set(values).size).toBe(values.length);
		expect(values.sort()).toEqual(users.map((user) => user.id).sort());
		const admin = users.find((user) => user.userPrincipalName === `admin@${t.sandbox.tenantDomain}`) as IDataObject;
		expect(pages.flatMap((page) => page.results)).toContainEqual({ name: `MOD Administrator (admin@${t.sandbox.tenantDomain})`, value: admin.id });
		const requests = graphGets();
		expect(requests).toHaveLength(pages.length);
		expect(requests[0].query).toEqual({ $select: 'id,displayName,userPrincipalName', $top: '100' });
		expect(requests.slice(1).every((entry) => typeof entry.query.$skiptoken === 'string')).toBe(true);
	});

	test('the filter is a server-side startsWith on display name or UPN', async () => {
		const { results, paginationToken } = await pick('searchUsers', 'adm');
		const expected = (t.sandbox.store.listUsers() as IDataObject[]).filter(
			(user) => startsWith(user.displayName, 'adm') || startsWith(user.userPrincipalName, 'adm'),
		);
		expect(expected.length).toBeGreaterThan(0);
		expect(results.map((result) => result.value).sort()).toEqual(expected.map((user) => user.id).sort());
		expect(paginationToken).toBeUndefined();
		expect(graphGets().map((entry) => entry.query.$filter)).toEqual([
			"startsWith(displayName,'adm') or startsWith(userPrincipalName,'adm')",
		]);
	});

	test('matches by UPN when the display name does not match', async () => {
		const user = t.sandbox.store.createUser(
			{ displayName: 'Zed Quinn', userPrincipalName: `picker.upn@${t.sandbox.tenantDomain}`, mailNickname: 'picker.upn' },
			{ seed: true },
		);
		const { results } = await pick('searchUsers', 'picker.upn');
		expect(results).toEqual([{ name: `Zed Quinn (picker.upn@${t.sandbox.tenantDomain})`, value: user.id }]);
	});

	test("quotes in the filter are doubled for OData, so a name like O'Brien is searched, not injected", async () => {
		const user = t.sandbox.store.createUser(
			{ displayName: "Siobhan O'Brien", userPrincipalName: `siobhan.obrien@${t.sandbox.tenantDomain}`, mailNickname: 'siobhan.obrien' },
			{ seed: true },
		);
		const { results } = await pick('searchUsers', "  Siobhan O'B ");
		expect(results).toEqual([{ name: `Siobhan O'Brien (siobhan.obrien@${t.sandbox.tenantDomain})`, value: user.id }]);
		expect(graphGets()[0].query.$filter).toBe("startsWith(displayName,'Siobhan O''B') or startsWith(userPrincipalName,'Siobhan O''B')");
		await pick('searchUsers', "x') or true or startsWith(displayName,'");
		expect(graphGets()[1].query.$filter).toBe(
			"startsWith(displayName,'x'') or true or startsWith(displayName,''') or startsWith(userPrincipalName,'x'') or true or startsWith(displayName,''')",
		);
	});

	test('a filtered list longer than a page goes on through the token, with the filter kept', async () => {
		for (let index = 0; index < 130; index++) {
			t.sandbox.store.createUser(
				{ displayName: `Pagerton ${index}`, userPrincipalName: `pagerton${index}@${t.sandbox.tenantDomain}`, mailNickname: `pagerton${index}` },
				{ seed: true },
			);
		}
		const pages = await allPages('searchUsers', 'Pagerton');
		expect(pages.map((page) => page.results.length)).toEqual([100, 30]);
		expect(new Set(pages.flatMap((page) => page.results.map((result) => result.value))).size).toBe(130);
		const [first, second] = graphGets();
		expect(first.query.$filter).toBe("startsWith(displayName,'Pagerton') or startsWith(userPrincipalName,'Pagerton')");
		expect(second.query.$skiptoken).toEqual(expect.any(String));
	});

	test('a page token pointing away from the credential\'s Graph host is refused before any request', async () => {
		await expect(pick('searchUsers', '', 'https://attacker.example/v1.0/users?$skiptoken=x')).rejects.toThrow(/not the credential's Graph endpoint/);
		expect(t.requests()).toHaveLength(0);
	});
});

describe('Group picker (searchGroups)', () => {
	test('without a filter, lists every group, no $search and no ConsistencyLevel', async () => {
		const pages = await allPages('searchGroups');
		const groups = t.sandbox.store.listGroups() as IDataObject[];
		const values = pages.flatMap((page) => page.results.map((result) => result.value));
		expect(values.sort()).toEqual(groups.map((group) => group.id).sort());
		const global = groups.find((group) => group.displayName === 'Global Admins') as IDataObject;
		expect(pages.flatMap((page) => page.results)).toContainEqual({ name: 'Global Admins', value: global.id });
		const [request] = graphGets();
		expect(request.query).toEqual({ $select: 'id,displayName,description', $top: '100' });
		expect(request.headers.consistencylevel).toBeUndefined();
	});

	test('the filter is a server-side $search on display name or description, with ConsistencyLevel: eventual', async () => {
		const { results } = await pick('searchGroups', 'Global');
		expect(results.map((result) => result.name)).toEqual(['Global Admins']);
		const [request] = graphGets();
		expect(request.query.$search).toBe('"displayName:Global" OR "description:Global"');
		expect(request.headers.consistencylevel).toBe('eventual');
		expect(request.query.$filter).toBeUndefined();
	});

	test('finds a group by a word of its description', async () => {
		const { results } = await pick('searchGroups', 'Privileged');
		expect(results.map((result) => result.name)).toEqual(['Global Admins']);
	});

	test('a search longer than a page goes on through the token, with ConsistencyLevel on every page', async () => {
		for (let index = 0; index < 120; index++) {
			t.sandbox.store.createGroup(
				{ displayName: `Picker Squad ${index}`, mailNickname: `pickersquad${index}`, mailEnabled: false, securityEnabled: true, groupTypes: [] },
				{ seed: true },
			);
		}
		const pages = await allPages('searchGroups', 'Picker Squad');
		expect(pages.map((page) => page.results.length)).toEqual([100, 20]);
		expect(new Set(pages.flatMap((page) => page.results.map((result) => result.value))).size).toBe(120);
		const requests = graphGets();
		expect(requests).toHaveLength(2);
		expect(requests.every((entry) => entry.headers.consistencylevel === 'eventual')).toBe(true);
		expect(requests[1].query.$skiptoken).toEqual(expect.any(String));
	});

	test('double quotes and backslashes in the filter are escaped inside the $search phrase', async () => {
		await pick('searchGroups', 'back\\slash');
		// The sandbox's $search parser does not read escaped quotes, so only the request is checked here.
		await pick('searchGroups', 'say "hi"').catch(() => undefined);
		expect(graphGets().map((entry) => entry.query.$search)).toEqual([
			'"displayName:back\\\\slash" OR "description:back\\\\slash"',
			'"displayName:say \\"hi\\"" OR "description:say \\"hi\\""',
		]);
	});
});
