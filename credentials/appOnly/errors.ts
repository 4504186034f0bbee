import type { IDataObject } from 'n8n-workflow';
import { ExecutionBaseError } from 'n8n-workflow';

/** What the transport reads back from `context.appOnlyCredential` after n8n has wrapped the error. */
export interface AppOnlyFailure {
	/** `AADSTS7000215`, an MSAL error code, or `InvalidCredentialField` for bad credential input. */
	entraCode: string;
	/** HTTP status of the token endpoint; 0 when no answer came (bad input, unreachable host). */
	httpStatus: number;
	transient: boolean;
}

/**
 * Why the app-only credential could not get a token, in words an admin can act on.
 * It is an ExecutionBaseError because n8n wraps whatever `authenticate` throws in a NodeApiError
 * that keeps only the message, the description and the context: the codes travel in the context.
 * No property is named `code`, `status` or `error`, or n8n would replace the message with a
 * generic one ("Authorization failed - please check your credentials").
 */
export class AppOnlyCredentialError extends ExecutionBaseError {
	constructor(
		message: string,
		readonly entraCode: string,
		readonly httpStatus = 0,
		/** Microsoft Entra's (or MSAL's) own text with its trace and correlation ids. */
		description?: string,
	) {
		super(message, { level: 'warning' });
		this.name = 'AppOnlyCredentialError';
		this.description = description;
		const failure: AppOnlyFailure = { entraCode, httpStatus, transient: this.transient };
		this.context.appOnlyCredential = failure as unknown as IDataObject;
	}

	/** Throttling, outages and an unreachable host are worth retrying; wrong credentials are not. */
	get transient(): boolean {
		return this.httpStatus === 429 || this.httpStatus >= 500 || UNREACHABLE.has(this.entraCode) || TRANSIENT_AADSTS.has(this.entraCode);
	}
}

/** Microsoft Entra's own "try again" answers (AADSTS90033: "A transient error has occurred"). */
const TRANSIENT_AADSTS = new Set(['AADSTS90033']);

const FIELD_ERROR = 'InvalidCredentialField';

/** MSAL codes for a sign-in or managed identity endpoint that did not answer. */
const UNREACHABLE = new Set(['endpoints_resolution_error', 'network_error', 'network_unavailable', 'openid_config_error']);

/** Bad credential input, refused before any request: the message names the field. */
export function fieldError(field: string, message: string): AppOnlyCredentialError {
	return new AppOnlyCredentialError(`${field}: ${message}`, FIELD_ERROR);
}

/** Microsoft Entra's sign-in errors by AADSTS number, in plain words. */
const AADSTS: Record<number, (context: ErrorContext) => string> = {
	50012: () => 'Microsoft Entra rejected the client assertion (its audience, issuer or signature is wrong).',
	50027: () => 'Microsoft Entra could not read the client assertion: it is not a valid JWT.',
	50059: () => 'The token request named no tenant. Enter your directory (tenant) ID or a verified domain.',
	53003: () => 'Conditional Access blocked this app. Ask an administrator to review the workload identity policies.',
	70011: () => 'Microsoft Entra refused the requested scope.',
	70021: () =>
		"No federated credential on the app matches this token's issuer, subject and audience. Add one under the app's Certificates & secrets > Federated credentials with the values below.",
	90002: ({ tenant }) =>
		`Tenant "${tenant}" was not found in this cloud. Check the Tenant field (directory ID or a verified domain) and the Cloud.`,
	700016: ({ tenant }) =>
		`No application with this Client ID exists in tenant "${tenant}". Check the Client ID; for an app registered in another tenant, an administrator of this tenant must first grant admin consent.`,
	700021: () => 'Microsoft Entra rejected the client assertion: its issuer or subject is not the Client ID.',
	700024: () =>
		"The client assertion is outside its valid time range. Check the n8n server's clock; for federation, check that the token file is being refreshed.",
	700025: () => 'The app is registered as a public client, which cannot use app-only sign-in. Set "Allow public client flows" to No.',
	700027: () =>
		"Microsoft Entra did not accept the certificate: upload the certificate (its public part) to the app under Certificates & secrets, and check that the private key belongs to it.",
	700211: () => "No federated credential on the app matches this token's issuer.",
	700212: () => "No federated credential on the app matches this token's audience.",
	700213: () => "No federated credential on the app matches this token's subject.",
	900023: ({ tenant }) => `"${tenant}" is not a valid tenant. Enter your directory (tenant) ID or a verified domain.`,
	900382: () => 'The app is registered in another cloud. Pick the Cloud the app and tenant belong to.',
	1002012: () => 'Microsoft Entra refused the requested scope.',
	7000112: () => 'The application is disabled in this tenant. An administrator must enable its enterprise application.',
	7000215: () =>
		"Microsoft Entra rejected the client secret. Paste the secret's Value (shown once, when it was created), not its Secret ID, and check that it has not expired.",
	7000218: () => 'The token request carried no client secret or certificate. Fill in the secret or certificate fields.',
	7000222: () => "The client secret has expired. Create a new one under the app's Certificates & secrets and update the credential.",
	7000229: ({ tenant }) =>
		`The app has no service principal in tenant "${tenant}". An administrator must grant admin consent for the app in this tenant.`,
};

