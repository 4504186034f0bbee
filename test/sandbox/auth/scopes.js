'use strict';
// Scope strings as the v2.0 endpoint reads them: '<resource>/<permission>' pairs plus the OpenID
// Connect scopes, one resource per request.
const { aad } = require('./errors');

const GRAPH = 'https://graph.microsoft.com';
const OIDC_SCOPES = new Set(['openid', 'profile', 'email', 'offline_access']);
// Resource ids Entra knows by GUID as well as by URL.
const RESOURCE_ALIASES = { '00000003-0000-0000-c000-000000000000': GRAPH };

const normalizeResource = (resource) => {
	const trimmed = resource.replace(/\/+$/, '');
	return RESOURCE_ALIASES[trimmed.toLowerCase()] || trimmed;
};

/** '<resource>/<name>' -> { resource, name }; a bare name is a Microsoft Graph permission. */
function splitScope(scope) {
	const slash = scope.lastIndexOf('/');
	if (slash <= 0) return { resource: GRAPH, name: scope };
	return { resource: normalizeResource(scope.slice(0, slash)), name: scope.slice(slash + 1) };
}

/** client_credentials: exactly one '<resource>/.default'. -> resource */
function parseAppScope(scopeParam) {
	const scopes = String(scopeParam).split(/\s+/).filter(Boolean);
	if (scopes.length === 1 && scopes[0].endsWith('/.default') && scopes[0].length > '/.default'.length) {
		return splitScope(scopes[0]).resource;
	}
	const bad = scopes.find((s) => !s.endsWith('/.default')) || scopes.join(' ');
	if (scopes.length > 1 && scopes.every((s) => s.endsWith('/.default'))) {
		throw aad(
			400,
			'invalid_scope',
			70011,
			`The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope ${scopes.join(' ')} is not valid.`,
		);
	}
	throw aad(
		400,
		'invalid_scope',
		1002012,
		`The provided value for scope ${bad} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
	);
}

/**
 * Delegated grants -> { resource, permissions: string[], oidc: string[], granted: string }.
 * `/.default` expands to the app's consented delegated permissions.
 */
function parseDelegatedScopes(scopeParam, consented) {
	const scopes = String(scopeParam || '').split(/\s+/).filter(Boolean);
	const oidc = scopes.filter((s) => OIDC_SCOPES.has(s));
	const parsed = scopes.filter((s) => !OIDC_SCOPES.has(s)).map(splitScope);
	const resources = [...new Set(parsed.map((p) => p.resource))];
	if (resources.length > 1) {
		throw aad(
			400,
			'invalid_scope',
			28000,
			`Provided value for the input parameter scope is not valid because it contains more than one resource. Scope ${scopes.join(' ')} is not valid.`,
		);
	}
	const resource = resources[0] || GRAPH;
	const names = parsed.flatMap((p) => (p.name === '.default' ? consented : [p.name]));
	// A token for OIDC scopes only is a Graph token carrying them (minus offline_access).
	const permissions = [...new Set(names.length ? names : oidc.filter((s) => s !== 'offline_access'))];
	const prefix = resource === GRAPH ? `${GRAPH}/` : `${resource}/`;
	const granted = [...permissions.map((p) => (OIDC_SCOPES.has(p) ? p : prefix + p)), ...oidc.filter((s) => s !== 'offline_access')];
	return { resource, permissions, oidc, granted: [...new Set(granted)].join(' ') };
}

module.exports = { parseAppScope, parseDelegatedScopes, normalizeResource, GRAPH, OIDC_SCOPES };
