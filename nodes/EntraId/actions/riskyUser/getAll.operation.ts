import type { IDataObject } from 'n8n-workflow';

import { optionsCollection, returnAllOrLimit } from '../../descriptions/common';
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
		{
			displayName: 'Risk Level',
			name: 'riskLevel',
			type: 'options',
			default: 'high',
			options: [
				{ name: 'High', value: 'high', description: 'High risk only' },
				{ name: 'Low', value: 'low', description: 'Low risk only' },
				{ name: 'Medium', value: 'medium', description: 'Medium risk only' },
			],
			description: 'Only users at this risk level',
		},
		{
			displayName: 'Risk State',
			name: 'riskState',
			type: 'options',
			default: 'atRisk',
			options: [
				{ name: 'At Risk', value: 'atRisk', description: 'Risk detected and not yet handled' },
				{ name: 'Confirmed Compromised', value: 'confirmedCompromised', description: 'An admin confirmed the account compromised' },
				{ name: 'Dismissed', value: 'dismissed', description: 'An admin dismissed the risk' },
				{ name: 'Remediated', value: 'remediated', description: 'The user remediated the risk (for example a secure password change)' },
			],
			description: 'Only users in this risk state',
		},
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
