'use strict';
// Minimal JWS (compact JWT) signing and verification on node:crypto: RS256 and PS256 only,
// the two algorithms MSAL uses for client assertions.
const crypto = require('node:crypto');

const b64url = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

function keyOptions(alg, key) {
	if (alg === 'RS256') return { key };
	if (alg === 'PS256') {
		// JWA (RFC 7518 3.5): salt length equals the hash length.
		return { key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: crypto.constants.RSA_PSS_SALTLEN_DIGEST };
	}
	throw new Error(`unsupported JWS algorithm ${alg}`);
}

/** header overrides may replace alg/typ or add kid, x5t, x5t#S256, x5c. */
function sign(payload, privateKey, header = {}) {
	const fullHeader = { typ: 'JWT', alg: 'RS256', ...header };
	const input = `${b64url(fullHeader)}.${b64url(payload)}`;
	const signature = crypto.sign('sha256', Buffer.from(input), keyOptions(fullHeader.alg, privateKey));
	return `${input}.${signature.toString('base64url')}`;
}

/** -> { header, payload, input, signature } or null when the string is not a JWS. */
function decode(token) {
	if (typeof token !== 'string') return null;
	const parts = token.split('.');
	if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]*$/.test(part))) return null;
	try {
		const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
		const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
		if (!header || typeof header !== 'object' || !payload || typeof payload !== 'object') return null;
		return { header, payload, input: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2], 'base64url') };
	} catch {
		return null;
	}
}

/** true when the decoded token's signature checks out with publicKey under its own alg (RS256/PS256). */
function verify(decoded, publicKey) {
	try {
		return crypto.verify('sha256', Buffer.from(decoded.input), keyOptions(decoded.header.alg, publicKey), decoded.signature);
	} catch {
		return false;
	}
}

module.exports = { sign, decode, verify, b64url };
