import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { dropAppOnlyToken } from '../../../credentials/appOnly/tokens';
import { NO_REDIRECTS } from '../../../credentials/appOnly/pinning';
import { resolveCloud } from '../../../credentials/clouds';
import { canonicalRoot, isUnderRoot } from '../../../credentials/hosts';
import { chunk, mapLimit } from '../helpers/concurrency';
import { retryNotFound } from './consistency';
import { explainUncertain, GraphError, graphErrorFromBody, headerOf, isNetworkError, isUncertain, toGraphError } from './errors';
import { Progress } from './progress';
import { headerIn, Pacer, type PaceSignal, type Ticket } from './pacer';
import { backoffDelay, isIdempotent, isThrottle, isTransient, MAX_RETRY_AFTER_MS, parseRetryAfter, waitTooLong } from './retry';
import type { GraphCall, GraphResponse, TransportOptions } from './types';

export type GraphContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

/** The credential type behind each value of the node's Authentication parameter. */
export function credentialTypeFor(authentication: string): string {
	return authentication === 'appOnly' ? 'entraIdAppOnlyApi' : 'entraIdOAuth2Api';
}

/** Graph's limit of requests in one JSON $batch envelope. */
export const BATCH_LIMIT = 20;

export const DEFAULT_TRANSPORT: TransportOptions = {
	timeout: 60_000,
	concurrency: 25,
	batching: true,
	maxRetries: 8,
	maxThrottleRetries: 15,
	workerConcurrency: 0,
};

/** Whether an earlier attempt of a call may have reached Graph (a dropped connection, a 502 or 504). */
interface AttemptState {
	maybeApplied: boolean;
}

/** The answer for a retried DELETE that finds its object already gone. */
const ALREADY_DELETED: GraphResponse = { status: 204, body: {}, headers: {} };

/** Counters for logs and benchmarks. */
export interface TransportStats {
	requests: number;
	retries: number;
}

/** A link from a response that points anywhere but the credential's Graph host. */
export class ForeignLinkError extends GraphError {
	constructor(link: string) {
		let host = 'another host';
		try {
			host = new URL(link).origin;
		} catch {}
		super(
			0,
			'ForeignNextLink',
			`Graph returned a paging link to ${host}, which is not the credential's Graph endpoint. The node stopped so the access token is not sent there.`,
		);
		// The node's own finding, not Graph's error: it is the message, not a generic one.
		this.advice = this.graphMessage;
	}
}

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

/**
 * The one place that talks to Microsoft Graph: authentication through n8n's credential helpers,
 * retries with Retry-After, a throttle shared by the whole run, paging and JSON batching.
 */
export class GraphClient {
	readonly stats: TransportStats = { requests: 0, retries: 0 };

	/** Progress lines for the editor during long manual runs. */
	readonly progress: Progress;


	/** Counts the token renewals of this run; a request notes it when sent. */
	private tokenGeneration = 0;

	private renewal?: { generation: number; renewed: Promise<boolean> };

	constructor(
		private readonly ctx: GraphContext,
		readonly credentialType: string,
		readonly root: string,
		readonly options: TransportOptions = DEFAULT_TRANSPORT,
		private readonly onUnauthorized?: () => Promise<boolean>,
		/** Shared by every client of the same identity, tenant and cloud in this process (pacer.ts). */
		private readonly pacer = Pacer.for(root, 'unknown-tenant', credentialType),
	) {
		this.progress = Progress.for(ctx, this.stats);
	}

	static async create(
		ctx: GraphContext,
		authentication: string,
		options: Partial<TransportOptions> = {},
	): Promise<GraphClient> {
		const credentialType = credentialTypeFor(authentication);
		const credentials = await ctx.getCredentials(credentialType);
		const graphUrl = canonicalRoot(resolveCloud(credentials).graphUrl);
		if (!graphUrl) {
			throw new GraphError(0, 'InvalidGraphUrl', "The credential's Graph endpoint URL is not a plain http(s) URL (no user name, query or fragment).");
		}
		const merged = { ...DEFAULT_TRANSPORT, ...stripUndefined(options) };
		// App-only: after a 401, forget the cached MSAL token so the one retry carries a fresh one.
		const appOnly = credentialType === credentialTypeFor('appOnly');
		const onUnauthorized = appOnly ? async () => dropAppOnlyToken(credentials) : undefined;
		const identity = String(credentials.clientId || credentials.managedIdentityClientId || credentials.authMethod || credentialType);
		const pacer = Pacer.for(graphUrl, String(credentials.tenantId ?? ''), identity);
		return new GraphClient(ctx, credentialType, graphUrl, merged, onUnauthorized, pacer);
	}

	get baseUrl() {
		return `${this.root}/v1.0`;
	}

	get isAppOnly() {
		return this.credentialType === credentialTypeFor('appOnly');
	}

