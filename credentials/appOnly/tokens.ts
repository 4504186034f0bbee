import { createHash } from 'node:crypto';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports -- MSAL is this package's one runtime dependency on purpose (see eslint.config.mjs): app-only tokens must come from Microsoft's library
import type { AuthenticationResult, Configuration, NodeSystemOptions } from '@azure/msal-node';
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports -- see above
import { ConfidentialClientApplication, LogLevel, ManagedIdentityApplication } from '@azure/msal-node';

import { isGuid } from '../../nodes/shared/values';
import { hostSetting } from '../hostSettings';
import { prepareCertificate } from './certificate';
import type { ErrorContext } from './errors';
import { AppOnlyCredentialError, fieldError, toAppOnlyError } from './errors';
import { readClientAssertion, TOKEN_FILE_VARIABLE, tokenFilePath } from './federated';
import type { AppOnlySettings } from './settings';
import { readSettings } from './settings';

/**
 * Token cache: one MSAL application per credential, kept for the life of the n8n process.
 *
 * Why not n8n's expirable field with preAuthentication: n8n refreshes such a field only after a
 * request has failed with 401, so each hour one Graph call would fail first; it writes every
 * token into the credentials database; and it knows nothing of the token's lifetime. MSAL's own
 * cache does: it reuses the token and renews it five minutes before it expires. Tokens stay in
 * memory only. Each n8n process (main, worker) fetches its own token.
 *
 * The key covers the authority, tenant, client and a hash of the secret material, so changing
 * the secret or certificate in n8n starts a fresh application at once.
 */
interface Entry {
	secrets: string[];
	context: ErrorContext;
	fetch(forceRefresh: boolean): Promise<AuthenticationResult | null>;
	/** A request in flight: callers arriving meanwhile share it, so a burst of items costs one token. */
	pending?: Promise<string>;
	hasToken: boolean;
	forceRefresh: boolean;
	/** A definite refusal (wrong secret, unknown tenant …), answered again without asking Entra for a while. */
	refusal?: { error: AppOnlyCredentialError; until: number };
}

const entries = new Map<string, Entry>();

/** Credentials kept at once; the oldest application is dropped beyond this. */
const MAX_ENTRIES = 32;

/** How long a definite refusal is repeated without a new token request. */
const REFUSAL_MS = 10_000;

const quietLogger: NodeSystemOptions = {
	// MSAL's logs carry URLs and correlation ids; none of them reach n8n's log.
	loggerOptions: { loggerCallback: () => undefined, piiLoggingEnabled: false, logLevel: LogLevel.Error },
};

function text(credentials: ICredentialDataDecryptedObject, name: string): string {
	const value = credentials[name];
	return typeof value === 'string' ? value : '';
}

/**
 * The endpoints MSAL would otherwise discover, in the shape of MSAL's own built-in metadata for
 * Microsoft's login hosts. With them, an unknown tenant is answered by the token endpoint
 * (AADSTS90002, shown to the user) instead of failing discovery with no reason given.
 */
function authorityMetadata({ loginUrl, tenant }: AppOnlySettings): string {
	const base = `${loginUrl}/${tenant}`;
	return JSON.stringify({
		token_endpoint: `${base}/oauth2/v2.0/token`,
		jwks_uri: `${base}/discovery/v2.0/keys`,
		issuer: `${base}/v2.0`,
		authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
		end_session_endpoint: `${base}/oauth2/v2.0/logout`,
	});
}

type Built = Pick<Entry, 'secrets' | 'context' | 'fetch'>;

function confidentialClient(settings: AppOnlySettings, credentials: ICredentialDataDecryptedObject): Built {
	const auth: Configuration['auth'] = {
		clientId: settings.clientId,
		authority: settings.authority,
		authorityMetadata: authorityMetadata(settings),
		// A custom login host is trusted as given, as MSAL does for ADFS and B2C hosts.
		knownAuthorities: credentials.cloud === 'custom' ? [new URL(settings.loginUrl).host] : [],
	};
	if (settings.method === 'clientSecret') {
		auth.clientSecret = text(credentials, 'clientSecret').trim();
		if (!auth.clientSecret) throw fieldError('Client Secret', "enter the secret's Value from the app's Certificates & secrets.");
	} else if (settings.method === 'certificate') {
		auth.clientCertificate = prepareCertificate({
			privateKey: text(credentials, 'privateKey'),
			passphrase: text(credentials, 'passphrase'),
			publicCertificate: text(credentials, 'publicCertificate'),
			thumbprint: text(credentials, 'thumbprint'),
		});
	} else {
		const path = tokenFilePath();
		auth.clientAssertion = async () => await readClientAssertion(path);
	}
	const application = new ConfidentialClientApplication({ auth, system: quietLogger });
	const scopes = [`${settings.graphUrl}/.default`];
	return {
		secrets: secretLines([auth.clientSecret ?? '', auth.clientCertificate?.privateKey ?? '', ...secretFields(credentials)]),
		context: { tenant: settings.tenant, authority: settings.authority },
		fetch: async (forceRefresh) => await application.acquireTokenByClientCredential({ scopes, skipCache: forceRefresh }),
	};
}

