import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { escapeODataString, escapeSearchTerm } from '../helpers/validation';
import { GraphClient } from '../transport/client';

const PICKER_PAGE = 100;

async function search(
	ctx: ILoadOptionsFunctions,
	url: string,
	qs: IDataObject,
	headers: Record<string, string>,
	toResult: (object: IDataObject) => { name: string; value: string; url?: string },
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const authentication = ctx.getNodeParameter('authentication', 'oAuth2') as string;
	const graph = await GraphClient.create(ctx, authentication);
	const call = paginationToken
		? { method: 'GET' as const, url: paginationToken, headers }
		: { method: 'GET' as const, url, qs, headers };
	const { objects, nextLink } = await graph.page(call);
	return { results: objects.map(toResult), paginationToken: nextLink };
}

/** Users whose display name or UPN starts with the filter text, searched by Graph. */
export async function searchUsers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const text = filter?.trim() ? escapeODataString(filter.trim()) : '';
	const qs: IDataObject = { $select: 'id,displayName,userPrincipalName', $top: PICKER_PAGE };
	if (text) qs.$filter = `startsWith(displayName,'${text}') or startsWith(userPrincipalName,'${text}')`;
	return await search(this, '/users', qs, {}, (user) => ({
		name: `${String(user.displayName ?? '')} (${String(user.userPrincipalName ?? user.id)})`,
		value: String(user.id),
	}), paginationToken);
}

/** Groups matching the filter text in name or description, through Graph's $search. */
export async function searchGroups(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const text = filter?.trim() ?? '';
	const qs: IDataObject = { $select: 'id,displayName,description', $top: PICKER_PAGE };
	const headers: Record<string, string> = {};
	if (text) {
		const term = escapeSearchTerm(text);
		qs.$search = `"displayName:${term}" OR "description:${term}"`;
		headers.ConsistencyLevel = 'eventual';
	}
	return await search(this, '/groups', qs, headers, (group) => ({
		name: String(group.displayName ?? group.id),
		value: String(group.id),
	}), paginationToken);
}

/**
 * Directory roles whose name contains the filter text. A tenant has a few hundred role
 * definitions at most, so they are read a page at a time and matched here.
 */
export async function searchRoles(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const text = filter?.trim().toLowerCase() ?? '';
	const qs: IDataObject = { $select: 'id,displayName,isBuiltIn' };
	const page = await search(this, '/roleManagement/directory/roleDefinitions', qs, {}, (role) => ({
		name: `${String(role.displayName ?? role.id)}${role.isBuiltIn === false ? ' (custom)' : ''}`,
		value: String(role.id),
	}), paginationToken);
	return { ...page, results: page.results.filter((role) => role.name.toLowerCase().includes(text)).sort((a, b) => a.name.localeCompare(b.name)) };
}

const DELETED_TYPES = ['user', 'group'];

/**
 * Deleted users and groups whose display name starts with the filter text. Graph lists each type
 * on its own, so both are read a page at a time; the token holds each type's next page.
 */
export async function searchDeletedItems(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const authentication = this.getNodeParameter('authentication', 'oAuth2') as string;
	const graph = await GraphClient.create(this, authentication);
	const text = filter?.trim() ? escapeODataString(filter.trim()) : '';
	const qs: IDataObject = { $select: 'id,displayName,deletedDateTime', $top: PICKER_PAGE };
	if (text) qs.$filter = `startsWith(displayName,'${text}')`;
	const pending = paginationToken ? (JSON.parse(paginationToken) as Record<string, unknown>) : undefined;
	const results: INodeListSearchResult['results'] = [];
	const links: Record<string, string> = {};
	for (const type of DELETED_TYPES) {
		const link = pending?.[type];
		if (pending && typeof link !== 'string') continue;
		const call = typeof link === 'string'
			? { method: 'GET' as const, url: link }
			: { method: 'GET' as const, url: `/directory/deletedItems/microsoft.graph.${type}`, qs };
		const { objects, nextLink } = await graph.page(call);
		for (const item of objects) {
			const deleted = typeof item.deletedDateTime === 'string' ? `, deleted ${item.deletedDateTime.slice(0, 10)}` : '';
			results.push({ name: `${String(item.displayName ?? item.id)} (${type}${deleted})`, value: String(item.id) });
		}
		if (nextLink) links[type] = nextLink;
	}
	return { results, paginationToken: Object.keys(links).length ? JSON.stringify(links) : undefined };
}
