import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

/** The parts of the Graph sandbox a delegated credential needs (tests and benchmarks alike). */
export interface SandboxEndpoints {
	graphUrl: string;
	loginHttpUrl: string;
	tenantId: string;
	auth: { app: { clientId: string; clientSecret: string }; issueToken(options: IDataObject): string };
}

/** Delegated credential data for the sandbox: a connected OAuth2 credential, as n8n stores it. */
export function delegatedCredential(sandbox: SandboxEndpoints, userId?: string): ICredentialDataDecryptedObject {
	const accessToken = sandbox.auth.issueToken({ type: 'delegated', userId });
	return {
		tenantId: sandbox.tenantId,
		cloud: 'custom',
		customGraphUrl: sandbox.graphUrl,
		customLoginUrl: sandbox.loginHttpUrl,
		clientId: sandbox.auth.app.clientId,
		clientSecret: sandbox.auth.app.clientSecret,
		oauthTokenData: { access_token: accessToken, refresh_token: 'no-refresh-token-issued', token_type: 'Bearer' },
	};
}
