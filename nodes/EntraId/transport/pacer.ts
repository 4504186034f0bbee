import { sleepWithAbort } from 'n8n-workflow';

import type { GraphCall } from './types';

/**
 * Keeps the request rate just under what Graph allows instead of finding the limit by hitting it
 * (https://learn.microsoft.com/graph/throttling-limits#identity-and-access-service-limits).
 * Identity and access throttles each app + tenant with token buckets: resource units for every
 * request and a separate write quota for POST, PATCH, PUT and DELETE. Inside a $batch, each
 * request is counted on its own. So the pacer keeps one lane per bucket kind:
 * - `read`: requests that change nothing, paced in resource units (x-ms-resource-unit corrects the estimate of 1);
 * - `write`: requests that change something, paced in requests;
 * - `identityProtection`: Identity Protection and Conditional Access, 1 request a second per tenant for
 *   all apps, 429 without Retry-After beyond it: one call at a time, the next a second after the
 *   answer (counting from the answer keeps a slow token fetch or jitter from landing two in one second).
 * A lane starts unpaced with a window of units in flight that doubles every clean round trip
 * (slow start: ten envelopes at first, a probe; the only cost when Graph never throttles). Graph's `x-ms-throttle-limit-percentage` (sent once a bucket is 80% used) and
 * 429s give it a rate, which then grows additively while answers come back clean and shrinks
 * multiplicatively on each signal (AIMD). A 429's Retry-After holds every lane of its
 * `x-ms-throttle-scope` (Read, Write or ReadWrite), not only the request that got it.
 */
export type LaneName = 'read' | 'write' | 'identityProtection';

/** What one answer (a request's, or one inside a $batch) tells the pacer. */
export interface PaceSignal {
	/** The call answered; undefined: the answer covers every call of the ticket (a failed envelope). */
	call?: GraphCall;
	status: number;
	headers?: Record<string, unknown>;
	/** For 429 and 503: how long the scope must wait (Retry-After, or the client's backoff). */
	pauseMs?: number;
}

export interface Ticket {
	sentAt: number;
	costs: Map<LaneName, number>;
	requests: number;
	/** Set by the sender when an HTTP answer came back: its status and headers. */
	answer?: { status: number; headers: Record<string, unknown> };
}

/** Units in flight a lane allows before Graph has said anything about it: ten $batch envelopes. */
export const INITIAL_WINDOW = 200;
/** The documented write window: after this long idle, every bucket is full again and the lane starts over. */
const FORGET_AFTER_MS = 150_000;
/** Goodput is measured over this span when a first signal gives the lane a rate. */
const GOODPUT_SPAN_MS = 1_000;
const MIN_RATE = 0.2;
/** The first rate, as a share of the goodput when Graph first signals. */
const FIRST_RATE_SHARE = 0.9;
/** Additive increase while answers come back clean: per second, this share of the goodput at the first signal. */
const INCREASE_SHARE = 0.1;
/**
 * ...and at least this many units a second per second: a first estimate taken too low (a lane only
 * just started, or another bucket's header on its first answers) must not hold a job back for long.
 * Below 80% the bucket has room, and its header warns a fifth of the bucket before a 429.
 */
const MIN_STEP = 20;
/** Identity Protection and Conditional Access: 1 request per second per tenant, for all apps. */
const IDENTITY_PROTECTION_RATE = 1;

const IDENTITY_PROTECTION_PATH =
	/^\/(identityProtection|riskyUsers|riskDetections|riskyServicePrincipals|servicePrincipalRiskDetections|identity\/conditionalAccess)(\/|$|\?)/;
const READ_ONLY_POST = /\/(getByIds|getObjectsById|checkMemberGroups|checkMemberObjects|getMemberGroups|getMemberObjects|isMemberOf)$/;

/** A header by name in any letter case: inner $batch answers spell them as they like. */
export function headerIn(headers: Record<string, unknown> | undefined, name: string): string | undefined {
	const key = Object.keys(headers ?? {}).find((candidate) => candidate.toLowerCase() === name);
	const value = key === undefined ? undefined : headers?.[key];
	return value === undefined || value === null ? undefined : String(value);
}

