import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../descriptions/common';
import { roleIdLocator, userIdLocator } from '../../descriptions/locators';
import type { RoleAssignment } from '../../directory/roles';
import { resolveUserIds } from '../../directory/users';
import { itemParameter } from '../../helpers/parameters';
import { invalid, locatorValue, readUserRef, requireGuid, requireString } from '../../helpers/validation';
import type { GraphClient } from '../../transport/client';
import { GraphError } from '../../transport/errors';

export const WRITE_HINT = {
	permission: 'RoleManagement.ReadWrite.Directory (delegated: at least the Privileged Role Administrator role)',
};

/** User, role and scope of Assign and Remove. */
export const assignmentFields: INodeProperties[] = [
	userIdLocator,
	roleIdLocator,
	optionsCollection([
		{
			displayName: 'Directory Scope ID',
			name: 'directoryScopeId',
			type: 'string',
			default: '/',
			placeholder: 'e.g. /administrativeUnits/5d107bba-…',
			description: 'Where the role applies: / for the whole tenant, /administrativeUnits/{ID} for an administrative unit, /{application object ID} for one app',
		},
	]),
];

function readRoleId(ctx: IExecuteFunctions, parameter: string, itemIndex: number): string {
	return requireGuid({ node: ctx.getNode(), parameter, itemIndex }, locatorValue(ctx, parameter, itemIndex).value, 'role ID');
}

/** The assignment an item asks for, read and checked before any request; the user resolved after. */
export function readAssignment(ctx: IExecuteFunctions, itemIndex: number) {
	const user = readUserRef(ctx, 'userId', itemIndex);
	const roleDefinitionId = readRoleId(ctx, 'roleId', itemIndex);
	const ref = { node: ctx.getNode(), parameter: 'options.directoryScopeId', itemIndex };
	const scope = itemParameter(ctx, 'options.directoryScopeId', itemIndex, '/');
	const directoryScopeId = scope === '' || scope === undefined ? '/' : requireString(ref, scope, 'directory scope ID');
	if (!directoryScopeId.startsWith('/')) throw invalid(ref, `"${directoryScopeId}" is not a directory scope ID`, 'Use / for the whole tenant or /administrativeUnits/{ID}.');
	return { user, roleDefinitionId, directoryScopeId };
}

/** The assignment with the user's object ID (a UPN is looked up). */
export async function resolveAssignment(graph: GraphClient, read: ReturnType<typeof readAssignment>): Promise<RoleAssignment> {
	const id = (await resolveUserIds(graph, [read.user])).get(read.user.value);
	if (id instanceof GraphError) throw id;
	return { principalId: id ?? read.user.value, roleDefinitionId: read.roleDefinitionId, directoryScopeId: read.directoryScopeId };
}
