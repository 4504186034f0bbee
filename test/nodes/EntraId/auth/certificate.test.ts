import { createPrivateKey } from 'node:crypto';

import { appOnlyCredential, jsonOf, useSandbox } from '../../../helpers/setup';
import { appOnlyRunner, authOf, captureLogs, tokenRequests } from './leaks';

const t = useSandbox();
const logs = captureLogs();
const run = appOnlyRunner(t, logs);

const app = () => authOf(t.sandbox).app;

function useCertificate(fields: Record<string, string>) {
	t.runner.setCredential('entraIdAppOnlyApi', appOnlyCredential(t.sandbox, 'certificate', { publicCertificate: '', ...fields }));
}

/** Reads one user: the smallest workflow that needs a token. */
async function getUser() {
	const [user] = t.sandbox.store.listUsers();
	const result = await run({ parameters: { resource: 'user', operation: 'get', userId: { __rl: true, mode: 'id', value: user.id } } });
	return { result, user };
}

async function expectSignedIn() {
	const { result, user } = await getUser();
	expect(result.error).toBeUndefined();
	expect(jsonOf(result)).toEqual([expect.objectContaining({ id: user.id })]);
	expect(tokenRequests(t.sandbox)).toEqual([expect.objectContaining({ grantType: 'client_credentials', method: 'certificate', status: 200 })]);
}

/** Refused by the credential itself: no token request, no Graph request, the field named. */
async function expectRefused(message: RegExp) {
	const { result } = await getUser();
	expect(result.error?.message).toMatch(message);
	expect(tokenRequests(t.sandbox)).toHaveLength(0);
	expect(t.requests()).toHaveLength(0);
}

beforeEach(() => authOf(t.sandbox).clearTokenLog());

describe('App-only credential, certificate', () => {
	test('PKCS#8 key with the certificate: MSAL signs a client assertion with its SHA-256 thumbprint', async () => {
		useCertificate({ privateKey: app().privateKeyPem, publicCertificate: app().certificatePem });
		await expectSignedIn();
	});

	test('PKCS#1 key with only the thumbprint the portal shows (SHA-1, with colons)', async () => {
		const portalStyle = app().thumbprint.match(/../g)?.join(':') ?? '';
		useCertificate({ privateKey: app().privateKeyPkcs1Pem, thumbprint: portalStyle });
		await expectSignedIn();
	});

	test('encrypted PKCS#8 key with its passphrase', async () => {
		useCertificate({ privateKey: app().encryptedPrivateKeyPem, passphrase: app().passphrase, publicCertificate: app().certificatePem });
		await expectSignedIn();
	});

	test('encrypted PKCS#1 key (Proc-Type header) pasted into a one-line field', async () => {
		const legacy = createPrivateKey(app().privateKeyPem)
			.export({ format: 'pem', type: 'pkcs1', cipher: 'aes-256-cbc', passphrase: 'legacy-passphrase' })
			.toString();
		expect(legacy).toMatch(/Proc-Type: 4,ENCRYPTED/);
		useCertificate({ privateKey: legacy.replace(/\n/g, ' '), passphrase: 'legacy-passphrase', thumbprint: app().thumbprint });
		await expectSignedIn();
	});

	test('openssl pkcs12 -nodes output pasted whole, with Windows line endings and Bag Attributes', async () => {
		const bag = (pem: string, name: string) => `Bag Attributes\n    localKeyID: 01 00 00 00 \n    friendlyName: ${name}\n${pem}`;
		const pasted = [bag(app().certificatePem, 'n8n-app'), 'Key Attributes: <No Attributes>', bag(app().privateKeyPem, 'n8n-app')].join('\n');
		useCertificate({ privateKey: pasted.replace(/\n/g, '\r\n') });
		await expectSignedIn();
	});

	test('a certificate the app does not know: Entra’s AADSTS700027, in plain words', async () => {
		useCertificate({ privateKey: app().unregisteredPrivateKeyPem, publicCertificate: app().unregisteredCertificatePem });
		const { result } = await getUser();
		expect(result.error?.message).toMatch(/did not accept the certificate: upload the certificate/);
		expect(result.error?.description).toMatch(/AADSTS700027/);
		expect(tokenRequests(t.sandbox)).toEqual([expect.objectContaining({ status: 401, aadsts: 700027 })]);
		expect(t.requests()).toHaveLength(0);
	});

	test('the registered thumbprint with another key: Entra rejects the signature (AADSTS700027)', async () => {
		useCertificate({ privateKey: app().unregisteredPrivateKeyPem, thumbprint: app().thumbprint });
		const { result } = await getUser();
		expect(result.error?.message).toMatch(/did not accept the certificate/);
		expect(tokenRequests(t.sandbox)).toEqual([expect.objectContaining({ status: 401, aadsts: 700027 })]);
	});

	test('a certificate that does not belong to the key is refused before any request', async () => {
		useCertificate({ privateKey: app().privateKeyPem, publicCertificate: app().unregisteredCertificatePem });
		await expectRefused(/^Certificate: the certificate does not belong to the private key/);
	});

	test('an encrypted key without its passphrase, or with a wrong one, is refused before any request', async () => {
		useCertificate({ privateKey: app().encryptedPrivateKeyPem, publicCertificate: app().certificatePem });
		await expectRefused(/^Passphrase: the private key is encrypted/);
		useCertificate({ privateKey: app().encryptedPrivateKeyPem, passphrase: 'not-the-passphrase', publicCertificate: app().certificatePem });
		await expectRefused(/^Passphrase: the private key could not be decrypted/);
	});

	test('no key, or no certificate and no thumbprint, is refused before any request', async () => {
		useCertificate({ privateKey: 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC', publicCertificate: app().certificatePem });
		await expectRefused(/^Private Key: no PEM private key found/);
		useCertificate({ privateKey: app().privateKeyPem });
		await expectRefused(/^Certificate: paste the certificate \(PEM\) or enter its thumbprint/);
		useCertificate({ privateKey: app().privateKeyPem, thumbprint: 'not-hex' });
		await expectRefused(/^Certificate Thumbprint:/);
	});
});
