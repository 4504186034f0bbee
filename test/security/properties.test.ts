import fc from 'fast-check';
import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isUpn } from '../../nodes/shared/values';
import { buildSearch, MAX_SEARCH_LENGTH, readSelect } from '../../nodes/EntraId/helpers/query';
import {
	escapeODataString,
	escapeSearchTerm,
	parseList,
	requireGuid,
	requireUserRef,
} from '../../nodes/EntraId/helpers/validation';
import { toQueryString } from '../../nodes/EntraId/transport/batch';
import { userPath } from '../../nodes/EntraId/directory/users';
import { backoffDelay, parseRetryAfter } from '../../nodes/EntraId/transport/retry';

// Property-based tests for the helpers that stand between user input and a Graph URL: OData
// and $search escaping (checked against the sandbox's own $filter parser), ID and UPN checks,
// lists, $select names, query strings, and the retry timing helpers.

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { compileFilter } = require('../sandbox/filter') as { compileFilter: (text: string, schema: unknown, advanced?: boolean) => (record: IDataObject) => boolean };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { schemas } = require('../sandbox/schema') as { schemas: Record<string, unknown> };

const node = { id: 'n', name: 'Entra ID', type: 'entraId', typeVersion: 1, position: [0, 0], parameters: {} } as INode;
const ref = { node, parameter: 'userId', itemIndex: 0 };

/** Any text: printable ASCII, full Unicode, and the characters injections are made of. */
const anyText = fc.oneof(
	fc.string(),
	fc.string({ unit: 'binary' }),
	fc.array(fc.constantFrom("'", '"', '\\', ')', '(', ',', ' or ', ' eq ', '%27', '%22', '/', '?', '#', '&', '=', '$', ':', '\n'), { maxLength: 12 }).map((parts) => parts.join('')),
	fc.tuple(fc.string(), fc.constantFrom("') or startsWith(displayName,'", "' or 1 eq 1 or '", "''", "'"), fc.string()).map(([a, b, c]) => a + b + c),
);

/** Whatever an expression can produce. */
const anyValue = fc.oneof(anyText, fc.anything(), fc.uuid(), fc.emailAddress());

/** Calls `action`; it must either return or throw a NodeOperationError, nothing else. */
function refusedOrAccepted<T>(action: () => T): { value?: T; refused: boolean } {
	try {
		return { value: action(), refused: false };
	} catch (error) {
		expect(error).toBeInstanceOf(NodeOperationError);
		return { refused: true };
	}
}

describe('OData string literals', () => {
	test("any text escaped into startsWith(displayName,'…') is read by a $filter parser as exactly that text", () => {
		fc.assert(
			fc.property(anyText, anyText, (value, other) => {
				const predicate = compileFilter(`startsWith(displayName,'${escapeODataString(value)}')`, schemas.user);
				expect(predicate({ displayName: `${value}tail` })).toBe(true);
				expect(predicate({ displayName: other })).toBe(other.toLowerCase().startsWith(value.toLowerCase()));
			}),
			{ numRuns: 500 },
		);
	});

	test("any text escaped into displayName eq '…' matches that text and nothing else", () => {
		fc.assert(
			fc.property(anyText, anyText, (value, other) => {
				const predicate = compileFilter(`displayName eq '${escapeODataString(value)}'`, schemas.user);
				expect(predicate({ displayName: value })).toBe(true);
				if (other.toLowerCase() !== value.toLowerCase()) expect(predicate({ displayName: other })).toBe(false);
			}),
			{ numRuns: 500 },
		);
	});
});

/** Reads a $search value back: its quoted clauses, with \" and \\ unescaped; undefined if malformed. */
function searchClauses(search: string): string[] | undefined {
	const clauses: string[] = [];
	const pattern = /\s*"((?:[^"\\]|\\.)*)"\s*(?:(?:AND|OR)\s*|$)/y;
	let match: RegExpExecArray | null;
	while (pattern.lastIndex < search.length && (match = pattern.exec(search))) clauses.push(match[1].replace(/\\(.)/g, '$1'));
	return pattern.lastIndex === search.length || (clauses.length > 0 && pattern.lastIndex === 0) ? clauses : undefined;
}

