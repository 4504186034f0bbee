import { updateDisplayOptions } from 'n8n-workflow';

import type { LinkOperation } from './links';
import { linkExecutor, linkProperties } from './links';

const operation: LinkOperation = { relation: 'owners', action: 'add' };

export const description = updateDisplayOptions({ show: { resource: ['group'], operation: ['addOwner'] } }, linkProperties(operation));

export const execute = linkExecutor(operation);
