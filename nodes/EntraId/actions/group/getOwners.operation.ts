import { GROUP_OWNERS } from '../../directory/relations';
import { listOperation } from './relationships';

export const { properties, execute } = listOperation(GROUP_OWNERS);