	/** Sends one call, retrying throttling and transient faults. Throws a GraphError. */
	async request(
		call: GraphCall,
		attempts: AttemptState = { maybeApplied: false },
		inner?: Map<string, GraphCall>,
	): Promise<GraphResponse> {
		let reauthenticated = false;
		for (let attempt = 0; ; attempt++) {
			// Pacing (pacer.ts): a $batch envelope waits for the lanes of the requests inside it.
			const ticket = await this.pacer.acquire(inner ? [...inner.values()] : [call], this.options.workerConcurrency);
			const sentWith = this.tokenGeneration;
			try {
				const response = await this.send(call, ticket);
				this.pacer.settle(ticket, inner ? innerSignals(response, inner) : [{ call, ...response }]);
				return response;
			} catch (thrown) {
				const error = toGraphError(thrown);
				const pauseMs = isThrottle(error.status) ? this.retryDelay(error, call, attempt) : undefined;
				this.pacer.settle(ticket, ticket.answer ? [{ ...ticket.answer, call: inner ? undefined : call, pauseMs }] : []);
				if (error.status === 401 && !reauthenticated && (await this.renewToken(sentWith))) {
					reauthenticated = true;
					continue;
				}
				// A DELETE whose earlier attempt may have gone through (dropped connection, 502/504) is done when the object is gone.
				if (attempts.maybeApplied && call.method === 'DELETE' && error.status === 404) return ALREADY_DELETED;
				const delay = this.retryDelay(error, call, attempt);
				error.maybeApplied ||= attempts.maybeApplied;
				if (delay === undefined) throw this.unrepeatable(error, call);
				attempts.maybeApplied ||= !isThrottle(error.status);
				this.noteRetry(call, error, attempt, delay);
				// A throttled call waits in the pacer, with its whole throttle scope.
				if (!isThrottle(error.status)) await sleep(delay);
			}
		}
	}

	/**
	 * After a 401: one renewal shared by every request refused with the same token (four
	 * envelopes in flight would otherwise refresh four times, and an app-only token dropped by
	 * the first would leave the other three without a retry). A request sent before a renewal
	 * that has since succeeded is just sent again. A failed renewal is not tried again this run.
	 */
	private async renewToken(sentWith: number): Promise<boolean> {
		if (sentWith !== this.tokenGeneration) return true;
		if (this.renewal?.generation !== sentWith) {
			const renewed = this.reauthenticate().then((ok) => {
				if (ok) this.tokenGeneration = sentWith + 1;
				return ok;
			});
			this.renewal = { generation: sentWith, renewed };
		}
		return await this.renewal.renewed;
	}

	/**
	 * After a 401, one fresh token: a delegated credential goes through n8n's OAuth2 refresh (which
	 * saves the new tokens), an app-only one drops its cached MSAL token.
	 */
	private async reauthenticate(): Promise<boolean> {
		if (this.onUnauthorized) return await this.onUnauthorized();
		if (this.isAppOnly) return false;
		try {
			await this.ctx.helpers.refreshOAuth2Token.call(this.ctx, this.credentialType);
			this.ctx.logger.debug('Entra ID: access token renewed after a 401');
			return true;
		} catch {
			// The refresh token itself was refused: report the original 401, which says to reconnect.
			return false;
		}
	}

	/** One page of a collection and the call for the next one (its @odata.nextLink), if any. */
	async page(call: GraphCall): Promise<{ objects: IDataObject[]; nextLink?: string }> {
		const { body } = await this.request(call);
		const link = body['@odata.nextLink'];
		const nextLink = typeof link === 'string' ? this.checkLink(link) : undefined;
		return { objects: (body.value as IDataObject[] | undefined) ?? [], nextLink };
	}

	/** Yields each page of a collection, following @odata.nextLink on the credential's Graph host only. */
	async *pages(call: GraphCall): AsyncGenerator<IDataObject[]> {
		let next: GraphCall | undefined = call;
		while (next) {
			const { objects, nextLink }: { objects: IDataObject[]; nextLink?: string } = await this.page(next);
			this.progress.page(objects.length);
			yield objects;
			next = nextLink ? { method: 'GET', url: nextLink, headers: call.headers } : undefined;
		}
	}

	/** Collects a collection page by page, shaping each object as it arrives, up to `limit` when given. */
	async collect(
		call: GraphCall,
		limit?: number,
		shape: (object: IDataObject) => IDataObject = (object) => object,
	): Promise<IDataObject[]> {
		const objects: IDataObject[] = [];
		for await (const page of this.pages(call)) {
			for (const object of page) {
				objects.push(shape(object));
				if (limit !== undefined && objects.length >= limit) return objects;
			}
		}
		return objects;
	}

