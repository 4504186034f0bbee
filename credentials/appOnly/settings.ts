import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { isGuid } from '../../nodes/shared/values';
import { isMicrosoftRoot, resolveCloud } from '../clouds';
import { isTrustedHost, TRUSTED_HOSTS_VARIABLE } from '../hosts';
import { fieldError } from './errors';

export type AuthMethod = 'certificate' | 'clientSecret' | 'federated' | 'managedIdentity';

const METHODS: AuthMethod[] = ['certificate', 'clientSecret', 'federated', 'managedIdentity'];

/** Where the app signs in and what it asks for, read from the credential and checked. */
export interface AppOnlySettings {
	method: AuthMethod;
	tenant: string;
	clientId: string;
	/** Login root, e.g. https://login.microsoftonline.com (no tenant, no trailing slash). */
	loginUrl: string;
	/** Graph root, e.g. https://graph.microsoft.com: the token's resource. */
	graphUrl: string;
	/** `${loginUrl}/${tenant}`: MSAL's authority. */
	authority: string;
}

const DOMAIN = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** Multi-tenant aliases: a client credentials token is always issued by one named tenant. */
const ALIASES = new Set(['common', 'organizations', 'consumers']);

function text(credentials: ICredentialDataDecryptedObject, name: string): string {
	const value = credentials[name];
	return typeof value === 'string' ? value.trim() : '';
}

function checkTenant(tenant: string): string {
	if (ALIASES.has(tenant.toLowerCase())) {
		throw fieldError(
			'Tenant',
			`"${tenant}" is for apps where users of many tenants sign in. App-only tokens come from one tenant: enter its directory (tenant) ID or a verified domain.`,
		);
	}
	if (!isGuid(tenant) && !DOMAIN.test(tenant)) {
		throw fieldError('Tenant', 'enter the directory (tenant) ID (a GUID) or a verified domain such as contoso.onmicrosoft.com.');
	}
	return tenant;
}

function checkUrl(field: string, url: string, httpsOnly: boolean): string {
	let parsed: URL | undefined;
	try {
		parsed = new URL(url);
	} catch {
		parsed = undefined;
	}
	const schemes = httpsOnly ? ['https:'] : ['https:', 'http:'];
	if (!parsed || !schemes.includes(parsed.protocol)) {
		throw fieldError(field, httpsOnly ? 'enter an https:// URL (MSAL signs in over https only).' : 'enter an http(s):// URL.');
	}
	return url;
}

/**
 * Managed identity and federation sign in as the machine n8n runs on, not with a secret the n8n
 * user typed: their tokens (and the federated token file) go to the Microsoft clouds' own hosts,
 * or to hosts the host's administrator lists in ENTRA_ID_TRUSTED_HOSTS.
 */
function checkHostIdentityRoot(field: string, root: string, kind: 'login' | 'graph', method: AuthMethod) {
	if (isMicrosoftRoot(root, kind) || isTrustedHost(root)) return;
	const identity = method === 'managedIdentity' ? 'A managed identity' : 'Workload identity federation';
	let host = 'this host';
	try {
		host = new URL(root).host;
	} catch {}
	throw fieldError(
		field,
		`${identity} is the n8n host's own identity, so it signs in only with the Microsoft clouds' own endpoints. ${host} is not one, and the host's administrator has not listed it in ${TRUSTED_HOSTS_VARIABLE}. Choose your Microsoft cloud, or ask the administrator to add the host.`,
	);
}

export function readSettings(credentials: ICredentialDataDecryptedObject): AppOnlySettings {
	const method = (text(credentials, 'authMethod') || 'clientSecret') as AuthMethod;
	if (!METHODS.includes(method)) throw fieldError('Authentication Method', `"${method}" is not a known method.`);
	const { loginUrl, graphUrl } = resolveCloud(credentials);
	const custom = credentials.cloud === 'custom';
	const graphField = custom ? 'Graph Endpoint URL' : 'Cloud';
	const loginField = custom ? 'Login (Authority) URL' : 'Cloud';
	checkUrl(graphField, graphUrl, false);
	if (method === 'managedIdentity' || method === 'federated') checkHostIdentityRoot(graphField, graphUrl, 'graph', method);
	if (method === 'managedIdentity') {
		// The Azure host's identity endpoint issues the token: tenant, client and login host play no part.
		return { method, tenant: '', clientId: '', loginUrl, graphUrl, authority: '' };
	}
	checkUrl(loginField, loginUrl, true);
	if (method === 'federated') checkHostIdentityRoot(loginField, loginUrl, 'login', method);
	const tenant = checkTenant(text(credentials, 'tenantId'));
	const clientId = text(credentials, 'clientId');
	if (!isGuid(clientId)) {
		throw fieldError('Client ID', "enter the application (client) ID, the GUID on the app registration's Overview page.");
	}
	return { method, tenant, clientId, loginUrl, graphUrl, authority: `${loginUrl}/${tenant}` };
}
