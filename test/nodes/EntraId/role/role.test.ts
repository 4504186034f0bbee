import type { IDataObject } from 'n8n-workflow';

import { byId, byList, byUpn } from '../../../helpers/locators';
import { appOnlyCredential, jsonOf, useSandbox } from '../../../helpers/setup';

// Role → Get Many, Get Assignments, Assign, Remove: unified role management of the directory.
const t = useSandbox();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { governanceOf } = require('../../../sandbox/governance') as { governanceOf: (store: unknown) => { roleAssignments: Map<string, IDataObject> } };

const USER_ADMINISTRATOR = 'fe930be7-5e62-47db-91af-98c3a49a38b1';
const HELPDESK_ADMINISTRATOR = '729827e3-9c14-49f7-bb1b-9608f156bbb8';
const MISSING = '00000000-0000-4000-8000-000000000000';
type User = { id: string; userPrincipalName: string };
const members = (): User[] => t.sandbox.store.listUsers().filter((user: IDataObject) => user.userType === 'Member');
const assignmentsOf = (principalId: string) => [...governanceOf(t.sandbox.store).roleAssignments.values()].filter((a) => a.principalId === principalId);

beforeAll(() => {
	t.runner.setCredential('entraIdAppOnlyApi', appOnlyCredential(t.sandbox, 'clientSecret'));
});

async function run(parameters: IDataObject, credentialType?: string) {
	const result = await t.run({ credentialType, parameters: { resource: 'role', ...parameters } });
	expect(result.error).toBeUndefined();
	return jsonOf(result);
}

describe.each(['entraIdOAuth2Api', 'entraIdAppOnlyApi'])('Role with %s', (credentialType) => {
	const offset = credentialType === 'entraIdOAuth2Api' ? 0 : 1;

	test('Get Many lists the role definitions', async () => {
		const roles = await run({ operation: 'getAll', returnAll: true }, credentialType);
		expect(roles.find((role) => role.id === USER_ADMINISTRATOR)).toMatchObject({ displayName: 'User Administrator', isBuiltIn: true, templateId: USER_ADMINISTRATOR });
		expect(await run({ operation: 'getAll', limit: 3 }, credentialType)).toHaveLength(3);
	});

	test('assign (by UPN), assign again (unchanged), list by user and by role, remove, remove again (unchanged)', async () => {
		const user = members()[30 + offset];
		const [assigned] = await run({ operation: 'assign', userId: byUpn(user.userPrincipalName), roleId: byId(USER_ADMINISTRATOR) }, credentialType);
		const [stored] = assignmentsOf(user.id);
		expect(stored).toMatchObject({ roleDefinitionId: USER_ADMINISTRATOR, directoryScopeId: '/' });
		expect(assigned).toEqual({ id: user.id, roleId: USER_ADMINISTRATOR, assignmentId: stored.id, assigned: true });

		const posts = () => t.requests().filter((entry) => entry.method === 'POST' && entry.path.endsWith('/roleAssignments')).length;
		const before = posts();
		expect(await run({ operation: 'assign', userId: byId(user.id), roleId: byId(USER_ADMINISTRATOR) }, credentialType)).toEqual([{ ...assigned, unchanged: true }]);
		expect(posts()).toBe(before);
		expect(assignmentsOf(user.id)).toHaveLength(1);

		const byUser = await run({ operation: 'getAssignments', options: { userId: byUpn(user.userPrincipalName) } }, credentialType);
		expect(byUser).toEqual([expect.objectContaining({ id: stored.id, principalId: user.id, roleDefinitionId: USER_ADMINISTRATOR })]);
		const byRole = await run({ operation: 'getAssignments', options: { roleId: USER_ADMINISTRATOR } }, credentialType);
		expect(byRole.map((a) => a.principalId)).toContain(user.id);

		expect(await run({ operation: 'remove', userId: byId(user.id), roleId: byId(USER_ADMINISTRATOR) }, credentialType)).toEqual([{ id: user.id, roleId: USER_ADMINISTRATOR, removed: true }]);
		expect(assignmentsOf(user.id)).toHaveLength(0);
		expect(await run({ operation: 'remove', userId: byId(user.id), roleId: byId(USER_ADMINISTRATOR) }, credentialType)).toEqual([{ id: user.id, roleId: USER_ADMINISTRATOR, removed: true, unchanged: true }]);
	});
});

