import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { displayNameField, fieldsCollection, optionsCollection } from '../../descriptions/common';
import { withoutAnnotations } from '../../helpers/output';
import { directoryObjectUrl } from '../../directory/relations';
import type { UserRef } from '../../directory/users';
import type { ParameterRef } from '../../helpers/validation';
import { invalid, parseList, requireMailNickname, requireString, requireUserRef } from '../../helpers/validation';
import type { PlannedCall } from '../execution';
import { MAX_DISPLAY_NAME } from '../../../shared/values';
import { planned } from '../execution';
import { itemParameter } from '../../helpers/parameters';

/** Graph adds at most 20 owners and members together in the request that creates a group. */
const MAX_LINKS_AT_CREATION = 20;
const GROUP_TYPES = ['mailEnabledSecurity', 'microsoft365', 'security'];
const VISIBILITIES = ['HiddenMembership', 'Private', 'Public'];

export const properties: INodeProperties[] = [
	displayNameField('e.g. Sales Team', 'The name shown in the address book for the group (at most 256 characters)'),
	{
		displayName: 'Mail Nickname',
		name: 'mailNickname',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. sales-team',
		hint: 'At most 64 ASCII characters, without spaces or @ ( ) \\ [ ] " ; : < > ,',
		description: 'The mail alias of the group, required even for security groups. For Microsoft 365 groups it becomes the email address and must be unique.',
	},
	{
		displayName: 'Group Type',
		name: 'groupType',
		type: 'options',
		default: 'security',
		description: 'What the group is for: access to resources (Security) or collaboration with a mailbox, calendar and files (Microsoft 365)',
		options: [
			{
				name: 'Mail-Enabled Security (Exchange Online Only)',
				value: 'mailEnabledSecurity',
				description: 'Microsoft Graph cannot create these: the node refuses it and points to Exchange Online (New-DistributionGroup -Type Security)',
			},
			{
				name: 'Microsoft 365',
				value: 'microsoft365',
				description: 'A Microsoft 365 (Office 365) group with a mailbox, calendar and files: mail-enabled, not security-enabled',
			},
			{
				name: 'Security',
				value: 'security',
				description: 'A security group for access to apps and resources: security-enabled, not mail-enabled',
			},
		],
	},
	fieldsCollection('additionalFields', [
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			default: '',
			description: 'A description of the group',
		},
		{
			displayName: 'Is Assignable to Role',
			name: 'isAssignableToRole',
			type: 'boolean',
			default: false,
			description: 'Whether Microsoft Entra roles can be assigned to the group. Set only at creation; needs the privileged RoleManagement.ReadWrite.Directory permission. Such a group cannot be dynamic and is always Private.',
		},
		{
			displayName: 'Members',
			name: 'members',
			type: 'string',
			default: '',
			placeholder: 'e.g. ada@contoso.com, 02bd9fd6-8f93-4758-87c3-1fb73740a315',
			description: 'Users to add as members when the group is created: object IDs or user principal names, comma-separated or a list from an expression. Owners and members together: at most 20.',
		},
		{
			displayName: 'Membership Rule (Dynamic)',
			name: 'membershipRule',
			type: 'string',
			default: '',
			placeholder: 'e.g. user.department -eq "Sales"',
			description: 'Makes the group dynamic: Entra ID keeps its members in line with this rule (processing on). Members cannot be added by hand.',
		},
		{
			displayName: 'Owners',
			name: 'owners',
			type: 'string',
			default: '',
			placeholder: 'e.g. grace@contoso.com',
			description: 'Users who own the group: object IDs or user principal names, comma-separated or a list from an expression. Give at least one with an app-only credential, or the group has no owner who can manage it.',
		},
		{
			displayName: 'Visibility',
			name: 'visibility',
			type: 'options',
			default: 'Private',
			options: [
				{
					name: 'Hidden Membership',
					value: 'HiddenMembership',
					description: 'Microsoft 365 groups only, and only at creation: non-members cannot see the members',
				},
				{
					name: 'Private',
					value: 'Private',
					description: 'Owners approve who joins; only members see the content',
				},
				{
					name: 'Public',
					value: 'Public',
					description: 'Anyone in the organisation can join and see the content',
				},
			],
			description: 'Who can join and see the group. Without it Graph makes security groups Private and Microsoft 365 groups Public.',
		},
	]),
	optionsCollection(),
];

/** Owners or members given by ID or UPN, each once. */
function readUsers(ref: ParameterRef, value: unknown): UserRef[] {
	const users = new Map<string, UserRef>();
	for (const entry of parseList(ref, value)) {
		const user = requireUserRef(ref, entry);
		users.set(user.value.toLowerCase(), user);
	}
	return [...users.values()];
}

function readOption(ref: ParameterRef, value: unknown, allowed: string[]): string {
	if (typeof value !== 'string' || !allowed.includes(value)) {
		throw invalid(ref, `${JSON.stringify(value)} is not one of ${allowed.join(', ')}`);
	}
	return value;
}

