import type { IDataObject } from 'n8n-workflow';

import { optionsCollection, returnAllOrLimit } from '../../descriptions/common';
import { choiceField } from '../../descriptions/fields';
import { withoutAnnotations } from '../../helpers/output';
import { readChoice } from '../../helpers/values';
import { readLimit } from '../../helpers/validation';
import { perItem } from '../execution';
import { IDENTITY_PROTECTION_HINT } from './decide';

const RISK_LEVELS = ['low', 'medium', 'high'] as const;
const RISK_STATES = ['atRisk', 'confirmedCompromised', 'remediated', 'dismissed'] as const;

export const properties = [
	...returnAllOrLimit(),
	optionsCollection([
		choiceField('Risk Level', 'riskLevel', 'high', 'Only users at this risk level', [
			['High', 'high', 'High risk only'],
			['Low', 'low', 'Low risk only'],
			['Medium', 'medium', 'Medium risk only'],
		]),
		choiceField('Risk State', 'riskState', 'atRisk', 'Only users in this risk state', [
			['At Risk', 'atRisk', 'Risk detected and not yet handled'],
			['Confirmed Compromised', 'confirmedCompromised', 'An admin confirmed the account compromised'],
			['Dismissed', 'dismissed', 'An admin dismissed the risk'],
			['Remediated', 'remediated', 'The user remediated the risk (for example a secure password change)'],
		]),
	]),
];

/** Graph's largest page of risky users (riskyuser-list); fewer pages matter at one request a second. */
const PAGE_SIZE = 500;

/** Risky users (Identity Protection), filtered on risk level and state by Graph. */
export const execute = perItem(async function (graph, itemIndex) {
	const limit = readLimit(this, itemIndex);
	const riskLevel = readChoice(this, 'options.riskLevel', itemIndex, RISK_LEVELS, '');
	const riskState = readChoice(this, 'options.riskState', itemIndex, RISK_STATES, '');
	const filters: string[] = [];
	if (riskLevel) filters.push(`riskLevel eq '${riskLevel}'`);
	if (riskState) filters.push(`riskState eq '${riskState}'`);
	const qs: IDataObject = { $top: Math.min(limit ?? PAGE_SIZE, PAGE_SIZE) };
	if (filters.length) qs.$filter = filters.join(' and ');
	return await graph.collect({ method: 'GET', url: '/identityProtection/riskyUsers', qs }, limit, withoutAnnotations);
}, IDENTITY_PROTECTION_HINT);
