import { resourceDescription } from '../registry';
import * as assign from './assign.operation';
import * as getAll from './getAll.operation';
import * as getAssignments from './getAssignments.operation';
import * as remove from './remove.operation';

/** The directory role operations (unified role management), by the names stored in workflows. */
export const operations = {
	assign,
	getAll,
	getAssignments,
	remove,
};

export const description = resourceDescription('role', operations, 'getAll', [
	{
		name: 'Assign',
		value: 'assign',
		description: 'Assign a directory role to a user (tenant-wide or at a scope); a role the user already has is unchanged',
		action: 'Assign a role to a user',
	},
	{
		name: 'Get Assignments',
		value: 'getAssignments',
		description: 'List role assignments: of a user, of a role, or all',
		action: 'Get role assignments',
	},
	{
		name: 'Get Many',
		value: 'getAll',
		description: 'List the directory roles (role definitions), built-in and custom',
		action: 'Get many roles',
	},
	{
		name: 'Remove',
		value: 'remove',
		description: 'Remove a directory role from a user; a role the user does not have is unchanged',
		action: 'Remove a role from a user',
	},
]);
