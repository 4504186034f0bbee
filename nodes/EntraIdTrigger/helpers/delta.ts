import type { IDataObject } from 'n8n-workflow';

import type { GraphClient } from '../../EntraId/transport/client';
import { GraphError } from '../../EntraId/transport/errors';
import type { Stream } from './settings';

/**
 * Only the properties that changed since the deltaLink was issued (Graph's user: delta and
 * group: delta). Without it every selected property comes back, changed or not.
 */
const MINIMAL = { Prefer: 'return=minimal' };

/** A guard against a service that never ends a round: far beyond any real directory. */
const MAX_PAGES = 100_000;

/** Graph's documented signals that a saved delta link is dead and change tracking must start again. */
const RESYNC_CODES = ['syncStateNotFound', 'resyncRequired', 'syncStateInvalid'];

export const isResync = (error: unknown): error is GraphError =>
	error instanceof GraphError && (error.status === 410 || RESYNC_CODES.includes(error.code));

export interface Round {
	items: IDataObject[];
	deltaLink: string;
}

/** Follows every @odata.nextLink of a round to its @odata.deltaLink (the transport retries 429/503). */
export async function readRound(graph: GraphClient, link: string): Promise<Round> {
	const items: IDataObject[] = [];
	let url = link;
	for (let page = 0; page < MAX_PAGES; page++) {
		const { body } = await graph.request({ method: 'GET', url, headers: MINIMAL });
		items.push(...((body.value as IDataObject[] | undefined) ?? []));
		const next = body['@odata.nextLink'];
		const delta = body['@odata.deltaLink'];
		if (typeof next === 'string') url = next;
		else if (typeof delta === 'string') return { items, deltaLink: delta };
		else throw new GraphError(0, 'DeltaLinkMissing', 'Microsoft Graph ended a delta page without @odata.nextLink or @odata.deltaLink');
	}
	throw new GraphError(0, 'DeltaRoundTooLong', `Microsoft Graph returned more than ${MAX_PAGES} pages in one delta round`);
}

/** "Sync from now": a deltaLink for the current state, without reading the objects themselves. */
export async function latestLink(graph: GraphClient, stream: Stream): Promise<string> {
	const { body } = await graph.request({
		method: 'GET',
		url: stream.path,
		qs: { $select: stream.select, $deltatoken: 'latest' },
		headers: MINIMAL,
	});
	const link = body['@odata.deltaLink'];
	if (typeof link === 'string') return link;
	// Not documented for $deltatoken=latest, but a paged answer still ends in a deltaLink.
	const next = body['@odata.nextLink'];
	if (typeof next === 'string') return (await readRound(graph, next)).deltaLink;
	throw new GraphError(0, 'DeltaLinkMissing', 'Microsoft Graph answered $deltatoken=latest without @odata.deltaLink');
}