	/**
	 * Runs independent calls and returns, in the same order, each one's response or error.
	 * With batching on, calls travel in JSON $batch envelopes of up to 20; each inner call is
	 * matched by id and retried on its own when throttled. Calls marked `retryNotFound` are sent
	 * again while they answer 404 (see consistency.ts).
	 */
	async executeAll(calls: GraphCall[]): Promise<Array<GraphResponse | GraphError>> {
		const outcomes = await this.executeOnce(calls);
		return await retryNotFound(calls, outcomes, async (again) => await this.executeOnce(again));
	}

	private async executeOnce(calls: GraphCall[]): Promise<Array<GraphResponse | GraphError>> {
		if (!this.options.batching || calls.length === 1) {
			return await mapLimit(calls, this.options.concurrency, async (call) => {
				const outcome = await this.request(call).catch((error: GraphError) => error);
				this.progress.settled(1);
				return outcome;
			});
		}
		return await this.batch(calls);
	}

	private async batch(calls: GraphCall[]): Promise<Array<GraphResponse | GraphError>> {
		const results = new Array<GraphResponse | GraphError>(calls.length);
		const maybeApplied = new Set<number>();
		let pending = calls.map((_, index) => index);
		for (let attempt = 0; pending.length > 0; attempt++) {
			const retry: number[] = [];
			let wait = 0;
			await mapLimit(chunk(pending, BATCH_LIMIT), this.options.concurrency, async (indexes) => {
				const envelope = await this.sendEnvelope(calls, indexes, maybeApplied);
				if (envelope instanceof GraphError) {
					for (const index of indexes) results[index] = envelope;
					this.progress.settled(indexes.length);
					return;
				}
				let settled = 0;
				for (const index of indexes) {
					let outcome = envelope.get(String(index)) ?? new GraphError(0, 'BatchResponseMissing', 'Graph returned no answer for this request in its $batch response');
					if (outcome instanceof GraphError && outcome.status === 404 && calls[index].method === 'DELETE' && maybeApplied.has(index)) {
						outcome = ALREADY_DELETED;
					}
					const delay = outcome instanceof GraphError ? this.retryDelay(outcome, calls[index], attempt) : undefined;
					if (delay !== undefined) {
						retry.push(index);
						// Throttled requests wait in the pacer (their scope's Retry-After); other faults here.
						if (!isThrottle((outcome as GraphError).status)) wait = Math.max(wait, delay);
						if (!isThrottle((outcome as GraphError).status)) maybeApplied.add(index);
						this.noteRetry(calls[index], outcome as GraphError, attempt, delay, true);
					} else {
						if (outcome instanceof GraphError) outcome.maybeApplied ||= maybeApplied.has(index);
						results[index] = outcome instanceof GraphError ? this.unrepeatable(outcome, calls[index]) : outcome;
						settled++;
					}
				}
				this.progress.settled(settled);
			});
			pending = retry.sort((a, b) => a - b);
			if (pending.length > 0 && wait > 0) await sleep(wait);
		}
		return results;
	}

	private async sendEnvelope(
		calls: GraphCall[],
		indexes: number[],
		maybeApplied: Set<number>,
	): Promise<Map<string, GraphResponse | GraphError> | GraphError> {
		const requests = indexes.map((index) => toBatchRequest(String(index), calls[index]));
		const idempotent = indexes.every((index) => isIdempotent(calls[index].method, calls[index].idempotent));
		try {
			const attempts: AttemptState = { maybeApplied: false };
			const inner = new Map(indexes.map((index) => [String(index), calls[index]]));
			const { body } = await this.request({ method: 'POST', url: '/$batch', body: { requests }, idempotent }, attempts, inner);
			if (attempts.maybeApplied) for (const index of indexes) maybeApplied.add(index);
			const answers = new Map<string, GraphResponse | GraphError>();
			for (const response of (body.responses as IDataObject[] | undefined) ?? []) {
				answers.set(String(response.id), fromBatchResponse(response));
			}
			return answers;
		} catch (error) {
			return error as GraphError;
		}
	}

