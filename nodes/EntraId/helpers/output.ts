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

const isAnnotation = (key: string) => key.startsWith('@odata.');

/**
 * Drops OData annotations such as @odata.context, which mean nothing to a workflow. An object
 * without any is returned as is, so a list's pages become output without a copy of each object.
 */
export function withoutAnnotations(object: IDataObject): IDataObject {
	const keys = Object.keys(object);
	if (!keys.some(isAnnotation)) return object;
	const result: IDataObject = {};
	for (const key of keys) if (!isAnnotation(key)) result[key] = object[key];
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
