import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { appOnlyCredential, useHostSettings, useSandbox } from '../helpers/setup';
import { useListener } from '../helpers/listener';
import { authOf, tokenRequests, useAppServiceIdentity } from '../nodes/EntraId/auth/leaks';

// Managed identity and workload identity federation sign in as the machine n8n runs on, not with a
// secret the n8n user typed. A user who may create credentials must not be able to point them at
// a host of their own (the federated token file would be posted there as client_assertion), nor
// ask the identity endpoint for a token to another resource (Key Vault, ARM …). Only the Microsoft
// clouds' endpoints, and hosts the administrator lists in ENTRA_ID_TRUSTED_HOSTS, are used. The
// listener plays the user's host: it must see nothing.
const t = useSandbox();
const host = useHostSettings(t);
const attacker = useListener();

useAppServiceIdentity(t);
beforeEach(() => {
	authOf(t.sandbox).clearTokenLog();
	host.tokenFile(authOf(t.sandbox).app.writeFederatedTokenFile(mkdtempSync(path.join(tmpdir(), 'entra-host-'))));
});

const listUsers = async () =>
	await t.run({ credentialType: 'entraIdAppOnlyApi', parameters: { resource: 'user', operation: 'getAll', returnAll: false, limit: 2 } });

const NOT_TRUSTED = /the n8n host's own identity, so it signs in only with the Microsoft clouds' own endpoints.*not listed it in ENTRA_ID_TRUSTED_HOSTS/;

describe('Host identities go to the Microsoft clouds and trusted hosts only', () => {
	test('federation with a login URL of the user\'s own: refused before the token file is read or sent', async () => {
		// An https URL, as MSAL requires; the attacker's listener would receive the assertion there.
		const login = attacker.current.base.replace('http:', 'https:');
		t.runner.setCredential('entraIdAppOnlyApi', appOnlyCredential(t.sandbox, 'federated', { customLoginUrl: login }));
		const result = await listUsers();
		expect(result.error?.message).toMatch(/^Login \(Authority\) URL: /);
		expect(result.error?.message).toMatch(NOT_TRUSTED);
		expect(attacker.current.visits).toEqual([]);
		expect(tokenRequests(t.sandbox)).toEqual([]);
		expect(t.requests()).toEqual([]);
	});

	test('federation with a Graph URL of the user\'s own: refused, no token requested for it', async () => {
		t.runner.setCredential('entraIdAppOnlyApi', appOnlyCredential(t.sandbox, 'federated', { customGraphUrl: attacker.current.base }));
		const result = await listUsers();
		expect(result.error?.message).toMatch(/^Graph Endpoint URL: /);
		expect(result.error?.message).toMatch(NOT_TRUSTED);
		expect(attacker.current.visits).toEqual([]);
		expect(tokenRequests(t.sandbox)).toEqual([]);
	});

	test('managed identity with a Graph URL of another resource: the identity endpoint is never asked', async () => {
		t.runner.setCredential('entraIdAppOnlyApi', appOnlyCredential(t.sandbox, 'managedIdentity', { customGraphUrl: attacker.current.base }));
		const result = await listUsers();
		expect(result.error?.message).toMatch(/^Graph Endpoint URL: A managed identity is the n8n host's own identity/);
		expect(attacker.current.visits).toEqual([]);
		expect(tokenRequests(t.sandbox)).toEqual([]);
	});

	test('the same host once the administrator lists it: the token is for that Graph root, and the request goes there', async () => {
		const before = process.env.ENTRA_ID_TRUSTED_HOSTS;
		process.env.ENTRA_ID_TRUSTED_HOSTS = `${before},${new URL(attacker.current.base).host}`;
		try {
			t.runner.setCredential('entraIdAppOnlyApi', appOnlyCredential(t.sandbox, 'managedIdentity', { customGraphUrl: `${attacker.current.base}/` }));
			await listUsers();
			expect(tokenRequests(t.sandbox)).toEqual([expect.objectContaining({ source: 'msi', status: 200, resource: attacker.current.base })]);
			expect(attacker.current.visits.map((visit) => visit.url)).toEqual([expect.stringMatching(/^\/v1\.0\/users/)]);
		} finally {
			process.env.ENTRA_ID_TRUSTED_HOSTS = before;
		}
	});

	test('a trusted host:port does not trust the same host on another port', async () => {
		const before = process.env.ENTRA_ID_TRUSTED_HOSTS;
		const port = Number(new URL(attacker.current.base).port);
		process.env.ENTRA_ID_TRUSTED_HOSTS = `127.0.0.1:${port + 1}`;
		try {
			t.runner.setCredential('entraIdAppOnlyApi', appOnlyCredential(t.sandbox, 'managedIdentity', { customGraphUrl: attacker.current.base }));
			expect((await listUsers()).error?.message).toMatch(NOT_TRUSTED);
			expect(attacker.current.visits).toEqual([]);
		} finally {
			process.env.ENTRA_ID_TRUSTED_HOSTS = before;
		}
	});

	test('secrets the user typed (client secret) may still go to a custom login host: that is theirs to send', async () => {
		t.runner.setCredential('entraIdAppOnlyApi', appOnlyCredential(t.sandbox, 'clientSecret'));
		delete process.env.ENTRA_ID_TRUSTED_HOSTS;
		try {
			expect((await listUsers()).error).toBeUndefined();
		} finally {
			process.env.ENTRA_ID_TRUSTED_HOSTS = [t.sandbox.graphUrl, t.sandbox.loginUrl].map((url) => new URL(url).host).join(',');
		}
	});
});