	private async send(call: GraphCall, ticket?: Ticket): Promise<GraphResponse> {
		// Absolute URLs come from Graph (nextLink) or from a picker's page token: only the credential's host is allowed.
		const url = /^[a-z][a-z0-9+.-]*:/i.test(call.url) ? this.checkLink(call.url) : `${this.baseUrl}${call.url}`;
		const options: IHttpRequestOptions = {
			method: call.method,
			url,
			qs: call.qs,
			body: call.body,
			headers: { ...call.headers },
			json: true,
			returnFullResponse: true,
			// Statuses come back as answers, so Graph's headers (Retry-After, request-id) and body stay readable.
			ignoreHttpStatusErrors: true,
			timeout: this.options.timeout,
			...NO_REDIRECTS,
		};
		this.stats.requests++;
		const response = (await this.ctx.helpers.httpRequestWithAuthentication.call(
			this.ctx,
			this.credentialType,
			options,
		)) as { statusCode: number; body: unknown; headers: Record<string, string> };
		const headers = response.headers ?? {};
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

	private retryDelay(error: GraphError, call: GraphCall, attempt: number): number | undefined {
		// No token, so nothing reached Graph: a transient sign-in failure is safe to retry for any call.
		if (error.signInTransient) return attempt < this.options.maxRetries ? backoffDelay(attempt) : undefined;
		// A wait past the ceiling would hang the execution (or, past Node's timer limit, not wait at all).
		if (waitTooLong(error)) return undefined;
		// Graph did not run a throttled request and says when to come back: waiting longer loses nothing.
		if (isThrottle(error.status)) return attempt < this.options.maxThrottleRetries ? (error.retryAfterMs ?? backoffDelay(attempt)) : undefined;
		if (attempt >= this.options.maxRetries) return undefined;
		const transient = isTransient(error.status) || (isNetworkError(error) && !(error instanceof ForeignLinkError));
		if (transient && isIdempotent(call.method, call.idempotent)) return error.retryAfterMs ?? backoffDelay(attempt);
		return undefined;
	}

	/** A final error: for a write not safe to repeat that met an uncertain failure, it says the outcome is unknown. */
	private unrepeatable(error: GraphError, call: GraphCall): GraphError {
		return isUncertain(error) && !isIdempotent(call.method, call.idempotent) ? explainUncertain(error) : error;
	}

	/** Counts and logs a retry: method, Graph's code and the delay only, never URLs with tokens or bodies. */
	private noteRetry(call: GraphCall, error: GraphError, attempt: number, delay: number, inBatch = false) {
		this.stats.retries++;
		this.ctx.logger.debug(
			`Entra ID: retrying ${call.method} ${inBatch ? '(in $batch) ' : ''}after ${error.code} in ${delay} ms (attempt ${attempt + 1})`,
		);
	}

	/** The link itself when it is on the credential's Graph root, else the error to stop with. */
	private checkLink(link: string): string {
		const foreign = this.foreignLink(link);
		if (foreign) throw foreign;
		return link;
	}

	private foreignLink(link: string): ForeignLinkError | undefined {
		return this.isOwnLink(link) ? undefined : new ForeignLinkError(link);
	}

	/** Whether a link is on the credential's Graph root: same origin, below the root's path at a `/`. */
	isOwnLink(link: string): boolean {
		return isUnderRoot(link, this.root);
	}
}

function stripUndefined<T extends object>(value: T): Partial<T> {
	return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A query string in Graph's own form: `$` and `,` left readable. */
export function toQueryString(qs: IDataObject | undefined): string {
	if (!qs) return '';
	const parts = Object.entries(qs)
		.filter(([, value]) => value !== undefined && value !== '')
		.map(([key, value]) => `${key}=${encodeURIComponent(String(value)).replace(/%24/g, '$').replace(/%2C/gi, ',')}`);
	return parts.length ? `?${parts.join('&')}` : '';
}

function toBatchRequest(id: string, call: GraphCall): IDataObject {
	const request: IDataObject = { id, method: call.method, url: `${call.url}${toQueryString(call.qs)}` };
	const headers: Record<string, string> = { ...call.headers };
	if (call.body !== undefined) {
		request.body = call.body;
		headers['Content-Type'] = 'application/json';
	}
	if (Object.keys(headers).length) request.headers = headers;
	return request;
}

/** What each answer inside a $batch tells the pacer: Graph throttles those one by one. */
function innerSignals(response: GraphResponse, inner: Map<string, GraphCall>): PaceSignal[] {
	const answers = (response.body.responses as IDataObject[] | undefined) ?? [];
	return answers.map((answer) => {
		const status = Number(answer.status);
		const headers = (answer.headers as Record<string, string> | undefined) ?? {};
		// Capped like the retries themselves (retry.ts): a longer ask ends those items, it does not hold the lane for hours.
		const pauseMs = isThrottle(status) ? Math.min(MAX_RETRY_AFTER_MS, parseRetryAfter(headerIn(headers, 'retry-after')) ?? backoffDelay(0)) : undefined;
		return { call: inner.get(String(answer.id)), status, headers, pauseMs };
	}).filter((signal) => signal.call !== undefined);
}

function fromBatchResponse(response: IDataObject): GraphResponse | GraphError {
	const status = Number(response.status);
	const headers = (response.headers as Record<string, string> | undefined) ?? {};
	const body = response.body && typeof response.body === 'object' ? (response.body as IDataObject) : {};
	if (status >= 200 && status < 300) return { status, body, headers };
	const retryAfterHeader = Object.entries(headers).find(([name]) => name.toLowerCase() === 'retry-after')?.[1];
	return graphErrorFromBody(status, body, headers, parseRetryAfter(retryAfterHeader));
}

