import { resourceDescription } from '../registry';
import * as confirmCompromised from './confirmCompromised.operation';
import * as dismiss from './dismiss.operation';
import * as getAll from './getAll.operation';

/** The Identity Protection operations on risky users, by the names stored in workflows. */
export const operations = {
	confirmCompromised,
	dismiss,
	getAll,
};

export const description = resourceDescription('riskyUser', operations, 'getAll', [
	{
		name: 'Confirm Compromised',
		value: 'confirmCompromised',
		description: "Confirm users as compromised, which sets their risk to high (up to 60 users a request, one request a second)",
		action: 'Confirm a risky user as compromised',
	},
	{
		name: 'Dismiss',
		value: 'dismiss',
		description: "Dismiss users' risk (up to 60 users a request, one request a second)",
		action: 'Dismiss the risk of a user',
	},
	{
		name: 'Get Many',
		value: 'getAll',
		description: 'List risky users, filtered on risk level and risk state',
		action: 'Get many risky users',
	},
]);
