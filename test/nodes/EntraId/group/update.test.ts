import type { IDataObject } from 'n8n-workflow';

import { jsonOf, useSandbox } from '../../../helpers/setup';

const t = useSandbox();

const groupNamed = (name: string) => t.sandbox.store.listGroups().find((group: IDataObject) => group.displayName === name) as IDataObject;
const locator = (value: string) => ({ __rl: true, mode: 'id', value });
const update = (groupId: string, updateFields: IDataObject) => ({ resource: 'group', operation: 'update', groupId: locator(groupId), updateFields });

describe('Group → Update', () => {
	test('patches the given fields and returns { id, updated: true }', async () => {
		const group = groupNamed('VPN Users');
		const result = await t.run({
			parameters: update(group.id as string, { displayName: 'VPN Users (EMEA)', description: 'Remote access, EMEA', visibility: 'Public' }),
		});
		expect(jsonOf(result)).toEqual([{ id: group.id, updated: true }]);
		const stored = t.sandbox.store.getGroup(group.id);
		expect(stored).toMatchObject({ displayName: 'VPN Users (EMEA)', description: 'Remote access, EMEA', visibility: 'Public' });
		const [call] = t.requests();
		expect(call).toMatchObject({ method: 'PATCH', path: `/v1.0/groups/${group.id}`, status: 204 });
	});

	test('an empty description clears it', async () => {
		const group = groupNamed('Contractors');
		await t.run({ parameters: update(group.id as string, { description: '' }) });
		expect(t.sandbox.store.getGroup(group.id).description).toBeUndefined();
	});

	test('a dynamic group\'s rule and processing state can be changed', async () => {
		const group = groupNamed('Sales (dynamic)');
		await t.run({ parameters: update(group.id as string, { membershipRule: 'user.department -eq "Marketing"', membershipRuleProcessingState: 'Paused' }) });
		expect(t.sandbox.store.getGroup(group.id)).toMatchObject({ membershipRule: 'user.department -eq "Marketing"', membershipRuleProcessingState: 'Paused' });
	});

	test('nothing to update, a bad nickname or Hidden Membership is refused before any request', async () => {
		const group = groupNamed('Guests');
		const refused = async (updateFields: IDataObject) => (await t.run({ parameters: update(group.id as string, updateFields) })).error?.message;
		expect(await refused({})).toMatch(/Nothing to update \[parameter "updateFields"\]/);
		expect(await refused({ mailNickname: 'guest users' })).toMatch(/contains a space \[parameter "updateFields.mailNickname"\]/);
		expect(await refused({ visibility: '={{ "HiddenMembership" }}' })).toMatch(
			/can only be set when a Microsoft 365 group is created\) \[parameter "updateFields.visibility"\]/,
		);
		expect(await refused({ displayName: '={{ $json.missing }}' })).toMatch(/\[parameter "updateFields.displayName"\]/);
		expect(t.requests()).toHaveLength(0);
	});

	test('continueOnFail: a missing group fails its own item with a mapped error', async () => {
		const group = groupNamed('Guests');
		const missing = '00000000-0000-4000-8000-000000000002';
		const result = await t.run({
			items: [{ id: missing }, { id: group.id }],
			continueOnFail: true,
			parameters: { resource: 'group', operation: 'update', groupId: locator('={{ $json.id }}'), updateFields: { description: 'External guests' } },
		});
		const [failed, updated] = jsonOf(result);
		expect(failed).toMatchObject({ code: 'Request_ResourceNotFound' });
		expect(failed.error).toMatch(new RegExp(`Not found: group "${missing}"`));
		expect(updated).toEqual({ id: group.id, updated: true });
		expect(t.sandbox.store.getGroup(group.id).description).toBe('External guests');
	});
});
