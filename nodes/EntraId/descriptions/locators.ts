import type { INodeProperties, INodePropertyMode } from 'n8n-workflow';

import { GUID_REGEX, UPN_REGEX } from '../../shared/values';

interface LocatorOptions {
	name: string;
	displayName: string;
	description: string;
}

// Modes are written under a `modes` key, where n8n's lint rules know them from parameters.
type Modes = { modes: INodePropertyMode[] };

/** The modes every picker has: its searchable list, and the object ID. */
const listAndId = (searchListMethod: string, idPlaceholder: string): Modes => ({
	modes: [
		{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod, searchable: true } },
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: idPlaceholder,
			validation: [{ type: 'regex', properties: { regex: GUID_REGEX, errorMessage: 'Not a valid object ID (GUID)' } }],
		},
	],
});

const byUserPrincipalName: Modes = {
	modes: [
		{
			displayName: 'By User Principal Name',
			name: 'userPrincipalName',
			type: 'string',
			placeholder: 'e.g. ada.lovelace@contoso.com',
			validation: [{ type: 'regex', properties: { regex: UPN_REGEX, errorMessage: 'Not a valid user principal name' } }],
		},
	],
};

/** A picker: from a searchable list (the listSearch method), by object ID, and any other modes. */
export function locator(
	{ name, displayName, description }: LocatorOptions,
	searchListMethod: string,
	idPlaceholder: string,
	more: Modes = { modes: [] },
): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [...listAndId(searchListMethod, idPlaceholder).modes, ...more.modes],
	};
}

/** One user picker for every operation: from a searchable list, by object ID, or by UPN. */
export const userLocator = (options: LocatorOptions) =>
	locator(options, 'searchUsers', 'e.g. 02bd9fd6-8f93-4758-87c3-1fb73740a315', byUserPrincipalName);

/** One group picker for every operation: from a searchable list or by object ID. */
const groupLocator = (options: LocatorOptions) => locator(options, 'searchGroups', 'e.g. 45b7d2e7-b882-4a80-ba97-10b7a63b8fa4');

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

/** A directory role (role definition): from a list by name, or by its ID (for built-in roles, the template ID). */
export const roleIdLocator = locator(
	{ name: 'roleId', displayName: 'Role', description: 'The directory role, picked from the list by name, or by role definition ID (for built-in roles, the template ID)' },
	'searchRoles',
	'e.g. fe930be7-5e62-47db-91af-98c3a49a38b1',
);
