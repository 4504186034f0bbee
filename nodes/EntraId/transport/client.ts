import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { dropAppOnlyToken } from '../../../credentials/appOnly/tokens';
import { resolveCloud } from '../../../credentials/clouds';
import { canonicalRoot, isUnderRoot } from '../../../credentials/hosts';
import { innerSignals, sendInBatches } from './batch';
import { mapLimit } from './concurrency';
import { retryNotFound } from './consistency';
import { GraphError, toGraphError } from './errors';
import { pinnedLink } from './links';
import { Progress } from './progress';
import type { Ticket } from './pacer';
import { Pacer } from './pacer';
import { isThrottle, retryDelay, unrepeatable } from './retry';
import type { GraphContext } from './send';
import { sendRequest } from './send';
import type { AttemptState, GraphCall, GraphResponse, TransportOptions } from './types';
import { ALREADY_DELETED } from './types';

/** The credential type behind each value of the node's Authentication parameter. */
export function credentialTypeFor(authentication: string): string {
	return authentication === 'appOnly' ? 'entraIdAppOnlyApi' : 'entraIdOAuth2Api';
}

export const DEFAULT_TRANSPORT: TransportOptions = {
	timeout: 60_000,
	concurrency: 25,
	batching: true,
	maxRetries: 8,
	maxThrottleRetries: 15,
	workerConcurrency: 0,
};

/** Counters for logs and benchmarks. */
export interface TransportStats {
	requests: number;
	retries: number;
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

	/**
	 * Sends one call, retrying throttling and transient faults. Throws a GraphError. `inner` holds
	 * the requests of a $batch envelope by id, so the pacer paces and learns from them.
	 */
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
				const pauseMs = isThrottle(error.status) ? retryDelay(error, call, attempt, this.options) : undefined;
				this.pacer.settle(ticket, ticket.answer ? [{ ...ticket.answer, call: inner ? undefined : call, pauseMs }] : []);
				if (error.status === 401 && !reauthenticated && (await this.renewToken(sentWith))) {
					reauthenticated = true;
					continue;
				}
				// A DELETE whose earlier attempt may have gone through (dropped connection, 502/504) is done when the object is gone.
				if (attempts.maybeApplied && call.method === 'DELETE' && error.status === 404) return ALREADY_DELETED;
				const delay = retryDelay(error, call, attempt, this.options);
				error.maybeApplied ||= attempts.maybeApplied;
				if (delay === undefined) throw unrepeatable(error, call);
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
		const nextLink = typeof link === 'string' ? pinnedLink(this.root, link) : undefined;
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
	 * With batching on, calls travel in JSON $batch envelopes of up to 20 (batch.ts). Calls marked
	 * `retryNotFound` are sent again while they answer 404 (consistency.ts).
	 */
	async executeAll(calls: GraphCall[]): Promise<Array<GraphResponse | GraphError>> {
		const outcomes = await this.executeOnce(calls);
		return await retryNotFound(calls, outcomes, async (again) => await this.executeOnce(again));
	}

	private async executeOnce(calls: GraphCall[]): Promise<Array<GraphResponse | GraphError>> {
		if (this.options.batching && calls.length > 1) return await sendInBatches(this, calls);
		return await mapLimit(calls, this.options.concurrency, async (call) => {
			const outcome = await this.request(call).catch((error: GraphError) => error);
			this.progress.settled(1);
			return outcome;
		});
	}

	/** Counts and logs a retry: method, Graph's code and the delay only, never URLs with tokens or bodies. */
	noteRetry(call: GraphCall, error: GraphError, attempt: number, delay: number, inBatch = false) {
		this.stats.retries++;
		this.ctx.logger.debug(
			`Entra ID: retrying ${call.method} ${inBatch ? '(in $batch) ' : ''}after ${error.code} in ${delay} ms (attempt ${attempt + 1})`,
		);
	}

	/** Whether a link is on the credential's Graph root: same origin, below the root's path at a `/`. */
	isOwnLink(link: string): boolean {
		return isUnderRoot(link, this.root);
	}

	private async send(call: GraphCall, ticket?: Ticket): Promise<GraphResponse> {
		// Absolute URLs come from Graph (nextLink) or from a picker's page token: only the credential's host is allowed.
		const url = /^[a-z][a-z0-9+.-]*:/i.test(call.url) ? pinnedLink(this.root, call.url) : `${this.baseUrl}${call.url}`;
		this.stats.requests++;
		return await sendRequest(this.ctx, this.credentialType, call, url, this.options.timeout, ticket);
	}
}

function stripUndefined<T extends object>(value: T): Partial<T> {
	return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
