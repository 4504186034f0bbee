import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { escapeODataString } from '../helpers/validation';
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
		const term = text.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
		qs.$search = `"displayName:${term}" OR "description:${term}"`;
		headers.ConsistencyLevel = 'eventual';
	}
	return await search(this, '/groups', qs, headers, (group) => ({
		name: String(group.displayName ?? group.id),
		value: String(group.id),
	}), paginationToken);
}
