import type { ICredentialDataDecryptedObject, IDisplayOptions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { canonicalRoot } from './hosts';

/** National clouds: the authority (login) host and the Graph host go together. */
export const CLOUDS = {
	global: { login: 'https://login.microsoftonline.com', graph: 'https://graph.microsoft.com' },
	usGov: { login: 'https://login.microsoftonline.us', graph: 'https://graph.microsoft.us' },
	usGovDod: { login: 'https://login.microsoftonline.us', graph: 'https://dod-graph.microsoft.us' },
	china: { login: 'https://login.chinacloudapi.cn', graph: 'https://microsoftgraph.chinacloudapi.cn' },
} as const;

export type CloudName = keyof typeof CLOUDS | 'custom';

export const cloudOptions: INodePropertyOptions[] = [
	{ name: 'China (21Vianet)', value: 'china', description: 'login.chinacloudapi.cn / microsoftgraph.chinacloudapi.cn' },
	{ name: 'Custom', value: 'custom', description: 'Your own Graph and login endpoints (a proxy, a gateway, or a test sandbox)' },
	{ name: 'Global', value: 'global', description: 'login.microsoftonline.com / graph.microsoft.com' },
	{ name: 'US Government (GCC High)', value: 'usGov', description: 'login.microsoftonline.us / graph.microsoft.us' },
	{ name: 'US Government DoD', value: 'usGovDod', description: 'login.microsoftonline.us / dod-graph.microsoft.us' },
];

/** Cloud, and the Graph and login roots of a custom cloud: both credentials ask for them, each in its own words. */
export function cloudFields(text: { cloud: string; graph: string; login: string }, loginShown: IDisplayOptions['show'] = {}): INodeProperties[] {
	const custom = (displayName: string, name: string, placeholder: string, description: string, show: IDisplayOptions['show']): INodeProperties => ({
		displayName,
		name,
		type: 'string',
		default: '',
		placeholder,
		required: true,
		displayOptions: { show: { cloud: ['custom'], ...show } },
		description,
	});
	return [
		{ displayName: 'Cloud', name: 'cloud', type: 'options', options: cloudOptions, default: 'global', description: text.cloud },
		custom('Graph Endpoint URL', 'customGraphUrl', 'https://graph.microsoft.com', text.graph, {}),
		custom('Login (Authority) URL', 'customLoginUrl', 'https://login.microsoftonline.com', text.login, loginShown),
	];
}

/** Graph application/delegated permissions the node's operations use, least privilege first. */
export const DELEGATED_SCOPES = [
	'User.ReadWrite.All',
	'Group.ReadWrite.All',
	'GroupMember.ReadWrite.All',
	'User.RevokeSessions.All',
	'User-PasswordProfile.ReadWrite.All',
	'LicenseAssignment.ReadWrite.All',
	'Organization.Read.All',
];

/** A custom root in canonical form; text that is no URL is kept (trimmed) for the checks to name. */
const customRoot = (value: unknown) => {
	const text = String(value ?? '').trim();
	return canonicalRoot(text) ?? text.replace(/\/+$/, '');
};

export interface CloudEndpoints {
	loginUrl: string;
	graphUrl: string;
}

/** The login and Graph roots (no trailing slash) that a credential points at. */
export function resolveCloud(credentials: ICredentialDataDecryptedObject): CloudEndpoints {
	const cloud = (credentials.cloud as CloudName | undefined) ?? 'global';
	if (cloud === 'custom') {
		return {
			loginUrl: customRoot(credentials.customLoginUrl),
			graphUrl: customRoot(credentials.customGraphUrl),
		};
	}
	const hosts = CLOUDS[cloud] ?? CLOUDS.global;
	return { loginUrl: hosts.login, graphUrl: hosts.graph };
}

/** Whether the root is a Microsoft cloud's own login or Graph root (as the Cloud option sets it). */
export function isMicrosoftRoot(root: string, kind: 'login' | 'graph'): boolean {
	return Object.values(CLOUDS).some((hosts) => hosts[kind] === root);
}

/**
 * An n8n expression that picks a cloud's host from the credential's own fields ($self),
 * for hidden OAuth2 fields ($self) and credential tests ($credentials).
 */
export function cloudHostExpression(kind: 'login' | 'graph', source: '$self' | '$credentials' = '$self'): string {
	const table = JSON.stringify(
		Object.fromEntries(Object.entries(CLOUDS).map(([name, hosts]) => [name, hosts[kind]])),
	);
	const custom = `${source}.${kind === 'login' ? 'customLoginUrl' : 'customGraphUrl'}`;
	return `(${table}[${source}.cloud] || String(${custom} || '').trim().replace(/\\/+$/, ''))`;
}
