import type { IDataObject, INode } from 'n8n-workflow';

import type { ParameterRef } from './validation';
import { isUpn, MAX_DISPLAY_NAME } from '../../shared/values';
import { clip, describeType, invalid, parseList, requireMailNickname, requireString } from './validation';

/** How a field's value is checked and written. */
type Rule =
	| 'boolean'
	| 'date'
	| 'displayName'
	| 'employeeId'
	| 'list'
	| 'mailNickname'
	| 'phones'
	| 'text'
	| 'usageLocation'
	| 'userPrincipalName';

const SHARED_RULES: Record<string, Rule> = {
	businessPhones: 'phones',
	city: 'text',
	companyName: 'text',
	country: 'text',
	department: 'text',
	employeeHireDate: 'date',
	employeeId: 'employeeId',
	employeeType: 'text',
	givenName: 'text',
	jobTitle: 'text',
	mail: 'text',
	mobilePhone: 'text',
	officeLocation: 'text',
	otherMails: 'list',
	preferredLanguage: 'text',
	surname: 'text',
	usageLocation: 'usageLocation',
};

/** Properties every user must have: Update may change them, never clear them. */
const REQUIRED_RULES: Record<string, Rule> = {
	accountEnabled: 'boolean',
	displayName: 'displayName',
	mailNickname: 'mailNickname',
	userPrincipalName: 'userPrincipalName',
};

const MAX_EMPLOYEE_ID = 16;
const MAX_PASSWORD = 256;
const EXTENSION_ATTRIBUTE = /^extensionAttribute(?:[1-9]|1[0-5])$/;

/** Maximum lengths Graph documents for the user's text properties (user resource type). */
const MAX_LENGTH: Record<string, number> = {
	city: 128,
	companyName: 64,
	country: 128,
	department: 64,
	givenName: 64,
	jobTitle: 128,
	mobilePhone: 64,
	officeLocation: 128,
	surname: 64,
};
/** Extension attributes 1-15 (Exchange custom attributes) hold at most 1,024 characters. */
const MAX_EXTENSION_ATTRIBUTE = 1024;

/** The documented maximum for the property a parameter path ends in, if Graph gives one. */
function maxLengthOf(parameter: string): number | undefined {
	const name = parameter.slice(parameter.lastIndexOf('.') + 1);
	return EXTENSION_ATTRIBUTE.test(name) ? MAX_EXTENSION_ATTRIBUTE : MAX_LENGTH[name];
}

/** Keys Custom Properties may not carry, and why. */
/** Properties Custom Properties may not set, by lower-case name: Graph reads property names without regard to case. */
const PROTECTED = new Map<string, string>([
	['id', 'The object ID is set by Entra ID and cannot be changed'],
	['passwordprofile', 'Passwords are set with the Reset Password operation'],
]);

/** A Graph property name: a letter, then letters, digits and underscores (directory extensions included). */
const PROPERTY_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

export type UserFieldsMode = 'create' | 'update';

export interface FieldsRef {
	node: INode;
	itemIndex: number;
	/** `additionalFields` (Create) or `updateFields` (Update). */
	parameter: string;
}

const fieldRef = (ref: FieldsRef, name: string): ParameterRef => ({ node: ref.node, itemIndex: ref.itemIndex, parameter: `${ref.parameter}.${name}` });

const isEmpty = (value: unknown) => value === undefined || value === '' || (typeof value === 'string' && value.trim() === '');

function emptyOnUpdate(ref: ParameterRef): never {
	throw invalid(
		ref,
		'The value is empty, so the update would not know whether to keep or clear it',
		'Remove the field to leave the property as it is, or set it to the expression {{ null }} to clear it.',
	);
}

export function requireText(ref: ParameterRef, value: unknown, label: string, max?: number): string {
	const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : requireString(ref, value, label);
	if (max !== undefined && text.length > max) throw invalid(ref, `The ${label} has ${text.length} characters; Graph allows at most ${max}`);
	return text;
}

