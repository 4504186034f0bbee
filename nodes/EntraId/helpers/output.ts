import type { IDataObject } from 'n8n-workflow';

/** The properties a "simplified" user carries: what joiner/mover/leaver work reads most. */
export const SIMPLIFIED_USER_FIELDS = [
	'id',
	'displayName',
	'givenName',
	'surname',
	'userPrincipalName',
	'mail',
	'jobTitle',
	'department',
	'officeLocation',
	'mobilePhone',
	'businessPhones',
	'accountEnabled',
	'employeeId',
	'userType',
];

export const SIMPLIFIED_GROUP_FIELDS = [
	'id',
	'displayName',
	'description',
	'mail',
	'mailNickname',
	'mailEnabled',
	'securityEnabled',
	'groupTypes',
	'visibility',
	'isAssignableToRole',
	'membershipRule',
	'createdDateTime',
];

export type OutputMode = 'simplified' | 'raw' | 'fields';

/** Drops OData annotations such as @odata.context, which mean nothing to a workflow. */
export function withoutAnnotations(object: IDataObject): IDataObject {
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(object)) {
		if (!key.startsWith('@odata.')) result[key] = value;
	}
	return result;
}

/** Shapes a Graph object for output: raw keeps Graph's answer as is. */
export function shape(object: IDataObject, mode: OutputMode): IDataObject {
	return mode === 'raw' ? object : withoutAnnotations(object);
}

/** A member, owner or deleted item: annotations dropped except @odata.type, which tells a user from a group. */
export function directoryObject(object: IDataObject): IDataObject {
	const type = object['@odata.type'];
	const plain = withoutAnnotations(object);
	return type === undefined ? plain : { '@odata.type': type, ...plain };
}