/** MSAL's own (client-side) error codes, in plain words. */
const MSAL: Record<string, (context: ErrorContext) => string> = {
	endpoints_resolution_error: ({ authority }) =>
		`Could not read the sign-in endpoints of ${authority}. Check the Tenant and the Cloud, and that n8n can reach the login host.`,
	openid_config_error: ({ authority }) =>
		`Could not read the sign-in endpoints of ${authority}. Check the Tenant and the Cloud, and that n8n can reach the login host.`,
	untrusted_authority: ({ authority }) => `MSAL does not trust the authority ${authority}. Check the Login (Authority) URL.`,
	network_error: ({ authority }) => `Could not reach the sign-in service at ${authority}. Check the network, proxy and Cloud.`,
	unable_to_create_source: () =>
		'No managed identity is available here: n8n must run on an Azure host (App Service, Container Apps, a VM, AKS) with a managed identity enabled.',
	network_unavailable: () => 'The managed identity endpoint could not be reached. Check that the host has a managed identity enabled.',
	managed_identity_error: () => 'The managed identity endpoint refused the request.',
};

export interface ErrorContext {
	tenant: string;
	authority: string;
	/** The token comes from the Azure host's identity endpoint, not from Entra's token endpoint. */
	managedIdentity?: boolean;
}

interface MsalErrorLike {
	errorCode?: string;
	errorMessage?: string;
	errorNo?: string | number;
	status?: number;
	statusCode?: number;
	correlationId?: string;
	message?: string;
}

/**
 * Entra's own description with its trace and correlation ids, without timestamps. MSAL wraps a
 * server error as "Error(s): … - Timestamp: … - Description: <Entra's text> - Correlation ID: …".
 */
function entraText(raw: string): string {
	const described = /Description:\s*([\s\S]*?)(?:\s+-\s+(?:Correlation ID|Trace ID):[\s\S]*)?$/.exec(raw)?.[1] ?? raw;
	const lines = described.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
	return lines.filter((line) => !/^Timestamp:/i.test(line)).join(' ');
}

function aadstsNumber(error: MsalErrorLike): number | undefined {
	const fromNo = Number(error.errorNo);
	if (Number.isInteger(fromNo) && fromNo > 0) return fromNo;
	const match = /AADSTS(\d+)/.exec(error.errorMessage ?? error.message ?? '');
	return match ? Number(match[1]) : undefined;
}

/** Replaces every secret (client secret, passphrase, key lines, assertion) that appears in a text. */
export function redact(text: string, secrets: string[]): string {
	let clean = text;
	for (const secret of secrets) {
		if (secret.length >= 8) clean = clean.split(secret).join('[redacted]');
	}
	return clean;
}

/**
 * Turns whatever MSAL (or the token endpoint behind it) threw into an AppOnlyCredentialError
 * whose message says what to fix. Nothing of the thrown object is kept but its codes and text,
 * and that text is scrubbed of the credential's secrets.
 */
export function toAppOnlyError(thrown: unknown, context: ErrorContext, secrets: string[]): AppOnlyCredentialError {
	if (thrown instanceof AppOnlyCredentialError) return thrown;
	const error = (thrown && typeof thrown === 'object' ? thrown : { message: String(thrown) }) as MsalErrorLike;
	const status = Number(error.status ?? error.statusCode) || 0;
	const raw = redact(entraText(error.errorMessage || error.message || ''), secrets);
	const correlation = error.correlationId && !/Correlation ID/i.test(raw) ? `Correlation ID: ${error.correlationId}` : '';
	const description = [raw, correlation].filter(Boolean).join(' ');
	const aadsts = aadstsNumber(error);
	if (aadsts !== undefined) {
		const plain = AADSTS[aadsts]?.(context) ?? `Microsoft Entra refused the token request (AADSTS${aadsts}).`;
		return new AppOnlyCredentialError(plain, `AADSTS${aadsts}`, status || 400, description || undefined);
	}
	if (context.managedIdentity && !error.errorCode && status) {
		const plain = `The managed identity endpoint refused the token request (HTTP ${status}). Check that this Azure resource has the identity enabled; for a user-assigned identity, that it is attached and its client ID is right.`;
		return new AppOnlyCredentialError(plain, 'ManagedIdentityRefused', status, description || undefined);
	}
	const code = error.errorCode || 'TokenRequestFailed';
	const plain = MSAL[code]?.(context) ?? `Could not get a token from Microsoft Entra (${code}).`;
	return new AppOnlyCredentialError(plain, code, status, description || undefined);
}
