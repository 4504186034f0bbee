import type { IDataObject } from 'n8n-workflow';

import { useSandbox } from '../helpers/setup';
import { listSearch } from '../runner/load-options';

// Hostile and broken input, each fed to the node the way a workflow would (mostly through an
// expression reading the incoming item), each refused with a NodeOperationError that names the
// parameter, before a single request reaches Graph.
const t = useSandbox();

const GUID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
// Stand-ins for real directory objects, filled in from the sandbox when a case runs, so the good
// value of each case reaches Graph without waiting out replication retries for a missing object.
const USER = '@user-id@';
const USER_UPN = '@user-upn@';
const OTHER = '@other-user-id@';
const GROUP = '@group-id@';
const E3 = '6fd2c87f-b296-42f0-b197-1e91e994b900';
const fromItem = (mode: string) => ({ __rl: true, mode, value: '={{ $json.value }}' });

/** Malformed GUIDs, path traversal, query and fragment injection, control characters. */
const BAD_IDS: unknown[] = [
	'not-a-guid',
	'12345',
	`{${GUID}}`,
	`${GUID}x`,
	`${GUID}/../groups`,
	`${GUID}/members`,
	`../${GUID}`,
	'../users',
	'..%2F..%2Fgroups',
	'%2e%2e',
	'%2e%2e%2f',
	`${GUID}?$select=passwordProfile`,
	`${GUID}#fragment`,
	`${GUID}%00`,
	`${GUID}\r\nX-Injected: 1`,
	`${GUID} or 1 eq 1`,
	`${GUID}') or ('1' eq '1`,
	'',
	'   ',
	'a'.repeat(100_000),
];

/** Malformed UPNs and the same attacks on the other form of user reference. */
const BAD_UPNS: unknown[] = [
	'ada',
	'ada@',
	'@contoso.com',
	'ada@@contoso.com',
	'ada lovelace@contoso.com',
	'ada@contoso',
	'ada@contoso..com',
	'.ada@contoso.com',
	'ada..lovelace@contoso.com',
	'ada@contoso.com/../../groups',
	'ada@contoso.com/manager',
	'../ada@contoso.com',
	'ada@contoso.com?$select=passwordProfile',
	'ada@contoso.com#x',
	"ada'@contoso.com' or '1' eq '1",
	'ada%40contoso.com',
	'ada%2F..%2F@contoso.com',
	'аda@contoso.com', // Cyrillic а
	'ada@contoso.com\u0000',
	'ada@contoso.com\r\nX-Injected: 1',
	`${'a'.repeat(200)}@contoso.com`,
	`ada@${'a'.repeat(100_000)}.com`,
];

/** What expressions can produce where text is expected. */
const WRONG_TYPES: unknown[] = [42, 0, -1, 1.5, true, false, { id: GUID }, [GUID], [], {}, null];

interface Case {
	name: string;
	parameters: IDataObject;
	/** The parameter the error must name. */
	parameter: string;
	values: unknown[];
	/** A good value for the same place: it must not be refused (the control that the case can fail). */
	valid: unknown;
}

const UPN = USER_UPN;
const newUser = { resource: 'user', operation: 'create', displayName: 'Ada', userPrincipalName: 'ada.hostile@contoso.com', mailNickname: 'ada.hostile', password: 'Joiner#2025-Welcome' };
const newGroup = { resource: 'group', operation: 'create', displayName: 'Hostile', mailNickname: 'hostile', groupType: 'security' };
const LONG = (length: number) => 'x'.repeat(length);

const userOperations = ['get', 'update', 'delete', 'enable', 'disable', 'resetPassword', 'revokeSessions', 'getManager', 'setManager', 'removeManager', 'getGroups', 'getDirectReports', 'checkGroups', 'assignLicense', 'removeLicense'];
const groupOperations = ['get', 'update', 'delete', 'getMembers', 'getOwners', 'addMembers', 'removeMember', 'addOwner', 'removeOwner'];
const userExtras: Record<string, IDataObject> = {
	update: { updateFields: { jobTitle: 'Engineer' } },
	resetPassword: { password: 'Temp#Pass-2025!' },
	setManager: { managerId: { __rl: true, mode: 'id', value: OTHER } },
	checkGroups: { groupIds: GROUP },
	assignLicense: { skuId: E3 },
	removeLicense: { skuId: E3 },
	getGroups: { returnAll: true },
	getDirectReports: { returnAll: true },
};
const groupExtras: Record<string, IDataObject> = {
	update: { updateFields: { description: 'x' } },
	getMembers: { returnAll: true },
	getOwners: { returnAll: true },
	addMembers: { memberId: { __rl: true, mode: 'id', value: OTHER } },
	removeMember: { memberId: { __rl: true, mode: 'id', value: OTHER } },
	addOwner: { ownerId: { __rl: true, mode: 'id', value: OTHER } },
	removeOwner: { ownerId: { __rl: true, mode: 'id', value: OTHER } },
};

