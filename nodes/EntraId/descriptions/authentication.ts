import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

/** The sign-in choice shared by the Entra ID node and its trigger: one parameter, two credentials. */
export const authenticationField: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{
			name: 'App-Only (Client Credentials)',
			value: 'appOnly',
			description: 'The app signs in as itself: for schedules and unattended runs',
		},
		{
			name: 'Delegated (OAuth2)',
			value: 'oAuth2',
			description: 'Act as the admin who connected the credential',
		},
	],
	default: 'oAuth2',
};

export const entraIdCredentials: INodeCredentialDescription[] = [
	{ name: 'entraIdOAuth2Api', required: true, displayOptions: { show: { authentication: ['oAuth2'] } } },
	{ name: 'entraIdAppOnlyApi', required: true, displayOptions: { show: { authentication: ['appOnly'] } } },
];
