import type { TestContext } from '../../../helpers/setup';
import { byList } from '../../../helpers/locators';

// Shared by the Add/Remove Member and Add/Remove Owner tests: one group relation, its
// operations, its parameter and the sandbox's view of it.

export interface User {
	id: string;
	userPrincipalName: string;
}

export type LinkOperation = 'addMembers' | 'removeMember' | 'addOwner' | 'removeOwner';

const RELATION: Record<LinkOperation, 'members' | 'owners'> = {
	addMembers: 'members',
	removeMember: 'members',
	addOwner: 'owners',
	removeOwner: 'owners',
};

export const pairs = (result: { output: Array<{ pairedItem?: unknown }> }) => result.output.map((item) => item.pairedItem);
export const inOrder = (count: number) => Array.from({ length: count }, (_, item) => ({ item }));
export const idsOf = (list: User[]) => list.map((user) => user.id);

/** Runs one link operation against the sandbox, one item per { group, user }. */
export function linkHarness(t: TestContext, operation: LinkOperation, groupName: string) {
	const relation = RELATION[operation];
	const parameter = relation === 'members' ? 'memberId' : 'ownerId';
	let groups = 0;
	return {
		parameter,
		users: (): User[] => t.sandbox.store.listUsers(),
		/** A group seeded with these members or owners (seeded: replicated already). */
		newGroup(linked: string[] = [], props: object = {}): { id: string } {
			groups++;
			return t.sandbox.store.createGroup(
				{ displayName: `${groupName} ${groups}`, mailNickname: `${groupName.toLowerCase()}${groups}`, mailEnabled: false, securityEnabled: true, groupTypes: [], ...props },
				{ [relation]: linked, seed: true },
			);
		},
		run(items: Array<{ group: string; user: string }>, options: object = {}, continueOnFail = false) {
			return t.run({
				items,
				continueOnFail,
				parameters: {
					resource: 'group',
					operation,
					groupId: byList('={{ $json.group }}'),
					[parameter]: byList('={{ $json.user }}'),
					options,
				},
			});
		},
		/** The group's members or owners now. */
		linked: (groupId: string): string[] => (relation === 'members' ? t.sandbox.store.membersOf(groupId) : t.sandbox.store.ownersOf(groupId)),
		added: (groupId: string, id: string) => ({ groupId, [parameter]: id, added: true }),
		removed: (groupId: string, id: string) => ({ groupId, [parameter]: id, removed: true }),
	};
}
