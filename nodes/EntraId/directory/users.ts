import type { GraphClient } from '../transport/client';
import { GraphError } from '../transport/errors';
import { objectPath } from './relations';

/** A user given by object ID or user principal name. */
export interface UserRef {
	kind: 'id' | 'upn';
	value: string;
}

/** The URL path of a user: GUIDs as they are, UPNs percent-encoded (# in guest UPNs, ' and so on). */
export const userPath = (user: UserRef) => objectPath('users', user.value);

/**
 * Object IDs for users given by UPN, looked up once each in one batched round. IDs map to
 * themselves; a UPN that does not resolve maps to its GraphError.
 */
export async function resolveUserIds(
	graph: GraphClient,
	refs: UserRef[],
	retryNotFound = false,
): Promise<Map<string, string | GraphError>> {
	const ids = new Map<string, string | GraphError>();
	for (const ref of refs) if (ref.kind === 'id') ids.set(ref.value, ref.value);
	const upns = [...new Set(refs.filter((ref) => ref.kind === 'upn').map((ref) => ref.value))];
	if (upns.length === 0) return ids;
	const answers = await graph.executeAll(
		upns.map((upn) => ({ method: 'GET' as const, url: userPath({ kind: 'upn', value: upn }), qs: { $select: 'id' }, retryNotFound })),
	);
	upns.forEach((upn, index) => {
		const answer = answers[index];
		ids.set(upn, answer instanceof GraphError ? answer : String(answer.body.id));
	});
	return ids;
}
