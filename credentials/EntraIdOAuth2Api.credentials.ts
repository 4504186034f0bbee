import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { cloudFields, cloudHostExpression, DELEGATED_SCOPES } from './clouds';

const login = cloudHostExpression('login');
const graph = cloudHostExpression('graph');
const tenant = "($self.tenantId || 'organizations')";
const defaultScopes = `'openid offline_access ' + ${JSON.stringify(DELEGATED_SCOPES)}.map((scope) => ${graph} + '/' + scope).join(' ')`;

export class EntraIdOAuth2Api implements ICredentialType {
	name = 'entraIdOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Microsoft Entra ID Admin (Delegated) OAuth2 API';

	icon: Icon = { light: 'file:../icons/entraId.svg', dark: 'file:../icons/entraId.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-entra-id/n8n-nodes-entra-id#delegated-credential-oauth2';

	properties: INodeProperties[] = [
		{
			displayName: 'Tenant',
			name: 'tenantId',
			type: 'string',
			default: 'organizations',
			placeholder: 'contoso.onmicrosoft.com',
			description:
				'Your directory (tenant) ID or a verified domain. Keep "organizations" to let any work account sign in.',
		},
		...cloudFields({
			cloud: 'The Microsoft cloud your tenant lives in. It sets the sign-in host, the Graph host and the scopes together.',
			graph: 'Root URL of Microsoft Graph (without /v1.0; the node adds it)',
			login: 'Root URL of the Microsoft identity platform (the tenant is added after it)',
		}),
		{
			displayName: 'Custom Scopes',
			name: 'customScopes',
			type: 'boolean',
			default: false,
			description: 'Whether to ask for your own list of scopes instead of the ones the node needs',
		},
		{
			displayName: 'Enabled Scopes',
			name: 'enabledScopes',
			type: 'string',
			default: `openid offline_access ${DELEGATED_SCOPES.join(' ')}`,
			displayOptions: { show: { customScopes: [true] } },
			description: 'Space-separated scopes. Keep offline_access, or the connection stops after an hour.',
		},
		{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'authorizationCode' },
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: `={{ ${login} + '/' + ${tenant} + '/oauth2/v2.0/authorize' }}`,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: `={{ ${login} + '/' + ${tenant} + '/oauth2/v2.0/token' }}`,
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: `={{ $self.customScopes ? $self.enabledScopes : ${defaultScopes} }}`,
		},
		{ displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'hidden', default: 'response_mode=query' },
		{ displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'body' },
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{ ${cloudHostExpression('graph', '$credentials')} + '/v1.0' }}`,
			url: '/me',
			qs: { $select: 'id,userPrincipalName' },
		},
	};
}
