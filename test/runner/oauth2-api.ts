import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * n8n's generic OAuth2 credential (`oAuth2Api`, from n8n-nodes-base), which our delegated
 * credential extends. n8n-nodes-base is not a dependency of the in-process tests, so its
 * fields are declared here as n8n defines them; the real-n8n end-to-end test uses the real one.
 */
export class OAuth2Api implements ICredentialType {
	name = 'oAuth2Api';

	displayName = 'OAuth2 API';

	genericAuth = true;

	properties: INodeProperties[] = [
		{ displayName: 'Grant Type', name: 'grantType', type: 'options', options: [{ name: 'Authorization Code', value: 'authorizationCode' }, { name: 'Client Credentials', value: 'clientCredentials' }, { name: 'PKCE', value: 'pkce' }], default: 'authorizationCode' },
		{ displayName: 'Authorization URL', name: 'authUrl', type: 'string', default: '', required: true },
		{ displayName: 'Access Token URL', name: 'accessTokenUrl', type: 'string', default: '', required: true },
		{ displayName: 'Client ID', name: 'clientId', type: 'string', default: '', required: true },
		{ displayName: 'Client Secret', name: 'clientSecret', type: 'string', typeOptions: { password: true }, default: '', required: true },
		{ displayName: 'Scope', name: 'scope', type: 'string', default: '' },
		{ displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'string', default: '' },
		{ displayName: 'Authentication', name: 'authentication', type: 'options', options: [{ name: 'Body', value: 'body' }, { name: 'Header', value: 'header' }], default: 'header' },
		{ displayName: 'Ignore SSL Issues (Insecure)', name: 'ignoreSSLIssues', type: 'boolean', default: false },
	];
}