describe('Role: scopes and failures', () => {
	test('a scope other than / is its own assignment', async () => {
		const user = members()[40];
		const scope = '/administrativeUnits/5d107bba-d8e2-4e13-b6ae-884be90e5d1a';
		await run({ operation: 'assign', userId: byId(user.id), roleId: byId(HELPDESK_ADMINISTRATOR) });
		const [scoped] = await run({ operation: 'assign', userId: byId(user.id), roleId: byId(HELPDESK_ADMINISTRATOR), options: { directoryScopeId: scope } });
		expect(scoped.unchanged).toBeUndefined();
		expect(assignmentsOf(user.id).map((a) => a.directoryScopeId).sort()).toEqual(['/', scope]);
	});

	test('two runs assigning the same role at once: one assigns, the other is unchanged (Graph refuses the duplicate)', async () => {
		const user = members()[41];
		const parameters = { resource: 'role', operation: 'assign', userId: byId(user.id), roleId: byId(USER_ADMINISTRATOR) };
		const results = await Promise.all([t.run({ parameters }), t.run({ parameters })]);
		for (const result of results) expect(result.error).toBeUndefined();
		const outputs = results.map((result) => jsonOf(result)[0]);
		expect(outputs.filter((out) => out.unchanged === true)).toHaveLength(1);
		expect(new Set(outputs.map((out) => out.assignmentId)).size).toBe(1);
		expect(assignmentsOf(user.id)).toHaveLength(1);
		// Both looked up before either created: the second create met Graph's duplicate error and was read as unchanged.
		expect(t.requests().filter((entry) => entry.method === 'POST' && entry.path.endsWith('/roleAssignments'))).toHaveLength(2);
	});

	test("the sandbox answers a duplicate assignment as Graph does: 400, a conflicting object", async () => {
		const user = members()[41];
		const response = await fetch(`${t.sandbox.graphUrl}/v1.0/roleManagement/directory/roleAssignments`, {
			method: 'POST',
			headers: { authorization: `Bearer ${t.sandbox.auth.issueToken({ type: 'app' })}`, 'content-type': 'application/json' },
			body: JSON.stringify({ principalId: user.id, roleDefinitionId: USER_ADMINISTRATOR, directoryScopeId: '/' }),
		});
		expect(response.status).toBe(400);
		expect(((await response.json()) as { error: IDataObject }).error.message).toMatch(/conflicting object/);
	});

	test('a role that does not exist is an error', async () => {
		const user = members()[42];
		const result = await t.run({ continueOnFail: true, parameters: { resource: 'role', operation: 'assign', userId: byId(user.id), roleId: byId(MISSING) } });
		expect(jsonOf(result)[0].code).toBe('Request_ResourceNotFound');
	});

	test.each([
		['an empty role', { roleId: byList('={{ "" }}') }, /role ID is empty \[parameter "roleId"\]/],
		['a role that is not a GUID', { roleId: byList('={{ "User Administrator" }}') }, /not a valid role ID \[parameter "roleId"\]/],
		['an empty user', { userId: byList('={{ "" }}') }, /empty \[parameter "userId"\]/],
		['a scope without /', { options: { directoryScopeId: 'administrativeUnits/x' } }, /\[parameter "options.directoryScopeId"\]/],
	])('%s is refused before any request', async (_name, override, message) => {
		const user = members()[43];
		for (const operation of ['assign', 'remove']) {
			const result = await t.run({ parameters: { resource: 'role', operation, userId: byId(user.id), roleId: byId(USER_ADMINISTRATOR), ...override } });
			expect(result.error?.message).toMatch(message);
			expect(t.requests()).toHaveLength(0);
		}
	});
});
