import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/** A Graph failure, reduced to what is safe to show: no headers, no request bodies, no tokens. */
export class GraphError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		readonly graphMessage: string,
		readonly requestId?: string,
		readonly retryAfterMs?: number,
	) {
		super(graphMessage);
	}

	/** Set by an operation that knows what this one error means where Graph shares a code between cases. */
	advice?: string;

	/** The failure came from signing in (Microsoft Entra's token endpoint), not from Graph. */
	signIn = false;

	/** A sign-in failure that Microsoft Entra says may pass (a transient error, throttling, an outage). */
	signInTransient = false;

	/** An earlier attempt of the same call may have been carried out (its answer was lost, or a 502/504). */
	maybeApplied = false;
}

/** Network failures that never produced an HTTP status, as n8n's request helper reports them. */
const NETWORK_CODES = [
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ENOTFOUND',
	'EHOSTUNREACH',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
];
// A timeout first: n8n words axios's "timeout of 1000ms exceeded" as "The connection was aborted".
const NETWORK_TEXT: Array<[RegExp, string]> = [
	[/timeout of \d+ms exceeded|timed out/i, 'ETIMEDOUT'],
	[/socket hang up|aborted/i, 'ECONNRESET'],
];

function headerValue(headers: Record<string, unknown> | undefined, name: string): string | undefined {
	const value = headers?.[name] ?? headers?.[name.toLowerCase()];
	return value === undefined || value === null ? undefined : String(value);
}

function parseBody(data: unknown): IDataObject | undefined {
	if (typeof data === 'string') {
		try {
			return JSON.parse(data) as IDataObject;
		} catch {
			return undefined;
		}
	}
	return data && typeof data === 'object' ? (data as IDataObject) : undefined;
}

/** Builds a GraphError from a Graph error body (`{error:{code,message,innerError}}`) and status. */
export function graphErrorFromBody(
	status: number,
	data: unknown,
	headers?: Record<string, unknown>,
	retryAfterMs?: number,
): GraphError {
	const body = parseBody(data);
	const error = (body?.error ?? {}) as IDataObject;
	const inner = (error.innerError ?? error.innererror ?? {}) as IDataObject;
	const code = typeof error.code === 'string' ? error.code : `HTTP${status}`;
	const message =
		typeof error.message === 'string' && error.message !== ''
			? error.message
			: `Microsoft Graph answered HTTP ${status}`;
	const requestId =
		(inner['request-id'] as string | undefined) ?? headerValue(headers, 'request-id') ?? undefined;
	return new GraphError(status, code, message, requestId, retryAfterMs);
}

export function headerOf(headers: Record<string, unknown> | undefined, name: string) {
	return headerValue(headers, name);
}

/**
 * The app-only credential could not get a token (credentials/appOnly/errors.ts). n8n's wrapper
 * keeps its message (already the advice), its description (Entra's text) and its context (codes).
 */
function appOnlyFailureOf(thrown: unknown): GraphError | undefined {
	const wrapped = thrown as { message?: string; description?: string | null; context?: IDataObject } | undefined;
	const failure = wrapped?.context?.appOnlyCredential as { entraCode: string; httpStatus: number; transient?: boolean } | undefined;
	if (!failure) return undefined;
	const error = new GraphError(failure.httpStatus, failure.entraCode, wrapped?.description || String(wrapped?.message));
	error.advice = wrapped?.message;
	error.signIn = true;
	error.signInTransient = failure.transient === true;
	return error;
}

/**
 * Turns what n8n's HTTP helper threw (HTTP statuses come back as responses, so this is a
 * dropped connection, a timeout, or a sign-in failure of the credential) into a GraphError that
 * keeps only a code and a message: n8n's wrapper drops the underlying Axios error, and nothing
 * else of it (headers, request options, tokens) may travel on.
 */
export function toGraphError(thrown: unknown): GraphError {
	if (thrown instanceof GraphError) return thrown;
	const signInFailure = appOnlyFailureOf(thrown);
	if (signInFailure) return signInFailure;
	const error = thrown as { message?: string; messages?: string[]; code?: string; description?: string | null };
	const texts = [error?.message, error?.description, error?.code, ...(error?.messages ?? [])].filter(
		(text): text is string => typeof text === 'string',
	);
	const joined = texts.join(' ');
	const code =
		NETWORK_CODES.find((candidate) => joined.includes(candidate)) ??
		NETWORK_TEXT.find(([pattern]) => pattern.test(joined))?.[1];
	if (code) return new GraphError(0, code, `The connection to Microsoft Graph failed (${code})`);
	const reason = (error?.messages ?? []).find((text) => /AADSTS\d+|MSAL|token/i.test(text)) ?? error?.message;
	const failure = new GraphError(0, 'AuthenticationFailed', reason ? String(reason) : 'Signing in to Microsoft Graph failed');
	failure.signIn = true;
	return failure;
}

export const isNetworkError = (error: GraphError) => error.status === 0 && NETWORK_CODES.includes(error.code);

/** Failures after which the request may have reached Graph and run: a dropped or timed-out connection, a 502, a 504. */
const UNCERTAIN_CODES = ['ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE'];
export const isUncertain = (error: GraphError) =>
	error.status === 502 || error.status === 504 || (error.status === 0 && UNCERTAIN_CODES.includes(error.code));

