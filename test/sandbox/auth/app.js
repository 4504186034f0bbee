'use strict';
// The sandbox tenant's registered test application: secret, certificate, federated credential,
// managed identities. Tests may mutate the returned object (roles, secret, federated fields...).
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const jwt = require('./jwt');
const { thumbprints } = require('./keys');

const DEFAULT_APP_ROLES = [
	'User.ReadWrite.All',
	'Group.ReadWrite.All',
	'GroupMember.ReadWrite.All',
	'Directory.ReadWrite.All',
	'RoleManagement.ReadWrite.Directory',
	'User.RevokeSessions.All',
	'LicenseAssignment.ReadWrite.All',
];

// The node's delegated permissions (credentials/clouds.ts) plus User.Read.
const DEFAULT_DELEGATED_SCOPES = [
	'User.Read',
	'User.ReadWrite.All',
	'Group.ReadWrite.All',
	'GroupMember.ReadWrite.All',
	'User.RevokeSessions.All',
	'User-PasswordProfile.ReadWrite.All',
	'LicenseAssignment.ReadWrite.All',
	'Organization.Read.All',
];

function createApp(keys, overrides = {}) {
	const cert = thumbprints(keys.appCertPem);
	const unregistered = thumbprints(keys.unregisteredCertPem);
	const federated = {
		issuer: 'https://federated-issuer.entra-sandbox.test',
		subject: 'system:serviceaccount:n8n:n8n-entra-id',
		audience: 'api://AzureADTokenExchange',
		privateKeyPem: keys.federatedKeyPem,
		publicKeyPem: keys.federatedPublicPem,
		/**
		 * A federated assertion (workload identity token) for this app. `claims` override or add
		 * claims (a value of undefined removes one); `options` { privateKeyPem, header } for negative tests.
		 */
		sign(claims = {}, options = {}) {
			const iat = Math.floor(Date.now() / 1000);
			const payload = {
				iss: federated.issuer,
				sub: federated.subject,
				aud: federated.audience,
				iat,
				nbf: iat,
				exp: iat + 3600,
				jti: crypto.randomUUID(),
				...claims,
			};
			for (const key of Object.keys(payload)) if (payload[key] === undefined) delete payload[key];
			return jwt.sign(payload, options.privateKeyPem || federated.privateKeyPem, { kid: 'federated-issuer-key', ...options.header });
		},
	};
	const app = {
		clientId: 'a3c9e6d2-5b1f-4e8a-9c7d-2f4b6e8a0c13',
		displayName: 'n8n Entra ID sandbox app',
		// object id of the app's service principal (the `oid` of its app-only tokens)
		servicePrincipalId: 'c0d1e2f3-a4b5-4c6d-8e7f-90a1b2c3d4e5',
		clientSecret: 'Sbx8Q~n8nEntraSandboxSecret.0123456789_abcdefGH',
		roles: [...DEFAULT_APP_ROLES],
		// delegated permissions consented for the app: what '<resource>/.default' expands to
		delegatedScopes: [...DEFAULT_DELEGATED_SCOPES],
		// empty: any redirect_uri is accepted at /authorize (n8n's callback URL varies per test)
		redirectUris: [],
		certificatePem: keys.appCertPem,
		privateKeyPem: keys.appKeyPem,
		privateKeyPkcs1Pem: keys.appKeyPkcs1Pem,
		encryptedPrivateKeyPem: keys.appKeyEncryptedPem,
		passphrase: 'sandbox-passphrase',
		thumbprint: cert.sha1,
		thumbprintSha256: cert.sha256,
		certificateValidFrom: cert.validFrom,
		certificateValidTo: cert.validTo,
		unregisteredCertificatePem: keys.unregisteredCertPem,
		unregisteredPrivateKeyPem: keys.unregisteredKeyPem,
		unregisteredThumbprint: unregistered.sha1,
		unregisteredThumbprintSha256: unregistered.sha256,
		federated,
		managedIdentity: {
			// system-assigned identity of the "host" (App Service / VM)
			clientId: '7d4e2a91-3c8b-4f6e-a5d2-1b9c8e7f6a05',
			objectId: 'e8f7a6b5-c4d3-4e2f-9a1b-0c9d8e7f6a5b',
			systemAssignedEnabled: true,
			// one user-assigned identity attached to the host
			userAssignedClientId: '4b8d2f6a-9e1c-4a7b-8d3f-5c2e9a1b7d60',
			userAssignedObjectId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
			userAssignedResourceId:
				'/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/sandbox/providers/Microsoft.ManagedIdentity/userAssignedIdentities/n8n-entra-sandbox',
			identityHeader: 'sandbox-identity-header-5f1c9a7e',
			roles: [...DEFAULT_APP_ROLES],
		},
		/** Writes a fresh federated assertion to `dir/federated-token` (AZURE_FEDERATED_TOKEN_FILE style). */
		writeFederatedTokenFile(dir, claims, options) {
			fs.mkdirSync(dir, { recursive: true });
			const file = path.join(dir, 'federated-token');
			fs.writeFileSync(file, federated.sign(claims, options));
			return file;
		},
	};
	const { managedIdentity, federated: federatedOverrides, ...rest } = overrides;
	Object.assign(app, rest);
	Object.assign(app.managedIdentity, managedIdentity);
	Object.assign(app.federated, federatedOverrides);
	return app;
}

module.exports = { createApp, DEFAULT_APP_ROLES, DEFAULT_DELEGATED_SCOPES };