const cases: Case[] = [
	...userOperations.flatMap((operation): Case[] => [
		{ name: `user.${operation} userId (by ID)`, parameters: { resource: 'user', operation, userId: fromItem('id'), ...userExtras[operation] }, parameter: 'userId', values: [...BAD_IDS, ...WRONG_TYPES], valid: operation === 'delete' ? GUID : USER },
		{ name: `user.${operation} userId (by UPN)`, parameters: { resource: 'user', operation, userId: fromItem('userPrincipalName'), ...userExtras[operation] }, parameter: 'userId', values: [...BAD_UPNS, ...WRONG_TYPES], valid: UPN },
	]),
	...groupOperations.map((operation): Case => ({
		name: `group.${operation} groupId`,
		parameters: { resource: 'group', operation, groupId: fromItem('id'), ...groupExtras[operation] },
		parameter: 'groupId',
		values: [...BAD_IDS, ...WRONG_TYPES],
		valid: operation === 'delete' ? GUID : GROUP,
	})),
	...(['addMembers', 'removeMember', 'addOwner', 'removeOwner'] as const).map((operation): Case => {
		const parameter = operation.endsWith('Owner') ? 'ownerId' : 'memberId';
		return {
			name: `group.${operation} ${parameter}`,
			parameters: { resource: 'group', operation, groupId: { __rl: true, mode: 'id', value: GROUP }, [parameter]: fromItem('userPrincipalName') },
			parameter,
			values: [...BAD_UPNS, ...WRONG_TYPES],
			valid: UPN,
		};
	}),
	{
		name: 'user.setManager managerId',
		parameters: { resource: 'user', operation: 'setManager', userId: { __rl: true, mode: 'id', value: OTHER }, managerId: fromItem('userPrincipalName') },
		parameter: 'managerId',
		values: [...BAD_UPNS, ...WRONG_TYPES],
		valid: UPN,
	},
	{
		name: 'user.checkGroups groupIds',
		parameters: { resource: 'user', operation: 'checkGroups', userId: { __rl: true, mode: 'id', value: USER }, groupIds: '={{ $json.value }}' },
		parameter: 'groupIds',
		values: [...BAD_IDS, `${GUID},../users`, [GUID, '../users'], [GUID, 42], 42, { id: GUID }, true],
		valid: [GUID, E3],
	},
	{
		name: 'user.assignLicense skuId',
		parameters: { resource: 'user', operation: 'assignLicense', userId: { __rl: true, mode: 'id', value: USER }, skuId: '={{ $json.value }}' },
		parameter: 'skuId',
		values: [...BAD_IDS, ...WRONG_TYPES],
		valid: E3,
	},
	{
		name: 'user.assignLicense disabledPlans',
		parameters: { resource: 'user', operation: 'assignLicense', userId: { __rl: true, mode: 'id', value: USER }, skuId: E3, disabledPlans: '={{ $json.value }}' },
		parameter: 'disabledPlans',
		values: ['not-a-guid', `${GUID},../x`, [GUID, 'x'], [42], { id: GUID }, 42],
		valid: `${GUID}, ${E3}`,
	},
	{
		name: 'directory.restoreDeletedItem deletedItemId',
		parameters: { resource: 'directory', operation: 'restoreDeletedItem', deletedItemId: fromItem('id') },
		parameter: 'deletedItemId',
		values: [...BAD_IDS, ...WRONG_TYPES],
		valid: GUID,
	},
	// Creating users and groups: required fields, lengths Graph enforces, types.
	{ name: 'user.create displayName', parameters: { ...newUser, displayName: '={{ $json.value }}' }, parameter: 'displayName', values: ['', '  ', LONG(257), LONG(100_000), ...WRONG_TYPES.filter((value) => typeof value !== 'number')], valid: 'Ada Lovelace' },
	{ name: 'user.create userPrincipalName', parameters: { ...newUser, userPrincipalName: '={{ $json.value }}' }, parameter: 'userPrincipalName', values: [...BAD_UPNS, ...WRONG_TYPES], valid: 'ada.valid@contoso.com' },
	{ name: 'user.create mailNickname', parameters: { ...newUser, mailNickname: '={{ $json.value }}' }, parameter: 'mailNickname', values: ['', 'ada lovelace', 'ada@contoso', 'a(b)', 'ada;drop', 'a"b', 'a\\b', LONG(65), 'ädä', ...WRONG_TYPES], valid: 'ada.valid' },
	{ name: 'user.create password', parameters: { ...newUser, password: '={{ $json.value }}' }, parameter: 'password', values: ['', '   ', LONG(257), ...WRONG_TYPES], valid: 'Joiner#2025-Welcome' },
	{ name: 'user.create additionalFields.department', parameters: { ...newUser, additionalFields: { department: '={{ $json.value }}' } }, parameter: 'additionalFields.department', values: [LONG(65), LONG(100_000), { a: 1 }, [1]], valid: 'Research' },
	{ name: 'user.create additionalFields.jobTitle', parameters: { ...newUser, additionalFields: { jobTitle: '={{ $json.value }}' } }, parameter: 'additionalFields.jobTitle', values: [LONG(129), { a: 1 }, [1]], valid: 'Engineer' },
	{ name: 'user.create additionalFields.employeeId', parameters: { ...newUser, additionalFields: { employeeId: '={{ $json.value }}' } }, parameter: 'additionalFields.employeeId', values: [LONG(17), { a: 1 }], valid: 'E-1001' },
	{ name: 'user.create additionalFields.usageLocation', parameters: { ...newUser, additionalFields: { usageLocation: '={{ $json.value }}' } }, parameter: 'additionalFields.usageLocation', values: ['GBR', 'G', '1A', "G'", { a: 1 }], valid: 'GB' },
	{ name: 'group.create displayName', parameters: { ...newGroup, displayName: '={{ $json.value }}' }, parameter: 'displayName', values: ['', '  ', LONG(257), { a: 1 }, [1], null], valid: 'Hostile Group' },
	{ name: 'group.create mailNickname', parameters: { ...newGroup, mailNickname: '={{ $json.value }}' }, parameter: 'mailNickname', values: ['', 'a b', 'a@b', 'a(b', 'a;b', 'a,b', LONG(65), { a: 1 }, [1]], valid: 'hostile.group' },
	{ name: 'group.create additionalFields.members', parameters: { ...newGroup, additionalFields: { members: '={{ $json.value }}' } }, parameter: 'additionalFields.members', values: ['../users', `${GUID},../users`, [GUID, 42], 'ada@contoso.com/../x', { id: GUID }, 42], valid: `${GUID}, ada@contoso.com` },
	{ name: 'group.create additionalFields.owners', parameters: { ...newGroup, additionalFields: { owners: '={{ $json.value }}' } }, parameter: 'additionalFields.owners', values: ['../users', [GUID, 42], { id: GUID }, 42], valid: GUID },
	// Lists: limit, select and search.
	{ name: 'user.getAll limit', parameters: { resource: 'user', operation: 'getAll', returnAll: false, limit: '={{ $json.value }}' }, parameter: 'limit', values: [0, -1, 1.5, 'ten', '10; drop', { a: 1 }, [10], null], valid: 10 },
	{ name: 'user.getAll options.select', parameters: { resource: 'user', operation: 'getAll', returnAll: false, limit: 5, options: { select: '={{ $json.value }}' } }, parameter: 'options.select', values: ['id,passwordProfile)', 'id;x', 'id&$filter=x', 'id,../x', 'id,"x"', "id,'x'", 'id,manager($select=id)', { a: 1 }, 42], valid: 'id,displayName' },
	{ name: 'group.getAll options.search', parameters: { resource: 'group', operation: 'getAll', returnAll: false, limit: 5, options: { search: '={{ $json.value }}' } }, parameter: 'options.search', values: ['  ', 'displayName:', 'displayName: mail:x', { a: 1 }, [1], 42, LONG(257), LONG(100_000)], valid: 'Sales' },
	{ name: 'user.getAll options.search', parameters: { resource: 'user', operation: 'getAll', returnAll: false, limit: 5, options: { search: '={{ $json.value }}' } }, parameter: 'options.search', values: ['displayName:', LONG(257), `displayName:${LONG(300)}`], valid: `displayName:${LONG(200)}` },
	{ name: 'user.getAll options.filter', parameters: { resource: 'user', operation: 'getAll', returnAll: false, limit: 5, options: { filter: '={{ $json.value }}' } }, parameter: 'options.filter', values: [{ a: 1 }, [1], 42, '   '], valid: "department eq 'Sales'" },
];

