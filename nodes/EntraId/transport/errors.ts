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
}

interface AxiosLikeError {
	code?: string;
	message?: string;
	response?: { status?: number; headers?: Record<string, unknown>; data?: unknown };
}

/** Network failures that never produced an HTTP status. */
const NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'EPIPE',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	'ERR_CANCELED',
	'EAI_AGAIN',
]);

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

/**
 * Turns whatever n8n's HTTP helper threw (a NodeApiError wrapping an Axios error) into a
 * GraphError, keeping only status, Graph's code and message, the request-id and Retry-After.
 */
export function toGraphError(thrown: unknown, parseRetry: (v?: string) => number | undefined): GraphError {
	if (thrown instanceof GraphError) return thrown;
	const wrapped = thrown as { cause?: AxiosLikeError; httpCode?: string | null } & AxiosLikeError;
	const axios: AxiosLikeError = wrapped?.cause?.response || wrapped?.cause?.code ? wrapped.cause : wrapped;
	const response = axios?.response;
	if (response?.status) {
		const retryAfter = parseRetry(headerValue(response.headers, 'retry-after'));
		return graphErrorFromBody(response.status, response.data, response.headers, retryAfter);
	}
	const networkCode = axios?.code && NETWORK_CODES.has(axios.code) ? axios.code : undefined;
	if (networkCode) {
		return new GraphError(0, networkCode, `The connection to Microsoft Graph failed (${networkCode})`);
	}
	const status = Number(wrapped?.httpCode) || 0;
	return new GraphError(status, status ? `HTTP${status}` : 'NetworkError', 'The request to Microsoft Graph failed');
}

export const isNetworkError = (error: GraphError) => error.status === 0;

/** What to tell the admin, by Graph's error code first and HTTP status second. */
const ADVICE: Record<string, (error: GraphError, hint: ErrorHint) => string> = {
	Authorization_RequestDenied: (_e, hint) =>
		`Permission denied. The app or signed-in user needs ${hint.permission ?? 'a Graph permission this operation requires'}, granted with admin consent.`,
	Request_ResourceNotFound: (_e, hint) =>
		`Not found: ${hint.resource ?? 'the object'} does not exist in this tenant (or was deleted). Check the ID or UPN.`,
	ResourceNotFound: (_e, hint) =>
		`Not found: ${hint.resource ?? 'the object'} does not exist in this tenant. Check the ID or UPN.`,
	Request_BadRequest: () => 'Microsoft Graph rejected the request. The details say which value to fix.',
	Request_UnsupportedQuery: () =>
		'Microsoft Graph does not support this query. Check the filter, search or select option.',
	InvalidAuthenticationToken: () =>
		'The access token was rejected. Reconnect the credential (delegated) or check the app registration (app-only).',
	Request_MultipleObjectsWithSameKeyValue: () => 'An object with the same unique value already exists.',
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
}

/** The message an admin sees, by Graph's code (never by its English text). */
export function adviceFor(error: GraphError, hint: ErrorHint = {}): string {
	const byCode = ADVICE[error.code];
	if (byCode) return byCode(error, hint);
	return STATUS_ADVICE[error.status] ?? 'Microsoft Graph returned an error.';
}

/** The NodeApiError n8n shows: Graph's code, message and request-id, in words an admin can act on. */
export function toNodeApiError(node: INode, error: GraphError, itemIndex?: number, hint: ErrorHint = {}): NodeApiError {
	const details = [`Graph says: ${error.graphMessage}`, `code: ${error.code}`];
	if (error.requestId) details.push(`request-id: ${error.requestId}`);
	const safe: JsonObject = {
		code: error.code,
		message: error.graphMessage,
		status: error.status,
		...(error.requestId ? { requestId: error.requestId } : {}),
	};
	const apiError = new NodeApiError(node, safe, {
		message: adviceFor(error, hint),
		description: details.join(' | '),
		httpCode: error.status ? String(error.status) : undefined,
		itemIndex,
	});
	apiError.context.graphCode = error.code;
	if (error.requestId) apiError.context.requestId = error.requestId;
	return apiError;
}
