import type { INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../descriptions/common';
import { userLocator } from '../../descriptions/locators';
import { assignmentsQuery } from '../../directory/roles';
import { resolveUserIds } from '../../directory/users';
import { withoutAnnotations } from '../../helpers/output';
import { itemParameter } from '../../helpers/parameters';
import { requireGuid, requireUserRef } from '../../helpers/validation';
import { GraphError } from '../../transport/errors';
import { perItem } from '../execution';

const roleIdOption: INodeProperties = {
	displayName: 'Role ID',
	name: 'roleId',
	type: 'string',
	default: '',
	placeholder: 'e.g. fe930be7-5e62-47db-91af-98c3a49a38b1',
	description: 'Only assignments of this role (role definition ID; for built-in roles, the template ID)',
};

export const properties = [
	optionsCollection([
		roleIdOption,
		{ ...userLocator({ name: 'userId', displayName: 'User', description: 'Only the assignments of this user' }), required: false },
	]),
];

/** Directory role assignments: of a user, of a role, of both, or all of them. */
export const execute = perItem(
	async function (graph, itemIndex) {
		const node = this.getNode();
		const userValue = itemParameter(this, 'options.userId', itemIndex, '', { extractValue: true });
		const roleValue = itemParameter(this, 'options.roleId', itemIndex, '');
		const user = userValue ? requireUserRef({ node, parameter: 'options.userId', itemIndex }, userValue) : undefined;
		const roleDefinitionId = roleValue ? requireGuid({ node, parameter: 'options.roleId', itemIndex }, roleValue, 'role ID') : undefined;
		let principalId: string | undefined;
		if (user) {
			const id = (await resolveUserIds(graph, [user])).get(user.value);
			if (id instanceof GraphError) throw id;
			principalId = id;
		}
		return await graph.collect(assignmentsQuery({ principalId, roleDefinitionId }), undefined, withoutAnnotations);
	},
	{ resource: 'the user or role', permission: 'RoleManagement.Read.Directory' },
);
