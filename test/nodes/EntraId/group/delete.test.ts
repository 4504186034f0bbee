import type { IDataObject } from 'n8n-workflow';

import { jsonOf, useSandbox } from '../../../helpers/setup';

const t = useSandbox();

const groupNamed = (name: string) => t.sandbox.store.listGroups().find((group: IDataObject) => group.displayName === name) as IDataObject;
const locator = (value: string) => ({ __rl: true, mode: 'id', value });

describe('Group → Delete', () => {
	test('a Microsoft 365 group goes to deleted items, a security group is gone', async () => {
		const unified = t.sandbox.store.listGroups().find((group: IDataObject) => (group.groupTypes as string[]).includes('Unified'));
		const security = groupNamed('Empty Security Group');
		const result = await t.run({
			items: [{ id: unified.id }, { id: security.id }],
			parameters: { resource: 'group', operation: 'delete', groupId: locator('={{ $json.id }}') },
		});
		expect(jsonOf(result)).toEqual([
			{ id: unified.id, deleted: true },
			{ id: security.id, deleted: true },
		]);
		expect(t.sandbox.store.getGroup(unified.id)).toBeUndefined();
		expect(t.sandbox.store.getGroup(security.id)).toBeUndefined();
		expect(t.sandbox.store.getDeleted(unified.id)).toBeDefined();
		expect(t.sandbox.store.getDeleted(security.id)).toBeUndefined();
		expect(t.requests().filter((entry) => entry.method === 'DELETE')).toHaveLength(2);
	});

	test('continueOnFail: a group that is already gone is a mapped error on its item', async () => {
		const group = groupNamed('License - Office 365 E3');
		const result = await t.run({
			items: [{ id: group.id }, { id: group.id }],
			continueOnFail: true,
			parameters: { resource: 'group', operation: 'delete', groupId: locator('={{ $json.id }}'), options: { batching: false, concurrency: 1 } },
		});
		const [deleted, failed] = jsonOf(result);
		expect(deleted).toEqual({ id: group.id, deleted: true });
		expect(failed).toMatchObject({ code: 'Request_ResourceNotFound' });
		expect(failed.error).toMatch(/Not found: group/);
	});

	test('without continueOnFail a missing group stops the run with the mapped error', async () => {
		const result = await t.run({
			parameters: { resource: 'group', operation: 'delete', groupId: locator('00000000-0000-4000-8000-000000000003') },
		});
		expect(result.error?.message).toMatch(/Not found: group "00000000-0000-4000-8000-000000000003"/);
		expect(result.error?.description).toMatch(/code: Request_ResourceNotFound/);
	});
});
