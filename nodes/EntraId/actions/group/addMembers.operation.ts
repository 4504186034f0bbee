import { updateDisplayOptions } from 'n8n-workflow';

import type { LinkOperation } from './links';
import { linkExecutor, linkProperties } from './links';

const operation: LinkOperation = { relation: 'members', action: 'add' };

export const description = updateDisplayOptions({ show: { resource: ['group'], operation: ['addMembers'] } }, linkProperties(operation));

export const execute = linkExecutor(operation);
