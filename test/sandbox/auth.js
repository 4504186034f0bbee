'use strict';
// Identity platform of the sandbox: token endpoint, authorize, discovery, managed identity and
// Graph's bearer validation. Contract: INTERFACE.md ("auth.js contract"). Parts live in ./auth/.
const crypto = require('node:crypto');
const { loadKeys } = require('./auth/keys');
const { createApp } = require('./auth/app');
const { createTokenService } = require('./auth/tokens');
const { createTokenEndpoint, DEVICE_CODE_GRANT } = require('./auth/token-endpoint');
const { createManagedIdentity } = require('./auth/managed-identity');
const { createAuthorize, logout } = require('./auth/authorize');
const { openidConfiguration, instanceDiscovery } = require('./auth/discovery');
const { AadError, aad, sendJson } = require('./auth/errors');

const DEFAULT_TENANT_ID = '5c1f0e7a-2d3b-4c8e-9f6a-7b1d2e3f4a5c';
const GRAPH_HOSTS = [
	'https://graph.microsoft.com',
	'https://graph.microsoft.us',
	'https://dod-graph.microsoft.us',
	'https://microsoftgraph.chinacloudapi.cn',
	'00000003-0000-0000-c000-000000000000',
];
const FALLBACK_USER_ID = '0b6e1a3c-8d2f-4e5a-9b7c-1d3e5f7a9b2c';

/** Users of the core store, whatever its shape (Map, array, list('users')); [] without a store. */
function storeUsers(store) {
	if (!store) return [];
	let users = store.users;
	if (users === undefined && typeof store.list === 'function') {
		try {
			users = store.list('users');
		} catch {
			users = undefined;
		}
	}
	if (!users) return [];
	if (Array.isArray(users)) return users;
	if (typeof users.values === 'function') return users.values();
	return Object.values(users);
}

