import { riskDecision } from './decide';

export const { properties, execute } = riskDecision('confirmCompromised');
