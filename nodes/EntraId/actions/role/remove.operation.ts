import { deleteAssignment, findAssignment } from '../../directory/roles';
import { GraphError } from '../../transport/errors';
import { perItem } from '../execution';
import { assignmentFields, readAssignment, resolveAssignment, WRITE_HINT } from './shared';

export const properties = assignmentFields;

/** Removes a directory role assignment. A role the user does not have at that scope is `unchanged`. */
export const execute = perItem(async function (graph, itemIndex) {
	const wanted = await resolveAssignment(graph, readAssignment(this, itemIndex));
	const output = { id: wanted.principalId, roleId: wanted.roleDefinitionId, removed: true };
	const existing = await findAssignment(graph, wanted);
	if (!existing) return { ...output, unchanged: true };
	const failure = await graph.request(deleteAssignment(String(existing.id))).then(() => undefined, (error: GraphError) => error);
	// Removed meanwhile (another run): the outcome asked for holds.
	if (failure?.status === 404) return { ...output, unchanged: true };
	if (failure) throw failure;
	return output;
}, WRITE_HINT);