/** true/false, also as the text an expression or a spreadsheet gives. */
export function requireBoolean(ref: ParameterRef, value: unknown): boolean {
	if (typeof value === 'boolean') return value;
	if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
	throw invalid(ref, `Expected true or false, but got ${typeof value === 'string' ? `"${clip(value)}"` : describeType(value)}`);
}

export function requireUserPrincipalName(ref: ParameterRef, value: unknown): string {
	const text = requireString(ref, value, 'user principal name');
	if (!isUpn(text)) {
		throw invalid(
			ref,
			`"${clip(text)}" is not a valid user principal name`,
			"Write it as alias@domain, with letters, digits and ' . - _ ! # ^ ~ before the @ (at most 64), and a verified domain of the tenant after it.",
		);
	}
	return text;
}

/** A new password, checked only for what no tenant policy changes; Graph applies the policy itself. Never echoed. */
export function requirePassword(ref: ParameterRef, value: unknown): string {
	if (typeof value !== 'string') throw invalid(ref, `The password must be text, but the expression gave ${describeType(value)}`);
	if (value.trim() === '') throw invalid(ref, 'The password is empty');
	if (value.length > MAX_PASSWORD) throw invalid(ref, `The password is longer than ${MAX_PASSWORD} characters`);
	return value;
}

/** An ISO 8601 date or date-time as Graph's DateTimeOffset (UTC when no offset is given). */
function isoDate(ref: ParameterRef, value: unknown): string {
	if (typeof value !== 'string') throw invalid(ref, `Expected an ISO 8601 date, but got ${describeType(value)}`);
	const text = value.trim();
	const zoned = !text.includes('T') || /(?:Z|[+-]\d{2}:?\d{2})$/i.test(text) ? text : `${text}Z`;
	const time = Date.parse(zoned);
	if (Number.isNaN(time)) throw invalid(ref, `"${clip(text)}" is not an ISO 8601 date`, 'For example 2025-09-01 or 2025-09-01T08:00:00Z.');
	return new Date(time).toISOString().replace('.000Z', 'Z');
}

function toGraph(ref: ParameterRef, rule: Rule, value: unknown): unknown {
	switch (rule) {
		case 'boolean':
			return requireBoolean(ref, value);
		case 'date':
			return isoDate(ref, value);
		case 'displayName':
			return requireText(ref, value, 'display name', MAX_DISPLAY_NAME);
		case 'employeeId':
			return requireText(ref, value, 'employee ID', MAX_EMPLOYEE_ID);
		case 'list':
			return parseList(ref, value);
		case 'mailNickname':
			return requireMailNickname(ref, value);
		case 'phones': {
			const phones = parseList(ref, value);
			if (phones.length > 1) throw invalid(ref, `Graph accepts only one business phone, but ${phones.length} were given`);
			return phones;
		}
		case 'usageLocation': {
			const code = requireString(ref, value, 'usage location');
			if (!/^[A-Za-z]{2}$/.test(code)) {
				throw invalid(ref, `"${clip(code)}" is not a two-letter country code`, 'Use an ISO 3166 alpha-2 code such as US, GB or DE.');
			}
			return code.toUpperCase();
		}
		case 'userPrincipalName':
			return requireUserPrincipalName(ref, value);
		case 'text':
			return requireText(ref, value, 'value', maxLengthOf(ref.parameter));
	}
}

/**
 * One field's value for Graph, or undefined to leave the property out. On create an empty
 * value is left out; on update it is refused (keep or clear?) and null clears the property.
 */
function fieldValue(ref: ParameterRef, rule: Rule, value: unknown, mode: UserFieldsMode, clearable: boolean): unknown {
	if (value === null) {
		if (mode === 'create') return undefined;
		if (!clearable) throw invalid(ref, 'This property is required on every user and cannot be cleared');
		return null;
	}
	if (isEmpty(value)) return mode === 'create' ? undefined : emptyOnUpdate(ref);
	return toGraph(ref, rule, value);
}

function plainObject(ref: ParameterRef, value: unknown, what: string): IDataObject {
	if (!value || typeof value !== 'object' || Array.isArray(value)) throw invalid(ref, `${what} must be an object, but got ${describeType(value)}`);
	return value as IDataObject;
}

