import type { IDataObject } from 'n8n-workflow';

import type { GraphClient } from '../transport/client';
import { GraphError } from '../transport/errors';
import type { GraphCall } from '../transport/types';
import { advancedQuery } from '../transport/types';

/**
 * Collects a user or group list. Some filters Graph serves only as advanced queries, and which
 * depends on the property, not only the operator (employeeType, officeLocation,
 * onPremisesExtensionAttributes, comparisons with null …): Graph then answers
 * Request_UnsupportedQuery, and the node asks once more as an advanced query. Graph's own answer
 * decides, so the node keeps no list of properties that would drift from Graph's.
 */
export async function collectList(
	graph: GraphClient,
	call: GraphCall,
	limit: number | undefined,
	shape: (object: IDataObject) => IDataObject,
): Promise<IDataObject[]> {
	const first = await graph.collect(call, limit, shape).catch((error: unknown) => ({ error }));
	if (Array.isArray(first)) return first;
	const basic = call.qs?.$filter !== undefined && call.headers?.ConsistencyLevel === undefined;
	if (!basic || !(first.error instanceof GraphError) || first.error.code !== 'Request_UnsupportedQuery') throw first.error;
	return await graph.collect({ ...call, ...advancedQuery({ qs: call.qs ?? {}, headers: call.headers ?? {} }) }, limit, shape);
}