/** The bucket a call draws on. */
export function laneOf(call: GraphCall): LaneName {
	const path = call.url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]+\/[^/]+/i, '');
	if (IDENTITY_PROTECTION_PATH.test(path)) return 'identityProtection';
	if (call.method === 'GET' || (call.method === 'POST' && READ_ONLY_POST.test(path))) return 'read';
	return 'write';
}

/** The lanes a 429's x-ms-throttle-scope (`<Scope>/<Limit>/<app>/<tenant>`) names. */
export function scopeLanes(scope: unknown): LaneName[] | undefined {
	const limit = typeof scope === 'string' ? scope.split('/')[1]?.toLowerCase() : undefined;
	if (limit === 'read') return ['read'];
	if (limit === 'write') return ['write'];
	if (limit === 'readwrite') return ['read', 'write'];
	return undefined;
}

/** One bucket's pace: a rate once Graph has signalled, a slow-start window before. */
export class Lane {
	/** Units per second; undefined until the first signal. */
	rate?: number;
	window = INITIAL_WINDOW;
	inFlight = 0;
	pausedUntil = 0;
	private nextAt = 0;
	private lastDecreaseAt = 0;
	private lastChangeAt = 0;
	private lastUsedAt = 0;
	private lastUsage = 0;
	private cleanSinceGrowth = 0;
	private step = 0;
	private admitted: Array<[number, number]> = [];
	/** Whether the window or the rate held a send back since the lane last grew: only a pace in use may grow. */
	private held = false;
	/** A whole first window came back clean: from then on the window grows with each clean answer. */
	private probed = false;

	constructor(private readonly fixedRate?: number) {
		this.rate = fixedRate;
	}

	/** Milliseconds until `cost` may go; Infinity while the window is full (an answer frees it). */
	delay(cost: number, now: number): number {
		if (this.fixedRate === undefined && this.rate !== undefined && this.inFlight === 0 && now - this.lastUsedAt > FORGET_AFTER_MS) {
			this.rate = undefined;
			this.window = INITIAL_WINDOW;
			this.cleanSinceGrowth = 0;
			this.probed = false;
			this.held = false;
		}
		const held = Math.max(this.pausedUntil, this.rate !== undefined ? this.nextAt : 0) - now;
		if (this.fixedRate !== undefined && this.inFlight > 0) return Infinity;
		if (this.rate === undefined && this.inFlight > 0 && this.inFlight + cost > this.window) {
			this.held = true;
			return Infinity;
		}
		if (this.rate !== undefined && this.nextAt > now) this.held = true;
		return Math.max(0, held);
	}

	reserve(cost: number, now: number) {
		this.inFlight += cost;
		this.lastUsedAt = now;
		if (this.rate !== undefined && this.fixedRate === undefined) this.nextAt = Math.max(this.nextAt, now) + (cost / this.rate) * 1000;
	}

	/** An answer (or a failure) came back: a fixed-rate lane counts its interval from now. */
	release(cost: number, now: number) {
		this.inFlight = Math.max(0, this.inFlight - cost);
		if (this.fixedRate !== undefined) this.nextAt = Math.max(this.nextAt, now + (cost / this.fixedRate) * 1000);
	}

	/** Graph charged more than the estimate (x-ms-resource-unit): the next sends wait for the difference. */
	charge(extra: number) {
		if (this.rate !== undefined && extra > 0) this.nextAt += (extra / this.rate) * 1000;
	}

	pause(ms: number, now: number) {
		this.pausedUntil = Math.max(this.pausedUntil, now + ms);
	}

