'use strict';
// Confidential-client authentication at the token endpoint: client_secret (post or basic),
// certificate client assertions (RS256 / PS256, x5t or x5t#S256), federated assertions.
const crypto = require('node:crypto');
const jwt = require('./jwt');
const { aad } = require('./errors');

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const CERT_DOCS = 'Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .';
const nowSeconds = () => Math.floor(Date.now() / 1000);

const safeEqual = (a, b) => {
	const x = Buffer.from(String(a));
	const y = Buffer.from(String(b));
	return x.length === y.length && crypto.timingSafeEqual(x, y);
};

/** '2024-10-02T22:05:03.0000000Z', the format of AADSTS700024. */
const isoSeconds = (seconds) => new Date(seconds * 1000).toISOString().replace(/\.\d+Z$/, '.0000000Z');
/** 'MM/DD/YYYY HH:MM:SS', the format Entra prints certificate validity in. */
const usDate = (d) => {
	const p = (n) => String(n).padStart(2, '0');
	return `${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
};

// MSAL rounds its clock to the nearest second, so an assertion made this instant may carry
// nbf = now + 1; Entra allows clock skew too. exp gets none, so expired assertions fail at once.
const NBF_SKEW_SECONDS = 60;

function checkLifetime(claims) {
	const now = nowSeconds();
	const valid =
		typeof claims.exp === 'number' && claims.exp > now && (claims.nbf === undefined || claims.nbf <= now + NBF_SKEW_SECONDS);
	if (!valid) {
		throw aad(
			401,
			'invalid_client',
			700024,
			`Client assertion is not within its valid time range. Current time: ${new Date().toISOString().replace(/Z$/, '0000Z')}, ` +
				`assertion valid from ${isoSeconds(claims.nbf ?? 0)}, expiry time of assertion ${isoSeconds(claims.exp ?? 0)}. ${CERT_DOCS}`,
		);
	}
}

function keyNotFound(app, thumbprintHex) {
	return aad(
		401,
		'invalid_client',
		700027,
		'The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., ' +
			(thumbprintHex ? `Thumbprint of key used by client: '${thumbprintHex}', ` : '') +
			`Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${app.clientId}'. ` +
			'Review the documentation at https://docs.microsoft.com/en-us/graph/deployments to determine the corresponding service endpoint and ' +
			'https://docs.microsoft.com/en-us/graph/api/application-get?view=graph-rest-1.0&tabs=http to build a query request URL, ' +
			`such as 'https://graph.microsoft.com/beta/applications/${app.clientId}']`,
	);
}

function certificateAssertion(decoded, ctx) {
	const { app } = ctx;
	const { header, payload } = decoded;
	if (payload.iss !== app.clientId || payload.sub !== app.clientId) {
		throw aad(401, 'invalid_client', 700021, `Client assertion application identifier doesn't match 'client_id' parameter. ${CERT_DOCS}`);
	}
	// The header names the key: x5t#S256 (SHA-256, MSAL with thumbprintSha256) or x5t (SHA-1).
	const sha256 = header['x5t#S256'] && Buffer.from(header['x5t#S256'], 'base64url').toString('hex').toUpperCase();
	const sha1 = header.x5t && Buffer.from(header.x5t, 'base64url').toString('hex').toUpperCase();
	const registered = sha256 ? sha256 === app.thumbprintSha256.toUpperCase() : sha1 === app.thumbprint.toUpperCase();
	if (!registered) throw keyNotFound(app, sha1 || sha256);
	if (!['RS256', 'PS256'].includes(header.alg) || !jwt.verify(decoded, crypto.createPublicKey(app.certificatePem))) {
		throw aad(
			401,
			'invalid_client',
			700027,
			'Client assertion contains an invalid signature. [Reason - The provided signature value did not match the expected signature value., ' +
				`Thumbprint of key used by client: '${sha1 || sha256}', Found key 'Start=${usDate(app.certificateValidFrom)}, End=${usDate(app.certificateValidTo)}']`,
		);
	}
	if (!ctx.tokenAudiences.includes(payload.aud)) {
		throw aad(401, 'invalid_client', 50012, 'Client assertion audience claim does not match Realm issuer.');
	}
	checkLifetime(payload);
	return { method: 'certificate', appidacr: '2' };
}

function federatedAssertion(decoded, ctx) {
	const { federated } = ctx.app;
	const { payload } = decoded;
	if (payload.iss !== federated.issuer || payload.sub !== federated.subject || payload.aud !== federated.audience) {
		throw aad(
			400,
			'invalid_request',
			70021,
			`No matching federated identity record found for presented assertion. Assertion Issuer: '${payload.iss}'. ` +
				`Assertion Subject: '${payload.sub}'. Assertion Audience: '${payload.aud}'. ` +
				'https://docs.microsoft.com/en-us/azure/active-directory/develop/workload-identity-federation',
		);
	}
	if (!['RS256', 'PS256'].includes(decoded.header.alg) || !jwt.verify(decoded, crypto.createPublicKey(federated.publicKeyPem))) {
		throw aad(
			401,
			'invalid_client',
			700027,
			`Client assertion failed signature validation. [Reason - The key was not found. Issuer: '${payload.iss}'] ` +
				'https://docs.microsoft.com/en-us/azure/active-directory/develop/workload-identity-federation',
		);
	}
	checkLifetime(payload);
	return { method: 'federated', appidacr: '2' };
}

/**
 * -> { method, appidacr } when the request carries valid credentials of ctx.app, else throws AadError.
 * params: the parsed form; basic: { clientId, clientSecret } from an Authorization: Basic header, if any.
 */
function authenticateClient(params, basic, ctx) {
	const secret = params.get('client_secret') ?? basic?.clientSecret;
	const assertion = params.get('client_assertion');
	if (assertion) {
		const type = params.get('client_assertion_type');
		if (type !== JWT_BEARER) {
			throw aad(400, 'invalid_request', 700025, `Client assertion type '${type}' is invalid. Expected '${JWT_BEARER}'.`);
		}
		const decoded = jwt.decode(assertion);
		if (!decoded) throw aad(401, 'invalid_client', 50027, 'JWT token is invalid or malformed.');
		// Entra treats an assertion whose issuer is the app itself as a certificate credential,
		// anything else as a token from a federated identity provider.
		return decoded.payload.iss === ctx.app.clientId ? certificateAssertion(decoded, ctx) : federatedAssertion(decoded, ctx);
	}
	if (secret !== undefined && secret !== null) {
		const rawBasic = params.get('client_secret') === null ? basic?.raw?.clientSecret : undefined;
		if (!safeEqual(secret, ctx.app.clientSecret) && !(rawBasic !== undefined && safeEqual(rawBasic, ctx.app.clientSecret))) {
			throw aad(
				401,
				'invalid_client',
				7000215,
				'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, ' +
					`not the client secret ID, for a secret added to app '${ctx.app.clientId}'.`,
			);
		}
		return { method: 'secret', appidacr: '1' };
	}
	throw aad(401, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
}

module.exports = { authenticateClient, JWT_BEARER };
