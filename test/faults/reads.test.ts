import type { IDataObject } from 'n8n-workflow';

import { jsonOf, useSandbox } from '../helpers/setup';
import { expectErrorItem, expectOnePerItem, faultProfile, measured, NO_FAULTS, reportFigures } from './harness';

// Reads, lists and batched checks under the full fault profile: nothing missing, nothing twice.
const t = useSandbox({ seed: { users: 10000, groups: 10 } });
jest.setTimeout(120_000);
reportFigures('reads');

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const users = () => t.sandbox.store.listUsers() as Array<{ id: string }>;
afterEach(() => Object.assign(t.sandbox.faults, NO_FAULTS));

/** The input item each output item is paired to. */
const pairedTo = (result: { output: Array<{ pairedItem?: unknown }> }) =>
	result.output.map((item) => (item.pairedItem as { item: number }).item);

describe('Reads under faults', () => {
	test('user.get, 1,000 items in $batch envelopes without Continue On Fail: every user read once, in order', async () => {
		const chosen = users().slice(0, 1000);
		Object.assign(t.sandbox.faults, faultProfile(101));
		const { result, figures } = await measured('user.get', t.sandbox, t.run, {
			items: chosen.map((user) => ({ id: user.id })),
			parameters: { resource: 'user', operation: 'get', userId: byId('={{ $json.id }}') },
		});
		expectOnePerItem(result, 1000);
		expect(jsonOf(result).map((user) => user.id)).toEqual(chosen.map((user) => user.id));
		expect(figures.faults['429']).toBeGreaterThan(0);
		expect(figures.faults.reset).toBeGreaterThan(0);
		expect(figures.retries).toBeGreaterThan(0);
	});

	test('user.getManager, 1,000 items one request each (batching off) with Continue On Fail: each its own answer', async () => {
		const chosen = users().slice(1000, 2000);
		Object.assign(t.sandbox.faults, faultProfile(102));
		const { result } = await measured('user.getManager (no $batch)', t.sandbox, t.run, {
			items: chosen.map((user) => ({ id: user.id })),
			continueOnFail: true,
			parameters: { resource: 'user', operation: 'getManager', userId: byId('={{ $json.id }}'), options: { batching: false, emptyIfNone: true } },
		});
		expectOnePerItem(result, 1000);
		jsonOf(result).forEach((json, index) => {
			const manager = t.sandbox.store.managerOf(chosen[index].id) as string | null;
			expect(json.error).toBeUndefined();
			expect(json.id ?? null).toBe(manager);
		});
	});
});

describe('Lists under faults', () => {
	test('user.getAll, Return All over 10,000 users in pages of 100: every user exactly once across the pages', async () => {
		Object.assign(t.sandbox.faults, faultProfile(111, { maxPageSize: 100 }));
		const { result, figures } = await measured('user.getAll (10,000 users)', t.sandbox, t.run, {
			parameters: { resource: 'user', operation: 'getAll', returnAll: true },
		});
		expect(result.error).toBeUndefined();
		const ids = jsonOf(result).map((user) => String(user.id));
		expect(ids).toHaveLength(10000);
		expect(new Set(ids).size).toBe(10000);
		expect(new Set(ids)).toEqual(new Set(users().map((user) => user.id)));
		expect(figures.requests).toBeGreaterThan(100);
	});

	test('group.getMembers, Return All on a group of 4,000 in pages of 100: every member exactly once', async () => {
		const members = users().slice(2000, 6000).map((user) => user.id);
		const group = t.sandbox.store.createGroup(
			{ displayName: 'Faults big group', mailNickname: 'faultsbig', mailEnabled: false, securityEnabled: true, groupTypes: [] },
			{ members, seed: true },
		) as { id: string };
		Object.assign(t.sandbox.faults, faultProfile(112, { maxPageSize: 100 }));
		const { result } = await measured('group.getMembers (4,000 members)', t.sandbox, t.run, {
			parameters: { resource: 'group', operation: 'getMembers', groupId: byId(group.id), returnAll: true },
		});
		expect(result.error).toBeUndefined();
		const ids = jsonOf(result).map((member) => String(member.id));
		expect(ids.sort()).toEqual([...members].sort());
	});

	test('user.getGroups, Return All for 250 users (one list per item, one user after another) with Continue On Fail: each user its groups, paired', async () => {
		const chosen = users().slice(6000, 6250);
		Object.assign(t.sandbox.faults, faultProfile(113));
		const { result } = await measured('user.getGroups (250 lists)', t.sandbox, t.run, {
			items: chosen.map((user) => ({ id: user.id })),
			continueOnFail: true,
			parameters: { resource: 'user', operation: 'getGroups', userId: byId('={{ $json.id }}'), returnAll: true },
		});
		expect(result.error).toBeUndefined();
		const byItem = new Map<number, string[]>();
		const pairs = pairedTo(result);
		jsonOf(result).forEach((json, index) => {
			expect(json.error).toBeUndefined();
			byItem.set(pairs[index], [...(byItem.get(pairs[index]) ?? []), String(json.id)]);
		});
		expect([...pairs].sort((a, b) => a - b)).toEqual(pairs);
		chosen.forEach((user, index) => {
			expect((byItem.get(index) ?? []).sort()).toEqual([...(t.sandbox.store.memberOf(user.id) as string[])].sort());
		});
	});
});

describe('Batched checks under faults', () => {
	test('user.checkGroups, 1,000 users against 30 groups (two checks each, 2,000 POSTs in $batch): every answer right', async () => {
		const chosen = users().slice(7000, 8000);
		const groups = (t.sandbox.store.listGroups() as Array<{ id: string }>).map((group) => group.id);
		const extra = Array.from({ length: 30 - groups.length }, (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`);
		const groupIds = [...groups, ...extra];
		Object.assign(t.sandbox.faults, faultProfile(121));
		const { result } = await measured('user.checkGroups (Continue On Fail)', t.sandbox, t.run, {
			items: chosen.map((user) => ({ id: user.id })),
			continueOnFail: true,
			parameters: { resource: 'user', operation: 'checkGroups', userId: byId('={{ $json.id }}'), groupIds: groupIds.join(',') },
		});
		expectOnePerItem(result, 1000);
		jsonOf(result).forEach((json: IDataObject, index) => {
			if (json.error !== undefined) expectErrorItem(json);
			const expected = (t.sandbox.store.transitiveMemberOf(chosen[index].id) as string[]).filter((id) => groupIds.includes(id));
			expect(json).toEqual({ id: chosen[index].id, memberOf: expect.arrayContaining(expected) });
			expect((json.memberOf as string[]).length).toBe(expected.length);
		});
	});
});
