import type { IExecuteFunctions } from 'n8n-workflow';

import { itemParameter } from './parameters';
import type { ParameterRef } from './validation';
import { clip, describeType, invalid, requireString } from './validation';

// An address Graph can invite: no spaces, none of < > ( ) [ ] , ; : " \ and a dotted domain.
const EMAIL = /^[^\s@<>()[\],;:"\\]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** An email address, as the invitation's invitedUserEmailAddress. */
export function requireEmail(ref: ParameterRef, value: unknown): string {
	const text = requireString(ref, value, 'email address');
	if (!EMAIL.test(text) || text.includes('..')) throw invalid(ref, `"${clip(text)}" is not a valid email address`, 'Use an address such as partner@fabrikam.com.');
	return text;
}

/** An absolute http(s) URL, as the invitation's redirect URL. */
export function requireWebUrl(ref: ParameterRef, value: unknown): string {
	const text = requireString(ref, value, 'URL');
	let url: URL | undefined;
	try {
		url = new URL(text);
	} catch {
		url = undefined;
	}
	if (!url || !['http:', 'https:'].includes(url.protocol) || !url.hostname) {
		throw invalid(ref, `"${clip(text)}" is not an absolute http(s) URL`, 'Use a full address such as https://myapps.microsoft.com.');
	}
	return text;
}

/** A number of days: a whole number from 1 up. */
export function readDays(ctx: IExecuteFunctions, itemIndex: number, fallback: number): number {
	const days = itemParameter(ctx, 'days', itemIndex, fallback);
	if (typeof days !== 'number' || !Number.isInteger(days) || days < 1) {
		const shown = typeof days === 'number' || typeof days === 'string' ? JSON.stringify(days) : describeType(days);
		throw invalid({ node: ctx.getNode(), parameter: 'days', itemIndex }, `Days must be a positive whole number, not ${shown}`);
	}
	return days;
}

/** An option's value, checked against the values it allows (an expression can give anything). */
export function readChoice<T extends string>(ctx: IExecuteFunctions, parameter: string, itemIndex: number, allowed: readonly T[], fallback: T | ''): T | undefined {
	const value = itemParameter(ctx, parameter, itemIndex, fallback);
	if (value === '' || value === undefined || value === null) return undefined;
	if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
		const shown = typeof value === 'string' ? `"${clip(value)}"` : describeType(value);
		throw invalid({ node: ctx.getNode(), parameter, itemIndex }, `${shown} is not one of ${allowed.join(', ')}`);
	}
	return value as T;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: number, to: number) => Math.floor((to - from) / 86_400_000);
