import type { IDataObject } from 'n8n-workflow';

import type { GraphClient } from '../transport/client';
import type { GraphCall } from '../transport/types';

/**
 * Directory roles through unified role management. An assignment is an object of its own (not a
 * `$ref` link): `{ id, roleDefinitionId, principalId, directoryScopeId }` under
 * /roleManagement/directory/roleAssignments. A built-in role's definition id is its template id.
 */
export const ROLE_DEFINITIONS = '/roleManagement/directory/roleDefinitions';
const ROLE_ASSIGNMENTS = '/roleManagement/directory/roleAssignments';

export interface RoleAssignment {
	principalId: string;
	roleDefinitionId: string;
	directoryScopeId: string;
}

/** The assignments of one principal, or of one role, or all: Graph filters on either (eq). */
export function assignmentsQuery(filter: { principalId?: string; roleDefinitionId?: string }): GraphCall {
	const clauses = Object.entries(filter)
		.filter(([, value]) => value)
		.map(([property, value]) => `${property} eq '${String(value).replace(/'/g, "''")}'`);
	return { method: 'GET', url: ROLE_ASSIGNMENTS, qs: clauses.length ? { $filter: clauses.join(' and ') } : {} };
}

/** The assignment of a role to a principal at a scope, if there is one: looked up by the principal, as it has few. */
export async function findAssignment(graph: GraphClient, wanted: RoleAssignment): Promise<IDataObject | undefined> {
	const assignments = await graph.collect(assignmentsQuery({ principalId: wanted.principalId }));
	return assignments.find(
		(assignment) =>
			String(assignment.roleDefinitionId).toLowerCase() === wanted.roleDefinitionId.toLowerCase() &&
			assignment.directoryScopeId === wanted.directoryScopeId,
	);
}

export const createAssignment = (wanted: RoleAssignment): GraphCall => ({
	method: 'POST',
	url: ROLE_ASSIGNMENTS,
	body: { '@odata.type': '#microsoft.graph.unifiedRoleAssignment', ...wanted },
});

export const deleteAssignment = (id: string): GraphCall => ({ method: 'DELETE', url: `${ROLE_ASSIGNMENTS}/${encodeURIComponent(id)}` });
