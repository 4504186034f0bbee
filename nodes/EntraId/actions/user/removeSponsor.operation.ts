import { sponsorOperation } from './sponsors';

export const { properties, execute } = sponsorOperation('remove');