function createAuth(options = {}) {
	const tenantId = (options.tenantId || DEFAULT_TENANT_ID).toLowerCase();
	const tenantDomain = options.tenantDomain || 'sandbox.onmicrosoft.com';
	const getBaseUrls = options.getBaseUrls || (() => ({}));
	const keys = loadKeys();
	const app = createApp(keys, options.app);

	const auth = {
		tenantId,
		tenantDomain,
		tenantName: options.tenantName || 'Entra ID Sandbox',
		app,
		tokenLog: [],
		tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3600,
		// user the authorize endpoint signs in as; null: the store's first user
		signedInUserId: options.signedInUserId || null,
		// extra audiences Graph accepts besides its own hosts and the sandbox base URLs
		extraAudiences: [],
		checkAudience: true,
		// queued canned answers: { status, body?, headers?, source?: 'token'|'msi'|'imds' }
		faults: { queue: [] },
		caPath: keys.caPath,
		tls: { cert: keys.serverCertPem, key: keys.serverKeyPem, ca: keys.caPem },
		jwks: keys.jwks,
	};

	const baseUrls = () => {
		const { http, https } = getBaseUrls() || {};
		const list = [http, https].filter(Boolean).map((u) => u.replace(/\/+$/, ''));
		// the same listeners reached through "localhost"
		return [...new Set([...list, ...list.map((u) => u.replace('//127.0.0.1:', '//localhost:'))])];
	};
	const requestBase = (req) => `${req.socket?.encrypted ? 'https' : 'http'}://${req.headers.host || '127.0.0.1'}`;

	const tokens = createTokenService({
		keys,
		tenantId,
		lifetime: () => auth.tokenLifetimeSeconds,
		acceptedAudiences: () => (auth.checkAudience ? [...GRAPH_HOSTS, ...baseUrls(), ...auth.extraAudiences] : []),
	});

	function findUser(id) {
		const store = options.store;
		if (store && typeof store.getUser === 'function') {
			const user = store.getUser(id);
			if (user) return user;
		}
		if (store?.users instanceof Map && store.users.has(id)) return store.users.get(id);
		for (const user of storeUsers(store)) if (user?.id === id) return user;
		return id === FALLBACK_USER_ID ? { id, displayName: 'Sandbox Admin', userPrincipalName: `admin@${tenantDomain}` } : undefined;
	}

	const core = {
		app,
		tokens,
		tenantName: auth.tenantName,
		codes: new Map(),
		refreshTokens: new Map(),
		deviceCodes: new Map(),
		findUser,
		signedInUserId() {
			if (auth.signedInUserId) return auth.signedInUserId;
			// the seeded admin (admin@<tenant domain>), else the directory's first user
			const admin = typeof options.store?.getUser === 'function' && options.store.getUser(`admin@${tenantDomain}`);
			if (admin?.id) return admin.id;
			for (const user of storeUsers(options.store)) if (user?.id) return user.id;
			return FALLBACK_USER_ID;
		},
	};
	const tokenEndpoint = createTokenEndpoint(core);
	const managedIdentity = createManagedIdentity(core);
	const authorize = createAuthorize(core);

	/** tenant path segment -> 'tenant' | 'common' | 'organizations' | null (unknown). */
	function tenantKind(segment) {
		const s = String(segment).toLowerCase();
		if (s === tenantId || s === tenantDomain.toLowerCase()) return 'tenant';
		if (s === 'common' || s === 'organizations') return s;
		return null;
	}
	const tenantNotFound = (segment, error = 'invalid_tenant') =>
		aad(400, error, 90002, `Tenant '${segment}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`);

	function log(entry) {
		auth.tokenLog.push({ time: Date.now(), ...entry });
	}

	/** Pops a queued fault for this source, if any. */
	function takeFault(source) {
		const i = auth.faults.queue.findIndex((f) => !f.source || f.source === source);
		return i < 0 ? null : auth.faults.queue.splice(i, 1)[0];
	}

	function sendFault(res, fault, headers) {
		sendJson(res, fault.status, fault.body ?? aad(fault.status, 'temporarily_unavailable', 90033, 'A transient error has occurred. Please try again.').body(), { ...headers, ...fault.headers });
	}

	function tokenRequest(req, res, segment, rawBody, correlationId) {
		const headers = { 'client-request-id': correlationId, 'x-ms-request-id': crypto.randomUUID() };
		const params = new URLSearchParams(rawBody ? rawBody.toString('utf8') : '');
		const entry = { source: 'token', grantType: params.get('grant_type'), clientId: params.get('client_id'), tenant: segment };
		const fault = takeFault('token');
		if (fault) {
			sendFault(res, fault, headers);
			return log({ ...entry, status: fault.status, error: 'fault' });
		}
		try {
			if (req.method !== 'POST') throw aad(400, 'invalid_request', 900561, `The endpoint only accepts POST, OPTIONS requests. Received a ${req.method} request.`);
			const kind = tenantKind(segment);
			if (!kind) throw tenantNotFound(segment, 'invalid_request');
			const base = requestBase(req);
			const bases = [...new Set([base, ...baseUrls()])];
			const segments = [...new Set([segment, tenantId, tenantDomain])];
			const tokenAudiences = bases.flatMap((b) => segments.flatMap((t) => [`${b}/${t}/oauth2/v2.0/token`, `${b}/${t}/oauth2/token`]));
			const result = tokenEndpoint.handle(req, params, { base, tenantKind: kind, tokenAudiences, app });
			sendJson(res, 200, result.body, headers);
			log({ ...entry, grantType: result.grantType, clientId: result.clientId, method: result.method, status: 200 });
		} catch (err) {
			if (!(err instanceof AadError)) throw err;
			sendJson(res, err.status, err.body(correlationId), headers);
			log({ ...entry, grantType: err.grantType ?? entry.grantType, clientId: err.clientId ?? entry.clientId, method: err.method, status: err.status, error: err.error, aadsts: err.code });
		}
	}

	function miRequest(req, res, url, source) {
		const fault = takeFault(source);
		const entry = { source, grantType: 'managed_identity', resource: url.searchParams.get('resource'), clientId: url.searchParams.get('client_id') || url.searchParams.get('object_id') || url.searchParams.get('mi_res_id') || url.searchParams.get('msi_res_id') || null };
		if (fault) {
			sendFault(res, fault, {});
			return log({ ...entry, status: fault.status, error: 'fault' });
		}
		const result = source === 'msi' ? managedIdentity.appService(req, url.searchParams) : managedIdentity.imds(req, url.searchParams);
		sendJson(res, result.status, result.body);
		const error = result.status === 200 ? undefined : result.body.error || result.body.message;
		log({ ...entry, clientId: result.clientId ?? entry.clientId, status: result.status, ...(error ? { error } : {}) });
	}

	function deviceCodeRequest(req, res, segment, rawBody, correlationId) {
		const params = new URLSearchParams(rawBody ? rawBody.toString('utf8') : '');
		try {
			if (!tenantKind(segment)) throw tenantNotFound(segment, 'invalid_request');
			sendJson(res, 200, tokenEndpoint.deviceAuthorization(params, requestBase(req)));
		} catch (err) {
			if (!(err instanceof AadError)) throw err;
			sendJson(res, err.status, err.body(correlationId));
		}
	}

	function userinfo(req, res) {
		const result = tokens.authenticate(req);
		if (!result.ok || result.principal.type !== 'delegated') {
			const message = result.ok ? 'Access token validation failure. The token is not a user token.' : result.message;
			return sendJson(res, 401, { error: { code: 'InvalidAuthenticationToken', message } }, result.headers);
		}
		const user = findUser(result.principal.userId) || {};
		sendJson(res, 200, {
			sub: result.principal.claims.sub,
			name: user.displayName,
			family_name: user.surname,
			given_name: user.givenName,
			picture: 'https://graph.microsoft.com/v1.0/me/photo/$value',
			email: user.mail || user.userPrincipalName,
		});
	}

	/** Answers identity-platform paths; false for anything else (the core server then 404s). */
	auth.handle = function handle(req, res, url, rawBody) {
		const path = url.pathname.replace(/\/+$/, '');
		const correlationId = req.headers['client-request-id'] || crypto.randomUUID();
		if (path === '/msi/token') return miRequest(req, res, url, 'msi'), true;
		if (path === '/metadata/identity/oauth2/token') return miRequest(req, res, url, 'imds'), true;
		if (path === '/oidc/userinfo') return userinfo(req, res), true;
		if (path === '/discovery/keys' || path === '/discovery/v2.0/keys') return sendJson(res, 200, keys.jwks), true;
		const match = /^\/([^/]+)\/(.+)$/.exec(path);
		if (!match) return false;
		let segment = match[1];
		try {
			segment = decodeURIComponent(segment);
		} catch {
			// keep it raw: it is then an unknown tenant
		}
		const rest = match[2];
		const base = requestBase(req);
		if (rest === 'discovery/instance') return sendJson(res, 200, instanceDiscovery(base, url.searchParams)), true;
		const routes = {
			'v2.0/.well-known/openid-configuration': 'config',
			'.well-known/openid-configuration': 'config',
			'discovery/v2.0/keys': 'keys',
			'discovery/keys': 'keys',
			'oauth2/v2.0/authorize': 'authorize',
			'oauth2/v2.0/token': 'token',
			'oauth2/v2.0/devicecode': 'devicecode',
			'oauth2/v2.0/logout': 'logout',
		};
		const route = routes[rest];
		if (!route) return false;
		if (route === 'token') return tokenRequest(req, res, segment, rawBody, correlationId), true;
		if (route === 'devicecode') return deviceCodeRequest(req, res, segment, rawBody, correlationId), true;
		const kind = tenantKind(segment);
		if (route === 'authorize') {
			const query = req.method === 'POST' ? new URLSearchParams(rawBody ? rawBody.toString('utf8') : '') : url.searchParams;
			const tenantError = kind ? null : tenantNotFound(segment, 'invalid_request');
			authorize(req, res, query, { tenantError, correlationId });
			return true;
		}
		if (route === 'logout') return logout(res, url.searchParams), true;
		if (!kind && route === 'config') return sendJson(res, 400, tenantNotFound(segment).body(correlationId)), true;
		if (route === 'config') return sendJson(res, 200, openidConfiguration(base, tenantId, kind, segment)), true;
		return sendJson(res, 200, keys.jwks), true;
	};

	auth.authenticate = (req) => tokens.authenticate(req);

	/** Mints a token without a token request (not logged). Defaults: app token for the test app, or delegated for the signed-in user. */
	auth.issueToken = function issueToken(opts = {}) {
		const type = opts.type || 'app';
		if (type === 'delegated') {
			const userId = opts.userId || core.signedInUserId();
			return tokens.issue({ type, appId: opts.appId || app.clientId, appName: app.displayName, userId, user: findUser(userId), scopes: opts.scopes || [...app.delegatedScopes], resource: opts.resource, expiresIn: opts.expiresIn }).accessToken;
		}
		return tokens.issue({ type: 'app', appId: opts.appId || app.clientId, appName: app.displayName, objectId: opts.objectId || app.servicePrincipalId, roles: opts.roles || [...app.roles], resource: opts.resource, expiresIn: opts.expiresIn }).accessToken;
	};

	auth.expireAllTokens = () => tokens.expireAll();
	auth.clearTokenLog = () => {
		auth.tokenLog.length = 0;
	};
	/** Revokes the refresh tokens of one user (all users without an id), as revokeSignInSessions does. */
	auth.revokeRefreshTokens = (userId) => {
		for (const entry of core.refreshTokens.values()) if (!userId || entry.userId === userId) entry.revoked = true;
	};

	/** Authority URL for MSAL: https listener + tenant id. */
	auth.authorityUrl = (base = getBaseUrls()?.https) => `${String(base).replace(/\/+$/, '')}/${tenantId}`;
	/** MSAL `authorityMetadata` (JSON string): skips the discovery request. */
	auth.authorityMetadata = (base = getBaseUrls()?.https) => JSON.stringify(openidConfiguration(String(base).replace(/\/+$/, ''), tenantId, 'tenant', tenantId));
	/** MSAL `cloudDiscoveryMetadata` (JSON string): the instance-discovery answer for this host. */
	auth.cloudDiscoveryMetadata = (base = getBaseUrls()?.https) => {
		const b = String(base).replace(/\/+$/, '');
		return JSON.stringify(instanceDiscovery(b, new URLSearchParams({ authorization_endpoint: `${b}/${tenantId}/oauth2/v2.0/authorize` })));
	};

	return auth;
}

module.exports = { createAuth, DEVICE_CODE_GRANT };
