'use strict';
// Managed identity endpoints as MSAL Node reaches them:
//  - App Service (IDENTITY_ENDPOINT + IDENTITY_HEADER): GET /msi/token?api-version=2019-08-01&resource=…
//  - IMDS (AZURE_POD_IDENTITY_AUTHORITY_HOST): GET /metadata/identity/oauth2/token?api-version=2018-02-01&resource=…
const crypto = require('node:crypto');

/** Which identity the query names: none (system-assigned) or the user-assigned one; null if unknown. */
function pickIdentity(mi, query, resourceIdParam) {
	const clientId = query.get('client_id');
	const objectId = query.get('object_id');
	const resourceId = query.get(resourceIdParam);
	if (!clientId && !objectId && !resourceId) {
		return mi.systemAssignedEnabled ? { clientId: mi.clientId, objectId: mi.objectId } : null;
	}
	const same = (a, b) => a && b && a.toLowerCase() === b.toLowerCase();
	const userAssigned =
		same(clientId, mi.userAssignedClientId) || same(objectId, mi.userAssignedObjectId) || same(resourceId, mi.userAssignedResourceId);
	return userAssigned ? { clientId: mi.userAssignedClientId, objectId: mi.userAssignedObjectId } : null;
}

function createManagedIdentity(core) {
	function issue(identity, resource) {
		const { accessToken, expiresIn } = core.tokens.issue({
			type: 'app',
			appId: identity.clientId,
			appName: 'n8n-entra-sandbox-identity',
			objectId: identity.objectId,
			appidacr: '2',
			roles: [...(core.app.managedIdentity.roles || core.app.roles)],
			resource,
		});
		const expiresOn = Math.floor(Date.now() / 1000) + expiresIn;
		return { accessToken, expiresIn, expiresOn };
	}

	/** App Service / Functions / Container Apps. Errors: {statusCode, message, correlationId}. */
	function appService(req, query) {
		const mi = core.app.managedIdentity;
		const fail = (status, message) => ({ status, body: { statusCode: status, message, correlationId: crypto.randomUUID() } });
		if (req.headers['x-identity-header'] !== mi.identityHeader) return fail(401, 'Unauthorized. The X-IDENTITY-HEADER header is missing or invalid.');
		if (query.get('api-version') !== '2019-08-01') return fail(400, `Unsupported api-version '${query.get('api-version') ?? ''}'. Use api-version=2019-08-01.`);
		const resource = query.get('resource');
		if (!resource) return fail(400, "The 'resource' query parameter is required.");
		const identity = pickIdentity(mi, query, 'mi_res_id');
		if (!identity) return fail(400, 'Unable to load the proper Managed Identity.');
		const { accessToken, expiresOn } = issue(identity, resource);
		return {
			status: 200,
			clientId: identity.clientId,
			body: { access_token: accessToken, expires_on: String(expiresOn), resource, token_type: 'Bearer', client_id: identity.clientId },
		};
	}

	/** Azure Instance Metadata Service (VMs, AKS pod identity). Errors: {error, error_description}. */
	function imds(req, query) {
		const mi = core.app.managedIdentity;
		const fail = (status, error, description) => ({ status, body: { error, error_description: description } });
		if (String(req.headers.metadata).toLowerCase() !== 'true') return fail(400, 'invalid_request', 'Required metadata header not specified');
		if (!query.get('api-version')) return fail(400, 'invalid_request', "Required query variable 'api-version' is missing");
		const resource = query.get('resource');
		if (!resource) return fail(400, 'invalid_request', "Required query variable 'resource' is missing");
		const identity = pickIdentity(mi, query, 'msi_res_id');
		if (!identity) return fail(400, 'invalid_request', 'Identity not found');
		const { accessToken, expiresIn, expiresOn } = issue(identity, resource);
		const s = String;
		return {
			status: 200,
			clientId: identity.clientId,
			body: {
				access_token: accessToken,
				client_id: identity.clientId,
				expires_in: s(expiresIn),
				expires_on: s(expiresOn),
				ext_expires_in: s(expiresIn),
				not_before: s(expiresOn - expiresIn),
				resource,
				token_type: 'Bearer',
			},
		};
	}

	return { appService, imds };
}

module.exports = { createManagedIdentity };
