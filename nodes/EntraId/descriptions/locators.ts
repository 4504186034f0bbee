import type { INodeProperties } from 'n8n-workflow';

import { GUID_REGEX, UPN_REGEX } from '../helpers/validation';

interface LocatorOptions {
	name: string;
	displayName: string;
	description: string;
}

/** One user picker for every operation: from a searchable list, by object ID, or by UPN. */
export function userLocator({ name, displayName, description }: LocatorOptions): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchUsers', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 02bd9fd6-8f93-4758-87c3-1fb73740a315',
				validation: [{ type: 'regex', properties: { regex: GUID_REGEX, errorMessage: 'Not a valid object ID (GUID)' } }],
			},
			{
				displayName: 'By User Principal Name',
				name: 'userPrincipalName',
				type: 'string',
				placeholder: 'e.g. ada.lovelace@contoso.com',
				validation: [{ type: 'regex', properties: { regex: UPN_REGEX, errorMessage: 'Not a valid user principal name' } }],
			},
		],
	};
}

/** One group picker for every operation: from a searchable list or by object ID. */
export function groupLocator({ name, displayName, description }: LocatorOptions): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchGroups', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 45b7d2e7-b882-4a80-ba97-10b7a63b8fa4',
				validation: [{ type: 'regex', properties: { regex: GUID_REGEX, errorMessage: 'Not a valid object ID (GUID)' } }],
			},
		],
	};
}

export const userIdLocator = userLocator({
	name: 'userId',
	displayName: 'User',
	description: 'The user, picked from the list, by object ID, or by user principal name (UPN)',
});

export const groupIdLocator = groupLocator({
	name: 'groupId',
	displayName: 'Group',
	description: 'The group, picked from the list or by object ID',
});