/** The stand-ins replaced by real objects of the sandbox. */
function withRealObjects<T>(value: T): T {
	if (value === undefined) return value;
	const users = t.sandbox.store.listUsers() as Array<{ id: string; userPrincipalName: string; userType?: string }>;
	const [user, other] = users.filter((candidate) => candidate.userType === 'Member').slice(10, 12);
	const group = (t.sandbox.store.listGroups() as Array<{ id: string; displayName: string }>).find((candidate) => candidate.displayName === 'Empty Security Group') as { id: string };
	const replacements: Record<string, string> = { [USER]: user.id, [USER_UPN]: user.userPrincipalName, [OTHER]: other.id, [GROUP]: group.id };
	return JSON.parse(JSON.stringify(value).replace(/@[a-z-]+@/g, (token) => replacements[token] ?? token)) as T;
}

/** Runs one hostile value through a workflow and returns what the node did with it. */
async function feed(parameters: IDataObject, value: unknown) {
	t.sandbox.clearLog();
	const result = await t.run({ items: [{ value } as IDataObject], parameters: withRealObjects(parameters) });
	return { result, requests: t.requests().length };
}

const show = (value: unknown) => {
	const text = JSON.stringify(value) ?? String(value);
	return text.length > 60 ? `${text.slice(0, 60)}…` : text;
};

