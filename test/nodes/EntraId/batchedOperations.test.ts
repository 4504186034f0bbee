import type { IDataObject } from 'n8n-workflow';

import { useSandbox } from '../../helpers/setup';
import { byId } from '../../helpers/locators';

// Every operation that sends one request per input item gathers them into JSON $batch envelopes
// of 20: 25 items are two round trips (20 + 5), each item keeps its own result, paired in order,
// and the directory shows every item's change.
const t = useSandbox();

const ITEMS = 25;
const PASSWORD = 'Batch-Reset-2026!x';

interface User {
	id: string;
	userType: string;
	accountEnabled: boolean;
	usageLocation?: string;
	jobTitle?: string;
	assignedLicenses?: Array<{ skuId: string }>;
}

const store = () => t.sandbox.store;
const members = (): User[] => store().listUsers().filter((user: User) => user.userType === 'Member');
const manager = () => members()[0];
/** 25 users for one case, none shared with another case and none the manager. */
const usersFor = (caseIndex: number): User[] => members().slice(1 + caseIndex * ITEMS, 1 + (caseIndex + 1) * ITEMS);
const licensable = (): User[] => members().filter((user) => user.usageLocation).slice(-ITEMS);
const ems = () => store().skus.find((sku: { skuPartNumber: string }) => sku.skuPartNumber === 'EMS') as { skuId: string };
const hasEms = (user: User) => (store().getUser(user.id).assignedLicenses ?? []).some((license: { skuId: string }) => license.skuId === ems().skuId);

let newGroups = 0;
function makeGroups(count: number): string[] {
	return Array.from({ length: count }, () => {
		newGroups++;
		const group = store().createGroup(
			{ displayName: `Batched ${newGroups}`, mailNickname: `batched${newGroups}`, mailEnabled: false, securityEnabled: true, groupTypes: [] },
			{ seed: true },
		);
		return group.id as string;
	});
}

interface Case {
	operation: string;
	/** Item JSON for the 25 items, and what the run needs besides them. */
	setup(): { items: IDataObject[]; parameters: IDataObject };
	/** The method and path (after /v1.0) every inner request has. */
	inner: { method: string; path: RegExp };
	/** The directory after the run, for each item. */
	applied?(item: IDataObject): boolean;
}

const userCase = (operation: string, index: number, inner: Case['inner'], extra: IDataObject = {}, applied?: Case['applied']): Case => ({
	operation: `user.${operation}`,
	setup: () => ({
		items: usersFor(index).map((user) => ({ id: user.id })),
		parameters: { resource: 'user', operation, userId: byId('={{ $json.id }}'), ...extra },
	}),
	inner,
	applied,
});

const USER_PATH = '/users/[0-9a-f-]{36}';
const GROUP_PATH = '/groups/[0-9a-f-]{36}';

