import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { cloudHostExpression, cloudOptions } from './clouds';

// Placeholder so the package loads while issue #3 (MSAL app-only sign-in) is built: replace wholesale.
export class EntraIdAppOnlyApi implements ICredentialType {
	name = 'entraIdAppOnlyApi';

	displayName = 'Microsoft Entra ID (App-Only) API';

	icon: Icon = { light: 'file:../icons/entraId.svg', dark: 'file:../icons/entraId.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-entra-id/n8n-nodes-entra-id#app-only-credential';

	properties: INodeProperties[] = [
		{ displayName: 'Tenant', name: 'tenantId', type: 'string', default: '', required: true },
		{ displayName: 'Client ID', name: 'clientId', type: 'string', default: '', required: true },
		{ displayName: 'Cloud', name: 'cloud', type: 'options', options: cloudOptions, default: 'global' },
		{ displayName: 'Graph Endpoint URL', name: 'customGraphUrl', type: 'string', default: '', displayOptions: { show: { cloud: ['custom'] } } },
		{ displayName: 'Login (Authority) URL', name: 'customLoginUrl', type: 'string', default: '', displayOptions: { show: { cloud: ['custom'] } } },
	];

	test: ICredentialTestRequest = {
		request: { baseURL: `={{ ${cloudHostExpression('graph', '$credentials')} + '/v1.0' }}`, url: '/organization' },
	};
}