function managedIdentity(settings: AppOnlySettings, clientId: string): Built {
	const application = new ManagedIdentityApplication({
		managedIdentityIdParams: clientId ? { userAssignedClientId: clientId } : undefined,
		system: quietLogger,
	});
	return {
		secrets: [],
		context: { tenant: "the managed identity's tenant", authority: 'the managed identity endpoint', managedIdentity: true },
		fetch: async (forceRefresh) => await application.acquireToken({ resource: settings.graphUrl, forceRefresh }),
	};
}

/** The user-assigned identity's client ID, or '' for the system-assigned one. */
function managedIdentityClientId(credentials: ICredentialDataDecryptedObject): string {
	if (text(credentials, 'managedIdentity') !== 'userAssigned') return '';
	const clientId = text(credentials, 'managedIdentityClientId').trim();
	if (!isGuid(clientId)) {
		throw fieldError('Managed Identity Client ID', "enter the user-assigned identity's client ID (a GUID).");
	}
	return clientId;
}

const SECRET_FIELDS = ['clientSecret', 'privateKey', 'passphrase'];

function secretFields(credentials: ICredentialDataDecryptedObject): string[] {
	return SECRET_FIELDS.map((name) => text(credentials, name));
}

/** Every secret value, and each line of a multi-line one, for scrubbing error texts. */
function secretLines(values: string[]): string[] {
	return values.flatMap((value) => [value, ...value.split(/\r?\n|\\n/)]).map((part) => part.trim()).filter((part) => part.length >= 8);
}

const MATERIAL_FIELDS = ['clientSecret', 'privateKey', 'passphrase', 'publicCertificate', 'thumbprint', 'managedIdentity', 'managedIdentityClientId'];

/** Identifies a credential version; only this hash is kept, never the secret material itself. */
function keyOf(settings: AppOnlySettings, credentials: ICredentialDataDecryptedObject): string {
	// The federated token file is the host's setting, so a change of it starts a fresh application too.
	const tokenFile = settings.method === 'federated' ? (hostSetting(TOKEN_FILE_VARIABLE) ?? '') : '';
	const parts = [settings.method, settings.authority, settings.clientId, settings.graphUrl, tokenFile, ...MATERIAL_FIELDS.map((name) => text(credentials, name))];
	return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

function entryFor(credentials: ICredentialDataDecryptedObject): Entry {
	const settings = readSettings(credentials);
	const key = keyOf(settings, credentials);
	const existing = entries.get(key);
	if (existing) return existing;
	const built =
		settings.method === 'managedIdentity'
			? managedIdentity(settings, managedIdentityClientId(credentials))
			: confidentialClient(settings, credentials);
	const entry: Entry = { ...built, hasToken: false, forceRefresh: false };
	entries.set(key, entry);
	if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
	return entry;
}

async function acquire(entry: Entry): Promise<string> {
	const forceRefresh = entry.forceRefresh;
	entry.forceRefresh = false;
	try {
		const result = await entry.fetch(forceRefresh);
		if (!result?.accessToken) throw new AppOnlyCredentialError('Microsoft Entra answered without an access token.', 'EmptyTokenResponse');
		entry.hasToken = true;
		return result.accessToken;
	} catch (thrown) {
		const error = toAppOnlyError(thrown, entry.context, entry.secrets);
		if (!error.transient) entry.refusal = { error, until: Date.now() + REFUSAL_MS };
		throw error;
	}
}

/**
 * A Graph access token for an app-only credential: from MSAL's cache while it is valid, else one
 * token request shared by every caller waiting at that moment. Throws AppOnlyCredentialError.
 */
export async function getAppOnlyToken(credentials: ICredentialDataDecryptedObject): Promise<string> {
	let entry: Entry;
	try {
		entry = entryFor(credentials);
	} catch (thrown) {
		const context = { tenant: text(credentials, 'tenantId'), authority: 'the authority' };
		throw toAppOnlyError(thrown, context, secretLines(secretFields(credentials)));
	}
	if (entry.refusal && entry.refusal.until > Date.now()) throw entry.refusal.error;
	entry.refusal = undefined;
	entry.pending ??= acquire(entry).finally(() => {
		entry.pending = undefined;
	});
	return await entry.pending;
}

/**
 * Forgets the credential's cached token after Graph refused it (401), so the next request gets a
 * fresh one. Returns false when there was no token to forget, so the caller does not loop.
 */
export function dropAppOnlyToken(credentials: ICredentialDataDecryptedObject): boolean {
	let entry: Entry;
	try {
		entry = entryFor(credentials);
	} catch {
		// Credentials that cannot even be read hold no token.
		return false;
	}
	if (!entry.hasToken) return false;
	entry.hasToken = false;
	entry.forceRefresh = true;
	return true;
}
