import type { INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { perItem } from '../execution';

const properties: INodeProperties[] = [];

export const description = updateDisplayOptions({ show: { resource: ['user'], operation: ['getGroups'] } }, properties);

export const execute = perItem(async function () {
	throw new NodeOperationError(this.getNode(), 'Not implemented yet');
});
