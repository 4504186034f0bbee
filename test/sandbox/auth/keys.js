'use strict';
// Loads the committed test certificates (see certs/README.md) and derives thumbprints and JWKS.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const CERTS_DIR = path.join(__dirname, '..', 'certs');
const read = (name) => fs.readFileSync(path.join(CERTS_DIR, name), 'utf8');

/** SHA-1 / SHA-256 thumbprints of a PEM certificate as upper-case hex, as the Azure portal shows them. */
function thumbprints(certPem) {
	const cert = new crypto.X509Certificate(certPem);
	return {
		sha1: cert.fingerprint.replace(/:/g, ''),
		sha256: cert.fingerprint256.replace(/:/g, ''),
		validFrom: new Date(cert.validFrom),
		validTo: new Date(cert.validTo),
		der: cert.raw,
	};
}

function loadKeys() {
	const caPem = read('ca.pem');
	const ca = thumbprints(caPem);
	const caPublicKey = crypto.createPublicKey(caPem);
	// Entra uses the base64url SHA-1 thumbprint of the signing certificate as kid and x5t.
	const kid = Buffer.from(ca.sha1, 'hex').toString('base64url');
	const jwk = {
		kty: 'RSA',
		use: 'sig',
		kid,
		x5t: kid,
		...(({ n, e }) => ({ n, e }))(caPublicKey.export({ format: 'jwk' })),
		x5c: [ca.der.toString('base64')],
		cloud_instance_name: 'microsoftonline.com',
	};
	return {
		certsDir: CERTS_DIR,
		caPath: path.join(CERTS_DIR, 'ca.pem'),
		caPem,
		caPrivateKey: crypto.createPrivateKey(read('ca-key.pem')),
		caPublicKey,
		kid,
		jwks: { keys: [jwk] },
		serverCertPem: read('server.pem'),
		serverKeyPem: read('server-key.pem'),
		appCertPem: read('app-cert.pem'),
		appKeyPem: read('app-key.pem'),
		appKeyPkcs1Pem: read('app-key-pkcs1.pem'),
		appKeyEncryptedPem: read('app-key-encrypted.pem'),
		unregisteredCertPem: read('unregistered-cert.pem'),
		unregisteredKeyPem: read('unregistered-key.pem'),
		federatedKeyPem: read('federated-issuer-key.pem'),
		federatedPublicPem: read('federated-issuer-pub.pem'),
	};
}

module.exports = { loadKeys, thumbprints, CERTS_DIR };
