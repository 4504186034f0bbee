import { jsonOf, useSandbox } from '../../../helpers/setup';
import type { LinkOperation } from './links';
import { idsOf, linkHarness } from './links';

// The cases Add/Remove Member and Add/Remove Owner share, one row per operation: the rows differ in
// their data only. Each operation's own behaviour is tested in its own file.

const t = useSandbox({ seed: { users: 300, groups: 2 } });

describe.each([
	{ operation: 'addMembers', users: [0, 5], linkedBefore: [2], options: { skipExisting: true }, method: 'POST', path: (group: string) => `/v1.0/groups/${group}/members/$ref` },
	{ operation: 'addOwner', users: [20, 23], linkedBefore: [], options: {}, method: 'POST', path: (group: string) => `/v1.0/groups/${group}/owners/$ref` },
	{ operation: 'removeMember', users: [40, 44], linkedBefore: [0, 1, 2, 3], options: {}, method: 'DELETE', path: (group: string, user: string) => `/v1.0/groups/${group}/members/${user}/$ref` },
] as const)('Group → $operation with batching off', ({ operation, users: [from, to], linkedBefore, options, method, path }) => {
	test(`each item is one ${method} request${operation === 'addMembers' ? ' (Skip Existing still applies)' : ''}`, async () => {
		const links = linkHarness(t, operation, `${operation}Off`);
		const chosen = links.users().slice(from, to);
		const before = chosen.filter((_, index) => (linkedBefore as readonly number[]).includes(index));
		const group = links.newGroup(idsOf(before));
		const adding = operation.startsWith('add');
		const result = await links.run(
			chosen.map((user) => ({ group: group.id, user: user.id })),
			{ batching: false, ...options },
		);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual(
			chosen.map((user) => {
				if (!adding) return links.removed(group.id, user.id);
				return before.includes(user) ? { ...links.added(group.id, user.id), skipped: true } : links.added(group.id, user.id);
			}),
		);
		const log = t.requests();
		expect(log).toHaveLength(chosen.length);
		expect(log.every((entry) => !entry.batch && entry.method === method)).toBe(true);
		expect(log.map((entry) => entry.path).sort()).toEqual(chosen.map((user) => path(group.id, user.id)).sort());
		expect(links.linked(group.id).sort()).toEqual(adding ? idsOf(chosen).sort() : []);
	});
});

/** A bad value for one item: the group (a new real group when 'new') and the user (a seeded user's index, or text). */
type BadInput = { group: string; user: string | number; parameter: string };

describe.each<{ operation: LinkOperation; inputs: BadInput[] }>([
	{
		operation: 'addMembers',
		inputs: [
			{ group: 'not-a-guid', user: 100, parameter: 'groupId' },
			{ group: 'new', user: 'ada@contoso.com/../x', parameter: 'memberId' },
		],
	},
	{ operation: 'addOwner', inputs: [{ group: 'new', user: 'not a user', parameter: 'ownerId' }] },
	{ operation: 'removeMember', inputs: [{ group: '{{bad}}', user: 101, parameter: 'groupId' }] },
	{ operation: 'removeOwner', inputs: [{ group: '12345', user: 102, parameter: 'groupId' }] },
])('Group → $operation', ({ operation, inputs }) => {
	test('bad input is refused before any request, naming the parameter', async () => {
		const links = linkHarness(t, operation, `${operation}Bad`);
		for (const { group, user, parameter } of inputs) {
			const item = {
				group: group === 'new' ? links.newGroup().id : group,
				user: typeof user === 'number' ? links.users()[user].id : user,
			};
			const result = await links.run([item]);
			expect(result.error?.message).toMatch(new RegExp(`\\[parameter "${parameter}"\\]`));
		}
		expect(t.requests()).toHaveLength(0);
	});
});
