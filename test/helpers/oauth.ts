import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { DELEGATED_SCOPES } from '../../credentials/clouds';
import type { Sandbox } from './setup';
import { delegatedCredential } from './setup';

const REDIRECT_URI = 'http://127.0.0.1:5678/rest/oauth2-credential/callback';

/**
 * Connects the delegated credential the way n8n's OAuth2 callback does: the sandbox's authorize
 * endpoint signs the admin in and redirects with a code, which the token endpoint exchanges for
 * an access token and a real refresh token. Returns the token response n8n stores as oauthTokenData.
 */
export async function signIn(sandbox: Sandbox): Promise<IDataObject & { access_token: string; refresh_token: string }> {
	const { clientId, clientSecret } = sandbox.auth.app;
	const base = `${sandbox.loginHttpUrl}/${sandbox.tenantId}/oauth2/v2.0`;
	const scope = ['openid', 'offline_access', ...DELEGATED_SCOPES.map((name) => `https://graph.microsoft.com/${name}`)].join(' ');
	const query = new URLSearchParams({ client_id: clientId, response_type: 'code', redirect_uri: REDIRECT_URI, scope, state: 'n8n' });
	const authorize = await fetch(`${base}/authorize?${query}`, { redirect: 'manual' });
	const code = new URL(String(authorize.headers.get('location'))).searchParams.get('code');
	if (!code) throw new Error(`The sandbox's authorize endpoint gave no code (HTTP ${authorize.status})`);
	const body = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, client_id: clientId, client_secret: clientSecret, scope });
	const answer = await fetch(`${base}/token`, { method: 'POST', body });
	const tokens = (await answer.json()) as IDataObject & { access_token: string; refresh_token: string };
	if (!answer.ok || !tokens.refresh_token) throw new Error(`The sandbox's token endpoint refused the code: ${JSON.stringify(tokens)}`);
	return tokens;
}

/** A delegated credential connected through the real authorization-code flow, holding a refresh token. */
export async function connectedDelegatedCredential(sandbox: Sandbox): Promise<ICredentialDataDecryptedObject> {
	return { ...delegatedCredential(sandbox), oauthTokenData: await signIn(sandbox) };
}
