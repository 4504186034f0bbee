import type { IDataObject } from 'n8n-workflow';

import { useSandbox } from '../helpers/setup';

// Hostile and broken input, each fed to the node the way a workflow would (mostly through an
// expression reading the incoming item), each refused with a NodeOperationError that names the
// parameter, before a single request reaches Graph.
const t = useSandbox();

const GUID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
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

const UPN = 'ada.control@contoso.com';
const newUser = { resource: 'user', operation: 'create', displayName: 'Ada', userPrincipalName: 'ada.hostile@contoso.com', mailNickname: 'ada.hostile', password: 'Joiner#2025-Welcome' };
const newGroup = { resource: 'group', operation: 'create', displayName: 'Hostile', mailNickname: 'hostile', groupType: 'security' };
const LONG = (length: number) => 'x'.repeat(length);

const userOperations = ['get', 'update', 'delete', 'enable', 'disable', 'resetPassword', 'revokeSessions', 'getManager', 'setManager', 'removeManager', 'getGroups', 'getDirectReports', 'checkGroups', 'assignLicense', 'removeLicense'];
const groupOperations = ['get', 'update', 'delete', 'getMembers', 'getOwners', 'addMembers', 'removeMember', 'addOwner', 'removeOwner'];
const userExtras: Record<string, IDataObject> = {
	update: { updateFields: { jobTitle: 'Engineer' } },
	resetPassword: { password: 'Temp#Pass-2025!' },
	setManager: { managerId: { __rl: true, mode: 'id', value: E3 } },
	checkGroups: { groupIds: GUID },
	assignLicense: { skuId: E3 },
	removeLicense: { skuId: E3 },
	getGroups: { returnAll: true },
	getDirectReports: { returnAll: true },
};
const groupExtras: Record<string, IDataObject> = {
	update: { updateFields: { description: 'x' } },
	getMembers: { returnAll: true },
	getOwners: { returnAll: true },
	addMembers: { memberId: { __rl: true, mode: 'id', value: GUID } },
	removeMember: { memberId: { __rl: true, mode: 'id', value: GUID } },
	addOwner: { ownerId: { __rl: true, mode: 'id', value: GUID } },
	removeOwner: { ownerId: { __rl: true, mode: 'id', value: GUID } },
};

const cases: Case[] = [
	...userOperations.flatMap((operation): Case[] => [
		{ name: `user.${operation} userId (by ID)`, parameters: { resource: 'user', operation, userId: fromItem('id'), ...userExtras[operation] }, parameter: 'userId', values: [...BAD_IDS, ...WRONG_TYPES], valid: GUID },
		{ name: `user.${operation} userId (by UPN)`, parameters: { resource: 'user', operation, userId: fromItem('userPrincipalName'), ...userExtras[operation] }, parameter: 'userId', values: [...BAD_UPNS, ...WRONG_TYPES], valid: UPN },
	]),
	...groupOperations.map((operation): Case => ({
		name: `group.${operation} groupId`,
		parameters: { resource: 'group', operation, groupId: fromItem('id'), ...groupExtras[operation] },
		parameter: 'groupId',
		values: [...BAD_IDS, ...WRONG_TYPES],
		valid: GUID,
	})),
	...(['addMembers', 'removeMember', 'addOwner', 'removeOwner'] as const).map((operation): Case => {
		const parameter = operation.endsWith('Owner') ? 'ownerId' : 'memberId';
		return {
			name: `group.${operation} ${parameter}`,
			parameters: { resource: 'group', operation, groupId: { __rl: true, mode: 'id', value: GUID }, [parameter]: fromItem('userPrincipalName') },
			parameter,
			values: [...BAD_UPNS, ...WRONG_TYPES],
			valid: UPN,
		};
	}),
	{
		name: 'user.setManager managerId',
		parameters: { resource: 'user', operation: 'setManager', userId: { __rl: true, mode: 'id', value: GUID }, managerId: fromItem('userPrincipalName') },
		parameter: 'managerId',
		values: [...BAD_UPNS, ...WRONG_TYPES],
		valid: UPN,
	},
	{
		name: 'user.checkGroups groupIds',
		parameters: { resource: 'user', operation: 'checkGroups', userId: { __rl: true, mode: 'id', value: GUID }, groupIds: '={{ $json.value }}' },
		parameter: 'groupIds',
		values: [...BAD_IDS, `${GUID},../users`, [GUID, '../users'], [GUID, 42], 42, { id: GUID }, true],
		valid: [GUID, E3],
	},
	{
		name: 'user.assignLicense skuId',
		parameters: { resource: 'user', operation: 'assignLicense', userId: { __rl: true, mode: 'id', value: GUID }, skuId: '={{ $json.value }}' },
		parameter: 'skuId',
		values: [...BAD_IDS, ...WRONG_TYPES],
		valid: E3,
	},
	{
		name: 'user.assignLicense disabledPlans',
		parameters: { resource: 'user', operation: 'assignLicense', userId: { __rl: true, mode: 'id', value: GUID }, skuId: E3, disabledPlans: '={{ $json.value }}' },
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

/** Runs one hostile value through a workflow and returns what the node did with it. */
async function feed(parameters: IDataObject, value: unknown) {
	t.sandbox.clearLog();
	const result = await t.run({ items: [{ value } as IDataObject], parameters });
	return { result, requests: t.requests().length };
}

const show = (value: unknown) => {
	const text = JSON.stringify(value) ?? String(value);
	return text.length > 60 ? `${text.slice(0, 60)}…` : text;
};

describe('Hostile input is refused before any request, naming the parameter', () => {
	test.each(cases.map((c) => [c.name, c] as const))('%s', async (_, { parameters, parameter, values, valid }) => {
		const control = await feed(parameters, valid);
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