const cases: Case[] = [
	userCase('get', 0, { method: 'GET', path: new RegExp(`^${USER_PATH}$`) }),
	userCase('update', 1, { method: 'PATCH', path: new RegExp(`^${USER_PATH}$`) }, { updateFields: { jobTitle: 'Batched' } }, (item) => store().getUser(item.id).jobTitle === 'Batched'),
	userCase('disable', 2, { method: 'PATCH', path: new RegExp(`^${USER_PATH}$`) }, {}, (item) => store().getUser(item.id).accountEnabled === false),
	userCase('enable', 2, { method: 'PATCH', path: new RegExp(`^${USER_PATH}$`) }, {}, (item) => store().getUser(item.id).accountEnabled === true),
	userCase('revokeSessions', 3, { method: 'POST', path: new RegExp(`^${USER_PATH}/revokeSignInSessions$`) }),
	userCase('resetPassword', 4, { method: 'PATCH', path: new RegExp(`^${USER_PATH}$`) }, { password: PASSWORD }, (item) => Boolean(store().getUser(item.id).lastPasswordChangeDateTime)),
	{
		operation: 'user.setManager',
		setup: () => ({
			items: usersFor(5).map((user) => ({ id: user.id })),
			parameters: { resource: 'user', operation: 'setManager', userId: byId('={{ $json.id }}'), managerId: byId(manager().id) },
		}),
		inner: { method: 'PUT', path: new RegExp(`^${USER_PATH}/manager/\\$ref$`) },
		applied: (item) => store().managerOf(item.id) === manager().id,
	},
	userCase('getManager', 5, { method: 'GET', path: new RegExp(`^${USER_PATH}/manager$`) }),
	userCase('removeManager', 5, { method: 'DELETE', path: new RegExp(`^${USER_PATH}/manager/\\$ref$`) }, {}, (item) => !store().managerOf(item.id)),
	userCase('checkGroups', 6, { method: 'POST', path: new RegExp(`^${USER_PATH}/checkMemberGroups$`) }, { groupIds: '={{ $json.id }}' }),
	{
		operation: 'user.assignLicense',
		setup: () => ({
			items: licensable().map((user) => ({ id: user.id })),
			parameters: { resource: 'user', operation: 'assignLicense', userId: byId('={{ $json.id }}'), skuId: ems().skuId },
		}),
		inner: { method: 'POST', path: new RegExp(`^${USER_PATH}/assignLicense$`) },
		applied: (item) => hasEms(store().getUser(item.id)),
	},
	{
		operation: 'user.removeLicense',
		setup: () => ({
			items: licensable().map((user) => ({ id: user.id })),
			parameters: { resource: 'user', operation: 'removeLicense', userId: byId('={{ $json.id }}'), skuId: ems().skuId },
		}),
		inner: { method: 'POST', path: new RegExp(`^${USER_PATH}/assignLicense$`) },
		applied: (item) => !hasEms(store().getUser(item.id)),
	},
	userCase('delete', 7, { method: 'DELETE', path: new RegExp(`^${USER_PATH}$`) }, {}, (item) => store().getUser(item.id) === undefined),
	...(['get', 'update', 'delete'] as const).map(
		(operation): Case => ({
			operation: `group.${operation}`,
			setup: () => ({
				items: makeGroups(ITEMS).map((id) => ({ id })),
				parameters: {
					resource: 'group',
					operation,
					groupId: byId('={{ $json.id }}'),
					...(operation === 'update' ? { updateFields: { description: 'Batched' } } : {}),
				},
			}),
			inner: { method: { get: 'GET', update: 'PATCH', delete: 'DELETE' }[operation], path: new RegExp(`^${GROUP_PATH}$`) },
			applied: {
				get: undefined,
				update: (item: IDataObject) => store().getGroup(item.id).description === 'Batched',
				delete: (item: IDataObject) => store().getGroup(item.id) === undefined,
			}[operation],
		}),
	),
	...(['addOwner', 'removeOwner', 'removeMember'] as const).map((operation): Case => {
		let groupId = '';
		return {
			operation: `group.${operation}`,
			setup: () => {
				[groupId] = makeGroups(1);
				const users = usersFor(8);
				// Graph refuses to remove a group's last owner: one more stays.
				if (operation === 'removeOwner') for (const user of [manager(), ...users]) store().addOwner(groupId, user.id, { seed: true });
				if (operation === 'removeMember') for (const user of users) store().addMember(groupId, user.id, { seed: true });
				return {
					items: users.map((user) => ({ id: user.id })),
					parameters: {
						resource: 'group',
						operation,
						groupId: byId(groupId),
						[operation === 'removeMember' ? 'memberId' : 'ownerId']: byId('={{ $json.id }}'),
					},
				};
			},
			inner:
				operation === 'addOwner'
					? { method: 'POST', path: new RegExp(`^${GROUP_PATH}/owners/\\$ref$`) }
					: { method: 'DELETE', path: new RegExp(`^${GROUP_PATH}/${operation === 'removeOwner' ? 'owners' : 'members'}/[0-9a-f-]{36}/\\$ref$`) },
			applied: (item) => {
				const linked = operation === 'removeMember' ? store().membersOf(groupId) : store().ownersOf(groupId);
				return linked.includes(item.id) === (operation === 'addOwner');
			},
		};
	}),
];

describe('Per-item operations travel in $batch envelopes of 20', () => {
	test.each(cases.map((entry) => [entry.operation, entry] as const))('%s: 25 items are 2 round trips, each item its own result in order', async (_, entry) => {
		const { items, parameters } = entry.setup();
		expect(items).toHaveLength(ITEMS);
		t.sandbox.clearLog();
		const result = await t.run({ items, parameters });

		expect(result.error).toBeUndefined();
		const outer = t.requests().filter((request) => !request.batch);
		expect(outer.map((request) => `${request.method} ${request.path}`)).toEqual(['POST /v1.0/$batch', 'POST /v1.0/$batch']);
		const inner = t.requests().filter((request) => request.batch);
		expect(inner).toHaveLength(ITEMS);
		for (const request of inner) {
			expect(request.method).toBe(entry.inner.method);
			expect(request.path.slice('/v1.0'.length)).toMatch(entry.inner.path);
		}
		expect(result.output.map((item) => (item.pairedItem as { item: number }).item)).toEqual(items.map((_item, index) => index));
		expect(result.output.every((item) => item.json.error === undefined)).toBe(true);
		if (entry.applied) expect(items.filter((item) => !entry.applied!(item))).toEqual([]);
	});
});