describe('Hostile input is refused before any request, naming the parameter', () => {
	test.each(cases.map((c) => [c.name, c] as const))('%s', async (_, { parameters, parameter, values, valid }) => {
		const control = await feed(parameters, withRealObjects(valid));
		expect(control.result.error?.message ?? '').not.toContain(`[parameter "${parameter}"]`);
		expect(control.requests).toBeGreaterThan(0);
		const failures: string[] = [];
		for (const value of values) {
			const { result, requests } = await feed(parameters, value);
			const error = result.error;
			const problem = !error
				? 'accepted'
				: error.name !== 'NodeOperationError'
					? `${error.name}: ${error.message}`
					: !error.message.includes(`[parameter "${parameter}"]`)
						? `message does not name ${parameter}: ${error.message}`
						: requests > 0
							? `${requests} request(s) sent`
							: undefined;
			if (problem) failures.push(`${show(value)} -> ${problem}`);
		}
		expect(failures).toEqual([]);
	});
});

describe('Empty update payloads are refused before any request', () => {
	test.each([
		['user.update with no field', { resource: 'user', operation: 'update', userId: { __rl: true, mode: 'id', value: GUID }, updateFields: {} }],
		['user.update with only an empty Custom Properties', { resource: 'user', operation: 'update', userId: { __rl: true, mode: 'id', value: GUID }, updateFields: { customProperties: '{}' } }],
		['group.update with no field', { resource: 'group', operation: 'update', groupId: { __rl: true, mode: 'id', value: GUID }, updateFields: {} }],
	])('%s', async (_, parameters) => {
		const { result, requests } = await feed(parameters, null);
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toContain('[parameter "updateFields"]');
		expect(requests).toBe(0);
	});

	test('user.update with a field left empty by its expression is refused (keep or clear?), naming the field', async () => {
		const { result, requests } = await feed({ resource: 'user', operation: 'update', userId: { __rl: true, mode: 'id', value: GUID }, updateFields: { jobTitle: '={{ $json.value }}' } }, '');
		expect(result.error?.message).toContain('[parameter "updateFields.jobTitle"]');
		expect(requests).toBe(0);
	});
});