	/**
	 * Answers Graph let through, with the highest x-ms-throttle-limit-percentage among them (0: none,
	 * the bucket is under 80%). Under 80%: slow start widens the window, a paced lane speeds up
	 * linearly with time. Over: slow down while usage rises (the more, the higher it is), hold while the
	 * bucket refills (every answer carries the header until then).
	 */
	answered(units: number, usage: number, sentAt: number, now: number) {
		if (this.rate === undefined) this.note(units, now);
		if (this.fixedRate !== undefined) return;
		if (usage >= 0.8 && usage > this.lastUsage) this.decrease(Math.min(0.9, Math.max(0.6, 1.8 - usage)), sentAt, now);
		else if (usage < 0.8 && this.rate === undefined) this.grow(units);
		else if (usage < 0.8 && this.rate !== undefined) {
			// A rate the sends do not reach says nothing about the bucket: it grows only while it holds sends back.
			if (this.held) this.rate += (this.step * Math.min(1000, now - this.lastChangeAt)) / 1000;
			this.held = false;
			this.lastChangeAt = now;
		}
		this.lastUsage = usage;
	}

	/**
	 * Slow start. The first window is a probe: it doubles only once all of it has come back clean,
	 * so answers that come back before the first header cannot send more into a bucket that is
	 * already full. After that the window grows by each clean answer (doubling per round trip, as
	 * TCP's slow start does), without waiting for the slowest answer of a round. A window the sends
	 * do not use says nothing about the bucket: the probe doubles only when it held sends back, and
	 * the window grows afterwards only while at least half of it is in flight.
	 */
	private grow(units: number) {
		if (this.probed) {
			// In use means at least half the window in flight (RFC 7661's test), pauses notwithstanding.
			if (this.inFlight >= this.window / 2) this.window += units;
			return;
		}
		this.cleanSinceGrowth += units;
		if (this.cleanSinceGrowth < this.window) return;
		if (this.held) {
			this.window *= 2;
			this.probed = true;
		}
		this.held = false;
		this.cleanSinceGrowth = 0;
	}

	/**
	 * A 429 from this lane's bucket: halve the rate, once per throttling episode. Requests sent
	 * before the last one's Retry-After ran out met the debt Graph charged for the earlier
	 * overshoot (it keeps counting throttled requests), not a new one.
	 */
	throttled(sentAt: number, now: number) {
		if (sentAt < this.pausedUntil) return;
		this.decrease(0.5, sentAt, now);
	}

	/** A signal (limit percentage, 429): slow down, once per round trip (answers sent before the last decrease add nothing). */
	decrease(factor: number, sentAt: number, now: number) {
		if (this.fixedRate !== undefined || sentAt < this.lastDecreaseAt) return;
		if (this.rate === undefined) {
			// The first signal: what Graph let through over the last second is the first estimate.
			const goodput = this.goodput(now);
			this.step = Math.max(MIN_STEP, goodput * INCREASE_SHARE);
			this.rate = Math.max(MIN_RATE, goodput * FIRST_RATE_SHARE);
		} else {
			this.rate = Math.max(MIN_RATE, this.rate * factor);
		}
		this.nextAt = Math.max(this.nextAt, now);
		this.lastDecreaseAt = now;
		this.lastChangeAt = now;
	}

	/** Units Graph let through over the last second, per second. */
	private goodput(now: number): number {
		this.note(0, now);
		return Math.max(MIN_RATE, this.admitted.reduce((sum, [, units]) => sum + units, 0) / (GOODPUT_SPAN_MS / 1000));
	}

	private note(units: number, now: number) {
		while (this.admitted.length && this.admitted[0][0] < now - GOODPUT_SPAN_MS) this.admitted.shift();
		if (units > 0) this.admitted.push([now, units]);
	}
}

const pacers = new Map<string, Pacer>();
const tenantLanes = new Map<string, Lane>();

/** Paces every request of this process to one identity + tenant + cloud, across items and executions. */
export class Pacer {
	private readonly lanes = new Map<LaneName, Lane>();
	private requestsInFlight = 0;
	private waiters = new Set<AbortController>();

	constructor(tenantKey: string) {
		// Identity Protection's limit is the tenant's, for all apps: one lane per tenant and cloud.
		if (!tenantLanes.has(tenantKey)) tenantLanes.set(tenantKey, new Lane(IDENTITY_PROTECTION_RATE));
		this.lanes.set('identityProtection', tenantLanes.get(tenantKey)!);
	}

