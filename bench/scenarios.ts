import type { IDataObject } from 'n8n-workflow';

/** The parts of the sandbox's plain-JS directory the scenarios touch. */
export interface Store {
	listUsers(): Array<{ id: string; jobTitle?: string | null }>;
	getUser(id: string): { id: string; jobTitle?: string | null } | undefined;
	createGroup(props: IDataObject, options: { seed: boolean }): { id: string };
	membersOf(groupId: string): string[];
	addMember(groupId: string, memberId: string, options: { seed: boolean }): void;
	removeMember(groupId: string, memberId: string): void;
}

/** What scenarios act on: the first 1,000 users and an empty group made for the bench. */
export interface Tenant {
	store: Store;
	userIds: string[];
	groupId: string;
}

export type NodeName = 'ours' | 'builtin';

export interface Scenario {
	id: number;
	title: string;
	count: number;
	/** Lists cost ceil(N/999) requests at best; per-item operations ceil(N/20) ($batch). */
	kind: 'list' | 'perItem';
	/** The tenant's size. */
	tenantUsers: number;
	/** Parameters per node; a scenario without `builtin` runs ours only. */
	parameters: Partial<Record<NodeName, IDataObject>>;
	items(tenant: Tenant): IDataObject[];
	/** Puts the directory back before each run. */
	reset?(tenant: Tenant): void;
	/** For writes: why the directory does not show the run's work, if it does not. */
	verify?(tenant: Tenant): string | undefined;
}

export const BATCH_SIZE = 20;
export const PAGE_SIZE = 999;
const PER_ITEM = 1000;
const JOB_TITLE = 'Bench Engineer';

const byId = (expression = '={{ $json.id }}') => ({ __rl: true, mode: 'id', value: expression });
const oneItem = () => [{}];
const eachUser = (tenant: Tenant) => tenant.userIds.map((id) => ({ id }));
const listUsers = { resource: 'user', operation: 'getAll', returnAll: true };

export function physicalLimit(scenario: Scenario): number {
	return Math.ceil(scenario.count / (scenario.kind === 'list' ? PAGE_SIZE : BATCH_SIZE));
}

export const SCENARIOS: Scenario[] = [
	{
		id: 1,
		title: 'List 10,000 users (Return All)',
		count: 10_000,
		kind: 'list',
		tenantUsers: 10_000,
		parameters: { ours: listUsers, builtin: listUsers },
		items: oneItem,
	},
	{
		id: 2,
		title: 'Get 1,000 users by ID',
		count: PER_ITEM,
		kind: 'perItem',
		tenantUsers: 10_000,
		parameters: {
			ours: { resource: 'user', operation: 'get', userId: byId() },
			builtin: { resource: 'user', operation: 'get', user: byId() },
		},
		items: eachUser,
	},
	{
		id: 3,
		title: 'Update 1,000 users',
		count: PER_ITEM,
		kind: 'perItem',
		tenantUsers: 10_000,
		parameters: {
			ours: { resource: 'user', operation: 'update', userId: byId(), updateFields: { jobTitle: JOB_TITLE } },
			builtin: { resource: 'user', operation: 'update', user: byId(), updateFields: { jobTitle: JOB_TITLE } },
		},
		items: eachUser,
		reset: ({ store, userIds }) => userIds.forEach((id) => (store.getUser(id)!.jobTitle = 'Before the bench')),
		verify: ({ store, userIds }) => {
			const updated = userIds.filter((id) => store.getUser(id)?.jobTitle === JOB_TITLE).length;
			return updated === PER_ITEM ? undefined : `${updated} users updated, expected ${PER_ITEM}`;
		},
	},
	{
		id: 4,
		title: 'Add 1,000 users to one group',
		count: PER_ITEM,
		kind: 'perItem',
		tenantUsers: 10_000,
		parameters: {
			ours: { resource: 'group', operation: 'addMembers', groupId: byId('GROUP'), memberId: byId() },
			builtin: { resource: 'user', operation: 'addGroup', group: byId('GROUP'), user: byId() },
		},
		items: eachUser,
		reset: ({ store, groupId }) => store.membersOf(groupId).forEach((id) => store.removeMember(groupId, id)),
		verify: ({ store, groupId }) => {
			const members = store.membersOf(groupId).length;
			return members === PER_ITEM ? undefined : `${members} members, expected ${PER_ITEM}`;
		},
	},
	{
		id: 5,
		title: 'Remove 1,000 members',
		count: PER_ITEM,
		kind: 'perItem',
		tenantUsers: 10_000,
		parameters: {
			ours: { resource: 'group', operation: 'removeMember', groupId: byId('GROUP'), memberId: byId() },
			builtin: { resource: 'user', operation: 'removeGroup', group: byId('GROUP'), user: byId() },
		},
		items: eachUser,
		reset: ({ store, groupId, userIds }) => {
			const members = new Set(store.membersOf(groupId));
			for (const id of userIds) if (!members.has(id)) store.addMember(groupId, id, { seed: true });
		},
		verify: ({ store, groupId }) => {
			const members = store.membersOf(groupId).length;
			return members === 0 ? undefined : `${members} members left, expected 0`;
		},
	},
	{
		id: 6,
		title: 'List 100,000 users (memory)',
		count: 100_000,
		kind: 'list',
		tenantUsers: 100_000,
		parameters: { ours: listUsers },
		items: oneItem,
	},
];

/** Parameters with the bench group's ID in place of the GROUP placeholder. */
export function parametersFor(scenario: Scenario, node: NodeName, tenant: Tenant): IDataObject {
	return JSON.parse(JSON.stringify(scenario.parameters[node]).replace(/"GROUP"/g, JSON.stringify(tenant.groupId))) as IDataObject;
}
