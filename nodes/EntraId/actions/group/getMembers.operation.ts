import { GROUP_MEMBERS } from '../../directory/relations';
import { listOperation } from './relationships';

export const { properties, execute } = listOperation(GROUP_MEMBERS);
