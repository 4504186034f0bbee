import { updateDisplayOptions } from 'n8n-workflow';

import type { LinkOperation } from './links';
import { linkExecutor, linkProperties } from './links';

const operation: LinkOperation = { relation: 'members', action: 'remove' };

export const description = updateDisplayOptions({ show: { resource: ['group'], operation: ['removeMember'] } }, linkProperties(operation));

export const execute = linkExecutor(operation);
