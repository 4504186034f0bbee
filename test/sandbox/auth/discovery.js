'use strict';
// OpenID Connect discovery documents, signing keys and the cloud instance-discovery answer,
// each pointing at the base URL (scheme + host) the request came in on.

/**
 * v2.0 OpenID configuration. For a real tenant the endpoints carry its GUID (as Entra's do even
 * when asked by domain); for common/organizations they keep that word and the issuer is templated.
 */
function openidConfiguration(base, tenantId, tenantKind, segment) {
	const t = tenantKind === 'tenant' ? tenantId : segment.toLowerCase();
	return {
		token_endpoint: `${base}/${t}/oauth2/v2.0/token`,
		token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
		jwks_uri: `${base}/${t}/discovery/v2.0/keys`,
		response_modes_supported: ['query', 'fragment', 'form_post'],
		subject_types_supported: ['pairwise'],
		id_token_signing_alg_values_supported: ['RS256'],
		response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
		scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
		issuer: `${base}/${tenantKind === 'tenant' ? tenantId : '{tenantid}'}/v2.0`,
		request_uri_parameter_supported: false,
		userinfo_endpoint: `${base}/oidc/userinfo`,
		authorization_endpoint: `${base}/${t}/oauth2/v2.0/authorize`,
		device_authorization_endpoint: `${base}/${t}/oauth2/v2.0/devicecode`,
		http_logout_supported: true,
		frontchannel_logout_supported: true,
		end_session_endpoint: `${base}/${t}/oauth2/v2.0/logout`,
		claims_supported: ['sub', 'iss', 'cloud_instance_name', 'cloud_instance_host_name', 'cloud_graph_host_name', 'msgraph_host', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'at_hash', 'c_hash', 'email'],
		kerberos_endpoint: `${base}/${t}/kerberos`,
		tenant_region_scope: tenantKind === 'tenant' ? 'EU' : null,
		cloud_instance_name: 'microsoftonline.com',
		cloud_graph_host_name: 'graph.windows.net',
		msgraph_host: 'graph.microsoft.com',
		rbac_url: 'https://pas.windows.net',
	};
}

/** GET /common/discovery/instance?api-version=1.1&authorization_endpoint=… (Entra's cloud instance discovery). */
function instanceDiscovery(base, query) {
	const requested = query.get('authorization_endpoint');
	let authority = `${base}/common`;
	if (requested) {
		try {
			const url = new URL(requested);
			authority = `${url.origin}${url.pathname.replace(/\/oauth2\/(v2\.0\/)?authorize\/?$/, '')}`;
		} catch {
			// keep the default: Entra answers for unparsable input too
		}
	}
	const host = new URL(authority).host;
	return {
		tenant_discovery_endpoint: `${authority}/v2.0/.well-known/openid-configuration`,
		'api-version': '1.1',
		metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
	};
}

module.exports = { openidConfiguration, instanceDiscovery };