describe('Duplicate IDs never cause a duplicate write', () => {
	const users = () => t.sandbox.store.listUsers() as Array<{ id: string; userPrincipalName: string }>;

	test('user.checkGroups: the same group ID three times (and in upper case) is checked once', async () => {
		const [user] = users();
		const group = (t.sandbox.store.memberOf(user.id) as string[])[0];
		t.sandbox.clearLog();
		const result = await t.run({
			parameters: { resource: 'user', operation: 'checkGroups', userId: { __rl: true, mode: 'id', value: user.id }, groupIds: `${group},${group}, ${group.toUpperCase()}` },
		});
		expect(result.output.map((item) => item.json)).toEqual([{ id: user.id, memberOf: [group] }]);
		expect(t.requests()).toHaveLength(1);
	});

	test('group.create: members and owners listed twice, by ID and by UPN, are linked once', async () => {
		const [ada, bob] = users().slice(30, 32);
		const result = await t.run({
			parameters: {
				resource: 'group',
				operation: 'create',
				displayName: 'Duplicates',
				mailNickname: 'duplicates',
				groupType: 'security',
				additionalFields: { members: `${ada.id}, ${ada.id.toUpperCase()}, ${ada.userPrincipalName}`, owners: [bob.id, bob.id, bob.userPrincipalName] },
			},
		});
		expect(result.error).toBeUndefined();
		const id = String(result.output[0].json.id);
		expect(t.sandbox.store.membersOf(id)).toEqual([ada.id]);
		expect(t.sandbox.store.ownersOf(id)).toEqual([bob.id]);
	});

	test('group.addMembers: the same link in three items (by ID and by UPN) is written once; every item gets its answer', async () => {
		const [ada] = users().slice(33, 34);
		const group = t.sandbox.store.createGroup(
			{ displayName: 'Dup links', mailNickname: 'duplinks', mailEnabled: false, securityEnabled: true, groupTypes: [] },
			{ seed: true },
		) as { id: string };
		const before = (t.sandbox.store.journal as unknown[]).length;
		const result = await t.run({
			items: [{ user: ada.id }, { user: ada.userPrincipalName }, { user: ada.id }],
			parameters: { resource: 'group', operation: 'addMembers', groupId: { __rl: true, mode: 'id', value: group.id }, memberId: '={{ $json.user }}' },
		});
		expect(result.output.map((item) => item.json)).toEqual([0, 1, 2].map(() => ({ groupId: group.id, memberId: ada.id, added: true })));
		const added = (t.sandbox.store.journal as Array<{ kind: string }>).slice(before).filter((entry) => entry.kind === 'memberAdded');
		expect(added).toHaveLength(1);
	});
});

describe('Values the node builds into $filter and $search are escaped; a raw $filter passes through', () => {
	test("the user picker's startsWith filter: an injection finds nobody instead of everybody", async () => {
		t.sandbox.clearLog();
		const injected = await listSearch(t.runner, 'searchUsers', "x') or startsWith(userPrincipalName,'", undefined, { resource: 'user', operation: 'get' });
		expect(injected.results).toEqual([]);
		expect(t.requests()[0].query.$filter).toBe("startsWith(displayName,'x'') or startsWith(userPrincipalName,''') or startsWith(userPrincipalName,'x'') or startsWith(userPrincipalName,''')");
		const plain = await listSearch(t.runner, 'searchUsers', "o'", undefined, { resource: 'user', operation: 'get' });
		expect(plain.results.every((result) => /\bo'/i.test(result.name))).toBe(true);
	});

	test("the deleted-items picker's filter: a quote cannot close the literal", async () => {
		t.sandbox.clearLog();
		const injected = await listSearch(t.runner, 'searchDeletedItems', "zz' or startsWith(displayName,'", undefined, { resource: 'directory', operation: 'restoreDeletedItem' });
		expect(injected.results).toEqual([]);
		for (const entry of t.requests()) expect(entry.query.$filter).toBe("startsWith(displayName,'zz'' or startsWith(displayName,''')");
	});

	test('group search: quotes in the text stay inside one quoted clause per property', async () => {
		t.sandbox.clearLog();
		await t.run({ parameters: { resource: 'group', operation: 'getAll', returnAll: true, options: { search: 'x" OR "displayName:' } }, continueOnFail: true });
		expect(t.requests()[0].query.$search).toBe('"displayName:x\\" OR \\"displayName:" OR "description:x\\" OR \\"displayName:"');
		expect(t.requests()[0].headers.consistencylevel).toBe('eventual');
	});

	test('a raw Filter option is sent exactly as written', async () => {
		const filter = "department eq 'Sales' or (accountEnabled eq false and startsWith(displayName,'O''Brien'))";
		t.sandbox.clearLog();
		const result = await t.run({ parameters: { resource: 'user', operation: 'getAll', returnAll: true, options: { filter } } });
		expect(result.error).toBeUndefined();
		expect(t.requests()[0].query.$filter).toBe(filter);
	});
});
