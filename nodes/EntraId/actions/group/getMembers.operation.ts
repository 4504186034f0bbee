import { updateDisplayOptions } from 'n8n-workflow';

import { listRelationship, relationshipProperties } from './relationships';

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['getMembers'] } },
	relationshipProperties('members'),
);

export const execute = listRelationship('members');
