import { GROUP_OWNERS } from '../../directory/relations';
import { linkOperation } from './links';

export const { properties, execute } = linkOperation(GROUP_OWNERS, 'add');
