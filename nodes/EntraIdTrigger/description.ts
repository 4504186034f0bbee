import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { authenticationField } from '../EntraId/descriptions/authentication';

const eventOptions: INodePropertyOptions[] = [
	{ name: 'Group Created', value: 'groupCreated', description: 'A group was created, or restored from deleted items' },
	{ name: 'Group Deleted', value: 'groupDeleted', description: 'A group was deleted (Microsoft 365 groups stay restorable for 30 days)' },
	{ name: 'Group Updated', value: 'groupUpdated', description: 'A group property changed, such as its name, description or mail settings' },
	{ name: 'Member Added', value: 'memberAdded', description: 'A user, group or device became a direct member of a group' },
	{ name: 'Member Removed', value: 'memberRemoved', description: 'A direct member left a group, or a deleted member was purged' },
	{ name: 'User Created', value: 'userCreated', description: 'A user was created, or restored from deleted items' },
	{ name: 'User Deleted', value: 'userDeleted', description: 'A user was deleted (restorable for 30 days), or purged before it was seen deleted' },
	{ name: 'User Updated', value: 'userUpdated', description: 'A user property or the manager changed; Watched Properties narrows it down' },
];

/** The canvas subtitle: the chosen events by name ("User Created"), not their stored values. */
export const eventSubtitle = `={{ ($parameter["event"] || []).map((event) => (${JSON.stringify(
	Object.fromEntries(eventOptions.map((option) => [option.value, option.name])),
)})[event] || event).join(", ") }}`;

const propertyOptions: INodePropertyOptions[] = [
	{ name: 'Account Enabled', value: 'accountEnabled', description: 'Whether the user may sign in: the usual leaver signal' },
	{ name: 'Assigned Licenses', value: 'assignedLicenses', description: 'The licenses assigned to the user' },
	{ name: 'City', value: 'city', description: 'The city of the user\'s office' },
	{ name: 'Company Name', value: 'companyName', description: 'The company the user works for' },
	{ name: 'Country or Region', value: 'country', description: 'The country or region of the user\'s office' },
	{ name: 'Department', value: 'department', description: 'The user\'s department: the usual mover signal' },
	{ name: 'Display Name', value: 'displayName', description: 'The name shown in the address book' },
	{ name: 'Employee Hire Date', value: 'employeeHireDate', description: 'The hire date; reading it needs User-LifeCycleInfo.Read.All' },
	{ name: 'Employee ID', value: 'employeeId', description: 'The identifier from the HR system' },
	{ name: 'Employee Leave Date', value: 'employeeLeaveDateTime', description: 'The leave date; reading it needs User-LifeCycleInfo.Read.All' },
	{ name: 'Employee Type', value: 'employeeType', description: 'Employee, Contractor, Consultant or Vendor' },
	{ name: 'First Name', value: 'givenName', description: 'The user\'s given name' },
	{ name: 'Job Title', value: 'jobTitle', description: 'The user\'s job title' },
	{ name: 'Last Name', value: 'surname', description: 'The user\'s surname' },
	{ name: 'Mail', value: 'mail', description: 'The primary SMTP address' },
	{ name: 'Manager', value: 'manager', description: 'Who the user reports to (given as the manager\'s ID)' },
	{ name: 'Office Location', value: 'officeLocation', description: 'The user\'s office' },
	{ name: 'On-Premises Extension Attributes', value: 'onPremisesExtensionAttributes', description: 'Attributes extensionAttribute1 to 15, often set by HR provisioning' },
	{ name: 'Usage Location', value: 'usageLocation', description: 'The two-letter country code licenses depend on' },
	{ name: 'User Principal Name', value: 'userPrincipalName', description: 'The sign-in name' },
	{ name: 'User Type', value: 'userType', description: 'Member or Guest' },
];

export const properties: INodeProperties[] = [
	authenticationField,
	{
		displayName:
			'Changes are read with Microsoft Graph delta queries from the moment the workflow is activated; what happened before is not replayed. Needs User.Read.All for users and GroupMember.Read.All for groups and members (or Directory.Read.All).',
		name: 'deltaNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Events',
		name: 'event',
		type: 'multiOptions',
		options: eventOptions,
		default: ['userCreated'],
		required: true,
		description: 'The directory changes that start the workflow, one item per change',
	},
	{
		displayName: 'Watched Properties',
		name: 'watchedProperties',
		type: 'multiOptions',
		options: propertyOptions,
		default: [],
		displayOptions: { show: { event: ['userUpdated'] } },
		description:
			'Fire User Updated only when one of these changes. Empty: any change to the tracked properties. An expression may name other user properties.',
	},
	{
		displayName: 'Group IDs',
		name: 'groupIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. 45b7d2e7-b882-4a80-ba97-10b7a63b8fa4, 02bd9fd6-8f93-4758-87c3-1fb73740a315',
		displayOptions: { show: { event: ['memberAdded', 'memberRemoved'] } },
		description: 'Only report member changes of these groups (comma-separated object IDs, or a list from an expression). Empty: every group.',
	},
];
