import * as directory from './directory';
import * as group from './group';
import * as user from './user';

/** Every resource's operations, by the names stored in workflows. The router dispatches through it. */
export const resources = {
	user: user.operations,
	group: group.operations,
	directory: directory.operations,
};

export type EntraIdResource = keyof typeof resources;

/** The resources and their operations, as stored in workflows. */
export type EntraIdResources = { [R in EntraIdResource]: keyof (typeof resources)[R] };
