import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import { NO_REDIRECTS } from '../../../credentials/appOnly/pinning';
import { GraphError, graphErrorFromBody, headerOf } from './errors';
import type { Ticket } from './pacer';
import { parseRetryAfter } from './retry';
import type { GraphCall, GraphResponse } from './types';

/** A 3xx answer: Graph does not redirect, so the node stops rather than follow it elsewhere. */
export class RedirectRefusedError extends GraphError {
	constructor(status: number, location: string | undefined, requestId?: string) {
		let target = 'another address';
		try {
			if (location) target = new URL(location).origin;
		} catch {}
		super(
			status,
			'RedirectRefused',
			`The Graph endpoint answered HTTP ${status} with a redirect to ${target}. Microsoft Graph does not redirect these requests, so the node stopped without following it: no token or request body was sent there. Check the credential's Graph endpoint URL and any proxy or gateway in front of it.`,
			requestId,
		);
		this.advice = this.graphMessage;
	}
}

export type GraphContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions | IHookFunctions | IWebhookFunctions;

/**
 * One HTTP request to Graph through n8n's credential helper (which adds the token). Statuses come
 * back as answers, so Graph's headers (Retry-After, request-id) and body stay readable; a status of
 * 400 or more is thrown as a GraphError, and a redirect is refused, never followed. `url` is absolute and already checked.
 */
export async function sendRequest(
	ctx: GraphContext,
	credentialType: string,
	call: GraphCall,
	url: string,
	timeout: number,
	ticket?: Ticket,
): Promise<GraphResponse> {
	const options: IHttpRequestOptions = {
		method: call.method,
		url,
		qs: call.qs,
		body: call.body,
		headers: { ...call.headers },
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout,
		...NO_REDIRECTS,
	};
	const response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, credentialType, options)) as {
		statusCode: number;
		body: unknown;
		headers: Record<string, string>;
	};
	const headers = response.headers ?? {};
	// The pacer reads Graph's throttle headers from every answer, errors included.
	if (ticket) ticket.answer = { status: response.statusCode, headers };
	if (response.statusCode >= 300 && response.statusCode < 400) {
		throw new RedirectRefusedError(response.statusCode, headerOf(headers, 'location'), headerOf(headers, 'request-id'));
	}
	if (response.statusCode >= 400) {
		throw graphErrorFromBody(response.statusCode, response.body, headers, parseRetryAfter(headerOf(headers, 'retry-after')));
	}
	const body = response.body && typeof response.body === 'object' ? (response.body as IDataObject) : {};
	return { status: response.statusCode, body, headers };
}
