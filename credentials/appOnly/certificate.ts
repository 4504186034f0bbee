import type { KeyObject } from 'node:crypto';
import { X509Certificate, createPrivateKey } from 'node:crypto';

import { fieldError } from './errors';

/** What MSAL's `clientCertificate` needs: an unencrypted PKCS#8 key and the certificate's thumbprint. */
export interface ClientCertificate {
	privateKey: string;
	/** Hex SHA-256 thumbprint (sent as x5t#S256), when the certificate or a SHA-256 thumbprint was given. */
	thumbprintSha256?: string;
	/** Hex SHA-1 thumbprint (sent as x5t), when only the portal's SHA-1 thumbprint was given. */
	thumbprint?: string;
	/** The certificate (and any chain pasted with it), for apps that trust subject name and issuer. */
	x5c?: string;
}

export interface CertificateInput {
	privateKey: string;
	passphrase?: string;
	publicCertificate?: string;
	thumbprint?: string;
}

interface PemBlock {
	label: string;
	pem: string;
	encrypted: boolean;
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

/**
 * Finds the PEM blocks in pasted text and rebuilds them cleanly. Copies from Windows (CRLF),
 * from `openssl pkcs12` (Bag Attributes before each block), from JSON ("\n" escapes) or from a
 * single-line input that swallowed the line breaks all come out as standard 64-column PEM.
 */
export function pemBlocks(text: string): PemBlock[] {
	const normalized = text.replace(/\\r\\n|\\n/g, '\n').replace(/\r\n?/g, '\n');
	const blocks: PemBlock[] = [];
	for (const [, label, inner] of normalized.matchAll(PEM_BLOCK)) {
		const procType = /Proc-Type:\s*(\S+)/.exec(inner)?.[1];
		const dekInfo = /DEK-Info:\s*(\S+)/.exec(inner)?.[1];
		const body = inner.replace(/Proc-Type:\s*\S+/, '').replace(/DEK-Info:\s*\S+/, '').replace(/\s+/g, '');
		if (!/^[A-Za-z0-9+/]+=*$/.test(body)) continue;
		const headers = [procType && `Proc-Type: ${procType}`, dekInfo && `DEK-Info: ${dekInfo}`].filter(Boolean);
		const lines = body.match(/.{1,64}/g) ?? [];
		const head = headers.length ? [...headers, ''] : [];
		const pem = [`-----BEGIN ${label}-----`, ...head, ...lines, `-----END ${label}-----`, ''].join('\n');
		blocks.push({ label, pem, encrypted: label.startsWith('ENCRYPTED') || /ENCRYPTED/.test(procType ?? '') });
	}
	return blocks;
}

function loadPrivateKey(text: string, passphrase: string | undefined): KeyObject {
	const block = pemBlocks(text).find(({ label }) => label.endsWith('PRIVATE KEY'));
	if (!block) {
		throw fieldError(
			'Private Key',
			'no PEM private key found. Paste the key that starts with -----BEGIN PRIVATE KEY----- (from a .pfx: openssl pkcs12 -in cert.pfx -nocerts -nodes).',
		);
	}
	if (block.encrypted && !passphrase) {
		throw fieldError('Passphrase', 'the private key is encrypted. Enter its passphrase.');
	}
	let key: KeyObject;
	try {
		key = createPrivateKey({ key: block.pem, format: 'pem', passphrase: block.encrypted ? passphrase : undefined });
	} catch {
		// Node's reason names OpenSSL internals only; what the admin can fix is the passphrase or the paste.
		throw block.encrypted
			? fieldError('Passphrase', 'the private key could not be decrypted with this passphrase.')
			: fieldError('Private Key', 'this is not a valid PEM private key (PKCS#8 or PKCS#1).');
	}
	if (key.asymmetricKeyType !== 'rsa') {
		throw fieldError('Private Key', `Microsoft Entra signs in apps with RSA keys only, and this key is ${key.asymmetricKeyType}.`);
	}
	return key;
}

function certificatesIn(text: string): X509Certificate[] {
	const certificates: X509Certificate[] = [];
	for (const block of pemBlocks(text).filter(({ label }) => label === 'CERTIFICATE')) {
		try {
			certificates.push(new X509Certificate(block.pem));
		} catch {
			throw fieldError('Certificate', 'a pasted certificate is not a valid PEM X.509 certificate.');
		}
	}
	return certificates;
}

/** A thumbprint as the portal shows it (SHA-1) or as SHA-256, with any colons or spaces removed. */
function parseThumbprint(value: string): Pick<ClientCertificate, 'thumbprint' | 'thumbprintSha256'> {
	const hex = value.replace(/[\s:]/g, '').toUpperCase();
	if (/^[0-9A-F]{40}$/.test(hex)) return { thumbprint: hex };
	if (/^[0-9A-F]{64}$/.test(hex)) return { thumbprintSha256: hex };
	throw fieldError(
		'Certificate Thumbprint',
		"enter the certificate's thumbprint as the portal shows it (40 hexadecimal characters), or its SHA-256 thumbprint (64).",
	);
}

/**
 * Prepares a certificate credential for MSAL: decrypts the key in memory, and takes the
 * thumbprint from the certificate when one is pasted (in its field or along with the key),
 * checking that the certificate and the key belong together.
 */
export function prepareCertificate(input: CertificateInput): ClientCertificate {
	const key = loadPrivateKey(input.privateKey, input.passphrase || undefined);
	const privateKey = key.export({ format: 'pem', type: 'pkcs8' }).toString();
	const pasted = input.publicCertificate?.trim() ? input.publicCertificate : input.privateKey;
	const certificates = certificatesIn(pasted);
	if (certificates.length > 0) {
		const leaf = certificates.find((certificate) => certificate.checkPrivateKey(key));
		if (!leaf) {
			throw fieldError('Certificate', 'the certificate does not belong to the private key. Paste the certificate of this key pair.');
		}
		const chain = [leaf, ...certificates.filter((certificate) => certificate !== leaf)];
		return {
			privateKey,
			thumbprintSha256: leaf.fingerprint256.replace(/:/g, ''),
			x5c: chain.map((certificate) => certificate.toString()).join(''),
		};
	}
	if (input.thumbprint?.trim()) return { privateKey, ...parseThumbprint(input.thumbprint) };
	throw fieldError('Certificate', "paste the certificate (PEM) or enter its thumbprint, so Microsoft Entra knows which key signed the request.");
}