describe('$search', () => {
	test('a plain search gives one quoted clause per property, each holding the text unchanged', () => {
		fc.assert(
			fc.property(anyText.filter((text) => !/^\s*[A-Za-z][A-Za-z0-9]*:/.test(text)), (text) => {
				const trimmed = text.trim();
				const outcome = refusedOrAccepted(() => buildSearch({ ...ref, parameter: 'options.search' }, text, ['displayName', 'description']));
				if (outcome.refused) {
					expect(trimmed.length).toBeGreaterThan(MAX_SEARCH_LENGTH);
					return;
				}
				expect(searchClauses(outcome.value as string)).toEqual([`displayName:${trimmed}`, `description:${trimmed}`]);
			}),
			{ numRuns: 500 },
		);
	});

	test('prop:value clauses: every value stays inside its own quotes', () => {
		fc.assert(
			fc.property(fc.array(fc.tuple(fc.constantFrom('displayName', 'mail', 'jobTitle'), anyText.map((text) => text.replace(/[A-Za-z0-9]+:/g, ''))), { minLength: 1, maxLength: 3 }), (pairs) => {
				const text = pairs.map(([property, value]) => `${property}:${value}`).join(' ');
				const outcome = refusedOrAccepted(() => buildSearch({ ...ref, parameter: 'options.search' }, text, ['displayName']));
				if (outcome.refused) return;
				const clauses = searchClauses(outcome.value as string);
				expect(clauses).toBeDefined();
				expect(clauses?.length).toBe(pairs.length);
			}),
		);
	});

	test('escaping is reversible and leaves no unescaped quote', () => {
		fc.assert(
			fc.property(anyText, (text) => {
				const escaped = escapeSearchTerm(text);
				expect(escaped.replace(/\\(.)/gs, '$1')).toBe(text);
				expect(/(^|[^\\])(\\\\)*"/.test(escaped)).toBe(false);
			}),
		);
	});
});

describe('IDs and UPNs in URL paths', () => {
	test('any value is either refused with a NodeOperationError or becomes exactly one clean path segment', () => {
		fc.assert(
			fc.property(anyValue, fc.constantFrom(undefined, 'id', 'userPrincipalName'), (value, mode) => {
				const outcome = refusedOrAccepted(() => userPath(requireUserRef(ref, value, mode)));
				if (outcome.refused) return;
				const path = outcome.value as string;
				const segment = path.slice('/users/'.length);
				expect(path.startsWith('/users/')).toBe(true);
				expect(segment).not.toMatch(/[/?#\\\s]|%2f|%5c|%00/i);
				expect(segment).not.toMatch(/^\.\.?$/);
				expect(decodeURIComponent(segment)).toBe(String(value).trim().replace(/^[0-9A-F-]{36}$/, (guid) => guid.toLowerCase()));
			}),
			{ numRuns: 1000 },
		);
	});

	test('a GUID check gives a lower-case canonical GUID or a NodeOperationError naming the parameter', () => {
		fc.assert(
			fc.property(fc.oneof(anyValue, fc.uuid().map((id) => id.toUpperCase()), fc.uuid().map((id) => ` ${id} `)), (value) => {
				try {
					expect(requireGuid({ ...ref, parameter: 'groupId' }, value)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
				} catch (error) {
					expect(error).toBeInstanceOf(NodeOperationError);
					expect((error as Error).message).toContain('[parameter "groupId"]');
				}
			}),
			{ numRuns: 1000 },
		);
	});

	test("an accepted UPN never holds a character that changes the URL ('#' of guests is percent-encoded in the path)", () => {
		fc.assert(
			fc.property(fc.oneof(fc.emailAddress(), anyText), (text) => {
				if (!isUpn(text)) return;
				expect(text).not.toMatch(/[/?%\\\s"<>]|\.\./);
				expect(text.length).toBeLessThanOrEqual(113);
			}),
			{ numRuns: 1000 },
		);
	});
});

describe('Lists and $select from parameters', () => {
	test('parseList gives trimmed, non-empty strings or a NodeOperationError', () => {
		fc.assert(
			fc.property(fc.oneof(anyValue, fc.array(anyValue)), (value) => {
				const outcome = refusedOrAccepted(() => parseList(ref, value));
				if (outcome.refused) return;
				for (const entry of outcome.value as string[]) {
					expect(typeof entry).toBe('string');
					expect(entry).toBe(entry.trim());
					expect(entry).not.toBe('');
				}
			}),
		);
	});

	test('$select lets through property names only: nothing that ends the option or starts another', () => {
		fc.assert(
			fc.property(fc.oneof(anyValue, fc.array(anyText)), (value) => {
				const outcome = refusedOrAccepted(() => readSelect({ ...ref, parameter: 'options.select' }, value));
				if (outcome.refused) return;
				for (const name of outcome.value as string[]) expect(name).toMatch(/^[A-Za-z][A-Za-z0-9_]*(?:\/[A-Za-z][A-Za-z0-9_]*)?$/);
			}),
		);
	});
});

describe('Query strings', () => {
	test('values never break out of their parameter: the query string parses back to the same values', () => {
		fc.assert(
			fc.property(fc.dictionary(fc.constantFrom('$filter', '$search', '$select', '$top', '$skiptoken'), anyText.filter((text) => text !== '')), (qs) => {
				const parsed = new URLSearchParams(toQueryString(qs).slice(1));
				expect(Object.fromEntries(parsed)).toEqual(qs);
			}),
			{ numRuns: 500 },
		);
	});
});

describe('Retry timing', () => {
	test('Retry-After in seconds becomes that many milliseconds; dates count down from now; never negative or NaN', () => {
		const now = Date.UTC(2026, 0, 1, 12, 0, 0);
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 86_400 }), (seconds) => {
				expect(parseRetryAfter(String(seconds), now)).toBe(seconds * 1000);
				expect(parseRetryAfter(new Date(now + seconds * 1000).toUTCString(), now)).toBe(seconds * 1000);
				expect(parseRetryAfter(new Date(now - seconds * 1000).toUTCString(), now)).toBe(0);
			}),
		);
		fc.assert(
			fc.property(anyText, (text) => {
				const delay = parseRetryAfter(text, now);
				if (delay !== undefined) {
					expect(Number.isFinite(delay)).toBe(true);
					expect(delay).toBeGreaterThanOrEqual(0);
				}
			}),
		);
	});

	test('backoff without Retry-After: exponential, jittered between half and all of the ceiling, capped at 30 s', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 60 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, random) => {
				const ceiling = Math.min(30_000, 250 * 2 ** attempt);
				const delay = backoffDelay(attempt, () => random);
				expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
				expect(delay).toBeLessThanOrEqual(ceiling);
			}),
		);
	});
});
