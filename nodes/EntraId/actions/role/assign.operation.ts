import type { IDataObject } from 'n8n-workflow';

import { createAssignment, findAssignment } from '../../directory/roles';
import { GraphError } from '../../transport/errors';
import { perItem } from '../execution';
import { assignmentFields, readAssignment, resolveAssignment, WRITE_HINT } from './shared';

export const properties = assignmentFields;

/**
 * Assigns a directory role. A role the user already has at that scope is `unchanged`: looked up
 * first, and again when Graph refuses the create (another run may have assigned it meanwhile).
 */
export const execute = perItem(async function (graph, itemIndex) {
	const wanted = await resolveAssignment(graph, readAssignment(this, itemIndex));
	const output = (assignmentId: unknown, unchanged: boolean): IDataObject => ({
		id: wanted.principalId,
		roleId: wanted.roleDefinitionId,
		assignmentId: String(assignmentId),
		assigned: true,
		...(unchanged ? { unchanged: true } : {}),
	});
	const existing = await findAssignment(graph, wanted);
	if (existing) return output(existing.id, true);
	const answer = await graph.request(createAssignment(wanted)).catch((error: GraphError) => error);
	if (!(answer instanceof GraphError)) return output(answer.body.id, false);
	const raced = answer.status === 400 ? await findAssignment(graph, wanted) : undefined;
	if (raced) return output(raced.id, true);
	throw answer;
}, WRITE_HINT);
