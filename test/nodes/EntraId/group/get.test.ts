import type { IDataObject } from 'n8n-workflow';

import { jsonOf, useSandbox } from '../../../helpers/setup';

const t = useSandbox();

const groupNamed = (name: string) => t.sandbox.store.listGroups().find((group: IDataObject) => group.displayName === name) as IDataObject;
const locator = (value: string, mode = 'id') => ({ __rl: true, mode, value });

describe('Group → Get', () => {
	test('simplified output asks for the simplified fields and drops annotations', async () => {
		const group = groupNamed('Leadership');
		const result = await t.run({ parameters: { resource: 'group', operation: 'get', groupId: locator(group.id as string, 'list') } });
		const [json] = jsonOf(result);
		expect(json).toMatchObject({ id: group.id, displayName: 'Leadership', mailNickname: 'leadership', securityEnabled: true });
		expect(Object.keys(json).sort()).toEqual(
			['id', 'displayName', 'description', 'mail', 'mailNickname', 'mailEnabled', 'securityEnabled', 'groupTypes', 'visibility', 'isAssignableToRole', 'membershipRule', 'createdDateTime'].sort(),
		);
		const [call] = t.requests();
		expect(call.path).toBe(`/v1.0/groups/${group.id}`);
		expect(String(call.query.$select).split(',')).toContain('membershipRule');
	});

	test('raw output keeps Graph\'s answer, selected fields return only those', async () => {
		const group = groupNamed('Sales (dynamic)');
		const raw = jsonOf(await t.run({ parameters: { resource: 'group', operation: 'get', groupId: locator(group.id as string), output: 'raw' } }))[0];
		expect(raw['@odata.context']).toBeDefined();
		expect(raw.membershipRuleProcessingState).toBe('On');
		const fields = jsonOf(
			await t.run({
				parameters: { resource: 'group', operation: 'get', groupId: locator(group.id as string), output: 'fields', options: { select: 'id,membershipRule' } },
			}),
		)[0];
		expect(fields).toEqual({ id: group.id, membershipRule: 'user.department -eq "Sales"' });
	});

	test('several items are read in one $batch', async () => {
		const ids = t.sandbox.store.listGroups().slice(0, 3).map((group: IDataObject) => group.id);
		const result = await t.run({ items: ids.map((id: string) => ({ id })), parameters: { resource: 'group', operation: 'get', groupId: locator('={{ $json.id }}') } });
		expect(jsonOf(result).map((group) => group.id)).toEqual(ids);
		expect(t.requests().filter((entry) => entry.batch === false).map((entry) => entry.path)).toEqual(['/v1.0/$batch']);
	});

	test('an ID that is not a GUID is refused before any request', async () => {
		const result = await t.run({ items: [{ id: 'Sales' }], parameters: { resource: 'group', operation: 'get', groupId: locator('={{ $json.id }}') } });
		expect(result.error?.message).toMatch(/"Sales" is not a valid group ID \[parameter "groupId"\]/);
		expect(t.requests()).toHaveLength(0);
	});

	test('continueOnFail: a missing group is a mapped error on its own item', async () => {
		const group = groupNamed('Leadership');
		const missing = '00000000-0000-4000-8000-000000000001';
		const result = await t.run({
			items: [{ id: group.id }, { id: missing }],
			continueOnFail: true,
			parameters: { resource: 'group', operation: 'get', groupId: locator('={{ $json.id }}') },
		});
		const [found, failed] = jsonOf(result);
		expect(found.id).toBe(group.id);
		expect(failed).toMatchObject({ code: 'Request_ResourceNotFound' });
		expect(failed.error).toMatch(new RegExp(`Not found: group "${missing}"`));
		expect((result.output[1].pairedItem as { item: number }).item).toBe(1);
	});
});