	/** The process-wide pacer of one identity (app or user) in one tenant on one Graph host. */
	static for(graphRoot: string, tenant: string, identity: string): Pacer {
		const tenantKey = `${graphRoot}|${tenant.toLowerCase()}`;
		const key = `${tenantKey}|${identity}`;
		if (!pacers.has(key)) pacers.set(key, new Pacer(tenantKey));
		return pacers.get(key)!;
	}

	lane(name: LaneName): Lane {
		if (!this.lanes.has(name)) this.lanes.set(name, new Lane());
		return this.lanes.get(name)!;
	}

	/**
	 * Waits until the calls (one request, or the requests of one $batch envelope) may go, and while
	 * `maxInFlight` (a run's Worker Concurrency, 0 for none) requests of this process are in flight.
	 */
	async acquire(calls: GraphCall[], maxInFlight = 0): Promise<Ticket> {
		const costs = new Map<LaneName, number>();
		for (const call of calls) costs.set(laneOf(call), (costs.get(laneOf(call)) ?? 0) + 1);
		for (;;) {
			const now = Date.now();
			let wait = maxInFlight > 0 && this.requestsInFlight >= maxInFlight ? Infinity : 0;
			for (const [name, cost] of costs) wait = Math.max(wait, this.lane(name).delay(cost, now));
			if (wait <= 0) {
				for (const [name, cost] of costs) this.lane(name).reserve(cost, now);
				this.requestsInFlight++;
				return { sentAt: now, costs, requests: calls.length };
			}
			await this.sleep(wait);
		}
	}

	/** Learns from the answers to a ticket's calls, then frees its place. */
	settle(ticket: Ticket, signals: PaceSignal[]) {
		const now = Date.now();
		const seen = new Map<LaneName, { units: number; usage: number }>();
		for (const signal of signals) {
			const names = signal.call ? [laneOf(signal.call)] : [...ticket.costs.keys()];
			if (signal.status === 429 || signal.status === 503) {
				// A bucket's 429 names its scope: all its lanes wait and slow down. Without a scope (a 503,
				// a 429 under load) Graph says nothing about our rate: those lanes only wait.
				// Identity Protection's own limit is its lane's, whatever scope the 429 names.
				const scoped = names.includes('identityProtection') ? undefined : scopeLanes(headerIn(signal.headers, 'x-ms-throttle-scope'));
				for (const name of scoped ?? names) {
					if (scoped) this.lane(name).throttled(ticket.sentAt, now);
					this.lane(name).pause(signal.pauseMs ?? 1000, now);
				}
				continue;
			}
			if (signal.status >= 400) continue;
			const units = Number(headerIn(signal.headers, 'x-ms-resource-unit'));
			const usage = Number(headerIn(signal.headers, 'x-ms-throttle-limit-percentage'));
			for (const name of names) {
				const lane = seen.get(name) ?? { units: 0, usage: 0 };
				lane.units += signal.call ? 1 : ticket.requests;
				if (usage > lane.usage) lane.usage = usage;
				seen.set(name, lane);
				if (name === 'read' && units > 1) this.lane(name).charge(units - 1);
			}
		}
		for (const [name, { units, usage }] of seen) this.lane(name).answered(units, usage, ticket.sentAt, now);
		for (const [name, cost] of ticket.costs) this.lane(name).release(cost, now);
		this.requestsInFlight = Math.max(0, this.requestsInFlight - 1);
		for (const waiter of this.waiters) waiter.abort();
		this.waiters.clear();
	}

	/** Sleeps `ms` (forever when Infinity) or until an answer frees a place. */
	private async sleep(ms: number) {
		const waiter = new AbortController();
		this.waiters.add(waiter);
		await sleepWithAbort(Number.isFinite(ms) ? ms : 2 ** 31 - 1, waiter.signal).catch(() => undefined);
		this.waiters.delete(waiter);
	}
}
