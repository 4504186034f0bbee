import type { IDataObject } from 'n8n-workflow';

import { jsonOf, useSandbox } from '../../../helpers/setup';

const t = useSandbox();

const groupNamed = (name: string) => t.sandbox.store.listGroups().find((group: IDataObject) => group.displayName === name) as IDataObject;
const locator = (value: string) => ({ __rl: true, mode: 'id', value });

describe('Group → Get Owners', () => {
	test('lists the owners with their type', async () => {
		const group = groupNamed('All Managers');
		const result = await t.run({ parameters: { resource: 'group', operation: 'getOwners', groupId: locator(group.id as string), returnAll: true } });
		const owners = jsonOf(result);
		expect(owners.map((owner) => owner.id)).toEqual(t.sandbox.store.ownersOf(group.id));
		expect(owners[0]['@odata.type']).toBe('#microsoft.graph.user');
		expect(t.requests()[0].path).toBe(`/v1.0/groups/${group.id}/owners`);
	});

	test('Users Only and Limit: the user cast, one page of the size asked for', async () => {
		const group = groupNamed('All Managers');
		const ceo = t.sandbox.store.ownersOf(group.id)[0];
		const extra = t.sandbox.store.listUsers().find((user: IDataObject) => user.id !== ceo);
		t.sandbox.store.addOwner(group.id, extra.id);
		const result = await t.run({
			parameters: { resource: 'group', operation: 'getOwners', groupId: locator(group.id as string), limit: 1, options: { usersOnly: true } },
		});
		expect(jsonOf(result)).toHaveLength(1);
		const [call] = t.requests();
		expect(call.path).toBe(`/v1.0/groups/${group.id}/owners/microsoft.graph.user`);
		expect(call.query).toMatchObject({ $top: '1', $count: 'true' });
		expect(call.headers.consistencylevel).toBe('eventual');
	});

	test('a missing group stops the run with a mapped error', async () => {
		const result = await t.run({
			parameters: { resource: 'group', operation: 'getOwners', groupId: locator('00000000-0000-4000-8000-000000000005'), returnAll: true },
		});
		expect(result.error?.description).toMatch(/code: Request_ResourceNotFound/);
		expect(result.error?.message).toMatch(/Not found/);
	});

	test('continueOnFail: a bad select fails its item before any request', async () => {
		const group = groupNamed('All Managers');
		const result = await t.run({
			items: [{ select: 'id,display name' }],
			continueOnFail: true,
			parameters: { resource: 'group', operation: 'getOwners', groupId: locator(group.id as string), options: { select: '={{ $json.select }}' } },
		});
		expect(jsonOf(result)[0].error).toMatch(/"display name" is not a property name \[parameter "options.select"\]/);
		expect(t.requests()).toHaveLength(0);
	});
});
