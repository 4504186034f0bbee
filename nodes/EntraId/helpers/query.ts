import type { IExecuteFunctions } from 'n8n-workflow';

import type { ListQuery } from '../transport/types';
import { advancedQuery } from '../transport/types';
import type { OutputMode } from './output';
import type { ParameterRef } from './validation';
import { escapeSearchTerm, invalid, parseList, requireString } from './validation';
import { itemParameter } from './parameters';

/** Graph's largest page for directory objects. */
export const MAX_PAGE_SIZE = 999;
/** Graph serves at most 500 users a page when signInActivity is selected or filtered on. */
export const SIGN_IN_ACTIVITY_PAGE_SIZE = 500;

const PROPERTY_NAME = /^[A-Za-z][A-Za-z0-9_]*(?:\/[A-Za-z][A-Za-z0-9_]*)?$/;

/** `$select` from the Select option (comma-separated text or a list), with names checked. */
export function readSelect(ref: ParameterRef, value: unknown): string[] {
	const properties = parseList(ref, value);
	for (const property of properties) {
		if (!PROPERTY_NAME.test(property)) throw invalid(ref, `"${property}" is not a property name`, 'Use Graph property names such as displayName or department.');
	}
	return [...new Set(properties)];
}

/**
 * The Output choice of a read and the `$select` it needs (undefined for Graph's own default set):
 * simplified adds the admin's fields to Select, fields needs Select, raw keeps Graph's answer.
 */
export function outputChoice(
	ctx: IExecuteFunctions,
	itemIndex: number,
	simplified: string[],
): { mode: OutputMode; select: string | undefined } {
	const node = ctx.getNode();
	const mode = itemParameter(ctx, 'output', itemIndex, 'simplified') as OutputMode;
	const select = readSelect(
		{ node, parameter: 'options.select', itemIndex },
		itemParameter(ctx, 'options.select', itemIndex, ''),
	);
	if (mode === 'fields' && select.length === 0) {
		throw invalid({ node, parameter: 'options.select', itemIndex }, 'Output "Selected Fields" needs the properties to return', 'Add them in Options → Select, for example id,displayName,department.');
	}
	if (mode === 'simplified') return { mode, select: [...new Set([...simplified, ...select])].join(',') };
	return { mode, select: select.length ? select.join(',') : undefined };
}

/** The longest search text: Graph allows 2,048 characters in the URL of an advanced query. */
export const MAX_SEARCH_LENGTH = 256;

/**
 * `$search` in Graph's form. Plain text searches the default properties; text with `prop:value`
 * clauses searches those properties (clauses are joined with AND). Quotes are added and escaped.
 */
export function buildSearch(ref: ParameterRef, text: string, defaultProperties: string[]): string {
	const trimmed = text.trim();
	if (trimmed.length > MAX_SEARCH_LENGTH) {
		throw invalid(
			ref,
			`The search text has ${trimmed.length} characters; search for at most ${MAX_SEARCH_LENGTH}`,
			'Graph reads at most 2,048 characters in the URL of a search, and the text goes into it once per property searched.',
		);
	}
	const clause = (property: string, value: string) => `"${property}:${escapeSearchTerm(value.trim())}"`;
	if (!/^[A-Za-z][A-Za-z0-9]*:/.test(trimmed)) return defaultProperties.map((property) => clause(property, trimmed)).join(' OR ');
	const clauses: string[] = [];
	const pattern = /(?:^|\s)([A-Za-z][A-Za-z0-9]*):/g;
	const starts = [...trimmed.matchAll(pattern)];
	starts.forEach((match, index) => {
		const valueStart = (match.index ?? 0) + match[0].length;
		const valueEnd = index + 1 < starts.length ? starts[index + 1].index : trimmed.length;
		const value = trimmed.slice(valueStart, valueEnd).trim();
		if (value === '') throw invalid(ref, `The search clause "${match[1]}:" has no value`, 'Write it as property:value, for example displayName:Ada.');
		clauses.push(clause(match[1], value));
	});
	return clauses.join(' AND ');
}

/**
 * Operators that Graph serves only as advanced queries on directory objects (`ne`, `not`,
 * `endsWith`, `$count` inside a filter): without ConsistencyLevel they fail with
 * Request_UnsupportedQuery, so the node asks for an advanced query when a filter uses them.
 */
const ADVANCED_FILTER = /(?:^|[\s(])(?:ne|not)(?=[\s(])|\bendsWith\s*\(|\/\$count\b/i;

export function needsAdvancedQuery(filter: string): boolean {
	// Quoted literals ('…', with '' inside) are data, not operators.
	return ADVANCED_FILTER.test(filter.replace(/'(?:[^']|'')*'/g, "''"));
}

/**
 * The query of a user or group list from its options: Filter (as written, plus `extraFilters`
 * the node builds), Search over `searchProperties`, Select and the page size. Search and
 * advanced filter operators add ConsistencyLevel and $count, as Graph requires.
 */
export function listQuery(
	ctx: IExecuteFunctions,
	itemIndex: number,
	{ limit, select, searchProperties, extraFilters = [] }: { limit?: number; select?: string; searchProperties: string[]; extraFilters?: string[] },
): ListQuery {
	const node = ctx.getNode();
	const filter = itemParameter(ctx, 'options.filter', itemIndex, '');
	const search = itemParameter(ctx, 'options.search', itemIndex, '');
	const filters = [...(filter === '' ? [] : [requireString({ node, parameter: 'options.filter', itemIndex }, filter, 'filter')]), ...extraFilters];
	const $filter = filters.length > 1 ? filters.map((clause) => `(${clause})`).join(' and ') : filters[0];
	const query: ListQuery = {
		qs: { $top: pageSize(limit, select, $filter), $select: select, $filter },
		headers: {},
	};
	if (search !== '') {
		const ref = { node, parameter: 'options.search', itemIndex };
		query.qs.$search = buildSearch(ref, requireString(ref, search, 'search'), searchProperties);
	}
	const advanced = query.qs.$search !== undefined || filters.some(needsAdvancedQuery);
	return advanced ? advancedQuery(query) : query;
}

/** Page size for a list: Graph's largest, or just what a limit needs. */
export function pageSize(limit: number | undefined, select: string | undefined, filter?: string): number {
	const signInActivity = select?.split(',').includes('signInActivity') || /\bsignInActivity\b/i.test(filter ?? '');
	const max = signInActivity ? SIGN_IN_ACTIVITY_PAGE_SIZE : MAX_PAGE_SIZE;
	return limit === undefined ? max : Math.min(limit, max);
}
