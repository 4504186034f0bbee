import { optionsCollection, returnAllOrLimit } from '../../descriptions/common';
import { ROLE_DEFINITIONS } from '../../directory/roles';
import { withoutAnnotations } from '../../helpers/output';
import { readLimit } from '../../helpers/validation';
import { perItem } from '../execution';

export const properties = [...returnAllOrLimit(), optionsCollection()];

const SELECT = 'id,displayName,description,isBuiltIn,isEnabled,templateId';

/** The tenant's directory role definitions, built-in and custom. */
export const execute = perItem(
	async function (graph, itemIndex) {
		const limit = readLimit(this, itemIndex);
		return await graph.collect({ method: 'GET', url: ROLE_DEFINITIONS, qs: { $select: SELECT } }, limit, withoutAnnotations);
	},
	{ resource: 'the role definitions', permission: 'RoleManagement.Read.Directory' },
);
