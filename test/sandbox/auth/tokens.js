'use strict';
// Access / id tokens: JWTs signed with the test CA key (RS256, kid = CA thumbprint), shaped like
// the v1.0 tokens Entra issues for Microsoft Graph, and the bearer validation Graph applies to them.
const crypto = require('node:crypto');
const jwt = require('./jwt');

const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
// Role template id of Global Administrator, carried in `wids` of the admin user's tokens.
const GLOBAL_ADMIN_WID = '62e90394-69f5-4237-9190-012177145e10';
const now = () => Math.floor(Date.now() / 1000);
const uti = () => crypto.randomBytes(16).toString('base64url').slice(0, 22);

/** Graph answers 401 with this challenge header. */
const WWW_AUTHENTICATE =
	'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"';

function createTokenService({ keys, tenantId, lifetime, acceptedAudiences }) {
	// uti -> issue sequence number, so expireAllTokens() can tell older tokens from newer ones.
	const issued = new Map();
	const state = { seq: 0, cutoffSeq: 0, cutoffMs: 0 };
	const verified = new Set();

	function signAccess(claims, expiresIn) {
		const iat = now();
		const id = uti();
		const payload = {
			aud: claims.aud,
			iss: `https://sts.windows.net/${tenantId}/`,
			iat,
			nbf: iat,
			exp: iat + expiresIn,
			...claims,
			tid: tenantId,
			uti: id,
			ver: '1.0',
			xms_tcdt: 1577836800,
		};
		payload.idp = payload.idp ?? payload.iss;
		issued.set(id, ++state.seq);
		return jwt.sign(payload, keys.caPrivateKey, { kid: keys.kid, x5t: keys.kid });
	}

	/**
	 * Issues an access token. opts: { type: 'app'|'delegated', appId, appName?, userId?, user?, scopes?, roles?,
	 * resource?, expiresIn?, appidacr?, objectId? } -> { accessToken, expiresIn }
	 */
	function issue(opts) {
		const expiresIn = opts.expiresIn ?? lifetime();
		const base = {
			aud: opts.resource || 'https://graph.microsoft.com',
			aio: uti(),
			app_displayname: opts.appName || 'n8n Entra ID sandbox app',
			appid: opts.appId,
			appidacr: opts.appidacr ?? '1',
			rh: `0.${uti()}.`,
		};
		let claims;
		if (opts.type === 'delegated') {
			const user = opts.user || {};
			const upn = user.userPrincipalName || `admin@sandbox.onmicrosoft.com`;
			claims = {
				...base,
				acct: 0,
				acr: '1',
				amr: ['pwd'],
				family_name: user.surname || 'Admin',
				given_name: user.givenName || 'Sandbox',
				idtyp: 'user',
				ipaddr: '127.0.0.1',
				name: user.displayName || 'Sandbox Admin',
				oid: opts.userId,
				scp: (opts.scopes || []).join(' '),
				sub: crypto.createHash('sha256').update(`${opts.userId}|${opts.appId}`).digest('base64url').slice(0, 43),
				unique_name: upn,
				upn,
				wids: [GLOBAL_ADMIN_WID],
			};
		} else {
			const oid = opts.objectId || opts.appId;
			claims = { ...base, idtyp: 'app', oid, roles: opts.roles || [], sub: oid };
		}
		return { accessToken: signAccess(claims, expiresIn), expiresIn };
	}

	/** OpenID Connect id token (v2.0) for the authorization-code and refresh grants. */
	function idToken({ issuerBase, clientId, user, userId, nonce }) {
		const iat = now();
		const payload = {
			aud: clientId,
			iss: `${issuerBase}/${tenantId}/v2.0`,
			iat,
			nbf: iat,
			exp: iat + 3600,
			name: user?.displayName || 'Sandbox Admin',
			oid: userId,
			preferred_username: user?.userPrincipalName || 'admin@sandbox.onmicrosoft.com',
			rh: `0.${uti()}.`,
			sub: crypto.createHash('sha256').update(`${userId}|${clientId}`).digest('base64url').slice(0, 43),
			tid: tenantId,
			uti: uti(),
			ver: '2.0',
			...(nonce ? { nonce } : {}),
		};
		return jwt.sign(payload, keys.caPrivateKey, { kid: keys.kid });
	}

	const fail = (message) => ({
		ok: false,
		status: 401,
		code: 'InvalidAuthenticationToken',
		message,
		headers: { 'WWW-Authenticate': WWW_AUTHENTICATE },
	});

	/** Graph's bearer validation: signature, lifetime, tenant, audience. */
	function authenticate(req) {
		const header = req.headers?.authorization;
		const match = typeof header === 'string' ? /^Bearer(?:\s+(.*))?$/i.exec(header.trim()) : null;
		const token = match?.[1]?.trim();
		if (!token) return fail('Access token is empty.');
		const decoded = jwt.decode(token);
		// Non-JWT strings: Graph tries them as MSA compact tokens and fails with this code.
		if (!decoded) return fail('CompactToken parsing failed with error code: 80049217');
		// Graph checks every request; remember good signatures (lifetime is still checked each time).
		if (!verified.has(token)) {
			if (decoded.header.alg !== 'RS256' || decoded.header.kid !== keys.kid || !jwt.verify(decoded, keys.caPublicKey)) {
				return fail('Access token validation failure. Invalid signature.');
			}
			if (verified.size >= 5000) verified.clear();
			verified.add(token);
		}
		const claims = decoded.payload;
		const seq = issued.get(claims.uti);
		const expiredByCall = seq !== undefined ? seq <= state.cutoffSeq : claims.iat * 1000 <= state.cutoffMs;
		if (typeof claims.exp !== 'number' || claims.exp <= now() || expiredByCall) {
			return fail('Lifetime validation failed, the token is expired.');
		}
		if (claims.tid !== tenantId) return fail('Access token validation failure. Invalid issuer.');
		if (!acceptedAudiences().includes(String(claims.aud).replace(/\/+$/, ''))) {
			return fail('Access token validation failure. Invalid audience.');
		}
		const delegated = claims.idtyp === 'user' || typeof claims.scp === 'string';
		return {
			ok: true,
			principal: {
				type: delegated ? 'delegated' : 'app',
				appId: claims.appid,
				...(delegated ? { userId: claims.oid } : {}),
				roles: delegated ? [] : claims.roles || [],
				scopes: delegated ? claims.scp.split(' ').filter(Boolean) : [],
				tenantId: claims.tid,
				claims,
			},
		};
	}

	function expireAll() {
		state.cutoffSeq = state.seq;
		state.cutoffMs = Date.now();
	}

	return { issue, idToken, authenticate, expireAll };
}

module.exports = { createTokenService, GRAPH_APP_ID, WWW_AUTHENTICATE };
