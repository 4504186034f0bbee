import type { GraphClient } from '../transport/client';
import type { GraphError } from '../transport/errors';
import type { GraphCall } from '../transport/types';

/**
 * A reference property of a directory object, changed through `$ref`: group members and owners,
 * a user's manager and sponsors. A new relation (an application's owners) is one more entry.
 */
export interface Relation {
	/** The collection of the object that holds the reference, as in its URL. */
	source: 'groups' | 'users';
	/** The navigation property, as in the URL. */
	property: string;
	/** One reference (PUT and DELETE without an ID, as the manager) rather than a collection of them. */
	single?: true;
	/** References one PATCH may add through `<property>@odata.bind` (Graph allows 20 for group members). */
	bindLimit?: number;
}

export const GROUP_MEMBERS = { source: 'groups', property: 'members', bindLimit: 20 } as const satisfies Relation;
export const GROUP_OWNERS = { source: 'groups', property: 'owners' } as const satisfies Relation;
export const USER_MANAGER = { source: 'users', property: 'manager', single: true } as const satisfies Relation;
/** A guest's (or member's) sponsors: users or groups responsible for them. */
export const USER_SPONSORS = { source: 'users', property: 'sponsors' } as const satisfies Relation;

/** The path of a directory object: GUIDs as they are, UPNs percent-encoded (# in guest UPNs, ' and so on). */
export const objectPath = (collection: string, id: string) => `/${collection}/${encodeURIComponent(id).replace(/%40/g, '@')}`;

/** The `@odata.id` Graph wants for a reference to the object `id`. */
export const directoryObjectUrl = (graph: GraphClient, id: string) => `${graph.baseUrl}/directoryObjects/${id}`;

/** Adds a reference: POST to a collection, PUT for a single one. */
export function addReference(graph: GraphClient, relation: Relation, sourceId: string, targetId: string): GraphCall {
	return {
		method: relation.single ? 'PUT' : 'POST',
		url: `${objectPath(relation.source, sourceId)}/${relation.property}/$ref`,
		body: { '@odata.id': directoryObjectUrl(graph, targetId) },
	};
}

/** Removes a reference. Always with `/$ref`: without it Graph deletes the referenced object itself. */
export function removeReference(relation: Relation, sourceId: string, targetId?: string): GraphCall {
	const target = relation.single || targetId === undefined ? '' : `/${targetId}`;
	return { method: 'DELETE', url: `${objectPath(relation.source, sourceId)}/${relation.property}${target}/$ref` };
}

/*
 * Graph gives these cases no code of their own: a stable fragment of its message tells them.
 */
/** Adding a reference twice: "One or more added object references already exist for the following modified properties: 'members'.". */
export const isExistingReference = (error: GraphError) =>
	error.code === 'Request_BadRequest' && /added object references already exist/i.test(error.graphMessage);

/** A single reference that is not set, as a user without a manager: "Resource 'manager' does not exist…". */
export const isUnsetReference = (error: GraphError, relation: Relation) =>
	error.code === 'Request_ResourceNotFound' && error.graphMessage.includes(`'${relation.property}'`);
