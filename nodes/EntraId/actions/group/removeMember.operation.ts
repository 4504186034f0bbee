import { GROUP_MEMBERS } from '../../directory/relations';
import { linkOperation } from './links';

export const { properties, execute } = linkOperation(GROUP_MEMBERS, 'remove');
