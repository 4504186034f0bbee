import { updateDisplayOptions } from 'n8n-workflow';

import { listRelationship, relationshipProperties } from './relationships';

export const description = updateDisplayOptions(
	{ show: { resource: ['group'], operation: ['getOwners'] } },
	relationshipProperties('owners'),
);

export const execute = listRelationship('owners');
