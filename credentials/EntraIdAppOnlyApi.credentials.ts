import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { checkGraphRequest, NO_REDIRECTS } from './appOnly/pinning';
import { getAppOnlyToken } from './appOnly/tokens';
import { cloudFields, cloudHostExpression } from './clouds';

const notManagedIdentity = { hide: { authMethod: ['managedIdentity'] } };

/**
 * App-only access to Microsoft Graph (client credentials), with tokens from Microsoft's MSAL:
 * for schedules and unattended runs, where no admin is signed in. Also usable by n8n's HTTP
 * Request node as a predefined credential type: `authenticate` adds the bearer token.
 */
export class EntraIdAppOnlyApi implements ICredentialType {
	name = 'entraIdAppOnlyApi';

	displayName = 'Microsoft Entra ID Admin (App-Only) API';

	icon: Icon = { light: 'file:../icons/entraId.svg', dark: 'file:../icons/entraId.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-entra-id/n8n-nodes-entra-id#app-only-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Authentication Method',
			name: 'authMethod',
			type: 'options',
			options: [
				{
					name: 'Certificate',
					value: 'certificate',
					description: 'A certificate registered on the app, signed with its private key (recommended over a secret)',
				},
				{
					name: 'Client Secret',
					value: 'clientSecret',
					description: "A secret from the app's Certificates & secrets",
				},
				{
					name: 'Managed Identity',
					value: 'managedIdentity',
					description: 'The identity of the Azure host n8n runs on (App Service, Container Apps, VM, AKS): no secret to store',
				},
				{
					name: 'Workload Identity Federation',
					value: 'federated',
					description: 'A token from another identity provider, read from a file (AKS workload identity, CI runners)',
				},
			],
			default: 'clientSecret',
		},
		{
			displayName: 'Tenant',
			name: 'tenantId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'contoso.onmicrosoft.com',
			description: 'The directory (tenant) ID or a verified domain. Not "common" or "organizations": app-only tokens come from one tenant.',
			displayOptions: notManagedIdentity,
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '00000000-0000-0000-0000-000000000000',
			description: "The application (client) ID from the app registration's Overview page",
			displayOptions: notManagedIdentity,
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: "The secret's Value (shown once, when it was created), not its Secret ID",
			displayOptions: { show: { authMethod: ['clientSecret'] } },
		},
		{
			displayName: 'Private Key',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true, rows: 4 },
			default: '',
			required: true,
			placeholder: '-----BEGIN PRIVATE KEY-----',
			description: 'The PEM private key (PKCS#8 or PKCS#1, encrypted or not). The output of openssl pkcs12 -nodes may be pasted whole.',
			displayOptions: { show: { authMethod: ['certificate'] } },
		},
		{
			displayName: 'Passphrase',
			name: 'passphrase',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The passphrase of an encrypted private key. Leave empty for an unencrypted key.',
			displayOptions: { show: { authMethod: ['certificate'] } },
		},
		{
			displayName: 'Certificate',
			name: 'publicCertificate',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			placeholder: '-----BEGIN CERTIFICATE-----',
			description: 'The PEM certificate uploaded to the app. Its SHA-256 thumbprint is computed from it. Or leave empty and enter the thumbprint.',
			displayOptions: { show: { authMethod: ['certificate'] } },
		},
		{
			displayName: 'Certificate Thumbprint',
			name: 'thumbprint',
			type: 'string',
			default: '',
			placeholder: 'AA11BB22CC33DD44EE55FF66AA77BB88CC99DD00',
			description: "The certificate's thumbprint as the app registration shows it, when the certificate itself is not pasted",
			displayOptions: { show: { authMethod: ['certificate'], publicCertificate: [''] } },
		},
		{
			displayName: 'Managed Identity',
			name: 'managedIdentity',
			type: 'options',
			options: [
				{ name: 'System-Assigned', value: 'systemAssigned', description: "The Azure resource's own identity" },
				{ name: 'User-Assigned', value: 'userAssigned', description: 'An identity created on its own and attached to the resource' },
			],
			default: 'systemAssigned',
			displayOptions: { show: { authMethod: ['managedIdentity'] } },
		},
		{
			displayName: 'Managed Identity Client ID',
			name: 'managedIdentityClientId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '00000000-0000-0000-0000-000000000000',
			description: "The user-assigned identity's client ID",
			displayOptions: { show: { authMethod: ['managedIdentity'], managedIdentity: ['userAssigned'] } },
		},
		{
			displayName:
				'The token file is the one the n8n host names in AZURE_FEDERATED_TOKEN_FILE (set by Azure Workload Identity), read again for every token request. With Cloud set to Custom, the login and Graph hosts must be listed in ENTRA_ID_TRUSTED_HOSTS on the n8n host.',
			name: 'federatedNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { authMethod: ['federated'] } },
		},
		{
			displayName:
				'The token comes from the identity endpoint of the Azure host n8n runs on, for the chosen cloud\'s Graph. With Cloud set to Custom, the Graph host must be listed in ENTRA_ID_TRUSTED_HOSTS on the n8n host.',
			name: 'managedIdentityNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { authMethod: ['managedIdentity'] } },
		},
		...cloudFields(
			{
				cloud: 'The Microsoft cloud of your tenant. It sets the sign-in host, the Graph host and the token audience together.',
				graph: 'Root URL of Microsoft Graph (without /v1.0). Tokens are requested for this resource.',
				login: 'Root URL (https) of the Microsoft identity platform. The tenant is added after it.',
			},
			{ authMethod: ['certificate', 'clientSecret', 'federated'] },
		),
	];

	/**
	 * Adds `Authorization: Bearer …` with a token from MSAL's cache, renewed shortly before it
	 * expires, to requests for the credential's own Graph root only (the HTTP Request node can name
	 * any URL). Redirects are not followed: Graph does not redirect, and a redirect elsewhere would
	 * carry the token or the body away.
	 */
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		checkGraphRequest(credentials, requestOptions);
		const token = await getAppOnlyToken(credentials);
		return {
			...requestOptions,
			...NO_REDIRECTS,
			headers: { ...requestOptions.headers, Authorization: `Bearer ${token}` },
		};
	}

	/**
	 * Gets a token and reads the organization. Graph's statuses come back as bodies
	 * (ignoreHttpStatusErrors) and are told apart by Graph's error code: n8n 2.x does not apply
	 * `responseCode` rules (its error wrapper drops the response), but it does apply body rules.
	 * A sign-in failure shows the credential's own message (wrong secret, unknown tenant …).
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{ ${cloudHostExpression('graph', '$credentials')} + '/v1.0' }}`,
			url: '/organization',
			qs: { $select: 'id,displayName' },
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error.code',
					value: 'Authorization_RequestDenied',
					message:
						'The app signed in, but has no admin-consented permission to read the organization. Add the application permission Organization.Read.All (and those your operations need), then Grant admin consent.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error.code',
					value: 'Authorization_IdentityNotFound',
					message: 'The app signed in, but has no service principal in this tenant. An administrator must grant admin consent for it here.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error.code',
					value: 'InvalidAuthenticationToken',
					message: 'The app got a token, but Microsoft Graph rejected it. Check that the Cloud matches the tenant.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'value',
					value: undefined,
					message: 'The app signed in, but Microsoft Graph answered GET /organization with an error. Run a node with this credential to see it.',
				},
			},
		],
	};
}