/**
 * Extension attributes 1-15, from the Extension Attributes field or from onPremisesExtensionAttributes
 * in Custom Properties. An empty set is refused: n8n also empties the field when it was given
 * as one expression, and that must not pass unnoticed.
 */
function extensionAttributes(ref: ParameterRef, value: unknown, mode: UserFieldsMode): IDataObject {
	const entries = Object.entries(plainObject(ref, value, 'Extension Attributes'));
	if (entries.length === 0) {
		throw invalid(ref, 'No extension attribute is set', 'Add at least one attribute, each with a value or an expression such as {{ $json.costCenter }}.');
	}
	const attributes: IDataObject = {};
	for (const [name, raw] of entries) {
		const attributeRef = { ...ref, parameter: `${ref.parameter}.${name}` };
		if (!EXTENSION_ATTRIBUTE.test(name)) {
			throw invalid(attributeRef, `"${clip(name)}" is not an extension attribute`, 'Use extensionAttribute1 to extensionAttribute15.');
		}
		const converted = fieldValue(attributeRef, 'text', raw, mode, true);
		if (converted !== undefined) attributes[name] = converted as string | null;
	}
	return attributes;
}

/** Custom Properties: a JSON object (text or object), sent as given. */
function customProperties(ref: ParameterRef, value: unknown): IDataObject {
	let parsed = value;
	if (typeof value === 'string') {
		if (value.trim() === '') return {};
		try {
			parsed = JSON.parse(value);
		} catch {
			throw invalid(ref, 'Custom Properties is not valid JSON', 'Write an object such as { "extension_1a2b3c_costCenter": "CC-1001" }.');
		}
	}
	const properties = plainObject(ref, parsed, 'Custom Properties');
	for (const key of Object.keys(properties)) {
		const reason = PROTECTED.get(key.toLowerCase());
		if (reason) throw invalid(ref, `Custom Properties may not set "${clip(key)}". ${reason}.`);
		if (!PROPERTY_NAME.test(key)) {
			throw invalid(ref, `"${clip(key)}" is not a user property name`, 'Use Graph property names such as employeeType or extension_1a2b3c_costCenter.');
		}
	}
	for (const key of Object.keys(properties).filter((name) => name.toLowerCase() === 'onpremisesextensionattributes')) {
		const attributes = properties[key];
		if (attributes !== undefined && attributes !== null) {
			properties[key] = extensionAttributes({ ...ref, parameter: `${ref.parameter}.${key}` }, attributes, 'update');
		}
	}
	return properties;
}

/**
 * The Graph user properties of a Create (`additionalFields`) or Update (`updateFields`)
 * collection, checked before any request. Unknown fields are refused rather than dropped.
 */
export function userProperties(ref: FieldsRef, fields: IDataObject, mode: UserFieldsMode): IDataObject {
	const body: IDataObject = {};
	let custom: IDataObject = {};
	for (const [name, value] of Object.entries(fields)) {
		const itemRef = fieldRef(ref, name);
		const rule = SHARED_RULES[name] ?? (mode === 'update' ? REQUIRED_RULES[name] : undefined);
		if (rule) {
			const converted = fieldValue(itemRef, rule, value, mode, !REQUIRED_RULES[name]);
			if (converted !== undefined) body[name] = converted as IDataObject[keyof IDataObject];
		} else if (name === 'extensionAttributes') {
			const attributes = extensionAttributes(itemRef, value, mode);
			if (Object.keys(attributes).length) body.onPremisesExtensionAttributes = attributes;
		} else if (name === 'customProperties' && mode === 'update') {
			custom = customProperties(itemRef, value);
		} else {
			throw invalid(itemRef, `"${clip(name)}" is not a field of ${ref.parameter}`);
		}
	}
	const set = new Set(Object.keys(body).map((key) => key.toLowerCase()));
	for (const key of Object.keys(custom)) {
		if (set.has(key.toLowerCase())) {
			throw invalid(fieldRef(ref, 'customProperties'), `Custom Properties sets "${key}", which a field above sets too`, 'Set each property in one place only.');
		}
	}
	return { ...body, ...custom };
}
