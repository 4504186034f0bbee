import { resourceDescription } from '../registry';
import * as getExpiringCredentials from './getExpiringCredentials.operation';

/** The application operations, by the names stored in workflows. */
export const operations = {
	getExpiringCredentials,
};

export const description = resourceDescription('application', operations, 'getExpiringCredentials', [
	{
		name: 'Get Expiring Credentials',
		value: 'getExpiringCredentials',
		description: 'List client secrets and certificates of app registrations (or service principals) that expire within a number of days',
		action: 'Get expiring app credentials',
	},
]);
