import fc from 'fast-check';
import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	escapeODataString,
	escapeSearchTerm,
	parseList,
	requireUserRef,
} from '../../../../nodes/EntraId/helpers/validation';
import { isGuid, isUpn } from '../../../../nodes/shared/values';
import { buildSearch } from '../../../../nodes/EntraId/helpers/query';
import { userPath } from '../../../../nodes/EntraId/directory/users';

const node = { id: 'n', name: 'Entra ID', type: 'entraId', typeVersion: 1, position: [0, 0], parameters: {} } as INode;
const ref = { node, parameter: 'userId', itemIndex: 0 };

/** Reads an OData string literal back: the inverse of escaping when wrapped in quotes. */
function parseODataLiteral(literal: string): string | undefined {
	const match = /^'((?:[^']|'')*)'$/.exec(literal);
	return match ? match[1].replace(/''/g, "'") : undefined;
}

describe('OData and $search escaping (property-based)', () => {
	test('any text escaped into a quoted OData literal reads back unchanged and cannot close the quote', () => {
		fc.assert(
			fc.property(fc.string(), (text) => {
				expect(parseODataLiteral(`'${escapeODataString(text)}'`)).toBe(text);
			}),
		);
	});

	test('a $search term never ends its quoted clause early', () => {
		fc.assert(
			fc.property(fc.string(), (text) => {
				const escaped = escapeSearchTerm(text);
				// Every quote left in the term is preceded by an odd number of backslashes.
				const unescapedQuote = /(^|[^\\])(\\\\)*"/.test(escaped);
				expect(unescapedQuote).toBe(false);
			}),
		);
	});

	test('buildSearch quotes plain text per default property and escapes injection attempts', () => {
		expect(buildSearch(ref, 'Ada', ['displayName'])).toBe('"displayName:Ada"');
		expect(buildSearch(ref, 'x" OR "mail:y', ['displayName', 'description'])).toBe(
			'"displayName:x\\" OR \\"mail:y" OR "description:x\\" OR \\"mail:y"',
		);
		expect(buildSearch(ref, 'displayName:Ada Lovelace mail:ada', ['displayName'])).toBe(
			'"displayName:Ada Lovelace" AND "mail:ada"',
		);
	});
});

describe('ID and UPN validation', () => {
	test('every v4-shaped GUID is accepted and every string with path characters is refused', () => {
		fc.assert(fc.property(fc.uuid(), (uuid) => expect(isGuid(uuid)).toBe(true)));
		fc.assert(
			fc.property(fc.string(), fc.constantFrom('/', '?', '#', '%2e', '..', '\\', ' '), fc.string(), (a, bad, b) => {
				const value = `${a}${bad}${b}`;
				expect(isGuid(value)).toBe(false);
			}),
		);
	});

	test.each([
		'../users',
		'%2e%2e%2fusers',
		'ada@contoso.com/../../groups',
		'ada@contoso.com?$select=id',
		'ada@contoso.com#x',
		"ada'@contoso.com'",
		'ada@contoso',
		'',
		'a'.repeat(200) + '@contoso.com',
	])('refuses %j as a user before any request', (value) => {
		expect(() => requireUserRef(ref, value)).toThrow(NodeOperationError);
	});

	test('names the parameter in the error', () => {
		expect(() => requireUserRef(ref, 'not a user')).toThrow(/\[parameter "userId"\]/);
	});

	test('refuses values of the wrong type from expressions', () => {
		for (const value of [42, { id: 'x' }, ['ada@contoso.com'], null, undefined, true]) {
			expect(() => requireUserRef(ref, value)).toThrow(/must be text|is empty/);
		}
	});

	test('guest UPNs are accepted and their # is percent-encoded in the path', () => {
		const guest = 'ada_fabrikam.com#EXT#@contoso.onmicrosoft.com';
		expect(isUpn(guest)).toBe(true);
		expect(userPath(requireUserRef(ref, guest))).toBe('/users/ada_fabrikam.com%23EXT%23@contoso.onmicrosoft.com');
	});

	test('any accepted UPN yields a single path segment', () => {
		fc.assert(
			fc.property(fc.emailAddress(), (email) => {
				if (!isUpn(email)) return;
				const path = userPath({ kind: 'upn', value: email });
				expect(path.split('/')).toHaveLength(3);
				expect(path).not.toMatch(/[?#]/);
			}),
		);
	});
});

describe('lists from parameters', () => {
	test('accepts comma-separated text and arrays, refuses other types', () => {
		expect(parseList(ref, ' a, b ,,c ')).toEqual(['a', 'b', 'c']);
		expect(parseList(ref, ['a', ' b '])).toEqual(['a', 'b']);
		expect(() => parseList(ref, { a: 1 })).toThrow(NodeOperationError);
		expect(() => parseList(ref, ['a', 3])).toThrow(/must be text/);
	});
});