export const execute = planned(function (itemIndex, graph): PlannedCall {
	const node = this.getNode();
	const ref = (parameter: string): ParameterRef => ({ node, parameter, itemIndex });
	const groupType = readOption(ref('groupType'), itemParameter(this, 'groupType', itemIndex), GROUP_TYPES);
	if (groupType === 'mailEnabledSecurity') {
		throw invalid(
			ref('groupType'),
			'Microsoft Graph cannot create mail-enabled security groups',
			'Create it in Exchange Online instead, for example New-DistributionGroup -Name "Sales" -Type Security in Exchange Online PowerShell. Once it exists, this node can read and list it and read its members.',
		);
	}
	const displayName = requireString(ref('displayName'), itemParameter(this, 'displayName', itemIndex), 'display name');
	if (displayName.length > MAX_DISPLAY_NAME) throw invalid(ref('displayName'), `The display name has ${displayName.length} characters; Graph allows at most ${MAX_DISPLAY_NAME}`);
	const mailNickname = requireMailNickname(ref('mailNickname'), itemParameter(this, 'mailNickname', itemIndex));
	const fields = itemParameter(this, 'additionalFields', itemIndex, {}) as IDataObject;

	const unified = groupType === 'microsoft365';
	const roleAssignable = fields.isAssignableToRole === true;
	const rule = fields.membershipRule === undefined || fields.membershipRule === '' ? undefined : requireString(ref('additionalFields.membershipRule'), fields.membershipRule, 'membership rule');
	const visibility = fields.visibility === undefined ? undefined : readOption(ref('additionalFields.visibility'), fields.visibility, VISIBILITIES);
	const owners = readUsers(ref('additionalFields.owners'), fields.owners);
	const members = readUsers(ref('additionalFields.members'), fields.members);

	if (visibility === 'HiddenMembership' && !unified) {
		throw invalid(ref('additionalFields.visibility'), 'Hidden Membership is only for Microsoft 365 groups', 'Pick Private or Public for a security group, or Group Type Microsoft 365.');
	}
	if (roleAssignable && rule) {
		throw invalid(ref('additionalFields.isAssignableToRole'), 'A role-assignable group cannot have dynamic membership', 'Remove the membership rule, or create a group that is not role-assignable.');
	}
	if (roleAssignable && visibility !== undefined && visibility !== 'Private') {
		throw invalid(ref('additionalFields.visibility'), 'A role-assignable group is always Private', 'Remove Visibility or set it to Private.');
	}
	if (rule && members.length > 0) {
		throw invalid(ref('additionalFields.members'), 'A dynamic group gets its members from its membership rule; members cannot be added by hand', 'Remove Members, or remove the membership rule.');
	}
	if (owners.length + members.length > MAX_LINKS_AT_CREATION) {
		throw invalid(
			ref(members.length ? 'additionalFields.members' : 'additionalFields.owners'),
			`Graph adds at most ${MAX_LINKS_AT_CREATION} owners and members together when it creates a group, and ${owners.length + members.length} were given`,
			'Create the group with up to 20, then add the rest with the Add Member operation, which sends them in batches.',
		);
	}

	const body: IDataObject = {
		displayName,
		mailNickname,
		mailEnabled: unified,
		securityEnabled: !unified || roleAssignable,
		groupTypes: [...(unified ? ['Unified'] : []), ...(rule ? ['DynamicMembership'] : [])],
	};
	if (typeof fields.description === 'string' && fields.description !== '') body.description = fields.description;
	if (visibility) body.visibility = visibility;
	if (roleAssignable) body.isAssignableToRole = true;
	if (rule) {
		body.membershipRule = rule;
		body.membershipRuleProcessingState = 'On';
	}
	const bind = (ids: string[]) => [...new Set(ids)].map((id) => directoryObjectUrl(graph, id));

	return {
		refs: [...owners, ...members],
		call: (ids) => ({
			method: 'POST',
			url: '/groups',
			body: {
				...body,
				...(owners.length ? { 'owners@odata.bind': bind(ids.slice(0, owners.length)) } : {}),
				...(members.length ? { 'members@odata.bind': bind(ids.slice(owners.length)) } : {}),
			},
		}),
		output: ({ body: created }) => withoutAnnotations(created),
		hint: {
			permission: 'Group.ReadWrite.All (delegated) or Group.Create (application)',
			advice: {
				Request_ResourceNotFound: 'An owner or member was not found in this tenant: check the user IDs and user principal names in Owners and Members.',
				...(roleAssignable
					? {
							Authorization_RequestDenied:
								'Permission denied: a role-assignable group needs the privileged permission RoleManagement.ReadWrite.Directory (besides Group.ReadWrite.All), and a signed-in admin also needs the Privileged Role Administrator role.',
						}
					: {}),
			},
		},
	};
});
