import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isGuid, isUpn } from '../../shared/values';
import type { UserRef } from '../directory/users';
import { itemParameter } from './parameters';

/** Where a bad value came from, so the error can name the parameter. */
export interface ParameterRef {
	node: INode;
	parameter: string;
	itemIndex: number;
}

export function invalid(ref: ParameterRef, message: string, description?: string): NodeOperationError {
	return new NodeOperationError(ref.node, `${message} [parameter "${ref.parameter}"]`, {
		itemIndex: ref.itemIndex,
		description,
	});
}

/** A string parameter value, refusing objects, arrays and numbers that expressions can produce. */
export function requireString(ref: ParameterRef, value: unknown, label = 'value'): string {
	if (typeof value !== 'string') {
		throw invalid(ref, `The ${label} must be text, but the expression gave ${describeType(value)}`);
	}
	const trimmed = value.trim();
	if (trimmed === '') throw invalid(ref, `The ${label} is empty`, 'Enter a value or check the expression.');
	return trimmed;
}

export function describeType(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

export function requireGuid(ref: ParameterRef, value: unknown, label = 'ID'): string {
	const text = requireString(ref, value, label);
	if (!isGuid(text)) {
		throw invalid(ref, `"${clip(text)}" is not a valid ${label}`, 'Entra object IDs are GUIDs such as 3f2504e0-4f89-41d3-9a0c-0305e82c3301.');
	}
	return text.toLowerCase();
}

export function requireUserRef(ref: ParameterRef, value: unknown, mode?: string): UserRef {
	const text = requireString(ref, value, 'user');
	if (mode !== 'userPrincipalName' && isGuid(text)) return { kind: 'id', value: text.toLowerCase() };
	if (mode !== 'id' && isUpn(text)) return { kind: 'upn', value: text };
	const expected = mode === 'id' ? 'a user ID (GUID)' : mode === 'userPrincipalName' ? 'a user principal name such as ada@contoso.com' : 'a user ID (GUID) or a user principal name such as ada@contoso.com';
	throw invalid(ref, `"${clip(text)}" is not ${expected}`);
}

/**
 * Reads a resource locator parameter with its mode, so the mode can drive validation. One read:
 * n8n resolves expressions inside the locator's value, and the value is validated here.
 */
export function locatorValue(ctx: IExecuteFunctions, parameter: string, itemIndex: number): { mode?: string; value: unknown } {
	const raw = itemParameter(ctx, parameter, itemIndex, undefined, { extractValue: false });
	if (raw && typeof raw === 'object' && !Array.isArray(raw) && '__rl' in (raw as IDataObject)) {
		const locator = raw as { mode?: string; value?: unknown };
		return { mode: locator.mode, value: locator.value };
	}
	return { value: raw };
}

export function readUserRef(ctx: IExecuteFunctions, parameter: string, itemIndex: number): UserRef {
	const { mode, value } = locatorValue(ctx, parameter, itemIndex);
	return requireUserRef({ node: ctx.getNode(), parameter, itemIndex }, value, mode);
}

export function readGroupId(ctx: IExecuteFunctions, parameter: string, itemIndex: number): string {
	const { value } = locatorValue(ctx, parameter, itemIndex);
	return requireGuid({ node: ctx.getNode(), parameter, itemIndex }, value, 'group ID');
}

/** The Limit of a list, or undefined with Return All. `limit` must be a whole number from 1 up. */
export function readLimit(ctx: IExecuteFunctions, itemIndex: number): number | undefined {
	if (itemParameter(ctx, 'returnAll', itemIndex, false)) return undefined;
	const limit = itemParameter(ctx, 'limit', itemIndex, 50);
	if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
		throw invalid({ node: ctx.getNode(), parameter: 'limit', itemIndex }, `The limit must be a whole number of 1 or more, not ${JSON.stringify(limit)}`);
	}
	return limit;
}

/** Comma-separated text or a list (from an expression) as a list of trimmed, non-empty strings. */
export function parseList(ref: ParameterRef, value: unknown): string[] {
	if (value === undefined || value === null || value === '') return [];
	const parts = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : undefined;
	if (!parts) throw invalid(ref, `Expected a comma-separated list or an array, but got ${describeType(value)}`);
	return parts.map((part) => {
		if (typeof part !== 'string') throw invalid(ref, `Every entry must be text, but one is ${describeType(part)}`);
		return part.trim();
	}).filter((part) => part !== '');
}

/** Doubles single quotes for a string literal inside an OData $filter. */
export function escapeODataString(value: string): string {
	return value.replace(/'/g, "''");
}

/** Escapes a term for $search, which Graph wants inside double quotes. */
export function escapeSearchTerm(value: string): string {
	return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

export const clip = (text: string, max = 80) => (text.length > max ? `${text.slice(0, max)}…` : text);

const MAIL_NICKNAME = /^[\x21-\x7e]{1,64}$/;
const MAIL_NICKNAME_FORBIDDEN = /[@()\\[\]";:<>,]/;

/** A group's mailNickname as Graph documents it: ASCII, at most 64, none of @ ( ) \ [ ] " ; : < > , or spaces. */
export function requireMailNickname(ref: ParameterRef, value: unknown): string {
	const text = requireString(ref, value, 'mail nickname');
	const bad = text.match(MAIL_NICKNAME_FORBIDDEN)?.[0] ?? (/\s/.test(text) ? 'a space' : undefined);
	if (bad || !MAIL_NICKNAME.test(text)) {
		throw invalid(
			ref,
			`"${clip(text)}" is not a valid mail nickname${bad ? `: it contains ${bad.length === 1 ? `"${bad}"` : bad}` : ''}`,
			'Use at most 64 ASCII letters, digits and symbols, without spaces or any of @ ( ) \\ [ ] " ; : < > , (for example sales-team).',
		);
	}
	return text;
}
