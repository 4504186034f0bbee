'use strict';
// POST /{tenant}/oauth2/v2.0/token: client_credentials, authorization_code, refresh_token, device_code.
const crypto = require('node:crypto');
const { aad, missingParam } = require('./errors');
const { authenticateClient } = require('./client-auth');
const { parseAppScope, parseDelegatedScopes } = require('./scopes');

const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const opaque = (prefix) => `${prefix}${crypto.randomBytes(48).toString('base64url')}`;

/** client_id and secret from 'Authorization: Basic' (client_secret_basic), if sent. */
function basicCredentials(req) {
	const match = /^Basic\s+(.+)$/i.exec(req.headers.authorization || '');
	if (!match) return null;
	const [id, ...rest] = Buffer.from(match[1], 'base64').toString('utf8').split(':');
	// RFC 6749 asks clients to form-encode both parts; many (n8n's client-oauth2) send them raw.
	const decode = (s) => {
		try {
			return decodeURIComponent(s.replace(/\+/g, '%20'));
		} catch {
			return s;
		}
	};
	const raw = { clientId: id, clientSecret: rest.join(':') };
	return { clientId: decode(raw.clientId), clientSecret: decode(raw.clientSecret), raw };
}

function createTokenEndpoint(core) {
	const { app } = core;

	function unknownClient(clientId) {
		return aad(
			400,
			'unauthorized_client',
			700016,
			`Application with identifier '${clientId}' was not found in the directory '${core.tenantName}'. ` +
				'This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. ' +
				'You may have sent your authentication request to the wrong tenant.',
		);
	}

	/** Tokens for the signed-in user: access token, plus id_token (openid) and refresh_token (offline_access). */
	function delegatedResponse({ clientId, userId, scopes, nonce, appidacr, base }) {
		const user = core.findUser(userId);
		const { accessToken, expiresIn } = core.tokens.issue({
			type: 'delegated',
			appId: clientId,
			appName: app.displayName,
			appidacr,
			userId,
			user,
			scopes: scopes.permissions,
			resource: scopes.resource,
		});
		const body = { token_type: 'Bearer', scope: scopes.granted, expires_in: expiresIn, ext_expires_in: expiresIn, access_token: accessToken };
		if (scopes.oidc.includes('offline_access')) {
			body.refresh_token = opaque('1.AXsbx');
			core.refreshTokens.set(body.refresh_token, { clientId, userId, scope: scopes, revoked: false });
		}
		if (scopes.oidc.includes('openid')) body.id_token = core.tokens.idToken({ issuerBase: base, clientId, user, userId, nonce });
		return body;
	}

	function clientCredentials(params, ctx, clientAuth) {
		if (ctx.tenantKind !== 'tenant') {
			throw aad(400, 'invalid_request', 50059, 'No tenant-identifying information found in either the request or implied by any provided credentials.');
		}
		const { appidacr } = clientAuth();
		const scope = params.get('scope');
		if (!scope) throw missingParam('scope');
		const resource = parseAppScope(scope);
		const { accessToken, expiresIn } = core.tokens.issue({
			type: 'app',
			appId: app.clientId,
			appName: app.displayName,
			objectId: app.servicePrincipalId,
			appidacr,
			roles: [...app.roles],
			resource,
		});
		return { token_type: 'Bearer', expires_in: expiresIn, ext_expires_in: expiresIn, access_token: accessToken };
	}

	function authorizationCode(params, ctx, clientAuth) {
		const code = params.get('code');
		if (!code) throw missingParam('code');
		const entry = core.codes.get(code);
		if (!entry || entry.clientId !== app.clientId) throw aad(400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid.');
		const { appidacr } = clientAuth();
		if (entry.redeemed) {
			throw aad(400, 'invalid_grant', 54005, 'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.');
		}
		if (entry.expiresAt < Date.now()) {
			throw aad(400, 'invalid_grant', 70008, 'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.');
		}
		const redirectUri = params.get('redirect_uri');
		if (redirectUri !== entry.redirectUri) {
			throw aad(400, 'invalid_grant', 500112, `The reply address '${redirectUri}' does not match the reply address '${entry.redirectUri}' provided when requesting Authorization code.`);
		}
		if (entry.codeChallenge) {
			const verifier = params.get('code_verifier') || '';
			const computed = entry.codeChallengeMethod === 'S256' ? crypto.createHash('sha256').update(verifier).digest('base64url') : verifier;
			if (computed !== entry.codeChallenge) {
				throw aad(400, 'invalid_grant', 501481, 'The Code_Verifier does not match the code_challenge supplied in the authorization request.');
			}
		}
		entry.redeemed = true;
		return delegatedResponse({ clientId: entry.clientId, userId: entry.userId, scopes: entry.scope, nonce: entry.nonce, appidacr, base: ctx.base });
	}

	function refreshToken(params, ctx, clientAuth) {
		const token = params.get('refresh_token');
		if (!token) throw missingParam('refresh_token');
		const entry = core.refreshTokens.get(token);
		if (!entry || entry.clientId !== app.clientId) throw aad(400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid.');
		const { appidacr } = clientAuth();
		if (entry.revoked) {
			throw aad(400, 'invalid_grant', 50173, `The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password. The grant was issued on '${new Date().toISOString()}' and the TokensValidFrom date (before which tokens are not valid) for this user is '${new Date().toISOString()}'.`);
		}
		const scopeParam = params.get('scope');
		const scopes = scopeParam ? parseDelegatedScopes(scopeParam, app.delegatedScopes) : entry.scope;
		// Rotation: a new refresh token each time; like Entra, the old one keeps working until revoked.
		const withRefresh = { ...scopes, oidc: [...new Set([...scopes.oidc, 'offline_access'])] };
		return delegatedResponse({ clientId: entry.clientId, userId: entry.userId, scopes: withRefresh, appidacr, base: ctx.base });
	}

	function deviceCode(params, ctx) {
		const code = params.get('device_code');
		if (!code) throw missingParam('device_code');
		const entry = core.deviceCodes.get(code);
		if (!entry || entry.clientId !== app.clientId) throw aad(400, 'invalid_grant', 70000, 'Provided grant is invalid or malformed.');
		if (entry.expiresAt < Date.now()) throw aad(400, 'expired_token', 70020, 'The provided value for the input parameter device_code is not valid. Device codes expire after 15 minutes.');
		core.deviceCodes.delete(code);
		return delegatedResponse({ clientId: entry.clientId, userId: entry.userId, scopes: entry.scope, appidacr: '0', base: ctx.base });
	}

	/** POST /{tenant}/oauth2/v2.0/devicecode. The sandbox approves at once: the first poll gets tokens. */
	function deviceAuthorization(params, base) {
		const clientId = params.get('client_id');
		if (!clientId) throw missingParam('client_id');
		if (clientId !== app.clientId) throw unknownClient(clientId);
		const scope = parseDelegatedScopes(params.get('scope') || 'openid profile offline_access', app.delegatedScopes);
		const deviceCode = opaque('DAQABsbx');
		const userCode = crypto.randomBytes(5).toString('hex').toUpperCase().slice(0, 9);
		core.deviceCodes.set(deviceCode, { clientId, scope, userId: core.signedInUserId(), expiresAt: Date.now() + 900_000 });
		const verificationUri = `${base}/devicelogin`;
		return {
			user_code: userCode,
			device_code: deviceCode,
			verification_uri: verificationUri,
			expires_in: 900,
			interval: 5,
			message: `To sign in, use a web browser to open the page ${verificationUri} and enter the code ${userCode} to authenticate.`,
		};
	}

	const grants = { client_credentials: clientCredentials, authorization_code: authorizationCode, refresh_token: refreshToken, [DEVICE_CODE_GRANT]: deviceCode };

	/** -> { status, body, grantType, clientId, method? } ; AadError thrown for every refusal. */
	function handle(req, params, ctx) {
		const basic = basicCredentials(req);
		const grantType = params.get('grant_type');
		const clientId = params.get('client_id') || basic?.clientId;
		const result = { grantType, clientId };
		if (!grantType) throw Object.assign(missingParam('grant_type'), result);
		const grant = grants[grantType];
		if (!grant) throw Object.assign(aad(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType}'.`), result);
		if (!clientId) throw Object.assign(missingParam('client_id'), result);
		if (clientId !== app.clientId) throw Object.assign(unknownClient(clientId), result);
		const clientAuth = () => {
			result.method = authenticateClient(params, basic, ctx).method;
			return { appidacr: result.method === 'secret' ? '1' : '2' };
		};
		try {
			const body = grant(params, ctx, clientAuth);
			return { ...result, status: 200, body };
		} catch (err) {
			throw Object.assign(err, result);
		}
	}

	return { handle, deviceAuthorization };
}

module.exports = { createTokenEndpoint, DEVICE_CODE_GRANT };
