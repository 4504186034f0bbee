import type { IDataObject } from 'n8n-workflow';

import { jsonOf, useSandbox } from '../../../helpers/setup';

const t = useSandbox();

const create = (parameters: IDataObject) => ({ resource: 'group', operation: 'create', ...parameters });
const usersIn = (department: string) =>
	t.sandbox.store.listUsers().filter((user: IDataObject) => user.department === department) as IDataObject[];
const groupPosts = () => t.requests().filter((entry) => entry.method === 'POST' && entry.path === '/v1.0/groups');

describe('Group → Create', () => {
	test('a security group with owners and members given by UPN and ID', async () => {
		const [owner, memberA, memberB] = usersIn('Finance');
		const result = await t.run({
			parameters: create({
				displayName: 'Finance Approvers',
				mailNickname: 'finance-approvers',
				groupType: 'security',
				additionalFields: {
					description: 'Approves invoices',
					owners: owner.userPrincipalName,
					members: `${memberA.id}, ${memberB.userPrincipalName}`,
				},
			}),
		});
		expect(result.error).toBeUndefined();
		const [group] = jsonOf(result);
		expect(group).toMatchObject({
			displayName: 'Finance Approvers',
			mailNickname: 'finance-approvers',
			description: 'Approves invoices',
			mailEnabled: false,
			securityEnabled: true,
			groupTypes: [],
		});
		expect(group['@odata.context']).toBeUndefined();
		const stored = t.sandbox.store.getGroup(group.id);
		expect(stored.displayName).toBe('Finance Approvers');
		expect(t.sandbox.store.ownersOf(group.id)).toEqual([owner.id]);
		expect(t.sandbox.store.membersOf(group.id).sort()).toEqual([memberA.id, memberB.id].sort());
		expect(groupPosts()).toHaveLength(1);
		// The two UPNs were looked up once each before the group was created.
		expect(t.requests().filter((entry) => entry.method === 'GET' && entry.path.startsWith('/v1.0/users/'))).toHaveLength(2);
	});

	test('a Microsoft 365 group gets Unified, mail on, security off, and its visibility', async () => {
		const result = await t.run({
			parameters: create({
				displayName: 'Project Falcon',
				// Graph allows dots in a mail nickname (the create group page lists what it does not allow).
				mailNickname: 'project.falcon',
				groupType: 'microsoft365',
				additionalFields: { visibility: 'HiddenMembership' },
			}),
		});
		const [group] = jsonOf(result);
		expect(group).toMatchObject({ groupTypes: ['Unified'], mailEnabled: true, securityEnabled: false, visibility: 'HiddenMembership' });
		expect(group.mail).toBe(`project.falcon@${t.sandbox.store.defaultDomain}`);
		expect(t.sandbox.store.getGroup(group.id).groupTypes).toEqual(['Unified']);
	});

	test('a membership rule makes a dynamic group with processing on', async () => {
		const result = await t.run({
			parameters: create({
				displayName: 'Everyone in Legal',
				mailNickname: 'legal-dynamic',
				groupType: 'security',
				additionalFields: { membershipRule: 'user.department -eq "Legal"' },
			}),
		});
		const [group] = jsonOf(result);
		expect(group).toMatchObject({
			groupTypes: ['DynamicMembership'],
			membershipRule: 'user.department -eq "Legal"',
			membershipRuleProcessingState: 'On',
			securityEnabled: true,
		});
		const legal = usersIn('Legal').map((user) => user.id);
		expect(legal.length).toBeGreaterThan(0);
		expect(t.sandbox.store.membersOf(group.id).sort()).toEqual(legal.sort());
	});

	test('mail-enabled security is refused before any request, pointing to Exchange Online', async () => {
		const result = await t.run({
			parameters: create({ displayName: 'Mail Sec', mailNickname: 'mailsec', groupType: 'mailEnabledSecurity' }),
		});
		expect(result.error?.message).toMatch(/cannot create mail-enabled security groups \[parameter "groupType"\]/);
		expect(result.error?.description).toMatch(/Exchange Online/);
		expect(result.error?.description).toMatch(/New-DistributionGroup .*-Type Security/);
		expect(t.requests()).toHaveLength(0);
	});

	test('invalid combinations are refused item by item before any request', async () => {
		const finance = usersIn('Finance');
		const tooMany = t.sandbox.store.listUsers().slice(0, 21).map((user: IDataObject) => user.id);
		const bad: IDataObject[] = [
			{ type: 'security', fields: { visibility: 'HiddenMembership' } },
			{ type: 'security', fields: { isAssignableToRole: true, membershipRule: 'user.department -eq "IT"' } },
			{ type: 'microsoft365', fields: { isAssignableToRole: true, visibility: 'Public' } },
			{ type: 'security', fields: { membershipRule: 'user.department -eq "IT"', members: finance[0].id } },
			{ type: 'security', fields: { owners: tooMany.slice(0, 1), members: tooMany.slice(1) } },
			{ type: 'security', nickname: 'sales team', fields: {} },
			{ type: 'security', nickname: 'sales@team', fields: {} },
		];
		const result = await t.run({
			items: bad.map((entry, index) => ({ ...entry, nickname: entry.nickname ?? `bad-${index}` })),
			continueOnFail: true,
			parameters: create({
				displayName: 'Bad',
				mailNickname: '={{ $json.nickname }}',
				groupType: '={{ $json.type }}',
				additionalFields: {
					isAssignableToRole: '={{ $json.fields.isAssignableToRole ?? false }}',
					members: '={{ $json.fields.members ?? "" }}',
					membershipRule: '={{ $json.fields.membershipRule ?? "" }}',
					owners: '={{ $json.fields.owners ?? "" }}',
					visibility: '={{ $json.fields.visibility }}',
				},
			}),
		});
		const errors = jsonOf(result).map((item) => String(item.error));
		expect(errors).toHaveLength(bad.length);
		expect(errors[0]).toMatch(/Hidden Membership is only for Microsoft 365 groups \[parameter "additionalFields.visibility"\]/);
		expect(errors[1]).toMatch(/role-assignable group cannot have dynamic membership/);
		expect(errors[2]).toMatch(/role-assignable group is always Private/);
		expect(errors[3]).toMatch(/dynamic group gets its members from its membership rule/);
		expect(errors[4]).toMatch(/at most 20 owners and members together .* 21 were given/);
		expect(errors[5]).toMatch(/contains a space \[parameter "mailNickname"\]/);
		expect(errors[6]).toMatch(/contains "@" \[parameter "mailNickname"\]/);
		expect(result.output.map((item) => (item.pairedItem as { item: number }).item)).toEqual([0, 1, 2, 3, 4, 5, 6]);
		expect(t.requests()).toHaveLength(0);
	});

	test('20 owners and members together are accepted', async () => {
		const twenty = t.sandbox.store.listUsers().slice(0, 20).map((user: IDataObject) => user.id);
		const result = await t.run({
			parameters: create({
				displayName: 'Twenty',
				mailNickname: 'twenty',
				additionalFields: { owners: twenty.slice(0, 2), members: twenty.slice(2) },
			}),
		});
		const [group] = jsonOf(result);
		expect(t.sandbox.store.ownersOf(group.id)).toHaveLength(2);
		expect(t.sandbox.store.membersOf(group.id)).toHaveLength(18);
	});

	test('a role-assignable group without RoleManagement.ReadWrite.Directory gets a message naming that permission', async () => {
		const result = await t.run({
			parameters: create({
				displayName: 'Helpdesk Admins',
				mailNickname: 'helpdesk-admins',
				additionalFields: { isAssignableToRole: true },
			}),
		});
		expect(result.error?.message).toMatch(/role-assignable group needs the privileged permission RoleManagement\.ReadWrite\.Directory/);
		expect(result.error?.description).toMatch(/code: Authorization_RequestDenied/);
		expect(groupPosts()).toHaveLength(1);
		expect(t.sandbox.store.listGroups().some((group: IDataObject) => group.displayName === 'Helpdesk Admins')).toBe(false);
	});

	test('continueOnFail: an owner that does not exist fails its item only', async () => {
		const [owner] = usersIn('Sales');
		const result = await t.run({
			items: [{ owner: owner.userPrincipalName, name: 'Good' }, { owner: `nobody@${t.sandbox.tenantDomain}`, name: 'Orphan' }],
			continueOnFail: true,
			parameters: create({
				displayName: '={{ $json.name }}',
				mailNickname: '={{ $json.name.toLowerCase() }}',
				additionalFields: { owners: '={{ $json.owner }}' },
			}),
		});
		const [good, failed] = jsonOf(result);
		expect(t.sandbox.store.ownersOf(good.id)).toEqual([owner.id]);
		expect(failed.error).toMatch(/owner or member was not found/);
		expect(failed.code).toBe('Request_ResourceNotFound');
		expect(result.output.map((item) => (item.pairedItem as { item: number }).item)).toEqual([0, 1]);
		expect(t.sandbox.store.listGroups().some((group: IDataObject) => group.displayName === 'Orphan')).toBe(false);
		expect(groupPosts()).toHaveLength(1);
	});
});
