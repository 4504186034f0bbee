'use strict';
// Unified role management for the directory provider: /roleManagement/directory/roleDefinitions
// and roleAssignments (https://learn.microsoft.com/graph/api/rbacapplication-post-roleassignments).
const { randomBytes } = require('node:crypto');
const { badRequest, notFound, requiredValue } = require('../errors');
const { governanceOf } = require('../governance');
const { schemas } = require('../schema');
const { TYPE } = require('../store');
const shared = require('./shared');

const BASE = '/roleManagement/directory';
const live = () => true;

function definition(ctx, id) {
	const found = governanceOf(ctx.store).roleDefinitions.find((role) => role.id === id.toLowerCase() || role.templateId === id.toLowerCase());
	if (!found) throw notFound(id);
	return found;
}

function assignment(ctx, id) {
	const found = governanceOf(ctx.store).roleAssignments.get(id);
	if (!found) throw notFound(id);
	return found;
}

function createAssignment(ctx) {
	const body = shared.jsonBody(ctx);
	for (const name of ['roleDefinitionId', 'principalId']) if (!body[name]) throw requiredValue(name);
	if (!body.directoryScopeId && !body.appScopeId) throw badRequest('Either directoryScopeId or appScopeId must be specified.');
	const role = definition(ctx, String(body.roleDefinitionId));
	const principal = shared.objectById(ctx, String(body.principalId)).record;
	const { roleAssignments } = governanceOf(ctx.store);
	const scope = body.directoryScopeId ?? null;
	const duplicate = [...roleAssignments.values()].some((a) => a.principalId === principal.id && a.roleDefinitionId === role.id && a.directoryScopeId === scope);
	if (duplicate) throw badRequest('A conflicting object with one or more of the specified property values is present in the directory.');
	// Graph's assignment ids are base64url strings, not GUIDs.
	const id = `${randomBytes(24).toString('base64url')}-1`;
	const record = { id, principalId: principal.id, roleDefinitionId: role.id, directoryScopeId: scope, appScopeId: body.appScopeId ?? null, condition: null, [TYPE]: 'unifiedRoleAssignment' };
	roleAssignments.set(id, record);
	return shared.entityResponse(ctx, record, { set: schemas.unifiedRoleAssignment.set, status: 201 });
}

module.exports = [
	['GET', `${BASE}/roleDefinitions`, (ctx) => shared.listResponse(ctx, { schema: schemas.unifiedRoleDefinition, load: () => governanceOf(ctx.store).roleDefinitions, set: schemas.unifiedRoleDefinition.set, live })],
	['GET', `${BASE}/roleDefinitions/:id`, (ctx, { id }) => shared.entityResponse(ctx, definition(ctx, id), { set: schemas.unifiedRoleDefinition.set })],
	['GET', `${BASE}/roleAssignments`, (ctx) => shared.listResponse(ctx, { schema: schemas.unifiedRoleAssignment, load: () => [...governanceOf(ctx.store).roleAssignments.values()], set: schemas.unifiedRoleAssignment.set, live })],
	['GET', `${BASE}/roleAssignments/:id`, (ctx, { id }) => shared.entityResponse(ctx, assignment(ctx, id), { set: schemas.unifiedRoleAssignment.set })],
	['POST', `${BASE}/roleAssignments`, createAssignment],
	['DELETE', `${BASE}/roleAssignments/:id`, (ctx, { id }) => {
		assignment(ctx, id);
		governanceOf(ctx.store).roleAssignments.delete(id);
		return { status: 204 };
	}],
];