/**
 * The advice for a write that is not safe to repeat (a POST) and met an uncertain failure: the
 * node did not send it again, and nobody knows whether Graph carried it out.
 */
export function explainUncertain(error: GraphError): GraphError {
	const what =
		error.status !== 0
			? `Graph's gateway answered ${error.status} (${error.code})`
			: error.code === 'ECONNRESET' || error.code === 'EPIPE'
				? `the connection dropped before the answer came (${error.code})`
				: 'no answer came before the timeout (see the Timeout option)';
	error.advice = `This change may or may not have been applied: ${what}. The node did not send it again, so it was not applied twice. Check the object (for example with Get) before running this item again.`;
	return error;
}

/** What to tell the admin, by Graph's error code first and HTTP status second. */
const ADVICE: Record<string, (error: GraphError, hint: ErrorHint) => string> = {
	Authorization_RequestDenied: (_e, hint) =>
		`Permission denied. The app or signed-in user needs ${hint.permission ?? 'a Graph permission this operation requires'}, granted with admin consent.`,
	Request_ResourceNotFound: (_e, hint) =>
		`Not found: ${hint.resource ?? 'the object'} does not exist in this tenant (or was deleted). Check the ID or UPN.`,
	ResourceNotFound: (_e, hint) =>
		`Not found: ${hint.resource ?? 'the object'} does not exist in this tenant. Check the ID or UPN.`,
	Request_BadRequest: () => 'Microsoft Graph rejected the request. The details say which value to fix.',
	BadRequest: () => 'Microsoft Graph could not read the request. Check the filter, search or select option.',
	Request_UnsupportedQuery: () =>
		'Microsoft Graph does not support this query. Check the filter, search or select option.',
	InvalidAuthenticationToken: () =>
		'The access token was rejected. Reconnect the credential (delegated) or check the app registration (app-only).',
	Request_MultipleObjectsWithSameKeyValue: () => 'An object with the same unique value already exists.',
	Directory_ResultSizeLimitExceeded: () =>
		'The result is larger than Graph allows for this call (getMemberGroups stops at 11,000 groups). Turn off Security Groups Only and list with Transitive instead.',
	ErrorInsufficientPermissionsInAccessToken: (_e, hint) =>
		`The token lacks the permission ${hint.permission ?? 'this operation needs'}. Grant it and give admin consent.`,
	TooManyRequests: () => 'Microsoft Graph kept throttling the request after every retry. Run fewer items at once or try later.',
	ServiceNotAvailable: () => 'Microsoft Graph was unavailable after every retry. Try again later.',
	ECONNRESET: () => 'The connection to Microsoft Graph was reset after every retry.',
	ETIMEDOUT: () => 'Microsoft Graph did not answer before the timeout (see the Timeout option).',
	ECONNABORTED: () => 'Microsoft Graph did not answer before the timeout (see the Timeout option).',
	ECONNREFUSED: () => 'Microsoft Graph could not be reached. Check the credential\'s cloud or Graph endpoint URL.',
};

const STATUS_ADVICE: Record<number, string> = {
	401: 'The access token was rejected. Reconnect the credential.',
	403: 'Permission denied by Microsoft Graph.',
	404: 'Not found in this tenant.',
	409: 'The object changed or conflicts with another one.',
	429: 'Microsoft Graph kept throttling the request after every retry. Run fewer items at once or try later.',
	503: 'Microsoft Graph was unavailable after every retry. Try again later.',
};

/** Extra facts an operation knows that make Graph's error actionable. */
export interface ErrorHint {
	permission?: string;
	resource?: string;
	/** What an operation knows better for a Graph code, e.g. why a restore found nothing. */
	advice?: Record<string, string>;
}

/** The message an admin sees, by Graph's code (never by its English text). */
export function adviceFor(error: GraphError, hint: ErrorHint = {}): string {
	if (error.advice) return error.advice;
	const override = hint.advice?.[error.code];
	if (override) return override;
	const byCode = ADVICE[error.code];
	if (byCode) return byCode(error, hint);
	return STATUS_ADVICE[error.status] ?? 'Microsoft Graph returned an error.';
}

/** The NodeApiError n8n shows: Graph's code, message and request-id, in words an admin can act on. */
export function toNodeApiError(node: INode, error: GraphError, itemIndex?: number, hint: ErrorHint = {}): NodeApiError {
	const details = [`${error.signIn ? 'Microsoft Entra' : 'Graph'} says: ${error.graphMessage}`, `code: ${error.code}`];
	if (error.requestId) details.push(`request-id: ${error.requestId}`);
	const safe: JsonObject = {
		code: error.code,
		message: error.graphMessage,
		status: error.status,
		...(error.requestId ? { requestId: error.requestId } : {}),
	};
	const message = adviceFor(error, hint);
	const apiError = new NodeApiError(node, safe, {
		message,
		description: details.join(' | '),
		httpCode: error.status ? String(error.status) : undefined,
		itemIndex,
	});
	// NodeApiError swaps the message for its generic text when the code is ECONNRESET, ETIMEDOUT
	// and the like ("You can retry the request immediately"), which is wrong for a write whose
	// outcome is unknown. Keep the advice.
	apiError.message = message;
	apiError.context.graphCode = error.code;
	if (error.requestId) apiError.context.requestId = error.requestId;
	return apiError;
}
